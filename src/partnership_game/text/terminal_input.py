"""The player's answers at the terminal: capped lines of bytes, decoded with replacement; only 0-9 are digits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO, Literal

from partnership_game.inert import first_control

MAX_LINE_BYTES = 1024
# More digits than any option count needs; checked before int(), so a line of digits never reaches Python's own
# 4,300-digit limit (whose message talks about sys.set_int_max_str_digits()).
MAX_NUMBER_DIGITS = 6


@dataclass(frozen=True)
class Line:
    """One line the player typed, without its line end; `overlong` when it passed the cap (its text is then empty)."""

    text: str
    overlong: bool = False


class LineReader:
    """Lines from a byte stream, each at most `limit` bytes kept; the rest of a longer line is read and dropped."""

    def __init__(self, stream: BinaryIO, limit: int = MAX_LINE_BYTES) -> None:
        self.stream = stream
        self.limit = limit
        self.closed_reason: str | None = None  # why reading stopped early (a closed or broken input), if it did

    def read(self) -> Line | None:
        """The next line, or None at the end of input (also when the input is closed or cannot be read)."""
        raw = self._readline(self.limit + 1)
        if raw is None or raw == b"":
            return None
        if len(raw) > self.limit and not raw.endswith(b"\n"):
            self._drop_rest_of_line()
            return Line("", overlong=True)
        return Line(raw.rstrip(b"\r\n").decode("utf-8", errors="replace"))

    def _drop_rest_of_line(self) -> None:
        # Read in bounded chunks and keep none of them: a line of gigabytes costs time, never memory.
        while True:
            chunk = self._readline(self.limit)
            if not chunk or chunk.endswith(b"\n"):
                return

    def _readline(self, size: int) -> bytes | None:
        try:
            return self.stream.readline(size)
        except (OSError, ValueError) as exc:  # ValueError: the stream was closed under us
            self.closed_reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
            return None


Command = Literal["choose", "back", "save", "quit", "again"]


@dataclass(frozen=True)
class Answer:
    """What a line asks for: an option (0-based), b, s, q, or "again" with the one-line reason it was not taken."""

    command: Command
    option: int = -1
    reason: str = ""


_WORDS: dict[str, Command] = {"b": "back", "s": "save", "q": "quit"}


def _again(reason: str) -> Answer:
    return Answer("again", reason=reason)


def interpret(line: Line, count: int) -> Answer:
    """Read a line as an answer to a decision with `count` options; anything else gets a reason and "again"."""
    hint = f"type a number from 1 to {count}, or b, s or q."
    if line.overlong:
        return _again(f"That line is too long (over {MAX_LINE_BYTES:,} bytes): please {hint}")
    text = line.text.strip()
    word = _WORDS.get(text.lower())
    if word is not None:
        return Answer(word)
    if text.isascii() and text.isdigit():
        if len(text.lstrip("0")) > MAX_NUMBER_DIGITS:
            return _again(f"That number is far too large: please {hint}")
        number = int(text)
        if 1 <= number <= count:
            return Answer("choose", option=number - 1)
        return _again(f"Please {hint}")
    if "\ufffd" in text:
        return _again(f"That line is not readable text (it is not UTF-8): please {hint}")
    if first_control(text) >= 0:
        return _again(f"That line holds control characters: please {hint}")
    if any(not ch.isascii() and (ch.isdigit() or ch.isnumeric()) for ch in text):
        # '²', '①', Arabic-Indic or full-width digits: Python calls them digits, the game does not.
        return _again(f"Only the digits 0-9 make a number here: please {hint}")
    return _again(f"Please {hint}")
