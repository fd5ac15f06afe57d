"""The compiled Sides of a format-2 scenario: roles' views, who decides, joint tables, news, verdicts and
temperaments, from the checked model, its desugared form and the conditions compiled for them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from partnership_game.scenario import format2_models as f2
from partnership_game.scenario.conditions import Compiled, Context
from partnership_game.scenario.format2_desugar import Desugared
from partnership_game.scenario.models import Prose
from partnership_game.scenario.sides import (
    JOINT,
    Decider,
    Goal,
    JointEvent,
    JointSide,
    SideOption,
    SideRole,
    Sides,
    Temperament,
    Verdict,
    builtin_temperaments,
)
from partnership_game.scenario.yaml_tree import Path

_SIGN = {"up": 1, "down": -1, "none": 0}


def all_of(parts: Sequence[Compiled]) -> Compiled:
    """One condition that holds where every part holds (a joint option is open when each side's is)."""

    def evaluate(context: Context) -> Any:
        return np.logical_and.reduce([np.asarray(p.evaluate(context)) for p in parts])

    reads = frozenset().union(*(p.reads for p in parts))
    return Compiled(" and ".join(f"({p.source})" for p in parts), "bool", evaluate, reads, None)


def joint_availability(s: f2.Scenario, d: Desugared, conditions: Mapping[Path, Compiled]) -> dict[Path, Compiled]:
    """Each combined option's availability, at the desugared option's condition path (where the compiler reads
    it): every side's own condition, joined."""
    found: dict[Path, Compiled] = {}
    for table in d.joints:
        for key, k in table.combined.items():
            parts = [conditions[p] for p in (("events", table.event, "sides", r, "options", j, "condition")
                                             for r, j in zip(table.roles, key, strict=True)) if p in conditions]
            if parts:
                found[("events", table.event, "options", k, "condition")] = parts[0] if len(parts) == 1 \
                    else all_of(parts)
    return found


def _roles(s: f2.Scenario) -> tuple[SideRole, ...]:
    return tuple(
        SideRole(i, r.id, r.label, tuple(_SIGN[r.good.get(m.id, "none")] for m in s.meters),
                 tuple(m.id in r.sees for m in s.meters), tuple(f.id in r.sees for f in s.flags), r.country,
                 r.capital)
        for i, r in enumerate(s.roles)
    )


def _joint(i: int, e: f2.Event, d: Desugared, index: Mapping[str, int],
           conditions: Mapping[Path, Compiled]) -> JointEvent:
    table = next(t for t in d.joints if t.event == i)
    sides = e.sides or {}
    return JointEvent(i, e.id, tuple(
        JointSide(index[role], side.situation, tuple(side.advisors), tuple(
            SideOption(o.id, o.label, o.historical, conditions.get(("events", i, "sides", role, "options", j,
                                                                     "condition")), o.unavailable_text, o.text)
            for j, o in enumerate(side.options)))
        for role, side in sides.items()), dict(table.combined))


def _temperaments(s: f2.Scenario, roles: tuple[SideRole, ...], index: Mapping[str, int],
                  conditions: Mapping[Path, Compiled]) -> tuple[Temperament, ...]:
    declared = tuple(
        Temperament(t.id, index[t.role], t.label, t.description, dict(t.weights),
                    tuple(Goal(g.id, g.weight, conditions[("temperaments", i, "goals", k, "when")], g.says)
                          for k, g in enumerate(t.goals)),
                    {"good": t.verdicts.good, "mixed": t.verdicts.mixed, "bad": t.verdicts.bad}, t.lookahead)
        for i, t in enumerate(s.temperaments)
    )
    return builtin_temperaments(roles, tuple(m.id for m in s.meters)) + declared


def build_sides(s: f2.Scenario, d: Desugared, event_count: int, conditions: Mapping[Path, Compiled]) -> Sides:
    """The Sides of a format-2 scenario that passed every check; `event_count` counts the compiled events."""
    roles = _roles(s)
    index = {r.id: r.index for r in roles}
    everyone = tuple(range(len(roles)))
    decides: list[Decider] = []
    audience: list[tuple[int, ...]] = []
    joint: dict[int, JointEvent] = {}
    news: dict[tuple[int, int], Prose] = {}
    for i, e in enumerate(s.events):
        if e.role == JOINT:
            joint[i] = _joint(i, e, d, index, conditions)
            decides.append(JOINT)
            audience.append(tuple(side.role for side in joint[i].sides))
            continue
        owner = index[e.role] if isinstance(e.role, str) else 0
        decides.append(owner if e.options else None)
        if e.options:
            audience.append((owner,))
        else:
            audience.append(tuple(index[r] for r in e.role) if isinstance(e.role, list) else
                            (owner,) if isinstance(e.role, str) else everyone)
        news.update({(i, j): o.news for j, o in enumerate(e.options) if o.news is not None})
    decides += [None] * (event_count - len(decides))
    audience += [everyone] * (event_count - len(audience))
    verdicts = {(ending.id, role): Verdict(v.verdict, v.text) for ending in s.endings
                for role, v in ending.verdicts.items()}
    return Sides(roles, tuple(decides), tuple(audience), joint, news, verdicts,
                 _temperaments(s, roles, index, conditions), format_version=2)
