"""The odds dialogs' shared part (the world's odds and a side's): the hatched bar fill, and the dialog frame with
its policy switch, Close button and chart image, repainted while a worker thread's results come in."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.ui.screen import Focus, ModalScreen
from partnership_game.ui.strings import t

# Hatching for the bar segments, so endings differ by pattern as well as colour.
PATTERNS = ("solid", "diagonal", "dots", "vertical", "cross", "horizontal", "back")


class OddsDialog(ModalScreen):
    """The frame both odds dialogs share; a subclass starts its `worker` and draws the chart (`paint`) and
    starts again under the other policy (`toggle`)."""

    policy: str
    worker: Any  # results: list, done: bool, cancelled: threading.Event
    seen: int

    def build(self) -> None:
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad = self.app.px(16)
        row = self.app.px(40)
        width = self.app.px(260)
        other = "random" if self.policy == "historical" else "historical"
        self.switch = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(pad, rect.height - pad - row, width, row), t(f"odds.switch.{other}"), self.app.manager,
            container=panel, object_id=ObjectID(object_id="#odds_policy")))
        self.close = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(rect.width - pad - self.app.px(140), rect.height - pad - row, self.app.px(140), row),
            t("help.close"), self.app.manager, container=panel,
            object_id=ObjectID(class_id="@primary", object_id="#odds_close")))
        self.panel = panel
        self.close_button = self.close
        self.focus = Focus(self, [self.close, self.switch])
        # The chart is drawn onto its own surface and shown as an image inside the dialog, so the dialog's
        # panel (drawn by pygame_gui over the screens' own layers) does not cover it.
        area = pygame.Rect(pad, pad, rect.width - 2 * pad, rect.height - 3 * pad - row)
        self.canvas = pygame.Surface(area.size)
        self.image = self.add(pygame_gui.elements.UIImage(area, self.canvas, self.app.manager, container=panel))
        self.paint()

    def leave(self) -> None:
        self.worker.cancelled.set()
        super().leave()

    def update(self, dt: float) -> None:
        if len(self.worker.results) != self.seen or not self.worker.done:
            # Results arrive from the thread: keep drawing until the last one is in.
            self.seen = len(self.worker.results)
            self.paint()
            self.app.dirty = True

    def paint(self) -> None:
        raise NotImplementedError

    def toggle(self) -> None:
        raise NotImplementedError

    def on_ui(self, event: pygame.event.Event) -> None:
        if self.closing(event) or event.type != pygame_gui.UI_BUTTON_PRESSED:
            return
        if event.ui_element is self.switch:
            self.toggle()

    def handle(self, event: pygame.event.Event) -> bool:
        if self.focus is not None and self.focus.handle(event):
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_o):
            self.cancel()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_p:
            self.toggle()
            return True
        return False


def fill_pattern(surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int], pattern: str) -> None:
    """A filled rectangle with a hatching pattern over it: colour is never the only way to tell endings apart."""
    pygame.draw.rect(surface, colour, rect)
    if pattern == "solid" or rect.width < 3:
        return
    lighter = tuple(min(255, c + (255 - c) // 2) for c in colour)
    clip = surface.get_clip()
    surface.set_clip(rect.clip(clip) if clip else rect)
    step = 7
    if pattern in ("diagonal", "cross"):
        for offset in range(-rect.height, rect.width, step):
            pygame.draw.line(surface, lighter, (rect.left + offset, rect.bottom), (rect.left + offset + rect.height,
                                                                                  rect.top))
    if pattern in ("back", "cross"):
        for offset in range(0, rect.width + rect.height, step):
            pygame.draw.line(surface, lighter, (rect.left + offset, rect.top), (rect.left + offset - rect.height,
                                                                               rect.bottom))
    if pattern == "vertical":
        for x in range(rect.left + 2, rect.right, step):
            pygame.draw.line(surface, lighter, (x, rect.top), (x, rect.bottom))
    if pattern == "horizontal":
        for y in range(rect.top + 2, rect.bottom, step):
            pygame.draw.line(surface, lighter, (rect.left, y), (rect.right, y))
    if pattern == "dots":
        for x in range(rect.left + 3, rect.right, step):
            for y in range(rect.top + 3, rect.bottom, step):
                surface.set_at((x, y), lighter)
    surface.set_clip(clip)
