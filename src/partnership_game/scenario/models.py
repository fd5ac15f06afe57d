"""The scenario format v1 as strict, frozen pydantic models: the modders' contract in types."""

from __future__ import annotations

import datetime
import math
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from partnership_game.scenario.emblems import EMBLEM_SCHEMA, MAX_EMBLEM_CHARS
from partnership_game.scenario.map_models import GameMap
from partnership_game.scenario.model_base import Condition, Id, ShortText, Text

Turns = Annotated[int, Field(ge=1, le=50)]
MAX_VARIANTS = 30

# Bounds on every number a scenario holds, so that each sum and product the engine, the charts and the reports
# compute stays finite (and far from float64's limit of about 1.8e308): meters within ±1e6 and at least 0.001 wide,
# amounts and weights up to 1e9, and a condition's arithmetic within ±1e30 (conditions.py).
METER_BOUND = 1_000_000
METER_MIN_SPAN = 0.001
AMOUNT_BOUND = 1e9
WEIGHT_BOUND = 1e9
PRIORITY_BOUND = 1_000_000
METER_SHORT_CHARS = 24  # room for a meter's name in a narrow column at large text sizes

MeterShort = Annotated[str, Field(min_length=1, max_length=METER_SHORT_CHARS)]


def _meter_number(value: float) -> float:
    if not -METER_BOUND <= value <= METER_BOUND:  # also refuses NaN and infinity
        raise ValueError(f"{value:g} is out of bounds: a meter's numbers (min, max, start, drift, thresholds) "
                         f"must lie within ±{METER_BOUND:,}")
    return value


def _priority(value: int) -> int:
    if not -PRIORITY_BOUND <= value <= PRIORITY_BOUND:
        raise ValueError(f"an ending's priority must lie within ±{PRIORITY_BOUND:,}, not {value:g}")
    return value


MeterNumber = Annotated[
    float, AfterValidator(_meter_number), Field(json_schema_extra={"minimum": -METER_BOUND, "maximum": METER_BOUND})
]
Priority = Annotated[
    int, AfterValidator(_priority), Field(json_schema_extra={"minimum": -PRIORITY_BOUND, "maximum": PRIORITY_BOUND})
]


class Model(BaseModel):
    """Strict: no coercion, no unknown keys, immutable once loaded (the same rules as model_base.Model)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Role(Model):
    id: Id
    label: ShortText


class Threshold(Model):
    """`{value: 75, warning: "...", direction: up}`: a mark on a meter, with words shown when a change crosses it."""

    value: MeterNumber
    warning: ShortText | None = None
    direction: Literal["up", "down"] = "up"


class Meter(Model):
    id: Id
    label: ShortText
    short: MeterShort | None = Field(default=None, description="the label where the full one finds no room "
                                     f"(at most {METER_SHORT_CHARS} characters)")
    description: Text | None = None
    min: MeterNumber = 0
    max: MeterNumber = 100
    start: MeterNumber
    good: Literal["up", "down"]
    drift: MeterNumber = 0
    thresholds: list[MeterNumber | Threshold] = Field(default=[], max_length=50)

    @model_validator(mode="after")
    def _range(self) -> Meter:
        if self.min >= self.max:
            raise ValueError(f"min ({self.min:g}) must be below max ({self.max:g})")
        if self.max - self.min < METER_MIN_SPAN:  # a sliver of a range would scale to nothing, or to infinity
            raise ValueError(f"max ({self.max:g}) must be at least {METER_MIN_SPAN:g} above min ({self.min:g})")
        if not self.min <= self.start <= self.max:
            raise ValueError(f"start ({self.start:g}) must lie between min and max")
        values = [t.value if isinstance(t, Threshold) else t for t in self.thresholds]
        outside = [t for t in values if not self.min <= t <= self.max]
        if outside:
            raise ValueError(f"threshold {outside[0]:g} lies outside the meter's range ({self.min:g} to {self.max:g})")
        return self


class MapLink(Model):
    """`map: {feature: lourdes, shows: closed}`: while the flag is true, the scenario's map shows that feature open
    or closed (the short form of a feature's `states`)."""

    feature: Id
    shows: Literal["open", "closed"] = "open"


class Flag(Model):
    id: Id
    label: ShortText
    description: Text | None = None
    start: bool = False
    hidden: bool = False
    map: MapLink | None = None


# An advisor's emblem: a built-in name (`duma`) or an image file of the mod (`faces/minister.png`), checked in
# scenario/emblems.py; the schema lists the names so that editors complete them.
Emblem = Annotated[str, Field(min_length=1, max_length=MAX_EMBLEM_CHARS), WithJsonSchema(EMBLEM_SCHEMA)]


class Advisor(Model):
    id: Id
    office: ShortText
    faction: ShortText
    emblem: Emblem | None = None


class GlossaryTerm(Model):
    term: ShortText
    text: Text
    aliases: list[ShortText] = []


class Variant(Model):
    """One wording of a text: shown when `when` holds (the last variant has no `when`); `assumes` states what the
    wording takes for granted, checked by `analyze`."""

    when: Condition | None = None
    text: Text
    assumes: Condition | None = None


class ShortVariant(Model):
    """A variant of a short text (an option's label)."""

    when: Condition | None = None
    text: ShortText
    assumes: Condition | None = None


# A text a player reads: plain, or variants chosen by the state of the game (the first whose `when` holds).
Prose = Text | Annotated[list[Variant], Field(min_length=1, max_length=MAX_VARIANTS)]
ShortProse = ShortText | Annotated[list[ShortVariant], Field(min_length=1, max_length=MAX_VARIANTS)]


class Turn(Model):
    id: Id
    date: str = Field(description="YYYY-MM-DD")
    date_label: ShortText | None = None
    place: ShortText
    title: ShortText

    @field_validator("date")
    @classmethod
    def _real_date(cls, value: str) -> str:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a date written YYYY-MM-DD") from None
        if len(value) != 10:
            raise ValueError(f"'{value}' is not a date written YYYY-MM-DD")
        return value


class AddEffect(Model):
    """`{type: add, meter: trust, amount: 5}`: adds to a meter (negative subtracts); clamped once a choice lands."""

    type: Literal["add"]
    meter: Id
    amount: Annotated[float, Field(json_schema_extra={"minimum": -AMOUNT_BOUND, "maximum": AMOUNT_BOUND})]

    @field_validator("amount")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value) or abs(value) > AMOUNT_BOUND:
            raise ValueError(f"amount must be a number between -1e9 and 1e9, not {value:g}")
        return value


class SetFlagEffect(Model):
    """`{type: set_flag, flag: bases_open}`: the flag becomes true."""

    type: Literal["set_flag"]
    flag: Id


class ClearFlagEffect(Model):
    """`{type: clear_flag, flag: bases_open}`: the flag becomes false."""

    type: Literal["clear_flag"]
    flag: Id


class ScheduleEffect(Model):
    """`{type: schedule, event: duma_revolt, after_turns: 2}`: the event fires that many turns later."""

    type: Literal["schedule"]
    event: Id
    after_turns: Turns


class DelayedEffect(Model):
    """`{type: delayed, after_turns: 3, text: "...", effects: [...]}`: effects that land later, with the reason."""

    type: Literal["delayed"]
    after_turns: Turns
    text: Prose
    effects: list[Effect] = Field(min_length=1)


Effect = Annotated[
    AddEffect | SetFlagEffect | ClearFlagEffect | ScheduleEffect | DelayedEffect,
    Field(discriminator="type"),
]


class Outcome(Model):
    weight: Annotated[float, Field(json_schema_extra={"exclusiveMinimum": 0, "maximum": WEIGHT_BOUND})]
    text: Prose | None = None
    effects: list[Effect] = []

    @field_validator("weight")
    @classmethod
    def _positive(cls, value: float) -> float:
        if not math.isfinite(value) or value <= 0 or value > WEIGHT_BOUND:
            raise ValueError(f"weight must be a positive number up to 1e9, not {value}")
        return value


class Option(Model):
    id: Id
    label: ShortProse
    text: Prose | None = None
    result: Prose | None = Field(default=None, description="what happened and who answered, shown after choosing")
    historical: bool = False
    condition: Condition | None = None
    unavailable_text: ShortText | None = None
    effects: list[Effect] = []
    outcomes: list[Outcome] = []

    @model_validator(mode="after")
    def _one_kind(self) -> Option:
        if self.effects and self.outcomes:
            raise ValueError("an option has either 'effects' or 'outcomes', not both")
        return self


class Counsel(Model):
    advisor: Id
    text: Prose


class Source(Model):
    """Where a fact comes from; shown as "author, title, outlet, date", with the link on its own line."""

    title: ShortText
    url: Annotated[str, Field(pattern=r"^https?://\S+$", max_length=1000)] | None = None
    author: ShortText | None = Field(default=None, description="who wrote or said it (a person or an office)")
    outlet: ShortText | None = Field(default=None, description="where it appeared: a paper, an archive, a site")
    date: ShortText | None = Field(default=None, description="when it appeared, as text (e.g. 14 Nov 2001)")


class Image(Model):
    """`image: {file: images/station.png, caption: ..., credit: ...}`: a picture shown with the event."""

    file: Annotated[str, Field(min_length=1, max_length=300)]
    caption: ShortText | None = None
    credit: ShortText


class Trigger(Model):
    condition: Condition
    chance: float | Condition = 1.0
    from_turn: Id | None = None
    until_turn: Id | None = None


class Repeat(Model):
    """How often an event may fire. A triggered event (a random one) never fires on two consecutive turns unless
    `consecutive: true`; `min_gap: N` asks for at least N turns from one firing to the next (1 allows consecutive)."""

    max_times: Annotated[int, Field(ge=1, le=50)]
    consecutive: bool = False
    min_gap: Annotated[int, Field(ge=1, le=50)] | None = None

    @model_validator(mode="after")
    def _gap(self) -> Repeat:
        if self.consecutive and self.min_gap is not None and self.min_gap != 1:
            raise ValueError(
                f"'consecutive: true' allows firing on the next turn; 'min_gap: {self.min_gap}' forbids it"
            )
        return self

    @property
    def gap(self) -> int:
        """Turns from one firing to the earliest next one."""
        if self.min_gap is not None:
            return self.min_gap
        return 1 if self.consecutive else 2


class Event(Model):
    id: Id
    title: ShortText
    turn: Id | None = None
    trigger: Trigger | None = None
    condition: Condition | None = None
    repeat: Repeat | None = None
    role: Id | None = None
    accuracy: Literal["historical", "documented_proposal", "disputed", "invented"]
    situation: Prose
    advisors: list[Counsel] = Field(default=[], max_length=30)
    sources: list[Source] = Field(default=[], max_length=50)
    notes: list[Text] = Field(default=[], max_length=30)
    image: Image | None = None
    options: list[Option] = []
    effects: list[Effect] = []
    outcomes: list[Outcome] = []

    @model_validator(mode="after")
    def _shape(self) -> Event:
        if self.turn is not None and self.trigger is not None:
            raise ValueError("an event fires either on a 'turn' or by a 'trigger', not both")
        if self.trigger is not None and self.condition is not None:
            raise ValueError("a triggered event keeps its condition inside 'trigger'")
        if self.options:
            if self.effects or self.outcomes:
                raise ValueError("a decision has 'options'; its effects belong to the options")
            if not 2 <= len(self.options) <= 5:
                raise ValueError(f"a decision needs 2 to 5 options, not {len(self.options)}")
        elif self.effects and self.outcomes:
            raise ValueError("a happening has either 'effects' or 'outcomes', not both")
        elif not self.effects and not self.outcomes:
            raise ValueError("an event needs 'options' (a decision) or 'effects' or 'outcomes' (a happening)")
        return self


class Ending(Model):
    id: Id
    title: ShortText
    text: Prose
    condition: Condition | None = None
    assumes: Condition | None = Field(default=None, description="what the ending takes for granted, e.g. "
                                      "'not treaty_signed'; checked by analyze")
    priority: Priority = 0
    fallback: bool = False
    historical: bool = False
    immediate: bool = False

    @model_validator(mode="after")
    def _fallback(self) -> Ending:
        if self.fallback and self.condition is not None:
            raise ValueError("the fallback ending has no condition")
        if self.fallback and self.immediate:
            raise ValueError("the fallback ending cannot be immediate")
        if not self.fallback and self.condition is None:
            raise ValueError("an ending needs a 'condition' (or 'fallback: true')")
        return self


class Scenario(Model):
    format_version: Literal[1]
    id: Id
    title: ShortText
    description: Text
    briefing: Text | None = None
    authors: list[ShortText] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1, max_length=20)
    meters: list[Meter] = Field(min_length=1, max_length=64)
    flags: list[Flag] = Field(default=[], max_length=256)
    advisors: list[Advisor] = Field(default=[], max_length=100)
    glossary: list[GlossaryTerm] = Field(default=[], max_length=1000)
    turns: list[Turn] = Field(min_length=1, max_length=64)
    events: list[Event] = Field(min_length=1, max_length=2000)
    endings: list[Ending] = Field(min_length=1, max_length=100)
    questions: list[Text] = []
    map: GameMap | None = Field(default=None, description="what the map shows: the view, insets and features")
    silence_warnings: list[Annotated[str, Field(pattern=r"^W[0-9]{3}$")]] = Field(
        default=[], description="warning codes this scenario does not want reported (errors cannot be silenced)")


DelayedEffect.model_rebuild()
Outcome.model_rebuild()
Option.model_rebuild()
Event.model_rebuild()
