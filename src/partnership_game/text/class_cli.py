"""`play --class FILE`: a class's game in the terminal (or the window), with options that cannot apply refused."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from partnership_game.inert import inert_line

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

# Options of `play` that a class file decides itself, or that make no game to apply it to.
_REFUSED = {
    "scenario": "the class file names the scenario",
    "seed": "the class file fixes the seed (the same dice for every student)",
    "load": "a save keeps its own class: give --load without --class and its rules come back with it",
    "saves": "--saves lists the saves and plays nothing",
}


def _error(message: str, status: int = EXIT_USAGE) -> int:
    print(f"partnership-game play: error: {inert_line(message)}", file=sys.stderr)
    return status


def play_class(args: argparse.Namespace) -> int:
    """Play the lesson a class file describes; every option that cannot apply with it is an error, never ignored."""
    for option, why in _REFUSED.items():
        if getattr(args, option, None) not in (None, False):
            return _error(f"--class cannot go with --{option}: {why}")
    from partnership_game.classroom.classfile import load_class_file
    from partnership_game.classroom.lesson import resolve_class
    from partnership_game.scenario import ScenarioError

    try:
        lesson = resolve_class(load_class_file(args.play_class))
    except ScenarioError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return EXIT_ERROR
    if not args.text and args.choices is None:
        from partnership_game.ui.run import run_window

        return run_window(classroom=args.play_class)
    if (args.json or args.save) and args.choices is None:
        return _error("--json and --save go with --choices")
    if args.choices is not None:
        return _scripted(args, lesson)
    return _interactive(args, lesson)


def _scripted(args: argparse.Namespace, lesson: object) -> int:
    """`--choices` in a class: history up to its start, the listed choices, and a stop at its end."""
    import json

    from partnership_game.classroom.start import start_class_game
    from partnership_game.session import write_save
    from partnership_game.text import play

    session = start_class_game(lesson, player=args.player)  # type: ignore[arg-type]
    try:
        play.scripted(session, args.choices, None if args.json else print)
    except play.ScriptError as exc:
        return _error(str(exc), EXIT_ERROR)
    if args.save is not None:
        try:
            write_save(args.save, session)
        except OSError as exc:
            return _error(f"{args.save}: cannot write the save: {exc.strerror or exc}", EXIT_ERROR)
    if args.json:
        print(json.dumps(play.result_json(session), indent=1))
    return EXIT_OK


def _unfinished_class_game(folder: Path, scenario_id: str, class_hash: str, turn_ids: list[str]) -> Path | None:
    """The newest autosave of a game of this very class file that has not reached the lesson's end, if any."""
    from partnership_game.session.autosaves import unfinished
    from partnership_game.session.saves import SaveError, parse_save, read_save_bytes

    for summary in unfinished(folder, scenario_id):
        try:
            save = parse_save(read_save_bytes(summary.path))
        except (SaveError, OSError):
            continue
        room = save.classroom
        if room is None or room.hash != class_hash or room.end not in turn_ids:
            continue
        if save.turn - 1 <= turn_ids.index(room.end):  # the header's turn is 1-based; past the end, it is done
            return summary.path
    return None


def _interactive(args: argparse.Namespace, lesson: object) -> int:
    from partnership_game import paths
    from partnership_game.classroom.lesson import Lesson
    from partnership_game.classroom.start import start_class_game
    from partnership_game.session import SaveError, read_save
    from partnership_game.session.autosaves import autosave_for
    from partnership_game.text import play
    from partnership_game.text.class_mode import ask_name
    from partnership_game.text.launch import player_terminal
    from partnership_game.text.layout import fit
    from partnership_game.text.terminal import Stopped, stop_signals_wait_for_prompt

    assert isinstance(lesson, Lesson)
    terminal, screen = player_terminal(args.verbose)
    width = screen.width
    saves = paths.saves_dir()
    scenario_id = lesson.scenario.model.id
    with stop_signals_wait_for_prompt():
        turn_ids = [t.id for t in lesson.scenario.model.turns]
        resume = None if args.new else _unfinished_class_game(saves, scenario_id, lesson.loaded.hash, turn_ids)
        if resume is not None:
            try:
                session = read_save(resume)
            except SaveError as exc:
                return _error(f"{resume}: {exc}", EXIT_ERROR)
            terminal.say(f"Continuing your class game from {resume} (--new starts again).")
            autosave = autosave_for(saves, scenario_id, resume)
            if session.classroom is not None:
                session.classroom.clock.start()
        else:
            player = args.player
            try:
                if player is None and lesson.loaded.model.ask_name:
                    player = ask_name(terminal)
            except KeyboardInterrupt:
                return 130
            except Stopped as stop:
                return 128 + stop.signum
            if player is None and lesson.loaded.model.ask_name:
                return EXIT_OK  # input ended before a name: nothing was played, nothing to keep
            session = start_class_game(lesson, player=player)
            autosave = autosave_for(saves, scenario_id)
        terminal.say(fit(inert_line(f"Class: {lesson.describe()}"), width))
        return play.interactive(session, terminal, saves, autosave, screen)
