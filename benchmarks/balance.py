"""Balance of a scenario: for every option of every decision, the endings it leads to under several ways of playing
the rest of the game; prints JSON (or, with --markdown, the tables in docs/balance.md).

    python benchmarks/balance.py [--scenario new_partnership] [--runs 5000] [--plans FILE.json] [--markdown]

A plan is a base policy (historical or random) plus options forced at named decisions. The built-in plans for
new_partnership are below; another scenario passes its own with --plans ({"name": {"policy": ..., "force": {...}}}).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

from partnership_game import paths
from partnership_game.engine import POLICIES, Engine
from partnership_game.engine.batch import explore_seeds, play_out
from partnership_game.engine.policies import forcing
from partnership_game.scenario.discovery import resolve

GOOD_SHARE = 0.10  # an option "leads to" an ending when at least this share of games reach it

NEW_PARTNERSHIP_PLANS: dict[str, dict[str, Any]] = {
    "historical": {"policy": "historical", "force": {}},
    "random": {"policy": "random", "force": {}},
    "durable": {
        "policy": "historical",
        "force": {"e04_statement": "duma_vote", "e07_nato": "change_subject", "e09_kabul": "un_first",
                  "e10_crawford": "people_first", "e11_abm": "demand_limits", "e12_georgia": "joint_pankisi"},
    },
    "bargain": {
        "policy": "historical",
        "force": {"e02_armitage": "hold_for_price", "e03_sochi": "written_terms", "e06_price": "name_the_price",
                  "e08_lourdes": "trade_for_abm", "e10_crawford": "link_abm", "e11_abm": "demand_limits"},
    },
}


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
    plans = json.loads(Path(args.plans).read_text(encoding="utf-8")) if args.plans else NEW_PARTNERSHIP_PLANS
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
