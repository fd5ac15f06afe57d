"""Counter-based dice: draws in [0, 1), roughly uniform, and a pure function of (seed, turn, slot, stream)."""

from __future__ import annotations

import numpy as np
import pytest

from partnership_game.engine import rng

N = 100_000


def draws(seeds: np.ndarray, turn: int, slot: int, stream: int) -> np.ndarray:
    """The engine's draws for these seeds, through the rng module's public functions."""
    words = rng.seed_words(seeds) if hasattr(rng, "seed_words") else seeds
    return rng.uniform(words, turn, slot, stream)


def spread_seeds(n: int = N, salt: int = 0) -> np.ndarray:
    return np.random.default_rng(salt).integers(0, 2**64, size=n, dtype=np.uint64, endpoint=False)


SEED_SETS = {
    "consecutive": np.arange(N, dtype=np.uint64),
    "spread": spread_seeds(),
    "high": (np.uint64(2**64 - 1) - np.arange(N, dtype=np.uint64)).astype(np.uint64),
}
KEYS = [(0, 0, rng.STREAM_TRIGGER), (1, 3, rng.STREAM_OUTCOME), (13, 7, rng.STREAM_POLICY), (199, 250, 1)]


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("kind", list(SEED_SETS))
def test_draws_lie_in_unit_interval_and_are_roughly_uniform(kind: str, key: tuple[int, int, int]) -> None:
    values = draws(SEED_SETS[kind], *key)
    assert values.shape == (N,)
    assert values.dtype == np.float64
    assert np.all(values >= 0.0) and np.all(values < 1.0)
    counts = np.bincount(np.floor(values * 10).astype(np.int64), minlength=10)
    assert counts.shape == (10,)
    expected = N / 10
    # Each bin within 5% of 10,000: about five standard deviations, so this never flakes on a fair generator.
    assert np.all(np.abs(counts - expected) <= 0.05 * expected), counts


def test_draws_over_turns_and_slots_are_roughly_uniform() -> None:
    seeds = spread_seeds(100, salt=9)
    values = np.concatenate([draws(seeds, turn, slot, rng.STREAM_OUTCOME) for turn in range(40) for slot in range(25)])
    assert values.shape == (N,)
    assert np.all((values >= 0.0) & (values < 1.0))
    counts = np.bincount(np.floor(values * 10).astype(np.int64), minlength=10)
    assert np.all(np.abs(counts - N / 10) <= 0.05 * N / 10), counts


def test_edge_seeds_give_draws_in_range() -> None:
    seeds = np.array([0, 1, 2**32 - 1, 2**32, 2**63, 2**64 - 1], dtype=np.uint64)
    for turn, slot, stream in KEYS:
        values = draws(seeds, turn, slot, stream)
        assert np.all((values >= 0.0) & (values < 1.0))


def test_a_draw_depends_only_on_seed_turn_slot_stream() -> None:
    seeds = spread_seeds(2_000, salt=1)
    batch = draws(seeds, 5, 9, rng.STREAM_OUTCOME)
    # One game at a time, and in reverse order, gives the same numbers as the batch.
    singles = np.array([draws(seeds[k : k + 1], 5, 9, rng.STREAM_OUTCOME)[0] for k in reversed(range(len(seeds)))])
    assert np.array_equal(singles[::-1], batch)
    # Other draws in between change nothing (no hidden state).
    for turn in range(20):
        draws(seeds, turn, turn + 1, rng.STREAM_TRIGGER)
    assert np.array_equal(draws(seeds, 5, 9, rng.STREAM_OUTCOME), batch)
    # Inside any batch: a game's draw does not depend on its neighbours.
    mixed = np.concatenate([spread_seeds(500, salt=2), seeds[:10], spread_seeds(500, salt=3)])
    assert np.array_equal(draws(mixed, 5, 9, rng.STREAM_OUTCOME)[500:510], batch[:10])


def test_the_input_array_is_not_modified() -> None:
    seeds = spread_seeds(1_000, salt=4)
    copy = seeds.copy()
    draws(seeds, 1, 2, 3)
    assert np.array_equal(seeds, copy)
    if hasattr(rng, "seed_words"):
        words = rng.seed_words(seeds)
        words_copy = words.copy()
        rng.uniform(words, 1, 2, 3)
        assert np.array_equal(words, words_copy)


@pytest.mark.parametrize("change", ["turn", "slot", "stream", "seed"])
def test_each_coordinate_changes_the_draw(change: str) -> None:
    seeds = spread_seeds(20_000, salt=5)
    base = draws(seeds, 4, 6, rng.STREAM_TRIGGER)
    other = {
        "turn": lambda: draws(seeds, 5, 6, rng.STREAM_TRIGGER),
        "slot": lambda: draws(seeds, 4, 7, rng.STREAM_TRIGGER),
        "stream": lambda: draws(seeds, 4, 6, rng.STREAM_OUTCOME),
        "seed": lambda: draws(seeds + np.uint64(1), 4, 6, rng.STREAM_TRIGGER),
    }[change]()
    assert np.mean(base == other) < 0.001
    # And not in a simple way: the two draws are uncorrelated.
    assert abs(np.corrcoef(base, other)[0, 1]) < 0.03


def test_streams_are_uncorrelated_over_many_games() -> None:
    seeds = SEED_SETS["consecutive"]
    a = draws(seeds, 2, 3, rng.STREAM_TRIGGER)
    b = draws(seeds, 2, 3, rng.STREAM_OUTCOME)
    c = draws(seeds, 2, 3, rng.STREAM_POLICY)
    for x, y in ((a, b), (a, c), (b, c)):
        assert abs(np.corrcoef(x, y)[0, 1]) < 0.02
    # Neighbouring seeds are not correlated either.
    assert abs(np.corrcoef(a[:-1], a[1:])[0, 1]) < 0.02


def test_game_seeds_count_up_from_the_base_seed_shifted_32_bits() -> None:
    seeds = rng.game_seeds(1_000, 5)
    assert seeds.dtype == np.uint64
    base = 1_000 * 2**32
    assert seeds.tolist() == [base, base + 1, base + 2, base + 3, base + 4]


def test_batches_with_neighbouring_base_seeds_share_no_game() -> None:
    """Regression: with seeds S, S+1, ..., `explore --seed 0` and `--seed 1` played all but one game in common."""
    assert not set(rng.game_seeds(0, 10_000).tolist()) & set(rng.game_seeds(1, 10_000).tolist())
