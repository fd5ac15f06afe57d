"""Checks on what players read: text variants and their conditions, endings' assumptions, and turn date labels."""

from __future__ import annotations

import datetime
import re
from typing import Protocol

from partnership_game.scenario import prose
from partnership_game.scenario.conditions import Kind
from partnership_game.scenario.models import Scenario
from partnership_game.scenario.yaml_tree import Path

W_DATE_LABEL = "W008"

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<{0}>[A-Za-z]{{3,9}})\.?"
# "Sept 24–27, 2001", "Oct 2-3, 2001", "Nov 30 – Dec 2, 2001", "Sept 11, 2001", "24 September 2001".
_MONTH_FIRST = re.compile(r"^\s*" + _MONTH.format("month") + r"\s+(?P<day>\d{1,2})\b")
_DAY_FIRST = re.compile(r"^\s*(?P<day>\d{1,2})\s+" + _MONTH.format("month") + r"\b")
_YEAR = re.compile(r"\b(?P<year>\d{4})\b")


class Reporter(Protocol):
    """The part of the semantic checker these checks use."""

    def report(self, path: Path, message: str, severity: str = "error", code: str = "",
               offset: int | None = None) -> None: ...

    def condition(self, source: str | None, path: Path, want: Kind = "bool") -> None: ...


def _month(word: str) -> int | None:
    word = word.lower()
    for prefix, number in _MONTHS.items():
        full = datetime.date(2001, number, 1).strftime("%B").lower()
        if word.startswith(prefix) and full.startswith(word):
            return number
    return None


def label_first_day(label: str, year: int) -> datetime.date | None:
    """The first day a date label names ("Sept 24–27, 2001" -> 2001-09-24); None if it names no day."""
    match = _MONTH_FIRST.match(label) or _DAY_FIRST.match(label)
    if match is None:
        return None
    month = _month(match.group("month"))
    if month is None:
        return None
    found = _YEAR.search(label)
    try:
        return datetime.date(int(found.group("year")) if found else year, month, int(match.group("day")))
    except ValueError:
        return None


def check_variants(checker: Reporter, scenario: Scenario) -> None:
    """Every text with variants: only the last goes without `when`; each `when` and `assumes` compiles."""
    for path, value, _moment in prose.sites(scenario):
        if isinstance(value, str):
            continue
        listed = prose.variants(value)
        last = len(listed) - 1
        for k, variant in enumerate(listed):
            if k < last and variant.when is None:
                checker.report((*path, k), f"variant {k + 1} of {last + 1} has no 'when': only the last variant "
                               "goes without one (it is shown when no other holds)")
            if k == last and variant.when is not None:
                checker.report((*path, k, "when"), f"the last variant (number {k + 1}) has a 'when': the last one "
                               "must have none, so that some text is always shown")
            checker.condition(variant.when, (*path, k, "when"))
            checker.condition(variant.assumes, (*path, k, "assumes"))
    for i, ending in enumerate(scenario.endings):
        checker.condition(ending.assumes, ("endings", i, "assumes"))


def check_date_labels(checker: Reporter, scenario: Scenario) -> None:
    """A turn's date label starts on its date's day, and labels do not run backwards."""
    previous: tuple[int, datetime.date] | None = None
    for i, turn in enumerate(scenario.turns):
        if turn.date_label is None:
            continue
        date = datetime.date.fromisoformat(turn.date)
        first = label_first_day(turn.date_label, date.year)
        if first is None:
            continue
        path: Path = ("turns", i, "date_label")
        if first != date:
            checker.report(path, f"date label '{turn.date_label}' starts on {first.isoformat()}, but the turn's "
                           f"date is {turn.date}: the label's first day must be the turn's date", "warning",
                           W_DATE_LABEL)
        if previous is not None and first < previous[1]:
            checker.report(path, f"date label '{turn.date_label}' starts before the label of the turn above it "
                           f"('{scenario.turns[previous[0]].date_label}'): players read the dates running "
                           "backwards", "warning", W_DATE_LABEL)
        previous = (i, first)
