"""Issue 13 in the window: a class game keeps its rules, clock and Hand in through Save, Load, Continue after a
crash and a reload; the clock ticks with no input and acts at five minutes and at zero; hidden history stays hidden
on every screen until the debrief."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pygame
import pygame_gui
import pytest

from partnership_game import paths
from partnership_game.classroom import clock as clock_module
from partnership_game.classroom.classfile import load_class_file
from partnership_game.classroom.lesson import resolve_class
from partnership_game.classroom.start import start_class_game
from partnership_game.session import write_save
from partnership_game.ui import audit
from partnership_game.ui.class_time import TICK
from partnership_game.ui.run import open_first_screens
from partnership_game.ui.strings import t

Driver = Any  # conftest.Driver; test modules cannot import conftest under --import-mode=importlib

CLASS = """format_version: 1
title: Window lesson
scenario: new_partnership
seed: 2001
start: "2001-09-22"
{end}rollback: {rollback}
show: {{previews: false, odds: false, historical_marks: false, ghost: false}}
time_box_minutes: 25
at_zero: {at_zero}
hand_in_folder: handed-in
ask_name: true
questions:
  - What did your group trade away, and for what?
  - text: What did Kabul cost you at home?
    turn: t09_kabul
"""

# Words that tell a student history's choice (the catalog's own phrasings); none may be drawn before the debrief.
HISTORY_WORDS = ("what history chose", "history's choice", "history chose", "where history went", "left history",
                 "as history chose")


def class_file(folder: Path, rollback: str = "allowed", at_zero: str = "ask", end: str | None = None) -> Path:
    path = folder / "lesson.yaml"
    path.write_text(CLASS.format(rollback=rollback, at_zero=at_zero, end=f"end: {end}\n" if end else ""),
                    encoding="utf-8")
    return path


class FakeTime:
    """The class clock's time.monotonic, moved by hand: minutes pass in a test without waiting."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr(clock_module, "time", SimpleNamespace(monotonic=fake.monotonic))
    return fake


def begin_class(d: Driver, path: Path, name: str = "Group 3") -> None:
    """--class FILE: the briefing, Begin, the student's name, the first decision of the lesson."""
    open_first_screens(d.app, None, None, None, classroom=path)
    d.settle()
    assert d.top_name == "BriefingScreen", d.names()
    d.key(pygame.K_RETURN)
    assert d.top_name == "NameScreen", d.names()
    d.type_text(name)
    d.key(pygame.K_RETURN)
    if d.top_name == "GuideOffer":  # the guided first turn, offered once per player: not this test's subject
        d.key(pygame.K_ESCAPE)
    assert d.top_name == "TurnScreen", d.names()


def tick(d: Driver) -> None:
    """What pygame's timer does when the clock's label is due to change: one event, no input."""
    pygame.event.post(pygame.event.Event(TICK))
    d.settle()


def menu_items(d: Driver) -> list[str]:
    d.key(pygame.K_ESCAPE)
    assert d.top_name == "MenuScreen", d.names()
    items = list(d.top.buttons.values())
    d.key(pygame.K_ESCAPE)
    return items


def hand_in_from_menu(d: Driver) -> str:
    """Esc → Hand in: the class file names the folder, so no picker; returns the confirmation's words."""
    d.key(pygame.K_ESCAPE)
    d.top.choose("hand_in")
    d.settle()
    assert d.top_name == "MessageScreen", d.names()
    words = d.top.message
    d.key(pygame.K_RETURN)  # OK
    while d.top_name in ("MenuScreen", "MessageScreen"):
        d.key(pygame.K_ESCAPE)
    return str(words)


def check_class_rules(d: Driver, used_at_least: float) -> None:
    """The rules, the clock and Hand in, as every way into a class game must leave them."""
    game = d.game
    room = game.session.classroom
    assert room is not None, "the class game lost its class"
    assert room.lesson.loaded.model.title == "Window lesson"
    assert not game.shows("historical_marks") and not game.shows("ghost") and not game.shows("odds")
    assert game.floor_depth == 2  # September 11 and 12 were set by the class
    assert game.session.refusal(None) is not None  # no stepping back over the class's start
    assert room.clock.since is not None, "the clock is not running"
    assert room.clock.used_at() >= used_at_least, "the class's clock was restarted"
    assert d.app.class_clock is room.clock
    d.app.draw()
    assert d.app.class_time.shown is not None and "left" in d.app.class_time.shown
    assert "hand_in" in menu_items(d)
    d.key(pygame.K_o)  # odds: hidden in this class
    assert d.top_name == "TurnScreen" and d.top.status == t("odds.hidden")


def test_a_class_game_keeps_its_rules_clock_and_hand_in_through_save_load_and_a_crash(
        make_app: Callable[..., Driver], tmp_path: Path, fake_time: FakeTime) -> None:
    path = class_file(tmp_path)
    handed = tmp_path / "handed-in"
    d = make_app()
    begin_class(d, path)
    check_class_rules(d, 0.0)
    assert "Group-3" in hand_in_from_menu(d).replace(" ", "-") or list(handed.iterdir())

    d.decide(d.historical_choice())
    fake_time.now += 130  # two minutes of the lesson pass; nobody touches the keyboard
    tick(d)  # the clock's own tick keeps the autosave's time recent (a crash loses at most a minute)
    check_class_rules(d, 130.0)

    # Save under a name, then Load it from the list: the list names the class.
    d.ctrl(pygame.K_s)
    assert d.top_name == "SaveScreen"
    d.key(pygame.K_RETURN)
    d.key(pygame.K_ESCAPE)
    d.key(pygame.K_ESCAPE)
    d.top.choose("load")
    d.settle()
    assert d.top_name == "LoadScreen"
    labels = [d.top.label(s) for s in d.top.saves]
    assert labels and all("class: Window lesson" in label for label in labels), labels
    named = next(s for s in d.top.saves if not s.path.name.startswith("autosave"))
    d.top.load(named)
    d.settle()
    assert d.top_name == "TurnScreen", d.names()
    check_class_rules(d, 130.0)
    hand_in_from_menu(d)

    # A crash: the window is gone without quitting; a fresh one continues from the autosave.
    fake_time.now += 20
    d2 = make_app()
    open_first_screens(d2.app, None, None, None)
    d2.settle()
    d2.top.choose("continue")
    d2.settle()
    assert d2.top_name == "TurnScreen", d2.names()
    check_class_rules(d2, 120.0)
    hand_in_from_menu(d2)

    # Three hand-ins under one name: all kept, each with its own file, and the confirmation says so.
    kept = sorted(p.name for p in handed.iterdir())
    assert len(kept) == 3, kept
    assert all(json.loads((handed / name).read_text())["player"] == "Group 3" for name in kept)

    # A new game in the same window goes on with the class's clock (Menu → Title → New game).
    used = d2.game.session.classroom.clock.used_at()
    d2.key(pygame.K_ESCAPE)
    d2.top.choose("title")
    d2.settle()
    assert d2.top_name == "TitleScreen" and d2.app.class_time.clock is None  # no game open: the clock waits
    d2.top.choose("play")
    d2.settle()
    d2.key(pygame.K_RETURN)
    d2.type_text("Group 4")
    d2.key(pygame.K_RETURN)
    if d2.top_name == "GuideOffer":
        d2.key(pygame.K_ESCAPE)
    assert d2.top_name == "TurnScreen", d2.names()
    assert d2.game.session.classroom.clock.used_at() >= used


def test_hand_in_twice_under_one_name_keeps_both_and_says_so(driver: Driver, tmp_path: Path) -> None:
    begin_class(driver, class_file(tmp_path))
    first = hand_in_from_menu(driver)
    second = hand_in_from_menu(driver)
    files = sorted((tmp_path / "handed-in").iterdir())
    assert [f.name for f in files] == ["Group-3-new_partnership-2.json", "Group-3-new_partnership.json"]
    assert "Group-3-new_partnership.json" in first and "already there" not in first
    assert "Group-3-new_partnership-2.json" in second and "both are kept" in second


def test_hand_in_while_looking_back_hands_in_the_present(driver: Driver, tmp_path: Path) -> None:
    begin_class(driver, class_file(tmp_path, rollback="look_only"))
    driver.decide(driver.historical_choice())
    driver.decide(0)
    present = driver.game.session.timeline.current
    assert driver.game.back() and driver.game.reviewing
    assert driver.game.session.timeline.current != present
    hand_in_from_menu(driver)
    saved = json.loads(next((tmp_path / "handed-in").iterdir()).read_text())
    assert saved["timeline"]["current"] == present
    # Choosing while looking back is refused in the class's words; the game is unchanged.
    driver.game.choose(0)
    assert driver.game.refused and "look-only" in driver.game.refused


def test_a_reload_keeps_the_class_and_its_clock(driver: Driver, tmp_path: Path) -> None:
    begin_class(driver, class_file(tmp_path))
    room = driver.game.session.classroom
    driver.decide(driver.historical_choice())
    driver.key(pygame.K_F5)
    assert driver.top_name == "TurnScreen", driver.names()
    assert driver.game.session.classroom is not room and driver.game.session.classroom.clock is room.clock
    assert driver.game.session.classroom.floor == room.floor and not driver.game.shows("historical_marks")


def test_the_clock_ticks_without_input_warns_at_five_minutes_and_asks_at_zero(
        driver: Driver, tmp_path: Path, fake_time: FakeTime) -> None:
    begin_class(driver, class_file(tmp_path))
    driver.app.draw()
    assert driver.app.class_time.shown == t("class.clock", label="25:00 left")
    fake_time.now += 61
    tick(driver)
    assert driver.app.class_time.shown == t("class.clock", label="23:59 left")
    fake_time.now += 19 * 60 + 1  # 4:58 left
    tick(driver)
    assert driver.top_name == "MessageScreen" and driver.top.heading == t("class.warn_heading")
    assert driver.app.class_time.shown == t("class.clock", label="4:58 left")
    driver.key(pygame.K_RETURN)
    tick(driver)
    assert driver.top_name == "TurnScreen", "the warning is given once"
    fake_time.now += 5 * 60
    tick(driver)
    assert driver.app.class_time.shown == t("class.clock", label="Time is up")
    assert driver.top_name == "MessageScreen" and driver.top.heading == t("class.zero_heading")
    driver.key(pygame.K_RETURN)  # OK: the hand in follows (the class file names the folder)
    assert driver.top_name == "MessageScreen" and driver.top.heading == t("class.handed_in_heading")
    assert len(list((tmp_path / "handed-in").iterdir())) == 1


def test_at_zero_the_class_file_can_hand_in_by_itself(driver: Driver, tmp_path: Path, fake_time: FakeTime) -> None:
    begin_class(driver, class_file(tmp_path, at_zero="hand_in"))
    fake_time.now += 25 * 60
    tick(driver)
    assert driver.top_name == "MessageScreen" and driver.top.heading == t("class.handed_in_heading")
    assert len(list((tmp_path / "handed-in").iterdir())) == 1


def test_pygames_timer_wakes_the_window_when_the_clock_changes(
        driver: Driver, tmp_path: Path, fake_time: FakeTime) -> None:
    """The real timer, not a posted event: armed for the next change of the label, it arrives with no input."""
    begin_class(driver, class_file(tmp_path))
    fake_time.now += 0.9  # the label changes in 0.1 s
    pygame.event.clear()
    driver.app.class_time.arm()
    got = None
    for _ in range(40):  # a hang guard: the timer is due in 0.1 s; give it 2 s
        event = pygame.event.wait(50)
        if event.type == TICK:
            got = event
            break
    assert got is not None, "no tick arrived"
    fake_time.now += 0.1  # the time the timer waited, on the class clock's own (fake) watch
    driver.app.dispatch(got)
    driver.app.frame(1 / 60)
    assert driver.app.class_time.shown == t("class.clock", label="24:59 left")


def test_a_class_autosave_loaded_from_the_list_keeps_the_rules(
        make_app: Callable[..., Driver], tmp_path: Path) -> None:
    lesson = resolve_class(load_class_file(class_file(tmp_path)))
    session = start_class_game(lesson, "Group 7")
    session.choose(session.available().index(True))
    paths.saves_dir().mkdir(parents=True, exist_ok=True)
    write_save(paths.saves_dir() / "autosave-new_partnership-20260101-100000.json", session)
    d = make_app()
    open_first_screens(d.app, None, None, None)
    d.settle()
    d.top.choose("load")
    d.settle()
    d.key(pygame.K_RETURN)
    assert d.top_name == "TurnScreen", d.names()
    check_class_rules(d, 0.0)


def test_a_saved_lesson_at_its_end_opens_on_the_debrief_of_the_turns_played(
        driver: Driver, tmp_path: Path) -> None:
    lesson = resolve_class(load_class_file(class_file(tmp_path, end="t04_statement")))
    session = start_class_game(lesson, "Group 8")
    while not session.stopped:
        session.choose(session.available().index(True))
    save = tmp_path / "ended.json"
    write_save(save, session)
    driver.start(load=save)
    assert driver.top_name == "DebriefScreen", driver.names()
    text = driver.visible_text(driver.top)
    assert t("class.lesson_end_heading") in text and "set by the class" in text
    driver.top.switch("path")
    assert t("class.set_by_class") in driver.visible_text(driver.top)
    driver.top.switch("questions")
    questions = driver.visible_text(driver.top)
    assert "trade away" in questions and "Kabul cost" not in questions  # Kabul's question waits for Kabul


def test_playing_past_the_lessons_end_opens_the_debrief(driver: Driver, tmp_path: Path) -> None:
    begin_class(driver, class_file(tmp_path, end="t03_sochi"))
    for _ in range(6):
        if driver.top_name != "TurnScreen":
            break
        driver.decide(driver.historical_choice())
    assert driver.top_name == "DebriefScreen", driver.names()


# ---- hidden history ------------------------------------------------------------------------------------------


def drawn_text(d: Driver) -> str:
    """Every text on the window now: what the screens draw themselves (fonts that note their text, caches emptied)
    and what the widgets hold (labels, buttons, text boxes, lists, tooltips)."""
    found: list[str] = []
    with audit.recording():
        d.app.manager.update(0.0)
        d.app.draw()
        assert audit._rendered is not None
        found += [text for _image, text, _path in audit._rendered.values()]
    for element in d.app.manager.get_sprite_group().sprites():
        if not getattr(element, "visible", True):
            continue
        if isinstance(element, pygame_gui.elements.UITextBox):
            found.append(element.html_text)
        elif isinstance(element, pygame_gui.elements.UISelectionList):
            found += [item["text"] for item in element.item_list]
        elif isinstance(getattr(element, "text", None), str):
            found.append(element.text)
        tip = getattr(element, "tool_tip_text", None)
        if isinstance(tip, str):
            found.append(tip)
    return "\n".join(found)


def assert_no_history(d: Driver, where: str) -> None:
    text = drawn_text(d).lower()
    shown = [w for w in HISTORY_WORDS if w in text]
    if shown:
        lines = [line for line in drawn_text(d).splitlines() if any(w in line.lower() for w in shown)]
        raise AssertionError(f"{where} ({d.names()}) draws {shown}: {lines[:3]}")


def test_no_screen_draws_hidden_history_before_the_debrief(driver: Driver, tmp_path: Path) -> None:
    d = driver
    begin_class(d, class_file(tmp_path, end="t09_kabul"))
    walked = 0
    while walked < 3:  # Sochi to Chechnya, well inside the lesson
        assert not d.game.session.stopped
        for k in range(len(d.game.session.pending.event.options)):
            d.digit(k)
            d.move(d.top.card_rects[k].center)
            assert_no_history(d, f"turn, option {k + 1} selected and hovered")
        d.digit(0)
        d.key(pygame.K_RETURN)
        assert d.top_name == "ConsequencesScreen"
        assert_no_history(d, "consequences")
        d.key(pygame.K_RETURN)
        walked += 1
    # Branches: step back and choose otherwise, so the tree has two branches.
    d.ctrl(pygame.K_z)
    d.decide(1 if d.game.session.available()[1] else 0)
    for key, where in ((pygame.K_ESCAPE, "menu"), (pygame.K_F1, "help"), (pygame.K_o, "odds refused")):
        d.key(key)
        assert_no_history(d, where)
        if d.top_name != "TurnScreen":
            d.key(pygame.K_ESCAPE)
    d.key(pygame.K_b)
    assert d.top_name == "BranchesScreen"
    assert_no_history(d, "branches")
    for column in range(6):
        d.top.node_focus = column
        d.top.paint()
        assert_no_history(d, f"branches, decision {column + 1} told")
    d.key(pygame.K_h)  # Compare with history: refused while the class hides history
    assert d.top_name == "MessageScreen" and d.top.heading == t("class.history_hidden_heading")
    assert_no_history(d, "compare with history")
    d.key(pygame.K_RETURN)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_c)  # two of the student's own branches: allowed, every tab
    assert d.top_name == "CompareScreen"
    for tab in ("meters", "decisions", "differences"):
        d.top.tab = tab
        d.top.rebuild()
        d.settle()
        assert_no_history(d, f"compare, {tab}")
    # History's road handed straight to the compare screen shows nothing of it either.
    from partnership_game.session.compare import branch, historical_road
    from partnership_game.ui.screens.compare import CompareScreen

    session = d.game.session
    d.app.push(CompareScreen(d.app, d.game, branch(session, session.timeline.current, "Yours"),
                             historical_road(session, "History"), tab="decisions"))
    d.settle()
    assert_no_history(d, "compare screen given history's road")
    shown = drawn_text(d)
    assert "hidden until the debrief" in shown and "History: " not in shown  # no column of history's choices
    # The debrief shows it all: the search finds history's marks once they may be shown.
    while d.top_name != "TurnScreen":
        d.key(pygame.K_ESCAPE)
    from partnership_game.ui.screens.debrief import DebriefScreen

    while not d.game.session.stopped:
        d.game.choose(d.game.session.available().index(True))
    d.app.replace(DebriefScreen(d.app, d.game, tab="path"))
    d.settle()
    assert d.game.shows("historical_marks")
    assert any(w in drawn_text(d).lower() for w in HISTORY_WORDS), "the search would not see history's marks"
