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

from partnership_game.cli_common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, print_problems, resolve, shown
from partnership_game.cli_graph import add_graph_parser, cmd_graph
from partnership_game.cli_maps import MAP_HANDLERS, add_map_parsers
from partnership_game.cli_migrate import add_migrate_parser, cmd_migrate
from partnership_game.cli_modding import cmd_analyze, cmd_new_scenario, cmd_scenarios, cmd_schema, cmd_validate
from partnership_game.cli_reports import cmd_check_class, cmd_class_report, cmd_explore, cmd_report
from partnership_game.explore_sides import lookahead_count


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
    # Two sides (issue 16): checked against the scenario's roles and temperaments once it is loaded.
    play.add_argument("--side", metavar="ROLE", help="with --text: play this side (e.g. washington); the other "
                      "sides are played by a counterpart")
    play.add_argument("--temperament", metavar="NAME", help="with --side: the counterpart's temperament "
                      "(default: historical)")
    play.add_argument("--hotseat", action="store_true", help="with --text: every side played by a person at this "
                      "keyboard, handing it over between sealed choices")
    play.add_argument("--class", dest="play_class", type=Path, metavar="FILE",
                      help="play a teacher's class file: its scenario, seed, start, end, rules, clock and hand in")

    validate = commands.add_parser("validate", help="check scenario files (a folder: every scenario in it and in its "
                                                    "subfolders)")
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
    new_scenario.add_argument("--folder", action="store_true",
                              help="make a folder mod: mods/NAME/NAME.yaml and images/")

    commands.add_parser("schema", help="print the scenario format's JSON Schema (draft-07)")
    add_migrate_parser(commands)

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
    # Sides played by counterparts' temperaments (issue 16, cli_reports.py / explore_sides.py).
    explore.add_argument("--side", action="append", default=[], metavar="ROLE=TEMPERAMENT",
                         help="play this side by that temperament (repeatable; the sides without one "
                              "follow --policy)")
    explore.add_argument("--pairs", action="store_true",
                         help="the endings for every pair of temperaments of a two-sided scenario (a Markdown table)")
    explore.add_argument("--lookahead", type=lookahead_count, default=None, metavar="K",
                         help="sides with a temperament rate each option by K futures per game, as the counterpart "
                              "does in play (slower); without it they look one step ahead")
    explore.add_argument("--json", action="store_true")

    add_graph_parser(commands, _runs, _seed)
    add_map_parsers(commands)  # regions, map (cli_maps.py)
    return parser


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
    sides_wanted = args.side is not None or args.hotseat or args.temperament is not None
    if sides_wanted:
        from partnership_game.text.sides_cli import check_side_flags

        problem = check_side_flags(args)
        if problem is not None:
            print(f"partnership-game play: error: {problem}", file=sys.stderr)
            return EXIT_USAGE
    if (args.json or args.save) and args.choices is None:
        print("partnership-game play: error: --json and --save go with --choices", file=sys.stderr)
        return EXIT_USAGE
    if args.load is not None:
        try:
            session = read_save(args.load)
        except SaveError as exc:
            print(f"{shown(args.load)}: error: {shown(exc)}", file=sys.stderr)
            return EXIT_ERROR
    else:
        try:
            loaded = resolve(args.scenario)
        except ScenarioError as exc:
            print_problems(exc)
            return EXIT_ERROR
        seed = args.seed if args.seed is not None else play.seed_from_entropy()
        session = Session(loaded, seed, player=args.player)
        if sides_wanted:
            from partnership_game.text.sides_cli import sides_play

            try:
                sides_play(session, args)
            except ValueError as exc:  # a side or temperament the scenario does not have: named, with what it has
                print(f"partnership-game play: error: {shown(exc)}", file=sys.stderr)
                return EXIT_USAGE
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
                    print(f"{shown(resume)}: error: {shown(exc)}", file=sys.stderr)
                    return EXIT_ERROR
        terminal.say(f"Seed {session.seed} (play again with --seed {session.seed} for the same dice).")
        if session.seating is not None or sides_wanted:
            from partnership_game.text.sides_cli import sides_play
            from partnership_game.text.sides_game import play_sides

            return play_sides(sides_play(session, args), terminal, saves, autosave, screen)
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
                "new-scenario": cmd_new_scenario, "report": cmd_report, "class-report": cmd_class_report,
                "graph": cmd_graph}
    handlers["migrate"] = cmd_migrate
    handlers.update(MAP_HANDLERS)
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
