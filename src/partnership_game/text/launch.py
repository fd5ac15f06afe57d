"""The process's own terminal opened for a game: its streams made safe, its size, and whether to fold and page."""

from __future__ import annotations

import io
import sys

from partnership_game.text.layout import terminal_size
from partnership_game.text.play import Screen
from partnership_game.text.terminal import Terminal


def player_terminal(verbose: bool) -> tuple[Terminal, Screen]:
    """The process's own terminal for a game, and how to show it: folded to the screen and paged for a player at a
    terminal; the whole game as it comes for a pipe, a file or `--verbose` (transcripts and tools)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # a scenario's stray lone surrogate is shown as '?', never a crash
            stream.reconfigure(errors="replace")
    # With a standard stream closed before start-up Python sets it to None: no input is an end of input.
    stdin = sys.stdin.buffer if sys.stdin is not None else io.BytesIO()
    terminal = Terminal(stdin, sys.stdout or io.StringIO(), sys.stderr or io.StringIO())
    at_terminal = sys.stdout is not None and sys.stdout.isatty()
    width, height = terminal_size(at_terminal)
    terminal.width = width
    return terminal, Screen(width, height, folded=at_terminal and not verbose)
