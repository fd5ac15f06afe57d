"""Landings that can never come: a delayed effect or a schedule due after the last turn, from the earliest turn its
event can fire on (the engine drops such a landing without a word, so the validator says it)."""

from __future__ import annotations

from collections.abc import Sequence

from partnership_game.scenario.models import DelayedEffect, Effect, Event, Scenario, ScheduleEffect
from partnership_game.scenario.text_checks import Reporter
from partnership_game.scenario.yaml_tree import Path

W_LANDS_AFTER_END = "W014"


def _earliest_turn(event: Event, turn_ids: list[str], scheduled: set[str]) -> int:
    """The first turn (0-based) the event can fire on: its own turn, its trigger's from_turn, or the first; a
    scheduled event can come one turn after the first, at the earliest."""
    earliest = len(turn_ids)
    if event.turn in turn_ids:
        earliest = turn_ids.index(event.turn)
    elif event.trigger is not None:
        earliest = turn_ids.index(event.trigger.from_turn) if event.trigger.from_turn in turn_ids else 0
    if event.id in scheduled:
        earliest = min(earliest, 1)
    return earliest


def _scheduled(effects: Sequence[Effect]) -> set[str]:
    found: set[str] = set()
    for effect in effects:
        if isinstance(effect, ScheduleEffect):
            found.add(effect.event)
        elif isinstance(effect, DelayedEffect):
            found |= _scheduled(effect.effects)
    return found


def _effect_lists(event: Event) -> list[tuple[Path, Sequence[Effect]]]:
    """Every list of effects an event holds, with its path inside the event."""
    lists: list[tuple[Path, Sequence[Effect]]] = [(("effects",), event.effects)]
    lists += [(("outcomes", k, "effects"), o.effects) for k, o in enumerate(event.outcomes)]
    for j, option in enumerate(event.options):
        lists.append((("options", j, "effects"), option.effects))
        lists += [(("options", j, "outcomes", k, "effects"), o.effects) for k, o in enumerate(option.outcomes)]
    return lists


def _walk(reporter: Reporter, effects: Sequence[Effect], path: Path, turn: int, turn_ids: list[str],
          fired_on: str) -> None:
    last = len(turn_ids) - 1
    for i, effect in enumerate(effects):
        if not isinstance(effect, (DelayedEffect, ScheduleEffect)):
            continue
        due = turn + effect.after_turns
        if due > last:
            what = "this delayed effect" if isinstance(effect, DelayedEffect) else f"scheduling '{effect.event}'"
            reporter.report(
                (*path, i, "after_turns"),
                f"{what} is due {effect.after_turns} turn{'s' * (effect.after_turns != 1)} after {fired_on}, past "
                f"the last turn ('{turn_ids[last]}', turn {last + 1}): it never lands; shorten 'after_turns' or "
                "add a turn",
                "warning",
                W_LANDS_AFTER_END,
            )
        elif isinstance(effect, DelayedEffect):
            _walk(reporter, effect.effects, (*path, i, "effects"), due, turn_ids,
                  f"turn {due + 1} (where the delayed effect around it lands)")


def check_late_landings(reporter: Reporter, scenario: Scenario) -> None:
    """Warn (W014) at each `after_turns` whose landing comes after the last turn, wherever its event fires."""
    turn_ids = [t.id for t in scenario.turns]
    scheduled = {name for event in scenario.events for _, effects in _effect_lists(event)
                 for name in _scheduled(effects)}
    for e, event in enumerate(scenario.events):
        turn = _earliest_turn(event, turn_ids, scheduled)
        if turn >= len(turn_ids):
            continue  # it never fires (W003 or an undeclared turn says so)
        fired_on = (f"turn {turn + 1} ('{turn_ids[turn]}')" if event.turn == turn_ids[turn] and event.id not in
                    scheduled else f"turn {turn + 1}, the earliest this event can fire on")
        for path, effects in _effect_lists(event):
            _walk(reporter, effects, ("events", e, *path), turn, turn_ids, fired_on)
