"""Saving under a name (Ctrl+S) and loading from the list of saves, damaged ones included with their reason."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game import paths
from partnership_game.session import SaveError, texts
from partnership_game.session.saves import SaveSummary, list_saves, parse_save, read_save_bytes, session_from_save
from partnership_game.ui import fitting, rich
from partnership_game.ui.game import Game
from partnership_game.ui.screen import Focus, ModalScreen
from partnership_game.ui.strings import t


def safe_file_name(name: str) -> str:
    """A player's save name as a file name: letters, digits, dashes; nothing that leaves the saves folder."""
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:60]
    return cleaned or datetime.datetime.now().strftime("save-%Y%m%d-%H%M%S")


class SaveScreen(ModalScreen):
    width_share = 0.5
    height_share = 0.36

    def __init__(self, app: Any, game: Game) -> None:
        super().__init__(app)
        self.game = game
        self.message = ""

    def build(self) -> None:
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad = self.app.px(16)
        row = self.app.px(40)
        self.add(
            pygame_gui.elements.UILabel(
                pygame.Rect(pad, pad, rect.width - 2 * pad, self.app.px(34)),
                t("save.heading"),
                self.app.manager,
                container=panel,
                object_id=ObjectID(class_id="@heading"),
            )
        )
        model = self.game.scenario.model
        turn = model.turns[min(self.game.session.state.turn, len(model.turns) - 1)]
        default = f"{model.id}-{turn.date}"
        self.entry = self.add(
            pygame_gui.elements.UITextEntryLine(
                pygame.Rect(pad, pad + self.app.px(48), rect.width - 2 * pad, row),
                self.app.manager,
                container=panel,
                object_id=ObjectID(object_id="#save_name"),
            )
        )
        self.entry.set_text(default)
        self.entry.focus()
        self.note = self.add(
            pygame_gui.elements.UITextBox(
                rich.escape(self.message),
                pygame.Rect(pad, pad + self.app.px(96), rect.width - 2 * pad, self.app.px(60)),
                self.app.manager,
                container=panel,
            )
        )
        width = self.app.px(140)
        self.button = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(rect.width - pad - width, rect.height - pad - row, width, row),
                t("save.do"),
                self.app.manager,
                container=panel,
                object_id=ObjectID(class_id="@primary", object_id="#save"),
            )
        )
        self.make_close_button(panel)
        self.focus = Focus(self, [self.entry, self.button, self.close_button])

    def enter(self) -> None:
        self.app.sound.play("page")  # a dialog opens like a folder: the page sound (issue 14)
        super().enter()

    def save(self) -> None:
        path = paths.saves_dir() / f"{safe_file_name(self.entry.get_text())}.json"
        try:
            self.game.save_as(path)
            self.message = t("save.done", path=path)
        except OSError as exc:
            self.message = t("save.failed", reason=exc.strerror or exc)
        self.note.set_text(rich.escape(self.message))

    def handle(self, event: pygame.event.Event) -> bool:
        if self.focus is not None and self.focus.handle(event):
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.save()
            return True
        return super().handle(event)

    def on_ui(self, event: pygame.event.Event) -> None:
        if self.closing(event):
            return
        pressed = event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.button
        if pressed or (event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry):
            self.save()


class LoadScreen(ModalScreen):
    width_share = 0.7
    height_share = 0.75

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.saves: list[SaveSummary] = []
        self.row_room = 0  # pixels for a list row's text, set by each build

    def label_forms(self, summary: SaveSummary) -> list[str]:
        """A row's forms, fullest first; every form names the file, so two saves never read alike."""
        name = summary.path.name
        if summary.error:
            return [t("load.damaged", name=name, reason=summary.error), t("load.damaged_short", name=name), name]
        turn = (t("load.turn_of", turn=summary.turn, turns=summary.turns) if summary.turns
                else t("load.turn", turn=summary.turn))
        saved = summary.saved.replace("T", " ")[:16]
        full = t("load.entry", scenario=summary.scenario_id, date=summary.date, turn=turn,
                 player=summary.player or "—", file=name, saved=saved)
        forms = [full, t("load.entry_mid", date=summary.date, turn=turn, saved=saved, file=name),
                 t("load.entry_short", date=summary.date, turn=turn, file=name)]
        if summary.class_title:  # a class game says so in every form that fits: it matters more than the time saved
            forms = [t("class.load_entry", entry=form, title=summary.class_title) for form in forms] + forms[-1:]
        return [*forms, name]

    def label(self, summary: SaveSummary) -> str:
        return fitting.row_label(self.label_forms(summary), self.app.px(fitting.LIST_ROW_SIZE), self.row_room)

    def build(self) -> None:
        self.saves = list_saves(paths.saves_dir())
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad = self.app.px(16)
        row = self.app.px(42)
        self.add(
            pygame_gui.elements.UILabel(
                pygame.Rect(pad, pad, rect.width - 2 * pad, self.app.px(34)),
                t("load.heading"),
                self.app.manager,
                container=panel,
                object_id=ObjectID(class_id="@heading"),
            )
        )
        list_rect = pygame.Rect(
            pad, pad + self.app.px(44), rect.width - 2 * pad, rect.height - 3 * pad - row - self.app.px(44)
        )
        scrolls = len(self.saves) * self.app.px(30) > list_rect.height
        self.row_room = fitting.list_text_width(self.app, list_rect.width, scrolls)
        items = [self.label(s) for s in self.saves] or [t("load.none")]
        self.list = self.add(
            pygame_gui.elements.UISelectionList(
                list_rect,
                items,
                self.app.manager,
                container=panel,
                object_id=ObjectID(object_id="#saves"),
                default_selection=items[0] if self.saves else None,
            )
        )
        width = self.app.px(140)
        self.button = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(rect.width - pad - width, rect.height - pad - row, width, row),
                t("load.do"),
                self.app.manager,
                container=panel,
                object_id=ObjectID(class_id="@primary", object_id="#load"),
            )
        )
        self.make_close_button(panel)
        self.focus = Focus(self, [self.list, self.button, self.close_button])

    def enter(self) -> None:
        self.app.sound.play("page")  # a dialog opens like a folder: the page sound (issue 14)
        super().enter()

    def selected(self) -> SaveSummary | None:
        chosen = self.list.get_single_selection()
        for summary in self.saves:
            if self.label(summary) == chosen:
                return summary
        return None

    def load(self, summary: SaveSummary | None = None) -> None:
        summary = summary or self.selected()
        if summary is not None:
            open_save(self.app, summary.path)

    def handle(self, event: pygame.event.Event) -> bool:
        if self.focus is not None and self.focus.handle(event):
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.load()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN) and self.saves:
            labels = [self.label(s) for s in self.saves]
            current = self.list.get_single_selection()
            index = labels.index(current) if current in labels else -1
            index = (index + (1 if event.key == pygame.K_DOWN else -1)) % len(labels)
            self._select(labels[index])
            return True
        return super().handle(event)

    def _select(self, label: str) -> None:
        for item in self.list.item_list:
            item["selected"] = item["text"] == label
            element = item.get("button_element")
            if element is not None:
                element.select() if item["selected"] else element.unselect()
        self.app.dirty = True

    def on_ui(self, event: pygame.event.Event) -> None:
        if self.closing(event):
            return
        pressed = event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.button
        if pressed or event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            self.load()


def open_save(app: Any, path: Path) -> bool:
    """Play a saved game from where it was left: its turn, its debrief, or an outcome screen the player had not
    closed (the autosave keeps it), shown again over its turn. A save that cannot be read says why; False then."""
    try:
        save = parse_save(read_save_bytes(path))
        session = session_from_save(save, str(path))
    except SaveError as exc:
        app.open("message", t("error.heading"), f"{path.name}: {exc}")
        return False
    note = t("load.changed") if app.services.scenario_changed(session.scenario) else None
    game = Game(session, note, loaded_from=path)  # an autosave goes on in its own file
    app.call("classroom.adopt", app, game)  # a class game stays one: its class, rules, clock and Hand in
    # Issue 16: a game of two sides goes on at its side's hand-over or turn.
    if app.call("sides_flow.resume", app, game, loaded_from=path):
        return True
    outcome = save.outcome
    if outcome is not None and outcome.node == session.timeline.current:
        game.outcome = outcome
        turn = app.open_alone("turn", game)
        entries = game.entries()[outcome.entries:]
        landed = texts.happened(session)[outcome.told:]
        app.open("consequences", game, entries, landed, on_result=lambda _: turn.after_consequences())
    elif session.stopped:  # the campaign's end, or the lesson's
        app.open_alone("debrief", game)
    else:
        app.open_alone("turn", game)
    return True
