"""Handing in: the present game's save, named after the student, written beside the others and never over one."""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from partnership_game.files import write_atomic
from partnership_game.session import Session
from partnership_game.session.saves import to_save

MAX_SAME_NAME = 999


@dataclass(frozen=True)
class HandedIn:
    """Where a hand-in went and as what; `taken` names the file that already had the name (both are kept)."""

    path: Path
    player: str
    taken: Path | None = None

    def message(self) -> str:
        """The confirmation a student reads: where, and as what."""
        text = f"Handed in as \u201c{self.player}\u201d: {self.path.name} in {self.path.parent}."
        if self.taken is not None:
            text += (f" A hand-in named {self.taken.name} was already there, so this one has its own name;"
                     " both are kept and your teacher sees both.")
        return text


def file_stem(name: str) -> str:
    """A student's name as a file name: letters, digits, dashes; nothing that leaves the folder."""
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:60] or "student"


def _claim(folder: Path, stem: str) -> tuple[Path, Path | None]:
    """Create an empty file under a free name (`stem.json`, else `stem-2.json`, ...): made with O_EXCL, so two
    students handing in at once under one name can never get the same file."""
    first = folder / f"{stem}.json"
    for k in range(1, MAX_SAME_NAME + 1):
        candidate = first if k == 1 else folder / f"{stem}-{k}.json"
        try:
            os.close(os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except FileExistsError:
            continue
        return candidate, None if k == 1 else first
    raise OSError(f"more than {MAX_SAME_NAME} hand-ins named {stem} in {folder}")


def hand_in(session: Session, folder: Path) -> HandedIn:
    """Write the present game (never a moment being looked at) into `folder`; OSError if it cannot be written (the
    game is untouched, and no empty file is left behind)."""
    player = session.player or "student"
    save = to_save(session)  # made first: a save that cannot be made claims no name
    data = save.model_dump_json(indent=1).encode("utf-8")
    with contextlib.suppress(OSError):
        folder = folder.resolve()  # the confirmation names the folder in full, wherever the game was started
    path, taken = _claim(folder, f"{file_stem(player)}-{session.scenario.model.id}")
    try:
        write_atomic(path, data)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    return HandedIn(path, player, taken)


def hand_in_folder(session: Session) -> Path | None:
    """The folder the class file names for hand-ins (None: the student picks one)."""
    return session.classroom.lesson.loaded.hand_in_folder() if session.classroom is not None else None
