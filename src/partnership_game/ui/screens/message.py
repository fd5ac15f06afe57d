"""A message in the window (a damaged save, a broken scenario): read it, press OK."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.ui import rich
from partnership_game.ui.screen import ModalScreen
from partnership_game.ui.strings import t


class MessageScreen(ModalScreen):
    width_share = 0.5
    height_share = 0.42

    def __init__(self, app: Any, heading: str, message: str) -> None:
        super().__init__(app)
        self.heading = heading
        self.message = message

    def build(self) -> None:
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad = self.app.px(14)
        button_h = self.app.px(42)
        self.add(
            pygame_gui.elements.UITextBox(
                f"<font pixel_size={self.app.px(22)}><b>{rich.escape(self.heading)}</b></font>"
                f"<br><br>{rich.escape(self.message)}",
                pygame.Rect(pad, pad, rect.width - 2 * pad, rect.height - 3 * pad - button_h),
                self.app.manager,
                container=panel,
                object_id=ObjectID(object_id="#message"),
            )
        )
        width = self.app.px(140)
        self.ok = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(rect.width - pad - width, rect.height - pad - button_h, width, button_h),
                t("error.ok"),
                self.app.manager,
                container=panel,
                object_id=ObjectID(class_id="@primary", object_id="#ok"),
            )
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER):
            self.dismiss(None)
            return True
        return False

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.ok:
            self.dismiss(None)
