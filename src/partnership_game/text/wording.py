"""The words the terminal uses for numbers, changes, bounds and accuracy, and scenario text made safe to print."""

from __future__ import annotations

from typing import Any

from partnership_game.inert import inert, inert_line
from partnership_game.scenario.models import Event, Meter
from partnership_game.session import Session
from partnership_game.session.explain import Bound, Change
from partnership_game.session.texts import shown

# How far an event rests on the record: a few words for lists, a sentence for the header of a turn.
ACCURACY_WORDS = {
    "historical": "on the record",
    "documented_proposal": "a documented proposal",
    "disputed": "disputed",
    "invented": "written for the game",
}
ACCURACY_SENTENCES = {
    "historical": "On the record: this event happened.",
    "documented_proposal": "A documented proposal: the record shows it was put forward at the time.",
    "disputed": "Disputed: accounts of this event differ.",
    "invented": "Written for the game: this event is not on the record.",
}


def accuracy_sentence(session: Session, event: Event) -> str:
    """How far an event rests on the record, as a sentence for the line under a turn's heading; a disputed event
    says why, in its first note (where the scenario gives one)."""
    if event.accuracy == "disputed" and event.notes:
        return "Disputed: " + " ".join(say(session, event.notes[0]).split())
    return ACCURACY_SENTENCES[event.accuracy]


def say(session: Session, value: Any) -> str:  # Any: whatever `shown` accepts (plain text, or variants)
    """Scenario prose as the player reads it here: chosen by the session, control characters made visible
    (before wrapping, so an escape cannot widen a line that was measured)."""
    return inert(shown(session, value))


def say_line(session: Session, value: Any) -> str:
    """A label or title: as `say`, on one line."""
    return inert_line(shown(session, value))


def number(value: float) -> str:
    """A meter value as words can read it: whole numbers without a decimal point."""
    return f"{value:.0f}" if abs(value - round(value)) < 1e-9 else f"{value:.1f}"


def change(delta: float) -> str:
    """'up 5', 'down 3' or 'no change': never a colour or a bare sign."""
    if abs(delta) < 1e-9:
        return "no change"
    return f"{'up' if delta > 0 else 'down'} {number(abs(delta))}"


def meter(session: Session, meter_id: str) -> Meter:
    return next(m for m in session.scenario.model.meters if m.id == meter_id)


def _verdict(good: str, bound: str) -> str:
    best = (bound == "ceiling") == (good == "up")
    return "the best it can be" if best else "the worst it can be"


def moved(session: Session, meter_id: str, delta: float, after: float, bound: Bound) -> str:
    """A meter's change in words, its bound said plainly: "up 5 to 40", "up 2 to 100, its ceiling, the worst it
    can be", "already at its floor (0), the worst it can be" (an effect the bound absorbed)."""
    good = meter(session, meter_id).good
    if bound is not None and abs(delta) < 1e-9:
        return f"already at its {bound} ({number(after)}), {_verdict(good, bound)}"
    if bound is not None:
        return f"{change(delta)} to {number(after)}, its {bound}, {_verdict(good, bound)}"
    if abs(delta) < 1e-9:
        return f"no change at {number(after)}"
    return f"{change(delta)} to {number(after)}"


def moved_change(session: Session, item: Change) -> str:
    """`moved` for an explained change, with the meter's label in front."""
    return f"{say_line(session, item.meter_label)} {moved(session, item.meter, item.delta, item.after, item.bound)}"


def sentence(text: str) -> str:
    """`text` ending as a sentence does (a label or reason may already end with its own stop)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."
