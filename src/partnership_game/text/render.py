"""Plain-text pictures of a turn, each fitted to a width: header, situation, options, counsel, world and meters.

Every function returns lines no wider than `width` (a link stands whole on its own line); none knows about
terminals, input or paging. What changed (story.py), the reference answers (reference.py) and the debrief
(debrief.py) are re-exported here, so the play loop reads one module.
"""

from __future__ import annotations

from collections.abc import Sequence

from partnership_game.inert import inert_line
from partnership_game.scenario.models import Counsel, Meter
from partnership_game.session import Session, texts
from partnership_game.text.layout import paragraphs, wrap
from partnership_game.text.reference import glossary, odds, sources, timeline
from partnership_game.text.story import ledger, opening, since_last, story, this_turn
from partnership_game.text.wording import (
    accuracy_sentence,
    change,
    meter,
    number,
    say,
    say_line,
    sentence,
)

__all__ = [
    "change", "counsel", "full_turn", "glossary", "header", "ledger", "meters", "number", "odds", "opening", "options",
    "since_last", "situation", "sources", "story", "this_turn", "timeline", "world",
]


def _lines(text: str, width: int, indent: str = "", hanging: str | None = None) -> str:
    return "\n".join(wrap(text, width, indent, hanging))


RANDOM_HEADING = "Within this turn: news that asks for an answer"


def header(session: Session, width: int) -> str:
    """"Turn 4 of 14 · Sept 24, 2001 · Moscow", the turn's title, and how far the pending event is on the record.

    A random event that asks for a decision does not take the turn's title: it is news within the turn, and the
    turn's own decision keeps its heading for when it comes."""
    turns = session.scenario.model.turns
    index = min(session.state.turn, len(turns) - 1)  # after the last turn the game is over: name the last one
    turn = turns[index]
    pending = session.pending
    news = pending is not None and pending.event.random
    lines = [_lines(f"Turn {index + 1} of {len(turns)} · {say_line(session, turn.date_label or turn.date)} · "
                    f"{say_line(session, turn.place)}", width, "", "  "),
             _lines(RANDOM_HEADING if news else say_line(session, turn.title), width)]
    if pending is not None and pending.event.model is not None:
        lines.append(_lines(accuracy_sentence(session, pending.event.model), width))
    return "\n".join(lines)


def situation(session: Session, width: int) -> str:
    """The pending decision's title, who decides it (when the scenario has several roles), and its situation."""
    pending = session.pending
    if pending is None:
        return ""
    event = pending.event
    parts = [_lines(say_line(session, event.title), width)]
    model = event.model
    roles = session.scenario.model.roles
    if model is not None and model.role is not None and len(roles) > 1:
        label = next(r.label for r in roles if r.id == model.role)
        parts[0] += "\n" + _lines(f"This decision is for: {say_line(session, label)}", width)
    if model is not None:
        parts.append(paragraphs(say(session, model.situation), width))
    return "\n\n".join(parts)


_sentence = sentence


def options(session: Session, width: int, show_history: bool | None = None, full: bool = True) -> str:
    """The numbered options: with `full`, each with its text; else the label alone, one line where it fits.
    An option not available now says why in both. History's choice is marked unless a class hides it."""
    if show_history is None:
        room = session.classroom
        show_history = room is None or room.shows("historical_marks", over=session.stopped)
    pending = session.pending
    if pending is None:
        return ""
    event = pending.event
    available = session.available()
    lines = ["Your options:"]
    for k, option in enumerate(event.options):
        mark = " (history's choice)" if show_history and option.historical else ""
        reason = ""
        if not available[k]:
            why = say_line(session, option.unavailable_text) if option.unavailable_text else (
                f"needs {inert_line(option.condition.source)}" if option.condition is not None else "")
            reason = _sentence(f"Not available now: {why}" if why else "Not available now")
        label = f"{k + 1}. {inert_line(texts.label(session, option))}{mark}"
        if not full:
            lines += wrap(f"{_sentence(label)} {reason}" if reason else label, width, "", "   ")
            continue
        lines += wrap(label, width, "", "   ")
        text = event.model.options[k].text if event.model is not None else None
        if text:
            lines += wrap(" ".join(say(session, text).split()), width, "   ")
        if reason:
            lines += wrap(reason, width, "   ")
    return "\n".join(lines)


def counsel(session: Session, width: int, heard: Sequence[Counsel] | None = None) -> str:
    """What each advisor says about the pending decision (or only the advisors `heard`: one side's in a game of
    two sides), under their office and faction."""
    pending = session.pending
    model = pending.event.model if pending is not None else None
    items = heard if heard is not None else model.advisors if model is not None else []
    if not items:
        return "No advisor speaks on this decision."
    advisors = {a.id: a for a in session.scenario.model.advisors}
    blocks = ["Counsel:"]
    for item in items:
        adviser = advisors[item.advisor]
        who = _lines(f"{say_line(session, adviser.office)} ({say_line(session, adviser.faction)}):", width, "", "  ")
        blocks.append(who + "\n" + paragraphs(say(session, item.text), width, "  "))
    return "\n".join(blocks[:1]) + "\n" + "\n\n".join(blocks[1:])


def world(session: Session, width: int) -> str:
    """The visible developments that hold now, one per line: the state of the world in words."""
    values = dict(zip(session.compiled.flag_ids, session.state.flags[0].tolist(), strict=True))
    true = [say_line(session, f.label) for f in session.scenario.model.flags if not f.hidden and values[f.id]]
    if not true:
        return _lines("State of the world: none of the developments the game follows is in place now.", width)
    return "\n".join(["State of the world:"] + [line for label in true for line in wrap(label, width, "- ", "  ")])


def _scale(item: Meter) -> str:
    return f"of {number(item.max)}" if item.min == 0 else f"on a scale from {number(item.min)} to {number(item.max)}"


def _standing(value: float, thresholds: list[float]) -> str:
    """Where a value stands among a meter's thresholds, in words."""
    marks = sorted(set(thresholds))
    below = [t for t in marks if t > value]
    reached = [t for t in marks if t <= value]
    if not reached:
        return f"it is below {number(marks[0])}"
    if not below:
        return f"it is at or above {number(marks[-1])}"
    return f"it is at or above {number(reached[-1])} and below {number(below[0])}"


def _mark(threshold: object) -> float:
    """A threshold's value: a number, or a mark that carries a warning with it."""
    value = getattr(threshold, "value", threshold)
    assert isinstance(value, (int, float))
    return float(value)


def _listed(values: list[float]) -> str:
    words = [number(v) for v in sorted(set(values))]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def meters(session: Session, width: int, detailed: bool = False) -> str:
    """Each meter's value and change since the start, in words; `detailed` adds its description, range, which way
    is better and where it stands among its thresholds."""
    start = session.start_meters()
    lines = ["Meters:"]
    for meter_id, value in session.meters().items():
        item = meter(session, meter_id)
        better = "higher is better" if item.good == "up" else "lower is better"
        since = change(value - start[meter_id])
        since = "" if since == "no change" else f", {since} since the start"
        label = say_line(session, item.label)
        if not detailed:
            lines += wrap(f"{label}: {number(value)} {_scale(item)}{since} ({better}).", width, "- ", "  ")
            continue
        since = since or ", as at the start"
        lines += wrap(f"{label}: {number(value)} {_scale(item)}{since}.", width, "- ", "  ")
        if item.description:
            lines += wrap(" ".join(say(session, item.description).split()), width, "  ")
        facts = f"It runs from {number(item.min)} to {number(item.max)}; {better}."
        marks = [_mark(t) for t in item.thresholds]
        if marks:
            plural = "s" if len(set(marks)) > 1 else ""
            facts += f" Threshold{plural}: {_listed(marks)}; {_standing(value, marks)}."
        lines += wrap(facts, width, "  ")
    return "\n".join(lines)


def full_turn(session: Session, width: int) -> str:
    """Everything about the pending decision, in the old order, for --verbose, pipes and transcripts."""
    # What landed earlier in this turn: the player's own choices, or the news and delayed results it opened with
    # (under its header: they belong to its date, not to the decision before it).
    parts = [header(session, width), this_turn(session, width), opening(session, width), situation(session, width)]
    pending = session.pending
    if pending is not None and pending.event.model is not None and pending.event.model.advisors:
        parts.append(counsel(session, width))
    parts += [options(session, width), world(session, width), meters(session, width)]
    return "\n\n".join(p for p in parts if p)

