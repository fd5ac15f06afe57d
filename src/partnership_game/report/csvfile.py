"""CSV as bytes for spreadsheets, with text that could start a formula defused; and the decision log's rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from partnership_game.inert import inert
from partnership_game.report.decisions import DecisionRow

DECISION_LOG_HEADER = ("number", "turn", "date", "event_id", "event_title", "option_id", "option_label",
                       "historical_option_id", "same_as_history", "what_happened", "set_by_class")
# A two-sided game's log has two more columns; a one-sided game's log keeps the columns it always had.
SIDES_LOG_HEADER = (*DECISION_LOG_HEADER, "side", "by")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def cell(value: object) -> str:
    """A CSV cell. Text a spreadsheet would read as a formula (`=`, `+`, `-`, `@`) gets a leading apostrophe:
    player names and scenario texts are other people's input. Numbers are written as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return str(value)
    text = inert(str(value))  # a file's terminal escape is shown, not obeyed, by `cat` or a spreadsheet
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 (no byte-order mark: the first bytes are the header's first name), rows ended by CRLF as RFC 4180 has."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def decision_log(rows: Sequence[DecisionRow]) -> bytes:
    """One row per decision on the branch in play; same_as_history is yes, no, or empty (history marks none);
    what_happened is the choice's result and drawn outcome as the player read them; set_by_class is yes for a
    decision the class took for its students before its start (history's choice), not theirs. A two-sided game
    adds side, the deciding side's label (a joint decision's joined by " + "), and by, who took it ("player",
    "counterpart:TEMPERAMENT"; a joint decision's halves joined by "+")."""
    two_sides = any(r.side for r in rows)
    return csv_bytes(SIDES_LOG_HEADER if two_sides else DECISION_LOG_HEADER, (
        (r.number, r.turn, r.date, r.event_id, r.event_title, r.option_id, r.option_label, r.historical_option_id,
         r.same_as_history, r.result, r.set_by_class, *((r.side, r.by) if two_sides else ())) for r in rows
    ))
