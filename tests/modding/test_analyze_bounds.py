"""analyze's bound rule: a meter held at its min or max for more than three turns in a row, per policy and plan."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from partnership_game.engine import POLICIES, Engine
from partnership_game.engine.analysis import dry_run, report
from partnership_game.engine.batch import explore_seeds
from partnership_game.engine.policies import forcing
from partnership_game.scenario import load_bytes

TURNS = 5


def probe() -> str:
    """Five turns of one decision: 'push' sends `pushed` to its max at once and keeps it there; both options take 3
    from `three`, which starts at 7 and so reaches its floor on turn 3 and sits there for exactly three turns."""
    turns = "\n".join(f"  - {{id: t{k}, date: '2001-10-{10 + k}', place: Moscow, title: Turn {k}}}"
                      for k in range(TURNS))
    events = "\n".join(f"""  - id: d{k}
    title: Decision {k}
    turn: t{k}
    accuracy: invented
    situation: Push or hold.
    options:
      - id: push
        label: Push
        historical: true
        effects: [{{type: add, meter: pushed, amount: 100}}, {{type: add, meter: three, amount: -3}}]
      - id: hold
        label: Hold
        effects: [{{type: add, meter: three, amount: -3}}]""" for k in range(TURNS))
    return f"""format_version: 1
id: bounds_probe
title: Bounds probe
description: Meters that sit at their bounds.
authors: [The test suite]
roles: [{{id: kremlin, label: The Kremlin}}]
meters:
  - {{id: pushed, label: Pushed, start: 5, min: 0, max: 10, good: up}}
  - {{id: three, label: Three turns at the floor, start: 7, min: 0, max: 10, good: up}}
  - {{id: calm, label: Calm, start: 5, min: 0, max: 10, good: up}}
turns:
{turns}
events:
{events}
endings:
  - {{id: done, title: Done, text: It is over., fallback: true}}
"""


def bounds(policy_names: dict[str, object], runs: int = 4000) -> dict[str, object]:
    loaded = load_bytes(probe().encode(), "probe.yaml")
    engine = Engine(loaded.compiled)
    seeds = explore_seeds(5, runs)
    result = report(engine, {name: dry_run(engine, seeds, policy)  # type: ignore[arg-type]
                             for name, policy in policy_names.items()})
    found: dict[str, object] = result["bounds"]  # type: ignore[assignment]
    return found


def test_a_meter_held_at_its_max_from_the_first_turn_is_reported_and_three_turns_are_not() -> None:
    found = bounds({"historical": POLICIES["historical"], "holding": forcing(POLICIES["historical"], {
        f"d{k}": 1 for k in range(TURNS)})})
    shares = found["shares"]  # type: ignore[index]
    assert shares["pushed"] == {"historical": 1.0, "holding": 0.0}
    assert shares["three"] == {"historical": 0.0, "holding": 0.0}  # three turns at the floor: at the limit, not over
    assert shares["calm"] == {"historical": 0.0, "holding": 0.0}
    assert found["over_limit"] == [{"meter": "pushed", "policy": "historical", "share": 1.0}]  # type: ignore[index]


def test_random_play_counts_only_the_games_that_push_early_enough() -> None:
    # 'pushed' stays at its max from the first push on: more than three turns there when the first push comes on
    # one of the first two turns (five turns in all), so in 1 - (1/2)^2 = 75% of games.
    share = bounds({"random": POLICIES["random"]})["shares"]["pushed"]["random"]  # type: ignore[index]
    assert abs(share - 0.75) < 0.03


def test_the_bound_rule_reads_the_games_own_runs() -> None:
    """The longest run per game equals the one read off a single game's ledger, game by game."""
    from partnership_game.session import Session

    loaded = load_bytes(probe().encode(), "probe.yaml")
    engine = Engine(loaded.compiled)
    seeds = explore_seeds(9, 40)
    batch = dry_run(engine, seeds, POLICIES["random"])
    expected = []
    for seed in seeds.tolist():
        state = engine.start(np.array([seed], dtype=np.uint64), keep_ledger=True)
        while (pending := engine.advance(state)) is not None:
            engine.choose(state, pending, POLICIES["random"](state, pending))
        assert state.ledger is not None
        at_max = [row[0] >= 10 for row in state.ledger.turn_end_meters]
        longest = run = 0
        for flag in at_max:
            run = run + 1 if flag else 0
            longest = max(longest, run)
        expected.append(longest > 3)
    assert batch.held_at_bound["pushed"] == sum(expected) / len(expected)
    del Session


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "partnership_game", *args], capture_output=True, text=True,
                          timeout=300, check=False)


def test_analyze_plays_the_scenarios_own_plans_and_reports_bounds(tmp_path: Path) -> None:
    (tmp_path / "probe.yaml").write_text(probe(), encoding="utf-8")
    plans = {"holding": {"policy": "historical", "force": {f"d{k}": "hold" for k in range(TURNS)}}}
    (tmp_path / "probe.plans.json").write_text(json.dumps(plans), encoding="utf-8")
    result = cli("analyze", str(tmp_path / "probe.yaml"), "--runs", "300", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data["runs"]) == ["random", "historical", "holding"]
    assert data["bounds"]["shares"]["pushed"]["holding"] == 0.0
    assert data["bounds"]["shares"]["pushed"]["historical"] == 1.0
    assert data["late_immediate_endings"] == [] and data["incoherent_texts"] == []
    text = cli("analyze", str(tmp_path / "probe.yaml"), "--runs", "300")
    assert "pushed under historical: 100.0% of games" in text.stdout


def test_a_broken_plans_file_is_named_with_what_is_wrong(tmp_path: Path) -> None:
    (tmp_path / "probe.yaml").write_text(probe(), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"oops": {"policy": "historical", "force": {"d9": "push"}}}), encoding="utf-8")
    result = cli("analyze", str(tmp_path / "probe.yaml"), "--runs", "10", "--plans", str(bad))
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"{bad}: error: plan 'oops': no decision 'd9'")
    bad.write_text('{"a": {"policy": "historical"}, "a": {}}', encoding="utf-8")
    result = cli("analyze", str(tmp_path / "probe.yaml"), "--runs", "10", "--plans", str(bad))
    assert result.returncode == 1 and result.stderr == f"{bad}: error: the key 'a' appears twice in one object\n"
    bad.write_text('{\n "a": [1,\n', encoding="utf-8")
    result = cli("analyze", str(tmp_path / "probe.yaml"), "--runs", "10", "--plans", str(bad))
    assert result.returncode == 1 and result.stderr.startswith(f"{bad}:3:1: error: ")
    result = cli("analyze", str(tmp_path / "probe.yaml"), "--runs", "10", "--plans", str(tmp_path / "none.json"))
    assert result.returncode == 1 and result.stderr == f"{tmp_path / 'none.json'}: error: no such file\n"
