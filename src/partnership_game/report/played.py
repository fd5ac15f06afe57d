"""The events a game went through, in the order they came: decisions taken and events that fired by themselves."""

from __future__ import annotations

from partnership_game.scenario.compiled import CompiledEvent
from partnership_game.session import Session, explain

# The same words as the terminal and the window use, so a class reads one vocabulary everywhere.
ACCURACY = {
    "historical": "on the record",
    "documented_proposal": "a documented proposal",
    "disputed": "disputed",
    "invented": "written for the game",
}


def events_played(session: Session) -> list[CompiledEvent]:
    """Each event once, by the turn it first came; an event that changed no meter and was no decision is not known
    to the ledger and so is not listed."""
    entries = session.state.ledger.entries if session.state.ledger else []
    first_turn: dict[str, int] = {}
    for entry in entries:
        first_turn.setdefault(entry.event, entry.turn)
    items: list[tuple[int, int, CompiledEvent]] = [(d.turn, 1, d.event) for d in session.decisions]
    items += [(first_turn[e.id], 0, e) for e in explain.news(session, entries)]
    seen: set[str] = set()
    ordered = []
    for _, _, event in sorted(items, key=lambda item: (item[0], item[1])):
        if event.id not in seen and event.model is not None:
            seen.add(event.id)
            ordered.append(event)
    return ordered
