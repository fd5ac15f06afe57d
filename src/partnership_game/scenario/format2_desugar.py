"""Format 2 turned into the format-1 model the compiler takes: a joint event becomes one decision whose options
are the product of the sides' options; `moves` say where each part of the result was written in the file."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from partnership_game.scenario import format2_models as f2
from partnership_game.scenario import models
from partnership_game.scenario.prose import plain
from partnership_game.scenario.yaml_tree import Document, Mark, Path

M = TypeVar("M", bound=BaseModel)
ANY = "any"
# The warnings format 2 adds; the format-1 checks do not know them, so they are silenced here, not there.
FORMAT2_WARNINGS = ("W010", "W011", "W012", "W013")


@dataclass(frozen=True)
class JointTable:
    """A joint event's product: `roles` in `sides` order, and per tuple of side option indices the compiled
    option index and the resolve entry that matched (-1: none)."""

    event: int
    roles: tuple[str, ...]
    combined: dict[tuple[int, ...], int]
    entry: dict[tuple[int, ...], int]


@dataclass
class Desugared:
    joints: list[JointTable] = field(default_factory=list)
    moves: dict[Path, Path] = field(default_factory=dict)  # a path of the format-1 model -> the file's path
    model: models.Scenario | None = None

    @property
    def scenario(self) -> models.Scenario:
        assert self.model is not None, "desugar() sets it"
        return self.model


def _as(cls: type[M], source: BaseModel, **changes: Any) -> M:
    """`source` as a `cls` (a format-1 model), its fields shared, without validating again."""
    values = {name: getattr(source, name) for name in cls.model_fields if hasattr(source, name)}
    values.update(changes)
    return cls.model_construct(_fields_set=set(values), **values)


def matches(entry: f2.ResolveEntry, picked: dict[str, str]) -> bool:
    """Whether a resolve entry covers a pair (role -> option id)."""
    for role, want in (entry.when or {}).items():
        got = picked.get(role)
        if want == ANY:
            continue
        if got != want and not (isinstance(want, list) and got in want):
            return False
    return True


def _joint(i: int, e: f2.Event, d: Desugared) -> models.Event:
    sides = e.sides or {}
    roles = tuple(sides)
    here: Path = ("events", i)
    d.moves[(*here, "options")] = (*here, "sides")
    table = JointTable(i, roles, {}, {})
    options: list[models.Option] = []
    ranges = [range(len(sides[r].options)) for r in roles]
    for key in itertools.product(*ranges):
        chosen = [sides[r].options[k] for r, k in zip(roles, key, strict=True)]
        picked = {r: o.id for r, o in zip(roles, chosen, strict=True)}
        entry_at = next((n for n, entry in enumerate(e.resolve) if matches(entry, picked)), -1)
        entry = e.resolve[entry_at] if entry_at >= 0 else f2.ResolveEntry()
        at: Path = (*here, "options", len(options))
        d.moves[at] = (*here, "sides", roles[0], "options", key[0])
        entry_path: Path = (*here, "resolve", entry_at)
        own: list[tuple[models.Effect, Path]] = [
            (effect, (*here, "sides", r, "options", k, "effects", n))
            for r, k, o in zip(roles, key, chosen, strict=True) for n, effect in enumerate(o.effects)
        ]
        effects, outcomes = _landing(own, entry, entry_path, at, d)
        if entry_at >= 0 and entry.result is not None:
            d.moves[(*at, "result")] = (*entry_path, "result")
        table.combined[key] = len(options)
        table.entry[key] = entry_at
        options.append(models.Option.model_construct(
            id="+".join(o.id for o in chosen), label=" / ".join(plain(o.label) for o in chosen), text=None,
            result=entry.result, historical=all(_the_mark(sides[r].options, k) for r, k in zip(roles, key,
                                                                                               strict=True)),
            condition=None, unavailable_text=None, effects=effects, outcomes=outcomes))
    d.joints.append(table)
    advisors: list[models.Counsel] = []
    for r in roles:
        for j, counsel in enumerate(sides[r].advisors):
            d.moves[(*here, "advisors", len(advisors))] = (*here, "sides", r, "advisors", j)
            advisors.append(counsel)
    if roles:
        d.moves[(*here, "situation")] = (*here, "sides", roles[0], "situation")
    d.moves[(*here, "advisors")] = (*here, "sides")
    situation = sides[roles[0]].situation if roles else e.title
    return _as(models.Event, e, role=None, situation=situation, advisors=advisors[:30], options=options,
               effects=[], outcomes=[])


def _landing(own: list[tuple[models.Effect, Path]], entry: f2.ResolveEntry, entry_path: Path, at: Path,
             d: Desugared) -> tuple[list[models.Effect], list[models.Outcome]]:
    """A pair's effects (the sides' own, then the entry's), or the entry's outcomes with the sides' effects first
    in each; the moves point each effect back to where it is written."""
    if entry.outcomes:
        outcomes = []
        d.moves[(*at, "outcomes")] = (*entry_path, "outcomes")
        for q, outcome in enumerate(entry.outcomes):
            out_at: Path = (*at, "outcomes", q)
            d.moves[out_at] = (*entry_path, "outcomes", q)
            listed = own + [(x, (*entry_path, "outcomes", q, "effects", n)) for n, x in enumerate(outcome.effects)]
            for n, (_effect, source) in enumerate(listed):
                d.moves[(*out_at, "effects", n)] = source
            outcomes.append(_as(models.Outcome, outcome, effects=[x for x, _ in listed]))
        return [x for x, _ in own], outcomes
    listed = own + [(x, (*entry_path, "effects", n)) for n, x in enumerate(entry.effects)]
    if listed:
        d.moves[(*at, "effects")] = listed[0][1][:-1]
    for n, (_effect, source) in enumerate(listed):
        d.moves[(*at, "effects", n)] = source
    return [x for x, _ in listed], []


def _the_mark(options: Sequence[f2.SideOption], k: int) -> bool:
    """The side's one historical option (two marks are an error: then none counts)."""
    marked = [j for j, o in enumerate(options) if o.historical]
    return marked == [k]


def _event(i: int, e: f2.Event, d: Desugared) -> models.Event:
    if e.role == "joint":
        return _joint(i, e, d)
    options = [_as(models.Option, o) for o in e.options]
    role = e.role if isinstance(e.role, str) else None  # a happening's audience lives in the sides
    return _as(models.Event, e, role=role, options=options)


def desugar(s: f2.Scenario) -> Desugared:
    """The format-1 model of a structurally valid format-2 scenario (its names may still be wrong: the checks say)."""
    d = Desugared()
    first = s.roles[0].good
    meters = [_as(models.Meter, m, good="down" if first.get(m.id) == "down" else "up") for m in s.meters]
    events = [_event(i, e, d) for i, e in enumerate(s.events)]
    kept = [(i, code) for i, code in enumerate(s.silence_warnings) if code not in FORMAT2_WARNINGS]
    for k, (i, _code) in enumerate(kept):
        d.moves[("silence_warnings", k)] = ("silence_warnings", i)
    d.model = _as(
        models.Scenario, s, format_version=1, roles=[models.Role(id=r.id, label=r.label) for r in s.roles],
        meters=meters, events=events, endings=[_as(models.Ending, e) for e in s.endings],
        silence_warnings=[code for _, code in kept],
    )
    return d


class _Moved(dict[Path, Mark]):
    """A document's positions looked up through `moves`: the longest moved prefix of a path is replaced by the
    path it came from, so a problem found in the format-1 model is reported where the file says it."""

    def __init__(self, base: dict[Path, Mark], moves: dict[Path, Path]) -> None:
        super().__init__()
        self.base = base
        self.moves = moves

    def source(self, path: Path) -> Path:
        for n in range(len(path), 0, -1):
            moved = self.moves.get(path[:n])
            if moved is not None:
                return (*moved, *path[n:])
        return path

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self.source(path) in self.base

    def __getitem__(self, path: Path) -> Mark:
        return self.base[self.source(path)]

    def get(self, path: Path, default: Any = None) -> Any:
        return self.base.get(self.source(path), default)


def moved_document(doc: Document, moves: dict[Path, Path]) -> Document:
    """The file's document, read at the format-1 model's paths."""
    return Document(doc.data, _Moved(doc.values, moves), _Moved(doc.keys, moves))
