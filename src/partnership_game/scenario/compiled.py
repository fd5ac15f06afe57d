"""The compiled scenario the engine runs: effect tables as arrays, conditions as functions, a slot plan per turn."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from partnership_game.scenario.conditions import Compiled
from partnership_game.scenario.models import Event, Scenario

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
    id: str
    label: str
    historical: bool
    condition: Compiled | None
    unavailable_text: str | None
    first_row: int
    row_count: int


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
    cause_text: str | None
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


@dataclass(frozen=True)
class CompiledEnding:
    index: int
    id: str
    title: str
    condition: Compiled | None
    priority: int
    immediate: bool
    historical: bool


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
