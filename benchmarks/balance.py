"""Balance of a scenario: for every option of every decision, the endings it leads to under several ways of playing
the rest of the game; prints JSON (or, with --markdown, the tables in docs/balance.md).

    python benchmarks/balance.py [--scenario new_partnership] [--runs 5000] [--plans FILE.json] [--markdown]

A plan is a base policy (historical or random) plus options forced at named decisions. A scenario's own plans sit
beside it as NAME.plans.json (scenarios/new_partnership.plans.json); --plans names another file of the same shape
({"name": {"policy": ..., "force": {...}}}). The markdown also gives, per plan, the share of games in which each
meter sits at a bound for more than three turns in a row (the same figure as `analyze --json`'s "bounds").
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

from partnership_game import paths
from partnership_game.engine import POLICIES, Engine
from partnership_game.engine.analysis import dry_run
from partnership_game.engine.batch import explore_seeds, play_out
from partnership_game.engine.coherence import BOUND_SHARE, BOUND_TURNS
from partnership_game.engine.policies import forcing
from partnership_game.plans import plans_beside, read_plans
from partnership_game.scenario.discovery import resolve

GOOD_SHARE = 0.10  # an option "leads to" an ending when at least this share of games reach it

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="new_partnership")
    parser.add_argument("--runs", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--plans", help="a JSON file of plans (default: the built-in plans for new_partnership)")
    parser.add_argument("--good", default="durable_partnership,partnership_with_limits,strategic_bargain",
                        help="the endings that count as good, comma-separated")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()

    loaded = resolve(args.scenario, paths.builtin_scenarios_dir(), paths.mods_dir())
    plans = {plan.name: {"policy": plan.policy, "force": dict(plan.force)} for plan in
             read_plans(Path(args.plans) if args.plans else plans_beside(loaded.path), loaded.compiled)}
    engine = Engine(loaded.compiled)
    seeds = explore_seeds(args.seed, args.runs)
    decisions = [e for e in loaded.compiled.events if e.is_decision]
    option_index = {e.id: {o.id: k for k, o in enumerate(e.options)} for e in decisions}
    good = set(args.good.split(","))

    def shares(policy: str, forced: dict[str, int]) -> dict[str, float]:
        state = play_out(engine, engine.start(seeds), forcing(POLICIES[policy], forced))
        counts = np.bincount(state.ending.astype(np.int64), minlength=len(loaded.compiled.endings))
        return {e.id: round(int(counts[e.index]) / args.runs, 3) for e in loaded.compiled.endings}

    result: dict[str, Any] = {"scenario": loaded.model.id, "runs": args.runs, "seed": args.seed, "plans": {},
                              "decisions": {}}
    for name, plan in plans.items():
        base = {event: option_index[event][option] for event, option in plan["force"].items()}
        result["plans"][name] = shares(plan["policy"], base)
        for event in decisions:
            entry = result["decisions"].setdefault(event.id, {})
            for k, option in enumerate(event.options):
                entry.setdefault(option.id, {})[name] = shares(plan["policy"], {**base, event.id: k})
    verdicts = {}
    for event_id, options in result["decisions"].items():
        leads = {option: sorted({ending for plan in by_plan.values() for ending, share in plan.items()
                                 if ending in good and share >= GOOD_SHARE})
                 for option, by_plan in options.items()}
        distinct = {ending for endings in leads.values() for ending in endings}
        leading = [option for option, endings in leads.items() if endings]
        verdicts[event_id] = {"leads": leads, "ok": len(leading) >= 2 and len(distinct) >= 2}
    result["verdicts"] = verdicts
    result["bounds"] = {}
    for name, plan in plans.items():
        forced = {event: option_index[event][option] for event, option in plan["force"].items()}
        run = dry_run(engine, seeds, forcing(POLICIES[plan["policy"]], forced))
        result["bounds"][name] = {meter: round(share, 3) for meter, share in run.held_at_bound.items()}
    if not args.markdown:
        print(json.dumps(result, indent=1))
        return
    names = list(plans)
    print(f"Plans, {args.runs:,} games each (seed {args.seed}):\n")
    print("| plan | " + " | ".join(e.id for e in loaded.compiled.endings) + " |")
    print("|---|" + "---|" * len(loaded.compiled.endings))
    for name in names:
        row = result["plans"][name]
        print(f"| {name} | " + " | ".join(f"{100 * row[e.id]:.0f}%" for e in loaded.compiled.endings) + " |")
    meters = list(loaded.compiled.meter_ids)
    print(f"\nShare of games in which a meter sits at its min or max for more than {BOUND_TURNS} turns in a row "
          f"(over {100 * BOUND_SHARE:.0f}% in bold):\n")
    print("| plan | " + " | ".join(meters) + " |")
    print("|---|" + "---|" * len(meters))
    for name in names:
        row = result["bounds"][name]
        print(f"| {name} | " + " | ".join(
            (f"**{100 * row[m]:.0f}%**" if row[m] > BOUND_SHARE else f"{100 * row[m]:.0f}%") for m in meters) + " |")
    print("\nFor each decision, the good endings each option reaches in at least "
          f"{100 * GOOD_SHARE:.0f}% of games under some plan:\n")
    print("| decision | option | good endings reached (plans) | two options, two endings? |")
    print("|---|---|---|---|")
    for event_id, verdict in verdicts.items():
        first = True
        for option, endings in verdict["leads"].items():
            by_plan = result["decisions"][event_id][option]
            where = "; ".join(
                f"{ending} ({', '.join(n for n in names if by_plan[n][ending] >= GOOD_SHARE)})" for ending in endings
            ) or "none"
            mark = ("yes" if verdict["ok"] else "**no**") if first else ""
            print(f"| {event_id if first else ''} | {option} | {where} | {mark} |")
            first = False


if __name__ == "__main__":
    main()
