"""The dry run behind the scenario graph: `analyze`'s report, and which endings the games that took each option
went on to reach."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from partnership_game.engine import POLICIES, Engine
from partnership_game.engine.analysis import dry_run, report
from partnership_game.engine.batch import explore_seeds
from partnership_game.engine.policies import IntArray, Policy
from partnership_game.engine.state import Pending, State
from partnership_game.scenario.compiled import CompiledScenario

GRAPH_RUNS = 2_000  # games per way of playing: enough to find what never happens in a shipped campaign
GRAPH_SEED = 0
WAYS = ("random", "historical")  # and any plans beside the scenario, as `analyze` plays them


@dataclass
class _Recorder:
    """A policy that remembers what each game chose, and the state it played (its endings are read at the end)."""

    policy: Policy
    state: State | None = None
    chosen: list[tuple[str, npt.NDArray[np.bool_], IntArray]] = field(default_factory=list)

    def __call__(self, state: State, pending: Pending) -> IntArray:
        self.state = state
        choice = self.policy(state, pending)
        self.chosen.append((pending.event.id, pending.active.copy(), np.asarray(choice).copy()))
        return choice


@dataclass(frozen=True)
class DryRunFacts:
    """What the graph marks: `analyze`'s report, and per (event id, option id) the endings its games reached."""

    runs: int
    seed: int
    report: dict[str, Any]
    reached: dict[tuple[str, str], dict[str, int]]

    @property
    def never_fired(self) -> set[str]:
        return set(self.report["never_fired_events"])

    @property
    def never_available(self) -> set[str]:
        return set(self.report["never_available_options"])

    @property
    def unreachable(self) -> set[str]:
        return set(self.report["unreachable_endings"])

    @property
    def ways(self) -> list[str]:
        """The ways of playing, in the order they were played: random, historical, then the plans."""
        return list(self.report["runs"])

    def share(self, ending_id: str, way: str) -> float:
        return float(self.report["endings"][ending_id][way])


def gather(compiled: CompiledScenario, runs: int = GRAPH_RUNS, seed: int = GRAPH_SEED,
           plans: dict[str, Policy] | None = None) -> DryRunFacts:
    """`analyze`'s dry run under random and historical play and the scenario's plans (the same games and figures as
    `analyze --runs N --seed S`), recording which endings the games that took each option reached."""
    engine = Engine(compiled)
    seeds = explore_seeds(seed, runs)
    policies = {way: POLICIES[way] for way in WAYS}
    for name, policy in (plans or {}).items():
        policies.setdefault(name, policy)
    recorders = {way: _Recorder(policy) for way, policy in policies.items()}
    results = {way: dry_run(engine, seeds, recorder) for way, recorder in recorders.items()}
    reached: dict[tuple[str, str], dict[str, int]] = {}
    for recorder in recorders.values():
        if recorder.state is None:  # a scenario whose games never reach a decision
            continue
        endings = recorder.state.ending.astype(np.int64)
        for event_id, active, choice in recorder.chosen:
            event = compiled.events[compiled.event_index(event_id)]
            for k, option in enumerate(event.options):
                games = endings[active & (choice == k)]
                if games.size == 0:
                    continue
                counts = reached.setdefault((event_id, option.id), {})
                for index, count in zip(*np.unique(games, return_counts=True), strict=True):
                    if 0 <= index < len(compiled.endings):
                        ending_id = compiled.endings[int(index)].id
                        counts[ending_id] = counts.get(ending_id, 0) + int(count)
    return DryRunFacts(runs, seed, report(engine, results), reached)
