"""`play --class FILE`: a class's game in the terminal (or the window), with options that cannot apply refused."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from partnership_game.inert import inert_line

if TYPE_CHECKING:
    from partnership_game.session import Session
    from partnership_game.session.sides_play import SidesPlay

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
    problem = _side_flags_problem(args, lesson)
    if problem is not None:
        return _error(problem)
    if not args.text and args.choices is None:
        from partnership_game.ui.run import run_window

        return run_window(classroom=args.play_class)
    if (args.json or args.save) and args.choices is None:
        return _error("--json and --save go with --choices")
    if args.choices is not None:
        return _scripted(args, lesson)
    return _interactive(args, lesson)


def _side_flags_problem(args: argparse.Namespace, lesson: object) -> str | None:
    """Why `--side`, `--temperament` or `--hotseat` cannot go with this class (None: they can, or none is given):
    a class that seats the sides decides them; otherwise they pick the student's side, as without a class."""
    from partnership_game.classroom.lesson import Lesson

    assert isinstance(lesson, Lesson)
    from partnership_game.text.sides_cli import check_side_flags

    flags = ("side", "temperament", "hotseat")
    given = [f"--{flag}" for flag in flags if getattr(args, flag, None) not in (None, False)]
    if not given:
        return None
    if lesson.seats is not None:
        return f"--class cannot go with {given[0]}: the class file seats the sides"
    if args.temperament is not None and lesson.model.temperament is not None:
        return "--class cannot go with --temperament: the class file names the counterpart's temperament"
    return check_side_flags(args)


def _seated(session: Session, args: argparse.Namespace, player: str | None) -> SidesPlay | None:
    """The class game's sides: a resumed game's own, the class file's, the student's flags, or None (one side)."""
    from partnership_game.classroom.start import class_seating
    from partnership_game.session.seating import DEFAULT_TEMPERAMENT, hotseat, solo
    from partnership_game.session.sides_play import SidesPlay

    sides = session.compiled.sides
    seating = session.seating or class_seating(session, player)
    if seating is None and args.hotseat:
        seating = hotseat(sides)
    elif seating is None and args.side is not None:
        room = session.classroom
        fixed = room.lesson.temperament_for(args.side) if room is not None else None
        seating = solo(sides, args.side, fixed or args.temperament or DEFAULT_TEMPERAMENT, name=player)
    return SidesPlay(session, seating) if seating is not None else None


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
        try:
            seated = _seated(session, args, session.player)
        except ValueError as exc:  # a side or temperament the scenario does not have: named, with what it has
            return _error(str(exc))
        if seated is not None:
            from partnership_game.text.sides_game import play_sides

            return play_sides(seated, terminal, saves, autosave, screen)
        return play.interactive(session, terminal, saves, autosave, screen)
