"""Plain-words reasons for ledger entries, shared by every front end (terminal, window, report)."""

from __future__ import annotations

from dataclasses import dataclass

from partnership_game.engine import LedgerEntry
from partnership_game.scenario.compiled import CompiledEvent
from partnership_game.session.session import Session


@dataclass(frozen=True)
class Change:
    """One explained meter change."""

    meter_label: str
    delta: float
    after: float
    why: str
    date: str


def _event(session: Session, event_id: str) -> CompiledEvent:
    return session.compiled.events[session.compiled.event_index(event_id)]


def why(session: Session, entry: LedgerEntry) -> str:
    """What caused a change, naming the decision behind a delayed effect."""
    if entry.kind == "drift":
        return "the drift of time"
    if entry.kind == "delayed" and entry.origin is not None:
        origin = _event(session, entry.origin[0])
        option = next((o.label for o in origin.options if o.id == entry.origin[1]), entry.origin[1])
        return f"{entry.cause} (a delayed result of '{option}')"
    if entry.kind == "random":
        return f"a random event: {_event(session, entry.event).title}"
    if entry.kind == "scheduled":
        return f"a consequence: {_event(session, entry.event).title}"
    if entry.kind == "happening":
        return f"an event: {_event(session, entry.event).title}"
    if entry.kind == "outcome":
        return f"your choice, and how it turned out: {entry.cause}"
    return f"your choice: {entry.cause}"


def changes(session: Session, entries: list[LedgerEntry]) -> list[Change]:
    model = session.scenario.model
    labels = {m.id: m.label for m in model.meters}
    result = []
    for entry in entries:
        turn = model.turns[entry.turn]
        result.append(Change(labels[entry.meter], entry.delta, entry.after, why(session, entry),
                             turn.date_label or turn.date))
    return result


def news(session: Session, entries: list[LedgerEntry]) -> list[CompiledEvent]:
    """The events that fired by themselves (random, scheduled, happenings) among these entries, in order."""
    seen: list[str] = []
    for entry in entries:
        if entry.kind in ("random", "scheduled", "happening") and entry.event not in seen:
            seen.append(entry.event)
    return [_event(session, event_id) for event_id in seen]


def happenings_fired(session: Session) -> list[CompiledEvent]:
    """The story's happenings (not decisions, not delayed effects) that fired in this game, in file order."""
    fired = session.state.fired[0]
    return [e for e in session.compiled.events
            if e.model is not None and not e.is_decision and int(fired[e.index]) > 0]
