"""Numbers at the edge: the validator bounds every number a scenario holds, with its position and the bound in
words, and at the largest legal numbers every consumer (engine, terminal, charts, reports) stays finite and
silent, even with warnings turned into errors."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from partnership_game.scenario import ScenarioError, load_bytes, load_path
from partnership_game.scenario.loader import content_hash
from partnership_game.session import Session, write_save
from partnership_game.text.play import scripted

REPO = Path(__file__).resolve().parent.parent.parent
TINY = REPO / "tests" / "data" / "tiny.yaml"
HANG_GUARD = 120  # generous: explore and analyze play thousands of games; only so a hang fails

METER_WORDS = "is out of bounds: a meter's numbers (min, max, start, drift, thresholds) must lie within ±1,000,000"
TRUST = "{id: trust, label: Trust, start: 40, good: up, drift: -1}"
GAINS = "{id: gains, label: Gains, start: 10, good: up, min: 0, max: 50}"


def edited(substitutions: dict[str, str]) -> str:
    """tiny.yaml with each text replaced; every one must be found, so a change to tiny.yaml fails loudly here."""
    text = TINY.read_text(encoding="utf-8")
    for old, new in substitutions.items():
        assert old in text, f"tiny.yaml no longer holds {old!r}"
        text = text.replace(old, new, 1)
    return text


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the one place `needle` occurs."""
    assert text.count(needle) == 1, needle
    offset = text.index(needle)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def cli(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """The command as a player runs it, with every warning (numpy's overflow notes among them) an error."""
    env = dict(os.environ, PYTHONWARNINGS="error")
    return subprocess.run([sys.executable, "-W", "error", "-m", "partnership_game", *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=HANG_GUARD, stdin=subprocess.DEVNULL)


# ---- the validator ----------------------------------------------------------------------------------------------

SIXTH_POWER = "gains * gains * gains * gains * gains * gains"  # with gains within ±1e6: up to 1e36
OUT_OF_BOUNDS = {
    "range low": ({GAINS: GAINS.replace("min: 0", "min: -1e308")}, "-1e308", f"-1e+308 {METER_WORDS}"),
    "range high": ({GAINS: GAINS.replace("max: 50", "max: 1e308")}, "1e308", f"1e+308 {METER_WORDS}"),
    "range infinite": ({GAINS: GAINS.replace("min: 0", "min: -.inf")}, "-.inf", f"-inf {METER_WORDS}"),
    "start": ({TRUST: TRUST.replace("start: 40", "start: 1e308")}, "1e308", f"1e+308 {METER_WORDS}"),
    "start not a number": ({TRUST: TRUST.replace("start: 40", "start: .nan")}, ".nan", f"nan {METER_WORDS}"),
    "start just past the bound": ({TRUST: TRUST.replace("start: 40", "start: 1000000.5")}, "1000000.5",
                                  f"1e+06 {METER_WORDS}"),
    "drift": ({TRUST: TRUST.replace("drift: -1", "drift: -1e308")}, "-1e308", f"-1e+308 {METER_WORDS}"),
    "threshold": ({TRUST: TRUST.replace("drift: -1", "drift: -1, thresholds: [50, 1e308]")}, "1e308",
                  f"1e+308 {METER_WORDS}"),
    "amount": ({"{type: add, meter: trust, amount: 10}": "{type: add, meter: trust, amount: 1e308}"}, "1e308",
               "amount must be a number between -1e9 and 1e9, not 1e+308"),
    "weight": ({"- weight: 1\n            text: It works.": "- weight: 1e308\n            text: It works."},
               "1e308", "weight must be a positive number up to 1e9, not 1e+308"),
    "number in a condition": ({"condition: trust >= 60": "condition: trust >= 1" + "0" * 280}, "1" + "0" * 280,
                              "in condition: a number in a condition must lie within ±1,000,000,000"),
    "product in a chance": ({GAINS: GAINS.replace("min: 0, max: 50", "min: -1000000, max: 1000000"),
                             "chance: 0.02 * elite_resistance": f"chance: {SIXTH_POWER}"},
                            SIXTH_POWER, "in chance: this product can reach ±1e36; a condition may compute at most "
                            "±1e30 (each meter counted at the far end of its range)"),
    "ending priority": ({"priority: 100": "priority: 100000000000000000000"}, "100000000000000000000",
                        "an ending's priority must lie within ±1,000,000, not 1e+20"),
}


@pytest.mark.parametrize(("substitutions", "needle", "words"), OUT_OF_BOUNDS.values(), ids=list(OUT_OF_BOUNDS))
def test_a_number_out_of_bounds_is_an_error_at_its_place(substitutions: dict[str, str], needle: str,
                                                         words: str) -> None:
    text = edited(substitutions)
    with pytest.raises(ScenarioError) as info:
        load_bytes(text.encode("utf-8"), "edge.yaml")
    errors = [d for d in info.value.diagnostics if d.severity == "error"]
    assert [(d.line, d.col, d.message) for d in errors] == [(*position(text, needle), words)]


def test_a_sliver_of_a_meter_range_is_an_error() -> None:
    """A range narrower than 0.001 (here the smallest float above zero) would scale a chart to nothing."""
    text = edited({GAINS: GAINS.replace("max: 50", "max: 5e-324")})
    with pytest.raises(ScenarioError) as info:
        load_bytes(text.encode("utf-8"), "edge.yaml")
    [error] = [d for d in info.value.diagnostics if d.severity == "error"]
    assert (error.line, error.col) == position(text, GAINS.replace("max: 50", "max: 5e-324"))
    assert error.message == "max (4.94066e-324) must be at least 0.001 above min (0)"


def test_validate_refuses_a_meter_range_of_1e308(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    text = edited({GAINS: GAINS.replace("min: 0, max: 50", "min: -1e308, max: 1e308")})
    path.write_text(text, encoding="utf-8")
    result = cli("validate", path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    low, high = position(text, "-1e308"), position(text, " 1e308")
    assert f"{path}:{low[0]}:{low[1]}: error: -1e+308 {METER_WORDS}" in result.stderr
    assert f"{path}:{high[0]}:{high[1] + 1}: error: 1e+308 {METER_WORDS}" in result.stderr


# ---- the largest legal numbers through every consumer ------------------------------------------------------------

LARGEST = {
    TRUST: "{id: trust, label: Trust, start: -1000000, good: up, drift: 1000000, min: -1000000, max: 1000000, "
           "thresholds: [-1000000, 0, 1000000]}",
    GAINS: "{id: gains, label: Gains, start: 1000000, good: down, min: -1000000, max: 1000000, drift: -1000000, "
           "thresholds: [-1000000, 1000000]}\n"
           "  - {id: sliver, label: Sliver, start: 5e-324, good: up, min: -0.0005, max: 0.0005, drift: 1e-300, "
           "thresholds: [0]}",
    "{type: add, meter: trust, amount: 10}": "{type: add, meter: trust, amount: 1000000000}",
    "{type: add, meter: trust, amount: -5}": "{type: add, meter: trust, amount: -1e9}",
    "{type: add, meter: elite_resistance, amount: 10}": "{type: add, meter: sliver, amount: 1e9}",
    "effects: [{type: add, meter: gains, amount: 20}]": "effects: [{type: add, meter: gains, amount: -1e9}, "
                                                        "{type: add, meter: gains, amount: -1e9}]",
    "- weight: 1\n            text: It works.": "- weight: 1e9\n            text: It works.",
    "- weight: 1\n            text: It fails.": "- weight: 5e-324\n            text: It fails.",
    # gains to the fifth reaches 1e30 exactly, the most a condition may compute.
    "chance: 0.02 * elite_resistance": "chance: gains * gains * gains * gains * gains * 0.000000001 + 0.5",
    "condition: trust >= 40 and gains >= 20": "condition: trust * 1000000000 >= 999999999 and gains <= -1000000",
    "priority: 100": "priority: 1000000",
    "priority: 40": "priority: -1000000",
}


@pytest.fixture(scope="module")
def largest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("largest")
    path = folder / "largest.yaml"
    path.write_text(edited(LARGEST), encoding="utf-8")
    return path


def _silent(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert not re.search(r"\b(inf|nan|Infinity|NaN)\b", result.stdout), result.stdout
    return result.stdout


def test_the_largest_legal_scenario_is_valid(largest: Path) -> None:
    result = cli("validate", largest)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_the_largest_legal_numbers_play_report_explore_and_analyze_silently(largest: Path, tmp_path: Path) -> None:
    save = tmp_path / "s.json"
    played = _silent(cli("play", "--text", "--scenario", largest, "--seed", "7", "--choices", "historical",
                         "--save", save))
    assert "- Trust: -1000000 " in played  # the starting state, written as the numbers it holds
    words = " ".join(played.split())  # the transcript wraps at 80 columns
    assert re.search(r"With the passing of time: [^.]*Gains down 1000000 to 0", words), words
    _silent(cli("report", save, "--out", tmp_path / "r.html", "--csv", tmp_path / "r.csv"))
    _silent(cli("class-report", save, "--out", tmp_path / "c.html", "--csv", tmp_path / "c.csv"))
    for name in ("r.html", "r.csv", "c.html", "c.csv"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert not re.search(r"\b(inf|nan|Infinity|NaN)\b", text), name
    explored = _silent(cli("explore", largest, "--runs", "1000", "--json"))
    counts = json.loads(explored)
    assert "Infinity" not in explored and "NaN" not in explored and counts
    _silent(cli("explore", largest, "--runs", "1000", "--per-option"))
    analyzed = _silent(cli("analyze", largest, "--runs", "500"))
    assert "Endings" in analyzed


# ---- a save made before the bounds --------------------------------------------------------------------------------


def test_a_save_whose_scenario_is_now_out_of_bounds_is_refused_in_words(tmp_path: Path) -> None:
    """A save made before the bounds carries a copy of a ±1e308 scenario: it goes through the same validator."""
    session = Session(load_path(TINY), 4242)
    scripted(session, "historical")
    save = tmp_path / "old.json"
    write_save(save, session)
    huge = edited({GAINS: GAINS.replace("min: 0, max: 50", "min: -1e308, max: 1e308")}).encode("utf-8")
    raw = json.loads(save.read_bytes())
    raw["scenario"]["hash"] = content_hash(huge)
    raw["scenario"]["text_zlib_b64"] = base64.b64encode(zlib.compress(huge, 9)).decode("ascii")
    save.write_text(json.dumps(raw), encoding="utf-8")
    before = save.read_bytes()
    line, col = position(huge.decode("utf-8"), "-1e308")
    expected = (f"{save}: error: the save's scenario does not load: {save}:scenario:{line}:{col}: error: "
                f"-1e+308 {METER_WORDS}")

    report = cli("report", save, "--out", tmp_path / "r.html")
    assert report.returncode == 1
    assert report.stderr.strip() == expected
    assert not (tmp_path / "r.html").exists()

    loaded = cli("play", "--text", "--load", save)
    assert loaded.returncode == 1
    assert expected in loaded.stderr
    assert "Traceback" not in loaded.stdout + loaded.stderr

    assert save.read_bytes() == before
