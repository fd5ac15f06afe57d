"""Checks that need the whole scenario: declared names, references, ids, conditions, chains and reachability."""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field

from partnership_game.scenario.conditions import Compiled, ConditionError, Kind, Names, compile_condition
from partnership_game.scenario.diagnostics import Diagnostic, did_you_mean
from partnership_game.scenario.emblems import check_emblems
from partnership_game.scenario.map_checks import W_MAP_BORDERS, W_MAP_LINK, check_map
from partnership_game.scenario.modeline import W_SCHEMA_LINE
from partnership_game.scenario.models import (
    AddEffect,
    ClearFlagEffect,
    DelayedEffect,
    Effect,
    Event,
    Scenario,
    ScheduleEffect,
    SetFlagEffect,
)
from partnership_game.scenario.text_checks import W_DATE_LABEL, check_date_labels, check_variants
from partnership_game.scenario.timing_checks import W_LANDS_AFTER_END, check_late_landings
from partnership_game.scenario.yaml_tree import Document, Path

MAX_PROBLEMS = 500

# Warning codes a scenario may meet; errors have no codes to silence.
W_FLAG_NEVER_READ = "W001"
W_NO_SOURCES = "W002"
W_NEVER_FIRES = "W003"
W_CONSTANT_CONDITION = "W004"
W_FLAG_NEVER_SET = "W005"
W_UNKNOWN_MAP_FEATURE = W_MAP_LINK  # a flag links to a map feature the scenario does not declare
W_HISTORICAL_MARK = "W007"
WARNING_CODES = (W_FLAG_NEVER_READ, W_NO_SOURCES, W_NEVER_FIRES, W_CONSTANT_CONDITION, W_FLAG_NEVER_SET,
                 W_UNKNOWN_MAP_FEATURE, W_HISTORICAL_MARK, W_DATE_LABEL, W_MAP_BORDERS, W_LANDS_AFTER_END,
                 W_SCHEMA_LINE)


@dataclass
class Checked:
    """The problems found, and every condition compiled once (keyed by its path) for the compiler to reuse."""

    problems: list[Diagnostic] = field(default_factory=list)
    conditions: dict[Path, Compiled] = field(default_factory=dict)


class _Checker:
    def __init__(self, scenario: Scenario, doc: Document, path_label: str) -> None:
        self.s = scenario
        self.doc = doc
        self.path_label = path_label
        self.out = Checked()
        self.names = Names(
            meters={m.id: i for i, m in enumerate(scenario.meters)},
            flags={f.id: i for i, f in enumerate(scenario.flags)},
            sizes={m.id: max(abs(m.min), abs(m.max)) for m in scenario.meters},
        )
        self.flags_read: set[str] = set()
        self.event_ids = {e.id for e in scenario.events}
        self.sorted_event_ids = sorted(self.event_ids)

    def report(
        self, path: Path, message: str, severity: str = "error", code: str = "", offset: int | None = None
    ) -> None:
        """Record a problem; `offset` points into a one-line condition (past its opening quote, if any)."""
        if len(self.out.problems) >= MAX_PROBLEMS:
            return  # a file this broken gains nothing from more; the count so far says enough
        mark = self.doc.locate(path)
        col = mark.col
        if offset is not None and mark.one_line and mark.style in (None, "", "'", '"'):
            col += offset + (1 if mark.style in ("'", '"') else 0)
        self.out.problems.append(Diagnostic(mark.line, col, message, severity, self.path_label, code))

    def unique(self, items: Iterable[tuple[str, Path]], what: str) -> None:
        seen: dict[str, Path] = {}
        for ident, path in items:
            if ident in seen:
                first = self.doc.locate(seen[ident]).line
                self.report(path, f"duplicate {what} id '{ident}' (first used at line {first})")
            else:
                seen[ident] = path

    def condition(self, source: str | None, path: Path, want: Kind = "bool") -> None:
        if source is None:
            return
        try:
            compiled = compile_condition(source, self.names, want)
        except ConditionError as exc:
            what = "chance" if path and path[-1] == "chance" else "condition"
            self.report(path, f"in {what}: {exc.message}", offset=exc.offset)
            return
        self.out.conditions[path] = compiled
        self.flags_read |= compiled.reads & set(self.names.flags)
        if want == "bool" and compiled.constant is not None:
            self.report(
                path,
                f"this condition is always {str(compiled.constant).lower()}",
                "warning",
                W_CONSTANT_CONDITION,
            )

    def ref(self, ident: str, known: Sequence[str], path: Path, what: str, members: Container[str] = ()) -> None:
        # The cap first and a set for membership: a hostile file with 20,000 references among 2,000 events must not
        # scan the list of ids for each of them.
        if len(self.out.problems) < MAX_PROBLEMS and ident not in (members or known):
            self.report(path, f"'{ident}' is not a declared {what}{did_you_mean(ident, known)}")

    def effects(self, effects: Sequence[Effect], path: Path) -> None:
        for i, effect in enumerate(effects):
            here = (*path, i)
            if isinstance(effect, AddEffect):
                self.ref(effect.meter, list(self.names.meters), (*here, "meter"), "meter")
            elif isinstance(effect, (SetFlagEffect, ClearFlagEffect)):
                self.ref(effect.flag, list(self.names.flags), (*here, "flag"), "flag")
            elif isinstance(effect, ScheduleEffect):
                self.ref(effect.event, self.sorted_event_ids, (*here, "event"), "event", self.event_ids)
            elif isinstance(effect, DelayedEffect):
                self.effects(effect.effects, (*here, "effects"))

    def run(self) -> Checked:
        s = self.s
        self.unique(((r.id, ("roles", i, "id")) for i, r in enumerate(s.roles)), "role")
        self.unique(
            [(m.id, ("meters", i, "id")) for i, m in enumerate(s.meters)]
            + [(f.id, ("flags", i, "id")) for i, f in enumerate(s.flags)],
            "meter or flag",
        )
        for i, m in enumerate(s.meters):
            if m.id == "turn":
                self.report(("meters", i, "id"), "'turn' is a reserved name in conditions")
        for i, f in enumerate(s.flags):
            if f.id == "turn":
                self.report(("flags", i, "id"), "'turn' is a reserved name in conditions")
        self.unique(((a.id, ("advisors", i, "id")) for i, a in enumerate(s.advisors)), "advisor")
        check_emblems(self, s.advisors)
        self.unique(((t.id, ("turns", i, "id")) for i, t in enumerate(s.turns)), "turn")
        self.unique(((e.id, ("events", i, "id")) for i, e in enumerate(s.events)), "event")
        self.unique(((e.id, ("endings", i, "id")) for i, e in enumerate(s.endings)), "ending")
        for i in range(1, len(s.turns)):
            if s.turns[i].date < s.turns[i - 1].date:
                self.report(("turns", i, "date"), f"turn date {s.turns[i].date} is before the turn above it")
        turn_ids = [t.id for t in s.turns]
        role_ids = [r.id for r in s.roles]
        advisor_ids = [a.id for a in s.advisors]
        for i, event in enumerate(s.events):
            self.event(i, event, turn_ids, role_ids, advisor_ids)
        self.endings()
        check_variants(self, s)
        check_date_labels(self, s)
        check_late_landings(self, s)
        self.chains()
        self.reachability()
        check_map(self)
        flags_set = {name for e in s.events for name in changed_flags(e)}
        for i, f in enumerate(s.flags):
            # A visible flag informs the player even when no condition reads it; a hidden one exists only to be read.
            if f.hidden and f.id not in self.flags_read:
                self.report(("flags", i, "id"), f"hidden flag '{f.id}' is never read by any condition", "warning",
                            W_FLAG_NEVER_READ)
            if not f.start and f.id not in flags_set:
                self.report(("flags", i, "id"), f"flag '{f.id}' starts false and no effect ever sets it", "warning",
                            W_FLAG_NEVER_SET)
        return self.out

    def event(
        self, i: int, e: Event, turn_ids: list[str], role_ids: list[str], advisor_ids: list[str]
    ) -> None:
        here: Path = ("events", i)
        if e.turn is not None:
            self.ref(e.turn, turn_ids, (*here, "turn"), "turn")
        if e.role is not None:
            self.ref(e.role, role_ids, (*here, "role"), "role")
        if e.trigger is not None:
            t = e.trigger
            self.condition(t.condition, (*here, "trigger", "condition"))
            if isinstance(t.chance, str):
                self.condition(t.chance, (*here, "trigger", "chance"), "number")
            elif not 0 <= t.chance <= 1:
                self.report(
                    (*here, "trigger", "chance"), f"chance must lie between 0 and 1, not {t.chance:g}"
                )
            for key in ("from_turn", "until_turn"):
                value = getattr(t, key)
                if value is not None:
                    self.ref(value, turn_ids, (*here, "trigger", key), "turn")
            if t.from_turn in turn_ids and t.until_turn in turn_ids and \
                    turn_ids.index(t.from_turn) > turn_ids.index(t.until_turn):
                self.report((*here, "trigger", "until_turn"),
                            f"until_turn '{t.until_turn}' comes before from_turn '{t.from_turn}': it could never fire")
        self.condition(e.condition, (*here, "condition"))
        for j, counsel in enumerate(e.advisors):
            self.ref(counsel.advisor, advisor_ids, (*here, "advisors", j, "advisor"), "advisor")
        if e.accuracy in ("historical", "documented_proposal") and not e.sources:
            self.report(
                (*here, "accuracy"),
                f"event '{e.id}' is marked {e.accuracy} but lists no sources",
                "warning",
                W_NO_SOURCES,
            )
        self.unique(((o.id, (*here, "options", j, "id")) for j, o in enumerate(e.options)), "option")
        marked = [j for j, o in enumerate(e.options) if o.historical]
        if e.options and e.accuracy == "historical" and not marked:
            self.report((*here, "accuracy"), f"event '{e.id}' happened (accuracy: historical) but no option is "
                        "marked 'historical: true'", "warning", W_HISTORICAL_MARK)
        if marked and e.accuracy == "invented":
            self.report((*here, "options", marked[0], "historical"), f"event '{e.id}' is invented, yet an option "
                        "is marked historical", "warning", W_HISTORICAL_MARK)
        for j in marked[1:]:
            self.report((*here, "options", j, "historical"), "only one option of an event can be historical")
        for j, option in enumerate(e.options):
            self.condition(option.condition, (*here, "options", j, "condition"))
            self.effects(option.effects, (*here, "options", j, "effects"))
            for k, outcome in enumerate(option.outcomes):
                self.effects(outcome.effects, (*here, "options", j, "outcomes", k, "effects"))
        self.effects(e.effects, (*here, "effects"))
        for k, outcome in enumerate(e.outcomes):
            self.effects(outcome.effects, (*here, "outcomes", k, "effects"))

    def endings(self) -> None:
        fallbacks = [i for i, e in enumerate(self.s.endings) if e.fallback]
        if not fallbacks:
            self.report(("endings",), "no fallback ending: mark exactly one ending with 'fallback: true'")
        for i in fallbacks[1:]:
            self.report(("endings", i, "fallback"), "only one ending can be the fallback")
        for i in [i for i, e in enumerate(self.s.endings) if e.historical][1:]:
            self.report(("endings", i, "historical"), "only one ending can be marked historical")
        for i, ending in enumerate(self.s.endings):
            self.condition(ending.condition, ("endings", i, "condition"))

    def chains(self) -> None:
        """An event that can schedule itself again (directly or through others) must carry a repeat bound.

        Exactly: a chain is unbounded when the events without `repeat` contain a cycle. Strongly connected
        components of that subgraph find every such event in linear time, whatever the scenario's size.
        """
        unbounded = {e.id for e in self.s.events if e.repeat is None}
        edges = {e.id: sorted({n for n in scheduled_events(e) if n in unbounded}) for e in self.s.events
                 if e.id in unbounded}
        index_of = {e.id: i for i, e in enumerate(self.s.events)}
        for component in _strong_components(edges):
            looped = len(component) > 1 or component[0] in edges[component[0]]
            if not looped:
                continue
            first = min(component, key=index_of.__getitem__)
            members = set(component)
            path = _cycle_from(first, {n: [m for m in edges[n] if m in members] for n in component}) or [first]
            chain = " -> ".join([*path, first])
            for name in sorted(component, key=index_of.__getitem__):
                where = ("events", index_of[name], "id")
                if name == first:
                    self.report(where, f"event '{name}' schedules itself ({chain}) with no bound: "
                                       "give it 'repeat: {max_times: N}' so the chain ends")
                else:
                    self.report(where, f"event '{name}' is on the same unbounded chain as '{first}' ({chain}): "
                                       "give one event of the chain 'repeat: {max_times: N}'")

    def reachability(self) -> None:
        scheduled = {name for e in self.s.events for name in scheduled_events(e)}
        for i, event in enumerate(self.s.events):
            if event.turn is None and event.trigger is None and event.id not in scheduled:
                self.report(
                    ("events", i, "id"),
                    f"event '{event.id}' has no 'turn' or 'trigger' and nothing schedules it: it never fires",
                    "warning",
                    W_NEVER_FIRES,
                )


def _all_effects(event: Event) -> list[Effect]:
    """Every effect an event can apply, delayed ones included, at any depth."""
    found: list[Effect] = []

    def walk(effects: Sequence[Effect]) -> None:
        for effect in effects:
            found.append(effect)
            if isinstance(effect, DelayedEffect):
                walk(effect.effects)

    walk(event.effects)
    for outcome in event.outcomes:
        walk(outcome.effects)
    for option in event.options:
        walk(option.effects)
        for outcome in option.outcomes:
            walk(outcome.effects)
    return found


def changed_flags(event: Event) -> list[str]:
    """The ids of the flags this event's effects can set."""
    return [e.flag for e in _all_effects(event) if isinstance(e, SetFlagEffect)]


def scheduled_events(event: Event) -> list[str]:
    """The ids of the events this event's effects can schedule, at any depth."""
    return [e.event for e in _all_effects(event) if isinstance(e, ScheduleEffect)]


def _cycle_from(start: str, edges: dict[str, list[str]]) -> list[str] | None:
    """A path start -> ... that leads back to start (depth-first, parents kept once per node), or None."""
    parent: dict[str, str] = {}
    stack = [start]
    seen = {start}
    while stack:
        node = stack.pop()
        for nxt in edges.get(node, []):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1]
            if nxt not in seen:
                seen.add(nxt)
                parent[nxt] = node
                stack.append(nxt)
    return None


def _strong_components(edges: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively (no recursion limit on long chains)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = edges.get(node, [])
            if child < len(successors):
                work.append((node, child + 1))
                nxt = successors[child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent_node = work[-1][0]
                low[parent_node] = min(low[parent_node], low[node])
    return components


def check(scenario: Scenario, doc: Document, path_label: str) -> Checked:
    """Every semantic problem of a structurally valid scenario (less the warnings it silences), and its compiled
    conditions."""
    checker = _Checker(scenario, doc, path_label)
    checked = checker.run()
    for i, code in enumerate(scenario.silence_warnings):
        if code not in WARNING_CODES:
            checker.report(("silence_warnings", i), f"'{code}' is not a warning code{did_you_mean(code, WARNING_CODES)}"
                           f" (warnings: {', '.join(WARNING_CODES)})")
    silenced = set(scenario.silence_warnings)
    checked.problems = [p for p in checked.problems if p.severity == "error" or p.code not in silenced]
    return checked
