"""Many games at once through the same rules: the explorer's endings and meter spreads."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from partnership_game.engine import rng
from partnership_game.engine.policies import Policy
from partnership_game.engine.rules import Engine
from partnership_game.engine.state import State
from partnership_game.scenario.compiled import CompiledScenario


@dataclass(frozen=True)
class BatchResult:
    """The final state of every game, and how many game-decisions were made to get there."""

    state: State
    decisions: int

    @property
    def endings(self) -> npt.NDArray[np.int16]:
        return self.state.ending


def play_out(engine: Engine, state: State, policy: Policy) -> State:
    """Advance every game to its ending, choosing by the policy."""
    while (pending := engine.advance(state)) is not None:
        engine.choose(state, pending, policy(state, pending))
    return state


def run_batch(engine: Engine, seeds: npt.NDArray[np.uint64], policy: Policy) -> BatchResult:
    """Play one game per seed to its end."""
    state = play_out(engine, engine.start(seeds), policy)
    return BatchResult(state, state.decisions_made)


def summarize(
    scenario: CompiledScenario, endings_reached: npt.NDArray[np.int16], final_meters: npt.NDArray[np.float64]
) -> dict[str, object]:
    """Ending counts and the 10th, 50th and 90th percentiles of every meter at the end."""
    counts = np.bincount(endings_reached.astype(np.int64), minlength=len(scenario.endings))
    endings = {e.id: int(counts[e.index]) for e in scenario.endings}
    meters = {}
    for m, meter in enumerate(scenario.meter_ids):
        p10, p50, p90 = np.percentile(final_meters[:, m], [10, 50, 90])
        meters[meter] = {
            "p10": round(float(p10), 2),
            "p50": round(float(p50), 2),
            "p90": round(float(p90), 2),
        }
    return {"endings": endings, "meters": meters}


def explore_seeds(base_seed: int, runs: int) -> npt.NDArray[np.uint64]:
    """The seeds `explore --seed S --runs N` plays: S * 2**32 + k for k = 0 .. N-1."""
    return rng.game_seeds(base_seed, runs)
