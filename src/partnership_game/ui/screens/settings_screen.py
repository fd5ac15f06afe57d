"""Settings: window size, fullscreen, text size, palette, effect previews; kept in the user config folder."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.ui.screen import ModalScreen
from partnership_game.ui.settings import PALETTE_NAMES, TEXT_SCALES, WINDOW_SIZES
from partnership_game.ui.strings import t


def _size_label(size: tuple[int, int]) -> str:
    return f"{size[0]} × {size[1]}"


class SettingsScreen(ModalScreen):
    width_share = 0.5
    height_share = 0.7

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.controls: dict[str, Any] = {}

    def build(self) -> None:
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad = self.app.px(16)
        row = self.app.px(40)
        settings = self.app.settings
        manager = self.app.manager
        self.add(
            pygame_gui.elements.UILabel(
                pygame.Rect(pad, pad, rect.width - 2 * pad, self.app.px(34)),
                t("settings.heading"),
                manager,
                container=panel,
                object_id=ObjectID(class_id="@heading"),
            )
        )
        label_w = int((rect.width - 2 * pad) * 0.42)
        control_w = rect.width - 2 * pad - label_w
        on, off = t("settings.on"), t("settings.off")
        rows: list[tuple[str, list[str], str]] = [
            ("window", [_size_label(s) for s in WINDOW_SIZES], _size_label((settings.width, settings.height))),
            ("fullscreen", [on, off], on if settings.fullscreen else off),
            ("text", [f"{round(s * 100)} %" for s in TEXT_SCALES], f"{round(settings.text_scale * 100)} %"),
            ("palette", [t(f"settings.palette.{p}") for p in PALETTE_NAMES], t(f"settings.palette.{settings.palette}")),
            ("previews", [on, off], on if settings.show_previews else off),
            ("history", [on, off], on if settings.show_history else off),
        ]
        self.controls = {}
        y = pad + self.app.px(50)
        for key, options, current in rows:
            self.add(
                pygame_gui.elements.UILabel(
                    pygame.Rect(pad, y, label_w, row), t(f"settings.{key}"), manager, container=panel
                )
            )
            if current not in options:
                options = [current, *options]
            menu = self.add(
                pygame_gui.elements.UIDropDownMenu(
                    options,
                    current,
                    pygame.Rect(pad + label_w, y, control_w, row),
                    manager,
                    container=panel,
                    object_id=ObjectID(object_id=f"#setting_{key}"),
                )
            )
            self.controls[key] = menu
            y += row + self.app.px(10)
        width = self.app.px(140)
        self.done = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(rect.width - pad - width, rect.height - pad - row, width, row),
                t("settings.done"),
                manager,
                container=panel,
                object_id=ObjectID(class_id="@primary", object_id="#settings_done"),
            )
        )

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for key, menu in self.controls.items():
                if event.ui_element is menu:
                    self.change(key, event.text)
                    return
        elif event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.done:
            self.dismiss("rebuild")

    def change(self, key: str, value: str) -> None:
        settings = self.app.settings
        on = value == t("settings.on")
        if key == "window":
            width, height = (int(v) for v in value.replace(" ", "").split("×"))
            settings = replace(settings, width=width, height=height)
        elif key == "fullscreen":
            settings = replace(settings, fullscreen=on)
        elif key == "text":
            settings = replace(settings, text_scale=int(value.rstrip(" %")) / 100)
        elif key == "palette":
            name = next(p for p in PALETTE_NAMES if t(f"settings.palette.{p}") == value)
            settings = replace(settings, palette=name)
        elif key == "previews":
            settings = replace(settings, show_previews=on)
        elif key == "history":
            settings = replace(settings, show_history=on)
        self.app.apply_settings(settings.validated())

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_RETURN):
            self.dismiss("rebuild")
            return True
        return False
