"""Policies for many games at once that know the sides: a temperament's lookahead (how its imagined futures are
played), the other side's half of a joint decision, and each side's one-step greedy policy for `explore`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

import numpy as np
import numpy.typing as npt

from partnership_game.engine import rng
from partnership_game.engine.policies import IntArray, Policy, historical, uniform_random
from partnership_game.engine.side_values import side_values
from partnership_game.engine.state import Pending, State
from partnership_game.scenario.compiled import CompiledScenario
from partnership_game.scenario.sides import JOINT, JointEvent, Lookahead, Sides, Temperament

BoolArray = npt.NDArray[np.bool_]
# Draws of the counterpart's own, so its coins and tie-breaks never shift the game's dice (rng.STREAM_* < 7).
STREAM_COUNTERPART = 7
STREAM_OTHER_HALF = 8
# A live decision's options whose future values lie within this share of the temperament's whole range of
# values of the best are near-ties (docs/design/sides.md §4), drawn from the seed.
NEAR_TIE = 0.02
# One step ahead, an option's value is a small change, far below that range: near-ties there are options within
# this share of the spread between the event's best and worst option (equal values: every option a near-tie).
NEAR_TIE_ONE_STEP = 0.05


def _mixed(state: State, pending: Pending) -> IntArray:
    """Historical with probability 1/2, else uniform among the available options, per game."""
    coin = rng.uniform(state.seed_words, pending.turn, pending.slot, STREAM_COUNTERPART) < 0.5
    result: IntArray = np.where(coin, historical(state, pending), uniform_random(state, pending))
    return result


LOOKAHEADS: dict[str, Policy] = {"historical": historical, "random": uniform_random, "mixed": _mixed}


def lookahead_policy(lookahead: Lookahead) -> Policy:
    """How a temperament plays every side in the futures it imagines (never a counterpart inside a counterpart)."""
    return LOOKAHEADS[lookahead]


def side_available(joint: JointEvent, position: int, available: BoolArray) -> BoolArray:
    """(N, options of the side at `position`): which of its own options each game allows (a side's option is open
    when some combined option holding it is, since a combined option's condition joins the sides' own)."""
    table = np.zeros((available.shape[0], len(joint.sides[position].options)), dtype=np.bool_)
    for key, option in joint.combined.items():
        table[:, key[position]] |= available[:, option]
    return table


def pick_open(allowed: BoolArray, draw: npt.NDArray[np.float64]) -> IntArray:
    """The index of the (floor(draw x count) + 1)-th allowed column per row (0 where none is allowed)."""
    counts = allowed.sum(axis=1)
    target = np.minimum((draw * counts).astype(np.int64), np.maximum(counts - 1, 0))
    before: IntArray = np.cumsum(allowed, axis=1, dtype=np.int64) - allowed  # open columns left of each
    hit = allowed & (before == target[:, None])
    result: IntArray = np.argmax(hit, axis=1).astype(np.int64)
    return result


def other_half(joint: JointEvent, position: int, allowed: BoolArray, lookahead: Lookahead, state: State,
               pending: Pending) -> IntArray:
    """(N,) the option the side at `position` is imagined to take: its historical one where open (for the
    `historical` lookahead, or on heads for `mixed`), else one drawn uniformly among its open options."""
    marked = [k for k, option in enumerate(joint.sides[position].options) if option.historical]
    first = np.argmax(allowed, axis=1).astype(np.int64)
    as_history: IntArray = np.where(allowed[:, marked[0]], marked[0], first) if marked else first
    if lookahead == "historical":
        return as_history
    draw = rng.uniform(state.seed_words, pending.turn, pending.slot * 8 + position, STREAM_OTHER_HALF)
    drawn = pick_open(allowed, draw)
    if lookahead == "random":
        return drawn
    coin = rng.uniform(state.seed_words, pending.turn, pending.slot, STREAM_COUNTERPART) < 0.5
    result: IntArray = np.where(coin, as_history, drawn)
    return result


def combine(joint: JointEvent, halves: list[IntArray]) -> IntArray:
    """(N,) the compiled option for each game's halves (one array per side, in the joint event's side order)."""
    shape = tuple(len(side.options) for side in joint.sides)
    table = np.zeros(shape, dtype=np.int64)
    for key, option in joint.combined.items():
        table[key] = option
    result: IntArray = table[tuple(halves)]
    return result


def history_mark(pending: Pending, joint: JointEvent | None, position: int) -> int:
    """The option history took at this decision: the event's, or in a joint one the own option of the side at
    `position` (-1 where history took none)."""
    if joint is None:
        return pending.event.historical_option
    return next((k for k, o in enumerate(joint.sides[position].options) if o.historical), -1)


# (role, joint event or None, the side's position in it, its open options, state, pending) -> (N,) its own option
OwnHalf = Callable[[int, JointEvent | None, int, BoolArray, State, Pending], IntArray]


def by_decider(sides: Sides, deciders: Collection[int], own: OwnHalf, others: Lookahead, fallback: Policy) -> Policy:
    """A policy that asks `own` for the option of each side in `deciders`: alone, or its half of a joint decision
    (the other halves imagined as `others` plays them, then combined); every other decision goes to `fallback`."""

    def choose(state: State, pending: Pending) -> IntArray:
        decider = sides.decides[pending.event.index] if pending.event.index < len(sides.decides) else None
        if decider == JOINT:
            joint = sides.joint[pending.event.index]
            halves = []
            for position, side in enumerate(joint.sides):
                allowed = side_available(joint, position, pending.available)
                halves.append(own(side.role, joint, position, allowed, state, pending) if side.role in deciders
                              else other_half(joint, position, allowed, others, state, pending))
            return combine(joint, halves)
        if isinstance(decider, int) and decider in deciders:
            return own(decider, None, 0, pending.available, state, pending)
        return fallback(state, pending)

    return choose


def _greedy_half(values: npt.NDArray[np.float64], allowed: BoolArray, state: State, pending: Pending,
                 salt: int) -> IntArray:
    """(N,) the best open option by one-step value, near-ties drawn per game from its seed."""
    score = np.where(allowed, values[None, :], -np.inf)
    best = score.max(axis=1, initial=-np.inf)
    spread = float(values.max() - values.min()) if values.size else 0.0
    near = allowed & (score >= best[:, None] - NEAR_TIE_ONE_STEP * spread - 1e-12)
    draw = rng.uniform(state.seed_words, pending.turn, pending.slot * 8 + salt, STREAM_COUNTERPART)
    return pick_open(near, draw)


def greedy_sides_policy(scenario: CompiledScenario, temperaments: Mapping[int, Temperament],
                        others: Lookahead = "historical") -> Policy:
    """Every side played by its temperament one step ahead: each option rated by its own expected effects as the
    side counts them (outcomes by their weights); the `historical` temperament takes its side's marked option
    wherever open. In a joint decision each side rates its own options by their mean over the other side's
    options, and the halves are combined. A side with no temperament is played by `others` (history, or at random).
    Cheap enough for 10,000 games per pair of temperaments."""
    fallback = lookahead_policy(others)
    sides = scenario.sides
    valuers = {role: side_values(scenario, t) for role, t in temperaments.items()}
    cache: dict[tuple[int, int], npt.NDArray[np.float64]] = {}

    def own_values(role: int, pending: Pending, joint: JointEvent | None) -> npt.NDArray[np.float64]:
        key = (pending.event.index, role)
        if key not in cache:
            values = valuers[role].immediate(pending.event)
            if joint is not None:  # a side's option: the mean over every combination that holds it
                position = [side.role for side in joint.sides].index(role)
                sums = np.zeros(len(joint.sides[position].options))
                counts = np.zeros_like(sums)
                for combo, option in joint.combined.items():
                    sums[combo[position]] += values[option]
                    counts[combo[position]] += 1
                values = sums / np.maximum(counts, 1)
            cache[key] = values
        return cache[key]

    def half(role: int, joint: JointEvent | None, position: int, allowed: BoolArray, state: State,
             pending: Pending) -> IntArray:
        values = own_values(role, pending, joint)
        chosen = _greedy_half(values, allowed, state, pending, position)
        marked = history_mark(pending, joint, position)
        if valuers[role].temperament.id == "historical" and marked >= 0:
            chosen = np.where(allowed[:, marked], marked, chosen)
        return chosen

    return by_decider(sides, valuers, half, others, fallback)
