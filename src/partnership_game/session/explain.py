"""Plain-words reasons for ledger entries, grouped by cause and aware of the meters' bounds, for every front end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from partnership_game.engine import LedgerEntry
from partnership_game.engine.ledger import Happened
from partnership_game.scenario.compiled import CompiledEvent
from partnership_game.session.session import Session
from partnership_game.session.texts import decision_label, happened

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


def decision_behind(session: Session, entry: LedgerEntry) -> int | None:
    """The index (in `session.decisions`) of the decision behind a ledger entry: the choice itself, or for a
    delayed effect the latest decision of its origin's event and option taken on or before its turn."""
    decisions = session.decisions
    if entry.kind in ("decision", "outcome"):
        return next((k for k, d in enumerate(decisions) if d.turn == entry.turn and d.event.id == entry.event), None)
    if entry.kind == "delayed" and entry.origin is not None:
        event_id, option_id = entry.origin
        found = [k for k, d in enumerate(decisions) if d.turn <= entry.turn and d.event.id == event_id
                 and d.event.options[d.option].id == option_id]
        return found[-1] if found else None
    return None


def _chosen_label(session: Session, entry: LedgerEntry, event: CompiledEvent, option_id: str) -> str:
    """The label of the option behind an entry as the player read it when choosing (else its plain wording)."""
    k = decision_behind(session, entry)
    return decision_label(session, k) if k is not None else _option_label(event, option_id)


def why(session: Session, entry: LedgerEntry) -> str:
    """What caused a change, naming the decision behind a delayed effect."""
    if entry.kind == "drift":
        return "the drift of time"
    if entry.kind == "delayed" and entry.origin is not None:
        option = _chosen_label(session, entry, _event(session, entry.origin[0]), entry.origin[1])
        return f"{entry.cause} (a delayed result of '{option}')"
    if entry.kind == "random":
        return f"a random event: {_event(session, entry.event).title}"
    if entry.kind == "scheduled":
        return f"a consequence: {_event(session, entry.event).title}"
    if entry.kind == "happening":
        return f"an event: {_event(session, entry.event).title}"
    if entry.kind == "outcome":
        return f"your choice, and how it turned out: {entry.cause}"
    return f"your choice: {_chosen_label(session, entry, _event(session, entry.event), entry.option)}"


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


def origin_words(session: Session, origin: tuple[str, str], entry: LedgerEntry | None = None) -> str:
    """What a delayed result goes back to: "your choice 'X'" for a decision (its label as read when chosen, given
    the delayed `entry`), else the event's title in quotes."""
    event = _event(session, origin[0])
    if event.is_decision:
        label = _chosen_label(session, entry, event, origin[1]) if entry is not None else _option_label(event,
                                                                                                        origin[1])
        return f"your choice '{label}'"
    return f"'{event.title}'"


def heading(session: Session, entry: LedgerEntry) -> str:
    """A cause in a few words, for a line of grouped changes or of the ledger (the long texts are told apart)."""
    if entry.kind == "drift":
        return "With the passing of time"
    if entry.kind == "delayed" and entry.origin is not None:
        return f"A delayed result of {origin_words(session, entry.origin, entry)}"
    if entry.kind in ("decision", "outcome"):
        label = _chosen_label(session, entry, _event(session, entry.event), entry.option)
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


@dataclass(frozen=True)
class Road:
    """The decisions of one branch set against history: how many were taken, at how many of those whose historical
    choice is known the player chose otherwise, and at how many history has no choice to compare with."""

    taken: int
    different: int
    unknown: int

    @property
    def compared(self) -> int:
        return self.taken - self.unknown


def road(session: Session) -> Road:
    """Every screen, the debrief and the reports count decisions this one way: those taken on this branch by the
    player (in a class game, not the ones the class set to history's choice before its start)."""
    floor = session.classroom.floor if session.classroom is not None else 0
    decisions = session.decisions[floor:]
    unknown = sum(1 for d in decisions if d.event.historical_option < 0)
    different = sum(1 for d in decisions if d.event.historical_option >= 0 and not d.historical)
    return Road(len(decisions), different, unknown)


def _times(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def road_sentence(counted: Road) -> str:
    """"You took 16 decisions; at 10 of them you chose differently from history. At 2 of them ...", in words."""
    if counted.taken == 0:
        return "You took no decision."
    took = f"You took {_times(counted.taken, 'decision')}"
    why = "(the record does not say, or the event was written for the game)"
    if counted.compared == 0:
        return f"{took}; history has no choice to compare {'it' if counted.taken == 1 else 'them'} with {why}."
    if counted.different == 0:
        every = "every one" if counted.unknown == 0 else "every one where history's choice is known"
        text = f"{took}; at {every} you chose as history did."
    elif counted.taken == 1:
        text = f"{took}; you chose differently from history."
    else:
        text = f"{took}; at {counted.different} of them you chose differently from history."
    if counted.unknown:
        text += f" At {counted.unknown} of them history has no choice to compare with {why}."
    return text


def road_short(counted: Road) -> str:
    """The same count in a few words, for a table cell: "16 taken, 10 unlike history, 2 with no choice to compare"."""
    text = f"{counted.taken} taken, {counted.different} unlike history"
    return text + (f", {counted.unknown} with no choice to compare" if counted.unknown else "")


def decision_happened(session: Session, index: int) -> Happened | None:
    """What the session's `index`-th decision did, with its words as they were when it landed (None for a game
    recorded without a ledger)."""
    decisions = [h for h in happened(session) if not h.news]
    return decisions[index] if 0 <= index < len(decisions) else None


def what_happened(item: Happened) -> str:
    """A decision's or an event's result and drawn outcome, each told once, as one text ('' for none)."""
    parts = [item.result] if item.result else []
    if item.outcome and item.outcome != item.result:
        parts.append(item.outcome)
    return "\n\n".join(parts)
