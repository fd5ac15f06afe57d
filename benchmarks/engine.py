"""Engine benchmark: batch and single-game decision rates and scenario load time, printed as JSON.

    python benchmarks/engine.py --json [--scenario ID_OR_PATH] [--runs 100000]

Targets (DESIGN.md, this 2-core machine): batch >= 5,000,000 game-decisions/s at N = 100,000, batch/single
ratio >= 100, load and validate of new_partnership <= 200 ms, odds for one option (10,000 futures) <= 100 ms,
one decision of a counterpart (issue 16: every option rated by its simulated futures) <= 100 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import numpy as np

from partnership_game import paths
from partnership_game.engine import Engine, uniform_random
from partnership_game.engine.batch import explore_seeds, play_out
from partnership_game.scenario.discovery import resolve
from partnership_game.scenario.loader import load_path


def _best_of(repeats: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def _counterpart_times(where: list[str] | None) -> tuple[list[float], list[str]]:
    """Milliseconds of every counterpart decision of one game per temperament of each scenario: every side that
    decides is played by that temperament's counterpart (choose_for, LIVE_FUTURES per option), the others by
    history."""
    from partnership_game.engine.belief import historical_belief
    from partnership_game.engine.counterpart import choose_for
    from partnership_game.engine.policies import historical
    from partnership_game.engine.side_policies import combine

    root = Path(__file__).parents[1]
    if where is None:
        two_sides = root / "scenarios" / "new_partnership_two_sides.yaml"
        where = [str(two_sides)] if two_sides.exists() else [str(root / "tests" / "data" / "corridor_2001.yaml"),
                                                              "new_partnership"]
    times: list[float] = []
    for name in where:
        compiled = resolve(name, paths.builtin_scenarios_dir(), paths.mods_dir()).compiled
        engine, sides = Engine(compiled), compiled.sides
        historical_belief(engine)  # once per scenario, as a session does before its first counterpart decision
        for temperament in sides.temperaments:
            game = engine.start(np.array([1], dtype=np.uint64))
            while (waiting := engine.advance(game)) is not None:
                joint = sides.joint.get(waiting.event.index)
                deciding = [s.role for s in joint.sides] if joint else [sides.decides[waiting.event.index]]
                choice = historical(game, waiting)
                if temperament.role in deciding:
                    started = time.perf_counter()
                    decision = choose_for(engine, game, waiting, temperament.role, temperament, 1)
                    times.append((time.perf_counter() - started) * 1000)
                    choice = np.array([decision.option], dtype=np.int64)
                    if joint is not None:  # the other half as history took it
                        halves = [np.array([decision.own]) if s.role == temperament.role else
                                  np.array([joint.choices_of(int(historical(game, waiting)[0]))[s.role]])
                                  for s in joint.sides]
                        choice = combine(joint, halves)
                engine.choose(game, waiting, choice)
    return times, [Path(name).stem for name in where]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="new_partnership")
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--single-games", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--ai-scenarios", nargs="*", default=None,
                        help="where ai_decision_ms is measured (default: the two-sided campaign if it is there, "
                             "else tests/data/corridor_2001.yaml and the Kremlin campaign)")
    args = parser.parse_args()

    loaded = resolve(args.scenario, paths.builtin_scenarios_dir(), paths.mods_dir())
    source = Path(loaded.path)
    load_times = []
    for _ in range(7):
        start = time.perf_counter()
        load_path(source)
        load_times.append(time.perf_counter() - start)

    engine = Engine(loaded.compiled)
    seeds = explore_seeds(1, args.runs)
    play_out(engine, engine.start(seeds[:1000]), uniform_random)  # warm caches and numpy paths

    decisions = 0

    def batch() -> None:
        nonlocal decisions
        state = play_out(engine, engine.start(seeds), uniform_random)
        decisions = state.decisions_made

    batch_s = _best_of(3, batch)
    batch_rate = decisions / batch_s

    single_decisions = 0

    def singles() -> None:
        nonlocal single_decisions
        single_decisions = 0
        for k in range(args.single_games):
            state = play_out(engine, engine.start(seeds[k : k + 1]), uniform_random)
            single_decisions += state.decisions_made

    single_s = _best_of(3, singles)
    single_rate = single_decisions / single_s

    # Odds: 10,000 futures for each option of the first decision, the rest played at random (the heavier policy).
    from partnership_game.engine.odds import future_seeds, odds_for_option

    first = engine.start(seeds[:1], keep_ledger=True)
    pending = engine.advance(first)
    assert pending is not None
    future = future_seeds(1, pending.turn, pending.slot)
    odds_times = []
    for option in range(len(pending.event.options)):
        started = time.perf_counter()
        odds_for_option(engine, first, pending, option, uniform_random, future)
        odds_times.append((time.perf_counter() - started) * 1000)

    ai_times, ai_where = _counterpart_times(args.ai_scenarios)

    result = {
        "scenario": loaded.model.id,
        "runs": args.runs,
        "batch_decisions_per_s": round(batch_rate),
        "single_decisions_per_s": round(single_rate),
        "ratio": round(batch_rate / single_rate, 1),
        "single_decision_ms": round(1000 * single_s / single_decisions, 4),
        "load_validate_ms": round(1000 * statistics.median(load_times), 2),
        "decisions_per_game": round(decisions / args.runs, 2),
        "odds_ms_per_option": round(statistics.mean(odds_times), 1),
        "ai_decision_ms": round(max(ai_times), 1),  # the slowest decision; target <= 100
        "ai_decision_ms_median": round(statistics.median(ai_times), 1),
        "ai_decisions": len(ai_times),
        "ai_scenarios": ai_where,
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:24} {value}")


if __name__ == "__main__":
    main()
