"""The checks format 2 adds, at the file's positions: roles' views, joint events and their `resolve` coverage,
news, verdicts and temperaments (docs/design/sides.md §6); the format-1 checks run on the desugared model."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from partnership_game.scenario import format2_models as f2
from partnership_game.scenario.conditions import Compiled, ConditionError, Names, compile_condition
from partnership_game.scenario.diagnostics import Diagnostic, did_you_mean
from partnership_game.scenario.format2_desugar import ANY, matches
from partnership_game.scenario.models import AddEffect, Effect, Outcome
from partnership_game.scenario.prose import variants
from partnership_game.scenario.sides import BUILTIN_TEMPERAMENTS, JOINT
from partnership_game.scenario.yaml_tree import Document, Path

W_UNREACHED_ENTRY = "W013"  # sides.md named it W009, which the map's borders warning took first
W_NO_NEWS = "W010"
W_UNSEEN_METER = "W011"
W_ROLE_IDLE = "W012"
MIGRATE_HINT = ("format_version 2 needs 'good' and 'sees' on every role; meters no longer carry 'good' (run "
                "partnership-game migrate)")
_JOINT_ONLY_ELSEWHERE = ("options", "situation", "advisors", "effects", "outcomes")


class Format2Checker:
    """Collects the problems and compiles the conditions only format 2 has (kept by their file paths)."""

    def __init__(self, s: f2.Scenario, doc: Document, path_label: str) -> None:
        self.s = s
        self.doc = doc
        self.path_label = path_label
        self.problems: list[Diagnostic] = []
        self.conditions: dict[Path, Compiled] = {}
        self.names = Names(meters={m.id: i for i, m in enumerate(s.meters)},
                           flags={f.id: i for i, f in enumerate(s.flags)},
                           sizes={m.id: max(abs(m.min), abs(m.max)) for m in s.meters})
        self.role_ids = [r.id for r in s.roles]
        self.sees = {r.id: set(r.sees) for r in s.roles}

    def report(self, path: Path, message: str, severity: str = "error", code: str = "", at_key: bool = False,
               offset: int | None = None) -> None:
        mark = self.doc.locate(path, at_key=at_key)
        col = mark.col
        if offset is not None and mark.one_line and mark.style in (None, "", "'", '"'):
            col += offset + (1 if mark.style in ("'", '"') else 0)
        self.problems.append(Diagnostic(mark.line, col, message, severity, self.path_label, code))

    def condition(self, source: str | None, path: Path) -> Compiled | None:
        if source is None:
            return None
        try:
            compiled = compile_condition(source, self.names)
        except ConditionError as exc:
            self.report(path, f"in condition: {exc.message}", offset=exc.offset)
            return None
        self.conditions[path] = compiled
        return compiled

    def texts(self, path: Path, value: object) -> None:
        """A text only format 2 has (a side's situation, a verdict, news): its variants' conditions."""
        if value is None or isinstance(value, str):
            return
        assert isinstance(value, list)
        for k, variant in enumerate(variants(value)):
            if k < len(value) - 1 and variant.when is None:
                self.report((*path, k), f"variant {k + 1} of {len(value)} has no 'when': only the last variant "
                            "goes without one (it is shown when no other holds)")
            self.condition(variant.when, (*path, k, "when"))
            self.condition(variant.assumes, (*path, k, "assumes"))

    def run(self) -> None:
        self.roles()
        for i, m in enumerate(self.s.meters):
            if m.good is not None:
                self.report(("meters", i, "good"), MIGRATE_HINT, at_key=True)
            if not any(m.id in seen for seen in self.sees.values()):
                self.report(("meters", i, "id"), f"meter '{m.id}' is seen by no role: it shows only in the debrief",
                            "warning", W_UNSEEN_METER)
        deciders: set[str] = set()
        for i, e in enumerate(self.s.events):
            deciders |= self.event(i, e)
        for i, r in enumerate(self.s.roles):
            if r.id not in deciders:
                self.report(("roles", i, "id"), f"role '{r.id}' never decides: no event is its own or joint with it",
                            "warning", W_ROLE_IDLE)
        self.endings()
        self.temperaments()
        silenced = set(self.s.silence_warnings)
        self.problems = [p for p in self.problems if p.severity == "error" or p.code not in silenced]

    def roles(self) -> None:
        meters = [m.id for m in self.s.meters]
        flags = {f.id: f for f in self.s.flags}
        for i, r in enumerate(self.s.roles):
            here: Path = ("roles", i)
            if r.id == JOINT:
                self.report((*here, "id"), "'joint' is reserved for joint events and cannot be a role's id")
            missing = [m for m in meters if m not in r.good]
            if missing:
                self.report((*here, "good"), f"role '{r.id}' does not say which way these meters are good for it: "
                            + ", ".join(missing), at_key=True)
            for name in r.good:
                if name not in self.names.meters:
                    self.report((*here, "good", name), f"'{name}' is not a declared meter{did_you_mean(name, meters)}",
                                at_key=True)
            for j, name in enumerate(r.sees):
                if name in flags and flags[name].hidden:
                    self.report((*here, "sees", j), f"flag '{name}' is hidden (bookkeeping) and cannot be in 'sees'")
                elif name not in flags and name not in self.names.meters:
                    self.report((*here, "sees", j), f"'{name}' is not a declared meter or flag"
                                f"{did_you_mean(name, [*meters, *flags])}")

    def ref_role(self, name: str, path: Path, at_key: bool = False) -> bool:
        if name in self.role_ids:
            return True
        self.report(path, f"'{name}' is not a declared role{did_you_mean(name, self.role_ids)}", at_key=at_key)
        return False

    def event(self, i: int, e: f2.Event) -> set[str]:
        """The roles that decide this event."""
        here: Path = ("events", i)
        if isinstance(e.role, list):
            for j, name in enumerate(e.role):
                self.ref_role(name, (*here, "role", j))
        if e.role == JOINT:
            return self.joint(i, e)
        for key in ("sides", "resolve"):
            if key in e.model_fields_set:
                self.report((*here, key), f"'{key}' belongs to a joint event ('role: joint')", at_key=True)
        for j, option in enumerate(e.options):
            self.texts((*here, "options", j, "news"), option.news)
            if option.news is None and len(self.s.roles) > 1:
                self.no_news((*here, "options", j, "id"), e.role if isinstance(e.role, str) else None, option.id,
                             _moved_meters(option.effects, option.outcomes))
        if e.options:
            return {e.role if isinstance(e.role, str) else self.role_ids[0]}
        return set()

    def no_news(self, path: Path, role: str | None, option: str, moved: Iterable[str]) -> None:
        owner = role or self.role_ids[0]
        for other in self.role_ids:
            seen = [m for m in moved if m in self.sees[other]]
            if other != owner and seen:
                self.report(path, f"option '{option}' has no 'news', yet it moves {', '.join(seen)}, which {other} "
                            "sees: that side will see it move with no reason given", "warning", W_NO_NEWS)
                return

    def joint(self, i: int, e: f2.Event) -> set[str]:
        here: Path = ("events", i)
        for key in _JOINT_ONLY_ELSEWHERE:
            if key in e.model_fields_set and getattr(e, key):
                self.report((*here, key), f"a joint event has 'sides' and 'resolve', not '{key}'", at_key=True)
        sides = e.sides or {}
        if e.sides is None or not e.resolve:
            missing = "sides" if e.sides is None else "resolve"
            self.report((*here, "role"), f"a joint event needs '{missing}': each deciding role's options under "
                        "'sides', and what each pair does under 'resolve'")
        if e.sides is not None and len(sides) < 2:
            self.report((*here, "sides"), "'sides' names one role; a joint event needs two or more", at_key=True)
        options = {role: [o.id for o in side.options] for role, side in sides.items()}
        for role, side in sides.items():
            at: Path = (*here, "sides", role)
            if role not in self.role_ids:
                self.report(at, f"'sides' names '{role}', which is not a role"
                            f"{did_you_mean(role, self.role_ids)}", at_key=True)
            self.side(at, e, role, side)
        self.resolve(here, e, options)
        return set(sides)

    def side(self, at: Path, e: f2.Event, role: str, side: f2.JointSide) -> None:
        self.texts((*at, "situation"), side.situation)
        seen: dict[str, int] = {}
        for j, option in enumerate(side.options):
            if option.id in seen:
                first = self.doc.locate((*at, "options", seen[option.id], "id")).line
                self.report((*at, "options", j, "id"), f"duplicate option id '{option.id}' (first used at line "
                            f"{first})")
            seen.setdefault(option.id, j)
            self.condition(option.condition, (*at, "options", j, "condition"))
            self.texts((*at, "options", j, "label"), option.label)
            self.texts((*at, "options", j, "text"), option.text)
        for j, counsel in enumerate(side.advisors):
            self.texts((*at, "advisors", j, "text"), counsel.text)
        marked = [j for j, o in enumerate(side.options) if o.historical]
        for j in marked[1:]:
            self.report((*at, "options", j, "historical"), f"only one option of {role} can be historical")
        if e.accuracy == "historical" and not marked:
            self.report((*e_path(at), "accuracy"), f"event '{e.id}' happened (accuracy: historical) but {role} "
                        "marks no option 'historical: true'", "warning", "W007")
        if marked and e.accuracy == "invented":
            self.report((*at, "options", marked[0], "historical"), f"event '{e.id}' is invented, yet {role} marks "
                        "an option historical", "warning", "W007")

    def resolve(self, here: Path, e: f2.Event, options: dict[str, list[str]]) -> None:
        for n, entry in enumerate(e.resolve):
            for role, want in (entry.when or {}).items():
                at: Path = (*here, "resolve", n, "when", role)
                if role not in options:
                    self.report(at, f"'{role}' does not decide this event{did_you_mean(role, list(options))}",
                                at_key=True)
                    continue
                for k, name in enumerate(want if isinstance(want, list) else [want]):
                    if name != ANY and name not in options[role]:
                        self.report((*at, k) if isinstance(want, list) else at, f"'{name}' is not an option of "
                                    f"{role} in this event{did_you_mean(name, options[role])}")
            self.texts((*here, "resolve", n, "result"), entry.result)
        if not options or any(not ids for ids in options.values()):
            return
        reached: set[int] = set()
        roles = list(options)
        for pair in itertools.product(*options.values()):
            picked = dict(zip(roles, pair, strict=True))
            hit = next((n for n, entry in enumerate(e.resolve) if matches(entry, picked)), None)
            if hit is None:
                if e.resolve:
                    names = " with ".join(f"{r}: {o}" for r, o in picked.items())
                    self.report((*here, "resolve"), f"no entry of 'resolve' covers {names}; end with an entry "
                                "without 'when'", at_key=True)
                    return
                continue
            reached.add(hit)
        for n in range(len(e.resolve)):
            if n not in reached:
                self.report((*here, "resolve", n), f"resolve entry {n + 1} is never reached: the entries above it "
                            "cover every pair it matches", "warning", W_UNREACHED_ENTRY)

    def endings(self) -> None:
        for i, ending in enumerate(self.s.endings):
            for role in ending.verdicts:
                self.ref_role(role, ("endings", i, "verdicts", role), at_key=True)
            for role, verdict in ending.verdicts.items():
                self.texts(("endings", i, "verdicts", role, "text"), verdict.text)
            if len(self.s.roles) > 1:
                for role in self.role_ids:
                    if role not in ending.verdicts:
                        self.report(("endings", i, "id"), f"ending '{ending.id}' gives no verdict for {role}")

    def temperaments(self) -> None:
        seen: dict[tuple[str, str], int] = {}
        known = [*self.names.meters, *self.names.flags]
        for i, t in enumerate(self.s.temperaments):
            here: Path = ("temperaments", i)
            if t.id in BUILTIN_TEMPERAMENTS:
                self.report((*here, "id"), "'historical' and 'balanced' are built-in temperaments; choose another id")
            elif (t.role, t.id) in seen:
                first = self.doc.locate(("temperaments", seen[(t.role, t.id)], "id")).line
                self.report((*here, "id"), f"duplicate temperament id '{t.id}' for {t.role} (first used at line "
                            f"{first})")
            seen.setdefault((t.role, t.id), i)
            if not self.ref_role(t.role, (*here, "role")):
                continue
            for name in t.weights:
                if name not in known:
                    self.report((*here, "weights", name), f"'{name}' is not a declared meter or flag"
                                f"{did_you_mean(name, known)}", at_key=True)
                else:
                    self.unseen(name, t.role, (*here, "weights", name), at_key=True)
            for k, goal in enumerate(t.goals):
                compiled = self.condition(goal.when, (*here, "goals", k, "when"))
                for name in sorted(compiled.reads if compiled else ()):
                    self.unseen(name, t.role, (*here, "goals", k, "when"))

    def unseen(self, name: str, role: str, path: Path, at_key: bool = False) -> None:
        if name in self.sees[role] or name == "turn":
            return
        self.report(path, f"'{name}' is not seen by {role}; a temperament weighs only what its side sees",
                    at_key=at_key)


def e_path(side_path: Path) -> Path:
    """The event's path from a path inside one of its sides."""
    return side_path[:2]


def _moved_meters(effects: Sequence[Effect], outcomes: Sequence[Outcome]) -> list[str]:
    """The meters an option's effects move at once (a delayed effect lands later, with its own text)."""
    found: list[str] = []
    for effect in [*effects, *(x for o in outcomes for x in o.effects)]:
        if isinstance(effect, AddEffect) and effect.amount != 0 and effect.meter not in found:
            found.append(effect.meter)
    return found


def check_format2(s: f2.Scenario, doc: Document, path_label: str) -> Format2Checker:
    """Every problem only format 2 can have, and the conditions it compiled."""
    checker = Format2Checker(s, doc, path_label)
    checker.run()
    return checker
