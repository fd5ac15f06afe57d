"""Rules at the edges, on small fixture scenarios made for them (tests/data/rules_probe.yaml, immediate_end.yaml,
stacked_adds.yaml): clamping, ending priorities, repeat limits, schedules past the last turn, immediate endings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from partnership_game.engine import Engine, State, run_batch, uniform_random
from partnership_game.scenario import LoadedScenario, load_path

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def probe() -> LoadedScenario:
    return load_path(DATA / "rules_probe.yaml")


@pytest.fixture(scope="module")
def immediate() -> LoadedScenario:
    return load_path(DATA / "immediate_end.yaml")


def play(loaded: LoadedScenario, seed: int, picks: dict[str, str]) -> tuple[State, list[str]]:
    engine = Engine(loaded.compiled)
    state = engine.start(np.array([seed], dtype=np.uint64), keep_ledger=True)
    asked: list[str] = []
    while (pending := engine.advance(state)) is not None:
        asked.append(pending.event.id)
        ids = [o.id for o in pending.event.options]
        engine.choose(state, pending, np.array([ids.index(picks[pending.event.id])], dtype=np.int64))
    return state, asked


def meter(loaded: LoadedScenario, state: State, name: str) -> float:
    return float(state.meters[0, loaded.compiled.meter_ids.index(name)])


def ending_id(loaded: LoadedScenario, state: State) -> str:
    return loaded.compiled.endings[int(state.ending[0])].id


def bounds(loaded: LoadedScenario, name: str) -> tuple[float, float]:
    m = next(m for m in loaded.model.meters if m.id == name)
    return m.min, m.max


# ---- rules_probe.yaml: power starts 45 in [0, 50]; morale starts 3 in [0, 100] with drift -2 -----------------


def test_clamping_at_the_meter_bounds(probe: LoadedScenario) -> None:
    state, _ = play(probe, 1, {"opening": "boost", "second": "pass"})
    low, high = bounds(probe, "power")
    assert (low, high) == (0, 50)
    # boost: power 45 + 20 = 65 -> clamped to 50; morale 3 - 10 = -7 -> clamped to 0.
    assert state.ledger is not None
    opening = {e.meter: (e.before, e.after) for e in state.ledger.entries if e.event == "opening"}
    assert opening == {"power": (45.0, 50.0), "morale": (3.0, 0.0)}
    assert meter(probe, state, "power") == high
    # Drift -2 on morale at 0 stays at 0: never below the minimum, on any turn.
    assert meter(probe, state, "morale") == 0.0
    morale = probe.compiled.meter_ids.index("morale")
    assert [row[morale] for row in state.ledger.turn_end_meters] == [0.0] * 4
    assert not [e for e in state.ledger.entries if e.kind == "drift" and e.meter == "morale"]


def test_drift_clamps_at_the_minimum(probe: LoadedScenario) -> None:
    state, _ = play(probe, 1, {"opening": "plan", "second": "pass"})
    morale = probe.compiled.meter_ids.index("morale")
    assert state.ledger is not None
    # 3 -> 1 -> max(0, -1) = 0 -> 0 -> 0
    assert [row[morale] for row in state.ledger.turn_end_meters] == [1.0, 0.0, 0.0, 0.0]


def test_gains_are_clamped_to_their_max_in_tiny(tiny) -> None:
    """tiny.yaml's gains has max 50; a batch of every road never leaves [0, 50] and clamps when pushed."""
    compiled = tiny.compiled
    gains = compiled.meter_ids.index("gains")
    # The same scenario with gains starting at its max: the gamble's +20 and sign's +10 must be clamped away.
    start = compiled.meter_start.copy()
    start[gains] = compiled.meter_max[gains]
    engine = Engine(replace(compiled, meter_start=start))
    state = engine.start(np.arange(64, dtype=np.uint64))
    while (pending := engine.advance(state)) is not None:
        engine.choose(state, pending, uniform_random(state, pending))
    assert compiled.meter_max[gains] == 50
    assert np.all(state.meters[:, gains] == 50)


def test_condition_gates_an_option_by_the_state_at_decision_time(probe: LoadedScenario) -> None:
    engine = Engine(probe.compiled)
    for first, needs_mark_open in (("boost", False), ("boost_mark", True), ("plan", False)):
        state = engine.start(np.array([4], dtype=np.uint64))
        pending = engine.advance(state)
        assert pending is not None and pending.event.id == "opening"
        ids = [o.id for o in pending.event.options]
        # gated needs power >= 60; power starts at 45 and its max is 50, so it is never available.
        assert not pending.available[0, ids.index("gated")]
        engine.choose(state, pending, np.array([ids.index(first)], dtype=np.int64))
        pending = engine.advance(state)
        assert pending is not None and pending.event.id == "second"
        ids = [o.id for o in pending.event.options]
        assert bool(pending.available[0, ids.index("needs_mark")]) is needs_mark_open
        assert pending.available[0, ids.index("pass")]


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("boost", "strong"),  # power 50 >= 50, not marked: 'strong' (priority 10)
        ("boost_mark", "marked_end"),  # both hold: 'marked_end' (priority 20) wins though written after 'strong'
        ("plan", "drifted"),  # power 45, not marked: the fallback
    ],
)
def test_endings_by_priority(probe: LoadedScenario, first: str, expected: str) -> None:
    state, _ = play(probe, 2, {"opening": first, "second": "pass"})
    assert ending_id(probe, state) == expected
    assert int(state.ended_turn[0]) == len(probe.model.turns) - 1
    assert not state.playing.any()
    ids = [e.id for e in probe.compiled.endings]
    assert ids == ["marked_end", "strong", "drifted"]


def test_trigger_fires_at_most_max_times(probe: LoadedScenario) -> None:
    tick = next(e for e in probe.model.events if e.id == "tick")
    assert tick.repeat is not None
    limit = tick.repeat.max_times
    assert limit < len(probe.model.turns)  # its condition and chance (1) would let it fire every turn
    for seed in range(10):
        state, _ = play(probe, seed, {"opening": "plan", "second": "pass"})
        assert meter(probe, state, "ticks") == limit
        assert int(state.fired[0, probe.compiled.event_index("tick")]) == limit
        assert state.ledger is not None
        assert [e.turn for e in state.ledger.entries if e.event == "tick"] == list(range(limit))
        assert all(e.kind == "random" for e in state.ledger.entries if e.event == "tick")


def test_trigger_fires_at_most_once_by_default(tiny) -> None:
    engine = Engine(tiny.compiled)
    leak = tiny.compiled.event_index("leak")
    state = engine.start(np.arange(500, dtype=np.uint64))
    while (pending := engine.advance(state)) is not None:
        engine.choose(state, pending, uniform_random(state, pending))
    assert int(state.fired[:, leak].max()) == 1
    assert int(state.fired[:, leak].min()) == 0


def test_scheduled_events_past_the_last_turn_never_fire(probe: LoadedScenario) -> None:
    turns = len(probe.model.turns)
    plan = next(o for e in probe.model.events if e.id == "opening" for o in e.options if o.id == "plan")
    after = {e.event: e.after_turns for e in plan.effects if e.type == "schedule"}
    # Chosen on turn 1: 'late' lands on turn 1 + 3 = 4 (the last), 'never' on turn 5, which does not exist.
    assert 1 + after["late"] == turns and 1 + after["never"] == turns + 1
    state, _ = play(probe, 9, {"opening": "plan", "second": "pass"})
    assert meter(probe, state, "late_hits") == 1
    assert meter(probe, state, "never_hits") == 0
    assert int(state.fired[0, probe.compiled.event_index("never")]) == 0
    assert state.ledger is not None
    late = [e for e in state.ledger.entries if e.event == "late"]
    assert [(e.turn, e.kind) for e in late] == [(turns - 1, "scheduled")]
    assert not [e for e in state.ledger.entries if e.event == "never"]


# ---- immediate_end.yaml: 'provoke' puts elite_resistance at 95 on turn 1; 'backlash' is immediate at >= 95 ----


def test_immediate_ending_ends_the_game_at_once(immediate: LoadedScenario) -> None:
    state, asked = play(immediate, 3, {"crisis": "provoke", "second": "speak", "third": "speak"})
    assert asked == ["crisis"]  # no more decisions after the first
    assert ending_id(immediate, state) == "backlash"
    assert int(state.ended_turn[0]) == 0
    assert state.turn == 1
    assert meter(immediate, state, "elite_resistance") == 30 + 65
    # The game ended as the choice landed: the happening after it and the turn's drift no longer touch it.
    assert meter(immediate, state, "news") == 0
    assert meter(immediate, state, "heat") == 50
    assert state.ledger is not None
    assert {e.turn for e in state.ledger.entries} == {0}
    assert state.ledger.turn_end_meters == [(95.0, 50.0, 0.0)]  # the chart still closes the last turn
    assert int(state.fired[0, immediate.compiled.event_index("aftermath")]) == 0
    assert int(state.fired[0, immediate.compiled.event_index("second")]) == 0
    # advance after the end stays at the end.
    assert Engine(immediate.compiled).advance(state) is None
    assert ending_id(immediate, state) == "backlash"


def test_immediate_ending_is_checked_before_drift(immediate: LoadedScenario) -> None:
    # 'edge' puts heat at 50 + 45 = 95 during turn 1: the game ends there, though drift (-1) would have taken it
    # back to 94 by the end of the turn.
    state, asked = play(immediate, 3, {"crisis": "edge", "second": "hush", "third": "hush"})
    assert asked == ["crisis"]
    assert ending_id(immediate, state) == "overheated"
    assert meter(immediate, state, "heat") == 50 + 45


def test_ended_games_in_a_batch_are_frozen(immediate: LoadedScenario) -> None:
    engine = Engine(immediate.compiled)
    result = run_batch(engine, np.arange(300, dtype=np.uint64), uniform_random)
    state = result.state
    ids = immediate.compiled.meter_ids
    ended = [immediate.compiled.endings[int(k)].id for k in state.ending]
    backlash = np.array([e == "backlash" for e in ended])
    assert backlash.any() and (~backlash).any()
    assert np.all(state.ended_turn[backlash] == 0)
    # Games that ended with the choice on turn 1 got nothing after it: no happening, no drift, no later news.
    assert np.all(state.meters[backlash, ids.index("heat")] == 50)
    assert np.all(state.meters[backlash, ids.index("news")] == 0)
    overheated = np.array([e == "overheated" for e in ended])
    assert overheated.any()
    assert np.all(state.ended_turn[overheated] == 0)
    assert np.all(state.meters[overheated, ids.index("heat")] == 50 + 45)
    rest = ~backlash & ~overheated
    assert rest.any()
    assert np.all(state.meters[rest, ids.index("heat")] == 50 - 3)
    assert np.all(state.ended_turn[rest] == 2)


# ---- stacked_adds.yaml: two adds to one meter in one option ---------------------------------------------------


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        # scenario-format.md, Effects: "the amounts added to a meter are summed, and then the meter is clamped to
        # its range once. So +20 and -20 on the same meter cancel out even when the meter is near a bound".
        ("up_then_down", 45.0),  # 45 + (20 - 20) = 45, although 45 + 20 alone would pass the max of 50
        ("down_then_up", 0.0),  # 45 + (-60 + 10) = -5 -> clamped once to 0
    ],
)
def test_adds_of_one_choice_are_summed_then_clamped_once(option: str, expected: float) -> None:
    loaded = load_path(DATA / "stacked_adds.yaml")
    state, _ = play(loaded, 1, {"swing": option})
    assert meter(loaded, state, "trust") == expected
    assert state.ledger is not None
    changes = [(e.before, e.after) for e in state.ledger.entries if e.event == "swing"]
    assert all(before == 45.0 and after == expected for before, after in changes)


# ---- repeated_delayed.yaml: a trigger fires on turns 1, 2, 3 (max_times 3), each time with a delayed +1 --------


def test_every_firing_gets_its_delayed_effect() -> None:
    loaded = load_path(DATA / "repeated_delayed.yaml")
    state, _ = play(loaded, 1, {"choice": "yes"})
    assert meter(loaded, state, "pressure") == 3  # the trigger fired three times
    assert state.ledger is not None
    landed = [e.turn for e in state.ledger.entries if e.kind == "delayed"]
    # Fired on turns 1, 2, 3 (indices 0-2); each echo lands two turns later, all within the 6 turns.
    assert landed == [2, 3, 4]
    assert meter(loaded, state, "echoes") == 3


def test_a_delayed_effect_lands_on_time_when_fired_once() -> None:
    """The control for the case above: with one firing, the echo lands exactly two turns later."""
    loaded = load_path(DATA / "repeated_delayed.yaml")
    state, _ = play(loaded, 1, {"choice": "yes"})
    assert state.ledger is not None
    first = min(e.turn for e in state.ledger.entries if e.event == "squeeze")
    assert min(e.turn for e in state.ledger.entries if e.kind == "delayed") == first + 2
