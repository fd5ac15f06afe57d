"""The player's terminal: answers read through the capped line reader, everything shown made inert first."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from types import FrameType
from typing import BinaryIO, TextIO

from partnership_game.inert import inert, inert_line
from partnership_game.text.layout import DEFAULT_WIDTH, fit
from partnership_game.text.terminal_input import Line, LineReader


class Stopped(Exception):
    """The terminal went away (SIGHUP) or the game was told to stop (SIGTERM): save and end."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class Terminal:
    """Where the game talks to the player; text from scenarios, mods and saves never reaches it raw."""

    def __init__(self, stdin: BinaryIO, stdout: TextIO, stderr: TextIO) -> None:
        self.lines = LineReader(stdin)
        self.stdout = stdout
        self.stderr = stderr
        self.lines_since_answer = 0  # what the screen has filled since the player last typed (for paging)
        self.width = DEFAULT_WIDTH  # errors are fitted to it, like everything else the game prints
        # Typed answers are echoed by a terminal; from a pipe or a file they are not, so the game writes them after
        # the prompt itself: a transcript then reads as it was played, and no answer runs on after a prompt.
        self.echo = not _is_terminal(stdin)

    def say(self, text: str) -> None:
        """Print `text` and a line end, control characters shown as escapes."""
        self.stdout.write(inert(text) + "\n")
        self.lines_since_answer += text.count("\n") + 1

    def ask(self, prompt: str) -> Line | None:
        """Show `prompt` (flushed, so a pipe sees it too) and read the answer; None when input has ended."""
        self.stdout.write(inert(prompt))
        self.stdout.flush()
        _STOPS.waiting = True  # before looking at `pending`: a signal in between is then raised, not missed
        try:
            if _STOPS.pending is not None:
                signum, _STOPS.pending = _STOPS.pending, None
                _raise_for(signum)
            line = self.lines.read()
            if self.echo and line is not None:
                self.stdout.write(inert_line(line.text) + "\n")
            self.lines_since_answer = 0
            return line
        finally:
            _STOPS.waiting = False

    def note(self, text: str) -> None:
        """Like `say` for the last words: a terminal that is already gone is not an error worth another one."""
        with suppress(OSError, ValueError):
            self.say(text)
            self.stdout.flush()

    def error(self, text: str) -> None:
        """One message on standard error (after what was shown so far); never raises. A person at a terminal gets
        it fitted to the width like everything else; a pipe or a log gets it on one line, for tools to read."""
        with suppress(OSError, ValueError):
            self.stdout.flush()
        with suppress(OSError, ValueError):
            line = inert_line(text)
            self.stderr.write((fit(line, self.width) if _is_terminal(self.stderr) else line) + "\n")
            self.stderr.flush()


def _is_terminal(stream: BinaryIO | TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)  # any readable byte stream will do; not all of them can tell
    try:
        return bool(isatty()) if isatty is not None else False
    except (OSError, ValueError):
        return False


class _Stops:
    """Signals that ask the game to end, acted on only while it waits for the player (never inside a save)."""

    waiting = False
    pending: int | None = None


_STOPS = _Stops()


def _raise_for(signum: int) -> None:
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Stopped(signum)


def _stop_handler(signum: int, frame: FrameType | None) -> None:
    if _STOPS.waiting:
        _raise_for(signum)
    _STOPS.pending = signum  # taken up at the next prompt, once the decision in hand is applied and saved


@contextmanager
def stop_signals_wait_for_prompt() -> Iterator[None]:
    """While inside, Ctrl-C, SIGHUP (the terminal closed) and SIGTERM end the game at the prompt, never mid-save."""
    if threading.current_thread() is not threading.main_thread():
        yield  # handlers can only be set from the main thread; the autosave after every decision still holds
        return
    wanted = [getattr(signal, name) for name in ("SIGINT", "SIGHUP", "SIGTERM") if hasattr(signal, name)]
    previous = {number: signal.signal(number, _stop_handler) for number in wanted}
    _STOPS.pending = None
    try:
        yield
    finally:
        for number, action in previous.items():
            signal.signal(number, action)
        _STOPS.pending = None
