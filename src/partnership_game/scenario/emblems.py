"""Advisors' emblems in the format: the built-in names the game draws, a mod's own image files, and their checks."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from partnership_game.scenario.diagnostics import did_you_mean
from partnership_game.scenario.event_models import IMAGE_PATH_PATTERN, IMAGE_SUFFIX_PATTERN

# Drawn by the window's own code (ui/widgets/emblem_shapes.py): simple geometric marks of an office, no insignia.
BUILTIN_EMBLEMS = (
    "ministry_of_defence", "general_staff", "foreign_ministry", "security_services", "duma", "economy",
    "civil_society", "kremlin", "white_house", "state_department", "pentagon", "congress",
    "star", "eagle", "shield", "book", "scales", "globe",
)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_EMBLEM_CHARS = 300

# The JSON Schema of an emblem chooses as the checks below do (a name with an extension is a file), so a client says
# either "not one of" the names (completed by editors) or what is wrong with the file name.
EMBLEM_SCHEMA: dict[str, Any] = {
    "type": "string", "minLength": 1, "maxLength": MAX_EMBLEM_CHARS,
    "if": {"pattern": r"[^/]\.[^/.]+$"},
    "then": {"allOf": [{"pattern": IMAGE_SUFFIX_PATTERN}, {"pattern": IMAGE_PATH_PATTERN}]},
    "else": {"enum": list(BUILTIN_EMBLEMS)},
}


def names_a_file(value: str) -> bool:
    """An emblem with an extension ('faces/minister.png') names a file of the mod; one without names a built-in."""
    return PurePosixPath(value).suffix != ""


class Reporter(Protocol):
    """What the emblem check needs of the scenario checker."""

    def report(self, path: tuple[str | int, ...], message: str, severity: str = "error", code: str = "",
               offset: int | None = None) -> None: ...


def check_emblems(checker: Reporter, advisors: Any) -> None:
    """Every emblem without an extension must be one of the built-in names (files are checked where the folder is
    known: the loader)."""
    for i, advisor in enumerate(advisors):
        emblem = advisor.emblem
        if emblem is None or names_a_file(emblem):
            continue
        if emblem not in BUILTIN_EMBLEMS:
            hint = did_you_mean(emblem, BUILTIN_EMBLEMS)
            checker.report(("advisors", i, "emblem"),
                           f"'{emblem}' is not a built-in emblem{hint}; use one of {', '.join(BUILTIN_EMBLEMS)}, "
                           f"or an image file ({', '.join(IMAGE_SUFFIXES)}) in the scenario's folder")


def emblem_files(advisors: Any, folder: Path) -> tuple[dict[str, Path], list[tuple[tuple[str | int, ...], str]]]:
    """Each advisor's image file, checked like an event's image (inside the folder, allow-listed, size-capped),
    by advisor id; and every refusal with the place it was written."""
    from partnership_game.scenario.assets import AssetProblem, check_asset

    files: dict[str, Path] = {}
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for i, advisor in enumerate(advisors):
        emblem = advisor.emblem
        if emblem is None or not names_a_file(emblem):
            continue
        try:
            files[advisor.id] = check_asset(folder, emblem)
        except AssetProblem as exc:
            problems.append((("advisors", i, "emblem"), f"emblem image '{emblem}' {exc}"))
    return files, problems
