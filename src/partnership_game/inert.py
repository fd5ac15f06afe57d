"""Text from files made inert before it reaches a terminal: control characters shown as escapes, never obeyed."""

from __future__ import annotations

import re

# C0 controls other than tab and newline, DEL, and the C1 block (U+0080-U+009F, where CSI U+009B lives).
# ESC (U+001B) is among the C0: a file's "\e[2J" would clear the player's screen if printed raw.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def first_control(text: str) -> int:
    """The index of the first forbidden control character in `text`, or -1 when there is none."""
    found = _CONTROL.search(text)
    return found.start() if found else -1


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def inert(text: str) -> str:
    """`text` with every forbidden control character written as `\\xNN`; newlines and tabs are kept."""
    return _CONTROL.sub(_escape, text)


def inert_line(text: str) -> str:
    """Like `inert`, for one line of a message: newlines and tabs are escaped too."""
    return inert(text).replace("\n", "\\n").replace("\t", "\\t")
