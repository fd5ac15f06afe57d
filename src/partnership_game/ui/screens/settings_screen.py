"""Settings: window size, fullscreen, text size, palette, previews, marks, motion; kept in the user config folder."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.ui.screen import Focus, ModalScreen
from partnership_game.ui.settings import PALETTE_NAMES, TEXT_SCALES, WINDOW_SIZES
from partnership_game.ui.strings import t


def _size_label(size: tuple[int, int]) -> str:
    return f"{size[0]} × {size[1]}"


class SettingsScreen(ModalScreen):
    """Every setting a drop-down, by mouse or keyboard (Tab to it, Enter opens, Up/Down, Enter takes, Esc closes
    the list); each applies at once. Done (or Esc, or a click outside) closes the dialog; an open list never
    reaches over Done."""

    width_share = 0.56
    height_share = 0.9
    cancel_result = "rebuild"

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.controls: dict[str, Any] = {}

    def rows(self) -> list[tuple[str, list[str], str]]:
        settings = self.app.settings
        on, off = t("settings.on"), t("settings.off")

        def switch(value: bool) -> tuple[list[str], str]:
            return [on, off], on if value else off

        rows: list[tuple[str, list[str], str]] = [
            ("window", [_size_label(s) for s in WINDOW_SIZES], _size_label((settings.width, settings.height))),
            ("fullscreen", *switch(settings.fullscreen)),
            ("text", [f"{round(s * 100)} %" for s in TEXT_SCALES], f"{round(settings.text_scale * 100)} %"),
            ("palette", [t(f"settings.palette.{p}") for p in PALETTE_NAMES], t(f"settings.palette.{settings.palette}")),
            ("previews", *switch(settings.show_previews)),
            ("history", *switch(settings.show_history)),
        ]
        if hasattr(settings, "reduce_motion"):
            rows.append(("motion", *switch(bool(settings.reduce_motion))))
        # Sound in two rows, so every open list still stops above Done: the sound's level ("off" mutes it) and the
        # music's share of it. Drop-downs, because the focus ring and the keyboard already work them.
        levels = [f"{v * 20} %" for v in range(1, 6)]
        sound = off if settings.mute else f"{round(settings.master_volume * 5) * 20} %"
        rows.append(("sound", [off, *levels], sound))
        rows.append(("music", [off, *levels], off if settings.music_volume == 0 else
                     f"{round(settings.music_volume * 5) * 20} %"))
        return rows

    def build(self) -> None:
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad = self.app.px(16)
        manager = self.app.manager
        heading_h = self.app.px(34)
        self.add(
            pygame_gui.elements.UILabel(
                pygame.Rect(pad, pad, rect.width - 2 * pad, heading_h),
                t("settings.heading"),
                manager,
                container=panel,
                object_id=ObjectID(class_id="@heading"),
            )
        )
        rows = self.rows()
        button_h = self.app.px(40)
        done_top = rect.height - pad - button_h
        top = pad + heading_h + self.app.px(12)
        # Rows share what the heading and Done leave, less room for the last row's open list to stop above Done; a
        # row never grows past its comfortable height.
        step = min(self.app.px(50), (done_top - self.app.px(8) - self.app.px(60) - top) // len(rows))
        row = max(step - self.app.px(8), 1)
        label_w = int((rect.width - 2 * pad) * 0.42)
        control_w = rect.width - 2 * pad - label_w
        self.controls = {}
        y = top
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
                    # The open list stops above Done (it scrolls when it needs more room).
                    expansion_height_limit=max(done_top - self.app.px(6) - (y + row), row),
                )
            )
            self.controls[key] = menu
            y += step
        width = self.app.px(140)
        self.done = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(rect.width - pad - width, done_top, width, button_h),
                t("settings.done"),
                manager,
                container=panel,
                object_id=ObjectID(class_id="@primary", object_id="#settings_done"),
            )
        )
        self.close_button = self.done
        start = self.focus.index if self.focus is not None else 0  # a change rebuilds the dialog: keep the place
        self.focus = Focus(self, [*self.controls.values(), self.done], start=start)

    def on_ui(self, event: pygame.event.Event) -> None:
        if self.closing(event):
            return
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for key, menu in self.controls.items():
                if event.ui_element is menu:
                    if self.focus is not None:
                        self.focus.follow(menu)
                    self.change(key, event.text)
                    return

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
        elif key == "motion":
            settings = replace(settings, reduce_motion=on)  # type: ignore[call-arg]
        elif key == "sound":
            settings = (replace(settings, mute=True) if value == t("settings.off") else
                        replace(settings, mute=False, master_volume=int(value.rstrip(" %")) / 100))
        elif key == "music":
            settings = replace(settings, music_volume=0.0 if value == t("settings.off") else
                               int(value.rstrip(" %")) / 100)
        self.app.apply_settings(settings.validated())
        if key == "sound":
            self.app.sound.play("choose")  # the new level, heard
