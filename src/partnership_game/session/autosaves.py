"""Per-game autosaves: each game writes its own file, named when it starts; the newest are kept, the oldest pruned."""

from __future__ import annotations

import datetime
import os
import re
import stat
from contextlib import suppress
from pathlib import Path

from partnership_game.session.saves import (
    SaveError,
    SaveSummary,
    parse_save,
    read_save_bytes,
    session_from_save,
    summary_of,
)

PREFIX = "autosave-"
KEEP = 20  # autosaves kept in the saves folder; the oldest beyond this go when a new game starts
# `autosave-<scenario>-<YYYYmmdd-HHMMSS>[-k].json`; the bare `autosave-<scenario>.json` is the single autosave
# the game wrote before each game had its own, still offered and listed. Scenario ids hold no '-', so this is
# unambiguous.
_NAME = re.compile(r"autosave-(?P<scenario>[a-z][a-z0-9_]{0,39})(?:-(?P<stamp>\d{8}-\d{6})(?:-(?P<k>\d{1,4}))?)?"
                   r"\.json\Z")
MAX_SAME_SECOND = 9999


def is_autosave(path: Path) -> bool:
    return _NAME.match(path.name) is not None


def new_autosave_path(folder: Path, scenario_id: str, now: datetime.datetime | None = None) -> Path:
    """A fresh autosave name for a game starting `now` (local time), never one that exists already."""
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    base = f"{PREFIX}{scenario_id}-{stamp}"
    candidate = folder / f"{base}.json"
    k = 2
    # lexists: a dangling link or a folder of that name is taken too (writing there would fail or go elsewhere).
    while os.path.lexists(candidate):
        if k > MAX_SAME_SECOND:
            raise OSError(f"{folder}: more than {MAX_SAME_SECOND:,} games started in one second")
        candidate = folder / f"{base}-{k}.json"
        k += 1
    return candidate


def _order(path: Path) -> tuple[str, int]:
    """Within one modified time, the later game first: the later stamp, then the higher -k."""
    match = _NAME.match(path.name)
    assert match is not None
    return match.group("stamp") or "", int(match.group("k") or 1)


def _regular_autosaves(folder: Path) -> list[tuple[float, tuple[str, int], Path]]:
    """(modified time, name, path) of every autosave file, newest first; links, folders and devices are skipped
    (never read here, never pruned)."""
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:  # no folder yet, or one that cannot be read: no autosaves to offer or prune
        return []
    for path in entries:
        if not is_autosave(path):
            continue
        try:
            info = path.lstat()
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            found.append((info.st_mtime, _order(path), path))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return found


def autosave_paths(folder: Path) -> list[Path]:
    """Every autosave in the folder, the most recently written first."""
    return [path for _, _, path in _regular_autosaves(folder)]


def summaries(folder: Path) -> list[SaveSummary]:
    """The autosaves' headers, most recently written first; a damaged one is listed with its reason."""
    result = []
    for path in autosave_paths(folder):
        try:
            result.append(summary_of(path, parse_save(read_save_bytes(path))))
        except (SaveError, OSError) as exc:
            result.append(SaveSummary(path, "", "", "", 0, None, "", str(exc)))
    return result


def _finished(summary: SaveSummary) -> bool:
    """Whether the game is over; an autosave written before the header said is replayed to find out."""
    if summary.finished is not None:
        return summary.finished
    try:
        return session_from_save(parse_save(read_save_bytes(summary.path)), str(summary.path)).over
    except (SaveError, OSError):
        return True  # it cannot be continued, so it is not offered


def unfinished(folder: Path, scenario_id: str) -> list[SaveSummary]:
    """The autosaves of this scenario's games that are not over, most recently played first."""
    return [
        s for s in summaries(folder) if s.error is None and s.scenario_id == scenario_id and not _finished(s)
    ]


def latest_autosave(folder: Path, scenario_id: str | None = None) -> Path | None:
    """The most recently written readable autosave (of this scenario, if given), finished or not; None if none."""
    for summary in summaries(folder):
        if summary.error is None and scenario_id in (None, summary.scenario_id):
            return summary.path
    return None


def prune(folder: Path, keep: int = KEEP) -> list[Path]:
    """Remove the oldest autosaves beyond the newest `keep`; returns those removed. Only autosave files are
    touched (never named saves, links or folders); one that cannot be removed is left, not an error."""
    removed = []
    for _, _, path in _regular_autosaves(folder)[max(keep, 0):]:
        with suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def autosave_for(folder: Path, scenario_id: str, loaded: Path | None = None,
                 now: datetime.datetime | None = None) -> Path:
    """Where a game's autosave goes: the file it was loaded from when that is an autosave in `folder` (the game
    goes on in its own file); otherwise a new name, after pruning the oldest so that, with it, `KEEP` remain.
    A game loaded from a named save autosaves beside it, never over it."""
    if loaded is not None and is_autosave(loaded) and _same_folder(loaded.parent, folder):
        return loaded
    prune(folder, KEEP - 1)
    return new_autosave_path(folder, scenario_id, now)


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
