"""The rules on tests/data/tiny.yaml, one game at a time, checked against numbers worked out from the YAML."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from partnership_game.engine import Engine, IllegalChoice, Pending, State, rng

# ---- the numbers of tests/data/tiny.yaml that the expectations below are computed from ---------------------

START = {"trust": 40.0, "elite_resistance": 30.0, "gains": 10.0}
BOUNDS = {"trust": (0.0, 100.0), "elite_resistance": (0.0, 100.0), "gains": (0.0, 50.0)}
TRUST_DRIFT = -1.0
HELP = {"trust": 10.0, "elite_resistance": 10.0}
HELP_DELAYED = ("elite_resistance", 5.0, 2)  # meter, amount, after_turns
HELP_DELAYED_TEXT = "The generals remember."
WAIT = {"trust": -5.0}
SAFE_GAINS = 5.0
FOLLOWUP_AFTER = 1
FOLLOWUP_TRUST = 3.0
SIGN_GAINS = 10.0
WALK_TRUST = -20.0
GAMBLE_WORKS_GAINS = 20.0
GAMBLE_FAILS_RESISTANCE = 20.0
LEAK_TRUST = -4.0
LEAK_MIN_RESISTANCE = 35.0
LEAK_CHANCE_PER_RESISTANCE = 0.02
BASES_MIN_TRUST = 60.0

Chooser = Callable[[State, Pending], int]


def draws(seeds: np.ndarray, turn: int, slot: int, stream: int) -> np.ndarray:
    """The engine's dice for these games at (turn, slot, stream), through the rng module's public functions."""
    words = rng.seed_words(seeds) if hasattr(rng, "seed_words") else seeds
    return rng.uniform(words, turn, slot, stream)


def by_ids(picks: dict[str, str]) -> Chooser:
    def choose(state: State, pending: Pending) -> int:
        ids = [o.id for o in pending.event.options]
        return ids.index(picks[pending.event.id])

    return choose


def play(engine: Engine, seed: int, chooser: Chooser) -> tuple[State, list[tuple[int, str, str]]]:
    state = engine.start(np.array([seed], dtype=np.uint64), keep_ledger=True)
    taken: list[tuple[int, str, str]] = []
    while (pending := engine.advance(state)) is not None:
        k = chooser(state, pending)
        taken.append((pending.turn, pending.event.id, pending.event.options[k].id))
        engine.choose(state, pending, np.array([k], dtype=np.int64))
    return state, taken


def test_fixture_numbers_match_the_yaml(tiny) -> None:
    """Guards the constants above: if tiny.yaml changes, these tests must be worked out again."""
    model = tiny.model
    assert {m.id: m.start for m in model.meters} == START
    assert {m.id: (m.min, m.max) for m in model.meters} == BOUNDS
    assert {m.id: m.drift for m in model.meters} == {"trust": TRUST_DRIFT, "elite_resistance": 0, "gains": 0}
    events = {e.id: e for e in model.events}
    help_ = events["first"].options[0]
    assert help_.id == "help" and help_.historical
    adds = {e.meter: e.amount for e in help_.effects if e.type == "add"}
    assert adds == HELP
    delayed = next(e for e in help_.effects if e.type == "delayed")
    assert (delayed.effects[0].meter, delayed.effects[0].amount, delayed.after_turns) == HELP_DELAYED
    assert events["first"].options[2].condition == f"trust >= {BASES_MIN_TRUST:g}"
    leak = events["leak"].trigger
    assert leak.condition == f"elite_resistance >= {LEAK_MIN_RESISTANCE:g} and not leak_seen"
    assert leak.chance == f"{LEAK_CHANCE_PER_RESISTANCE:g} * elite_resistance"


def _slot_of(tiny, turn: int, kind: str, event_id: str) -> int:
    compiled = tiny.compiled
    for k, slot in enumerate(compiled.slots[turn]):
        if slot.kind == kind and compiled.events[slot.event].id == event_id:
            return k
    raise AssertionError(f"no {kind} slot for {event_id} on turn {turn}")


def _leak_fires(tiny, seed: int, turn: int, resistance: float) -> bool:
    if resistance < LEAK_MIN_RESISTANCE:
        return False
    slot = _slot_of(tiny, turn, "triggered", "leak")
    draw = draws(np.array([seed], dtype=np.uint64), turn, slot, rng.STREAM_TRIGGER)[0]
    return bool(draw < LEAK_CHANCE_PER_RESISTANCE * resistance)


def expected_historical(tiny, seed: int):
    """The historical road (help, safe, sign) worked out by hand from the YAML, turn by turn."""
    values = dict(START)
    entries: list[tuple[int, str, float, float, str, str, str, tuple[str, str] | None]] = []
    turn_end: list[tuple[float, ...]] = []
    leaked = False

    def change(turn: int, meter: str, delta: float, kind: str, event: str, option: str,
               origin: tuple[str, str] | None = None) -> None:
        low, high = BOUNDS[meter]
        before = values[meter]
        values[meter] = min(high, max(low, before + delta))
        entries.append((turn, meter, before, values[meter], kind, event, option, origin))

    def leak_check(turn: int) -> None:
        nonlocal leaked
        if not leaked and _leak_fires(tiny, seed, turn, values["elite_resistance"]):
            leaked = True
            change(turn, "trust", LEAK_TRUST, "random", "leak", "_")

    def end_turn(turn: int) -> None:
        change(turn, "trust", TRUST_DRIFT, "drift", "", "")
        turn_end.append(tuple(values[m] for m in START))

    # Turn 1: the trigger is checked before the decision; help; drift.
    leak_check(0)
    for meter, amount in HELP.items():
        change(0, meter, amount, "decision", "first", "help")
    end_turn(0)
    # Turn 2: leak?, safe (schedules followup for turn 3), drift.
    leak_check(1)
    change(1, "gains", SAFE_GAINS, "decision", "second", "safe")
    end_turn(1)
    # Turn 3: the followup and the delayed effect first, then the trigger, then sign, then drift.
    change(2, "trust", FOLLOWUP_TRUST, "scheduled", "followup", "_")
    change(2, HELP_DELAYED[0], HELP_DELAYED[1], "delayed", "<delayed>", "_", ("first", "help"))
    leak_check(2)
    change(2, "gains", SIGN_GAINS, "decision", "third", "sign")
    end_turn(2)
    return values, entries, turn_end, leaked


PHASE = {"scheduled": 0, "delayed": 0, "random": 1, "happening": 2, "decision": 2, "outcome": 2, "drift": 3}
HISTORICAL = {"first": "help", "second": "safe", "third": "sign"}


def _leak_classes(tiny) -> dict[str, list[int]]:
    classes: dict[str, list[int]] = {"turn2": [], "turn3": [], "never": []}
    for seed in range(400):
        _, entries, _, _ = expected_historical(tiny, seed)
        leak_turns = [e[0] for e in entries if e[4] == "random"]
        key = {(1,): "turn2", (2,): "turn3", (): "never"}[tuple(leak_turns)]
        classes[key].append(seed)
    return classes


def test_historical_road_ledger_matches_the_yaml(tiny) -> None:
    classes = _leak_classes(tiny)
    # Seeds on which the random leak comes on turn 2, on turn 3 and never: every branch of the road is checked.
    assert all(classes.values()), classes
    seeds = [s for group in classes.values() for s in group[:3]] + [2**64 - 1]
    engine = Engine(tiny.compiled)
    for seed in seeds:
        state, taken = play(engine, seed, by_ids(HISTORICAL))
        assert [(t, e) for t, e, _ in taken] == [(0, "first"), (1, "second"), (2, "third")]
        values, expected, turn_end, _ = expected_historical(tiny, seed)
        assert state.ledger is not None
        actual = [
            (e.turn, e.meter, e.before, e.after, e.kind, "<delayed>" if e.kind == "delayed" else e.event, e.option,
             e.origin)
            for e in state.ledger.entries
        ]
        for turn in range(3):
            here = [a for a in actual if a[0] == turn]
            # The documented order inside a turn: schedules/delayed, triggers, the turn's events, drift.
            phases = [PHASE[a[4]] for a in here]
            assert phases == sorted(phases), (seed, here)
            assert sorted(here, key=repr) == sorted([x for x in expected if x[0] == turn], key=repr), seed
        assert state.ledger.turn_end_meters == turn_end
        assert dict(zip(tiny.compiled.meter_ids, state.meters[0].tolist(), strict=True)) == values


def test_delayed_effect_lands_two_turns_after_the_first_decision(tiny) -> None:
    engine = Engine(tiny.compiled)
    for seed in (0, 1, 99):
        state, taken = play(engine, seed, by_ids(HISTORICAL))
        first_turn = next(t for t, e, _ in taken if e == "first")
        assert state.ledger is not None
        delayed = [e for e in state.ledger.entries if e.kind == "delayed"]
        assert len(delayed) == 1
        (entry,) = delayed
        meter, amount, after = HELP_DELAYED
        assert entry.turn == first_turn + after
        assert entry.meter == meter
        assert entry.delta == amount
        assert entry.origin == ("first", "help")
        assert entry.cause == HELP_DELAYED_TEXT
        # Nothing else in the game has an origin, and no other change to elite_resistance happens on that turn.
        assert [e for e in state.ledger.entries if e.origin is not None] == [entry]


def test_no_delayed_effect_without_the_option(tiny) -> None:
    engine = Engine(tiny.compiled)
    state, _ = play(engine, 5, by_ids({"first": "wait", "second": "safe", "third": "sign"}))
    assert state.ledger is not None
    assert not [e for e in state.ledger.entries if e.kind == "delayed"]
    assert not [e for e in state.ledger.entries if e.event == "first" and e.meter == "elite_resistance"]


def test_scheduled_followup_fires_the_turn_after_safe(tiny) -> None:
    engine = Engine(tiny.compiled)
    followup = tiny.compiled.event_index("followup")
    state, taken = play(engine, 3, by_ids(HISTORICAL))
    safe_turn = next(t for t, e, o in taken if (e, o) == ("second", "safe"))
    assert state.ledger is not None
    hits = [e for e in state.ledger.entries if e.event == "followup"]
    assert [(e.turn, e.kind, e.meter, e.delta) for e in hits] == [
        (safe_turn + FOLLOWUP_AFTER, "scheduled", "trust", FOLLOWUP_TRUST)]
    assert int(state.fired[0, followup]) == 1
    # Without 'safe' the follow-up never happens.
    state, _ = play(engine, 3, by_ids({"first": "help", "second": "gamble", "third": "sign"}))
    assert state.ledger is not None
    assert not [e for e in state.ledger.entries if e.event == "followup"]
    assert int(state.fired[0, followup]) == 0


def test_drift_every_turn_on_trust_only(tiny) -> None:
    engine = Engine(tiny.compiled)
    state, _ = play(engine, 11, by_ids(HISTORICAL))
    assert state.ledger is not None
    drift = [e for e in state.ledger.entries if e.kind == "drift"]
    assert [(e.turn, e.meter, e.delta) for e in drift] == [(t, "trust", TRUST_DRIFT) for t in range(3)]


def test_unavailable_option_and_illegal_choice(tiny) -> None:
    engine = Engine(tiny.compiled)
    state = engine.start(np.array([1], dtype=np.uint64), keep_ledger=True)
    pending = engine.advance(state)
    assert pending is not None and pending.event.id == "first"
    ids = [o.id for o in pending.event.options]
    bases = ids.index("bases")
    assert START["trust"] < BASES_MIN_TRUST
    assert pending.available[0].tolist() == [o.id != "bases" for o in pending.event.options]
    meters, flags, slot = state.meters.copy(), state.flags.copy(), state.slot
    for bad in (bases, len(ids), -1, 99):
        with pytest.raises(IllegalChoice):
            engine.choose(state, pending, np.array([bad], dtype=np.int64))
        # A refused choice changes nothing.
        assert np.array_equal(state.meters, meters)
        assert np.array_equal(state.flags, flags)
        assert state.slot == slot
        assert state.ledger is not None and state.ledger.entries == []
    # A legal choice still goes through afterwards.
    engine.choose(state, pending, np.array([ids.index("help")], dtype=np.int64))
    assert state.meters[0, tiny.compiled.meter_ids.index("trust")] == START["trust"] + HELP["trust"]


def test_a_stale_pending_decision_is_refused(tiny) -> None:
    engine = Engine(tiny.compiled)
    state = engine.start(np.array([1], dtype=np.uint64))
    pending = engine.advance(state)
    assert pending is not None
    engine.choose(state, pending, np.array([0], dtype=np.int64))
    with pytest.raises(ValueError):
        engine.choose(state, pending, np.array([0], dtype=np.int64))


def test_endings_by_priority_with_the_fallback_last(tiny) -> None:
    endings = tiny.compiled.endings
    assert endings[-1].id == "cold" and endings[-1].condition is None
    assert tiny.compiled.fallback_ending == len(endings) - 1
    priorities = [e.priority for e in endings[:-1]]
    assert priorities == sorted(priorities, reverse=True)
    assert [e.id for e in endings] == ["backlash", "partnership", "bases_deal", "cold"]

    engine = Engine(tiny.compiled)
    # Historical road: trust ends at 50 (46 after a leak) >= 40 and gains at 25 >= 20: the partnership ending.
    for seed in range(20):
        state, _ = play(engine, seed, by_ids(HISTORICAL))
        values, _, _, _ = expected_historical(tiny, seed)
        assert values["trust"] >= 40 and values["gains"] >= 20
        assert endings[int(state.ending[0])].id == "partnership"
        assert int(state.ended_turn[0]) == 2
    # Wait, safe, walk: trust 40-5-20-3 (+3 followup, minus a possible leak) < 40 and gains 15 < 20: the fallback.
    for seed in range(20):
        state, _ = play(engine, seed, by_ids({"first": "wait", "second": "safe", "third": "walk"}))
        trust = state.meters[0, tiny.compiled.meter_ids.index("trust")]
        assert trust <= START["trust"] + WAIT["trust"] + WALK_TRUST + 3 * TRUST_DRIFT + FOLLOWUP_TRUST
        assert endings[int(state.ending[0])].id == "cold"


def test_slot_plan_follows_the_documented_turn_order(tiny) -> None:
    compiled = tiny.compiled
    rank = {"scheduled": 0, "triggered": 1, "turn": 2}
    file_order = {e.id: k for k, e in enumerate(tiny.model.events)}
    for turn, slots in enumerate(compiled.slots):
        kinds = [rank[s.kind] for s in slots]
        assert kinds == sorted(kinds)
        for kind in ("triggered", "turn"):
            ids = [compiled.events[s.event].id for s in slots if s.kind == kind]
            assert ids == sorted(ids, key=file_order.__getitem__)
        turn_ids = [compiled.events[s.event].id for s in slots if s.kind == "turn"]
        assert turn_ids == [e.id for e in tiny.model.events if e.turn == tiny.model.turns[turn].id]
