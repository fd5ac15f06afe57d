"""Numbers, dates and shares as a reader reads them: '62', 'Sep 22', '2001-09-22', '3 of 12 (25%)'."""

from __future__ import annotations

import datetime

from partnership_game.text.render import change, number

__all__ = ["change", "now", "number", "percent", "share", "short_date", "timestamp", "zone"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(iso: str) -> str:
    """'2001-09-22' as 'Sep 22' (the charts' x labels)."""
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{_MONTHS[day.month - 1]} {day.day}"


def timestamp(text: str | None) -> str:
    """A save's ISO time in this computer's local time with its zone, '2025-03-04 15:05 CET (UTC+1)' (the zone's
    name alone when it is UTC); a time written without a zone is shown as it is, and anything unreadable is
    returned as it was (to be escaped)."""
    if not text:
        return "—"
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    local = moment.astimezone()  # the teacher reads times on the clock of the room
    return f"{local.strftime('%Y-%m-%d %H:%M')} {zone(local)}"


def zone(moment: datetime.datetime) -> str:
    """'CET (UTC+1)', 'IST (UTC+5:30)', or 'UTC'."""
    offset = moment.utcoffset() or datetime.timedelta(0)
    minutes = round(offset.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    utc = f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "") if minutes else "UTC"
    name = moment.tzname() or ""
    return utc if name in ("", "UTC", utc) or not name.isalpha() else f"{name} ({utc})"


def now() -> str:
    """The present moment as an ISO time with its zone (for a report's date when a save has none)."""
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "—"


def share(part: int, whole: int) -> str:
    """'3 of 12 (25%)'."""
    return f"{part} of {whole} ({percent(part, whole)})"
