"""Plain-text pictures of a session: the turn, the options, what changed and why, the ending and the debrief."""

from __future__ import annotations

import textwrap

from partnership_game.engine import LedgerEntry
from partnership_game.scenario.models import Event, Meter
from partnership_game.session import Session, explain

WIDTH = 78


def _wrap(text: str, indent: str = "") -> str:
    paragraphs = [p.strip() for p in text.strip().split("\n\n")]
    return "\n\n".join(
        textwrap.fill(" ".join(p.split()), WIDTH, initial_indent=indent, subsequent_indent=indent)
        for p in paragraphs
    )


def number(value: float) -> str:
    """A meter value as words can read it: whole numbers without a decimal point."""
    return f"{value:.0f}" if abs(value - round(value)) < 1e-9 else f"{value:.1f}"


def change(delta: float) -> str:
    """'up 5', 'down 3' or 'no change': never a colour or a bare sign."""
    if abs(delta) < 1e-9:
        return "no change"
    return f"{'up' if delta > 0 else 'down'} {number(abs(delta))}"


def _meter(session: Session, meter_id: str) -> Meter:
    return next(m for m in session.scenario.model.meters if m.id == meter_id)


def turn_header(session: Session) -> str:
    model = session.scenario.model
    turn = model.turns[session.state.turn]
    date = turn.date_label or turn.date
    title = f"Turn {session.state.turn + 1} of {len(model.turns)}: {date}, {turn.place}"
    return f"{'=' * WIDTH}\n{title}\n{turn.title}\n{'=' * WIDTH}"


def world_block(session: Session) -> str:
    """The visible flags that are true now: the state of the world, in words."""
    values = dict(zip(session.compiled.flag_ids, session.state.flags[0].tolist(), strict=True))
    true = [f.label for f in session.scenario.model.flags if not f.hidden and values[f.id]]
    return "State of the world: " + ("; ".join(true) if true else "nothing yet") + "."


def meters_block(session: Session) -> str:
    start = session.start_meters()
    lines = [world_block(session), "Meters:"]
    for meter_id, value in session.meters().items():
        meter = _meter(session, meter_id)
        better = "higher is better" if meter.good == "up" else "lower is better"
        lines.append(
            f"  {meter.label}: {number(value)} of {number(meter.max)} "
            f"({change(value - start[meter_id])} since the start; {better})"
        )
    return "\n".join(lines)


def decision_block(session: Session, show_history: bool = True) -> str:
    pending = session.pending
    assert pending is not None
    event = pending.event
    model: Event | None = event.model
    parts = [f"{event.title.upper()}"]
    roles = session.scenario.model.roles
    if model is not None and model.role is not None and len(roles) > 1:
        label = next(r.label for r in roles if r.id == model.role)
        parts[0] += f"\n(This decision is for: {label})"
    if model is not None:
        parts.append(_wrap(model.situation))
        if model.advisors:
            lines = ["Counsel:"]
            advisors = {a.id: a for a in session.scenario.model.advisors}
            for counsel in model.advisors:
                adviser = advisors[counsel.advisor]
                lines.append(f"  {adviser.office} ({adviser.faction}):")
                lines.append(_wrap(counsel.text, "    "))
            parts.append("\n".join(lines))
    available = session.available()
    lines = ["Options:"]
    for k, option in enumerate(event.options):
        mark = " (what happened in history)" if show_history and option.historical else ""
        lines.append(f"  {k + 1}. {option.label}{mark}")
        text = model.options[k].text if model is not None else None
        if text:
            lines.append(_wrap(text, "     "))
        if not available[k]:
            reason = option.unavailable_text or (
                f"needs {option.condition.source}" if option.condition else ""
            )
            lines.append(f"     Not available now: {reason}")
    parts.append("\n".join(lines))
    return "\n\n".join(parts)


def ledger_lines(session: Session, entries: list[LedgerEntry]) -> str:
    """What changed and why, one line per meter change, each naming its cause."""
    if not entries:
        return "No meter changed."
    return "\n".join(
        f"  {c.meter_label} {change(c.delta)} to {number(c.after)}, because of {c.why} ({c.date})."
        for c in explain.changes(session, entries)
    )


def happenings(session: Session, entries: list[LedgerEntry]) -> str:
    """The texts of random and scheduled events that fired among these entries."""
    blocks = []
    for event in explain.news(session, entries):
        if event.model is not None:
            blocks.append(f"News: {event.title}\n{_wrap(event.model.situation, '  ')}")
    return "\n\n".join(blocks)


def ending_block(session: Session) -> str:
    ending = session.ending
    assert ending is not None
    model = next(e for e in session.scenario.model.endings if e.id == ending.id)
    where = " This is where history went." if ending.historical else ""
    return f"{'=' * WIDTH}\nTHE END: {ending.title}\n{'=' * WIDTH}\n{_wrap(model.text)}\n{where.strip()}".rstrip()


def debrief_block(session: Session) -> str:
    """The path against history, decision by decision, with the sources and the notes on the record."""
    model = session.scenario.model
    lines = ["DEBRIEF: your path against history", ""]
    differed = 0
    for number_, decision in enumerate(session.decisions, 1):
        event = decision.event
        turn = model.turns[decision.turn]
        chosen = event.options[decision.option].label
        lines.append(f"{number_}. {turn.date_label or turn.date}: {event.title}")
        lines.append(f"   You chose: {chosen}")
        if event.historical_option >= 0:
            if decision.historical:
                lines.append("   History chose the same.")
            else:
                differed += 1
                lines.append(f"   History chose: {event.options[event.historical_option].label}")
        if event.model is not None:
            lines.append(f"   Accuracy: {event.model.accuracy.replace('_', ' ')}")
            for source in event.model.sources:
                lines.append(f"   Source: {source.title}" + (f" <{source.url}>" if source.url else ""))
            for note in event.model.notes:
                lines.append(_wrap(f"Note: {note}", "   "))
        lines.append("")
    others = explain.happenings_fired(session)
    if others:
        lines.append("Other events in your game:")
        for event in others:
            assert event.model is not None
            lines.append(f"   {event.title} ({event.model.accuracy.replace('_', ' ')})")
            for source in event.model.sources:
                lines.append(f"      Source: {source.title}" + (f" <{source.url}>" if source.url else ""))
            for note in event.model.notes:
                lines.append(_wrap(f"Note: {note}", "      "))
        lines.append("")
    lines.append(f"You left the historical road at {differed} of {len(session.decisions)} decisions.")
    lines.append("")
    lines.append(meters_block(session))
    if model.questions:
        lines.append("")
        lines.append("Questions for discussion:")
        lines += [_wrap(f"- {q}", "  ") for q in model.questions]
    return "\n".join(lines)
