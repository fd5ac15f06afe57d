"""The command line through a real process: --version, scripted and interactive play, explore."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_game import __version__

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


def autosave_path(tmp_path: Path) -> Path:
    return tmp_path / "xdg-data" / "partnership-game" / "saves" / "autosave-tiny.json"


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
    assert "THE END: Cold peace" in result.stdout
    assert "You chose: Wait" in result.stdout
    assert "History chose: Help" in result.stdout


def test_play_a_wrong_option_id(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", "--choices", "help,nope,sign", tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "partnership-game play: error: 'second' has no option 'nope' (options: gamble, safe)\n"
    # The transcript tells the game up to the decision the list could not make, and stops there.
    assert "Chosen: 1. Help" in result.stdout
    assert "SECOND DECISION" in result.stdout
    assert "THE END" not in result.stdout


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
    assert result.stderr.startswith("no_such_scenario:1:1: error: no scenario with id 'no_such_scenario'")


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
    assert "THE END: Partnership" in loaded.stdout


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
    assert result.stdout.startswith("500 games of 'tiny', policy historical, seed 0:")
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
    assert out.count("What changed and why:") >= 3
    assert "because of your choice: Wait" in out
    assert "THE END: Cold peace" in out
    assert "DEBRIEF: your path against history" in out
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
    assert "THE END: Partnership" in result.stdout
    assert "Elite resistance up 5 to 45" in result.stdout


def test_interactive_quit_autosaves(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", stdin="1\nq\n", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "THE END" not in result.stdout
    save = autosave_path(tmp_path)
    assert result.stdout.rstrip().endswith(f"Autosaved to {save}")
    data = json.loads(save.read_text(encoding="utf-8"))
    assert [(n["event"], n["option"]) for n in data["timeline"]["nodes"]] == [("first", "help")]


def test_interactive_quit_then_load_continues(tmp_path: Path) -> None:
    cli(*PLAY, "--seed", "3", stdin="1\nq\n", tmp_path=tmp_path)
    save = autosave_path(tmp_path)
    result = cli("play", "--text", "--load", str(save), stdin="2\n1\n", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "THE END: Partnership" in result.stdout


def test_interactive_end_of_input_exits_0_and_autosaves(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", stdin="", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert autosave_path(tmp_path).is_file()
    assert "THE END" not in result.stdout


def test_interactive_bad_answers_are_explained(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", stdin="x\n9\n3\nb\nq\n", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("Please type a number from 1 to 3, or b, s or q.") == 2
    assert "That option is not available now; choose another." in out
    assert "This is the first decision; there is nothing to step back to." in out


def test_interactive_save(tmp_path: Path) -> None:
    result = cli(*PLAY, "--seed", "3", stdin="1\ns\nq\n", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    saves = tmp_path / "xdg-data" / "partnership-game" / "saves"
    manual = [p for p in saves.iterdir() if p.name.startswith("tiny-") and p.suffix == ".json"]
    assert len(manual) == 1
    assert f"Saved to {manual[0]}" in result.stdout
    assert json.loads(manual[0].read_text(encoding="utf-8"))["timeline"]["nodes"][0]["option"] == "help"
