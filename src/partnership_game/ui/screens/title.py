"""The title screen: the dossier's cover, and the way into a new game, a saved one, the settings and help."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.ui import drawing
from partnership_game.ui.screen import ButtonColumn, Screen
from partnership_game.ui.strings import t

ITEMS = ("play", "continue", "load", "class", "settings", "help", "quit")


class TitleScreen(Screen):
    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.buttons: dict[Any, str] = {}

    def cover(self) -> pygame.Rect:
        w, h = self.app.size
        cw, ch = min(int(w * 0.62), self.app.px(900)), int(h * 0.8)
        return pygame.Rect((w - cw) // 2, (h - ch) // 2, cw, ch)

    def build(self) -> None:
        cover = self.cover()
        items = [i for i in ITEMS if i != "continue" or self.app.services.latest_autosave() is not None]
        width = min(self.app.px(320), cover.width - self.app.px(60))
        step = self.app.px(50)
        top = cover.bottom - self.app.px(40) - step * len(items)
        self.buttons = {}
        for k, item in enumerate(items):
            button = self.add(
                pygame_gui.elements.UIButton(
                    pygame.Rect(cover.centerx - width // 2, top + k * step, width, step - self.app.px(10)),
                    t(f"title.{item}"),
                    self.app.manager,
                    object_id=ObjectID(class_id="@primary" if k == 0 else "@menu_button", object_id=f"#title_{item}"),
                )
            )
            self.buttons[button] = item
        self.keys = ButtonColumn(list(self.buttons))

    def draw(self, surface: pygame.Surface) -> None:
        palette = self.app.palette
        cover = self.cover()
        drawing.paper(surface, cover, palette)
        # A folder tab and a ruled header: the look of a case file.
        tab = pygame.Rect(cover.left + self.app.px(30), cover.top - self.app.px(22), self.app.px(180), self.app.px(26))
        pygame.draw.rect(surface, palette.paper_shade, tab, border_top_left_radius=6, border_top_right_radius=6)
        drawing.text(
            surface, tab.center, "CASE FILE 2001/09", self.app.px(12), palette.ink_soft, bold=True, anchor="center"
        )
        y = cover.top + self.app.px(44)
        drawing.text(
            surface,
            (cover.centerx, y),
            t("app.title").upper(),
            self.app.px(44),
            palette.ink,
            bold=True,
            anchor="midtop",
        )
        y += self.app.px(64)
        drawing.text(surface, (cover.centerx, y), t("app.subtitle"), self.app.px(18), palette.ink_soft, anchor="midtop")
        y += self.app.px(40)
        drawing.rule(surface, (cover.left + self.app.px(40), y), (cover.right - self.app.px(40), y), palette)
        stamp = pygame.Rect(0, 0, self.app.px(250), self.app.px(58))
        stamp.midtop = (cover.centerx, y + self.app.px(16))
        drawing.stamp(surface, stamp, ["11 Sep 2001 – 28 May 2002", "Moscow · Washington"], palette, self.app.px(16))
        hint = t("title.hint")
        drawing.text(
            surface,
            (cover.centerx, cover.bottom - self.app.px(14)),
            hint,
            self.app.px(12),
            palette.ink_soft,
            anchor="midbottom",
        )

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            self.choose(self.buttons[event.ui_element])

    def choose(self, item: str) -> None:
        app = self.app
        if item == "play" and app.classroom is not None:
            from partnership_game.ui.screens.classroom import start_class

            start_class(app, app.classroom)
        elif item == "play":
            from partnership_game.ui.screens.picker import PickerScreen

            app.replace(PickerScreen(app))
        elif item == "continue":
            from partnership_game.ui.screens.saves import LoadScreen

            screen = LoadScreen(app)
            app.push(screen)
            latest = app.services.latest_autosave()
            if latest is not None:
                screen.load(latest)
        elif item == "load":
            from partnership_game.ui.screens.saves import LoadScreen

            app.push(LoadScreen(app))
        elif item == "class":
            from partnership_game.ui.screens.classroom import open_class_file

            open_class_file(app)
        elif item == "settings":
            from partnership_game.ui.screens.settings_screen import SettingsScreen

            app.push(SettingsScreen(app), on_result=lambda _: self.rebuild())
        elif item == "help":
            from partnership_game.ui.screens.help import HelpScreen

            app.push(HelpScreen(app))
        elif item == "quit":
            app.quit()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        pressed = self.keys.handle(event)
        if pressed is not None:
            self.choose(self.buttons[pressed])
        elif event.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_TAB):
            pass  # the focus moved
        elif event.key == pygame.K_F1:
            self.choose("help")
        elif event.key == pygame.K_ESCAPE:
            self.choose("settings")
        else:
            return False
        return True
