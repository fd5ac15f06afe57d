"""The teacher's and analyst's commands: check-class, report, class-report, explore."""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from pathlib import Path
from typing import Any

from partnership_game.cli_common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_USAGE,
    print_problems,
    resolve,
    shown,
    write_outputs,
)


def cmd_check_class(args: argparse.Namespace) -> int:
    from partnership_game.classroom.classfile import load_class_file
    from partnership_game.classroom.lesson import resolve_class
    from partnership_game.scenario import ScenarioError

    failed = False
    results = []
    for name in args.paths:
        problems = []
        described = ""
        row: dict[str, Any] = {"path": name}
        try:
            lesson = resolve_class(load_class_file(Path(name)))
            described = lesson.describe()
            turns = lesson.scenario.model.turns
            row["lesson"] = {"scenario": lesson.scenario.model.id, "start": turns[lesson.start_turn].id,
                             "end": turns[lesson.end_turn].id, "summary": described}
        except ScenarioError as exc:
            problems = exc.diagnostics
        failed |= bool(problems)
        results.append({**row, "valid": not problems, "problems": [p.as_json() for p in problems]})
        if not args.json:
            for problem in problems:
                print(problem.format(), file=sys.stderr)
            print(f"{shown(name)}: valid: {shown(described)}" if not problems else f"{shown(name)}: invalid")
    if args.json:
        print(json.dumps({"valid": not failed, "files": results}, indent=1))
    return EXIT_ERROR if failed else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # the charts are drawn with pygame; no banner
    from partnership_game.report.gather import read_save_file, would_overwrite
    from partnership_game.report.short import short_report_html
    from partnership_game.report.single import report_csv, report_html
    from partnership_game.session import SaveError

    targets = [args.out] + ([args.csv] if args.csv is not None else [])
    if any(would_overwrite(target, [args.save]) for target in targets) or (
            args.csv is not None and would_overwrite(args.csv, [args.out])):
        print("partnership-game report: error: --out, --csv and SAVE must be three different files", file=sys.stderr)
        return EXIT_USAGE
    try:
        read = read_save_file(args.save)
    except SaveError as exc:
        print(f"{shown(args.save)}: error: {shown(exc)}", file=sys.stderr)
        return EXIT_ERROR
    page = short_report_html if args.short else report_html
    outputs = [(args.out, page(read.session, read.save.saved).encode("utf-8"))]
    if args.csv is not None:
        outputs.append((args.csv, report_csv(read.session)))
    status = write_outputs(outputs)
    if status == EXIT_OK:
        print("Wrote " + " and ".join(str(path) for path, _ in outputs))
    return status


def cmd_class_report(args: argparse.Namespace) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # the charts are drawn with pygame; no banner
    from partnership_game.report.class_report import build_class_report, class_csv, class_report_html
    from partnership_game.report.gather import gather, would_overwrite
    from partnership_game.report.reference import from_class_file
    from partnership_game.scenario import ScenarioError

    targets = [args.out] + ([args.csv] if args.csv is not None else [])
    if any(would_overwrite(target, args.paths) for target in targets) or (
            args.csv is not None and would_overwrite(args.csv, [args.out])):
        print("partnership-game class-report: error: --out and --csv must not overwrite a save or each other",
              file=sys.stderr)
        return EXIT_USAGE
    reference, title = None, None
    if args.class_path is not None:
        try:
            reference, title = from_class_file(args.class_path)
        except ScenarioError as exc:
            print_problems(exc)
            return EXIT_ERROR
    read, skipped = gather(args.paths)
    for item in skipped:
        print(f"{shown(item.path)}: skipped: {shown(item.plain)} ({shown(item.reason)})", file=sys.stderr)
    if not read:
        print("partnership-game class-report: error: no save could be read", file=sys.stderr)
        return EXIT_ERROR
    report = build_class_report(read, skipped, reference, title, anonymous=args.anonymous)
    outputs = [(args.out, class_report_html(report).encode("utf-8"))]
    if args.csv is not None:
        outputs.append((args.csv, class_csv(report)))
    status = write_outputs(outputs)
    if status == EXIT_OK:
        flagged = sum(1 for s in report.students if s.flag_words)
        print(f"Read {len(read)} save(s): {len(report.counted)} counted, {flagged} flagged; skipped {len(skipped)}.")
        print("Wrote " + " and ".join(str(path) for path, _ in outputs))
    return status


def _parse_forced(loaded: Any, pairs: list[str]) -> dict[str, int]:
    """`EVENT=OPTION` pairs as event id -> option index; ValueError naming what does not exist."""
    from partnership_game.scenario.diagnostics import did_you_mean

    events = {e.id: e for e in loaded.compiled.events if e.is_decision}
    forced: dict[str, int] = {}
    for pair in pairs:
        event_id, _, option_id = pair.partition("=")
        if event_id not in events:
            raise ValueError(f"--force {pair}: no decision '{event_id}'{did_you_mean(event_id, events)}")
        options = [o.id for o in events[event_id].options]
        if option_id not in options:
            known = ", ".join(options)
            raise ValueError(f"--force {pair}: '{event_id}' has no option '{option_id}' (options: {known})")
        forced[event_id] = options.index(option_id)
    return forced


def cmd_explore(args: argparse.Namespace) -> int:
    import time

    import numpy as np

    from partnership_game.engine import POLICIES, Engine, summarize
    from partnership_game.engine.batch import explore_seeds, play_out
    from partnership_game.engine.policies import forcing
    from partnership_game.explore_sides import every_pair, how_sides_play, parse_sides, sides_policy
    from partnership_game.scenario import ScenarioError

    started = time.perf_counter()
    try:
        loaded = resolve(args.scenario)
        forced = _parse_forced(loaded, args.force)
        temperaments = parse_sides(loaded.compiled, args.side)
        if args.pairs and (args.side or args.per_option):
            raise ValueError("--pairs plays every temperament of both sides: leave out --side and --per-option")
        pairs = every_pair(loaded.compiled) if args.pairs else []
    except ScenarioError as exc:
        print_problems(exc)
        return EXIT_ERROR
    except ValueError as exc:
        print(f"partnership-game explore: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    engine = Engine(loaded.compiled)
    roles = loaded.compiled.sides.roles
    # Sides without a temperament are played by --policy, in their own decisions and their halves of joint ones.
    base = sides_policy(engine, temperaments, args.lookahead, args.policy) if temperaments else POLICIES[args.policy]
    seeds = explore_seeds(args.seed, args.runs)
    show = sys.stderr.isatty() and not args.json

    def run(policy: Any, label: str = "") -> tuple[Any, Any]:
        # Chunks keep memory flat and let a terminal show progress; a game's dice depend only on its own seed.
        chunk = 100_000
        endings, meters = [], []
        for first in range(0, args.runs, chunk):
            state = play_out(engine, engine.start(seeds[first : first + chunk]), policy)
            endings.append(state.ending)
            meters.append(state.meters)
            if show and time.perf_counter() - started > 1.0:
                done = min(first + chunk, args.runs)
                print(f"\r{label}{done:,} of {args.runs:,} games", end="", file=sys.stderr, flush=True)
        return np.concatenate(endings), np.concatenate(meters)

    result: dict[str, Any] = {"runs": args.runs, "policy": args.policy, "seed": args.seed}
    if forced:
        result["forced"] = args.force
    if temperaments or pairs:
        result["sides"] = {roles[r].id: t.id for r, t in temperaments.items()}
        result["sides_play"] = how_sides_play(args.lookahead)
        result["lookahead"] = args.lookahead
    if pairs:
        rows = []
        for pair in pairs:
            policy = sides_policy(engine, dict(enumerate(pair.temperaments)), args.lookahead, args.policy)
            endings, _ = run(forcing(policy, forced) if forced else policy, f"{pair.label}: ")
            counts = np.bincount(endings.astype(np.int64), minlength=len(loaded.compiled.endings))
            rows.append({"sides": {roles[r].id: t.id for r, t in enumerate(pair.temperaments)},
                         "endings": {e.id: int(counts[e.index]) for e in loaded.compiled.endings}})
        result["pairs"] = rows
    elif args.per_option:
        per_event: dict[str, Any] = {}
        for event in loaded.compiled.events:
            if not event.is_decision:
                continue
            per_event[event.id] = {}
            for k, option in enumerate(event.options):
                endings, _ = run(forcing(base, {**forced, event.id: k}), f"{event.id}/{option.id}: ")
                counts = np.bincount(endings.astype(np.int64), minlength=len(loaded.compiled.endings))
                per_event[event.id][option.id] = {
                    e.id: round(int(counts[e.index]) / args.runs, 4) for e in loaded.compiled.endings
                }
        result["options"] = per_event
    else:
        endings, meters = run(forcing(base, forced) if forced else base)
        result.update(summarize(loaded.compiled, endings, meters))
    if show and time.perf_counter() - started > 1.0:
        print(file=sys.stderr)
    result["seconds"] = round(time.perf_counter() - started, 3)
    if args.json:
        print(json.dumps(result, indent=1))
        return EXIT_OK
    played = ", ".join(f"{roles[r].id} {t.id}" for r, t in temperaments.items())
    others = [role.id for role in roles if role.index not in temperaments]
    print(f"{args.runs:,} games of '{loaded.model.id}', seed {args.seed}, "
          + (f"{played}" + (f", {' and '.join(others)} by policy {args.policy}" if others else "") if temperaments
             else "every pair of temperaments" if pairs else f"policy {args.policy}") + ":")
    if temperaments or pairs:
        print(textwrap.fill(f"({how_sides_play(args.lookahead)})", 110, initial_indent="  ",
                            subsequent_indent="   "))
    if pairs:
        _print_pairs(result["pairs"], [e.id for e in loaded.compiled.endings], args.runs)
    elif args.per_option:
        for event_id, options in result["options"].items():
            print(f"  {event_id}")
            for option_id, shares in options.items():
                top = ", ".join(f"{e} {100 * v:.0f}%" for e, v in sorted(shares.items(), key=lambda kv: -kv[1]) if v)
                print(f"    {option_id:26} {top}")
    else:
        for ending_id, count in sorted(result["endings"].items(), key=lambda kv: -kv[1]):
            print(f"  {ending_id:28} {count:>9,}  {100 * count / args.runs:5.1f}%")
        # The spread of each meter at the end, as --json gives it: where most games leave it, not only the ending.
        print(f"  {'meter at the end':28} {'p10':>9}  {'p50':>5}  {'p90':>5}")
        for meter_id, spread in result["meters"].items():
            print(f"  {meter_id:28} {spread['p10']:>9g}  {spread['p50']:>5g}  {spread['p90']:>5g}")
    print(f"in {result['seconds']} s")
    return EXIT_OK


def _print_pairs(rows: list[dict[str, Any]], endings: list[str], runs: int) -> None:
    """The ending table for every pair, as a Markdown table (it goes into docs/balance.md as printed)."""
    roles = list(rows[0]["sides"]) if rows else []
    print("| " + " | ".join(roles + endings + ["endings reached"]) + " |")
    print("|" + "---|" * (len(roles) + len(endings) + 1))
    for row in rows:
        shares = [row["endings"][e] / runs for e in endings]
        cells = [f"{100 * share:.1f} %" if share >= 0.001 else ("<0.1 %" if share else "–") for share in shares]
        reached = sum(1 for e in endings if row["endings"][e])
        print("| " + " | ".join([row["sides"][r] for r in roles] + cells + [str(reached)]) + " |")
