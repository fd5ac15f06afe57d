"""Hand-ins never overwrite one another and say where they went; the class clock warns, reaches zero and is kept."""

from __future__ import annotations

from pathlib import Path

from partnership_game.classroom.classfile import load_class_file
from partnership_game.classroom.clock import ClassClock
from partnership_game.classroom.handin import hand_in, hand_in_folder
from partnership_game.classroom.lesson import lesson_for
from partnership_game.classroom.start import start_class_game
from partnership_game.session import read_save

DATA = Path(__file__).resolve().parent.parent / "data"


def class_game(tmp_path: Path, tiny, player: str, extra: str = ""):  # type: ignore[no-untyped-def]
    path = tmp_path / "lesson.yaml"
    path.write_text(f"format_version: 1\ntitle: T\nscenario: {DATA / 'tiny.yaml'}\nseed: 4\nrollback: look_only\n"
                    + extra, encoding="utf-8")
    return start_class_game(lesson_for(load_class_file(path), tiny), player=player)


def test_hand_in_never_overwrites_and_says_where_and_as_what(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "handed-in"
    folder.mkdir()
    first = class_game(tmp_path, tiny, "Group 3")
    first.choose(0)
    second = class_game(tmp_path, tiny, "Group 3")
    second.choose(1)
    one = hand_in(first, folder)
    two = hand_in(second, folder)
    assert one.path != two.path and one.taken is None and two.taken == one.path
    assert sorted(p.name for p in folder.iterdir()) == ["Group-3-tiny-2.json", "Group-3-tiny.json"]
    assert "Group 3" in two.message() and two.path.name in two.message() and str(folder.resolve()) in two.message()
    assert "both are kept" in two.message() and "already there" not in one.message()
    # Each file holds its own group's game: the first hand-in was not replaced by the second.
    assert read_save(one.path).decisions[0].option == 0
    assert read_save(two.path).decisions[0].option == 1


def test_hand_in_submits_the_present_game_not_a_moment_looked_at(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    game = class_game(tmp_path, tiny, "A")
    game.choose(0)
    game.choose(game.available().index(True))
    decided = len(game.decisions)
    assert game.back()  # looking back, in a look-only class
    handed = hand_in(game, tmp_path)
    assert len(read_save(handed.path).decisions) == decided


def test_a_failed_hand_in_leaves_no_file(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    game = class_game(tmp_path, tiny, "A")
    missing = tmp_path / "no-such-folder"
    try:
        hand_in(game, missing)
    except OSError:
        pass
    else:
        raise AssertionError("a hand-in to a missing folder must fail")
    assert not missing.exists()


def test_the_class_file_names_the_hand_in_folder(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    game = class_game(tmp_path, tiny, "A", "hand_in_folder: shared/hand-ins\n")
    assert hand_in_folder(game) == tmp_path / "shared" / "hand-ins"
    assert hand_in_folder(class_game(tmp_path, tiny, "A")) is None


def test_the_clock_ticks_warns_at_five_minutes_and_reaches_zero_once() -> None:
    clock = ClassClock(limit=20 * 60.0, used=0.0)
    clock.start(now=1000.0)
    assert clock.label(now=1000.0) == "20:00 left"
    assert clock.label(now=1001.5) == "19:59 left"  # it moves with time alone, no input needed
    assert clock.due(now=1000.0 + 14 * 60) is None
    assert clock.due(now=1000.0 + 15 * 60) == "warn"
    assert clock.due(now=1000.0 + 16 * 60) is None  # once
    assert clock.due(now=1000.0 + 20 * 60) == "zero"
    assert clock.label(now=1000.0 + 21 * 60) == "Time is up"
    assert clock.due(now=1000.0 + 22 * 60) is None


def test_the_clock_is_the_classs_across_a_stop_and_a_start() -> None:
    clock = ClassClock(limit=600.0)
    clock.start(now=0.0)
    clock.stop(now=120.0)  # the game is closed: the time used so far is kept (and saved)
    assert clock.used_at(now=5000.0) == 120.0  # no time runs while nobody plays
    clock.start(now=5000.0)
    assert clock.left(now=5060.0) == 600.0 - 180.0


def test_a_new_game_of_the_class_keeps_the_class_clock(tmp_path: Path, tiny) -> None:  # type: ignore[no-untyped-def]
    first = class_game(tmp_path, tiny, "A", "time_box_minutes: 10\n")
    assert first.classroom is not None
    first.classroom.clock.used = 300.0
    again = start_class_game(first.classroom.lesson, player="A", clock=first.classroom.clock)
    assert again.classroom is not None and again.classroom.clock.used_at() >= 300.0
