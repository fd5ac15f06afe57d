"""A digest of the world a compiled scenario plays (meters, flags, events, effects, endings, slots): equal digests
mean the engine plays both the same way, whatever the file's format or layout."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import numpy as np

from partnership_game.scenario.compiled import CompiledScenario
from partnership_game.scenario.conditions import Compiled


def _source(condition: Compiled | float | None) -> str:
    if isinstance(condition, Compiled):
        return condition.source
    return repr(condition)


def _parts(c: CompiledScenario) -> Iterator[object]:
    yield c.meter_ids, c.flag_ids
    yield tuple(m.good for m in c.model.meters)
    for array in (c.meter_min, c.meter_max, c.meter_start, c.drift, c.flag_start):
        yield array.tolist()
    for e in c.events:
        yield (e.id, e.title, e.is_decision, e.origin, e.turn, _source(e.condition), _source(e.trigger_condition),
               _source(e.trigger_chance), e.trigger_from, e.trigger_until, e.max_times, e.min_gap,
               e.historical_option, e.row_texts, e.schedules)
        for o in e.options:
            yield o.id, o.label, o.historical, _source(o.condition), o.unavailable_text, o.first_row, o.row_count
        for array in (e.add, e.set_flags, e.clear_flags, e.cum_weights):
            yield np.asarray(array).tolist()
    for ending in c.endings:
        yield (ending.id, ending.title, _source(ending.condition), ending.priority, ending.immediate,
               ending.historical, repr(ending.text))
    yield c.fallback_ending, c.slots


def world_digest(compiled: CompiledScenario) -> str:
    """sha256 over a canonical text of the compiled world."""
    digest = hashlib.sha256()
    for part in _parts(compiled):
        digest.update(repr(part).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()
