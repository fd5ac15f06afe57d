"""What changed, as a story: what happened (once), then the numbers and the warnings they crossed, the news; a
summary; the ledger."""

from __future__ import annotations

from dataclasses import dataclass, field

from partnership_game.engine import LedgerEntry
from partnership_game.engine.ledger import Happened
from partnership_game.inert import inert, inert_line
from partnership_game.scenario.compiled import CompiledEvent
from partnership_game.session import Session, explain
from partnership_game.session.explain import Bound, Change
from partnership_game.session.texts import crossed
from partnership_game.session.this_turn import choice_entries, earlier_this_turn
from partnership_game.text.layout import paragraphs, wrap
from partnership_game.text.wording import ACCURACY_WORDS, moved, moved_change, say, say_line, sentence

_NEWS = ("random", "scheduled", "happening")
# The order a story tells its blocks in: the choice, the news, results that come back later, the drift of time.
_ORDER = {"decision": 0, "outcome": 0, "random": 1, "scheduled": 1, "happening": 1, "delayed": 2, "drift": 3}


def _line(heading: str, items: list[Change], session: Session, width: int) -> list[str]:
    """One cause's changes on one (wrapped) line: "Your choice: Trust up 5 to 40; Elite resistance up 4 to 34."."""
    return wrap(f"{heading}: " + "; ".join(moved_change(session, c) for c in items) + ".", width, "", "  ")


def _date(session: Session, turn: int) -> str:
    item = session.scenario.model.turns[turn]
    return say_line(session, item.date_label or item.date)


@dataclass
class _Told:
    """One thing that landed (a decision, an event, a delayed result) or one turn's drift, with its changes."""

    turn: int
    kind: str
    event: str
    item: Happened | None  # None for drift
    entries: list[LedgerEntry] = field(default_factory=list)


def _aligned(session: Session) -> tuple[list[_Told], list[int]]:
    """Everything the ledger recorded, in order, each landing with its entries, and where each starts among the
    ledger's entries. The engine records a landing's words, then its entries, together; drift comes at a turn's
    end with no words of its own."""
    ledger = session.state.ledger
    if ledger is None:
        return [], []
    entries = ledger.entries
    told: list[_Told] = []
    starts: list[int] = []
    j = 0
    for item in ledger.happened:
        while j < len(entries) and entries[j].kind == "drift" and entries[j].turn <= item.turn:
            if not told or told[-1].item is not None or told[-1].turn != entries[j].turn:
                told.append(_Told(entries[j].turn, "drift", "", None))
                starts.append(j)
            told[-1].entries.append(entries[j])
            j += 1
        told.append(_Told(item.turn, item.kind, item.event, item))
        starts.append(j)
        while (j < len(entries) and entries[j].kind == item.kind and entries[j].turn == item.turn
               and entries[j].event == item.event and entries[j].option == item.option):
            told[-1].entries.append(entries[j])
            j += 1
    while j < len(entries):
        if not told or told[-1].item is not None or told[-1].turn != entries[j].turn:
            told.append(_Told(entries[j].turn, "drift", "", None))
            starts.append(j)
        told[-1].entries.append(entries[j])
        j += 1
    return told, starts


def _covered(session: Session, entries: list[LedgerEntry]) -> list[_Told]:
    """What landed among `entries` (a run of the ledger, as after a decision), with what changed nothing there:
    a landing without changes inside the run, or at its start from the decision just taken on (what came before
    that decision at the same place was told after the decision before it)."""
    told, starts = _aligned(session)
    ledger_entries = session.state.ledger.entries if session.state.ledger else []
    total = len(ledger_entries)
    ids = {id(e) for e in entries}
    first = next((k for k, e in enumerate(ledger_entries) if e is entries[0]), None) if entries else None
    start = first if first is not None else total
    end = start + len(entries) if first is not None else total
    at_start = [k for k, (block, at) in enumerate(zip(told, starts, strict=True))
                if at == start and block.item is not None and not block.item.news]
    latest = at_start[-1] if at_start else len(told)  # the decision just taken, when it stands at the start
    chosen: list[_Told] = []
    for k, (block, at) in enumerate(zip(told, starts, strict=True)):
        if block.entries:
            mine = [e for e in block.entries if id(e) in ids]
            if mine:
                chosen.append(_Told(block.turn, block.kind, block.event, block.item, mine))
        elif (at == start and k >= latest) or start < at < end or at == end == total > start:
            chosen.append(block)
    return chosen


def _heading(session: Session, block: _Told, when: str) -> str:
    if block.kind == "drift":
        return f"With the passing of time{when}"
    if block.kind == "delayed":
        return say_line(session, explain.heading(session, block.entries[0])) + when if block.entries else ""
    if block.kind in _NEWS:
        return "What it changed"
    return f"Your choice{when}"


def _news_line(session: Session, event: CompiledEvent, when: str) -> str:
    """"News: Manas (Dec 13, 2001; on the record)": an event's title, its date when not the turn last shown, and
    how far it rests on the record."""
    notes = [when] if when else []
    if event.model is not None:
        notes.append(ACCURACY_WORDS[event.model.accuracy])
    return f"News: {say_line(session, event.title)}" + (f" ({'; '.join(notes)})" if notes else "")


def story(session: Session, entries: list[LedgerEntry], width: int) -> str:
    """After a decision: what happened, then the numbers. The choice's result and the outcome the dice drew (each
    told once, in the words chosen as it landed), its changes on one line and the warnings they crossed; then the
    news that landed (title, accuracy, text and drawn outcome, then its changes); delayed results; the drift of
    time. The news that opens the next turn is left to `opening`, under that turn's header. '' when nothing
    happened."""
    opens = _opening_turn(session)
    blocks_told = sorted((b for b in _covered(session, entries) if not _opens(b, opens)),
                         key=lambda b: (b.turn, _ORDER[b.kind]))
    # The first turn's date is the one the player last read in a header; a later turn's news carries its own.
    return _tell(session, blocks_told, min((b.turn for b in blocks_told), default=0), width)


def opening(session: Session, width: int) -> str:
    """The news and delayed results that landed at the start of the turn in hand, told as the story tells them,
    for under its header (they belong to its date), when that turn is a new one; '' otherwise."""
    opens = _opening_turn(session)
    if opens is None:
        return ""
    blocks = sorted((b for b in _aligned(session)[0] if _opens(b, opens)), key=lambda b: _ORDER[b.kind])
    return _tell(session, blocks, opens, width)


def _opening_turn(session: Session) -> int | None:
    """The turn of the decision in hand when no decision of it has been taken yet (its opening news is then still
    to be told), else None."""
    pending = session.pending
    if pending is None or (session.decisions and session.decisions[-1].turn >= pending.turn):
        return None
    return pending.turn


def _opens(block: _Told, turn: int | None) -> bool:
    return block.turn == turn and block.item is not None and block.item.news


def _tell(session: Session, blocks_told: list[_Told], first: int, width: int) -> str:
    """The blocks as paragraphs; a block of a turn after `first` carries its date."""
    news_told: set[str] = set()  # each news event's title and situation are told once
    warned: set[str] = set()
    blocks: list[str] = []
    for block in blocks_told:
        when_words = _date(session, block.turn) if block.turn != first else ""
        when = f" ({when_words})" if when_words else ""
        lines: list[str] = []
        item = block.item
        if block.kind in _NEWS:
            event = session.compiled.events[session.compiled.event_index(block.event)]
            if block.event not in news_told:
                news_told.add(block.event)
                lines += wrap(_news_line(session, event, when_words), width, "", "  ")
                # Its words as it landed (the state has moved on since: its own effects, the turn's drift).
                situation = inert(item.situation) if item is not None and item.situation else (
                    say(session, event.model.situation) if event.model is not None else "")
                if situation:
                    lines.append(paragraphs(situation, width))
        if item is not None:
            # A delayed result's own words are its heading; a decision's and an event's are its result and outcome.
            text = item.heading if block.kind == "delayed" else explain.what_happened(item)
            if text:
                lines.append(paragraphs(inert(text), width))
        if block.entries:
            lines += _line(_heading(session, block, when), explain.changes(session, block.entries), session, width)
            fresh = [w for w in crossed(session, block.entries) if w not in warned]
            warned.update(fresh)
            lines += [line for w in fresh for line in wrap(f"Warning: {sentence(inert_line(w))}", width, "", "  ")]
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def news(session: Session, entries: list[LedgerEntry], width: int) -> str:
    """The news that landed among these entries: each event's title, accuracy and text, without the changes."""
    blocks = []
    for event in explain.news(session, entries):
        if event.model is not None:
            blocks.append("\n".join(wrap(_news_line(session, event, ""), width, "", "  "))
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


def this_turn(session: Session, width: int, news: bool = False) -> str:
    """The player's own decisions taken earlier in the turn in hand, each as the player's choice with what it
    changed ("Your decision this turn: The first question, “Share the files”: Trust up 7 to 47."), never as news;
    with `news`, the news that landed in the turn as news. '' when there is none."""
    blocks: list[str] = []
    for item in earlier_this_turn(session):
        moves = "; ".join(moved_change(session, c) for c in item.changes)
        if item.kind == "choice":
            told = f"Your decision this turn: {say_line(session, item.title)}, “{inert_line(item.label)}”: "
            blocks.append("\n".join(wrap(told + (moves or "no meter changed") + ".", width, "", "  ")))
        elif news:
            event = session.compiled.events[session.compiled.event_index(item.event)]
            lines = wrap(_news_line(session, event, ""), width, "", "  ")
            if item.text:
                lines.append(paragraphs(inert(item.text), width))
            if moves:
                lines += wrap(f"What it changed: {moves}.", width, "", "  ")
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def since_last(session: Session, entries: list[LedgerEntry], width: int) -> str:
    """The player's own decisions earlier in this turn, told as such (this_turn), then one sentence: the net change
    of each meter over the rest of these entries ("" when there are none)."""
    if not entries:
        return ""
    own = choice_entries(session)
    told_own = this_turn(session, width) if any(id(e) in own for e in entries) else ""
    entries = [e for e in entries if id(e) not in own]
    if not entries:
        return told_own
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
    return "\n".join(([told_own] if told_own else []) + lines)


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
