"""explore with counterparts: --side ROLE=TEMPERAMENT, --pairs, --lookahead K, and clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from partnership_game.cli import main
from partnership_game.engine import Engine
from partnership_game.engine.batch import explore_seeds, run_batch
from partnership_game.engine.side_policies import greedy_sides_policy
from partnership_game.scenario import load_path

REPO = Path(__file__).resolve().parents[2]
CORRIDOR = str(REPO / "tests" / "data" / "corridor_2001.yaml")
TINY = str(REPO / "tests" / "data" / "tiny.yaml")


def _explore(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["explore", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_side_played_by_its_temperament_counts_what_the_batch_policy_gives(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _explore(capsys, CORRIDOR, "--runs", "500", "--side", "kremlin=hawkish", "--side",
                              "washington=cautious", "--json")
    assert status == 0
    result = json.loads(out)
    assert result["sides"] == {"kremlin": "hawkish", "washington": "cautious"}
    assert "one step ahead" in result["sides_play"]
    compiled = load_path(Path(CORRIDOR)).compiled
    sides = compiled.sides
    policy = greedy_sides_policy(compiled, {0: sides.temperament(0, "hawkish"), 1: sides.temperament(1, "cautious")})
    endings = run_batch(Engine(compiled), explore_seeds(0, 500), policy).endings
    counts = np.bincount(endings.astype(np.int64), minlength=len(compiled.endings))
    assert result["endings"] == {e.id: int(counts[e.index]) for e in compiled.endings}


def test_pairs_prints_a_row_per_pair_of_temperaments(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _explore(capsys, CORRIDOR, "--runs", "300", "--pairs", "--lookahead", "2")
    assert status == 0
    assert "2 futures per game" in out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "endings reached" not in line]
    sides = load_path(Path(CORRIDOR)).compiled.sides
    expected = {(a.id, b.id) for a in sides.temperaments_of(0) for b in sides.temperaments_of(1)}
    assert {tuple(cell.strip() for cell in row.strip("|").split("|")[:2]) for row in rows} == expected
    status, out, _ = _explore(capsys, CORRIDOR, "--runs", "300", "--pairs", "--json")
    table = json.loads(out)["pairs"]
    assert len(table) == len(expected)
    assert all(sum(row["endings"].values()) == 300 for row in table)


@pytest.mark.parametrize(("args", "says"), [
    (["--side", "kremln=hawkish"], "no role 'kremln' (did you mean 'kremlin'?)"),
    (["--side", "kremlin=hawkisj"], "kremlin has no temperament 'hawkisj' (did you mean 'hawkish'?)"),
    (["--side", "kremlin"], "write ROLE=TEMPERAMENT"),
    (["--side", "kremlin=hawkish", "--side", "kremlin=balanced"], "already played by 'hawkish'"),
    (["--pairs", "--side", "kremlin=hawkish"], "leave out --side"),
])
def test_bad_sides_are_refused_with_a_reason(capsys: pytest.CaptureFixture[str], args: list[str], says: str) -> None:
    status, out, err = _explore(capsys, CORRIDOR, "--runs", "10", *args)
    assert status == 2 and out == ""
    assert says in err


def test_pairs_needs_two_sides(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _explore(capsys, TINY, "--pairs")
    assert status == 2
    assert "needs a scenario with two sides" in err


def test_lookahead_is_bounded(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["explore", CORRIDOR, "--lookahead", "0"])
    assert "from 1 to 1024" in capsys.readouterr().err
