"""The command line through a real process: --version, scripted and interactive play, explore."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_game import __version__
from partnership_game.session import read_save
from partnership_game.session.autosaves import autosave_paths, latest_autosave

REPO = Path(__file__).resolve().parent.parent.parent
TINY_REL = "tests/data/tiny.yaml"
TINY = (REPO / TINY_REL).read_text(encoding="utf-8")
HANG_GUARD = 60  # seconds; only so a hang fails instead of blocking the suite, never a timing assertion
PLAY = ("play", "--text", "--scenario", TINY_REL)


def cli(*args: str, tmp_path: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg-data"), "XDG_CONFIG_HOME": str(tmp_path / "xdg-config")}
    result = subprocess.run(
        [sys.executable, "-m", "partnership_game", *args],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def saves_dir(tmp_path: Path) -> Path:
    return tmp_path / "xdg-data" / "partnership-game" / "saves"


def autosave_path(tmp_path: Path) -> Path:
    """The game's autosave: the newest readable one of the tiny scenario, and the only autosave in the folder."""
    saves = saves_dir(tmp_path)
    found = latest_autosave(saves, "tiny")
    assert found is not None and autosave_paths(saves) == [found], autosave_paths(saves)
    return found


def words(text: str) -> str:
    """The text as words one space apart: what the game says, however it was wrapped to the width."""
    return " ".join(text.split())


def test_version(tmp_path: Path) -> None:
    result = cli("--version", tmp_path=tmp_path)
    assert result.returncode == 0
    assert result.stdout == f"partnership-game {__version__}\n"


# --- Scripted play -----------------------------------------------------------------------------------------------


def test_play_historical_json(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", "--choices", "historical", "--json", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"scenario", "seed", "ending", "start_meters", "meters", "decisions"}
    assert data["scenario"] == "tiny"
    assert data["seed"] == 3
    # Whatever the dice do (only the leak is random), the historical path ends in the historical ending.
    assert data["ending"] == {"id": "partnership", "title": "Partnership"}
    assert data["start_meters"] == {"trust": 40.0, "elite_resistance": 30.0, "gains": 10.0}
    assert set(data["meters"]) == {"trust", "elite_resistance", "gains"}
    # gains: 10 + 5 (safe) + 10 (sign); elite resistance: 30 + 10 (help) + 5 (the delayed effect of help).
    assert data["meters"]["gains"] == 25.0
    assert data["meters"]["elite_resistance"] == 45.0
    assert data["decisions"] == [
        {"turn": 1, "date": "2001-09-11", "event": "first", "option": "help", "historical": True},
        {"turn": 2, "date": "2001-09-22", "event": "second", "option": "safe", "historical": True},
        {"turn": 3, "date": "2001-10-17", "event": "third", "option": "sign", "historical": True},
    ]
    assert all(d["historical"] for d in data["decisions"])


def test_play_random_is_reproducible(tmp_path: Path) -> None:
    args = (*PLAY, "--seed", "3", "--choices", "random", "--json")
    first = cli(*args, tmp_path=tmp_path)
    second = cli(*args, tmp_path=tmp_path)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert [d["event"] for d in data["decisions"]] == ["first", "second", "third"]
    options = {"first": {"help", "wait"}, "second": {"gamble", "safe"}, "third": {"sign", "walk"}}
    for decision in data["decisions"]:
        assert decision["option"] in options[decision["event"]]  # `bases` needs trust 60: never available


def test_play_random_over_many_seeds_stays_within_the_options(tmp_path: Path) -> None:
    seen = set()
    for seed in range(6):
        data = json.loads(cli(*PLAY, "--seed", str(seed), "--choices", "random", "--json", tmp_path=tmp_path).stdout)
        assert data["seed"] == seed
        seen.add(tuple(d["option"] for d in data["decisions"]))
        for decision in data["decisions"]:
            assert decision["historical"] == (decision["option"] in ("help", "safe", "sign"))
    assert seen, "no game was played"


def test_play_a_list_of_choices(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", "--choices", "help,safe,sign", "--json", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["option"] for d in data["decisions"]] == ["help", "safe", "sign"]
    assert data["ending"]["id"] == "partnership"


def test_play_a_list_of_choices_as_text(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", "--choices", "wait,safe,walk", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "The end: Cold peace" in result.stdout
    assert "You chose: Wait. History chose: Help." in result.stdout


def test_play_a_wrong_option_id(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", "--choices", "help,nope,sign", tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "partnership-game play: error: 'second' has no option 'nope' (options: gamble, safe)\n"
    # The transcript tells the game up to the decision the list could not make, and stops there.
    assert "Chosen: 1. Help" in result.stdout
    assert "Turn 2 of 3 · 2001-09-22 · Sochi\nSecond\n" in result.stdout
    assert "Turn 3 of 3" not in result.stdout
    assert "The end:" not in result.stdout


def test_play_an_unavailable_option(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", "--choices", "bases,safe,sign", tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "partnership-game play: error: option 'bases' of 'first' is not available at that point\n"


def test_play_too_few_choices(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", "--choices", "help", tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "partnership-game play: error: the game needs more choices: it waits at 'second' (options: gamble, safe)\n"
    )


def test_play_too_many_choices(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", "--choices", "help,safe,sign,sign", tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "partnership-game play: error: the game ended before choice 'sign'\n"


def test_play_a_broken_scenario(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(TINY.replace("start: 40", "start: lots"), encoding="utf-8")
    result = cli("play", "--text", "--scenario", str(bad), "--choices", "historical", tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"{bad}:9:38: error: expected a number, got the text 'lots'\n"


def test_play_an_unknown_scenario_id(tmp_path: Path) -> None:
    result = cli("play", "--text", "--scenario", "no_such_scenario", "--choices", "historical", tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("no_such_scenario: error: no scenario with id 'no_such_scenario'")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--seed", "-1"), "argument --seed: the seed must be a whole number from 0 to 2^63 - 1"),
        (("--seed", "abc"), "argument --seed: 'abc' is not a whole number"),
        (("--json",), "--json and --save go with --choices"),
    ],
)
def test_play_usage_errors(tmp_path: Path, args: tuple[str, ...], fragment: str) -> None:
    result = cli(*PLAY, *args, tmp_path=tmp_path)
    assert result.returncode == 2
    assert fragment in result.stderr


def test_scripted_play_writes_a_save_that_loads(tmp_path: Path) -> None:
    save = tmp_path / "game.json"
    result = cli(*PLAY, "--seed", "5", "--choices", "historical", "--save", str(save), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(save.read_text(encoding="utf-8"))
    assert data["format"] == "partnership-game-save"
    assert data["seed"] == 5
    assert data["scenario"]["id"] == "tiny"
    # Loading the finished game shows its ending again and exits cleanly at the end of stdin.
    loaded = cli("play", "--text", "--load", str(save), tmp_path=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert "The end: Partnership" in loaded.stdout
    # Nothing was decided in the loaded (finished) game: no autosave beside the save, none over it.
    assert loaded.stdout.rstrip().endswith("No decision taken: nothing to save.")
    assert autosave_paths(saves_dir(tmp_path)) == []


def test_load_a_missing_save(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    result = cli("play", "--text", "--load", str(missing), tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{missing}: error: ")


# --- Explore -----------------------------------------------------------------------------------------------------


def test_explore_historical_json(tmp_path: Path) -> None:
    result = cli("explore", TINY_REL, "--runs", "1000", "--policy", "historical", "--json", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"runs", "policy", "endings", "meters", "seconds"} <= set(data)
    assert data["runs"] == 1000
    assert data["policy"] == "historical"
    assert set(data["endings"]) == {"backlash", "partnership", "bases_deal", "cold"}
    assert sum(data["endings"].values()) == 1000
    assert data["endings"]["partnership"] == 1000  # the historical path always ends there (see play above)
    assert set(data["meters"]) == {"trust", "elite_resistance", "gains"}
    for meter in data["meters"].values():
        assert set(meter) >= {"p10", "p50", "p90"}
        assert meter["p10"] <= meter["p50"] <= meter["p90"]
    assert data["meters"]["gains"] == {**data["meters"]["gains"], "p10": 25.0, "p50": 25.0, "p90": 25.0}
    assert isinstance(data["seconds"], (int, float)) and data["seconds"] >= 0


def test_explore_random_json_is_reproducible_apart_from_the_time(tmp_path: Path) -> None:
    args = ("explore", TINY_REL, "--runs", "2000", "--policy", "random", "--seed", "7", "--json")
    first = json.loads(cli(*args, tmp_path=tmp_path).stdout)
    second = json.loads(cli(*args, tmp_path=tmp_path).stdout)
    first.pop("seconds")
    second.pop("seconds")
    assert first == second
    assert sum(first["endings"].values()) == 2000
    assert first["endings"]["cold"] > 0, "random choices of 2000 games never reached the fallback"


def test_explore_text_output(tmp_path: Path) -> None:
    result = cli("explore", TINY_REL, "--runs", "500", "--policy", "historical", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("500 games of 'tiny', seed 0, policy historical:")
    assert "partnership" in result.stdout
    assert "100.0%" in result.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("--runs", "0"), "runs must be from 1 to 10,000,000"),
        (("--runs", "many"), "'many' is not a whole number"),
        (("--policy", "clever"), "invalid choice: 'clever'"),
    ],
)
def test_explore_usage_errors(tmp_path: Path, args: tuple[str, ...], fragment: str) -> None:
    result = cli("explore", TINY_REL, *args, tmp_path=tmp_path)
    assert result.returncode == 2
    assert fragment in result.stderr


def test_explore_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = cli("explore", str(missing), "--runs", "10", tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"{missing}:1:1: error: no such file\n"


# --- Interactive play --------------------------------------------------------------------------------------------


def test_interactive_play_to_the_end(tmp_path: Path) -> None:
    # help, then step back, then wait; gamble; walk away.
    result = cli(*PLAY, "--seed", "3", stdin="1\nb\n2\n1\n2\n", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Seed 3 (play again with --seed 3 for the same dice).\n")
    assert "Stepped back one decision (the branch you left is kept)." in out
    assert out.count("Your choice: ") == 4  # what each choice changed: help, wait, gamble, walk away
    assert "Your choice: Trust down 5 to 35." in out  # wait
    assert "The end: Cold peace" in out
    assert "\nYour path against history\n" in out
    save = autosave_path(tmp_path)
    assert out.rstrip().endswith(f"Autosaved to {save}")
    data = json.loads(save.read_text(encoding="utf-8"))
    assert data["format"] == "partnership-game-save"
    assert data["scenario"]["id"] == "tiny"
    assert data["seed"] == 3
    chosen = [(n["event"], n["option"]) for n in data["timeline"]["nodes"]]
    # The branch that was stepped back from (help) is kept beside the one played.
    assert sorted(chosen) == sorted([("first", "help"), ("first", "wait"), ("second", "gamble"), ("third", "walk")])


def test_interactive_the_ledger_explains_a_delayed_effect(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", stdin="1\n2\n1\n", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "The end: Partnership" in result.stdout
    assert "A delayed result of your choice 'Help': Elite resistance up 5 to 45." in words(result.stdout)


def test_interactive_quit_autosaves(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", stdin="1\nq\n", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "The end:" not in result.stdout
    save = autosave_path(tmp_path)
    assert result.stdout.rstrip().endswith(f"Autosaved to {save}")
    data = json.loads(save.read_text(encoding="utf-8"))
    assert [(n["event"], n["option"]) for n in data["timeline"]["nodes"]] == [("first", "help")]


def test_interactive_quit_then_load_continues(tmp_path: Path) -> None:
    cli(*PLAY, "--seed", "3", stdin="1\nq\n", tmp_path=tmp_path)
    save = autosave_path(tmp_path)
    result = cli("play", "--text", "--load", str(save), stdin="2\n1\n", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "The end: Partnership" in result.stdout
    # The loaded game goes on in its own autosave: the same file, now holding the whole game, and no other.
    assert result.stdout.rstrip().endswith(f"Autosaved to {save}")
    assert autosave_path(tmp_path) == save
    finished = read_save(save)
    assert finished.over
    assert [(d.event.id, d.event.options[d.option].id) for d in finished.decisions] == [
        ("first", "help"), ("second", "safe"), ("third", "sign")
    ]


def test_interactive_end_of_input_without_a_decision_exits_0_and_writes_no_autosave(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", stdin="", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "The end:" not in result.stdout
    # An empty game is not saved, so it is never offered to be continued in place of a real one.
    assert result.stdout.rstrip().endswith("No decision taken: nothing to save.")
    assert autosave_paths(saves_dir(tmp_path)) == []


def test_interactive_bad_answers_are_explained(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", stdin="x\n9\n3\nb\nq\n", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "'x' is not a command here: type 1-3, or ? for the commands." in out
    assert "There is no option 9: type 1-3, or ? for the commands." in out
    assert "That option is not available now; choose another (d says why)." in out
    assert "This is the first decision; there is nothing to step back to." in out


def test_interactive_save(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", stdin="1\ns\nq\n", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    saves = tmp_path / "xdg-data" / "partnership-game" / "saves"
    manual = [p for p in saves.iterdir() if p.name.startswith("tiny-") and p.suffix == ".json"]
    assert len(manual) == 1
    assert f"Saved to {manual[0]} (open it with --load)." in words(result.stdout)
    assert json.loads(manual[0].read_text(encoding="utf-8"))["timeline"]["nodes"][0]["option"] == "help"


# --- Resume, never overwrite -------------------------------------------------------------------------------------


def _seed_of(out: str) -> int:
    match = re.search(r"^Seed (\d+) \(play again with --seed \1 for the same dice\)\.$", out, re.MULTILINE)
    assert match is not None, out[:300]
    return int(match.group(1))


def _decisions(path: Path) -> list[tuple[str, str]]:
    return [(d.event.id, d.event.options[d.option].id) for d in read_save(path).decisions]


def test_an_unfinished_game_is_offered_and_a_new_one_never_overwrites_it(tmp_path: Path) -> None:
    saves = saves_dir(tmp_path)
    # A first game through a pipe: one decision (help), then q.
    first = cli(*PLAY, stdin="1\nq\n", tmp_path=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "[Y/n]" not in first.stdout  # nothing to continue yet
    seed = _seed_of(first.stdout)
    game = autosave_path(tmp_path)
    assert game.name.startswith("autosave-tiny-")
    assert first.stdout.rstrip().endswith(f"Autosaved to {game}")
    assert _decisions(game) == [("first", "help")]

    # The second start offers it; Enter continues it: the same dice, its decision kept, the same file written.
    second = cli(*PLAY, stdin="\n2\nq\n", tmp_path=tmp_path)
    assert second.returncode == 0, second.stderr
    question = next(line for line in second.stdout.splitlines() if "[Y/n]" in line)
    assert question.startswith("An unfinished game from ")
    assert f", turn 2 of 3 (seed {seed}): continue? [Y/n] " in question
    assert f"Continuing the game saved as {game.name}" in second.stdout
    assert _seed_of(second.stdout) == seed
    assert "Turn 2 of 3" in second.stdout and "Turn 1 of 3" not in second.stdout  # on from where it stopped
    assert second.stdout.rstrip().endswith(f"Autosaved to {game}")
    assert autosave_paths(saves) == [game]
    assert _decisions(game) == [("first", "help"), ("second", "safe")]
    kept = game.read_bytes()

    # --new skips the question: a new game in a new file; the first file stays byte for byte as it was.
    new = cli(*PLAY, "--new", stdin="2\nq\n", tmp_path=tmp_path)
    assert new.returncode == 0, new.stderr
    assert "[Y/n]" not in new.stdout
    assert "Turn 1 of 3" in new.stdout
    assert game.read_bytes() == kept
    others = [p for p in autosave_paths(saves) if p != game]
    assert len(others) == 1 and len(autosave_paths(saves)) == 2
    newer = others[0]
    assert new.stdout.rstrip().endswith(f"Autosaved to {newer}")
    assert _decisions(newer) == [("first", "wait")]

    # A chosen seed asks for a new game with those dice: no question either (and, with nothing decided, no file).
    chosen = seed + 1
    seeded = cli(*PLAY, "--seed", str(chosen), stdin="", tmp_path=tmp_path)
    assert seeded.returncode == 0, seeded.stderr
    assert "[Y/n]" not in seeded.stdout
    assert _seed_of(seeded.stdout) == chosen
    assert seeded.stdout.rstrip().endswith("No decision taken: nothing to save.")
    assert game.read_bytes() == kept
    assert sorted(autosave_paths(saves)) == sorted([game, newer])

    # play --saves lists both: scenario, turn n of N, unfinished, seed.
    listing = cli("play", "--text", "--saves", tmp_path=tmp_path)
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    for path, turn, its_seed in ((game, 3, seed), (newer, 2, _seed_of(new.stdout))):
        at = lines.index(path.name)
        details = []  # the file's details: the indented lines under its name
        for line in lines[at + 1 :]:
            if not line.startswith("  "):
                break
            details.append(line)
        entry = words(" ".join(details))
        assert entry.startswith("tiny; saved "), entry
        assert f"; turn {turn} of 3; unfinished; seed {its_seed}" in entry, entry


def test_explore_text_output_gives_each_meters_spread_as_json_does(tmp_path: Path) -> None:
    text = cli("explore", TINY_REL, "--runs", "400", "--seed", "3", tmp_path=tmp_path)
    data = json.loads(cli("explore", TINY_REL, "--runs", "400", "--seed", "3", "--json", tmp_path=tmp_path).stdout)
    assert text.returncode == 0, text.stderr
    rows = {line.split()[0]: line.split()[1:] for line in text.stdout.splitlines() if line.startswith("  ")}
    assert rows["meter"] == ["at", "the", "end", "p10", "p50", "p90"]
    for meter, spread in data["meters"].items():
        assert [float(x) for x in rows[meter]] == [spread["p10"], spread["p50"], spread["p90"]]
