"""Who sits in each side's chair: a person (with a name) or a counterpart of a temperament."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from partnership_game.scenario.sides import Sides
from partnership_game.session.limits import MAX_PLAYER_CHARS

PLAYER = "player"
COUNTERPART = "counterpart:"
DEFAULT_TEMPERAMENT = "historical"


class SeatingError(ValueError):
    """A side or temperament the scenario does not have; the message names what it has."""


@dataclass(frozen=True)
class Seat:
    """One side's chair: `temperament` is None for a person (named `name`, or not), else the counterpart's."""

    role: int
    temperament: str | None = None
    name: str | None = None

    @property
    def person(self) -> bool:
        return self.temperament is None

    @property
    def by(self) -> str:
        """How a save records this seat's decisions: "player" or "counterpart:TEMPERAMENT"."""
        return PLAYER if self.temperament is None else COUNTERPART + self.temperament


@dataclass(frozen=True)
class Seating:
    """Every side's seat, in the scenario's role order."""

    seats: tuple[Seat, ...]

    def of(self, role: int) -> Seat:
        return self.seats[role]

    @property
    def people(self) -> tuple[int, ...]:
        """The roles played by a person, in role order."""
        return tuple(s.role for s in self.seats if s.person)

    @property
    def hotseat(self) -> bool:
        return len(self.people) > 1

    def header(self, sides: Sides) -> dict[str, str]:
        """The save header's `sides`: {role id: "player" | "counterpart:TEMPERAMENT"}."""
        return {sides.roles[s.role].id: s.by for s in self.seats}

    def names(self, sides: Sides) -> dict[str, str]:
        """The save header's `players`: {role id: name} for the people who gave one."""
        return {sides.roles[s.role].id: s.name for s in self.seats if s.person and s.name is not None}


def _role(sides: Sides, role_id: str) -> int:
    try:
        return sides.role_index(role_id)
    except KeyError:
        known = ", ".join(r.id for r in sides.roles)
        raise SeatingError(f"this scenario has no side '{role_id}' (its sides: {known})") from None


def _temperament(sides: Sides, role: int, temperament: str) -> str:
    known = [t.id for t in sides.temperaments_of(role)]
    if temperament not in known:
        raise SeatingError(f"{sides.roles[role].id} has no temperament '{temperament}' (it has: {', '.join(known)})")
    return temperament


def _checked_name(name: str | None) -> str | None:
    if name is not None and len(name) > MAX_PLAYER_CHARS:
        raise SeatingError(f"a player's name is longer than {MAX_PLAYER_CHARS} characters")
    return name


def solo(sides: Sides, side: str | None = None, temperament: str = DEFAULT_TEMPERAMENT,
         name: str | None = None) -> Seating:
    """One person on `side` (default: the first role), every other side a counterpart of `temperament` (each
    side is checked to have it; SeatingError names what the scenario has)."""
    mine = 0 if side is None else _role(sides, side)
    seats = tuple(
        Seat(r.index, name=_checked_name(name)) if r.index == mine else
        Seat(r.index, _temperament(sides, r.index, temperament))
        for r in sides.roles
    )
    return Seating(seats)


def hotseat(sides: Sides, names: Mapping[str, str] | None = None) -> Seating:
    """Every side played by a person at one machine, with their names where given ({role id: name})."""
    names = dict(names or {})
    for role_id in names:
        _role(sides, role_id)
    return Seating(tuple(Seat(r.index, name=_checked_name(names.get(r.id))) for r in sides.roles))


def from_header(sides: Sides, header: Mapping[str, str], names: Mapping[str, str]) -> Seating:
    """The seating a save's header describes (SeatingError for a side or temperament the scenario lacks)."""
    seats: list[Seat] = []
    for r in sides.roles:
        by = header.get(r.id, PLAYER)
        if by == PLAYER:
            seats.append(Seat(r.index, name=_checked_name(names.get(r.id))))
        elif by.startswith(COUNTERPART):
            seats.append(Seat(r.index, _temperament(sides, r.index, by[len(COUNTERPART):])))
        else:
            raise SeatingError(f"side '{r.id}' is played by '{by}' (expected player or counterpart:TEMPERAMENT)")
    for role_id in list(header) + list(names):
        _role(sides, role_id)
    return Seating(tuple(seats))


def from_class(sides: Sides, seats: Mapping[str, str], temperaments: Mapping[str, str],
               name: str | None = None) -> Seating:
    """A class file's seats ({role id: "player" | "counterpart"}), each counterpart of the class's temperament
    for it (absent: historical); `name` goes to the one person when there is only one (SeatingError as above)."""
    people = [role_id for role_id, seat in seats.items() if seat == PLAYER]
    header = {role_id: PLAYER if seat == PLAYER else COUNTERPART + temperaments.get(role_id, DEFAULT_TEMPERAMENT)
              for role_id, seat in seats.items()}
    return from_header(sides, header, {people[0]: name} if name is not None and len(people) == 1 else {})
