"""What changed, as a story: what happened (once), the changes grouped by cause, the news; a summary; the ledger."""

from __future__ import annotations

from partnership_game.engine import LedgerEntry
from partnership_game.session import Session, explain
from partnership_game.session.explain import Bound, Change
from partnership_game.text.layout import paragraphs, wrap
from partnership_game.text.wording import moved, moved_change, say, say_line

_NEWS = ("random", "scheduled", "happening")
# The order a story tells its groups in: the choice, the news, results that come back later, the drift of time.
_ORDER = {"decision": 0, "outcome": 0, "random": 1, "scheduled": 1, "happening": 1, "delayed": 2, "drift": 3}


def _line(heading: str, items: list[Change], session: Session, width: int) -> list[str]:
    """One cause's changes on one (wrapped) line: "Your choice: Trust up 5 to 40; Elite resistance up 4 to 34."."""
    return wrap(f"{heading}: " + "; ".join(moved_change(session, c) for c in items) + ".", width, "", "  ")


def _date(session: Session, turn: int) -> str:
    item = session.scenario.model.turns[turn]
    return say_line(session, item.date_label or item.date)


def story(session: Session, entries: list[LedgerEntry], width: int) -> str:
    """After a decision: what happened (an outcome or result text, told once), the changes grouped by cause one
    line each, then the news that landed (title and text), then delayed results and the drift of time.
    '' when nothing changed."""
    # Turn by turn; within a turn the choice, the news, delayed results, drift (a stable sort keeps the ledger's order)
    groups = sorted(explain.groups(session, entries), key=lambda g: (g.turn, _ORDER[g.kind]))
    # The first turn's date is the one the player last read in a header; a later turn's news carries its own.
    first = min((g.turn for g in groups), default=0)
    told: set[str] = set()  # each news event's title and situation are told once, however many groups it made
    blocks: list[str] = []
    for group in groups:
        when = f" ({_date(session, group.turn)})" if group.turn != first else ""
        lines: list[str] = []
        if group.kind in _NEWS:
            event = session.compiled.events[session.compiled.event_index(group.event)]
            if group.event not in told:
                told.add(group.event)
                lines += wrap(f"News: {say_line(session, event.title)}{when}", width, "", "  ")
                if event.model is not None:
                    lines.append(paragraphs(say(session, event.model.situation), width))
            heading = "What it changed"
        elif group.kind == "drift":
            heading = f"With the passing of time{when}"
        elif group.kind == "delayed":
            heading = say_line(session, group.heading) + when
        else:
            heading = f"Your choice{when}"
        if group.text:
            lines.append(paragraphs(say(session, group.text), width))
        lines += _line(heading, group.changes, session, width)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def news(session: Session, entries: list[LedgerEntry], width: int) -> str:
    """The news that landed among these entries: each event's title and text, without the changes."""
    blocks = []
    for event in explain.news(session, entries):
        if event.model is not None:
            blocks.append("\n".join(wrap(f"News: {say_line(session, event.title)}", width, "", "  "))
                          + "\n" + paragraphs(say(session, event.model.situation), width))
    return "\n\n".join(blocks)


def _net(session: Session, meter_id: str, mine: list[LedgerEntry]) -> str | None:
    """A meter's net change over its entries in words, or None when it ended where it began and was not held at a
    bound all along."""
    delta = mine[-1].after - mine[0].before
    last: Bound = explain.bound(session, mine[-1])
    if abs(delta) < 1e-9:
        if all(e.delta == 0 for e in mine) and last is not None:
            return moved(session, meter_id, 0.0, mine[-1].after, last)
        return None
    pushed = (last == "ceiling" and delta > 0) or (last == "floor" and delta < 0)
    return moved(session, meter_id, delta, mine[-1].after, last if pushed else None)


def since_last(session: Session, entries: list[LedgerEntry], width: int) -> str:
    """One sentence: the net change of each meter over these entries ("" when there are none)."""
    if not entries:
        return ""
    start = "Since your last decision" if session.decisions else "Since the game began"
    parts = []
    for item in session.scenario.model.meters:
        mine = [e for e in entries if e.meter == item.id]
        words = _net(session, item.id, mine) if mine else None
        if words is not None:
            parts.append(f"{say_line(session, item.label)} {words}")
    sentence = f"{start}: " + ("; ".join(parts) if parts else "no meter ended up different") + "."
    lines = wrap(sentence, width, "", "  ")
    hint = "(l: the ledger)"  # kept whole: a command cut from its meaning would mislead
    if len(lines[-1]) + 1 + len(hint) <= width:
        lines[-1] += " " + hint
    else:
        lines.append("  " + hint)
    return "\n".join(lines)


def _cause(session: Session, entry: LedgerEntry) -> str:
    """A ledger line's cause in a few words (the long texts are in the story)."""
    heading = say_line(session, explain.heading(session, entry))
    if entry.kind == "drift":
        return "the drift of time"
    if entry.kind == "random":
        return f"a random event, {heading}"
    if entry.kind == "scheduled":
        return f"a consequence, {heading}"
    if entry.kind == "happening":
        return f"news, {heading}"
    return heading[:1].lower() + heading[1:]


def ledger(session: Session, entries: list[LedgerEntry], width: int) -> str:
    """The full ledger of these entries: one line per meter change, with its date and cause."""
    if not entries:
        return "No meter changed."
    lines = ["What changed and why:"]
    for entry, item in zip(entries, explain.changes(session, entries), strict=True):
        text = f"{_date(session, entry.turn)}: {moved_change(session, item)}, because of {_cause(session, entry)}."
        lines += wrap(text, width, "- ", "  ")
    return "\n".join(lines)
