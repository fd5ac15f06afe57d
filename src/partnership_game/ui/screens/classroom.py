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
    """Hand in the present game (never a moment being looked at): into the class file's folder, else one the
    student picks; never over another hand-in, and the confirmation says where and as what."""
    from partnership_game.classroom.handin import hand_in_folder

    folder = hand_in_folder(game.session)
    if folder is not None:
        submit(app, game, folder)
        return

    def picked(chosen: Path | None) -> None:
        if chosen is not None:
            submit(app, game, chosen if chosen.is_dir() else chosen.parent)

    app.push(FolderPicker(app, t("class.hand_in"), Path(os.path.expanduser("~")), folders=True), on_result=picked)


def submit(app: Any, game: Game, folder: Path) -> bool:
    """Write the hand-in into `folder` (made if missing) and say where and as what; an error says why."""
    from partnership_game.classroom.handin import hand_in as write_hand_in
    try:
        folder.mkdir(parents=True, exist_ok=True)
        done = write_hand_in(game.session, folder)
    except OSError as exc:
        app.open("message", t("error.heading"), t("class.hand_in_failed", reason=exc.strerror or exc))
        return False
    app.open("message", t("class.handed_in_heading"), done.message())
    return True


def time_is_up(app: Any, game: Game) -> None:
    """The time box reached zero: hand in by itself where the class file says so, else ask to hand in now."""
    lesson = game.session.classroom.lesson if game.session.classroom is not None else None
    if lesson is not None and lesson.loaded.model.at_zero == "hand_in":
        from partnership_game.classroom.handin import hand_in_folder

        folder = hand_in_folder(game.session)
        if folder is not None:  # the class file's check makes sure it names one
            submit(app, game, folder)
            return
    app.open("message", t("class.zero_heading"), t("class.zero_ask"),
             on_result=lambda _: hand_in(app, game))


def open_class_file(app: Any) -> None:
    """Pick a class file, check it against its scenario, and start its lesson (or show its problems)."""

    def picked(path: Path | None) -> None:
        if path is not None:
            open_lesson(app, path)

    app.push(FolderPicker(app, t("class.open"), Path(os.path.expanduser("~")), folders=False), on_result=picked)


def open_lesson(app: Any, path: Path) -> bool:
    """Read a class file, find its scenario and fit the lesson to it; errors show with their positions."""
    from partnership_game.classroom.classfile import load_class_file
    from partnership_game.classroom.lesson import resolve_class
    from partnership_game.scenario import ScenarioError
    try:
        lesson = resolve_class(load_class_file(path))
    except ScenarioError as exc:
        app.open("message", t("error.heading"), "\n".join(d.format() for d in exc.diagnostics[:8]))
        return False
    start_class(app, lesson)
    return True


def start_class(app: Any, lesson: Any) -> None:
    """Open the briefing of the lesson's scenario; Begin starts a class game (see `new_game`)."""
    if app.lesson is None or app.lesson.loaded.hash != lesson.loaded.hash:
        app.class_clock = None  # another class: its own time box
    app.lesson = lesson
    app.open_alone("briefing", lesson.scenario)


def new_game(app: Any, scenario: Any, player: str | None) -> Game:
    """A new game from the briefing: the class's, with its rules and its running clock, when a class is in force
    on this scenario; otherwise an ordinary game with fresh dice."""
    lesson = app.lesson
    if lesson is not None and lesson.scenario.model.id == scenario.model.id:
        game = Game.new_class(lesson, player, clock=app.class_clock)
        app.class_clock = game.session.classroom.clock if game.session.classroom is not None else None
        return game
    return Game.new(scenario, app.services.new_seed(), player=player)


def adopt(app: Any, game: Game) -> None:
    """A class game loaded (Load, Continue, --load): its class is in force from now on, and the class's clock is
    the one that has run longest, so loading an earlier save never gives time back."""
    room = game.session.classroom
    if room is None:
        return
    mine = app.class_clock
    same = app.lesson is not None and app.lesson.loaded.hash == room.lesson.loaded.hash
    if same and mine is not None and mine is not room.clock and mine.used_at() > room.clock.used_at():
        mine.stop()
        room.clock.used = mine.used_at()
    app.lesson = room.lesson if not same else app.lesson
    app.class_clock = room.clock
