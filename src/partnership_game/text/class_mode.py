"""Terminal class mode: the class's clock at each prompt, its hidden help refused, and handing in from the prompt."""

from __future__ import annotations

import contextlib
from pathlib import Path

from partnership_game.session import Session, check_player_name
from partnership_game.text.layout import fit
from partnership_game.text.terminal import Terminal

HAND_IN_WORDS = ("hand in", "handin", "hand-in")
HELP = """In this class:
  hand in    hand in your game (a copy named after you; it never replaces another)"""


def ask_name(terminal: Terminal) -> str | None:
    """The student's name or group, asked until it is one; None when input ends."""
    while True:
        line = terminal.ask("Your name or your group's name: ")
        if line is None:
            return None
        name = " ".join(line.text.split())
        problem = check_player_name(name) if name else "a name is needed to hand in"
        if problem is None:
            return name
        terminal.say(f"Please try again: {problem}.")


def shows(session: Session, what: str) -> bool:
    """Whether the class lets students see 'odds', 'historical_marks', 'previews' or 'ghost' now."""
    room = session.classroom
    return room is None or room.shows(what, over=session.stopped)


def refusal(session: Session, command: str, argument: str = "") -> str | None:
    """Why the class refuses a prompt command now (None: it does not)."""
    room = session.classroom
    if room is None:
        return None
    if command == "odds" and not shows(session, "odds"):
        return "This class keeps the odds hidden until the debrief."
    if command == "back" or (command == "timeline" and argument):
        if room.rollback == "look_only":
            return "This class is look-only: t lists your decisions; they cannot be changed."
        if command == "timeline":
            return room.refuse_back_to(_depth_of_turn_argument(argument))
        current = session.timeline.current
        if current is None:
            return None  # the prompt says there is nothing to step back to
        parent = session.timeline.nodes[current].parent
        return room.refuse_back_to(len(session.timeline.path(parent)) if parent is not None else 0)
    return None


def _depth_of_turn_argument(argument: str) -> int:
    """`t N` goes back to before decision N: N - 1 decisions in (a word that is no number refuses nothing here)."""
    text = argument.strip()
    return int(text) - 1 if text.isascii() and text.isdigit() and len(text) < 6 else 10**6


def clock_line(session: Session) -> str | None:
    """The time box at the prompt: 'Time box: 12:34 left.'; None without one."""
    room = session.classroom
    label = room.clock.label() if room is not None else None
    return f"Time box: {label}." if label is not None else None


def hand_in_here(session: Session, terminal: Terminal, width: int) -> bool:
    """Hand in the present game to the class's folder (or one the student types); True when it was handed in."""
    from partnership_game.classroom.handin import hand_in, hand_in_folder

    folder = hand_in_folder(session)
    if folder is not None and not folder.exists():
        with contextlib.suppress(OSError):  # if it cannot be made, it is said below as a folder that is not there
            folder.mkdir()  # the folder the class file names, beside it: made on the first hand-in
    if folder is None:
        line = terminal.ask("Folder to hand in to (Enter: this folder): ")
        if line is None:
            return False
        folder = Path(line.text.strip() or ".").expanduser()
    if not folder.is_dir():
        terminal.say(fit(f"Could not hand in: {folder} is not a folder. Nothing was written; the game goes on.",
                         width))
        return False
    try:
        done = hand_in(session, folder)
    except OSError as exc:
        terminal.say(fit(f"Could not hand in to {folder}: {exc.strerror or exc}. The game goes on.", width))
        return False
    terminal.say(fit(done.message(), width))
    return True


def tick(session: Session, terminal: Terminal, width: int) -> None:
    """At each prompt: warn once at five minutes left; at zero ask to hand in, or hand in by itself."""
    room = session.classroom
    if room is None:
        return
    stage = room.clock.due()
    if stage == "warn":
        terminal.say(fit("Five minutes left in the time box: finish your decision and get ready to hand in.", width))
    elif stage == "zero":
        if room.lesson.loaded.model.at_zero == "hand_in":
            terminal.say(fit("Time is up: your game is handed in now.", width))
            hand_in_here(session, terminal, width)
            return
        line = terminal.ask("Time is up. Hand in now? (y/n): ")
        if line is not None and line.text.strip().lower() in ("y", "yes"):
            hand_in_here(session, terminal, width)


def offer_hand_in(session: Session, terminal: Terminal, width: int) -> None:
    """When a class game stops (its lesson's end, or the campaign's): offer to hand it in before the debrief."""
    if session.classroom is None:
        return
    line = terminal.ask("The lesson is over. Hand in your game now? (y/n): ")
    if line is not None and line.text.strip().lower() in ("y", "yes"):
        hand_in_here(session, terminal, width)
