"""Plain-words reasons for ledger entries, grouped by cause and aware of the meters' bounds, for every front end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from partnership_game.engine import LedgerEntry
from partnership_game.scenario.compiled import CompiledEvent
from partnership_game.session.session import Session

Bound = Literal["ceiling", "floor"] | None


@dataclass(frozen=True)
class Change:
    """One explained meter change."""

    meter_label: str
    delta: float
    after: float
    why: str
    date: str
    meter: str = ""
    before: float = 0.0
    bound: Bound = None  # the meter's bound it stands at after the change, when the change pushed toward it

    @property
    def absorbed(self) -> bool:
        """The effect pushed, but the meter already stood at its bound and could not move."""
        return self.bound is not None and self.delta == 0


@dataclass(frozen=True)
class Group:
    """The changes one cause made at once: a choice, how it turned out, one event, a delayed result, or drift."""

    kind: str  # the ledger's cause kind of its entries
    heading: str  # the cause in a few words ("Your choice", an event's title, ...)
    text: str | None  # what happened, in the scenario's words (an outcome, a result, a delayed effect), told once
    event: str  # the event behind it ('' for drift)
    turn: int
    changes: list[Change] = field(default_factory=list)


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


def bound(session: Session, entry: LedgerEntry) -> Bound:
    """Whether the change ended at the meter's ceiling or floor while pushing toward it (the engine records an
    effect with a nonzero amount even when clamping absorbed it all: then before == after, at the bound)."""
    meter = session.compiled.meter_ids.index(entry.meter)
    top = float(session.compiled.meter_max[meter])
    bottom = float(session.compiled.meter_min[meter])
    if entry.after >= top and entry.delta >= 0:
        return "ceiling"
    if entry.after <= bottom and entry.delta <= 0:
        return "floor"
    return None


def changes(session: Session, entries: list[LedgerEntry]) -> list[Change]:
    model = session.scenario.model
    labels = {m.id: m.label for m in model.meters}
    result = []
    for entry in entries:
        turn = model.turns[entry.turn]
        result.append(Change(labels[entry.meter], entry.delta, entry.after, why(session, entry),
                             turn.date_label or turn.date, entry.meter, entry.before, bound(session, entry)))
    return result


def _option_label(event: CompiledEvent, option_id: str) -> str:
    return next((o.label for o in event.options if o.id == option_id), option_id)


def origin_words(session: Session, origin: tuple[str, str]) -> str:
    """What a delayed result goes back to: "your choice 'X'" for a decision, else the event's title in quotes."""
    event = _event(session, origin[0])
    if event.is_decision:
        return f"your choice '{_option_label(event, origin[1])}'"
    return f"'{event.title}'"


def heading(session: Session, entry: LedgerEntry) -> str:
    """A cause in a few words, for a line of grouped changes or of the ledger (the long texts are told apart)."""
    if entry.kind == "drift":
        return "With the passing of time"
    if entry.kind == "delayed" and entry.origin is not None:
        return f"A delayed result of {origin_words(session, entry.origin)}"
    if entry.kind in ("decision", "outcome"):
        label = _option_label(_event(session, entry.event), entry.option)
        return f"Your choice '{label}'" + (", as it turned out" if entry.kind == "outcome" else "")
    return _event(session, entry.event).title


def _story_text(session: Session, entry: LedgerEntry) -> str | None:
    """The scenario's words for what happened, when the entry carries more than a label or a title."""
    if entry.kind in ("outcome", "delayed"):
        return entry.cause
    if entry.kind in ("random", "scheduled", "happening"):
        event = _event(session, entry.event)
        situation = event.model.situation if event.model is not None else None
        return entry.cause if entry.cause not in (event.title, event.cause_text, situation) else None
    return None


def groups(session: Session, entries: list[LedgerEntry]) -> list[Group]:
    """The entries grouped by cause, in order: the changes one effect made at once form one group.

    An effect's entries are recorded together, so a group is a run of entries with the same turn, kind, event,
    option and cause.
    """
    result: list[Group] = []
    last: tuple[object, ...] | None = None
    for entry, item in zip(entries, changes(session, entries), strict=True):
        key = (entry.turn, entry.kind, entry.event, entry.option, entry.cause, entry.origin)
        if key != last:
            result.append(Group(entry.kind, heading(session, entry), _story_text(session, entry), entry.event,
                                entry.turn))
            last = key
        result[-1].changes.append(item)
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
