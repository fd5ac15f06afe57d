"""Counter-based random draws: each is a pure function of (game seed, turn, slot, stream), vectorised over games.

A game's dice therefore never depend on how many other games run beside it, on the order of calls, or on what
was chosen before: replay, rollback and a batch of 100,000 games all see the same numbers for the same game.
Each game's 64-bit seed is hashed once into a 32-bit word; a draw mixes that word with a hashed (turn, slot,
stream) key through MurmurHash3's 32-bit finaliser. 32-bit words keep the hot path of the batch engine at half the
memory traffic of 64-bit ones, and 2^-32 is far finer than any probability a scenario can express.
"""

from __future__ import annotations

import functools

import numpy as np
import numpy.typing as npt

STREAM_TRIGGER = 1
STREAM_OUTCOME = 2
STREAM_POLICY = 3

_MASK64 = 2**64 - 1
_MASK32 = 2**32 - 1
_TO_UNIT = 2.0**-32
_C1 = np.uint32(0x85EBCA6B)
_C2 = np.uint32(0xC2B2AE35)


def _splitmix64(x: int) -> int:
    x = (x + 0x9E3779B97F4A7C15) & _MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK64
    return x ^ (x >> 31)


def seed_words(seeds: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint32]:
    """Each game's seed hashed once into the 32-bit word its draws start from."""
    x = seeds.astype(np.uint64) + np.uint64(0x9E3779B97F4A7C15)
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return (x >> np.uint64(32)).astype(np.uint32)


@functools.lru_cache(maxsize=65536)
def _key(turn: int, slot: int, stream: int) -> np.uint32:
    return np.uint32(_splitmix64(((turn & 0xFFFF) << 24) | ((slot & 0xFFFF) << 8) | (stream & 0xFF)) & _MASK32)


def uniform(words: npt.NDArray[np.uint32], turn: int, slot: int, stream: int) -> npt.NDArray[np.float64]:
    """One draw in [0, 1) per game for this (turn, slot, stream), from the games' seed words."""
    x = words ^ _key(turn, slot, stream)
    scratch = x >> np.uint32(16)
    x ^= scratch
    x *= _C1
    np.right_shift(x, np.uint32(13), out=scratch)
    x ^= scratch
    x *= _C2
    np.right_shift(x, np.uint32(16), out=scratch)
    x ^= scratch
    result = x.astype(np.float64)
    result *= _TO_UNIT
    return result


def game_seeds(base_seed: int, count: int) -> npt.NDArray[np.uint64]:
    """Seeds for a batch: game k gets seed base_seed * 2**32 + k, so batches with different base seeds share no
    game, and `play --seed` with that number replays game k."""
    return np.arange(count, dtype=np.uint64) + np.uint64((base_seed * 2**32) % 2**64)
