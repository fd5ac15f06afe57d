"""Why a file was skipped, in a teacher's words with what to do about it (the technical reason kept as detail)."""

from __future__ import annotations

import json

HAND_IN_AGAIN = "hand it in again"
RIGHT_FILE = "ask for the right file"

# (the start of a reason as the game words it, the plain words for a teacher); the first that matches wins
_PLAIN: tuple[tuple[str, str], ...] = (
    ("no such", "the file or folder is not there (check its name)"),
    ("is not a regular file", f"this is not an ordinary file, so it cannot be a hand-in: {RIGHT_FILE}"),
    ("cannot read the folder", "the folder cannot be opened (check that you may read it)"),
    ("cannot read", f"the file cannot be opened (check that you may read it), or {HAND_IN_AGAIN}"),
    ("not read: a report reads at most", "not read: there are too many files in these folders for one report"),
    ("the save is larger than", f"the file is far too large to be a save of this game: {RIGHT_FILE}"),
    ("the save is not UTF-8", f"this is not a save of this game (it is not text at all): {RIGHT_FILE}"),
    ("this is not a save file", f"this is another kind of file, not a save of this game: {RIGHT_FILE}"),
    ("the save's scenario text does not match", f"the file was changed after the game saved it: {HAND_IN_AGAIN}"),
    ("the save's decisions do not replay",
     f"the file's decisions do not fit its own scenario (it was changed or damaged): {HAND_IN_AGAIN}"),
    ("the save's", f"the file is damaged (part of it cannot be read): {HAND_IN_AGAIN}"),
    ("the save is damaged", f"the file is damaged (part of it is missing or wrong): {HAND_IN_AGAIN}"),
    ("the save nests", f"the file is damaged: {HAND_IN_AGAIN}"),
    ("could not be read (", "the game failed to read this file (a fault in the game: please report it with the "
                            "file); the student can hand it in again"),
)
INCOMPLETE = f"the file is incomplete (it stops part way, as when a copy is cut off): {HAND_IN_AGAIN}"
DAMAGED = f"the file is damaged (it is no longer a save the game can read): {HAND_IN_AGAIN}"


def _cut_off(data: bytes) -> bool:
    """Whether JSON text fails only because it stops early (its first error is at its very end)."""
    try:
        json.loads(data.decode("utf-8"))
    except json.JSONDecodeError as exc:
        # A string or a value that runs into the end of the text: the copy stopped there.
        return exc.msg.startswith("Unterminated string") or exc.pos >= len(data.decode("utf-8").rstrip())
    except (UnicodeDecodeError, RecursionError, ValueError):
        return False
    return False


def plain(reason: str, data: bytes | None = None) -> str:
    """The plain words for a skipped file's reason; `data`, when at hand, tells a cut-off file from a damaged one."""
    if reason.startswith("the save is not valid JSON"):
        return INCOMPLETE if data is not None and _cut_off(data) else DAMAGED
    return next((words for start, words in _PLAIN if reason.startswith(start)),
                f"the file cannot be read: {HAND_IN_AGAIN}")
