"""The autosave of a terminal game: written after every step, on every way out, never at the cost of the game."""

from __future__ import annotations

from pathlib import Path

from partnership_game.session import Session, write_save
from partnership_game.text.terminal import Terminal


class Autosave:
    """The autosave of the game in play: written after every decision, and on the way out when there is news."""

    def __init__(self, session: Session, path: Path, terminal: Terminal) -> None:
        self.session = session
        self.path = path
        self.terminal = terminal
        self.changed = False  # a decision or a step back since the game was started or loaded
        self.current = False  # the file holds the game as it stood after its last completed step
        self.failed = False  # an autosave failed at some point: the exit status says so even if a later one worked

    def save(self) -> bool:
        """Write the game after a completed step; a failure is told in one line and remembered, never raised."""
        self.changed = True
        self.current = self._write()
        return self.current

    def _write(self) -> bool:
        try:
            write_save(self.path, self.session)
        except Exception as exc:  # any failure (disk, folder, a limit of the format) must not cost the game in memory
            self.failed = True
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
            self.terminal.error(f"{self.path}: error: cannot autosave: {reason}")
            return False
        return True

    def finish(self, quiet: bool = False) -> str:
        """Save on the way out: "saved", "failed", or "kept" when no decision was taken here (an autosave that exists
        is left as it was; a new game with nothing in it writes none, so it is never offered to be continued)."""
        if not self.changed:
            if not quiet:
                self.terminal.note(f"No decision taken: {self.path} is left as it was." if self.path.exists()
                                   else "No decision taken: nothing to save.")
            return "kept"
        if not self._write():
            return "failed"
        if not quiet:
            self.terminal.note(f"Autosaved to {self.path}")
        return "saved"

    def after_crash(self) -> str:
        """Save after an unexpected error. A step it broke off may have left the game in memory half changed, so
        that is written only when the file is behind a completed step (its write failed); else the file stands."""
        if not self.changed:
            return "kept"
        if self.current:
            return "saved"
        return "saved" if self._write() else "failed"
