"""The counterpart for many games at once: at each decision every game's side rates its options by a few futures
of its own (K per option, from what it believes), as the live counterpart does with more; for `explore`."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from partnership_game.engine import rng
from partnership_game.engine.batch import play_out
from partnership_game.engine.belief import believe, hidden_from, historical_belief
from partnership_game.engine.policies import IntArray, Policy
from partnership_game.engine.rules import Engine
from partnership_game.engine.side_policies import (
    NEAR_TIE,
    STREAM_COUNTERPART,
    by_decider,
    combine,
    history_mark,
    lookahead_policy,
    other_half,
    pick_open,
    side_available,
)
from partnership_game.engine.side_values import side_values
from partnership_game.engine.state import Pending, State
from partnership_game.scenario.sides import JointEvent, Lookahead, Temperament

BoolArray = npt.NDArray[np.bool_]
STREAM_FUTURE_SEEDS = 9
FUTURES_AT_ONCE = 32_768


def fork_games(state: State, pending: Pending, rows: IntArray, seeds: npt.NDArray[np.uint64]) -> tuple[State, Pending]:
    """Copies of the listed games (`rows`, repeats allowed) at their pending decision, each with its own seed."""

    def take(array: npt.NDArray[np.generic]) -> npt.NDArray[np.generic]:
        return np.array(array[rows], order="F")

    copy = State(
        seeds=seeds, seed_words=rng.seed_words(seeds),
        meters=take(state.meters), flags=take(state.flags), fired=take(state.fired),  # type: ignore[arg-type]
        due=take(state.due), ending=take(state.ending), ended_turn=take(state.ended_turn),  # type: ignore[arg-type]
        playing=take(state.playing), last_fired=take(state.last_fired),  # type: ignore[arg-type]
        turn=state.turn, slot=state.slot,
        due_turns={event: set(turns) for event, turns in state.due_turns.items()},
    )
    forked = Pending(pending.turn, pending.slot, pending.event, take(pending.active),  # type: ignore[arg-type]
                     take(pending.available))  # type: ignore[arg-type]
    return copy, forked


def _future_seeds(state: State, rows: IntArray, pending: Pending, per_game: int) -> npt.NDArray[np.uint64]:
    """(len(rows) x per_game,) seeds for each game's futures, the same K for every option (blocks of K repeat)."""
    words = state.seed_words[rows].astype(np.uint64)
    salt = np.uint64(rng.uniform(np.zeros(1, dtype=np.uint32), pending.turn, pending.slot, STREAM_FUTURE_SEEDS)[0]
                     * 2**32)
    base = (words << np.uint64(32)) ^ salt
    return (np.repeat(base, per_game) + np.tile(np.arange(per_game, dtype=np.uint64), len(rows))).astype(np.uint64)


def lookahead_sides_policy(engine: Engine, temperaments: Mapping[int, Temperament], futures: int,
                           others: Lookahead = "historical") -> Policy:
    """Every side with a temperament decides as the live counterpart (engine/counterpart.py) does, with `futures`
    futures per option and game instead of LIVE_FUTURES; the other sides are played by `others`."""
    scenario = engine.scenario
    sides = scenario.sides
    valuers = {role: side_values(scenario, t) for role, t in temperaments.items()}
    hidden = {role: hidden_from(scenario, role) for role in temperaments}
    belief = historical_belief(engine)
    fallback = lookahead_policy(others)

    def half(role: int, joint: JointEvent | None, position: int, allowed: BoolArray, state: State,
             pending: Pending) -> IntArray:
        """(N,) the own option of `role` in each game (0 where inactive)."""
        temperament = valuers[role].temperament
        chosen = np.zeros(state.size, dtype=np.int64)
        marked = history_mark(pending, joint, position)
        deciding = pending.active.copy()
        if temperament.id == "historical" and marked >= 0:  # history's choice wherever open: no futures needed
            chosen = np.where(allowed[:, marked], marked, 0)
            deciding &= ~allowed[:, marked]
        single = allowed.sum(axis=1) == 1  # one open option: nothing to weigh
        chosen = np.where(deciding & single, np.argmax(allowed, axis=1), chosen)
        deciding &= ~single
        rows = np.flatnonzero(deciding)
        # A few thousand games' futures at a time keep memory flat (a future holds every event's schedule).
        step = max(1, FUTURES_AT_ONCE // (allowed.shape[1] * futures))
        for first in range(0, rows.size, step):
            part = rows[first : first + step]
            chosen[part] = rate(role, joint, position, allowed, state, pending, part)
        return chosen

    def rate(role: int, joint: JointEvent | None, position: int, allowed: BoolArray, state: State,
             pending: Pending, rows: IntArray) -> IntArray:
        """(len(rows),) the best own option of each listed game by its futures, near-ties drawn from its seed."""
        temperament = valuers[role].temperament
        options = allowed.shape[1]
        # Block layout: game-major, then option, then future: (n, O, K) once reshaped.
        seeds = np.tile(_future_seeds(state, rows, pending, futures).reshape(rows.size, 1, futures),
                        (1, options, 1)).reshape(-1)
        copy, forked = fork_games(state, pending, np.repeat(rows, options * futures), seeds)
        believe(copy, belief, hidden[role], pending.turn, pending.slot)
        own = np.tile(np.repeat(np.arange(options, dtype=np.int64), futures), rows.size)
        open_ = allowed[rows].reshape(-1)  # (n x O,)
        stand_in = np.repeat(np.argmax(allowed[rows], axis=1), options * futures)
        own = np.where(np.repeat(open_, futures), own, stand_in)  # a closed option is played as an open one
        if joint is None:
            start = own
        else:
            halves = [own if p == position else
                      other_half(joint, p, side_available(joint, p, forked.available), temperament.lookahead, copy,
                                 forked) for p in range(len(joint.sides))]
            start = combine(joint, halves)
        engine.choose(copy, forked, start)
        play_out(engine, copy, lookahead_policy(temperament.lookahead))
        values = valuers[role].value(copy).reshape(rows.size, options, futures).mean(axis=2)
        values = np.where(allowed[rows], values, -np.inf)
        best = values.max(axis=1)
        near = allowed[rows] & (values >= best[:, None] - NEAR_TIE * valuers[role].span)
        draw = rng.uniform(state.seed_words[rows], pending.turn, pending.slot * 8 + position, STREAM_COUNTERPART)
        return pick_open(near, draw)

    return by_decider(sides, valuers, half, others, fallback)
