"""The compiled scenario the engine runs: effect tables as arrays, conditions as functions, a slot plan per turn."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from partnership_game.scenario.compiled_map import CompiledMap, undeclared_map
from partnership_game.scenario.conditions import Compiled, Context
from partnership_game.scenario.models import Event, Prose, Scenario, ShortProse
from partnership_game.scenario.prose import Moment
from partnership_game.scenario.sides import UNSET, Sides, format1_sides
from partnership_game.scenario.yaml_tree import Path

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

SlotKind = Literal["scheduled", "triggered", "turn"]


@dataclass(frozen=True)
class Schedule:
    """Row `row` of an event schedules event `target` to fire `after_turns` later."""

    row: int
    target: int
    after_turns: int


@dataclass(frozen=True)
class CompiledOption:
    """`label` is the plain wording (the last variant); `label_prose` and `result` may hold variants: read them
    through session.texts."""

    id: str
    label: str
    historical: bool
    condition: Compiled | None
    unavailable_text: str | None
    first_row: int
    row_count: int
    label_prose: ShortProse | Prose = ""
    result: Prose | None = None


@dataclass(frozen=True)
class CompiledVariant:
    """One wording of a text site with its compiled conditions (None: always)."""

    text: str
    when: Compiled | None
    assumes: Compiled | None


def _column(value: object, n: int) -> BoolArray:
    """A condition's value as one truth value per game (a constant broadcast to all N)."""
    if isinstance(value, np.ndarray) and value.shape == (n,):
        return value
    return np.full(n, bool(value))


@dataclass(frozen=True)
class TextSite:
    """One player-read text in the scenario, for checks over N games at once (analyze's coherence check).

    `path` is where it sits in the file (("events", 3, "options", 1, "result"), ("endings", 2, "text"), ...),
    `owner` the id of its event or ending, `moment` when it is read (scenario.prose.Moment: offered, chosen,
    drawn, landed, ended: a text read as a choice or happening lands is tested in the state before its effects).
    A plain text is one variant with no conditions.
    """

    path: Path
    owner: str
    moment: Moment
    variants: tuple[CompiledVariant, ...]

    @property
    def conditional(self) -> bool:
        return len(self.variants) > 1 or any(v.assumes is not None for v in self.variants)

    def pick(self, context: Context) -> IntArray:
        """(N,): the index of the variant each game reads (the first whose `when` holds)."""
        n = context.meters.shape[0]
        chosen = np.full(n, len(self.variants) - 1, dtype=np.int64)
        open_ = np.ones(n, dtype=np.bool_)
        for k, variant in enumerate(self.variants[:-1]):
            hit = open_.copy() if variant.when is None else open_ & _column(variant.when.evaluate(context), n)
            chosen[hit] = k
            open_ &= ~hit
        return chosen

    def incoherent(self, context: Context) -> BoolArray:
        """(N,): games that would read a variant whose `assumes` is false now."""
        n = context.meters.shape[0]
        chosen = self.pick(context)
        bad = np.zeros(n, dtype=np.bool_)
        for k, variant in enumerate(self.variants):
            if variant.assumes is not None:
                bad |= (chosen == k) & ~_column(variant.assumes.evaluate(context), n)
        return bad


@dataclass(frozen=True)
class CompiledEvent:
    """One event. A happening has a single pseudo-option; a delayed effect is a hidden happening of its own.

    Rows are the event's possible results (one per outcome, or one for plain effects): `add` (R, M),
    `set_flags` and `clear_flags` (R, F), and `cum_weights` (R,) cumulative within each option, ending at 1.
    """

    index: int
    id: str
    title: str
    is_decision: bool
    model: Event | None
    origin: tuple[str, str] | None  # for a delayed effect: (event id, option id) that caused it
    cause_text: str | None  # plain wording; cause_prose may hold variants
    turn: int | None
    condition: Compiled | None
    trigger_condition: Compiled | None
    trigger_chance: Compiled | float
    trigger_from: int
    trigger_until: int
    max_times: int
    options: tuple[CompiledOption, ...]
    add: FloatArray
    set_flags: BoolArray
    clear_flags: BoolArray
    cum_weights: FloatArray
    row_texts: tuple[str | None, ...]
    schedules: tuple[Schedule, ...]
    historical_option: int
    row_prose: tuple[Prose | None, ...] = ()  # each row's outcome text, variants kept
    cause_prose: Prose | None = None
    cause_path: Path | None = None  # a delayed effect's text site: where its `text` sits in the file
    min_gap: int = 0  # turns from one firing to the next (0: no rule beyond max_times)

    @property
    def random(self) -> bool:
        """Fired by a trigger (with its chance), not by the calendar or a choice."""
        return self.trigger_condition is not None

    @property
    def shown_as(self) -> Literal["decision", "news"]:
        """A decision takes the turn's heading; anything else (random, scheduled, delayed) is news within it."""
        return "decision" if self.is_decision else "news"


@dataclass(frozen=True)
class CompiledEnding:
    index: int
    id: str
    title: str
    condition: Compiled | None
    priority: int
    immediate: bool
    historical: bool
    assumes: Compiled | None = None  # what the ending takes for granted (analyze checks it where it is reached)
    text: Prose = ""
    index_in_file: int = -1  # its place in the file's `endings` list (its text site is ("endings", k, "text"))


@dataclass(frozen=True)
class WarningMark:
    """A meter threshold with words to show when a change crosses `value` going `direction`."""

    meter: str
    value: float
    direction: Literal["up", "down"]
    warning: str

    def crossed(self, before: float, after: float) -> bool:
        if self.direction == "up":
            return before < self.value <= after
        return before > self.value >= after


@dataclass(frozen=True)
class Slot:
    """A place in a turn where one event may fire; draws are keyed by (seed, turn, slot index)."""

    kind: SlotKind
    event: int


@dataclass(frozen=True)
class CompiledScenario:
    """Everything the engine needs, and the model it came from (for the front ends' texts)."""

    model: Scenario
    meter_ids: tuple[str, ...]
    flag_ids: tuple[str, ...]
    meter_min: FloatArray
    meter_max: FloatArray
    meter_start: FloatArray
    drift: FloatArray
    flag_start: BoolArray
    events: tuple[CompiledEvent, ...]
    endings: tuple[CompiledEnding, ...]  # in the order they are checked: priority high to low, fallback last
    fallback_ending: int
    slots: tuple[tuple[Slot, ...], ...]  # per turn
    content_hash: str
    # Every player-read text with its variants' compiled conditions, in file order (see TextSite).
    text_sites: tuple[TextSite, ...] = ()
    # Every variant's `when` and `assumes`, keyed by its source: how a text picked up from the model is resolved.
    text_conditions: Mapping[str, Compiled] = field(default_factory=dict)
    warning_marks: tuple[WarningMark, ...] = ()
    # What the map shows: frames, features and each feature's state for a game (scenario.compiled_map).
    map: CompiledMap = field(default_factory=undeclared_map)
    # The sides (issue 16): each role's view, joint decisions, news, verdicts, temperaments. Left out, the
    # format-1 default is built from the model: its roles, everyone seeing everything (scenario.sides).
    sides: Sides = UNSET

    def __post_init__(self) -> None:
        if not self.sides.roles:
            object.__setattr__(self, "sides", format1_sides(self.model, len(self.events)))

    @property
    def turn_count(self) -> int:
        return len(self.slots)

    def event_index(self, event_id: str) -> int:
        for event in self.events:
            if event.id == event_id:
                return event.index
        raise KeyError(event_id)

    def ending_by_id(self, ending_id: str) -> CompiledEnding:
        for ending in self.endings:
            if ending.id == ending_id:
                return ending
        raise KeyError(ending_id)
