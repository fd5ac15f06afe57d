"""The hand-over: a full-window cover between two players at one screen; no meter, no word of the last view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from partnership_game.inert import inert_line
from partnership_game.session.texts import in_sentence
from partnership_game.ui import drawing
from partnership_game.ui.screen import Screen
from partnership_game.ui.strings import t


class HandoverScreen(Screen):
    """Opaque, so nothing under it is drawn; Enter, Space or a click hands the screen to the next side."""

    def __init__(self, app: Any, label: str, name: str | None, then: Callable[[], None], game: Any = None,
                 note: str = "") -> None:
        super().__init__(app)
        self.label = label
        self.name = name
        self.then = then
        self.game = game  # the game under the cover: a class's clock keeps running while the seat changes
        self.note = note  # what the side taking the screen is told first (the answer to its step back)

    def lines(self) -> list[tuple[str, int, bool]]:
        """(text, base size, bold) from the top: who the screen goes to, their name, what to press."""
        lines = [(t("handover.pass", label=inert_line(in_sentence(self.label))), 34, True)]
        if self.name:
            lines.append((t("handover.player", name=inert_line(self.name)), 24, False))
        if self.note:
            lines.append((self.note, 19, False))
        lines.append((t("handover.press"), 17, False))
        return lines

    def draw(self, surface: pygame.Surface) -> None:
        palette = self.app.palette
        w, h = self.app.size
        margin = self.app.px(30)
        sheet = pygame.Rect(margin, margin, w - 2 * margin, h - 2 * margin)
        drawing.paper(surface, sheet, palette)
        room = sheet.width - 2 * self.app.px(40)
        lines = self.lines()
        gap = self.app.px(26)
        heights = [self.app.px(size) + gap for _, size, _ in lines]
        y = sheet.centery - sum(heights) // 2
        for (text, size, bold), height in zip(lines, heights, strict=True):
            px = self.app.px(size)
            colour = palette.ink if bold else palette.ink_soft
            drawing.text(surface, (sheet.centerx, y + px // 2), drawing.fit(text, px, room, bold=bold), px, colour,
                         bold=bold, anchor="center")
            y += height

    def proceed(self) -> None:
        self.app.sound.play("choose")
        self.then()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.proceed()
            return True
        if event.type == pygame.MOUSEBUTTONUP and getattr(event, "button", 0) == 1:
            self.proceed()
            return True
        return False
