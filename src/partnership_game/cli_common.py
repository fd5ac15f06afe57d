"""What the command line's commands share: exit statuses, one-line output made inert, resolving a scenario, writing
outputs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


def resolve(id_or_path: str) -> Any:
    from partnership_game import paths
    from partnership_game.scenario.discovery import resolve

    return resolve(id_or_path, paths.builtin_scenarios_dir(), paths.mods_dir())


def print_problems(error: Any) -> None:
    for diagnostic in error.diagnostics:
        print(diagnostic.format(), file=sys.stderr)  # format() writes a file's control characters as escapes


def shown(text: object) -> str:
    """A path or message for one terminal line: a file name or a file's text may hold a terminal escape."""
    from partnership_game.inert import inert_line

    return inert_line(str(text))


def shown_lines(text: str) -> str:
    """Several lines for the terminal, each made inert (ids and plan names come from files)."""
    return "\n".join(shown(line) for line in text.split("\n"))


def write_outputs(outputs: list[tuple[Path, bytes]]) -> int:
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
