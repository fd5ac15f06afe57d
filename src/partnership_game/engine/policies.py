"""Ways to choose for many games at once: the historical road, or uniformly at random from the seed."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from partnership_game.engine import rng
from partnership_game.engine.state import Pending, State

IntArray = npt.NDArray[np.int64]
Policy = Callable[[State, Pending], IntArray]


def first_available(available: npt.NDArray[np.bool_]) -> IntArray:
    """The first option each game may take (0 where none)."""
    result: IntArray = np.argmax(available, axis=1).astype(np.int64)
    return result


def historical(state: State, pending: Pending) -> IntArray:
    """The option marked historical where it is available, otherwise the first available option."""
    choice = first_available(pending.available)
    marked = pending.event.historical_option
    if marked >= 0:
        choice = np.where(pending.available[:, marked], marked, choice)
    return choice


def uniform_random(state: State, pending: Pending) -> IntArray:
    """Uniformly among the available options, drawn from each game's seed for this turn and slot."""
    available = pending.available
    counts = np.zeros(state.size, dtype=np.int16)
    for column in range(available.shape[1]):
        counts += available[:, column]
    draw = rng.uniform(state.seed_words, pending.turn, pending.slot, rng.STREAM_POLICY)
    draw *= counts  # in [0, counts): truncating gives a uniform index among the available options
    target = draw.astype(np.int16)
    # The index of the (target+1)-th available option: count the options at or before each column that are
    # available and still not past the target. A loop over the few columns beats a cumulative sum over games.
    result: IntArray = np.zeros(state.size, dtype=np.int64)
    running = np.zeros(state.size, dtype=np.int16)
    for column in range(available.shape[1] - 1):
        running += available[:, column]
        result += running <= target
    return result


POLICIES: dict[str, Policy] = {"historical": historical, "random": uniform_random}


def forcing(base: Policy, forced: dict[str, int]) -> Policy:
    """The base policy, except that each listed event takes its listed option wherever that option is available."""

    def choose(state: State, pending: Pending) -> IntArray:
        choice = base(state, pending)
        option = forced.get(pending.event.id)
        if option is not None:
            choice = np.where(pending.available[:, option], option, choice)
        return choice

    return choose
