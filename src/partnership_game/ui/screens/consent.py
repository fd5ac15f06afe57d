"""The other side's consent to a step back at a hot seat (design §9): who asks, whether the reader's own later
decisions go too, Allow or Refuse; a full-window cover, so nothing of the asking side's hand is on the screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.inert import inert_line
from partnership_game.session.sides_consent import undoes_later_of
from partnership_game.ui import drawing, fitting
from partnership_game.ui.focus import Focus
from partnership_game.ui.screen import Screen
from partnership_game.ui.strings import t


class ConsentScreen(Screen):
    """`other` is asked to allow `asking`'s step back; `then(True)` allows it, `then(False)` refuses (N, Esc)."""

    def __init__(self, app: Any, game: Any, asking: int, other: int, then: Callable[[bool], None]) -> None:
        super().__init__(app)
        self.game = game
        self.asking = asking
        self.other = other
        self.then = then
        self.focus: Focus | None = None

    def lines(self) -> list[tuple[str, int, bool]]:
        """(text, base size, bold) from the top: the question, and whether the reader's own decisions go too."""
        lines = [(t("consent.asks", label=inert_line(self.game.role_label(self.asking))), 28, True)]
        if undoes_later_of(self.game.session, self.asking, self.other):
            lines.append((t("consent.yours"), 19, False))
        return lines

    def sheet(self) -> pygame.Rect:
        w, h = self.app.size
        margin = self.app.px(30)
        return pygame.Rect(margin, margin, w - 2 * margin, h - 2 * margin)

    def build(self) -> None:
        sheet = self.sheet()
        row, button_w, gap = self.app.px(44), self.app.px(150), self.app.px(24)
        top = sheet.centery + self.app.px(40)
        left = sheet.centerx - button_w - gap // 2
        self.allow_button = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(left, top, button_w, row), t("consent.allow"), self.app.manager,
            object_id=ObjectID(class_id="@primary", object_id="#allow"), tool_tip_text="Y"))
        self.refuse_button = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(left + button_w + gap, top, button_w, row), t("consent.refuse"), self.app.manager,
            object_id=ObjectID(object_id="#refuse"), tool_tip_text="N"))
        # Enter at once keeps things as they are: the focus starts on Refuse.
        self.focus = Focus(self, [self.allow_button, self.refuse_button], start=1)

    def draw(self, surface: pygame.Surface) -> None:
        palette = self.app.palette
        px = self.app.px
        sheet = self.sheet()
        drawing.paper(surface, sheet, palette)
        room = sheet.width - 2 * px(40)
        y = sheet.centery - px(40)
        for text, size, bold in reversed(self.lines()):
            colour = palette.ink if bold else palette.ink_soft
            height = drawing.wrapped_height(text, px(size), room, bold=bold)
            y -= height
            if drawing.rendered(text, px(size), colour, bold).get_width() <= room:  # one line: centred
                drawing.text(surface, (sheet.centerx, y), text, px(size), colour, bold=bold, anchor="midtop")
            else:  # a long label or a large text size: every word kept, on as many lines as it takes
                drawing.wrapped(surface, pygame.Rect(sheet.left + px(40), y, room, height), text, px(size), colour,
                                bold=bold)
            y -= px(14)
        hint = fitting.hint_line(t("consent.keys"), px(14), room)
        drawing.text(surface, (sheet.centerx, sheet.centery + px(40) + px(44) + px(28)), hint, px(14),
                     palette.ink_soft, anchor="center")

    def answer(self, allowed: bool) -> None:
        self.app.sound.play("choose")
        self.then(allowed)

    def handle(self, event: pygame.event.Event) -> bool:
        if self.focus is not None and self.focus.handle(event):
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_y, pygame.K_n, pygame.K_ESCAPE):
            self.answer(event.key == pygame.K_y)
            return True
        return False

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in (self.allow_button, self.refuse_button):
            self.answer(event.ui_element is self.allow_button)
