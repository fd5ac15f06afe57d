"""Properties over any seed and any sequence of legal choices: meters stay in range, the game ends in one ending."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnership_game.engine import Engine, State
from partnership_game.scenario import LoadedScenario, ScenarioError, load_path
from partnership_game.scenario.conditions import Compiled, Context

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
FIXTURES = {
    "tiny": TESTS / "data" / "tiny.yaml",
    "rules_probe": TESTS / "data" / "rules_probe.yaml",
    "immediate_end": TESTS / "data" / "immediate_end.yaml",
}
MAIN = REPO / "scenarios" / "new_partnership.yaml"


@cache
def loaded(name: str) -> LoadedScenario:
    if name == "new_partnership":
        if not MAIN.exists():
            pytest.skip(f"{MAIN} does not exist")
        try:
            return load_path(MAIN)
        except ScenarioError as exc:
            pytest.skip(f"{MAIN} does not load: {exc}")
    return load_path(FIXTURES[name])


def in_range(loaded_: LoadedScenario, meters: np.ndarray) -> bool:
    c = loaded_.compiled
    return bool(np.all(meters >= c.meter_min) and np.all(meters <= c.meter_max) and np.all(np.isfinite(meters)))


def holds(condition: Compiled | None, state: State, turn: int) -> bool:
    if condition is None:
        return True
    value = condition.evaluate(Context(state.meters, state.flags, turn))
    return bool(np.broadcast_to(np.asarray(value, dtype=np.bool_), (state.size,))[0])


def check_game(loaded_: LoadedScenario, seed: int, data: st.DataObject) -> None:
    c = loaded_.compiled
    engine = Engine(c)
    state = engine.start(np.array([seed], dtype=np.uint64), keep_ledger=True)
    assert in_range(loaded_, state.meters)
    decisions = 0
    while (pending := engine.advance(state)) is not None:
        assert in_range(loaded_, state.meters)
        assert state.playing[0] and state.ending[0] < 0
        legal = np.flatnonzero(pending.available[0])
        assert legal.size > 0  # the engine never asks a game that has no available option
        k = data.draw(st.sampled_from(legal.tolist()), label=f"{pending.event.id}@{pending.turn}")
        engine.choose(state, pending, np.array([k], dtype=np.int64))
        decisions += 1
        assert in_range(loaded_, state.meters)
        assert decisions <= 10_000
    assert in_range(loaded_, state.meters)

    # Every intermediate value the ledger saw lies in range too, and the ledger accounts for every change.
    ledger = state.ledger
    assert ledger is not None
    low = dict(zip(c.meter_ids, c.meter_min.tolist(), strict=True))
    high = dict(zip(c.meter_ids, c.meter_max.tolist(), strict=True))
    current = dict(zip(c.meter_ids, c.meter_start.tolist(), strict=True))
    for entry in ledger.entries:
        assert low[entry.meter] <= entry.before <= high[entry.meter]
        assert low[entry.meter] <= entry.after <= high[entry.meter]
        assert entry.before == current[entry.meter], entry
        current[entry.meter] = entry.after
    assert current == dict(zip(c.meter_ids, state.meters[0].tolist(), strict=True))
    for row in ledger.turn_end_meters:
        assert in_range(loaded_, np.array(row))

    # Exactly one ending, and the right one: the first (by priority) whose condition holds at the end.
    assert state.ending.shape == (1,)
    assert not state.playing.any()
    index = int(state.ending[0])
    assert 0 <= index < len(c.endings)
    ended_turn = int(state.ended_turn[0])
    assert 0 <= ended_turn < c.turn_count
    true_now = [holds(e.condition, state, ended_turn + 1) for e in c.endings]
    immediate = [k for k, e in enumerate(c.endings) if e.immediate and true_now[k]]
    if ended_turn < c.turn_count - 1:
        assert c.endings[index].immediate
        assert immediate and index == immediate[0]
    else:
        assert index == (immediate[0] if immediate else true_now.index(True))
    assert c.endings[c.fallback_ending].condition is None


SEEDS = st.integers(min_value=0, max_value=2**64 - 1)


@pytest.mark.parametrize("name", ["tiny", "rules_probe", "immediate_end"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=SEEDS, data=st.data())
def test_fixture_games_stay_in_range_and_end_once(name: str, seed: int, data: st.DataObject) -> None:
    check_game(loaded(name), seed, data)


@settings(max_examples=60, deadline=None)
@given(seed=SEEDS, data=st.data())
def test_main_scenario_games_stay_in_range_and_end_once(seed: int, data: st.DataObject) -> None:
    check_game(loaded("new_partnership"), seed, data)


@settings(max_examples=100, deadline=None)
@given(seed=SEEDS, data=st.data())
def test_replaying_the_same_choices_gives_the_same_game(seed: int, data: st.DataObject) -> None:
    tiny = loaded("tiny")
    engine = Engine(tiny.compiled)
    state = engine.start(np.array([seed], dtype=np.uint64), keep_ledger=True)
    choices = []
    while (pending := engine.advance(state)) is not None:
        k = data.draw(st.sampled_from(np.flatnonzero(pending.available[0]).tolist()))
        choices.append(k)
        engine.choose(state, pending, np.array([k], dtype=np.int64))
    again = engine.start(np.array([seed], dtype=np.uint64), keep_ledger=True)
    for k in choices:
        pending = engine.advance(again)
        assert pending is not None
        engine.choose(again, pending, np.array([k], dtype=np.int64))
    assert engine.advance(again) is None
    assert again.meters.tobytes() == state.meters.tobytes()
    assert again.flags.tobytes() == state.flags.tobytes()
    assert again.ending.tobytes() == state.ending.tobytes()
    assert state.ledger is not None and again.ledger is not None
    assert again.ledger.entries == state.ledger.entries
