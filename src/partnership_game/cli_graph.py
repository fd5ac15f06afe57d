"""The `graph` command: one self-contained HTML page that draws a scenario's structure, marked from a dry run."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from partnership_game.cli_common import EXIT_ERROR, EXIT_OK, print_problems, resolve, shown, write_outputs


def cmd_graph(args: argparse.Namespace) -> int:
    from partnership_game.report.graph_page import graph_html
    from partnership_game.report.graph_runs import GRAPH_SEED, gather
    from partnership_game.scenario import ScenarioError

    if args.out.suffix.lower() not in (".html", ".htm"):
        print(f"{shown(args.out)}: error: the graph is an HTML page: give --out a name ending in .html",
              file=sys.stderr)
        return EXIT_ERROR
    try:
        loaded = resolve(args.scenario)
    except ScenarioError as exc:
        print_problems(exc)
        return EXIT_ERROR
    plans = _plans(args.plans, loaded)
    if plans is None:
        return EXIT_ERROR
    facts = gather(loaded.compiled, args.runs, GRAPH_SEED if args.seed is None else args.seed, plans)
    from pathlib import Path

    source = Path(loaded.path).name if loaded.path else loaded.model.id
    page = graph_html(loaded.compiled, facts, source)
    status = write_outputs([(args.out, page.encode("utf-8"))])
    if status == EXIT_OK:
        print(f"Wrote {shown(args.out)} ({len(loaded.model.events)} events, dry run of {facts.runs:,} games "
              f"per way of playing, seed {facts.seed})")
    return status


def _plans(given: str | None, loaded: Any) -> dict[str, Any] | None:
    """The plans `analyze` would play besides random and historical play (a --plans file, else the scenario's own
    NAME.plans.json beside it, if there is one); None, with the message printed, when the file is wrong."""
    from pathlib import Path

    from partnership_game.files import FileProblem, TextProblem
    from partnership_game.plans import PlanError, plan_policy, plans_beside, read_plans

    path = Path(given) if given else plans_beside(loaded.path)
    if not given and not path.is_file():
        return {}
    try:
        return {plan.name: plan_policy(plan, loaded.compiled) for plan in read_plans(path, loaded.compiled)}
    except (FileProblem, TextProblem, PlanError) as exc:
        where = f"{path}:{exc.line}:{exc.col}" if isinstance(exc, TextProblem) and exc.line else path
        print(f"{shown(where)}: error: {shown(exc.reason if isinstance(exc, TextProblem) else exc)}", file=sys.stderr)
        return None


def add_graph_parser(commands: argparse._SubParsersAction[Any], runs: Callable[[str], int],
                     seed: Callable[[str], int]) -> None:
    """The command's arguments (cli.build_parser calls this, passing its checked number types)."""
    from pathlib import Path

    from partnership_game.report.graph_runs import GRAPH_RUNS

    graph = commands.add_parser("graph", help="draw a scenario's structure as one HTML page (turns, events, flags, "
                                              "schedules, triggers, endings), marked from a dry run")
    graph.add_argument("scenario", metavar="ID_OR_PATH")
    graph.add_argument("--out", type=Path, required=True, metavar="FILE.html", help="the page to write")
    graph.add_argument("--runs", type=runs, default=GRAPH_RUNS,
                       help=f"games per way of playing in the dry run (default {GRAPH_RUNS:,})")
    graph.add_argument("--seed", type=seed, default=None, help="the dry run's seed (default 0)")
    graph.add_argument("--plans", metavar="FILE",
                       help="a plans file to play besides random and historical play, as analyze does (default: the "
                            "scenario's own NAME.plans.json beside it, if there is one)")
