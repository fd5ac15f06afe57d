"""Playing to the end without asking (`play --choices`): the chosen road told as a transcript, and its JSON."""

from __future__ import annotations

from collections.abc import Callable

from partnership_game.engine import POLICIES
from partnership_game.inert import inert, inert_line
from partnership_game.session import Session, texts
from partnership_game.text import debrief, layout, render

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
        if session.stopped:  # the campaign is over, or a class lesson reached its end
            break
        index = _next_choice(session, choices, position)
        if write is not None:
            write(f"Chosen: {index + 1}. {texts.label(session, session.pending.event.options[index])}\n")
        session.choose(index)
        position += 1
    wanted = [c.strip() for c in choices.split(",") if c.strip()]
    if choices not in POLICIES and position < len(wanted):
        raise ScriptError(f"the game ended before choice '{inert_line(wanted[position])}'")


def _inert_writer(write: Writer) -> Writer:
    def inert_write(text: str) -> None:
        write(inert(text))

    return inert_write


def narrate(session: Session, write: Writer, shown: int, width: int = layout.DEFAULT_WIDTH) -> int:
    """Tell what happened since ledger entry `shown`, then the ending or the next decision in full; returns the new
    count. This is the transcript (`--choices`, `--verbose`, output that is not a terminal): nothing is folded away.
    """
    entries = session.state.ledger.entries if session.state.ledger else []
    fresh = entries[shown:]
    if fresh and session.decisions:
        write(render.story(session, fresh, width) + "\n")
    if session.stopped:
        write(debrief.debrief_full(session, width) + "\n")
    else:
        write(render.full_turn(session, width) + "\n")
    return len(entries)


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
