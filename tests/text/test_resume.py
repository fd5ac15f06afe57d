"""Resume, never overwrite: each game its own autosave, the latest unfinished one offered, the newest 20 kept."""

from __future__ import annotations

import datetime
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from partnership_game import cli, paths
from partnership_game.scenario import LoadedScenario, load_bytes
from partnership_game.session import Session, read_save, saves, write_save
from partnership_game.session.autosaves import (
    KEEP,
    autosave_for,
    is_autosave,
    latest_autosave,
    new_autosave_path,
    prune,
    unfinished,
)
from partnership_game.session.saves import list_saves, parse_save
from partnership_game.text.layout import is_link
from partnership_game.text.resume import choose_autosave, list_saves_text
from partnership_game.text.terminal import Terminal

SAVED = "2024-12-01T12:00:00+00:00"  # noon UTC: 1 Dec in every time zone the machine may use
NOW = datetime.datetime(2024, 12, 3, 9, 30, 0)
QUESTION = "An unfinished game from 1 Dec, turn 2 of 3 (seed 2001): continue? [Y/n] "


@pytest.fixture(autouse=True)
def _saved_at_a_fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(saves, "_now", lambda: SAVED)


def _terminal(typed: bytes) -> tuple[Terminal, io.StringIO]:
    out = io.StringIO()
    terminal = Terminal(io.BytesIO(typed), out, io.StringIO())
    terminal.echo = False  # as at a terminal, where the typed answer is echoed by the terminal itself
    return terminal, out


def _game(scenario: LoadedScenario, folder: Path, decisions: int, seed: int = 2001, age: int = 0,
          name: str | None = None, player: str | None = None) -> Path:
    """A game of `decisions` first options saved in `folder`, written `age` minutes before the others of age 0."""
    session = Session(scenario, seed, player=player)
    for _ in range(decisions):
        session.choose(0)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name if name else new_autosave_path(folder, scenario.model.id, NOW)
    write_save(path, session)
    stamp = 1_700_000_000 - 60 * age
    os.utime(path, (stamp, stamp))
    return path


def _other(tiny: LoadedScenario) -> LoadedScenario:
    return load_bytes(tiny.text.encode("utf-8").replace(b"id: tiny", b"id: other", 1), "other.yaml")


# --- The save header ----------------------------------------------------------------------------------------------


def test_the_header_says_how_many_turns_and_the_ending_and_old_saves_still_load(tiny: Any, tmp_path: Path) -> None:
    going = parse_save(_game(tiny, tmp_path, 1).read_bytes())
    assert (going.turn, going.turns, going.ending, going.ending_title) == (2, 3, None, None)
    over = Session(tiny, 2001)
    while not over.over:
        over.choose(0)
    finished = parse_save(_game(tiny, tmp_path, 3).read_bytes())
    assert over.ending is not None
    assert (finished.turns, finished.ending, finished.ending_title) == (3, over.ending.id, over.ending.title)

    # A save written before these fields existed: it loads, and a listing says it cannot tell how it ended.
    old = tmp_path / "old.json"
    data = json.loads(_game(tiny, tmp_path, 1, name="new.json").read_text(encoding="utf-8"))
    for key in ("turns", "ending", "ending_title"):
        del data[key]
    old.write_text(json.dumps(data), encoding="utf-8")
    assert len(read_save(old).decisions) == 1
    summary = next(s for s in list_saves(tmp_path) if s.path == old)
    assert (summary.turns, summary.ending, summary.finished) == (None, None, None)


# --- Names --------------------------------------------------------------------------------------------------------


def test_games_started_in_the_same_second_get_their_own_names(tiny: Any, tmp_path: Path) -> None:
    names = []
    for _ in range(3):
        path = new_autosave_path(tmp_path, "tiny", NOW)
        path.write_bytes(b"taken")
        names.append(path.name)
    assert names == ["autosave-tiny-20241203-093000.json", "autosave-tiny-20241203-093000-2.json",
                     "autosave-tiny-20241203-093000-3.json"]
    (tmp_path / "autosave-tiny-20241203-093001.json").mkdir()  # a folder of that name is taken too
    assert new_autosave_path(tmp_path, "tiny", NOW + datetime.timedelta(seconds=1)).name.endswith("093001-2.json")
    assert all(is_autosave(tmp_path / n) for n in [*names, "autosave-tiny.json"])
    assert not any(is_autosave(tmp_path / n) for n in ["tiny-20241203.json", "autosave-Tiny.json",
                                                       ".autosave-tiny.json.abcd1234.tmp", "autosave-tiny.json.bak"])


def test_a_game_loaded_from_an_autosave_goes_on_in_it_and_one_from_a_named_save_gets_its_own(
    tiny: Any, tmp_path: Path
) -> None:
    autosave = _game(tiny, tmp_path, 1)
    named = _game(tiny, tmp_path, 1, name="my game.json")
    assert autosave_for(tmp_path, "tiny", autosave) == autosave
    fresh = autosave_for(tmp_path, "tiny", named, NOW)
    assert fresh not in (autosave, named) and is_autosave(fresh) and not fresh.exists()
    # An autosave from some other folder (a copy a student brought along) is not written over either.
    elsewhere = _game(tiny, tmp_path / "usb", 1)
    assert autosave_for(tmp_path, "tiny", elsewhere, NOW).parent == tmp_path


# --- What is offered ----------------------------------------------------------------------------------------------


def test_only_this_scenarios_unfinished_autosaves_are_offered_newest_first(tiny: Any, tmp_path: Path) -> None:
    older = _game(tiny, tmp_path, 1, age=30)
    newer = _game(tiny, tmp_path, 2, age=20)
    _game(tiny, tmp_path, 3, age=1)  # finished: nothing to continue
    _game(_other(tiny), tmp_path, 1, age=0)  # another scenario's
    _game(tiny, tmp_path, 1, age=0, name="named.json")  # a named save is continued with --load, not offered
    (tmp_path / "autosave-tiny-20240101-000000.json").write_bytes(b"{ damaged")
    assert [s.path for s in unfinished(tmp_path, "tiny")] == [newer, older]
    assert latest_autosave(tmp_path, "tiny") != newer  # the finished game was written after it
    assert latest_autosave(tmp_path, "other") is not None


def test_an_autosave_from_before_the_header_is_replayed_to_know_whether_it_is_over(tiny: Any, tmp_path: Path) -> None:
    for decisions, name in ((1, "autosave-tiny.json"), (3, "autosave-tiny-20200101-000000.json")):
        path = _game(tiny, tmp_path, decisions, name=name)
        data = json.loads(path.read_text(encoding="utf-8"))
        for key in ("turns", "ending", "ending_title"):
            del data[key]
        path.write_text(json.dumps(data), encoding="utf-8")
    assert [s.path.name for s in unfinished(tmp_path, "tiny")] == ["autosave-tiny.json"]


def test_an_unfinished_game_is_offered_and_enter_continues_it(tiny: Any, tmp_path: Path) -> None:
    earlier = _game(tiny, tmp_path, 1)
    terminal, out = _terminal(b"\n")
    writes_to, resume = choose_autosave(terminal, tmp_path, "tiny", new=False, now=NOW)
    assert (writes_to, resume) == (earlier, earlier)  # the game goes on in its own autosave
    shown = out.getvalue()
    assert shown.startswith(QUESTION)
    assert shown.endswith(f"Continuing the game saved as {earlier.name}\n")
    assert [d.event.id for d in read_save(resume).decisions] == ["first"]


def test_n_starts_a_new_game_and_the_unfinished_one_is_left_as_it_was(tiny: Any, tmp_path: Path) -> None:
    earlier = _game(tiny, tmp_path, 1)
    before = earlier.read_bytes()
    terminal, out = _terminal(b"n\n")
    writes_to, resume = choose_autosave(terminal, tmp_path, "tiny", new=False, now=NOW)
    assert resume is None and writes_to != earlier and not writes_to.exists() and is_autosave(writes_to)
    assert f"That one stays in the saves folder as {earlier.name}" in " ".join(out.getvalue().split())
    write_save(writes_to, Session(tiny, 5))  # the new game's first autosave
    assert earlier.read_bytes() == before


def test_new_skips_the_question_and_never_touches_the_unfinished_game(tiny: Any, tmp_path: Path) -> None:
    earlier = _game(tiny, tmp_path, 1)
    before = earlier.read_bytes()
    terminal, out = _terminal(b"")
    writes_to, resume = choose_autosave(terminal, tmp_path, "tiny", new=True, now=NOW)
    assert out.getvalue() == ""
    assert resume is None and writes_to != earlier
    write_save(writes_to, Session(tiny, 5))
    assert earlier.read_bytes() == before
    assert [s.path for s in unfinished(tmp_path, "tiny")] == [writes_to, earlier]  # both there, the new one first


def test_a_wrong_answer_gets_one_line_and_the_question_again(tiny: Any, tmp_path: Path) -> None:
    earlier = _game(tiny, tmp_path, 1)
    terminal, out = _terminal(b"maybe\n" + b"x" * 5000 + b"\nN\n")
    _, resume = choose_autosave(terminal, tmp_path, "tiny", new=False, now=NOW)
    assert resume is None
    lines = out.getvalue().split("\n")
    assert lines[0] == QUESTION + "Press Enter or type y to continue that game, or type n for a new one."
    assert lines[1] == "Continue that game? [Y/n] Press Enter or type y to continue that game, or type n for a new one."
    assert lines[2].startswith("Continue that game? [Y/n] A new game, then.")
    assert earlier.exists()


def test_input_that_ends_at_the_question_continues_the_game_rather_than_start_an_empty_one(
    tiny: Any, tmp_path: Path
) -> None:
    earlier = _game(tiny, tmp_path, 1)
    terminal, _ = _terminal(b"")
    assert choose_autosave(terminal, tmp_path, "tiny", new=False, now=NOW) == (earlier, earlier)


def test_other_unfinished_games_are_mentioned_with_how_to_reach_them(tiny: Any, tmp_path: Path) -> None:
    _game(tiny, tmp_path, 1, age=10, player="Ana")
    latest = _game(tiny, tmp_path, 1, age=0, player="Ana")
    for width in (80, 40):
        terminal, out = _terminal(b"y\n")
        assert choose_autosave(terminal, tmp_path, "tiny", new=False, width=width, now=NOW)[1] == latest
        shown = out.getvalue().replace("[Y/n] ", "[Y/n] \n")  # at a terminal the typed answer ends that line
        assert all(len(line) <= width for line in shown.split("\n")), shown
        flat = " ".join(shown.split())
        assert "1 other unfinished game of this scenario: 'partnership-game play --text --saves' lists them" in flat
        assert "(seed 2001, player Ana): continue? [Y/n] Continuing the game saved as" in flat
        asked = [line for line in shown.split("\n") if "[Y/n]" in line]
        assert len(asked) == 1 and asked[0].endswith("continue? [Y/n] ")  # the last two words stay together


def test_21_games_keep_the_newest_20_and_say_which_went(tiny: Any, tmp_path: Path) -> None:
    made = []
    said = []
    for k in range(21):
        terminal, out = _terminal(b"")
        writes_to, resume = choose_autosave(terminal, tmp_path, "tiny", new=True, now=NOW)
        assert resume is None
        write_save(writes_to, Session(tiny, k))
        stamp = 1_700_000_000 + 60 * k  # each game a minute after the last
        os.utime(writes_to, (stamp, stamp))
        made.append(writes_to)
        said.append(out.getvalue())
    kept = sorted(p for p in tmp_path.iterdir())
    assert len(kept) == KEEP == 20
    assert set(kept) == set(made[1:])
    assert said[:20] == [""] * 20
    assert " ".join(said[20].split()) == f"Only the newest 20 autosaves are kept; removed the oldest: {made[0].name}"


def test_pruning_touches_autosave_files_only(tiny: Any, tmp_path: Path) -> None:
    autosaves = [_game(tiny, tmp_path, 0, age=k) for k in range(4)]  # age 3 is the oldest
    named = _game(tiny, tmp_path, 0, age=99, name="keep me.json")
    folder = tmp_path / "autosave-tiny-19990101-000000.json"
    folder.mkdir()
    link = tmp_path / "autosave-tiny-19990101-000001.json"
    link.symlink_to(named)
    assert prune(tmp_path, keep=2) == [autosaves[2], autosaves[3]]
    assert sorted(tmp_path.iterdir()) == sorted([*autosaves[:2], named, folder, link])
    assert prune(tmp_path / "missing", keep=0) == []


# --- play --saves -------------------------------------------------------------------------------------------------


def test_the_listing_says_scenario_date_turn_ending_seed_and_player_within_the_width(
    tiny: Any, tmp_path: Path
) -> None:
    _game(tiny, tmp_path, 1, player="Ana", age=3)
    _game(tiny, tmp_path, 3, seed=7, age=2)
    (tmp_path / "broken.json").write_bytes(b"not a save")
    tampered = json.loads(_game(tiny, tmp_path, 1, name="x.json").read_text(encoding="utf-8"))
    tampered["player"] = "Eve\x1b[2J" + "n" * 90
    tampered["saved"] = "0001-01-01T00:00:00+14:00"  # text from a file: a time no clock can show, said as the file's
    (tmp_path / "x.json").write_text(json.dumps(tampered), encoding="utf-8")
    now = datetime.datetime(2024, 12, 3, 9, 0).astimezone()
    for width in (80, 40):
        text = list_saves_text(tmp_path, width, now=now)
        # A path stands whole on its line, like a link (it must stay copyable), even where it is wider.
        assert all(len(line) <= width or is_link(line.strip()) for line in text.split("\n")), text
        assert "\x1b" not in text and "\\x1b[2J" in text
        flat = " ".join(text.split())
        assert "tiny; saved 1 Dec" in flat
        assert "turn 2 of 3; unfinished; seed 2001; player Ana" in flat
        assert "turn 3 of 3; finished: Partnership; seed 7" in flat
        assert "broken.json cannot be read: the save is not valid JSON" in flat
        written = datetime.datetime.fromtimestamp((tmp_path / "x.json").stat().st_mtime).astimezone()
        assert f"x.json tiny; saved {written.day} {written:%b} {written.year} {written:%H:%M}; turn 2 of 3" in flat
    assert list_saves_text(tmp_path / "none", 80).startswith("No saves yet in the saves folder:\n")


def test_play_saves_lists_the_saves_folder_and_exits_0(tiny: Any, capsys: pytest.CaptureFixture[str]) -> None:
    _game(tiny, paths.saves_dir(), 1, player="Ana")
    assert cli.main(["play", "--text", "--saves"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Saves, newest first, in the folder:\n{paths.saves_dir()}\n")
    assert "turn 2 of 3; unfinished; seed 2001; player Ana" in " ".join(out.split())
    assert all(len(line) <= 80 for line in out.split("\n"))


def test_new_is_a_play_option(tiny: Any) -> None:
    args = cli.build_parser().parse_args(["play", "--text", "--new"])
    assert args.new is True and args.saves is False
