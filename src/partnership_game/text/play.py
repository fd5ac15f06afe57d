"""Terminal play: the interactive prompt, and scripted runs (`--choices`) for tests, teachers and tools."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import numpy as np

from partnership_game.engine import POLICIES, LedgerEntry
from partnership_game.inert import inert, inert_line
from partnership_game.session import DecisionCapReached, Session, decisions_left_notice, write_save
from partnership_game.text import render
from partnership_game.text.terminal import Stopped, Terminal
from partnership_game.text.terminal_input import interpret

Writer = Callable[[str], None]


class ScriptError(ValueError):
    """A `--choices` list that does not fit the game."""


def _next_choice(session: Session, choices: str, position: int) -> int:
    """The option index `choices` takes at the pending decision: a policy's pick, or the listed id at `position`."""
    pending = session.pending
    assert pending is not None
    if choices in POLICIES:
        return int(POLICIES[choices](session.state, pending)[0])
    wanted = [c.strip() for c in choices.split(",") if c.strip()]
    ids = [o.id for o in pending.event.options]
    # The messages echo ids from the scenario and the command line: shown inert, on one line.
    event, options = inert_line(pending.event.id), inert_line(", ".join(ids))
    if position >= len(wanted):
        raise ScriptError(f"the game needs more choices: it waits at '{event}' (options: {options})")
    option_id = wanted[position]
    if option_id not in ids:
        raise ScriptError(f"'{event}' has no option '{inert_line(option_id)}' (options: {options})")
    index = ids.index(option_id)
    if not session.available()[index]:
        raise ScriptError(f"option '{inert_line(option_id)}' of '{event}' is not available at that point")
    return index


def scripted(session: Session, choices: str, write: Writer | None = None) -> None:
    """Play to the end: 'historical', 'random', or a comma-separated list of option ids in order.

    With `write`, the whole game is told as it is played (a transcript); without, it runs silently. The transcript
    is made inert on the way: its text comes from the scenario (or a save's copy of one).
    """
    if write is not None:
        write = _inert_writer(write)
    position = 0
    shown = 0
    while True:
        if write is not None:
            shown = narrate(session, write, shown)
        if session.pending is None:
            break
        index = _next_choice(session, choices, position)
        if write is not None:
            write(f"Chosen: {index + 1}. {session.pending.event.options[index].label}\n")
        session.choose(index)
        position += 1
    wanted = [c.strip() for c in choices.split(",") if c.strip()]
    if choices not in POLICIES and position < len(wanted):
        raise ScriptError(f"the game ended before choice '{inert_line(wanted[position])}'")


def _inert_writer(write: Writer) -> Writer:
    def inert_write(text: str) -> None:
        write(inert(text))

    return inert_write


def narrate(session: Session, write: Writer, shown: int) -> int:
    """Tell what happened since ledger entry `shown`, then the ending or the next decision; returns the new count.

    What the last decision caused is told first; what happened at the start of the new turn (news, delayed
    effects, random events) is told under that turn's header, where it belongs.
    """
    entries = session.state.ledger.entries if session.state.ledger else []
    fresh = entries[shown:]
    current = session.state.turn
    earlier = [e for e in fresh if e.turn < current or session.over]
    now = [e for e in fresh if e.turn >= current and not session.over]
    _tell(session, write, earlier, "What changed and why:")
    if session.over:
        write(render.ending_block(session) + "\n")
        write(render.debrief_block(session) + "\n")
    else:
        write(render.turn_header(session))
        _tell(session, write, now, "At the start of this turn:")
        write(render.decision_block(session) + "\n")
        write(render.meters_block(session) + "\n")
    return len(entries)


def _tell(session: Session, write: Writer, entries: list[LedgerEntry], heading: str) -> None:
    if not entries:
        return
    news = render.happenings(session, entries)
    if news:
        write(news + "\n")
    write(heading + "\n" + render.ledger_lines(session, entries) + "\n")


def result_json(session: Session) -> dict[str, object]:
    """The summary `play --json` prints."""
    model = session.scenario.model
    ending = session.ending
    return {
        "scenario": model.id,
        "seed": session.seed,
        "ending": {"id": ending.id, "title": ending.title} if ending else None,
        "start_meters": session.start_meters(),
        "meters": session.meters(),
        "decisions": [
            {
                "turn": d.turn + 1,
                "date": model.turns[d.turn].date,
                "event": d.event.id,
                "option": d.event.options[d.option].id,
                "historical": d.historical,
            }
            for d in session.decisions
        ],
    }


def _save_name(session: Session) -> str:
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    return f"{session.scenario.model.id}-{stamp}.json"


EXIT_OK = 0
EXIT_ERROR = 1  # an unexpected error (after saving), or an autosave that failed during the game
EXIT_INTERRUPTED = 130  # Ctrl-C at the prompt; the game is saved first, as on every way out


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
        """Save on the way out: "saved", "failed", or "kept" when no decision was taken here and an autosave exists
        (an earlier game's, which a game with nothing in it must not replace)."""
        if not self.changed and self.path.exists():
            if not quiet:
                self.terminal.note(f"No decision taken: {self.path} is left as it was.")
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


def interactive(session: Session, terminal: Terminal, saves: Path, autosave: Path) -> int:
    """The prompt loop; returns the exit status. Every way out saves first, and so does every decision."""
    keeper = Autosave(session, autosave, terminal)
    try:
        status = _play(session, terminal, saves, keeper)
    except KeyboardInterrupt:
        terminal.note("")
        status = EXIT_INTERRUPTED
    except Stopped as stop:
        status = 128 + stop.signum
    except Exception as exc:
        where = {
            "saved": f"the game up to its last completed decision is saved in {autosave}",
            "kept": "no decision was taken, so nothing is lost",
            "failed": "the game could not be saved",
        }[keeper.after_crash()]
        detail = str(exc) or "no details"
        terminal.error(f"partnership-game play: error: unexpected {type(exc).__name__}: {detail[:300]} ({where})")
        return EXIT_ERROR
    keeper.finish()
    return EXIT_ERROR if keeper.failed else status


def _play(session: Session, terminal: Terminal, saves: Path, keeper: Autosave) -> int:
    model = session.scenario.model
    if not session.decisions:
        terminal.say(f"{model.title}\n\n{render._wrap(model.briefing or model.description)}\n")
    shown = 0
    while True:
        shown = narrate(session, terminal.say, shown)
        if session.over:
            return EXIT_OK
        notice = decisions_left_notice(session.decisions_left)
        if notice is not None:  # near the save's decision cap: said each turn, so it is not missed
            terminal.say(notice + ".")
        moved = _ask_until_moved(session, terminal, saves, keeper)
        if moved is None:
            return EXIT_OK
        if moved == "back":
            shown = len(session.state.ledger.entries) if session.state.ledger else 0


def _ask_until_moved(session: Session, terminal: Terminal, saves: Path, keeper: Autosave) -> str | None:
    """Ask until an answer moves the game: "choose" or "back"; None when the player quits or input ends."""
    count = len(session.available())
    while True:
        line = terminal.ask(f"Choose 1-{count}, or b to step back, s to save, q to quit: ")
        if line is None:
            terminal.say("")
            if terminal.lines.closed_reason is not None:  # not a plain end of input: say why it stopped
                terminal.error(f"partnership-game play: standard input cannot be read: {terminal.lines.closed_reason}")
            return None
        answer = interpret(line, count)
        if answer.command == "quit":
            return None
        if answer.command == "again":
            terminal.say(answer.reason)
        elif answer.command == "save":
            _save_copy(session, terminal, saves)
        elif answer.command == "back":
            if session.back():
                keeper.save()
                terminal.say("Stepped back one decision (the branch you left is kept).")
                return "back"
            terminal.say("This is the first decision; there is nothing to step back to.")
        elif not session.available()[answer.option]:
            terminal.say("That option is not available now; choose another.")
        else:
            try:
                session.choose(answer.option)
            except DecisionCapReached as exc:  # the game in memory is unchanged; the player steps back or quits
                terminal.say(f"{str(exc)[:1].upper()}{str(exc)[1:]}.")
                continue
            keeper.save()
            return "choose"


def _save_copy(session: Session, terminal: Terminal, saves: Path) -> None:
    path = saves / _save_name(session)
    try:
        write_save(path, session)
    except Exception as exc:  # told, and the game goes on: the autosave still holds it
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        terminal.say(f"Could not save to {path}: {reason}")
        return
    terminal.say(f"Saved to {path}")


def seed_from_entropy() -> int:
    """A fresh seed when none is given (printed, so the game can be replayed)."""
    return int(np.random.SeedSequence().generate_state(1, dtype=np.uint32)[0])
