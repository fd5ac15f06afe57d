"""A dry run for scenario authors: what fires, what is ever available, which endings are reached, what pins."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from partnership_game.engine.policies import Policy
from partnership_game.engine.rules import Engine

PINNED_SHARE = 0.2  # a meter that ends at a bound in this share of games or more is reported


@dataclass
class DryRun:
    """What one policy's games did, summed over all of them."""

    games: int
    fired: npt.NDArray[np.int64]  # per event: how many games it fired in
    available: dict[str, set[str]] = field(default_factory=dict)  # decision id -> options available at least once
    endings: dict[str, int] = field(default_factory=dict)
    at_bound: dict[str, float] = field(default_factory=dict)  # meter -> share of games ending at min or max


def dry_run(engine: Engine, seeds: npt.NDArray[np.uint64], policy: Policy) -> DryRun:
    scenario = engine.scenario
    state = engine.start(seeds)
    available: dict[str, set[str]] = {e.id: set() for e in scenario.events if e.is_decision}
    while (pending := engine.advance(state)) is not None:
        seen: list[bool] = np.asarray(pending.available.any(axis=0), dtype=bool).tolist()
        available[pending.event.id] |= {o.id for o, yes in zip(pending.event.options, seen, strict=True) if yes}
        engine.choose(state, pending, policy(state, pending))
    counts = np.bincount(state.ending.astype(np.int64), minlength=len(scenario.endings))
    at_bound = {}
    for m, meter in enumerate(scenario.meter_ids):
        values = state.meters[:, m]
        at_bound[meter] = float(np.mean((values <= scenario.meter_min[m]) | (values >= scenario.meter_max[m])))
    return DryRun(
        games=state.size,
        fired=(state.fired > 0).sum(axis=0).astype(np.int64),
        available=available,
        endings={e.id: int(counts[e.index]) for e in scenario.endings},
        at_bound=at_bound,
    )


def report(engine: Engine, runs: dict[str, DryRun]) -> dict[str, object]:
    """The `analyze --json` object: every ending with its share under each policy, and what never happened."""
    scenario = engine.scenario
    story_events = [e for e in scenario.events if e.origin is None]
    endings = {e.id: {name: round(run.endings[e.id] / run.games, 4) for name, run in runs.items()}
               for e in scenario.endings}
    never_fired = [e.id for e in story_events if all(run.fired[e.index] == 0 for run in runs.values())]
    never_available = [f"{e.id}/{o.id}" for e in story_events if e.is_decision for o in e.options
                       if all(o.id not in run.available[e.id] for run in runs.values())]
    pinned = [{"meter": meter, **{name: round(run.at_bound[meter], 4) for name, run in runs.items()}}
              for meter in scenario.meter_ids if any(run.at_bound[meter] >= PINNED_SHARE for run in runs.values())]
    return {
        "scenario": scenario.model.id,
        "runs": {name: run.games for name, run in runs.items()},
        "endings": endings,
        "unreachable_endings": [e for e, shares in endings.items() if all(v == 0 for v in shares.values())],
        "never_fired_events": never_fired,
        "never_available_options": never_available,
        "pinned_meters": pinned,
    }
