"""The scenario format 2 (two sides) as strict models: what format 1 has, plus roles' views, joint events,
news, verdicts and temperaments (docs/design/sides.md). Shapes shared with format 1 are its own models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from partnership_game.scenario import models
from partnership_game.scenario.model_base import Condition, Id, Model, ShortText, Text
from partnership_game.scenario.models import Counsel, Effect, Outcome, Prose, ShortProse

MAX_ROLES = 4
WEIGHT_LIMIT = 100
Good = Literal["up", "down", "none"]
OptionChoice = Id | Annotated[list[Id], Field(min_length=1, max_length=5)]  # an option id, `any`, or a list


class Role(Model):
    """A side, with its own view: which way each meter is good for it and what it is shown during play."""

    id: Id = Field(description="the role's id; an event's `role` names it (`joint` is reserved)")
    label: ShortText = Field(description="the side's name as players read it")
    country: ShortText | None = Field(default=None, description="the country, for reports and team columns")
    capital: ShortText | None = Field(default=None, description="where its decisions are taken; the others read "
                                      "'a decision in <capital>' for one they are not told about")
    good: dict[Id, Good] = Field(description="every meter, once: `up` (higher is better for this side), `down`, or "
                                 "`none`")
    sees: list[Id] = Field(max_length=400, description="the meters and flags this side is shown during play (the "
                           "rest only in the debrief); a hidden flag may not be listed")


class Meter(models.Meter):
    """A meter of format 2: which way is good is said by each role, not by the meter."""

    good: Literal["up", "down"] | None = Field(  # type: ignore[assignment]
        default=None, description="not in format 2: each role's `good` says it (run partnership-game migrate)")


class Option(models.Option):
    """An option of a decision owned by one role, with what the other sides are told of it."""

    news: Prose | None = Field(default=None, description="what every other side is told when this is chosen "
                               "(text or variants); left out, they learn of it in the debrief")


class SideOption(Model):
    """One side's option in a joint event: its own `effects` land whatever the other side chose (its cost at
    home). It has no `outcomes`, `result` or `news`: the matching `resolve` entry draws and tells what happened."""

    id: Id = Field(description="unique among this side's options")
    label: ShortProse = Field(description="the choice as this side sees it (text or variants)")
    text: Prose | None = Field(default=None, description="what the choice means, in a sentence or two")
    historical: bool = Field(default=False, description="`true` on the choice this side made (at most one)")
    condition: Condition | None = Field(default=None, description="while false, greyed out for this side only")
    unavailable_text: ShortText | None = Field(default=None, description="the reason shown while it is greyed out")
    effects: list[Effect] = Field(default=[], description="what choosing it does whatever the other side chose")


class JointSide(Model):
    """What one deciding role sees of a joint event."""

    situation: Prose = Field(description="what is happening, as this side sees it (text or variants)")
    advisors: list[Counsel] = Field(default=[], max_length=30, description="the counsel this side hears")
    options: list[SideOption] = Field(min_length=2, max_length=5, description="this side's choices: 2 to 5")


class ResolveEntry(Model):
    """What happens between the sides for the pairs it matches (the first matching entry wins)."""

    when: dict[Id, OptionChoice] | None = Field(default=None, description="role to an option id, `any`, or a list "
                                                "of option ids; a role left out matches any; no `when`: every pair")
    result: Prose | None = Field(default=None, description="shown to both sides at the reveal")
    effects: list[Effect] = Field(default=[], description="what the pair does (not with `outcomes`)")
    outcomes: list[Outcome] = Field(default=[], description="alternatives drawn once for the pair (not with "
                                    "`effects`)")

    @model_validator(mode="after")
    def _one_kind(self) -> ResolveEntry:
        if self.effects and self.outcomes:
            raise ValueError("a resolve entry has either 'effects' or 'outcomes', not both")
        return self


class Event(models.Event):
    """An event of format 2: owned by a role (as in format 1), or joint (`role: joint`, `sides` and `resolve`)."""

    role: Id | Annotated[list[Id], Field(min_length=1, max_length=MAX_ROLES)] | None = Field(  # type: ignore[assignment]
        default=None, description="who decides (left out: the first role); `joint`: every role under `sides`; on a "
        "happening, who is shown it (a role or a list; left out: every side)")
    situation: Prose | None = Field(default=None, description="what is happening (not on a joint event: each side "  # type: ignore[assignment]
                                    "has its own)")
    options: list[Option] = Field(default=[], description="a decision's choices: 2 to 5")  # type: ignore[assignment]
    sides: dict[Id, JointSide] | None = Field(default=None, description="a joint event's deciding roles, each with "
                                              "its situation, advisors and options")
    resolve: list[ResolveEntry] = Field(default=[], max_length=25, description="a joint event's pairs, first match "
                                        "wins; every pair must be covered")

    @model_validator(mode="after")
    def _shape(self) -> Event:
        if self.role == "joint":
            # The keys a joint event may not have are reported by the checks, at the key itself.
            if self.turn is not None and self.trigger is not None:
                raise ValueError("an event fires either on a 'turn' or by a 'trigger', not both")
            return self
        if self.situation is None:
            raise ValueError("missing required key 'situation'")
        if isinstance(self.role, list) and self.options:
            raise ValueError("a list of roles names who is shown a happening; a decision has one 'role'")
        super()._shape()  # type: ignore[operator]
        return self


class Verdict(Model):
    """One side's judgement of an ending."""

    verdict: Literal["good", "mixed", "bad"] = Field(description="`good`, `mixed` or `bad` for this side")
    text: Prose = Field(description="what the ending means for this side (text or variants, chosen at the end)")


class Ending(models.Ending):
    """An ending of the world, with each side's verdict on it."""

    verdicts: dict[Id, Verdict] = Field(default={}, description="every role's verdict (required with two or more "
                                        "roles)")


class Goal(Model):
    """A named outcome a temperament wants, reported in the debrief with its `says`."""

    id: Id = Field(description="unique within the temperament")
    weight: Annotated[float, Field(ge=-WEIGHT_LIMIT, le=WEIGHT_LIMIT)] = Field(description="its value when it holds")
    when: Condition = Field(description="holds at the end of a future (names only what the side sees)")
    says: ShortText = Field(description="the debrief's phrase: 'kept Congress on side and trust above 50'")


class VerdictValues(Model):
    """The value of each verdict word at the end of a future."""

    good: Annotated[float, Field(ge=-WEIGHT_LIMIT, le=WEIGHT_LIMIT)] = 4
    mixed: Annotated[float, Field(ge=-WEIGHT_LIMIT, le=WEIGHT_LIMIT)] = 1
    bad: Annotated[float, Field(ge=-WEIGHT_LIMIT, le=WEIGHT_LIMIT)] = -4


class Temperament(Model):
    """How a counterpart plays a role nobody plays: weights over what that side sees, and goals."""

    id: Id = Field(description="unique per role; `historical` and `balanced` are built in")
    role: Id = Field(description="the role it plays")
    label: ShortText = Field(description="its name as players read it")
    description: Text | None = Field(default=None, description="how it plays, in a sentence")
    weights: dict[Id, Annotated[float, Field(ge=-WEIGHT_LIMIT, le=WEIGHT_LIMIT)]] = Field(
        default={}, description="meters and flags the side sees, each with a weight within ±100")
    goals: list[Goal] = Field(default=[], max_length=20, description="named outcomes it wants")
    verdicts: VerdictValues = Field(default=VerdictValues(), description="the value of each verdict word")
    lookahead: Literal["historical", "random", "mixed"] = Field(default="mixed", description="how its futures "
                                                                "are played")

    @model_validator(mode="after")
    def _wants(self) -> Temperament:
        if not self.weights and not self.goals:
            raise ValueError("a temperament needs 'weights' or 'goals'")
        return self


class Scenario(models.Scenario):
    """A scenario for the game A New Partnership? (format version 2: two sides)."""

    format_version: Literal[2] = Field(description="2 for this format")  # type: ignore[assignment]
    roles: list[Role] = Field(min_length=1, max_length=MAX_ROLES, description="the sides")  # type: ignore[assignment]
    meters: list[Meter] = Field(min_length=1, max_length=64, description="the numbers the game tracks")  # type: ignore[assignment]
    events: list[Event] = Field(min_length=1, max_length=2000, description="what happens and what is asked")  # type: ignore[assignment]
    endings: list[Ending] = Field(min_length=1, max_length=100, description="how it ends; exactly one is the fallback")  # type: ignore[assignment]
    temperaments: list[Temperament] = Field(default=[], max_length=40, description="counterparts' temperaments")
