"""Save benchmark: the time to open a finished campaign save and saves at the decision cap built to be slow; JSON.

    python benchmarks/saves.py --json [--scenario ID_OR_PATH] [--runs 5]

Targets (issue 9): any legal save within the format's caps opens in <= 1 s on this 2-core machine, a finished
campaign save in <= 150 ms. Every figure is the median of --runs loads of a file written by write_save and opened
by read_save, the whole way a player opens a save; "cold" clears the cache of scenario copies first, so the save's
scenario text is parsed and validated too (as when a window or a report opens its first save).

The slow saves hold MAX_NODES decisions on the built-in scenario, all of them legal (read_save accepts them):
- "bushy": the most branches the cap allows: every node of the historical road forks to every other option,
  deepest forks first, each branch played on to the end, so there are many leaves and each has a long path;
- "early": every branch forks in the first few decisions and is played on to the end at random, so each leaf
  has a path of the full length and the branches share little.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from partnership_game import paths
from partnership_game.engine import historical, uniform_random
from partnership_game.engine.policies import Policy
from partnership_game.scenario import LoadedScenario
from partnership_game.scenario.discovery import resolve
from partnership_game.session import Session, read_save, write_save
from partnership_game.session import saves as saves_module
from partnership_game.session.saves import MAX_NODES


def play_on(session: Session, policy: Policy, limit: int) -> None:
    """Choose by `policy` until the game ends or the timeline holds `limit` decisions."""
    while session.pending is not None and len(session.timeline.nodes) < limit:
        session.choose(int(policy(session.state, session.pending)[0]))


def campaign(scenario: LoadedScenario, seed: int) -> Session:
    session = Session(scenario, seed, player="Benchmark")
    play_on(session, historical, MAX_NODES)
    return session


def _fork(session: Session, node: int | None, policy: Policy, limit: int) -> None:
    """From `node`, take each available option not taken there before, each played on to the end by `policy`."""
    session.goto(node)
    if session.pending is None:
        return  # a branch that ended early
    taken = {child.option for child in session.timeline.children(node)}
    open_options = [k for k, (option, available) in enumerate(zip(session.pending.event.options,
                                                                    session.available(), strict=True))
                    if available and option.id not in taken]
    for index in open_options:
        if len(session.timeline.nodes) >= limit:
            return
        session.goto(node)
        session.choose(index)
        play_on(session, policy, limit)


def bushy(scenario: LoadedScenario, seed: int) -> Session:
    """Forks at every node, deepest first, until the cap: the most leaves, each as deep as the campaign."""
    session = campaign(scenario, seed)
    depth = len(session.timeline.path())
    while len(session.timeline.nodes) < MAX_NODES:  # each pass forks the branches the pass before made
        before = len(session.timeline.nodes)
        for fork_depth in range(depth - 1, -1, -1):
            at_depth = [None] if fork_depth == 0 else [
                n.id for n in session.timeline.nodes if len(session.timeline.path(n.id)) == fork_depth
            ]
            for node in at_depth:
                _fork(session, node, historical, MAX_NODES)
        if len(session.timeline.nodes) == before:
            break  # every option of every node is taken
    return session


def early(scenario: LoadedScenario, seed: int) -> Session:
    """Branches that leave the first few decisions and run to the end at random, until the cap."""
    session = campaign(scenario, seed)
    for fork_depth in range(4):
        nodes = [None] if fork_depth == 0 else [
            n.id for n in session.timeline.nodes if len(session.timeline.path(n.id)) == fork_depth
        ]
        for node in nodes:
            _fork(session, node, uniform_random, MAX_NODES)
    return session


def measure_load(path: Path, runs: int, cold: bool) -> float:
    times = []
    for _ in range(runs):
        if cold:
            saves_module._scenario_from_text.cache_clear()
        started = time.perf_counter()
        read_save(path)
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="new_partnership")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    scenario = resolve(args.scenario, paths.builtin_scenarios_dir(), paths.mods_dir())
    builders: dict[str, Callable[[LoadedScenario, int], Session]] = {
        "campaign": campaign, "bushy": bushy, "early": early,
    }
    result: dict[str, object] = {"scenario": scenario.model.id}
    loads: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, build in builders.items():
            session = build(scenario, args.seed)
            path = Path(folder) / f"{name}.json"
            write_save(path, session)
            reopened = read_save(path)  # the save is legal, and the scenario copy is now cached
            assert reopened.timeline.nodes == session.timeline.nodes
            result[f"{name}_decisions"] = len(session.timeline.nodes)
            result[f"{name}_leaves"] = len(session.timeline.leaves())
            result[f"{name}_save_kb"] = round(path.stat().st_size / 1024, 1)
            loads[f"{name}_cold"] = measure_load(path, args.runs, cold=True)
            loads[f"{name}_warm"] = measure_load(path, args.runs, cold=False)
    result["load_save_ms_campaign"] = round(loads["campaign_cold"], 1)
    result["load_save_ms_campaign_warm"] = round(loads["campaign_warm"], 1)
    result["load_save_ms_worst"] = round(max(loads["bushy_cold"], loads["early_cold"]), 1)
    for key, value in loads.items():
        result[f"load_save_ms_{key}"] = round(value, 1)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
