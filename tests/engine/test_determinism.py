"""Same seed and same choices give the same game, bit for bit; the dice come from the seed, not from the past."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from partnership_game.engine import Engine, State, uniform_random
from partnership_game.scenario import LoadedScenario, load_path


def play(loaded: LoadedScenario, seed: int, picks: Sequence[str] | None) -> tuple[State, list[str]]:
    """Play one game; `picks` gives the option id for each decision in turn, None plays the random policy."""
    engine = Engine(loaded.compiled)
    state = engine.start(np.array([seed], dtype=np.uint64), keep_ledger=True)
    taken: list[str] = []
    while (pending := engine.advance(state)) is not None:
        ids = [o.id for o in pending.event.options]
        k = int(uniform_random(state, pending)[0]) if picks is None else ids.index(picks[len(taken)])
        taken.append(ids[k])
        engine.choose(state, pending, np.array([k], dtype=np.int64))
    return state, taken


def fingerprint(state: State) -> tuple[object, ...]:
    assert state.ledger is not None
    return (
        state.meters.tobytes(),
        state.flags.tobytes(),
        state.ending.tobytes(),
        state.ended_turn.tobytes(),
        state.fired.tobytes(),
        tuple((e.turn, e.meter, float(e.before).hex(), float(e.after).hex(), e.kind, e.event, e.option, e.cause,
               e.origin) for e in state.ledger.entries),
        tuple(tuple(float(v).hex() for v in row) for row in state.ledger.turn_end_meters),
    )


@pytest.mark.parametrize("seed", [0, 1, 7, 123456789, 2**63, 2**64 - 1])
def test_same_seed_same_choices_same_game(tiny_path, seed: int) -> None:
    # Two separate loads and engines: nothing is shared between the runs.
    first, taken = play(load_path(tiny_path), seed, None)
    again, taken_again = play(load_path(tiny_path), seed, None)
    assert taken == taken_again
    assert fingerprint(first) == fingerprint(again)
    replayed, _ = play(load_path(tiny_path), seed, taken)
    assert fingerprint(replayed) == fingerprint(first)


def _gamble_outcomes(tiny: LoadedScenario, seeds: range, first: str = "help") -> dict[int, str]:
    outcomes = {}
    for seed in seeds:
        state, _ = play(tiny, seed, [first, "gamble", "sign"])
        assert state.ledger is not None
        texts = [e.cause for e in state.ledger.entries if e.event == "second"]
        assert len(texts) == 1 and texts[0] in ("It works.", "It fails.")
        assert [e.kind for e in state.ledger.entries if e.event == "second"] == ["outcome"]
        outcomes[seed] = texts[0]
    return outcomes


def test_different_seeds_can_differ_on_the_gamble(tiny) -> None:
    outcomes = _gamble_outcomes(tiny, range(64))
    works = [s for s, o in outcomes.items() if o == "It works."]
    fails = [s for s, o in outcomes.items() if o == "It fails."]
    assert works and fails
    gains = tiny.compiled.meter_ids.index("gains")
    resistance = tiny.compiled.meter_ids.index("elite_resistance")
    a, _ = play(tiny, works[0], ["help", "gamble", "sign"])
    b, _ = play(tiny, fails[0], ["help", "gamble", "sign"])
    # works: gains 10 + 20 + 10 = 40; fails: elite_resistance 30 + 10 + 20 + 5 = 65 and gains 10 + 10 = 20.
    assert a.meters[0, gains] == 40 and b.meters[0, gains] == 20
    assert b.meters[0, resistance] == 65 and a.meters[0, resistance] == 45


def test_gamble_weights_are_even(tiny) -> None:
    """Weights 1 and 1: each outcome about half the time over many seeds (bound far wider than chance)."""
    outcomes = _gamble_outcomes(tiny, range(1000))
    share = sum(o == "It works." for o in outcomes.values()) / len(outcomes)
    assert 0.4 < share < 0.6


def test_outcome_draw_does_not_depend_on_earlier_choices(tiny) -> None:
    """The gamble on turn 2 draws from (seed, turn, slot) only: what was chosen on turn 1 does not matter."""
    assert _gamble_outcomes(tiny, range(80), "help") == _gamble_outcomes(tiny, range(80), "wait")


def test_reloaded_scenario_gives_the_same_batch(tiny_path) -> None:
    seeds = np.arange(200, dtype=np.uint64)
    results = []
    for _ in range(2):
        engine = Engine(load_path(tiny_path).compiled)
        state = engine.start(seeds)
        while (pending := engine.advance(state)) is not None:
            engine.choose(state, pending, uniform_random(state, pending))
        results.append((state.meters.tobytes(), state.flags.tobytes(), state.ending.tobytes()))
    assert results[0] == results[1]
