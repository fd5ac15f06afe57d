"""The menu (Esc): resume, save, load, settings, help, back to the title, quit."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.ui.game import Game
from partnership_game.ui.screen import Focus, ModalScreen
from partnership_game.ui.strings import t

ITEMS = ("resume", "branches", "save", "hand_in", "load", "settings", "help", "title", "quit")


class MenuScreen(ModalScreen):
    width_share = 0.3
    height_share = 0.7

    def __init__(self, app: Any, game: Game | None) -> None:
        super().__init__(app)
        self.game = game
        self.buttons: dict[Any, str] = {}

    def build(self) -> None:
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad = self.app.px(16)
        self.add(
            pygame_gui.elements.UILabel(
                pygame.Rect(pad, pad, rect.width - 2 * pad, self.app.px(36)),
                t("menu.heading"),
                self.app.manager,
                container=panel,
                object_id=ObjectID(class_id="@heading"),
            )
        )
        in_class = self.game is not None and self.game.session.classroom is not None
        items = [i for i in ITEMS if (self.game is not None or i not in ("save", "branches"))
                 and (in_class or i != "hand_in")]
        top = pad + self.app.px(48)
        step = min(self.app.px(52), (rect.height - top - pad) // len(items))
        self.buttons = {}
        for k, item in enumerate(items):
            button = self.add(
                pygame_gui.elements.UIButton(
                    pygame.Rect(pad, top + k * step, rect.width - 2 * pad, step - self.app.px(8)),
                    f"{t('menu.' + item)}",
                    self.app.manager,
                    container=panel,
                    object_id=ObjectID(class_id="@menu_button", object_id=f"#menu_{item}"),
                )
            )
            self.buttons[button] = item
        self.close_button = next(b for b, item in self.buttons.items() if item == "resume")
        self.focus = Focus(self, list(self.buttons), arrows=True)

    def on_ui(self, event: pygame.event.Event) -> None:
        if self.closing(event):
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            self.choose(self.buttons[event.ui_element])

    def choose(self, item: str) -> None:
        app = self.app
        if item == "resume":
            self.dismiss(None)
        elif item == "save" and self.game is not None:
            app.open("save", self.game)
        elif item == "branches" and self.game is not None:
            callback = self._on_result  # the branches' answer goes to whoever opened the menu
            self.dismiss(None)
            app.open("branches", self.game, on_result=callback)
        elif item == "hand_in" and self.game is not None:
            app.call("classroom.hand_in", app, self.game)
        elif item == "load":
            app.open("load")
        elif item == "settings":
            app.open("settings")
        elif item == "help":
            glossary = self.game.scenario.model.glossary if self.game is not None else ()
            app.open("help", glossary)
        elif item == "title":
            app.open_alone("title")
        elif item == "quit":
            app.quit()

    def handle(self, event: pygame.event.Event) -> bool:
        super().handle(event)
        return event.type == pygame.KEYDOWN  # the keys of the screen below wait until the menu is closed
