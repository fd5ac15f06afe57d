"""Counter-based random draws: each is a pure function of (game seed, turn, slot, stream), vectorised over games.

A game's dice therefore never depend on how many other games run beside it, on the order of calls, or on what
was chosen before: replay, rollback and a batch of 100,000 games all see the same numbers for the same game.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

STREAM_TRIGGER = 1
STREAM_OUTCOME = 2
STREAM_POLICY = 3

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_TO_UNIT = 2.0**-53


def _splitmix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    # SplitMix64's finaliser: a bijection on 64-bit words that spreads every input bit over the output.
    x = (x ^ (x >> np.uint64(30))) * _MIX1
    x = (x ^ (x >> np.uint64(27))) * _MIX2
    return x ^ (x >> np.uint64(31))


def uniform(seeds: npt.NDArray[np.uint64], turn: int, slot: int, stream: int) -> npt.NDArray[np.float64]:
    """One draw in [0, 1) per game for this (turn, slot, stream)."""
    key = np.uint64(((turn & 0xFFFF) << 24) | ((slot & 0xFFFF) << 8) | (stream & 0xFF))
    x = _splitmix(seeds * _GOLDEN + _splitmix(np.array([key], dtype=np.uint64)))
    return (x >> np.uint64(11)).astype(np.float64) * _TO_UNIT


def game_seeds(base_seed: int, count: int) -> npt.NDArray[np.uint64]:
    """Seeds for a batch: game k gets seed base_seed + k, so `play --seed base_seed+k` replays game k."""
    return (np.arange(count, dtype=np.uint64) + np.uint64(base_seed % 2**64)).astype(np.uint64)
