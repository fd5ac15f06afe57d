"""Classroom screens: a student's name, handing in a save, and opening a teacher's class file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.ui.game import Game
from partnership_game.ui.screen import ModalScreen
from partnership_game.ui.screens.saves import safe_file_name
from partnership_game.ui.strings import t


class NameScreen(ModalScreen):
    """Asks for the student's name or group; dismisses with the text (or None on Esc)."""

    width_share = 0.5
    height_share = 0.34

    def build(self) -> None:
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad = self.app.px(16)
        row = self.app.px(40)
        self.add(pygame_gui.elements.UILabel(pygame.Rect(pad, pad, rect.width - 2 * pad, self.app.px(34)),
                                             t("class.name"), self.app.manager, container=panel,
                                             object_id=ObjectID(class_id="@heading")))
        self.entry = self.add(pygame_gui.elements.UITextEntryLine(
            pygame.Rect(pad, pad + self.app.px(50), rect.width - 2 * pad, row), self.app.manager, container=panel,
            object_id=ObjectID(object_id="#student_name")))
        self.entry.set_text_length_limit(100)
        self.entry.focus()
        width = self.app.px(140)
        self.ok = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(rect.width - pad - width, rect.height - pad - row, width, row), t("error.ok"),
            self.app.manager, container=panel, object_id=ObjectID(class_id="@primary", object_id="#name_ok")))

    def submit(self) -> None:
        name = " ".join(self.entry.get_text().split())
        if name:
            self.dismiss(name)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.submit()
            return True
        return super().handle(event)

    def on_ui(self, event: pygame.event.Event) -> None:
        pressed = event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.ok
        if pressed or (event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry):
            self.submit()


class FolderPicker(ModalScreen):
    """pygame_gui's file dialog over a dimmed backdrop; dismisses with the picked Path (or None)."""

    width_share = 0.7
    height_share = 0.8

    def __init__(self, app: Any, title: str, start: Path, folders: bool) -> None:
        super().__init__(app)
        self.title = title
        self.start = start
        self.folders = folders

    def build(self) -> None:
        layer = 40 + 20 * (self.app.stack.index(self) if self in self.app.stack else len(self.app.stack))
        backdrop = pygame_gui.elements.UIPanel(pygame.Rect((0, 0), self.app.size), starting_height=layer,
                                               manager=self.app.manager,
                                               object_id=ObjectID(object_id="#backdrop"))
        self.add(backdrop)
        self.dialog = self.add(pygame_gui.windows.UIFileDialog(
            self.panel_rect(), self.app.manager, window_title=self.title, initial_file_path=str(self.start),
            allow_picking_directories=self.folders, allow_existing_files_only=not self.folders,
            always_on_top=True))

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_FILE_DIALOG_PATH_PICKED and event.ui_element is self.dialog:
            self.dismiss(Path(event.text))
        elif event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.dialog:
            self.dismiss(None)


def hand_in(app: Any, game: Game) -> None:
    """Write the student's save, named after the student, into a folder they pick."""
    from partnership_game.ui.screens.message import MessageScreen

    def picked(folder: Path | None) -> None:
        if folder is None:
            return
        folder = folder if folder.is_dir() else folder.parent
        player = game.session.player or "student"
        path = folder / f"{safe_file_name(player)}-{game.scenario.model.id}.json"
        try:
            game.save_as(path)
        except OSError as exc:
            app.push(MessageScreen(app, t("error.heading"), t("save.failed", reason=exc.strerror or exc)))
            return
        app.push(MessageScreen(app, t("class.handed_in_heading"), t("class.handed_in", path=path)))

    app.push(FolderPicker(app, t("class.hand_in"), Path(os.path.expanduser("~")), folders=True), on_result=picked)


def open_class_file(app: Any) -> None:
    """Pick a class file, check it, and start its lesson (or show its problems)."""
    from partnership_game.classroom.classfile import load_class_file
    from partnership_game.scenario import ScenarioError
    from partnership_game.ui.screens.message import MessageScreen

    def picked(path: Path | None) -> None:
        if path is None:
            return
        try:
            loaded = load_class_file(path)
        except ScenarioError as exc:
            app.push(MessageScreen(app, t("error.heading"), "\n".join(d.format() for d in exc.diagnostics[:8])))
            return
        start_class(app, loaded)

    app.push(FolderPicker(app, t("class.open"), Path(os.path.expanduser("~")), folders=False), on_result=picked)


def start_class(app: Any, loaded: Any) -> None:
    """Open the briefing of a class file's scenario, with its seed and rules."""
    from partnership_game import paths
    from partnership_game.scenario import ScenarioError
    from partnership_game.scenario.discovery import resolve
    from partnership_game.ui.screens.briefing import BriefingScreen
    from partnership_game.ui.screens.message import MessageScreen

    try:
        scenario = resolve(loaded.scenario_reference(), paths.builtin_scenarios_dir(), paths.mods_dir())
    except ScenarioError as exc:
        app.push(MessageScreen(app, t("error.heading"), "\n".join(d.format() for d in exc.diagnostics[:8])))
        return
    app.classroom = loaded
    app.replace(BriefingScreen(app, scenario))

