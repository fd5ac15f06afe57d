"""Long text a screen at a time, as `more` does: Enter shows the next page, q skips the rest."""

from __future__ import annotations

from partnership_game.text.terminal import Terminal

MORE_PROMPT = "-- more: Enter for the next page, q to skip the rest -- "


class Pager:
    """Shows text to the player: in pages of the terminal's height when `paged`, else all at once (transcripts,
    pipes, `--verbose`). Every line it is given is already fitted to the width."""

    def __init__(self, terminal: Terminal, height: int, paged: bool) -> None:
        self.terminal = terminal
        self.height = height
        self.paged = paged

    def show(self, text: str, reserve: int = 0) -> bool:
        """Print `text`, pausing after each screenful (keeping `reserve` lines free on the last one for what follows,
        such as the prompt). False when the player asked to skip the rest, or input ended, at a pause."""
        lines = text.split("\n")
        room = self.height - self.terminal.lines_since_answer  # what is already on the screen stays in view
        if not self.paged or len(lines) + reserve <= room:
            self.terminal.say(text)
            return True
        start = 0
        while len(lines) - start + reserve > room:
            page = max(room - 1, 3)  # one line for the pause prompt
            self.terminal.say("\n".join(lines[start : start + page]))
            start += page
            room = self.height
            answer = self.terminal.ask(MORE_PROMPT)
            if answer is None or answer.text.strip().lower() == "q":
                return False
        if start < len(lines):
            self.terminal.say("\n".join(lines[start:]))
        return True
