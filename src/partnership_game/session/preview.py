"""What an option is expected to do, read from the compiled scenario: for previews, never for deciding anything."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from partnership_game.scenario.compiled import CompiledEvent, CompiledScenario


@dataclass(frozen=True)
class LaterEffect:
    after_turns: int
    text: str
    changes: dict[str, float]


@dataclass(frozen=True)
class OptionPreview:
    """Expected immediate meter changes (weighted over outcomes), flags, and what lands later."""

    changes: dict[str, float]
    drawn: bool  # the option has weighted outcomes: the changes are an expectation
    flags_set: tuple[str, ...]
    flags_cleared: tuple[str, ...]
    later: tuple[LaterEffect, ...]
    follow_ups: tuple[str, ...]  # titles of events the option schedules


def _weights(event: CompiledEvent, first: int, count: int) -> npt.NDArray[np.float64]:
    cum = event.cum_weights[first : first + count]
    return np.diff(np.concatenate([[0.0], cum]))


def preview_option(scenario: CompiledScenario, event: CompiledEvent, option: int) -> OptionPreview:
    """The expected effect of taking `option` of `event`."""
    chosen = event.options[option]
    rows = range(chosen.first_row, chosen.first_row + chosen.row_count)
    weights = _weights(event, chosen.first_row, chosen.row_count)
    expected = (event.add[chosen.first_row : chosen.first_row + chosen.row_count] * weights[:, None]).sum(axis=0)
    changes = {m: float(v) for m, v in zip(scenario.meter_ids, expected, strict=True) if abs(v) > 1e-9}
    flags_set = tuple(f for j, f in enumerate(scenario.flag_ids) if event.set_flags[list(rows), j].any())
    flags_cleared = tuple(f for j, f in enumerate(scenario.flag_ids) if event.clear_flags[list(rows), j].any())
    later: list[LaterEffect] = []
    follow_ups: list[str] = []
    for schedule in event.schedules:
        if schedule.row not in rows:
            continue
        target = scenario.events[schedule.target]
        if target.origin is not None:
            adds = target.add[0]
            later.append(LaterEffect(schedule.after_turns, target.cause_text or target.title,
                                     {m: float(v) for m, v in zip(scenario.meter_ids, adds, strict=True) if v}))
        elif target.title not in follow_ups:
            follow_ups.append(target.title)
    return OptionPreview(changes, chosen.row_count > 1, flags_set, flags_cleared, tuple(later), tuple(follow_ups))
