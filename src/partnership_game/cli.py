"""The command line: play, validate, explore, reports. Heavy modules are imported inside each command, so --version
is quick."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from partnership_game import __version__

# Any command that draws (reports draw their charts with pygame) would otherwise print pygame's banner on stdout.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's own exit code 2 is our usage status too
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError("the seed must be a whole number from 0 to 2^63 - 1")
    return value


def _runs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 1 <= value <= 10_000_000:
        raise argparse.ArgumentTypeError("runs must be from 1 to 10,000,000")
    return value


def _player(text: str) -> str:
    from partnership_game.inert import inert_line
    from partnership_game.session import check_player_name  # only when --player is given: --version stays quick

    problem = check_player_name(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(inert_line(problem))
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="partnership-game", description="A New Partnership? Moscow and Washington after 9/11."
    )
    parser.add_argument("--version", action="version", version=f"partnership-game {__version__}")
    parser.add_argument("--class", dest="class_file", type=Path, metavar="FILE",
                        help="open the window with a teacher's class file (scenario, seed, what students see)")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    play = commands.add_parser("play", help="play a campaign")
    play.add_argument("--text", action="store_true", help="play in the terminal (no window, no pygame)")
    play.add_argument("--scenario", metavar="ID_OR_PATH", help="a scenario id or file (default: new_partnership)")
    play.add_argument("--seed", type=_seed, help="fix the dice (default: a fresh seed, printed)")
    play.add_argument("--load", type=Path, metavar="SAVE", help="continue a saved game")
    play.add_argument(
        "--choices", metavar="historical|random|ID,ID,...", help="play to the end without asking"
    )
    play.add_argument("--json", action="store_true", help="with --choices: print the result as JSON")
    play.add_argument("--save", type=Path, metavar="PATH", help="with --choices: write the save file here")
    play.add_argument("--player", type=_player, metavar="NAME", help="the player's name, recorded in saves")
    play.add_argument("--new", action="store_true",
                      help="with --text: start a new game; an unfinished one is kept, not offered")
    play.add_argument("--saves", action="store_true",
                      help="list the saves (scenario, date, turn, ending or unfinished, player) and exit")
    play.add_argument("--verbose", action="store_true",
                      help="with --text: print every turn in full as a transcript, without pages or pauses")
    play.add_argument("--class", dest="play_class", type=Path, metavar="FILE",
                      help="play a teacher's class file: its scenario, seed, start, end, rules, clock and hand in")

    validate = commands.add_parser("validate", help="check scenario files")
    validate.add_argument("paths", nargs="+", metavar="PATH")
    validate.add_argument("--json", action="store_true")

    analyze = commands.add_parser("analyze", help="dry-run a scenario: what never fires, never opens, never ends")
    analyze.add_argument("scenario", metavar="ID_OR_PATH")
    analyze.add_argument("--runs", type=_runs, default=2_000)
    analyze.add_argument("--seed", type=_seed, default=0)
    analyze.add_argument("--json", action="store_true")
    analyze.add_argument("--plans", metavar="FILE",
                         help="a plans file to play besides random and historical play (default: the scenario's own "
                              "NAME.plans.json beside it, if there is one)")

    new_scenario = commands.add_parser("new-scenario", help="write a small, commented scenario into the mods folder")
    new_scenario.add_argument("name", metavar="NAME", help="the new scenario's id: lower case letters, digits and _")

    commands.add_parser("schema", help="print the scenario format's JSON Schema (draft-07)")

    scenarios = commands.add_parser("scenarios", help="list the built-in scenarios and your mods")
    scenarios.add_argument("--json", action="store_true")

    check_class = commands.add_parser("check-class", help="check a teacher's class file")
    check_class.add_argument("paths", nargs="+", metavar="FILE")
    check_class.add_argument("--json", action="store_true")

    report = commands.add_parser("report", help="one game's report from a save: printable HTML, CSV decision log")
    report.add_argument("save", type=Path, metavar="SAVE")
    report.add_argument("--out", type=Path, required=True, metavar="FILE", help="the HTML report to write")
    report.add_argument("--csv", type=Path, metavar="FILE", help="also write the decision log as CSV")
    report.add_argument("--short", action="store_true",
                        help="the short report (two printed pages): the ending and why, the decisions, the meters, "
                             "three sources")

    class_report = commands.add_parser("class-report", help="a whole class's saves in one report")
    class_report.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                              help="save files, or folders whose *.json files are read (not their subfolders)")
    class_report.add_argument("--out", type=Path, required=True, metavar="FILE", help="the HTML report to write")
    class_report.add_argument("--csv", type=Path, metavar="FILE", help="also write one row per student as CSV")
    class_report.add_argument("--class", dest="class_path", type=Path, metavar="FILE",
                              help="the class file: saves with another seed, scenario version, class file or start "
                                   "are flagged")
    class_report.add_argument("--anonymous", action="store_true",
                              help="call the games Group A, B, ... and show no names or file names (for projecting)")

    explore = commands.add_parser("explore", help="play many games at once and count the endings")
    explore.add_argument("scenario", metavar="ID_OR_PATH")
    explore.add_argument("--runs", type=_runs, default=10_000)
    explore.add_argument("--policy", choices=["random", "historical"], default="random")
    explore.add_argument("--seed", type=_seed, default=0)
    explore.add_argument("--force", action="append", default=[], metavar="EVENT=OPTION",
                         help="take this option at this decision wherever it is available (repeatable)")
    explore.add_argument("--per-option", action="store_true",
                         help="for every option of every decision: the endings when that option is taken")
    explore.add_argument("--json", action="store_true")
    return parser


def _resolve(id_or_path: str) -> Any:
    from partnership_game import paths
    from partnership_game.scenario.discovery import resolve

    return resolve(id_or_path, paths.builtin_scenarios_dir(), paths.mods_dir())


def _print_problems(error: Any) -> None:
    for diagnostic in error.diagnostics:
        print(diagnostic.format(), file=sys.stderr)  # format() writes a file's control characters as escapes


def _shown(text: object) -> str:
    """A path or message for one terminal line: a file name or a file's text may hold a terminal escape."""
    from partnership_game.inert import inert_line

    return inert_line(str(text))


def cmd_validate(args: argparse.Namespace) -> int:
    from partnership_game.scenario import ScenarioError, load_path

    results = []
    failed = False
    for name in args.paths:
        try:
            loaded = load_path(Path(name))
            problems = list(loaded.warnings)
            ok = True
        except ScenarioError as exc:
            problems = exc.diagnostics
            ok = False
        failed |= not ok
        results.append({"path": name, "valid": ok, "problems": [p.as_json() for p in problems]})
        if not args.json:
            for problem in problems:
                print(problem.format(), file=sys.stderr if problem.severity == "error" else sys.stdout)
            print(
                f"{_shown(name)}: {'valid' if ok else 'invalid'}"
                + (f" ({len(problems)} warning{'s' * (len(problems) != 1)})" if ok and problems else "")
            )
    if args.json:
        print(json.dumps({"valid": not failed, "files": results}, indent=1))
    return EXIT_ERROR if failed else EXIT_OK


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


def cmd_analyze(args: argparse.Namespace) -> int:
    from partnership_game.engine import POLICIES, Engine
    from partnership_game.engine.analysis import dry_run, report, report_text
    from partnership_game.engine.batch import explore_seeds
    from partnership_game.files import FileProblem, TextProblem
    from partnership_game.plans import PlanError, plan_policy, plans_beside, read_plans
    from partnership_game.scenario import ScenarioError

    try:
        loaded = _resolve(args.scenario)
    except ScenarioError as exc:
        _print_problems(exc)
        return EXIT_ERROR
    policies = {name: POLICIES[name] for name in ("random", "historical")}
    plans_file = Path(args.plans) if args.plans else plans_beside(loaded.path)
    if args.plans or plans_file.is_file():
        try:
            for plan in read_plans(plans_file, loaded.compiled):
                policies.setdefault(plan.name, plan_policy(plan, loaded.compiled))
        except (FileProblem, TextProblem, PlanError) as exc:
            where = f"{plans_file}:{exc.line}:{exc.col}" if isinstance(exc, TextProblem) and exc.line else plans_file
            reason = exc.reason if isinstance(exc, TextProblem) else exc
            print(f"{_shown(where)}: error: {_shown(reason)}", file=sys.stderr)
            return EXIT_ERROR
    engine = Engine(loaded.compiled)
    seeds = explore_seeds(args.seed, args.runs)
    result = report(engine, {name: dry_run(engine, seeds, policy) for name, policy in policies.items()})
    if args.json:
        print(json.dumps(result, indent=1))
        return EXIT_OK
    print(f"Dry run of '{_shown(loaded.model.id)}': {args.runs:,} games under each of {len(policies)} ways of "
          f"playing (seed {args.seed})")
    print(_shown_lines(report_text(result)))
    return EXIT_OK


def _shown_lines(text: str) -> str:
    """Several lines for the terminal, each made inert (ids and plan names come from files)."""
    return "\n".join(_shown(line) for line in text.split("\n"))


def cmd_new_scenario(args: argparse.Namespace) -> int:
    import re

    from partnership_game import paths
    from partnership_game.scenario.schema import schema_text
    from partnership_game.session.saves import write_atomic

    if not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", args.name):
        print(f"partnership-game new-scenario: error: '{args.name}' is not an id: use lower case letters, digits and "
              "'_', starting with a letter (at most 40)", file=sys.stderr)
        return EXIT_USAGE
    target = paths.mods_dir() / f"{args.name}.yaml"
    if target.exists():
        print(f"{target}: error: already exists; choose another name or edit that file", file=sys.stderr)
        return EXIT_ERROR
    template = (paths.assets_dir() / "templates" / "new_scenario.yaml").read_text(encoding="utf-8")
    title = args.name.replace("_", " ").capitalize()
    try:
        write_atomic(paths.mods_dir() / "scenario.schema.json", schema_text().encode("utf-8"))
        write_atomic(target, template.replace("__ID__", args.name).replace("__TITLE__", title).encode("utf-8"))
    except OSError as exc:
        print(f"{target}: error: cannot write: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    print(f"Wrote {target}")
    print(f"Check it with:  partnership-game validate {target}")
    print(f"Play it with:   partnership-game play --text --scenario {args.name}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from partnership_game.scenario.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def cmd_scenarios(args: argparse.Namespace) -> int:
    from partnership_game import paths
    from partnership_game.scenario.discovery import discover

    entries = discover(paths.builtin_scenarios_dir(), paths.mods_dir())
    rows = []
    for entry in entries:
        first = entry.first_error
        rows.append({
            "id": entry.id,
            "title": entry.loaded.model.title if entry.loaded else None,
            "origin": entry.origin,
            "path": str(entry.path),
            "valid": entry.loaded is not None,
            "warnings": len(entry.loaded.warnings) if entry.loaded else 0,
            "first_error": first.format() if first else None,
        })
    if args.json:
        print(json.dumps({"mods_folder": str(paths.mods_dir()), "scenarios": rows}, indent=1))
        return EXIT_OK
    for row in rows:
        if row["valid"]:
            warned = f", {row['warnings']} warning(s)" if row["warnings"] else ""
            print(f"{_shown(row['id']):24} {row['origin']:8} valid{warned}  {_shown(row['title'])}")
        else:
            print(f"{_shown(row['id']):24} {row['origin']:8} BROKEN  {row['first_error']}")
    if not rows:
        print("no scenarios found")
    print(f"(mods folder: {_shown(paths.mods_dir())})")
    return EXIT_OK


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
            print(f"{_shown(name)}: valid: {_shown(described)}" if not problems else f"{_shown(name)}: invalid")
    if args.json:
        print(json.dumps({"valid": not failed, "files": results}, indent=1))
    return EXIT_ERROR if failed else EXIT_OK


def _write_outputs(outputs: list[tuple[Path, bytes]]) -> int:
    """Write each file atomically (everything is made, and every target checked, before the first is written);
    EXIT_ERROR if one cannot be. A target that is a device or a pipe is refused and left as it is."""
    from partnership_game.files import check_target, write_atomic

    path = None
    try:
        for path, _ in outputs:
            check_target(path)
        for path, data in outputs:
            write_atomic(path, data)
    except OSError as exc:
        print(f"{path}: error: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


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
        print(f"{_shown(args.save)}: error: {_shown(exc)}", file=sys.stderr)
        return EXIT_ERROR
    page = short_report_html if args.short else report_html
    outputs = [(args.out, page(read.session, read.save.saved).encode("utf-8"))]
    if args.csv is not None:
        outputs.append((args.csv, report_csv(read.session)))
    status = _write_outputs(outputs)
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
            _print_problems(exc)
            return EXIT_ERROR
    read, skipped = gather(args.paths)
    for item in skipped:
        print(f"{_shown(item.path)}: skipped: {_shown(item.plain)} ({_shown(item.reason)})", file=sys.stderr)
    if not read:
        print("partnership-game class-report: error: no save could be read", file=sys.stderr)
        return EXIT_ERROR
    report = build_class_report(read, skipped, reference, title, anonymous=args.anonymous)
    outputs = [(args.out, class_report_html(report).encode("utf-8"))]
    if args.csv is not None:
        outputs.append((args.csv, class_csv(report)))
    status = _write_outputs(outputs)
    if status == EXIT_OK:
        flagged = sum(1 for s in report.students if s.flag_words)
        print(f"Read {len(read)} save(s): {len(report.counted)} counted, {flagged} flagged; skipped {len(skipped)}.")
        print("Wrote " + " and ".join(str(path) for path, _ in outputs))
    return status


def cmd_explore(args: argparse.Namespace) -> int:
    import time

    import numpy as np

    from partnership_game.engine import POLICIES, Engine, summarize
    from partnership_game.engine.batch import explore_seeds, play_out
    from partnership_game.engine.policies import forcing
    from partnership_game.scenario import ScenarioError

    started = time.perf_counter()
    try:
        loaded = _resolve(args.scenario)
        forced = _parse_forced(loaded, args.force)
    except ScenarioError as exc:
        _print_problems(exc)
        return EXIT_ERROR
    except ValueError as exc:
        print(f"partnership-game explore: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    engine = Engine(loaded.compiled)
    base = POLICIES[args.policy]
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
    if args.per_option:
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
    print(f"{args.runs:,} games of '{loaded.model.id}', policy {args.policy}, seed {args.seed}:")
    if args.per_option:
        for event_id, options in result["options"].items():
            print(f"  {event_id}")
            for option_id, shares in options.items():
                top = ", ".join(f"{e} {100 * v:.0f}%" for e, v in sorted(shares.items(), key=lambda kv: -kv[1]) if v)
                print(f"    {option_id:26} {top}")
    else:
        for ending_id, count in sorted(result["endings"].items(), key=lambda kv: -kv[1]):
            print(f"  {ending_id:28} {count:>9,}  {100 * count / args.runs:5.1f}%")
    print(f"in {result['seconds']} s")
    return EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    if args.play_class is not None:  # a class game: its own checks and set-up, below the window and the terminal
        from partnership_game.text.class_cli import play_class

        return play_class(args)
    if args.saves:  # a listing of the saves folder; nothing is played
        from partnership_game import paths
        from partnership_game.text.layout import terminal_size
        from partnership_game.text.resume import list_saves_text

        if hasattr(sys.stdout, "reconfigure"):  # a player's name the terminal cannot show is shown as '?'
            sys.stdout.reconfigure(errors="replace")
        print(list_saves_text(paths.saves_dir(), terminal_size(sys.stdout is not None and sys.stdout.isatty())[0]))
        return EXIT_OK
    args.scenario_given = args.scenario is not None
    if args.scenario is None:
        args.scenario = "new_partnership"
    from partnership_game import paths
    from partnership_game.scenario import ScenarioError
    from partnership_game.session import SaveError, Session, read_save, write_save
    from partnership_game.text import play
    from partnership_game.text.launch import player_terminal

    if not args.text and args.choices is None:
        from partnership_game.ui.run import run_window

        return run_window(args.scenario if args.scenario_given else None, args.seed, args.load)
    if (args.json or args.save) and args.choices is None:
        print("partnership-game play: error: --json and --save go with --choices", file=sys.stderr)
        return EXIT_USAGE
    if args.load is not None:
        try:
            session = read_save(args.load)
        except SaveError as exc:
            print(f"{_shown(args.load)}: error: {_shown(exc)}", file=sys.stderr)
            return EXIT_ERROR
    else:
        try:
            loaded = _resolve(args.scenario)
        except ScenarioError as exc:
            _print_problems(exc)
            return EXIT_ERROR
        seed = args.seed if args.seed is not None else play.seed_from_entropy()
        session = Session(loaded, seed, player=args.player)
    if args.choices is not None:
        try:
            # Without --json the game is told as it is played: a transcript a teacher can read or print.
            play.scripted(session, args.choices, None if args.json else print)
        except play.ScriptError as exc:
            print(f"partnership-game play: error: {exc}", file=sys.stderr)
            return EXIT_ERROR
        if args.save is not None:
            try:
                write_save(args.save, session)
            except OSError as exc:
                print(f"{args.save}: error: cannot write the save: {exc.strerror or exc}", file=sys.stderr)
                return EXIT_ERROR
        if args.json:
            print(json.dumps(play.result_json(session), indent=1))
        return EXIT_OK

    from partnership_game.session.autosaves import autosave_for
    from partnership_game.text.layout import terminal_size
    from partnership_game.text.resume import choose_autosave
    from partnership_game.text.terminal import Stopped, stop_signals_wait_for_prompt

    terminal, screen = player_terminal(args.verbose)
    width = screen.width
    saves = paths.saves_dir()
    with stop_signals_wait_for_prompt():
        if args.load is not None:
            autosave = autosave_for(saves, session.scenario.model.id, args.load)
        else:
            # An unfinished game of this scenario is offered before a new one starts; a chosen seed asks for a new
            # game with those dice, so it skips the question, as --new does.
            try:
                autosave, resume = choose_autosave(terminal, saves, session.scenario.model.id,
                                                   new=args.new or args.seed is not None, width=width)
            except KeyboardInterrupt:
                return 130
            except Stopped as stop:
                return 128 + stop.signum
            if resume is not None:
                try:
                    session = read_save(resume)
                except SaveError as exc:
                    print(f"{_shown(resume)}: error: {_shown(exc)}", file=sys.stderr)
                    return EXIT_ERROR
        terminal.say(f"Seed {session.seed} (play again with --seed {session.seed} for the same dice).")
        return play.interactive(session, terminal, saves, autosave, screen)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from partnership_game.ui.run import run_window

        return run_window(classroom=args.class_file)
    if args.class_file is not None:
        if args.command != "play":
            print(f"partnership-game: error: --class FILE opens a class's game; it does not apply to "
                  f"'{args.command}' (class-report takes its own --class)", file=sys.stderr)
            return EXIT_USAGE
        if args.play_class is not None and args.play_class != args.class_file:
            print("partnership-game: error: two different class files given", file=sys.stderr)
            return EXIT_USAGE
        args.play_class = args.class_file
    handlers = {"play": cmd_play, "validate": cmd_validate, "explore": cmd_explore, "check-class": cmd_check_class,
                "schema": cmd_schema, "scenarios": cmd_scenarios, "analyze": cmd_analyze,
                "new-scenario": cmd_new_scenario, "report": cmd_report, "class-report": cmd_class_report}
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
