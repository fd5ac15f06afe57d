"""Reading a class's saves: files and folders in, each save read or skipped with its reason, never a stop."""

from __future__ import annotations

import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from partnership_game.report.reasons import plain
from partnership_game.session import SaveError, Session
from partnership_game.session.saves import SaveFile, parse_save, read_save_bytes, session_from_save

MAX_SAVES = 2_000  # a few classes' worth; each save is replayed, so a stray huge folder cannot run for hours


@dataclass(frozen=True)
class ReadSave:
    path: Path
    save: SaveFile
    session: Session


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str  # as the game words it (technical, for the terminal and a bug report)

    @property
    def plain(self) -> str:
        """The reason in a teacher's words, with what to do about it."""
        data = None
        if self.reason.startswith("the save is not valid JSON"):
            try:
                data = read_save_bytes(self.path)
            except SaveError:
                data = None
        return plain(self.reason, data)


def _not_regular(path: Path) -> str | None:
    """Why a path (links followed) cannot be a save without opening it, or None; opening a pipe would wait."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "no such file or folder"
    except (OSError, ValueError) as exc:  # ValueError: a name the system cannot hold
        return f"cannot read: {getattr(exc, 'strerror', None) or 'not a name this system can open'}"
    if stat.S_ISREG(mode):
        return None
    kind = "a pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"is not a regular file ({kind})"


def save_files(paths: Sequence[Path]) -> tuple[list[Path], list[Skipped]]:
    """A file stands for itself; a folder for its *.json files (not its subfolders, not hidden files such as the
    `._name.json` copies some systems leave on USB sticks), in name order. Each file once. A pipe or device, named
    or in a folder, is skipped with its reason and never opened."""
    files: list[Path] = []
    missing: list[Skipped] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for path in paths:
        if path.is_dir():
            try:
                found = sorted(p for p in path.iterdir()
                               if p.suffix.lower() == ".json" and not p.name.startswith(".") and not p.is_dir())
            except OSError as exc:
                missing.append(Skipped(path, f"cannot read the folder: {exc.strerror}"))
                continue
            for file in found:
                problem = _not_regular(file)
                if problem is None:
                    add(file)
                else:
                    missing.append(Skipped(file, problem))
        else:
            problem = _not_regular(path)
            if problem is None:
                add(path)
            else:
                missing.append(Skipped(path, problem))
    return files, missing


def read_save_file(path: Path) -> ReadSave:
    """A save and the session it replays to; SaveError (in plain words) for a missing, damaged or altered file."""
    save = parse_save(read_save_bytes(path))
    return ReadSave(path, save, session_from_save(save, str(path)))


def read_one(path: Path) -> ReadSave | Skipped:
    """A save read, or why not. Nothing a file holds stops a class report."""
    try:
        return read_save_file(path)
    except SaveError as exc:
        return Skipped(path, str(exc))
    except Exception as exc:  # a bug must not cost the teacher the other saves; the reason names it
        return Skipped(path, f"could not be read ({type(exc).__name__}: {exc})")


def would_overwrite(target: Path, paths: Sequence[Path]) -> bool:
    """Whether writing `target` would replace one of the inputs (a file named, or a save in a folder named)."""
    where = target.resolve()
    for path in paths:
        if path.resolve() == where:
            return True
        if path.is_dir() and where.parent == path.resolve() and where.suffix.lower() == ".json":
            return True
    return False


def gather(paths: Sequence[Path]) -> tuple[list[ReadSave], list[Skipped]]:
    files, skipped = save_files(paths)
    read: list[ReadSave] = []
    for k, path in enumerate(files):
        if k >= MAX_SAVES:
            skipped.append(Skipped(path, f"not read: a report reads at most {MAX_SAVES:,} saves"))
            continue
        result = read_one(path)
        if isinstance(result, ReadSave):
            read.append(result)
        else:
            skipped.append(result)
    return read, skipped
