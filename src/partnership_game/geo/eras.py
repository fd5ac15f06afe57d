"""The base map's era table checked: which units form one state on which days (used by the loader and the build)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

EARLIEST = "0000-01-01"
LATEST = "9999-12-31"


@dataclass(frozen=True)
class Era:
    """One state of the table: `members` (units of the map) drawn as one from `since` up to `until` (not included);
    None for either end means open."""

    name: str
    members: tuple[str, ...]
    since: str | None
    until: str | None

    def holds(self, day: str) -> bool:
        return (self.since or EARLIEST) <= day < (self.until or LATEST)


def era_problems(units: Sequence[str], eras: Sequence[Era]) -> list[str]:
    """What is wrong with the table, in plain words: a member that is no unit of the map, a state that ends before
    it begins, a unit in two states on the same day, a piece of a divided country (a code with a dot, never drawn
    alone) left without a state on some day."""
    known = set(units)
    problems = [f"{era.name} ({era.since or 'start'} to {era.until or 'now'}) names {member}, which is not a "
                "country of the map" for era in eras for member in era.members if member not in known]
    problems += [f"{era.name} ends ({era.until}) before it begins ({era.since})"
                 for era in eras if era.since and era.until and era.since >= era.until]
    days = sorted({EARLIEST} | {day for era in eras for day in (era.since, era.until) if day})
    for day in days:
        held: dict[str, str] = {}
        for era in eras:
            if not era.holds(day):
                continue
            for member in era.members:
                if member in held:
                    problems.append(f"on {day} {member} is in both {held[member]} and {era.name}")
                held[member] = era.name
        problems += [f"on {day} the piece {unit} belongs to no state" for unit in units
                     if "." in unit and unit not in held]
    return problems
