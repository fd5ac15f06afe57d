"""The editor's `# yaml-language-server: $schema=...` line: a warning (W015) when it points at no file from where the
scenario sits (a file moved into a folder mod keeps a line that no longer resolves), with the line that would."""

from __future__ import annotations

import os
import re
from pathlib import Path

from partnership_game.scenario.diagnostics import Diagnostic

W_SCHEMA_LINE = "W015"
_MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")
_HEAD_LINES = 5  # editors read the modeline among the first comments


def schema_line_problem(text: str, path: Path, mods: Path) -> Diagnostic | None:
    """A warning if the file's `$schema` target is a relative path that does not exist from its folder."""
    for number, line in enumerate(text.lstrip("\ufeff").splitlines()[:_HEAD_LINES], start=1):
        match = _MODELINE.search(line)
        if match is None:
            continue
        target = match.group(1)
        if "://" in target or (path.parent / target).is_file():
            return None
        advice = ""
        schema = mods / "scenario.schema.json"
        if schema.is_file() and path.resolve().is_relative_to(mods.resolve()):
            relative = Path(os.path.relpath(schema.resolve(), path.parent.resolve())).as_posix()
            advice = f"; from here it is $schema={relative}"
        return Diagnostic(number, match.start(1) + 1,
                          f"the $schema line points at '{target}', which is not there from this file's folder, so "
                          f"editors cannot check or complete the file{advice}", "warning", str(path), W_SCHEMA_LINE)
    return None
