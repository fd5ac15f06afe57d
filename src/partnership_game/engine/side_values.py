"""What a world is worth to one side under a temperament: weighted meters as the side counts them, flags, goals
and its verdict on the ending (docs/design/sides.md §4)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from partnership_game.engine.state import State
from partnership_game.scenario.compiled import CompiledEvent, CompiledScenario
from partnership_game.scenario.conditions import Context
from partnership_game.scenario.sides import Goal, Temperament

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class SideValues:
    """A temperament compiled against its scenario. A meter's part is `w x oriented(m)`, where `oriented` scales
    the meter to 0..1 over its range and turns it round when the side's `good` is down (a `none` meter counts as
    it stands): linear in the meter, so kept as a slope per unit and a constant."""

    temperament: Temperament
    slopes: FloatArray  # (M,) value per unit of each meter
    constant: float  # the part of the oriented meters that does not depend on their values
    flags: FloatArray  # (F,) value of each flag when true
    endings: FloatArray  # (E,) the verdict's value for the side, by ending index (0 without verdicts)
    span: float  # the largest possible difference in value between two worlds (for near-ties)

    def goal_held(self, goal: Goal, state: State) -> BoolArray:
        """(N,) whether the goal's condition holds in each game."""
        value = goal.condition.evaluate(Context(state.meters, state.flags, state.turn + 1))
        if isinstance(value, np.ndarray) and value.shape == (state.size,):
            return value.astype(np.bool_)
        return np.full(state.size, bool(value))

    def value(self, state: State) -> FloatArray:
        """(N,) each game's worth to the side (an ended game counts its verdict, a playing one does not yet)."""
        worth: FloatArray = state.meters @ self.slopes + self.constant
        worth += state.flags.astype(np.float64) @ self.flags
        for goal in self.temperament.goals:
            worth += goal.weight * self.goal_held(goal, state)
        ended = state.ending >= 0
        worth[ended] += self.endings[state.ending[ended].astype(np.int64)]
        return worth

    def immediate(self, event: CompiledEvent) -> FloatArray:
        """(O,) the weighted expected change each option's own effect rows make (outcomes by their weights):
        the one-step view the batch policy takes."""
        row_value = event.add @ self.slopes
        row_value += (event.set_flags.astype(np.float64) - event.clear_flags) @ self.flags
        values = np.zeros(len(event.options), dtype=np.float64)
        for k, option in enumerate(event.options):
            rows = slice(option.first_row, option.first_row + option.row_count)
            cumulative = event.cum_weights[rows]
            shares = np.diff(np.concatenate(([0.0], cumulative))) / max(float(cumulative[-1]), 1e-12)
            values[k] = float(shares @ row_value[rows])
        return values


def side_values(scenario: CompiledScenario, temperament: Temperament) -> SideValues:
    """The temperament's weights turned the way its side counts each meter (`good`), per unit of the range."""
    sides = scenario.sides
    role = sides.roles[temperament.role]
    span = np.maximum(scenario.meter_max - scenario.meter_min, 1e-9)
    weights = np.array([temperament.weights.get(m, 0.0) for m in scenario.meter_ids], dtype=np.float64)
    down = np.array([g < 0 for g in role.good], dtype=np.bool_)
    slopes = np.where(down, -weights, weights) / span
    constant = float(np.sum(np.where(down, weights * scenario.meter_max, -weights * scenario.meter_min) / span))
    flags = np.array([temperament.weights.get(f, 0.0) for f in scenario.flag_ids], dtype=np.float64)
    endings = np.zeros(len(scenario.endings), dtype=np.float64)
    for ending in scenario.endings:
        verdict = sides.verdict(ending.id, temperament.role)
        if verdict is not None:
            endings[ending.index] = temperament.verdict_values.get(verdict.word, 0.0)
    verdict_range = (float(endings.max() - endings.min())) if endings.size else 0.0
    total = (float(np.abs(weights).sum() + np.abs(flags).sum()) + sum(abs(g.weight) for g in temperament.goals)
             + verdict_range)
    return SideValues(temperament, slopes, constant, flags, endings, max(total, 1e-9))
