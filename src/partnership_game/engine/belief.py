"""What a side believes of the meters and flags it does not see: their values on the historical road at this point
of the game, computed once per scenario (docs/design/sides.md §4, "belief, not truth")."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from partnership_game.engine import rng
from partnership_game.engine.policies import historical
from partnership_game.engine.rules import Engine
from partnership_game.engine.state import State
from partnership_game.scenario.compiled import CompiledScenario

# The historical road is played by this many games (their own dice): a meter's belief is its mean over them, a
# flag's is whether most of them have it set. A few dozen games smooth out the random events at a cost of a few
# milliseconds, once per scenario.
BELIEF_GAMES = 64
BELIEF_SEED = 0x5EE5  # fixed, so every game of a scenario believes the same road whatever its own seed


@dataclass(frozen=True)
class Belief:
    """Snapshots of the historical road at each decision point it passed, by (turn, slot)."""

    points: tuple[tuple[int, int], ...]  # sorted
    meters: tuple[npt.NDArray[np.float64], ...]  # (M,) per point
    flags: tuple[npt.NDArray[np.bool_], ...]  # (F,) per point

    def at(self, turn: int, slot: int) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
        """The road's meters and flags at the last point it passed at or before (turn, slot)."""
        k = max(bisect.bisect_right(self.points, (turn, slot)) - 1, 0)
        return self.meters[k], self.flags[k]


def _snapshot(state: State) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    games = state.playing if state.playing.any() else np.ones(state.size, dtype=np.bool_)
    meters = state.meters[games].mean(axis=0)
    flags = state.flags[games].mean(axis=0) >= 0.5
    return np.asarray(meters, dtype=np.float64), np.asarray(flags, dtype=np.bool_)


def historical_belief(engine: Engine) -> Belief:
    """Play the historical road once and keep the world at every decision point (kept with the engine)."""
    cached = engine.derived.get("belief")
    if isinstance(cached, Belief):
        return cached
    state = engine.start(rng.game_seeds(BELIEF_SEED, BELIEF_GAMES))
    points = [(0, -1)]
    meters, flags = _snapshot(state)
    snapshots_m, snapshots_f = [meters], [flags]
    while (pending := engine.advance(state)) is not None:
        meters, flags = _snapshot(state)
        points.append((pending.turn, pending.slot))
        snapshots_m.append(meters)
        snapshots_f.append(flags)
        engine.choose(state, pending, historical(state, pending))
    belief = Belief(tuple(points), tuple(snapshots_m), tuple(snapshots_f))
    # Two threads (the odds worker and the game) may both compute it at first: the same road, so either result does.
    engine.derived["belief"] = belief
    return belief


def hidden_from(scenario: CompiledScenario, role: int) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """(M,), (F,): what `role` plans by belief. Every meter it does not see; every flag it does not see that
    another side does (a flag no side sees is the scenario's bookkeeping, not anyone's hidden hand: it stays true,
    or the futures would replay events the world has already spent)."""
    sides = scenario.sides
    me = sides.roles[role]
    meters = np.array([not seen for seen in me.sees_meters], dtype=np.bool_)
    seen_by_other = np.zeros(len(scenario.flag_ids), dtype=np.bool_)
    for other in sides.roles:
        if other.index != role:
            seen_by_other |= np.array(other.sees_flags, dtype=np.bool_)
    flags = np.array([not seen for seen in me.sees_flags], dtype=np.bool_) & seen_by_other
    return meters, flags


def believe(state: State, belief: Belief, hidden: tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]],
            turn: int, slot: int) -> None:
    """Overwrite, in place, the hidden meters and flags of every game in `state` with the road's values."""
    meters, flags = belief.at(turn, slot)
    hidden_meters, hidden_flags = hidden
    if hidden_meters.any():
        state.meters[:, hidden_meters] = meters[hidden_meters]
    if hidden_flags.any():
        state.flags[:, hidden_flags] = flags[hidden_flags]
