"""Events as strict models: texts and their variants, effects, outcomes, options, triggers and the event itself."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from partnership_game.scenario.model_base import Condition, Id, Model, ShortText, Text

Turns = Annotated[int, Field(ge=1, le=50)]
MAX_VARIANTS = 30
AMOUNT_BOUND = 1e9
WEIGHT_BOUND = 1e9

# What each `accuracy` means: the guide's definitions, also shown by editors on hover.
ACCURACY = {
    "historical": "it happened, and the event tells it as the record does (several days may be drawn into one "
                  "turn); list the sources and mark the option history took `historical: true`",
    "documented_proposal": "it was proposed, demanded or debated on the record, but did not happen the way the "
                           "event plays it; list the sources that document the proposal",
    "disputed": "the sources disagree on whether or how it happened; list them, and say in `notes` where they differ",
    "invented": "written for the game, with no record behind it: a plausible happening, never a real person's "
                "words; no option is marked historical",
}
Accuracy = Literal["historical", "documented_proposal", "disputed", "invented"]


class Variant(Model):
    """One wording of a text: shown when `when` holds (the last variant has no `when`); `assumes` states what the
    wording takes for granted, checked by `analyze`."""

    when: Condition | None = Field(default=None, description="shown when this condition holds (the first variant "
                                   "that holds wins); the last variant has none")
    text: Text = Field(description="the wording")
    assumes: Condition | None = Field(default=None, description="what this wording takes for granted; never changes "
                                      "what is shown, `analyze` reports it shown while false")


class ShortVariant(Model):
    """A variant of a short text (an option's label)."""

    when: Condition | None = Field(default=None, description="shown when this condition holds (the first variant "
                                   "that holds wins); the last variant has none")
    text: ShortText = Field(description="the wording")
    assumes: Condition | None = Field(default=None, description="what this wording takes for granted; never changes "
                                      "what is shown, `analyze` reports it shown while false")


# A text a player reads: plain, or variants chosen by the state of the game (the first whose `when` holds).
Prose = Text | Annotated[list[Variant], Field(min_length=1, max_length=MAX_VARIANTS)]
ShortProse = ShortText | Annotated[list[ShortVariant], Field(min_length=1, max_length=MAX_VARIANTS)]


class AddEffect(Model):
    """`{type: add, meter: trust, amount: 5}`: adds to a meter (negative subtracts); clamped once a choice lands."""

    type: Literal["add"] = Field(description="`add`: add to a meter")
    meter: Id = Field(description="the meter to change")
    amount: Annotated[float, Field(json_schema_extra={"minimum": -AMOUNT_BOUND, "maximum": AMOUNT_BOUND})] = Field(
        description="added to the meter (negative subtracts); the meter is clamped to its range once the choice's "
                    "effects have landed")

    @field_validator("amount")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value) or abs(value) > AMOUNT_BOUND:
            raise ValueError(f"amount must be a number between -1e9 and 1e9, not {value:g}")
        return value


class SetFlagEffect(Model):
    """`{type: set_flag, flag: bases_open}`: the flag becomes true."""

    type: Literal["set_flag"] = Field(description="`set_flag`: the flag becomes true")
    flag: Id = Field(description="the flag to set")


class ClearFlagEffect(Model):
    """`{type: clear_flag, flag: bases_open}`: the flag becomes false."""

    type: Literal["clear_flag"] = Field(description="`clear_flag`: the flag becomes false")
    flag: Id = Field(description="the flag to clear")


class ScheduleEffect(Model):
    """`{type: schedule, event: duma_revolt, after_turns: 2}`: the event fires that many turns later."""

    type: Literal["schedule"] = Field(description="`schedule`: another event fires later")
    event: Id = Field(description="the event to fire (if its `condition`, if any, holds then)")
    after_turns: Turns = Field(description="how many turns later, at the start of that turn; a landing after the "
                               "last turn never happens")


class DelayedEffect(Model):
    """`{type: delayed, after_turns: 3, text: "...", effects: [...]}`: effects that land later, with the reason."""

    type: Literal["delayed"] = Field(description="`delayed`: effects that land later")
    after_turns: Turns = Field(description="how many turns later the effects land, at the start of that turn; a "
                               "landing after the last turn never happens")
    text: Prose = Field(description="tells the player why it happens (the ledger names the decision that caused it)")
    effects: list[Effect] = Field(min_length=1, description="the effects that land (a `delayed` one may nest)")


Effect = Annotated[
    AddEffect | SetFlagEffect | ClearFlagEffect | ScheduleEffect | DelayedEffect,
    Field(discriminator="type"),
]
EFFECT_KINDS = (AddEffect, SetFlagEffect, ClearFlagEffect, ScheduleEffect, DelayedEffect)


class Outcome(Model):
    """One weighted alternative: one outcome is drawn each time, with odds in proportion to the weights."""

    weight: Annotated[float, Field(json_schema_extra={"exclusiveMinimum": 0, "maximum": WEIGHT_BOUND})] = Field(
        description="its share of the odds: a positive number up to 1e9")
    text: Prose | None = Field(default=None, description="what happened, shown once when this outcome is drawn")
    effects: list[Effect] = Field(default=[], description="what this outcome does")

    @field_validator("weight")
    @classmethod
    def _positive(cls, value: float) -> float:
        if not math.isfinite(value) or value <= 0 or value > WEIGHT_BOUND:
            raise ValueError(f"weight must be a positive number up to 1e9, not {value}")
        return value


class Option(Model):
    """A choice of a decision: sure `effects`, or weighted `outcomes`, or neither (a choice that changes nothing)."""

    id: Id = Field(description="unique among the event's options; `play --choices` names it")
    label: ShortProse = Field(description="the choice as the player sees it (text or variants)")
    text: Prose | None = Field(default=None, description="what the choice means, in a sentence or two")
    result: Prose | None = Field(default=None, description="what happened and who answered, shown after choosing, "
                                 "before the numbers; chosen in the state the player chose in")
    historical: bool = Field(default=False, description="`true` on the choice that was made (at most one per event)")
    condition: Condition | None = Field(default=None, description="while false, the option is shown greyed out")
    unavailable_text: ShortText | None = Field(default=None, description="the reason shown while it is greyed out")
    effects: list[Effect] = Field(default=[], description="what choosing it does (not with `outcomes`)")
    outcomes: list[Outcome] = Field(default=[], description="alternatives drawn by weight (not with `effects`)")

    @model_validator(mode="after")
    def _one_kind(self) -> Option:
        if self.effects and self.outcomes:
            raise ValueError("an option has either 'effects' or 'outcomes', not both")
        return self


class Counsel(Model):
    """An advisor's words before the choice."""

    advisor: Id = Field(description="a declared advisor's id")
    text: Prose = Field(description="what the advisor says (text or variants); invented counsel is never a real "
                        "person's quotation")


class Source(Model):
    """Where a fact comes from; shown as "author, title, outlet, date", with the link on its own line."""

    title: ShortText = Field(description="the title of the publication, statement or book")
    url: Annotated[str, Field(pattern=r"^https?://\S+$", max_length=1000)] | None = Field(
        default=None, description="a web address starting with http:// or https://: the publisher or an official "
        "archive, never a repost")
    author: ShortText | None = Field(default=None, description="who wrote or said it (a person or an office)")
    outlet: ShortText | None = Field(default=None, description="where it appeared: a paper, an archive, a site")
    date: ShortText | None = Field(default=None, description="when it appeared, as text (e.g. 14 Nov 2001)")


# What the loader's image check accepts, as far as a pattern can say it: a relative path with forward slashes, no
# '..' part, no drive letter, ending in .png, .jpg or .jpeg (any case). Whether the file exists, stays inside the
# folder through links, and is small enough is for the game alone.
IMAGE_PATH_PATTERN = (r"^(\.|\.\.[^/\\]+|\.[^/\\.:][^/\\]*|[^/\\.]([^/\\:][^/\\]*)?)"
                      r"(/+(\.|\.\.[^/\\]+|\.?[^/\\.][^/\\]*))*$")
IMAGE_SUFFIX_PATTERN = r"[^/]\.([Pp][Nn][Gg]|[Jj][Pp][Gg]|[Jj][Pp][Ee][Gg])$"
ImagePath = Annotated[str, Field(min_length=1, max_length=300, json_schema_extra={
    "allOf": [{"pattern": IMAGE_SUFFIX_PATTERN}, {"pattern": IMAGE_PATH_PATTERN}]})]


class Image(Model):
    """`image: {file: images/station.png, caption: ..., credit: ...}`: a picture shown with the event."""

    file: ImagePath = Field(description="a PNG or JPEG inside the scenario's folder, relative to the scenario file, "
                            "with forward slashes (no `..`); at most 2 MiB and 4096 pixels a side")
    caption: ShortText | None = Field(default=None, description="words shown under the picture")
    credit: ShortText = Field(description="where the picture comes from (its author, or 'drawn for this mod')")


class Trigger(Model):
    """When a random (or rule-driven) event fires: checked at the start of every turn."""

    condition: Condition = Field(description="the event may fire on a turn where this holds")
    chance: Annotated[float, Field(json_schema_extra={"minimum": 0, "maximum": 1})] | Condition = Field(
        default=1.0, description="the probability it fires when the condition holds: a number from 0 to 1, or a "
        "number expression (`0.01 * generals`) clamped to 0..1; left out, 1: it fires whenever the condition holds")
    from_turn: Id | None = Field(default=None, description="not before this turn")
    until_turn: Id | None = Field(default=None, description="not after this turn")


class Repeat(Model):
    """How often an event may fire. A triggered event (a random one) never fires on two consecutive turns unless
    `consecutive: true`; `min_gap: N` asks for at least N turns from one firing to the next (1 allows consecutive)."""

    max_times: Annotated[int, Field(ge=1, le=50)] = Field(description="how many times it may fire in one game")
    consecutive: bool = Field(default=False, description="`true` lets a random event fire again on the next turn")
    min_gap: Annotated[int, Field(ge=1, le=50)] | None = Field(
        default=None, description="at least this many turns from one firing to the next (1 is `consecutive: true`; "
        "left out, 2 for a random event)")

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
    """A decision (it has `options`) or a happening (`effects` or `outcomes`), fired on a `turn`, by a `trigger`, or
    by another event's `schedule`."""

    id: Id = Field(description="unique among events")
    title: ShortText = Field(description="the headline")
    turn: Id | None = Field(default=None, description="fire on this turn (not with `trigger`)")
    trigger: Trigger | None = Field(default=None, description="fire when a condition holds, by chance (not with "
                                    "`turn`)")
    condition: Condition | None = Field(default=None, description="with `turn` or a schedule: fire only if this "
                                        "holds then (a triggered event keeps its condition in `trigger`)")
    repeat: Repeat | None = Field(default=None, description="how often it may fire in one game (left out: once)")
    role: Id | None = Field(default=None, description="who decides (left out: the first role)")
    accuracy: Accuracy = Field(description="how far the event rests on the record: " + "; ".join(
        f"`{value}`: {meaning}" for value, meaning in ACCURACY.items()))
    situation: Prose = Field(description="what is happening (text or variants)")
    advisors: list[Counsel] = Field(default=[], max_length=30, description="counsel before the choice")
    sources: list[Source] = Field(default=[], max_length=50, description="where the facts come from")
    notes: list[Text] = Field(default=[], max_length=30, description="where popular accounts or the source article "
                              "differ from the record; shown in the debrief")
    image: Image | None = Field(default=None, description="a picture shown with the event")
    options: list[Option] = Field(default=[], description="a decision's choices: 2 to 5")
    effects: list[Effect] = Field(default=[], description="what a happening does (not with `options` or `outcomes`)")
    outcomes: list[Outcome] = Field(default=[], description="what a happening does, drawn by weight (not with "
                                    "`options` or `effects`)")

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


DelayedEffect.model_rebuild()
Outcome.model_rebuild()
Option.model_rebuild()
Event.model_rebuild()
