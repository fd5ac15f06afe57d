"""Problems found in a scenario file, each with a position, and the error that carries them."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from partnership_game.inert import inert_line


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place: printed as `path:line:col: severity: message`, or `path: severity: message`
    when it has no place in a file (line 0: a scenario id that names nothing, a file broken as a whole)."""

    line: int
    col: int
    message: str = field(compare=False)
    severity: str = field(default="error", compare=False)
    path: str = field(default="<scenario>", compare=False)
    code: str = field(default="", compare=False)

    def format(self) -> str:
        """One line for a terminal: the path and message echo a file's keys, ids and names, so control characters
        in them are written as escapes (`\\x1b`), never obeyed. `as_json` keeps them raw: JSON escapes them."""
        code = f" [{self.code}]" if self.code else ""
        where = f"{inert_line(self.path)}:{self.line}:{self.col}" if self.line else inert_line(self.path)
        return f"{where}: {self.severity}: {inert_line(self.message)}{code}"

    def as_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


class ScenarioError(Exception):
    """Raised with every problem a file has; the loader raises nothing else."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """A hint naming the closest candidate, or an empty string."""
    return _hint(name, tuple(candidates))


@functools.lru_cache(maxsize=4096)
def _hint(name: str, candidates: tuple[str, ...]) -> str:
    # Cached, and narrowed to names of about the same length first: a hostile file with thousands of unknown
    # names among thousands of declared ones must not cost a similarity test for every pair.
    if len(candidates) > 200:
        candidates = tuple(c for c in candidates if abs(len(c) - len(name)) <= 3 and c[:1] == name[:1])
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
