"""The sides of a compiled scenario: each role's view, who decides each event, joint decisions, news, verdicts and
temperaments (docs/design/sides.md); a format-1 file gets the default: its roles, seeing everything."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from partnership_game.scenario.conditions import Compiled
from partnership_game.scenario.models import Counsel, Prose, Scenario, ShortProse

JOINT: Literal["joint"] = "joint"
VerdictWord = Literal["good", "mixed", "bad"]
Lookahead = Literal["historical", "random", "mixed"]
Decider = int | Literal["joint"] | None  # a role's index, "joint", or None (a happening or a delayed effect)
BUILTIN_TEMPERAMENTS = ("historical", "balanced")
DEFAULT_VERDICT_VALUES: Mapping[str, float] = {"good": 4.0, "mixed": 1.0, "bad": -4.0}


@dataclass(frozen=True)
class SideRole:
    """One side: `good[m]` is +1 (higher is better for it), -1 or 0 per meter in the scenario's meter order;
    `sees_meters[m]` and `sees_flags[f]` say what it is shown during play (the rest waits for the debrief)."""

    index: int
    id: str
    label: str
    good: tuple[int, ...]
    sees_meters: tuple[bool, ...]
    sees_flags: tuple[bool, ...]
    country: str | None = None
    capital: str | None = None

    @property
    def seat(self) -> str:
        """How the others name an unseen decision of this side: "a decision in Moscow" (capital, else label)."""
        return self.capital or self.label


@dataclass(frozen=True)
class SideOption:
    """One side's own option in a joint event; `condition` greys it out for that side only."""

    id: str
    label: ShortProse
    historical: bool
    condition: Compiled | None = None
    unavailable_text: str | None = None
    text: Prose | None = None


@dataclass(frozen=True)
class JointSide:
    """What one deciding role sees of a joint event: its situation, its advisors and its options."""

    role: int
    situation: Prose
    advisors: tuple[Counsel, ...]
    options: tuple[SideOption, ...]


@dataclass(frozen=True)
class JointEvent:
    """A joint decision: `event` is the compiled event's index, whose options are the product of the sides'
    options; `combined[(a, b)]` is the compiled option index for side 0 choosing a and side 1 choosing b (one
    entry per tuple of per-side option indices, in `sides` order)."""

    event: int
    id: str
    sides: tuple[JointSide, ...]
    combined: Mapping[tuple[int, ...], int]

    def option_for(self, choices: Mapping[int, int]) -> int:
        """The compiled option index for each deciding role's option index (`{role index: option index}`)."""
        return self.combined[tuple(choices[side.role] for side in self.sides)]

    def choices_of(self, option: int) -> dict[int, int]:
        """The other way round: each deciding role's option index in a compiled option."""
        for key, value in self.combined.items():
            if value == option:
                return {side.role: k for side, k in zip(self.sides, key, strict=True)}
        raise KeyError(option)

    def side_of(self, role: int) -> JointSide:
        return next(side for side in self.sides if side.role == role)


@dataclass(frozen=True)
class Verdict:
    """One side's judgement of an ending: its word and its text (variants chosen in the final state)."""

    word: VerdictWord
    text: Prose


@dataclass(frozen=True)
class Goal:
    """A named outcome a temperament wants; `says` is the debrief's phrase ("kept Congress on side")."""

    id: str
    weight: float
    condition: Compiled
    says: str


@dataclass(frozen=True)
class Temperament:
    """How a counterpart plays `role`: weights over the meters and flags that side sees (ids to weights), goals,
    the value of each verdict word, and how its futures are played."""

    id: str
    role: int
    label: str
    description: str | None
    weights: Mapping[str, float]
    goals: tuple[Goal, ...] = ()
    verdict_values: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_VERDICT_VALUES))
    lookahead: Lookahead = "mixed"
    builtin: bool = False


@dataclass(frozen=True)
class Sides:
    """Everything about the sides, indexed like the compiled scenario: `decides[e]` per compiled event,
    `audience[e]` the roles shown a happening, `joint` by compiled event index, `news[(event, option)]` what the
    other sides are told of a decision, `verdicts[(ending id, role id)]`."""

    roles: tuple[SideRole, ...]
    decides: tuple[Decider, ...] = ()
    audience: tuple[tuple[int, ...], ...] = ()
    joint: Mapping[int, JointEvent] = field(default_factory=dict)
    news: Mapping[tuple[int, int], Prose] = field(default_factory=dict)
    verdicts: Mapping[tuple[str, str], Verdict] = field(default_factory=dict)
    temperaments: tuple[Temperament, ...] = ()
    format_version: int = 1

    def role_index(self, role_id: str) -> int:
        for role in self.roles:
            if role.id == role_id:
                return role.index
        raise KeyError(role_id)

    def temperaments_of(self, role: int) -> tuple[Temperament, ...]:
        return tuple(t for t in self.temperaments if t.role == role)

    def temperament(self, role: int, temperament_id: str) -> Temperament:
        for t in self.temperaments:
            if t.role == role and t.id == temperament_id:
                return t
        raise KeyError(temperament_id)

    def verdict(self, ending_id: str, role: int) -> Verdict | None:
        """None in a format-1 file: its endings carry no verdicts."""
        return self.verdicts.get((ending_id, self.roles[role].id))

    def sees_meter(self, role: int, meter: int) -> bool:
        return self.roles[role].sees_meters[meter]

    def sees_flag(self, role: int, flag: int) -> bool:
        return self.roles[role].sees_flags[flag]


# A Sides with no roles is never a real one: CompiledScenario takes it as "not given" and builds the default.
UNSET = Sides(roles=())


def builtin_temperaments(roles: tuple[SideRole, ...], meter_ids: tuple[str, ...]) -> tuple[Temperament, ...]:
    """`historical` and `balanced` for every role: weight 1 on every meter the side sees and has a `good` for."""
    found: list[Temperament] = []
    for role in roles:
        weights = {m: 1.0 for k, m in enumerate(meter_ids) if role.sees_meters[k] and role.good[k] != 0}
        found.append(Temperament("historical", role.index, "Historical", "Takes the choice history took where "
                                 "there is one; elsewhere decides as balanced.", weights, builtin=True))
        found.append(Temperament("balanced", role.index, "Balanced", "Weighs every meter it sees equally, each "
                                 "the way that is good for its side.", weights, builtin=True))
    return tuple(found)


def format1_sides(scenario: Scenario, event_count: int) -> Sides:
    """The sides of a format-1 file: its roles, each with the meters' own `good` and seeing every meter and every
    flag not hidden; each decision decided by its `role` (or the first); no news, no verdicts; built-in
    temperaments only. `event_count` is the compiled events' count (delayed effects come after the story's)."""
    good = tuple(1 if m.good == "up" else -1 for m in scenario.meters)
    sees_meters = tuple(True for _ in scenario.meters)
    sees_flags = tuple(not f.hidden for f in scenario.flags)
    roles = tuple(SideRole(i, r.id, r.label, good, sees_meters, sees_flags) for i, r in enumerate(scenario.roles))
    index = {r.id: r.index for r in roles}
    decides: list[Decider] = [
        (index.get(e.role, 0) if e.role is not None else 0) if e.options else None for e in scenario.events
    ]
    decides += [None] * (event_count - len(decides))
    everyone = tuple(range(len(roles)))
    return Sides(
        roles=roles,
        decides=tuple(decides),
        audience=tuple(everyone for _ in range(event_count)),
        temperaments=builtin_temperaments(roles, tuple(m.id for m in scenario.meters)),
    )
