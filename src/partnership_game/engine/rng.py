"""Counter-based random draws: each is a pure function of (game seed, turn, slot, stream), vectorised over games.

A game's dice therefore never depend on how many other games run beside it, on the order of calls, or on what
was chosen before: replay, rollback and a batch of 100,000 games all see the same numbers for the same game.
"""

from __future__ import annotations

import functools

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


@functools.lru_cache(maxsize=65536)
def _key(turn: int, slot: int, stream: int) -> np.uint64:
    # The same finaliser in Python integers, for the per-draw key (cached: a game asks for the same few keys).
    mask = 2**64 - 1
    x = ((turn & 0xFFFF) << 24) | ((slot & 0xFFFF) << 8) | (stream & 0xFF)
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & mask
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & mask
    return np.uint64(x ^ (x >> 31))


def uniform(seeds: npt.NDArray[np.uint64], turn: int, slot: int, stream: int) -> npt.NDArray[np.float64]:
    """One draw in [0, 1) per game for this (turn, slot, stream)."""
    x = _splitmix(seeds * _GOLDEN + _key(turn, slot, stream))
    return (x >> np.uint64(11)).astype(np.float64) * _TO_UNIT


def game_seeds(base_seed: int, count: int) -> npt.NDArray[np.uint64]:
    """Seeds for a batch: game k gets seed base_seed + k, so `play --seed base_seed+k` replays game k."""
    return (np.arange(count, dtype=np.uint64) + np.uint64(base_seed % 2**64)).astype(np.uint64)
