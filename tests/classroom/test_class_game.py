"""A class game stays a class game: its rules, clock and start survive a save, a load, a continue and a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.classroom.classfile import load_class_file
from partnership_game.classroom.clock import ClassClock
from partnership_game.classroom.inplay import ClassRefused, LessonOver
from partnership_game.classroom.lesson import lesson_for
from partnership_game.classroom.start import carry_class, start_class_game
from partnership_game.session import Session, read_save, write_save
from partnership_game.session.saves import SaveError, list_saves, parse_save, to_save

DATA = Path(__file__).resolve().parent.parent / "data"

CLASS = """format_version: 1
title: A short lesson
scenario: {scenario}
seed: 7
start: "2001-09-22"
rollback: {rollback}
show: {{previews: false, odds: false, historical_marks: false, ghost: false}}
time_box_minutes: 30
"""


def lesson(tmp_path: Path, tiny, rollback: str = "look_only", extra: str = ""):  # type: ignore[no-untyped-def]
    path = tmp_path / "lesson.yaml"
    path.write_text(CLASS.format(scenario=DATA / "tiny.yaml", rollback=rollback) + extra, encoding="utf-8")
    return lesson_for(load_class_file(path), tiny)


def first_available(session: Session) -> int:
    return session.available().index(True)


def test_class_rules_survive_save_load_continue_and_a_crash(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    session = start_class_game(lesson(tmp_path, tiny), player="Group 3", clock=ClassClock(1800.0, used=600.0))
    assert session.classroom is not None
    floor = session.classroom.floor
    assert floor == 1  # September 11 was decided for the class
    session.choose(first_available(session))
    autosave = tmp_path / "autosave-tiny-20250101-120000.json"
    write_save(autosave, session)  # what the game writes after each decision; a crash leaves exactly this file
    del session  # the window or the terminal is gone
    for way_back in ("load", "continue", "crash"):
        restored = read_save(autosave)
        room = restored.classroom
        assert room is not None, way_back
        assert room.rollback == "look_only"
        assert not room.shows("odds", over=restored.stopped) and not room.shows("historical_marks", over=False)
        assert room.floor == floor
        assert room.clock.used_at() >= 600.0  # the class's clock goes on; it is not restarted
        assert room.clock.left() is not None and room.clock.left() <= 1200.0
        assert restored.refusal(None) is not None  # no stepping back over the class's start
        assert restored.player == "Group 3"
        write_save(autosave, restored)


def test_a_game_outside_a_class_has_no_class_and_old_saves_still_load(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    plain = Session(tiny, 7)
    plain.choose(0)
    write_save(tmp_path / "plain.json", plain)
    assert parse_save((tmp_path / "plain.json").read_bytes()).classroom is None
    assert read_save(tmp_path / "plain.json").classroom is None


def test_look_only_saves_the_present_not_the_moment_looked_at(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    session = start_class_game(lesson(tmp_path, tiny), player="A")
    session.choose(first_available(session))
    present = session.timeline.current
    assert session.back()  # a look back
    assert session.classroom is not None and session.classroom.reviewing
    with pytest.raises(ClassRefused):
        session.choose(first_available(session))  # look-only: nothing can be changed
    assert to_save(session).timeline.current == present
    write_save(tmp_path / "s.json", session)
    restored = read_save(tmp_path / "s.json")
    assert restored.timeline.current == present and restored.classroom is not None
    assert not restored.classroom.reviewing
    session.return_to_present()
    assert session.timeline.current == present


def test_rollback_off_refuses_every_way_back(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    session = start_class_game(lesson(tmp_path, tiny, rollback="off"))
    session.choose(first_available(session))
    assert not session.back()
    with pytest.raises(ClassRefused):
        session.goto(None)
    assert len(session.decisions) == 2


def test_an_altered_class_in_a_save_is_refused(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    session = start_class_game(lesson(tmp_path, tiny))
    path = tmp_path / "s.json"
    write_save(path, session)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"rollback": "look_only"', '"rollback": "allowed"', 1), encoding="utf-8")
    with pytest.raises(SaveError, match="class rules do not match"):
        read_save(path)
    path.write_text(text.replace("rollback: look_only", "rollback: allowed", 1), encoding="utf-8")
    with pytest.raises(SaveError, match="class file does not match its recorded hash"):
        read_save(path)


def test_the_load_listing_names_the_class(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    write_save(tmp_path / "s.json", start_class_game(lesson(tmp_path, tiny)))
    assert [s.class_title for s in list_saves(tmp_path)] == ["A short lesson"]


def test_the_lessons_end_stops_the_game(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    from partnership_game.classroom.ending import lesson_end_words, lesson_stopped, questions

    extra = 'end: t2\nquestions:\n  - "Why?"\n  - {text: "At the end?", turn: t3}\n  - {text: "At two?", turn: t2}\n'
    session = start_class_game(lesson(tmp_path, tiny, extra=extra))
    while not session.stopped:
        session.choose(first_available(session))
    assert not session.over and lesson_stopped(session)
    assert session.pending is not None and session.pending.turn == 2  # the campaign would go on to t3
    with pytest.raises(LessonOver):
        session.choose(first_available(session))
    assert questions(session) == ["Why?", "At two?"]  # the question tied to t3 is not asked: t3 was not reached
    words = lesson_end_words(session)
    assert "The lesson ends here" in words and "set by the class" in words
    write_save(tmp_path / "s.json", session)
    assert read_save(tmp_path / "s.json").stopped  # and it stays stopped after a load


def test_a_hot_reload_keeps_the_class_and_its_clock(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    clock = ClassClock(1800.0, used=100.0)
    old = start_class_game(lesson(tmp_path, tiny), clock=clock)
    new = Session(tiny, old.seed, player=old.player)
    for node in old.timeline.path():
        ids = [o.id for o in new.pending.event.options] if new.pending else []
        new.choose(ids.index(node.option))
    carry_class(old, new)
    assert new.classroom is not None and new.classroom.clock is clock
    assert new.classroom.floor == old.classroom.floor  # type: ignore[union-attr]


def test_the_terminal_debrief_counts_only_the_classs_own_decisions(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    from partnership_game.session import explain
    from partnership_game.text.debrief import debrief_section

    session = start_class_game(lesson(tmp_path, tiny))
    floor = session.classroom.floor
    assert floor >= 1  # the tiny scenario's first decision comes before the lesson's start
    while not session.stopped:
        session.choose(first_available(session))
    assert explain.road(session).taken == len(session.decisions) - floor
    path = debrief_section(session, "path", 80)
    assert path.count("Set by the class (history):") == floor
    assert path.count("You chose:") == len(session.decisions) - floor
