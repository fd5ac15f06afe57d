"""A batch of N games gives exactly what the same seeds give one at a time, with the same policy."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from partnership_game.engine import POLICIES, Engine, State, play_out, run_batch
from partnership_game.engine.rng import game_seeds
from partnership_game.scenario import load_path

DATA = Path(__file__).resolve().parent.parent / "data"
FIXTURES = ["tiny.yaml", "rules_probe.yaml", "immediate_end.yaml"]

SEEDS = np.concatenate([
    game_seeds(20_011, 48),
    np.array([0, 1, 2**32 - 1, 2**32, 2**63, 2**64 - 2, 2**64 - 1, 0x9E3779B97F4A7C15], dtype=np.uint64),
    np.array([5, 5, 6, 6, 7, 7, 8, 8], dtype=np.uint64),  # duplicates: the same game twice in one batch
])


def single(engine: Engine, seed: np.uint64, policy_name: str) -> State:
    return play_out(engine, engine.start(np.array([seed], dtype=np.uint64)), POLICIES[policy_name])


@pytest.mark.parametrize("policy_name", ["random", "historical"])
@pytest.mark.parametrize("fixture", FIXTURES)
def test_batch_equals_single_games(fixture: str, policy_name: str) -> None:
    assert SEEDS.shape == (64,)
    compiled = load_path(DATA / fixture).compiled
    engine = Engine(compiled)
    batch = run_batch(engine, SEEDS, POLICIES[policy_name]).state
    assert not batch.playing.any()
    decisions = 0
    for k, seed in enumerate(SEEDS):
        one = single(engine, seed, policy_name)
        assert np.array_equal(batch.meters[k], one.meters[0]), (fixture, k)
        assert np.array_equal(batch.flags[k], one.flags[0]), (fixture, k)
        assert batch.ending[k] == one.ending[0], (fixture, k)
        assert batch.ended_turn[k] == one.ended_turn[0], (fixture, k)
        assert np.array_equal(batch.fired[k], one.fired[0]), (fixture, k)
        decisions += one.decisions_made
    assert batch.decisions_made == decisions


def test_batch_order_does_not_matter(tiny) -> None:
    engine = Engine(tiny.compiled)
    forward = run_batch(engine, SEEDS, POLICIES["random"]).state
    order = np.random.default_rng(0).permutation(SEEDS.shape[0])
    shuffled = run_batch(engine, SEEDS[order], POLICIES["random"]).state
    assert np.array_equal(shuffled.meters, forward.meters[order])
    assert np.array_equal(shuffled.flags, forward.flags[order])
    assert np.array_equal(shuffled.ending, forward.ending[order])


def test_random_policy_reaches_several_roads(tiny) -> None:
    """The batch comparison above is only meaningful if the random policy really varies between games."""
    engine = Engine(tiny.compiled)
    state = run_batch(engine, SEEDS, POLICIES["random"]).state
    assert len({row.tobytes() for row in state.meters}) > 5
    assert len(set(state.ending.tolist())) > 1


def test_historical_policy_follows_the_historical_options(tiny) -> None:
    engine = Engine(tiny.compiled)
    state = engine.start(np.array([3], dtype=np.uint64), keep_ledger=True)
    taken = []
    while (pending := engine.advance(state)) is not None:
        k = int(POLICIES["historical"](state, pending)[0])
        assert pending.event.options[k].historical
        taken.append(pending.event.options[k].id)
        engine.choose(state, pending, np.array([k], dtype=np.int64))
    assert taken == ["help", "safe", "sign"]
