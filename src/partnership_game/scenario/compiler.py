"""Turns a checked scenario model into the array form the engine runs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from partnership_game.scenario.compiled import (
    CompiledEnding,
    CompiledEvent,
    CompiledOption,
    CompiledScenario,
    CompiledVariant,
    Schedule,
    Slot,
    TextSite,
    WarningMark,
)
from partnership_game.scenario.compiled_map import compile_map
from partnership_game.scenario.conditions import Compiled
from partnership_game.scenario.models import (
    AddEffect,
    ClearFlagEffect,
    DelayedEffect,
    Effect,
    Event,
    Outcome,
    Prose,
    Scenario,
    ScheduleEffect,
    SetFlagEffect,
    ShortProse,
    Threshold,
)
from partnership_game.scenario.prose import plain, sites, variants
from partnership_game.scenario.yaml_tree import Path

DELAYED_MAX_TIMES = 50


@dataclass
class _Row:
    add: list[float]
    set_flags: list[bool]
    clear_flags: list[bool]
    weight: float = 1.0
    text: Prose | None = None
    schedules: list[tuple[int | str, int]] = field(
        default_factory=list
    )  # (event id or synthetic index, turns)


@dataclass
class _OptionDraft:
    id: str
    label: ShortProse | Prose  # a delayed effect's pseudo-option carries the effect's text
    historical: bool
    condition: Compiled | None
    unavailable_text: str | None
    rows: list[_Row]
    result: Prose | None = None


@dataclass
class _Draft:
    """An event before its rows become arrays; delayed effects add drafts as they are found."""

    id: str
    title: str
    model: Event | None
    origin: tuple[str, str] | None
    cause_text: Prose | None
    options: list[_OptionDraft]
    cause_path: Path | None = None


class _Compiler:
    def __init__(self, scenario: Scenario, conditions: dict[Path, Compiled], content_hash: str) -> None:
        self.s = scenario
        self.conditions = conditions
        self.content_hash = content_hash
        self.meter_index = {m.id: i for i, m in enumerate(scenario.meters)}
        self.flag_index = {f.id: i for i, f in enumerate(scenario.flags)}
        self.turn_index = {t.id: i for i, t in enumerate(scenario.turns)}
        self.drafts: list[_Draft] = []

    def row(
        self, effects: Sequence[Effect], origin: tuple[str, str], path: Path, weight: float = 1.0,
        text: Prose | None = None,
    ) -> _Row:
        row = _Row(
            [0.0] * len(self.meter_index),
            [False] * len(self.flag_index),
            [False] * len(self.flag_index),
            weight,
            text,
        )
        for n, effect in enumerate(effects):
            if isinstance(effect, AddEffect):
                row.add[self.meter_index[effect.meter]] += effect.amount
            elif isinstance(effect, SetFlagEffect):
                j = self.flag_index[effect.flag]
                row.set_flags[j], row.clear_flags[j] = True, False
            elif isinstance(effect, ClearFlagEffect):
                j = self.flag_index[effect.flag]
                row.set_flags[j], row.clear_flags[j] = False, True
            elif isinstance(effect, ScheduleEffect):
                row.schedules.append((effect.event, effect.after_turns))
            elif isinstance(effect, DelayedEffect):
                row.schedules.append((self.delayed(effect, origin, (*path, n)), effect.after_turns))
        return row

    def delayed(self, effect: DelayedEffect, origin: tuple[str, str], path: Path) -> int:
        """A delayed effect (at `path`) becomes a hidden happening, fired by a schedule; returns its draft's index."""
        index = len(self.drafts)
        draft = _Draft(f"{origin[0]}.{origin[1]}.later{index}", plain(effect.text), None, origin, effect.text, [],
                       (*path, "text"))
        self.drafts.append(draft)
        row = self.row(effect.effects, origin, (*path, "effects"))
        draft.options.append(_OptionDraft("_", effect.text, False, None, None, [row]))
        return index

    def rows(
        self, effects: Sequence[Effect], outcomes: Sequence[Outcome], origin: tuple[str, str], path: Path
    ) -> list[_Row]:
        """`path` leads to the owner of `effects` and `outcomes` (an option or an event)."""
        if outcomes:
            return [
                self.row(o.effects, origin, (*path, "outcomes", k, "effects"), o.weight, o.text)
                for k, o in enumerate(outcomes)
            ]
        return [self.row(effects, origin, (*path, "effects"))]

    def run(self) -> CompiledScenario:
        s = self.s
        # Story events keep their file positions as indices; delayed effects are appended after them.
        self.drafts = [_Draft(e.id, e.title, e, None, None, []) for e in s.events]
        for i, e in enumerate(s.events):
            draft = self.drafts[i]
            if e.options:
                for j, o in enumerate(e.options):
                    cond = self.conditions.get(("events", i, "options", j, "condition"))
                    rows = self.rows(o.effects, o.outcomes, (e.id, o.id), ("events", i, "options", j))
                    draft.options.append(
                        _OptionDraft(o.id, o.label, o.historical, cond, o.unavailable_text, rows, o.result)
                    )
            else:
                rows = self.rows(e.effects, e.outcomes, (e.id, "_"), ("events", i))
                draft.options.append(_OptionDraft("_", e.title, False, None, None, rows))
        event_index = {e.id: i for i, e in enumerate(s.events)}
        events = tuple(self.finish(i, d, event_index) for i, d in enumerate(self.drafts))
        endings = self.endings()
        return CompiledScenario(
            model=s,
            meter_ids=tuple(m.id for m in s.meters),
            flag_ids=tuple(f.id for f in s.flags),
            meter_min=np.array([m.min for m in s.meters], dtype=np.float64),
            meter_max=np.array([m.max for m in s.meters], dtype=np.float64),
            meter_start=np.array([m.start for m in s.meters], dtype=np.float64),
            drift=np.array([m.drift for m in s.meters], dtype=np.float64),
            flag_start=np.array([f.start for f in s.flags], dtype=np.bool_),
            events=events,
            endings=endings,
            fallback_ending=next(e.index for e in endings if e.condition is None),
            slots=self.slots(events),
            content_hash=self.content_hash,
            text_sites=self.text_sites(),
            text_conditions={c.source: c for p, c in self.conditions.items() if p[-1] in ("when", "assumes")},
            warning_marks=tuple(
                WarningMark(m.id, t.value, t.direction, t.warning)
                for m in s.meters
                for t in m.thresholds
                if isinstance(t, Threshold) and t.warning is not None
            ),
            map=compile_map(s, self.conditions),
        )

    def text_sites(self) -> tuple[TextSite, ...]:
        found = []
        for path, value, moment in sites(self.s):
            at = int(path[1])
            owner = self.s.events[at].id if path[0] == "events" else self.s.endings[at].id
            compiled = tuple(
                CompiledVariant(v.text, self.conditions.get((*path, k, "when")),
                                self.conditions.get((*path, k, "assumes")))
                for k, v in enumerate(variants(value))
            )
            found.append(TextSite(path, owner, moment, compiled))
        return tuple(found)

    def finish(self, index: int, d: _Draft, event_index: dict[str, int]) -> CompiledEvent:
        rows = [row for option in d.options for row in option.rows]
        options: list[CompiledOption] = []
        cum: list[float] = []
        first = 0
        for o in d.options:
            option_rows = o.rows
            options.append(CompiledOption(o.id, plain(o.label), o.historical, o.condition, o.unavailable_text, first,
                                          len(option_rows), o.label, o.result))
            total = sum(r.weight for r in option_rows)
            running = 0.0
            for r in option_rows:
                running += r.weight
                cum.append(running / total)
            cum[-1] = 1.0  # exactly 1, so a draw below 1 always lands on a row
            first += len(option_rows)
        schedules = tuple(
            Schedule(r, target if isinstance(target, int) else event_index[target], after)
            for r, row in enumerate(rows)
            for target, after in row.schedules
        )
        e = d.model
        trigger = e.trigger if e is not None else None
        base = f"events.{index}"
        conditions = self.conditions
        turn_count = len(self.s.turns)
        chance: Compiled | float = 1.0
        if trigger is not None:
            chance = (
                conditions[("events", index, "trigger", "chance")]
                if isinstance(trigger.chance, str)
                else float(trigger.chance)
            )
        del base
        # The gap rule is for events left to the dice: a trigger with a chance below 1, or a computed one.
        dice = trigger is not None and (isinstance(trigger.chance, str) or float(trigger.chance) < 1)
        gap = e.repeat.gap if e is not None and dice and e.repeat is not None else 0
        return CompiledEvent(
            index=index,
            id=d.id,
            title=d.title,
            is_decision=e is not None and bool(e.options),
            model=e,
            origin=d.origin,
            cause_text=plain(d.cause_text) if d.cause_text is not None else None,
            cause_prose=d.cause_text,
            cause_path=d.cause_path,
            row_prose=tuple(r.text for r in rows),
            min_gap=gap if gap > 1 and e is not None and e.repeat is not None and e.repeat.max_times > 1 else 0,
            turn=self.turn_index[e.turn] if e is not None and e.turn is not None else None,
            condition=conditions.get(("events", index, "condition")) if e is not None else None,
            trigger_condition=conditions.get(("events", index, "trigger", "condition")) if trigger else None,
            trigger_chance=chance,
            trigger_from=self.turn_index[trigger.from_turn] if trigger and trigger.from_turn else 0,
            trigger_until=(
                self.turn_index[trigger.until_turn] if trigger and trigger.until_turn else turn_count - 1
            ),
            max_times=(
                e.repeat.max_times
                if e is not None and e.repeat
                else (1 if e is not None else DELAYED_MAX_TIMES)
            ),
            options=tuple(options),
            add=np.array([r.add for r in rows], dtype=np.float64).reshape(len(rows), len(self.meter_index)),
            set_flags=np.array([r.set_flags for r in rows], dtype=np.bool_).reshape(
                len(rows), len(self.flag_index)
            ),
            clear_flags=np.array([r.clear_flags for r in rows], dtype=np.bool_).reshape(
                len(rows), len(self.flag_index)
            ),
            cum_weights=np.array(cum, dtype=np.float64),
            row_texts=tuple(plain(r.text) if r.text is not None else None for r in rows),
            schedules=schedules,
            historical_option=next((k for k, o in enumerate(options) if o.historical), -1),
        )

    def endings(self) -> tuple[CompiledEnding, ...]:
        ranked = sorted(enumerate(self.s.endings), key=lambda p: (p[1].fallback, -p[1].priority, p[0]))
        return tuple(
            CompiledEnding(
                k,
                e.id,
                e.title,
                self.conditions.get(("endings", i, "condition")),
                e.priority,
                e.immediate,
                e.historical,
                self.conditions.get(("endings", i, "assumes")),
                e.text,
                i,
            )
            for k, (i, e) in enumerate(ranked)
        )

    def slots(self, events: tuple[CompiledEvent, ...]) -> tuple[tuple[Slot, ...], ...]:
        targets = sorted({s.target for e in events for s in e.schedules})
        plan = []
        for t in range(len(self.s.turns)):
            turn_slots = [Slot("scheduled", i) for i in targets]
            turn_slots += [
                Slot("triggered", e.index)
                for e in events
                if e.trigger_condition is not None and e.trigger_from <= t <= e.trigger_until
            ]
            turn_slots += [Slot("turn", e.index) for e in events if e.turn == t]
            plan.append(tuple(turn_slots))
        return tuple(plan)


def compile_scenario(
    scenario: Scenario, conditions: dict[Path, Compiled], content_hash: str
) -> CompiledScenario:
    """The engine's form of a scenario that passed every check."""
    return _Compiler(scenario, conditions, content_hash).run()
