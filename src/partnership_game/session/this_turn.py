"""What landed in the current turn before the decision in hand: the player's own earlier choices, kept apart from
the news, each with the changes it made."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from partnership_game.engine import LedgerEntry
from partnership_game.session.explain import Change, changes
from partnership_game.session.session import Session
from partnership_game.session.texts import happened

_CHOICE_KINDS = ("decision", "outcome")


@dataclass(frozen=True)
class Earlier:
    """One thing that landed earlier in this turn. A `choice` is the player's own decision (`title` the event's,
    `label` the option as it read when chosen, `text` its result and drawn outcome); a piece of `news` is an event
    that fired by itself (`title` its heading, `label` '', `text` its words and drawn outcome as it landed)."""

    kind: Literal["choice", "news"]
    event: str
    title: str
    label: str
    text: str
    changes: list[Change] = field(default_factory=list)
    entries: list[LedgerEntry] = field(default_factory=list)


def _mine(entry: LedgerEntry, turn: int, event: str, news_kind: str | None) -> bool:
    if entry.turn != turn or entry.event != event:
        return False
    return entry.kind == news_kind if news_kind is not None else entry.kind in _CHOICE_KINDS


def earlier_this_turn(session: Session) -> list[Earlier]:
    """In order, what landed in the turn of the pending decision before it: [] when no decision waits, or when the
    turn holds nothing yet. A choice taken earlier in this turn is the player's own, never news."""
    pending = session.pending
    ledger = session.state.ledger
    if pending is None or ledger is None:
        return []
    turn = pending.turn
    found: list[Earlier] = []
    for item in happened(session, turn):
        news_kind = item.kind if item.news else None
        entries = [e for e in ledger.entries if _mine(e, turn, item.event, news_kind)]
        if item.news:
            text = " ".join(t for t in (item.situation, item.outcome) if t)  # its words as it landed
            earlier = Earlier("news", item.event, item.heading, "", text, changes(session, entries), entries)
        else:
            event = session.compiled.events[session.compiled.event_index(item.event)]
            text = " ".join(t for t in (item.result, item.outcome) if t)
            earlier = Earlier("choice", item.event, event.title, item.heading, text, changes(session, entries),
                              entries)
        found.append(earlier)
    return found


def choice_entries(session: Session) -> set[int]:
    """The ids of the ledger entries made by the player's own choices earlier in this turn (front ends tell them as
    the player's choice, apart from what happened since)."""
    return {id(e) for item in earlier_this_turn(session) if item.kind == "choice" for e in item.entries}
