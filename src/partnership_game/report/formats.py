"""Numbers, dates and shares as a reader reads them: '62', 'Sep 22', '2001-09-22', '3 of 12 (25%)'."""

from __future__ import annotations

import datetime

from partnership_game.text.render import change, number

__all__ = ["change", "number", "percent", "share", "short_date", "timestamp"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(iso: str) -> str:
    """'2001-09-22' as 'Sep 22' (the charts' x labels)."""
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{_MONTHS[day.month - 1]} {day.day}"


def timestamp(text: str | None) -> str:
    """A save's ISO time as '2025-03-04 14:05 UTC'; anything unreadable is returned as it was (to be escaped)."""
    if not text:
        return "—"
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC)
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "—"


def share(part: int, whole: int) -> str:
    """'3 of 12 (25%)'."""
    return f"{part} of {whole} ({percent(part, whole)})"
