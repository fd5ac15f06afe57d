"""A real pseudo-terminal of a chosen size for `play --text`, driven as a player would: type, then read the screen."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent

# Every way the game waits for the player ends its last line with one of these (the prompt is not followed by a
# line end): the decision prompt, a page's pause, "Press Enter ...", the debrief menu, the resume question.
PROMPT = re.compile(r"(\(\? for commands\): |-- more: [^\n]*-- |Press Enter[^\n]*: |Choose 1-\d+, or q: |\[Y/n\] )$")


class Pty:
    """`partnership-game` running in a pseudo-terminal of `columns` × `rows`; `chunks` keeps, for each answer typed,
    what the screen received after it (the first chunk is what came before any answer)."""

    def __init__(self, args: list[str], env: dict[str, str], columns: int = 80, rows: int = 24) -> None:
        self.columns, self.rows = columns, rows
        pid, fd = pty.fork()
        if pid == 0:  # the child: the game, with the pty as its terminal
            try:
                os.execvpe(sys.executable, [sys.executable, "-m", "partnership_game", *args], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.chunks: list[str] = []
        self.status: int | None = None

    def read_until_prompt(self, timeout: float = 30.0) -> str:
        """What the game printed until it waits for the player again (or ends)."""
        out = b""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.2)
            if ready:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:  # the game ended and closed the terminal
                    break
                if not data:
                    break
                out += data
                if PROMPT.search(out.decode("utf-8", errors="replace").replace("\r\n", "\n")):
                    # A prompt at the end: give the game a moment to prove it has nothing more to say.
                    more, _, _ = select.select([self.fd], [], [], 0.15)
                    if not more:
                        break
        else:
            raise AssertionError(f"no prompt within {timeout} s; last output: {out[-400:]!r}")
        text = out.decode("utf-8", errors="replace").replace("\r\n", "\n")
        self.chunks.append(text)
        return text

    def start(self) -> str:
        return self.read_until_prompt()

    def send(self, line: str) -> str:
        """Type `line` and Enter; what the game printed in answer (the echo of the typed line left out)."""
        os.write(self.fd, line.encode("utf-8") + b"\r")
        text = self.read_until_prompt()
        echo = line + "\n"
        return text[len(echo):] if text.startswith(echo) else text

    def wait(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            try:
                while select.select([self.fd], [], [], 0.05)[0] and os.read(self.fd, 65536):
                    pass
            except OSError:
                pass
        raise AssertionError("the game did not end")

    def close(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)


@pytest.fixture
def game_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"), TERM="dumb",
               PYTHONPATH=str(REPO / "src"), NO_COLOR="1")
    return env


@pytest.fixture
def pty_game(game_env: dict[str, str]) -> Iterator[object]:
    """A function starting the game in an 80×24 pseudo-terminal; every game it started is killed at the end."""
    started: list[Pty] = []

    def start(*args: str, columns: int = 80, rows: int = 24) -> Pty:
        game = Pty(list(args), game_env, columns, rows)
        started.append(game)
        return game

    yield start
    for game in started:
        game.close()

