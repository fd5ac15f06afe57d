"""The base map's states on a date as a scenario names them: code, names, and what of today's map each is."""

from __future__ import annotations

from dataclasses import dataclass

from partnership_game.geo.basemap import BaseMap, DateLike, Entity, iso_day


@dataclass(frozen=True)
class DrawnState:
    """One state the base map draws on a day: the code and name a region's `countries` may use, its other names,
    and, for a state of the past or a divided country's half, what of today's map it covers (empty for a country
    drawn as it is today)."""

    code: str
    name: str
    also: tuple[str, ...]
    made_of: str

    def words(self) -> tuple[str, ...]:
        """Every word a region may name it by: its code, its name and its other names."""
        return (self.code, self.name, *self.also)


def drawn_day(base: BaseMap, date: DateLike) -> str:
    """The day whose borders the map draws for `date`: the date itself, or the first day its era data knows."""
    day = iso_day(date)
    return max(day, base.borders_from)


def states_on(base: BaseMap, date: DateLike, search: str = "") -> list[DrawnState]:
    """The states drawn on `date` (the first day the era data knows, for an earlier one), by name; with `search`,
    those whose code, name, other names or any of today's countries in them contain it (any case)."""
    day = drawn_day(base, date)
    today = {e.iso: e for e in base.active(None)}
    pieces = {member: e for e in today.values() for member in e.members}  # DEU.W -> today's Germany
    states = [DrawnState(e.iso, e.name, e.also, _made_of(e, today, pieces)) for e in base.active(day)]
    wanted = search.strip().casefold()
    if wanted:
        states = [s for s in states if any(wanted in word.casefold() for word in (*s.words(), s.made_of))]
    return sorted(states, key=lambda s: (s.name.casefold(), s.code))


def _made_of(entity: Entity, today: dict[str, Entity], pieces: dict[str, Entity]) -> str:
    """What of today's map a state covers: '' for a country drawn as it is today; else today's countries in it, or
    the part of one it is (West Germany: part of today's Germany, DEU)."""
    members = entity.members or (entity.iso,)
    whole: list[Entity] = [today[m] for m in members if m in today]
    parts: list[Entity] = []
    for m in members:
        owner = pieces.get(m)
        if m in today or owner is None or owner in whole or owner in parts:
            continue
        (whole if set(owner.members) <= set(members) else parts).append(owner)
    if not parts and len(whole) == 1 and (whole[0].iso, whole[0].name) == (entity.iso, entity.name):
        return ""
    said = []
    if whole:
        said.append("today's " + ", ".join(f"{e.name} ({e.iso})" for e in whole))
    if parts:
        said.append("part of today's " + ", ".join(f"{e.name} ({e.iso})" for e in parts))
    return "; ".join(said)
