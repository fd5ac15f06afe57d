"""The scenario picker: built-in scenarios and the user's mods, each with its validation state; broken ones shown."""

from __future__ import annotations

import contextlib
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.scenario.discovery import ScenarioEntry
from partnership_game.ui import drawing, fitting, rich, theme
from partnership_game.ui.screen import SCROLL_KEYS, Focus, Screen, scroll
from partnership_game.ui.strings import t
from partnership_game.ui.views import long_date


def preselected(entries: list[ScenarioEntry], last: str) -> int:
    """The scenario offered first: the one last started if it is still playable, else the main campaign (of the
    playable built-in scenarios, one played from one capital, the longest: a first game needs no choice of
    sides), else the first playable one."""
    playable = [k for k, e in enumerate(entries) if e.loaded is not None]
    if not playable:
        return 0
    for k in playable:
        if last and entries[k].id == last:
            return k
    built_in = [k for k in playable if entries[k].origin == "built-in"] or playable
    return max(built_in, key=lambda k: (-len(entries[k].loaded.compiled.sides.roles),  # type: ignore[union-attr]
                                        len(entries[k].loaded.model.turns), -k))  # type: ignore[union-attr]


def remember(app: Any, scenario_id: str) -> None:
    """Keep the scenario just started for the next time the picker opens (settings that cannot be stored are
    only this session's)."""
    from dataclasses import replace

    from partnership_game.ui.settings import save_settings

    if not hasattr(app.settings, "last_scenario") or app.settings.last_scenario == scenario_id:
        return
    app.settings = replace(app.settings, last_scenario=scenario_id)
    with contextlib.suppress(OSError):
        save_settings(app.settings)


def _date(iso: str) -> str:
    parts = iso.split("-")
    return long_date(iso) if len(parts) == 3 and all(p.isdigit() for p in parts) else iso


class PickerScreen(Screen):
    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.entries: list[ScenarioEntry] = app.services.scenarios()
        self.index = preselected(self.entries, app.settings.last_scenario)
        self.focus: Focus | None = None
        self.row_room = 0  # pixels for a list row's text, set by each build

    def label_forms(self, entry: ScenarioEntry) -> list[str]:
        """A row's forms, fullest first: the list shows the fullest that fits (the detail beside it says all)."""
        origin = t("picker.builtin") if entry.origin == "built-in" else t("picker.mod")
        if entry.loaded is None:
            # A broken file has no title to go by: its file name is what its author knows it as.
            state = t("picker.broken", error=entry.first_error.format() if entry.first_error else "?")
            short = t("picker.broken_short")
            return [f"{entry.path.name} ({origin}): {state}", f"{entry.path.name} ({origin}): {short}",
                    f"{entry.path.name}: {short}", entry.path.name]
        warnings = len(entry.loaded.warnings)
        state = (t("picker.warnings_one") if warnings == 1 else t("picker.warnings", count=warnings)) if warnings \
            else t("picker.valid")
        title = entry.loaded.model.title
        forms = [t("picker.entry", title=title, origin=origin, state=state),
                 t("picker.entry_short", title=title, state=state)]
        return forms + ([title] if not warnings else [])

    def label(self, entry: ScenarioEntry) -> str:
        """The row as the list shows it at this size (labels are told apart by their title or file name)."""
        return fitting.row_label(self.label_forms(entry), self.app.px(fitting.LIST_ROW_SIZE), self.row_room)

    def sheet(self) -> pygame.Rect:
        w, h = self.app.size
        m = self.app.px(30)
        return pygame.Rect(m, m, w - 2 * m, h - 2 * m)

    def list_width(self, sheet: pygame.Rect, pad: int, row: int) -> int:
        """45 % of the sheet, or up to 60 % when a row's shortest form needs it (the detail keeps the rest)."""
        height = sheet.height - self.app.px(70) - 2 * pad - row
        scrolls = len(self.entries) * self.app.px(30) > height
        size = self.app.px(fitting.LIST_ROW_SIZE)
        needed = max((theme.font(size).size(self.label_forms(e)[-1])[0] for e in self.entries), default=0)
        base = int(sheet.width * 0.45)
        extra = needed - fitting.list_text_width(self.app, base, scrolls)
        width = min(base + max(extra, 0), int(sheet.width * 0.6))
        self.row_room = fitting.list_text_width(self.app, width, scrolls)
        return width

    def build(self) -> None:
        sheet = self.sheet()
        pad = self.app.px(24)
        row = self.app.px(44)
        manager = self.app.manager
        list_w = self.list_width(sheet, pad, row)
        items = [self.label(e) for e in self.entries] or [t("picker.none")]
        self.list = self.add(
            pygame_gui.elements.UISelectionList(
                pygame.Rect(
                    sheet.left + pad,
                    sheet.top + self.app.px(70),
                    list_w,
                    sheet.height - self.app.px(70) - 2 * pad - row,
                ),
                items,
                manager,
                object_id=ObjectID(object_id="#scenarios"),
                default_selection=items[self.index] if self.entries else None,
            )
        )
        self.detail = self.add(
            pygame_gui.elements.UITextBox(
                self.detail_html(),
                pygame.Rect(
                    sheet.left + 2 * pad + list_w,
                    sheet.top + self.app.px(70),
                    sheet.width - 3 * pad - list_w,
                    sheet.height - self.app.px(70) - 2 * pad - row,
                ),
                manager,
                object_id=ObjectID(object_id="#scenario_detail"),
            )
        )
        width = self.app.px(220)
        self.start = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(sheet.right - pad - width, sheet.bottom - pad - row, width, row),
                t("picker.start"),
                manager,
                object_id=ObjectID(class_id="@primary", object_id="#start"),
            )
        )
        self.back = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(sheet.left + pad, sheet.bottom - pad - row, self.app.px(140), row),
                t("picker.back"),
                manager,
                object_id=ObjectID(object_id="#back"),
            )
        )
        start = self.focus.index if self.focus is not None else 0
        self.focus = Focus(self, [self.list, self.detail, self.start, self.back], start=start)

    def detail_html(self) -> str:
        if not self.entries:
            return t("picker.none")
        entry = self.entries[self.index]
        if entry.loaded is None and entry.error is not None:
            problems = "<br>".join(rich.escape(d.format()) for d in entry.error.diagnostics[:12])
            more = len(entry.error.diagnostics) - 12
            return f"<b>{rich.escape(entry.path.name)}</b><br><br>{problems}" + (
                f"<br>… and {more} more" if more > 0 else ""
            )
        assert entry.loaded is not None
        model = entry.loaded.model
        first, last = model.turns[0].date, model.turns[-1].date
        span = t("picker.span", turns=len(model.turns), first=_date(first), last=_date(last),
                 endings=len(model.endings))
        origin = t("picker.builtin") if entry.origin == "built-in" else t("picker.mod")
        return (
            f"<font pixel_size={self.app.px(22)}><b>{rich.escape(model.title)}</b></font>"
            f"<br><i>{rich.escape(origin)} · {rich.escape(', '.join(model.authors))}</i>"
            f"<br><br><b>{rich.escape(span)}</b><br><br>{rich.escape(model.description)}"
        )

    def draw(self, surface: pygame.Surface) -> None:
        sheet = self.sheet()
        drawing.paper(surface, sheet, self.app.palette)
        drawing.text(
            surface,
            (sheet.left + self.app.px(24), sheet.top + self.app.px(22)),
            t("picker.heading"),
            self.app.px(24),
            self.app.palette.ink,
            bold=True,
        )

    def select(self, index: int) -> None:
        if not self.entries:
            return
        new = index % len(self.entries)
        if new != self.index:
            self.app.sound.play("choose")
        self.index = new
        self.rebuild()

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.list:
            labels = [self.label(e) for e in self.entries]
            if event.text in labels:
                index = labels.index(event.text)
                if index != self.index:
                    self.app.sound.play("choose")
                self.index = index
                self.detail.set_text(self.detail_html())
        elif event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            self.begin()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.start:
                self.begin()
            elif event.ui_element is self.back:
                self.to_title()

    def begin(self) -> None:
        if not self.entries or self.entries[self.index].loaded is None:
            return
        loaded = self.entries[self.index].loaded
        assert loaded is not None
        remember(self.app, loaded.model.id)
        self.app.open_alone("briefing", loaded)

    def to_title(self) -> None:
        self.app.open_alone("title")

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        on_detail = self.focus is not None and self.focus.current is self.detail
        if event.key in (pygame.K_DOWN, pygame.K_UP) and not on_detail:
            self.select(self.index + (1 if event.key == pygame.K_DOWN else -1))
        elif self.focus is not None and self.focus.handle(event):
            return True
        elif event.key in SCROLL_KEYS and scroll(self.detail, event.key):
            return True  # the scenario's detail reads to its end wherever the focus is
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.begin()
        elif event.key == pygame.K_ESCAPE:
            self.to_title()
        else:
            return False
        return True
