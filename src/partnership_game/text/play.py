"""Terminal play: the interactive prompt, and scripted runs (`--choices`) for tests, teachers and tools."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import numpy as np

from partnership_game.engine import POLICIES, LedgerEntry
from partnership_game.session import SaveError, Session, write_save
from partnership_game.text import render

Reader = Callable[[str], str]
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
    if position >= len(wanted):
        raise ScriptError(f"the game needs more choices: it waits at '{pending.event.id}' (options: {', '.join(ids)})")
    option_id = wanted[position]
    if option_id not in ids:
        raise ScriptError(f"'{pending.event.id}' has no option '{option_id}' (options: {', '.join(ids)})")
    index = ids.index(option_id)
    if not session.available()[index]:
        raise ScriptError(f"option '{option_id}' of '{pending.event.id}' is not available at that point")
    return index


def scripted(session: Session, choices: str, write: Writer | None = None) -> None:
    """Play to the end: 'historical', 'random', or a comma-separated list of option ids in order.

    With `write`, the whole game is told as it is played (a transcript); without, it runs silently.
    """
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
        raise ScriptError(f"the game ended before choice '{wanted[position]}'")


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


def interactive(session: Session, read: Reader, write: Writer, saves: Path, autosave: Path) -> int:
    """The prompt loop; returns the exit status. Every way out autosaves first."""
    model = session.scenario.model
    if not session.decisions:
        write(f"{model.title}\n\n{render._wrap(model.briefing or model.description)}\n")
    shown = 0
    while True:
        shown = narrate(session, write, shown)
        if session.over:
            _autosave(session, autosave, write)
            return 0
        count = len(session.available())
        try:
            answer = read(f"Choose 1-{count}, or b to step back, s to save, q to quit: ").strip().lower()
        except (EOFError, KeyboardInterrupt):
            write("")
            _autosave(session, autosave, write)
            return 0
        if answer == "q":
            _autosave(session, autosave, write)
            return 0
        if answer == "b":
            if session.back():
                write("Stepped back one decision (the branch you left is kept).\n")
                shown = len(session.state.ledger.entries) if session.state.ledger else 0
            else:
                write("This is the first decision; there is nothing to step back to.\n")
            continue
        if answer == "s":
            path = saves / _save_name(session)
            try:
                write_save(path, session)
                write(f"Saved to {path}\n")
            except OSError as exc:
                write(f"Could not save to {path}: {exc.strerror}\n")
            continue
        if answer.isdigit() and 1 <= int(answer) <= count:
            index = int(answer) - 1
            if not session.available()[index]:
                write("That option is not available now; choose another.\n")
                continue
            session.choose(index)
            continue
        write(f"Please type a number from 1 to {count}, or b, s or q.\n")


def _autosave(session: Session, path: Path, write: Writer) -> None:
    try:
        write_save(path, session)
        write(f"Autosaved to {path}")
    except (OSError, SaveError) as exc:
        write(f"Could not autosave to {path}: {exc}")


def seed_from_entropy() -> int:
    """A fresh seed when none is given (printed, so the game can be replayed)."""
    return int(np.random.SeedSequence().generate_state(1, dtype=np.uint32)[0])
