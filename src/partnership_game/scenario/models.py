"""The scenario format v1 as strict, frozen pydantic models: the modders' contract in types.

Events live in event_models.py and the map in map_models.py; every field's description is also the guide's
reference (scenario/reference.py writes it)."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, WithJsonSchema, field_validator, model_validator

from partnership_game.scenario.emblems import EMBLEM_SCHEMA, MAX_EMBLEM_CHARS
from partnership_game.scenario.event_models import AMOUNT_BOUND as AMOUNT_BOUND
from partnership_game.scenario.event_models import MAX_VARIANTS as MAX_VARIANTS
from partnership_game.scenario.event_models import WEIGHT_BOUND as WEIGHT_BOUND
from partnership_game.scenario.event_models import AddEffect as AddEffect
from partnership_game.scenario.event_models import ClearFlagEffect as ClearFlagEffect
from partnership_game.scenario.event_models import Counsel as Counsel
from partnership_game.scenario.event_models import DelayedEffect as DelayedEffect
from partnership_game.scenario.event_models import Effect as Effect
from partnership_game.scenario.event_models import Event as Event
from partnership_game.scenario.event_models import Image as Image
from partnership_game.scenario.event_models import Option as Option
from partnership_game.scenario.event_models import Outcome as Outcome
from partnership_game.scenario.event_models import Prose as Prose
from partnership_game.scenario.event_models import Repeat as Repeat
from partnership_game.scenario.event_models import ScheduleEffect as ScheduleEffect
from partnership_game.scenario.event_models import SetFlagEffect as SetFlagEffect
from partnership_game.scenario.event_models import ShortProse as ShortProse
from partnership_game.scenario.event_models import ShortVariant as ShortVariant
from partnership_game.scenario.event_models import Source as Source
from partnership_game.scenario.event_models import Trigger as Trigger
from partnership_game.scenario.event_models import Variant as Variant
from partnership_game.scenario.map_models import GameMap
from partnership_game.scenario.model_base import Condition, Id, Model, ShortText, Text

# Bounds on every number a scenario holds, so that each sum and product the engine, the charts and the reports
# compute stays finite (and far from float64's limit of about 1.8e308): meters within ±1e6 and at least 0.001 wide,
# amounts and weights up to 1e9 (event_models.py), and a condition's arithmetic within ±1e30 (conditions.py).
METER_BOUND = 1_000_000
METER_MIN_SPAN = 0.001
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


class Role(Model):
    """A playable side."""

    id: Id = Field(description="the role's id; an event's `role` names it")
    label: ShortText = Field(description="the side's name as players read it")


class Threshold(Model):
    """`{value: 75, warning: "...", direction: up}`: a mark on a meter, with words shown when a change crosses it."""

    value: MeterNumber = Field(description="where the mark sits, within the meter's range")
    warning: ShortText | None = Field(default=None, description="the words shown when a change crosses the mark")
    direction: Literal["up", "down"] = Field(default="up", description="`up`: warn when the meter rises to the "
                                             "value or past it; `down`: when it falls to it or below")


class Meter(Model):
    """A number the game tracks (trust, resistance...), shown with its label, trend and marks."""

    id: Id = Field(description="unique among meters and flags; conditions and `add` effects name it")
    label: ShortText = Field(description="the meter's name as players read it")
    short: MeterShort | None = Field(default=None, description="the label where the full one finds no room "
                                     f"(at most {METER_SHORT_CHARS} characters)")
    description: Text | None = Field(default=None, description="what the meter measures, in a sentence or two")
    min: MeterNumber = Field(default=0, description="the lowest value; effects are clamped to it")
    max: MeterNumber = Field(default=100, description="the highest value (at least 0.001 above `min`); effects are "
                             "clamped to it")
    start: MeterNumber = Field(description="the value at the start, between `min` and `max`")
    good: Literal["up", "down"] = Field(description="which way is better for the player")
    drift: MeterNumber = Field(default=0, description="added at the end of every turn")
    thresholds: list[MeterNumber | Threshold] = Field(default=[], max_length=50, description="values marked on the "
                                                      "meter: a bare number, or a threshold with a warning")

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

    feature: Id = Field(description="a feature of the scenario's map that has no `states` of its own")
    shows: Literal["open", "closed"] = Field(default="open", description="how the feature is drawn while the flag "
                                             "is true (the other way while no linked flag is)")


class Flag(Model):
    """A yes/no fact of the world; a visible one that is true is shown as the state of the world."""

    id: Id = Field(description="unique among meters and flags; conditions and flag effects name it")
    label: ShortText = Field(description="the fact as players read it while it is true")
    description: Text | None = Field(default=None, description="what the fact means, in a sentence or two")
    start: bool = Field(default=False, description="its value at the start")
    hidden: bool = Field(default=False, description="`true`: bookkeeping only, never shown to the player")
    map: MapLink | None = Field(default=None, description="a map feature it opens or closes")


# An advisor's emblem: a built-in name (`duma`) or an image file of the mod (`faces/minister.png`), checked in
# scenario/emblems.py.
Emblem = Annotated[str, Field(min_length=1, max_length=MAX_EMBLEM_CHARS), WithJsonSchema(EMBLEM_SCHEMA)]


class Advisor(Model):
    """A voice who gives counsel, speaking for an office and a faction."""

    id: Id = Field(description="unique among advisors; counsel names it")
    office: ShortText = Field(description="the office that speaks (Minister of Defence)")
    faction: ShortText = Field(description="the faction this voice speaks for (free text)")
    emblem: Emblem | None = Field(default=None, description="a built-in emblem's name (`duma`), or a PNG or JPEG "
                                  "inside the scenario's folder (`faces/envoy.png`); left out, the office's initials")


class GlossaryTerm(Model):
    """A term the texts use, explained on hover and in the help."""

    term: ShortText = Field(description="the term as the texts write it")
    text: Text = Field(description="what it means")
    aliases: list[ShortText] = Field(default=[], description="other spellings to recognise in the texts")


class Turn(Model):
    """A dated step of the story; turns run in date order."""

    id: Id = Field(description="unique among turns; an event's `turn` names it")
    date: str = Field(description="YYYY-MM-DD, a real date, quoted; not before the turn above it", json_schema_extra={
        "pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"})
    date_label: ShortText | None = Field(default=None, description="how the date is shown (Sept 24–27, 2001); it "
                                         "starts on `date`")
    place: ShortText = Field(description="where the turn is played")
    title: ShortText = Field(description="the turn's heading")

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


class Ending(Model):
    """How the game ends: the highest `priority` whose condition holds after the last turn, or the fallback."""

    id: Id = Field(description="unique among endings")
    title: ShortText = Field(description="the ending's heading")
    text: Prose = Field(description="the epilogue (text or variants)")
    condition: Condition | None = Field(default=None, description="the ending is reached when this holds; every "
                                        "ending but the fallback has one")
    assumes: Condition | None = Field(default=None, description="what the ending takes for granted, e.g. "
                                      "'not treaty_signed'; checked by analyze")
    priority: Priority = Field(default=0, description="higher is checked first; equal priorities go in file order")
    fallback: bool = Field(default=False, description="`true` on exactly one ending, reached when no other is; it "
                           "has no condition")
    historical: bool = Field(default=False, description="`true` on where history went (at most one ending)")
    immediate: bool = Field(default=False, description="checked after every change: the game ends at once when it "
                            "holds (not the fallback)")

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
    """A scenario for the game A New Partnership? (format version 1)."""

    format_version: Literal[1] = Field(description="always 1 for this format")
    id: Id = Field(description="the scenario's id, unique among built-ins and mods; `--scenario` and saves use it")
    title: ShortText = Field(description="shown on the title and picker screens")
    description: Text = Field(description="a paragraph for the picker and the briefing")
    briefing: Text | None = Field(default=None, description="the longer text shown before the first turn")
    authors: list[ShortText] = Field(min_length=1, description="who wrote it")
    roles: list[Role] = Field(min_length=1, max_length=20, description="the playable sides")
    meters: list[Meter] = Field(min_length=1, max_length=64, description="the numbers the game tracks")
    flags: list[Flag] = Field(default=[], max_length=256, description="yes/no facts of the world")
    advisors: list[Advisor] = Field(default=[], max_length=100, description="who gives counsel")
    glossary: list[GlossaryTerm] = Field(default=[], max_length=1000, description="terms the texts use")
    turns: list[Turn] = Field(min_length=1, max_length=64, description="the dated turns, in order")
    events: list[Event] = Field(min_length=1, max_length=2000, description="what happens and what is asked")
    endings: list[Ending] = Field(min_length=1, max_length=100, description="how it ends; exactly one is the fallback")
    questions: list[Text] = Field(default=[], description="questions for discussion, shown in the debrief")
    map: GameMap | None = Field(default=None, description="what the map shows: the view, insets and features")
    silence_warnings: list[Annotated[str, Field(pattern=r"^W[0-9]{3}$")]] = Field(
        default=[], description="warning codes this scenario does not want reported (errors cannot be silenced)")
