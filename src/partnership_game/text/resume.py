"""Resume, never overwrite: offer the latest unfinished game at the start, and list the saves (`play --saves`)."""

from __future__ import annotations

import datetime
from pathlib import Path

from partnership_game.inert import inert_line
from partnership_game.session.autosaves import KEEP, new_autosave_path, prune, unfinished
from partnership_game.session.saves import SaveSummary, list_saves
from partnership_game.text.layout import DEFAULT_WIDTH, fit, terminal_size, wrap
from partnership_game.text.terminal import Terminal

_YES = {"", "y", "yes"}
_NO = {"n", "no"}


def _local(summary: SaveSummary) -> datetime.datetime | None:
    """When the save was written, in local time: its header's time, else the file's own."""
    try:
        return datetime.datetime.fromisoformat(summary.saved).astimezone()
    except (ValueError, OverflowError):  # the header is text from a file: anything may stand there
        pass
    try:
        return datetime.datetime.fromtimestamp(summary.path.stat().st_mtime).astimezone()
    except (OSError, ValueError, OverflowError):
        return None


def _day(when: datetime.datetime | None, now: datetime.datetime) -> str:
    """"1 Dec", with the year when it is not this year's."""
    if when is None:
        return "an unknown date"
    day = f"{when.day} {when:%b}"
    return day if when.year == now.year else f"{day} {when.year}"


def _turn(summary: SaveSummary) -> str:
    return f"turn {summary.turn} of {summary.turns}" if summary.turns else f"turn {summary.turn}"


def offer_text(summary: SaveSummary, now: datetime.datetime | None = None) -> str:
    """The question for one unfinished game: "An unfinished game from 1 Dec, turn 5 of 14 (seed 2001): continue?"."""
    now = (now or datetime.datetime.now()).astimezone()
    details = f"seed {summary.seed}" if summary.seed is not None else ""
    if summary.player:
        details += f", player {inert_line(summary.player)}"
    return f"An unfinished game from {_day(_local(summary), now)}, {_turn(summary)} ({details}): continue? [Y/n] "


def _width(terminal: Terminal) -> int:
    try:
        is_terminal = terminal.stdout.isatty()
    except (AttributeError, ValueError, OSError):
        is_terminal = False
    return terminal_size(is_terminal)[0]


def _ask(terminal: Terminal, question: str, width: int) -> bool | None:
    """The player's yes or no (Enter is yes); None when the input ended before an answer."""
    # The last two words ("continue? [Y/n]") stay together when the question wraps (joined by a stand-in for the
    # space, which no shown text holds: they are made inert); the cursor needs a column after the prompt.
    head, _, tail = question.strip().rpartition(" ")
    lines = [text.replace("\x00", " ") for text in wrap(f"{head}\x00{tail}" if head else tail, width - 1)]
    for text in lines[:-1]:
        terminal.say(text)
    prompt = lines[-1] + " "
    while True:
        typed = terminal.ask(prompt)
        if typed is None:
            terminal.say("")
            return None
        answer = typed.text.strip().lower()
        if not typed.overlong and answer in _YES:
            return True
        if not typed.overlong and answer in _NO:
            return False
        # One line and a short prompt: the question itself is still on the screen above.
        terminal.say(fit("Press Enter or type y to continue that game, or type n for a new one.", width))
        prompt = "Continue that game? [Y/n] "


def offer(terminal: Terminal, folder: Path, scenario_id: str, width: int | None = None,
          now: datetime.datetime | None = None) -> Path | None:
    """Offer the latest unfinished game of this scenario; its autosave if the player takes it, else None.

    Enter is yes. An input that ends before an answer also continues it: the game then ends at once, unchanged,
    where a new game would have left an empty autosave beside it.
    """
    games = unfinished(folder, scenario_id)
    if not games:
        return None
    width = width or _width(terminal)
    latest = games[0]
    if len(games) > 1:
        others = len(games) - 1
        terminal.say(fit(f"{others} other unfinished game{'s' if others > 1 else ''} of this scenario: "
                         "'partnership-game play --text --saves' lists them, '--load PATH' continues one.", width))
    taken = _ask(terminal, offer_text(latest, now), width)
    if taken is False:
        terminal.say(fit(f"A new game, then. That one stays in the saves folder as {latest.path.name}", width))
        return None
    terminal.say(fit(f"Continuing the game saved as {latest.path.name}", width))
    return latest.path


def choose_autosave(terminal: Terminal, folder: Path, scenario_id: str, *, new: bool,
                    width: int | None = None, now: datetime.datetime | None = None) -> tuple[Path, Path | None]:
    """(the autosave this game writes to, the save to continue or None). A continued game keeps writing to its
    own autosave; a new one gets a new name, and the oldest autosaves beyond the newest `KEEP` are removed (said
    in one line, never silently)."""
    width = width or _width(terminal)
    if not new:
        continued = offer(terminal, folder, scenario_id, width, now)
        if continued is not None:
            return continued, continued
    removed = prune(folder, KEEP - 1)  # room for this game's own: with it, KEEP remain
    if removed:
        names = ", ".join(p.name for p in removed)
        terminal.say(fit(f"Only the newest {KEEP} autosaves are kept; removed the oldest: {names}", width))
    return new_autosave_path(folder, scenario_id, now), None


def _listing(summary: SaveSummary, now: datetime.datetime) -> str:
    if summary.error is not None:
        return f"cannot be read: {inert_line(summary.error)}"
    when = _local(summary)
    saved = f"saved {_day(when, now)}" + (f" {when:%H:%M}" if when is not None else "")
    if summary.finished is None:
        state = "ending not recorded (an older save)"
    elif summary.finished:
        state = f"finished: {inert_line(summary.ending_title or summary.ending or '')}"
    else:
        state = "unfinished"
    parts = [inert_line(summary.scenario_id), saved, _turn(summary), state]
    if summary.seed is not None:
        parts.append(f"seed {summary.seed}")
    if summary.player:
        parts.append(f"player {inert_line(summary.player)}")
    return "; ".join(parts)


def list_saves_text(folder: Path, width: int = DEFAULT_WIDTH, now: datetime.datetime | None = None) -> str:
    """Every save in the folder, newest first: its file, then scenario, when saved, turn, ending or "unfinished",
    seed and player; every line at most `width` columns (a path too long for it stands whole on its own line)."""
    now = (now or datetime.datetime.now()).astimezone()
    saves = list_saves(folder)
    where = fit(inert_line(str(folder)), width)  # on its own line: a long folder is cut only if wider than the width
    if not saves:
        return f"No saves yet in the saves folder:\n{where}"
    lines = ["Saves, newest first, in the folder:", where, ""]
    for summary in saves:
        lines.append(inert_line(summary.path.name))
        lines.extend(wrap(_listing(summary, now), width, "  "))
    lines.append("")
    lines.extend(wrap("Continue one with 'partnership-game play --text --load PATH' (PATH: the folder above and the "
                      "file's name).", width))
    return "\n".join(lines)
