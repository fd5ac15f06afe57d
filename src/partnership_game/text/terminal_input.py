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


Command = Literal["choose", "back", "save", "quit", "again", "help", "counsel", "meters", "ledger", "world",
                  "glossary", "odds", "timeline", "repeat", "details"]


@dataclass(frozen=True)
class Answer:
    """What a line asks for: an option (0-based), a command with its argument, or "again" with the reason it was not
    taken (one line, so a wrong key never scrolls the turn away)."""

    command: Command
    option: int = -1
    reason: str = ""
    argument: str = ""


# The letters at the prompt; `?`/`h` list them (text/commands.py words them for the player).
_WORDS: dict[str, Command] = {
    "b": "back", "s": "save", "q": "quit", "?": "help", "h": "help", "help": "help", "c": "counsel", "m": "meters",
    "l": "ledger", "w": "world", "g": "glossary", "o": "odds", "t": "timeline", "r": "repeat", "d": "details",
}
# Commands that take the rest of the line: `s NAME`, `g WORD`, `t N`.
_WITH_ARGUMENT = ("save", "glossary", "timeline")
MAX_ARGUMENT_CHARS = 60


def _again(reason: str) -> Answer:
    return Answer("again", reason=reason)


def interpret(line: Line, count: int) -> Answer:
    """Read a line as an answer to a decision with `count` options; anything else gets a reason and "again"."""
    hint = f"type 1-{count}, or ? for the commands."
    if line.overlong:
        return _again(f"That line is too long (over {MAX_LINE_BYTES:,} bytes): {hint}")
    text = line.text.strip()
    if "\ufffd" in text:
        return _again(f"That line is not readable text (not UTF-8): {hint}")
    if first_control(text) >= 0:
        return _again(f"That line holds control characters: {hint}")
    head, _, rest = text.partition(" ")
    word = _WORDS.get(head.lower())
    if word is not None and (not rest.strip() or word in _WITH_ARGUMENT):
        argument = rest.strip()
        if len(argument) > MAX_ARGUMENT_CHARS:
            return _again(f"That is longer than {MAX_ARGUMENT_CHARS} characters: {hint}")
        return Answer(word, argument=argument)
    if text.isascii() and text.isdigit():
        if len(text.lstrip("0")) > MAX_NUMBER_DIGITS:
            return _again(f"That number is far too large: {hint}")
        number = int(text)
        if 1 <= number <= count:
            return Answer("choose", option=number - 1)
        return _again(f"There is no option {number}: {hint}")
    if any(not ch.isascii() and (ch.isdigit() or ch.isnumeric()) for ch in text):
        # '²', '①', Arabic-Indic or full-width digits: Python calls them digits, the game does not.
        return _again(f"Only the digits 0-9 make a number here: {hint}")
    if not text:
        return _again(f"Please {hint}")
    return _again(f"'{text[:20]}' is not a command here: {hint}")


def whole_number(text: str, largest: int) -> int | None:
    """`text` as a number from 1 to `largest` written in ASCII digits, or None."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > MAX_NUMBER_DIGITS:
        return None
    number = int(text)
    return number if 1 <= number <= largest else None
