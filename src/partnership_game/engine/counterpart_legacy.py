"""The first counterpart (engine-side weights, kept until session/sides_counterpart.py calls `choose_for`)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from partnership_game.engine import rng
from partnership_game.engine.batch import play_out
from partnership_game.engine.odds import fork
from partnership_game.engine.policies import IntArray, Policy, historical
from partnership_game.engine.rules import Engine
from partnership_game.engine.state import Pending, State
from partnership_game.scenario.compiled import CompiledEvent, CompiledScenario

FloatArray = npt.NDArray[np.float64]

# Futures per option when a counterpart decides in a live game: enough that a 5-point difference in a share is
# rarely noise, few enough that one decision stays well under 100 ms on the campaign (benchmarks/engine.py).
LIVE_FUTURES = 256
# Options whose values are this close to the best are near-ties: the counterpart draws among them from its seed,
# so two games with other seeds may differ where the temperament has no real preference.
NEAR_TIE = 0.01
# A stream of draws of its own: the counterpart's tie-breaks never shift the game's own dice.
STREAM_COUNTERPART = 7


@dataclass(frozen=True)
class Temperament:
    """What one side wants: a weight per meter (per unit of the meter's range), flag and ending; `historical`
    takes the option marked historical wherever there is one and uses the weights only elsewhere."""

    name: str
    meters: dict[str, float] = field(default_factory=dict)
    flags: dict[str, float] = field(default_factory=dict)
    endings: dict[str, float] = field(default_factory=dict)
    historical: bool = False


@dataclass(frozen=True)
class Goal:
    """One aim the counterpart weighs most, and the share of the chosen option's futures in which it held."""

    kind: str  # "meter" or "flag"
    id: str
    wants_high: bool
    threshold: float  # meters: the middle of the range; flags: unused
    share: float


@dataclass(frozen=True)
class Decision:
    """The option taken, every available option's value, and what was expected of the chosen one."""

    option: int
    values: dict[int, float]
    goals: tuple[Goal, ...]
    all_goals_share: float  # futures of the chosen option in which every goal held at once
    ending_shares: dict[str, float]


@dataclass(frozen=True)
class _Weights:
    meters: FloatArray  # (M,) per unit of each meter's range
    flags: FloatArray  # (F,)
    endings: FloatArray  # (E,) by ending index


def _weights(scenario: CompiledScenario, temperament: Temperament) -> _Weights:
    span = np.maximum(scenario.meter_max - scenario.meter_min, 1e-9)
    meters = np.array([temperament.meters.get(m, 0.0) for m in scenario.meter_ids], dtype=np.float64) / span
    flags = np.array([temperament.flags.get(f, 0.0) for f in scenario.flag_ids], dtype=np.float64)
    endings = np.zeros(len(scenario.endings), dtype=np.float64)
    for ending in scenario.endings:
        endings[ending.index] = temperament.endings.get(ending.id, 0.0)
    return _Weights(meters, flags, endings)


def value_of(scenario: CompiledScenario, temperament: Temperament, state: State) -> FloatArray:
    """(N,): how much each game's state is worth to the temperament (weighted meters, flags, ending)."""
    weights = _weights(scenario, temperament)
    value: FloatArray = state.meters @ weights.meters + state.flags.astype(np.float64) @ weights.flags
    ended = state.ending >= 0
    value[ended] += weights.endings[state.ending[ended].astype(np.int64)]
    return value


def _immediate(event: CompiledEvent, weights: _Weights) -> FloatArray:
    """(O,): the weighted expected effect of each option's own rows (outcomes by their weights)."""
    row_value = event.add @ weights.meters + (event.set_flags.astype(np.float64) - event.clear_flags) @ weights.flags
    values = np.zeros(len(event.options), dtype=np.float64)
    for k, option in enumerate(event.options):
        rows = slice(option.first_row, option.first_row + option.row_count)
        cumulative = event.cum_weights[rows]
        shares = np.diff(np.concatenate(([0.0], cumulative))) / max(float(cumulative[-1]), 1e-12)
        values[k] = float(shares @ row_value[rows])
    return values


def _tie_noise(state: State, pending: Pending, options: int) -> FloatArray:
    """(N, O) in [0, 1): a seeded draw per game and option, to break near-ties the same way for the same seed."""
    columns = [rng.uniform(state.seed_words, pending.turn, pending.slot * 16 + k, STREAM_COUNTERPART)
               for k in range(options)]
    return np.stack(columns, axis=1)


def greedy_policy(scenario: CompiledScenario, temperament: Temperament) -> Policy:
    """A fast policy for many games at once: each option rated by its own expected effects under the weights
    (one step ahead); the historical temperament follows history where it can. Used for the futures a counterpart
    imagines and by `explore` for pairs of temperaments, where a look-ahead per game would cost hours."""
    weights = _weights(scenario, temperament)
    cache: dict[int, FloatArray] = {}

    def choose(state: State, pending: Pending) -> IntArray:
        event = pending.event
        if temperament.historical and event.historical_option >= 0:
            return historical(state, pending)
        values = cache.get(event.index)
        if values is None:
            values = cache[event.index] = _immediate(event, weights)
        best = values.max() if values.size else 0.0
        near = values >= best - NEAR_TIE * max(abs(best), 1.0)
        score = np.where(pending.available, values[None, :] + near[None, :] * _tie_noise(state, pending,
                                                                                       values.size), -np.inf)
        choice: IntArray = np.argmax(score, axis=1).astype(np.int64)
        return choice

    return choose


def _goals(scenario: CompiledScenario, temperament: Temperament) -> list[tuple[str, str, bool, float, int]]:
    """The two aims weighed most (by weight times range for meters): (kind, id, wants_high, threshold, index)."""
    ranked: list[tuple[float, tuple[str, str, bool, float, int]]] = []
    for k, meter in enumerate(scenario.meter_ids):
        w = temperament.meters.get(meter, 0.0)
        if w:
            middle = float(scenario.meter_min[k] + scenario.meter_max[k]) / 2
            ranked.append((abs(w), ("meter", meter, w > 0, middle, k)))
    for k, flag in enumerate(scenario.flag_ids):
        w = temperament.flags.get(flag, 0.0)
        if w:
            ranked.append((abs(w), ("flag", flag, w > 0, 0.5, k)))
    ranked.sort(key=lambda item: -item[0])
    return [goal for _, goal in ranked[:2]]


def decide(engine: Engine, state: State, pending: Pending, temperament: Temperament, seeds: npt.NDArray[np.uint64],
           game: int = 0) -> Decision:
    """Rate each option open to game `game` by playing `seeds` futures from it (both sides by the temperament's
    greedy policy) and take the best under the weights, drawing among near-ties from the game's seed."""
    scenario = engine.scenario
    available = [k for k in range(len(pending.event.options)) if bool(pending.available[game, k])]
    rollout = greedy_policy(scenario, temperament)
    if game:
        state, pending = fork(state, pending, state.seeds[game : game + 1])
    values: dict[int, float] = {}
    finals: dict[int, State] = {}
    for option in available:
        copy, forked = fork(state, pending, seeds)
        engine.choose(copy, forked, np.full(copy.size, option, dtype=np.int64))
        play_out(engine, copy, rollout)
        values[option] = float(value_of(scenario, temperament, copy).mean())
        finals[option] = copy
    marked = pending.event.historical_option
    if temperament.historical and marked in values:
        chosen = marked
    else:
        best = max(values.values())
        near = [k for k in available if values[k] >= best - NEAR_TIE * max(abs(best), 1.0)]
        draw = float(rng.uniform(state.seed_words[:1], pending.turn, pending.slot, STREAM_COUNTERPART)[0])
        chosen = near[min(int(draw * len(near)), len(near) - 1)]
    final = finals[chosen]
    held_all = np.ones(final.size, dtype=bool)
    goals = []
    for kind, ident, wants_high, threshold, index in _goals(scenario, temperament):
        column = final.meters[:, index] if kind == "meter" else final.flags[:, index].astype(np.float64)
        held = column >= threshold if wants_high else column < threshold
        held_all &= held
        goals.append(Goal(kind, ident, wants_high, threshold, float(held.mean())))
    counts = np.bincount(final.ending.astype(np.int64), minlength=len(scenario.endings))
    shares = {e.id: int(counts[e.index]) / final.size for e in scenario.endings}
    return Decision(chosen, values, tuple(goals), float(held_all.mean()) if goals else 1.0, shares)
