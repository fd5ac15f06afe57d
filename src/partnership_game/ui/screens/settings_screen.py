"""Settings in three groups (display, play, sound) over two columns; each applies at once and is kept."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.ui import drawing
from partnership_game.ui.screen import Focus, ModalScreen
from partnership_game.ui.settings import PALETTE_NAMES, TEXT_SCALES, WINDOW_SIZES
from partnership_game.ui.strings import t

# The groups, column by column (reading order, which is also the Tab order). Eleven rows in one column did not fit
# above Done at 1024×600 and 140 % text; in two, the longest column holds six rows and two group titles.
COLUMNS: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...] = (
    (("display", ("window", "fullscreen", "text", "palette", "motion")),),
    (("play", ("previews", "history")), ("sound", ("mute", "master", "music", "effects"))),
)
LEVELS = tuple(range(0, 101, 20))  # volume steps in per cent; a level set another way is kept in its place
VOLUMES = {"master": "master_volume", "music": "music_volume", "effects": "effects_volume"}


def _size_label(size: tuple[int, int]) -> str:
    return f"{size[0]} × {size[1]}"


def _percent(value: float) -> str:
    return f"{round(value * 100)} %"


def _levels(value: float) -> tuple[list[str], str]:
    """A volume's choices in order, with the current level among them even when it is not a step (50 %)."""
    steps = sorted({*LEVELS, round(value * 100)})
    return [f"{v} %" for v in steps], _percent(value)


class SettingsScreen(ModalScreen):
    """Every setting a drop-down, by mouse or keyboard: Tab and Shift+Tab go through them column by column, the
    arrows step a closed one's value, Enter or Space opens it (Up/Down, Enter takes, Esc closes the list). Each
    change applies at once. Done (or Esc, or a click outside) closes the dialog; an open list never reaches over
    Done or out of the dialog (the lower rows open upwards)."""

    width_share = 0.56
    height_share = 0.9
    cancel_result = "rebuild"

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.controls: dict[str, Any] = {}

    def rows(self) -> dict[str, tuple[list[str], str]]:
        """Each setting's choices and its current value, by key."""
        settings = self.app.settings
        on, off = t("settings.on"), t("settings.off")

        def switch(value: bool) -> tuple[list[str], str]:
            return [on, off], on if value else off

        return {
            "window": ([_size_label(s) for s in WINDOW_SIZES], _size_label((settings.width, settings.height))),
            "fullscreen": switch(settings.fullscreen),
            "text": ([_percent(s) for s in TEXT_SCALES], _percent(settings.text_scale)),
            "palette": ([t(f"settings.palette.{p}") for p in PALETTE_NAMES], t(f"settings.palette.{settings.palette}")),
            "motion": switch(settings.reduce_motion),
            "previews": switch(settings.show_previews),
            "history": switch(settings.show_history),
            "mute": switch(settings.mute),
            **{key: _levels(getattr(settings, field)) for key, field in VOLUMES.items()},
        }

    # ---- layout --------------------------------------------------------------------------------------------

    def _widths(self) -> tuple[int, int]:
        """The widest row label and the widest choice (with the drop-down's arrow and padding), in pixels."""
        rows = self.rows()
        size = self.app.px(16)
        label = max(drawing.rendered(t(f"settings.{key}"), size, (0, 0, 0)).get_width() for key in rows)
        choice = max(drawing.rendered(option, size, (0, 0, 0), True).get_width()
                     for options, current in rows.values() for option in (*options, current))
        return label + self.app.px(24), choice + self.app.px(52)  # pygame_gui pads a label a little more

    def panel_rect(self) -> pygame.Rect:
        """Wide enough for two columns of label and choice, as tall as the rows at their comfortable height (both
        never more than the window allows: then the rows share what there is)."""
        w, h = self.app.size
        px = self.app.px
        label_w, control_w = self._widths()
        needed_w = 2 * (label_w + control_w) + px(28) + 2 * px(16) + 8
        units = max(len(groups) * px(28) + sum(len(keys) for _, keys in groups) * px(46) for groups in COLUMNS)
        needed_h = 2 * px(16) + px(34) + px(8) + units + px(24) + px(40) + 8
        pw = min(max(int(w * self.width_share), needed_w, 420), w - 40)
        ph = min(max(needed_h, 300), int(h * self.height_share), h - 40)
        return pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph)

    def build(self) -> None:
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        px, manager = self.app.px, self.app.manager
        pad, heading_h, button_h = px(16), px(34), px(40)
        self.add(pygame_gui.elements.UILabel(pygame.Rect(pad, pad, rect.width - 2 * pad, heading_h),
                                             t("settings.heading"), manager, container=panel,
                                             object_id=ObjectID(class_id="@heading")))
        done_top = rect.height - pad - button_h
        top = pad + heading_h + px(8)
        gap = px(28)
        column_w = (rect.width - 2 * pad - gap) // 2
        label_w = min(self._widths()[0], column_w // 2)
        group_h = px(28)
        # One row height for both columns (their rows line up): what the fullest column leaves, at most comfortable.
        room = done_top - px(10) - top
        step = min(px(46), min((room - len(groups) * group_h) // sum(len(keys) for _, keys in groups)
                               for groups in COLUMNS))
        row = max(step - px(6), 1)
        choices = self.rows()
        self.controls = {}
        for column, groups in enumerate(COLUMNS):
            x = pad + column * (column_w + gap)
            y = top
            for group, keys in groups:
                self.add(pygame_gui.elements.UILabel(
                    pygame.Rect(x, y, column_w, group_h), t(f"settings.group.{group}"), manager, container=panel,
                    object_id=ObjectID(class_id="@settings_group", object_id=f"#settings_group_{group}")))
                y += group_h
                for key in keys:
                    self._row(panel, key, *choices[key], pygame.Rect(x, y, column_w, row), label_w,
                              up=y + row / 2 > (top + done_top) / 2, top=top, done_top=done_top)
                    y += step
        width = px(140)
        lesson = self.app.lesson
        if lesson is not None and lesson.model.mute:  # the levels stay the player's; the lesson is silent anyway
            self.add(pygame_gui.elements.UILabel(
                pygame.Rect(pad, done_top, rect.width - 3 * pad - width, button_h), t("settings.class_mute"),
                manager, container=panel,
                object_id=ObjectID(class_id="@settings_label", object_id="#settings_class_mute")))
        self.done = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(rect.width - pad - width, done_top, width, button_h), t("settings.done"), manager,
            container=panel, object_id=ObjectID(class_id="@primary", object_id="#settings_done")))
        self.close_button = self.done
        start = self.focus.index if self.focus is not None else 0  # a change rebuilds the dialog: keep the place
        self.focus = Focus(self, [*self.controls.values(), self.done], start=start)

    def _row(self, panel: Any, key: str, options: list[str], current: str, rect: pygame.Rect, label_w: int, *,
             up: bool, top: int, done_top: int) -> None:
        manager = self.app.manager
        self.add(pygame_gui.elements.UILabel(
            pygame.Rect(rect.x, rect.y, label_w, rect.h), t(f"settings.{key}"), manager, container=panel,
            object_id=ObjectID(class_id="@settings_label", object_id=f"#settings_label_{key}")))
        if current not in options:
            options = [current, *options]
        # A lower row's list opens upwards, so no list covers Done or leaves the dialog; a long one scrolls.
        room = rect.y - top if up else done_top - self.app.px(6) - rect.bottom
        self.controls[key] = self.add(pygame_gui.elements.UIDropDownMenu(
            list[str | tuple[str, str]](options), current,
            pygame.Rect(rect.x + label_w, rect.y, rect.w - label_w, rect.h), manager,
            container=panel, object_id=ObjectID(class_id="@settings_up" if up else None, object_id=f"#setting_{key}"),
            expansion_height_limit=max(room, rect.h)))

    # ---- changes -------------------------------------------------------------------------------------------

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
        switches = {"fullscreen": "fullscreen", "previews": "show_previews", "history": "show_history",
                    "motion": "reduce_motion", "mute": "mute"}
        if key == "window":
            width, height = (int(v) for v in value.replace(" ", "").split("×"))
            settings = replace(settings, width=width, height=height)
        elif key == "text":
            settings = replace(settings, text_scale=int(value.rstrip(" %")) / 100)
        elif key == "palette":
            name = next(p for p in PALETTE_NAMES if t(f"settings.palette.{p}") == value)
            settings = replace(settings, palette=name)
        elif key in switches or key in VOLUMES:
            changes: dict[str, Any] = ({switches[key]: on} if key in switches else
                                       {VOLUMES[key]: int(value.rstrip(" %")) / 100})
            settings = replace(settings, **changes)
        self.app.apply_settings(settings.validated())
        if key in ("master", "effects", "mute"):
            self.app.sound.play("choose")  # the new level, heard (or, muted, not)
