"""Odds: from a game's pending decision, many simulated futures per option through the batch engine."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from partnership_game.engine import rng
from partnership_game.engine.batch import play_out
from partnership_game.engine.policies import Policy
from partnership_game.engine.rules import Engine
from partnership_game.engine.state import Pending, State

DEFAULT_FUTURES = 10_000


def fork(state: State, pending: Pending, seeds: npt.NDArray[np.uint64]) -> tuple[State, Pending]:
    """Copies of game 0 at its pending decision, one per seed: the past is shared, the dice ahead are each seed's."""
    n = int(seeds.shape[0])

    def tile(array: npt.NDArray[np.generic]) -> npt.NDArray[np.generic]:
        return np.array(np.repeat(array[:1], n, axis=0), order="F")

    copy = State(
        seeds=seeds.astype(np.uint64),
        seed_words=rng.seed_words(seeds),
        meters=tile(state.meters),  # type: ignore[arg-type]
        flags=tile(state.flags),  # type: ignore[arg-type]
        fired=tile(state.fired),  # type: ignore[arg-type]
        due=tile(state.due),  # type: ignore[arg-type]
        ending=tile(state.ending),  # type: ignore[arg-type]
        ended_turn=tile(state.ended_turn),  # type: ignore[arg-type]
        playing=tile(state.playing),  # type: ignore[arg-type]
        last_fired=tile(state.last_fired),  # type: ignore[arg-type]
        turn=state.turn,
        slot=state.slot,
        due_turns={event: set(turns) for event, turns in state.due_turns.items()},
    )
    forked = Pending(pending.turn, pending.slot, pending.event, tile(pending.active),  # type: ignore[arg-type]
                     tile(pending.available))  # type: ignore[arg-type]
    return copy, forked


@dataclass(frozen=True)
class OptionOdds:
    """How often each ending came out of the futures that began with this option (None: not available now)."""

    option: int
    shares: dict[str, float] | None


def odds_for_option(engine: Engine, state: State, pending: Pending, option: int, policy: Policy,
                    seeds: npt.NDArray[np.uint64]) -> OptionOdds:
    """Take `option` in every copy, play the rest by `policy`, and count the endings."""
    if not bool(pending.available[0, option]):
        return OptionOdds(option, None)
    copy, forked = fork(state, pending, seeds)
    engine.choose(copy, forked, np.full(copy.size, option, dtype=np.int64))
    play_out(engine, copy, policy)
    counts = np.bincount(copy.ending.astype(np.int64), minlength=len(engine.scenario.endings))
    total = int(counts.sum())
    return OptionOdds(option, {e.id: int(counts[e.index]) / total for e in engine.scenario.endings})


def future_seeds(game_seed: int, turn: int, slot: int, futures: int = DEFAULT_FUTURES) -> npt.NDArray[np.uint64]:
    """The same futures for every option of one decision (so options are compared on the same dice)."""
    base = (game_seed * 1_000_003 + turn * 1_009 + slot + 1) % 2**31
    return rng.game_seeds(base, futures)
