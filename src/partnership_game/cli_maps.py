"""The map commands: `regions` (the base map's states on a date, as a region names them) and `map` (a scenario's
map drawn to a PNG by the window's own code, no window opened)."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from partnership_game.cli_common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, print_problems, resolve, shown, write_outputs

DEFAULT_SIZE = (1280, 720)
MIN_SIZE, MAX_SIZE = (320, 180), (7680, 4320)


def cmd_regions(args: argparse.Namespace) -> int:
    from partnership_game.geo.basemap import base_map, iso_day
    from partnership_game.geo.states_on import drawn_day, states_on
    from partnership_game.geo.view import ViewError

    try:
        base = base_map()
        day = iso_day(args.date)
    except ValueError as exc:  # MapAssetError (already `path: error: ...`) or a date not written YYYY-MM-DD
        prefix = "" if not isinstance(exc, ViewError) else "partnership-game regions: error: "
        print(f"{prefix}{shown(exc)}", file=sys.stderr)
        return EXIT_ERROR if not isinstance(exc, ViewError) else EXIT_USAGE
    drawn = drawn_day(base, day)
    states = states_on(base, day, args.search or "")
    if args.json:
        print(json.dumps({"date": args.date and day, "borders_of": args.date and drawn, "states": [
            {"code": s.code, "name": s.name, "also": list(s.also), "made_of": s.made_of} for s in states]}, indent=1))
        return EXIT_OK
    from partnership_game.text.layout import terminal_size, wrap

    width = terminal_size(sys.stdout is not None and sys.stdout.isatty())[0]
    print("\n".join(line for part in _heading(args.date is None, day, drawn, len(states), args.search).split("\n")
                     for line in wrap(part, width)))
    for state in states:
        also = f"; also {', '.join(state.also)}" if state.also else ""
        made = f" [{state.made_of}]" if state.made_of else ""
        print("\n".join(wrap(shown(f"{state.code:<4} {state.name}{also}{made}"), width, "  ", "      ")))
    return EXIT_OK if states or not args.search else EXIT_ERROR


def _heading(today: bool, day: str, drawn: str, count: int, search: str | None) -> str:
    when = "today" if today else f"on {day}"
    matching = f" whose code, names or today's countries contain '{search}'" if search else ""
    if search and not count:
        return shown(f"No state drawn {when} has a code, name or today's country containing '{search}'.")
    lines = [f"States the base map draws {when}: {count}{matching}."]
    if drawn != day:
        lines.append(f"It knows no borders before {drawn} and draws those of that day (validate warns W009).")
    lines.append("A region's 'countries' may name each by its code, its name or another name. In brackets: what "
                 "of today's map a state covers, where it is not one of today's countries.")
    return "\n".join(shown(line) for line in lines)


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*", text)
    if match is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size written WIDTHxHEIGHT (1280x720)")
    size = (int(match[1]), int(match[2]))
    if not all(low <= n <= high for n, low, high in zip(size, MIN_SIZE, MAX_SIZE, strict=True)):
        raise argparse.ArgumentTypeError(f"the size must be from {MIN_SIZE[0]}x{MIN_SIZE[1]} to "
                                         f"{MAX_SIZE[0]}x{MAX_SIZE[1]}")
    return size


def cmd_map(args: argparse.Namespace) -> int:
    from partnership_game.scenario import ScenarioError

    if args.out.suffix.lower() != ".png":
        print(f"{shown(args.out)}: error: the map is a PNG picture: give --out a name ending in .png",
              file=sys.stderr)
        return EXIT_ERROR
    scenario = _in_folder(args.scenario)
    if scenario is None:
        return EXIT_ERROR
    try:
        loaded = resolve(scenario)
    except ScenarioError as exc:
        print_problems(exc)
        return EXIT_ERROR
    turns = [turn.id for turn in loaded.model.turns]
    if args.turn is not None and args.turn not in turns:
        from partnership_game.scenario.diagnostics import did_you_mean

        print(f"partnership-game map: error: '{shown(args.turn)}' is not a turn of "
              f"'{shown(loaded.model.id)}'{shown(did_you_mean(args.turn, turns))} (turns: {shown(', '.join(turns))})",
              file=sys.stderr)
        return EXIT_USAGE
    # Before pygame is first imported: the picture is drawn off screen, as the reports draw their charts.
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from partnership_game.ui.map_picture import map_png

    try:
        png, said = map_png(loaded, turns.index(args.turn) if args.turn else 0, args.size)
    except ValueError as exc:  # the base map's asset is missing or damaged: `path: error: ...`
        print(shown(exc), file=sys.stderr)
        return EXIT_ERROR
    status = write_outputs([(args.out, png)])
    if status == EXIT_OK:
        print(shown(f"Wrote {args.out} ({args.size[0]}x{args.size[1]}): {said}"))
    return status


def _in_folder(given: str) -> str | None:
    """A folder mod's one scenario file (the folder named as validate takes it), else what was given; None, with the
    message printed, for a folder that holds none or several."""
    from partnership_game.scenario.discovery import SCENARIO_SUFFIXES

    folder = Path(given)
    if ("/" not in given and "\\" not in given) or not folder.is_dir():
        return given  # a bare word is an id, as `play --scenario` takes it
    files = sorted(p.name for p in folder.iterdir() if p.suffix in SCENARIO_SUFFIXES and p.is_file())
    if len(files) == 1:
        return str(folder / files[0])
    which = f"holds {len(files)} ({', '.join(files[:6])}): name one" if files else "holds no scenario file"
    print(shown(f"{given}: error: the folder {which}"), file=sys.stderr)
    return None


def add_map_parsers(commands: argparse._SubParsersAction[Any]) -> None:
    """The two commands' arguments (cli.build_parser calls this)."""
    regions = commands.add_parser("regions", help="list the base map's states on a date: the codes and names a "
                                                  "map region's 'countries' may use")
    regions.add_argument("--date", metavar="YYYY-MM-DD", help="the day whose borders to list (default: today's map)")
    regions.add_argument("--search", metavar="TEXT", help="only states whose code, names or today's countries "
                                                          "contain TEXT (any case)")
    regions.add_argument("--json", action="store_true")
    picture = commands.add_parser("map", help="draw a scenario's map to a PNG, as the window draws it")
    picture.add_argument("scenario", metavar="ID_OR_PATH")
    picture.add_argument("--out", type=Path, required=True, metavar="FILE.png", help="the picture to write")
    picture.add_argument("--turn", metavar="TURN_ID", help="the features as they stand at the start of this turn "
                                                           "on the historical road (default: the first turn)")
    picture.add_argument("--size", type=_size, default=DEFAULT_SIZE, metavar="WxH",
                         help=f"the picture's size in pixels (default {DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]})")


MAP_HANDLERS = {"regions": cmd_regions, "map": cmd_map}
