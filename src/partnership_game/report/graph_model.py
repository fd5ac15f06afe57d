"""The scenario's structure as plain data for the graph: events in their turns, the flags each sets and reads,
schedules, delayed effects, triggers and endings, each marked from the dry run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from partnership_game.report.graph_runs import DryRunFacts
from partnership_game.scenario.compiled import CompiledEvent, CompiledScenario
from partnership_game.scenario.conditions import Compiled

NodeKind = Literal["decision", "happening", "random", "scheduled", "delayed", "ending"]
EdgeKind = Literal["flag", "schedule", "delayed", "ending"]


@dataclass
class OptionFacts:
    id: str
    label: str
    historical: bool
    condition: str
    never_available: bool
    reached: dict[str, int]  # ending id -> games of the dry run that took this option and reached it


@dataclass
class Node:
    """One box of the graph. `column` is the turn it sits in (len(turns) for 'after the last turn', None for an
    ending); `span_until` the last turn a trigger may fire in."""

    key: str
    ref: str  # the event's or ending's id in the file (a delayed effect: its compiled id)
    kind: NodeKind
    title: str
    column: int | None
    condition: str = ""  # the event's `condition` or trigger, as written
    chance: str = ""
    span_until: int | None = None
    sets: list[str] = field(default_factory=list)
    clears: list[str] = field(default_factory=list)
    reads: list[str] = field(default_factory=list)
    options: list[OptionFacts] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)  # problems the dry run or the calendar shows, in words
    note: str = ""  # a delayed effect's own words; an ending's priority and kind
    shares: dict[str, float] = field(default_factory=dict)  # an ending's share of games per way of playing

    @property
    def flagged(self) -> bool:
        return bool(self.marks)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: EdgeKind
    label: str  # the flag, or "+2 turns"


@dataclass
class Graph:
    title: str  # the scenario's title
    turns: list[tuple[str, str, str]]  # (id, date as shown, title)
    nodes: list[Node]
    edges: list[Edge]
    facts: DryRunFacts
    lost_column: bool  # some delayed effect or schedule lands after the last turn

    def node(self, key: str) -> Node:
        return next(n for n in self.nodes if n.key == key)


def _reads(*conditions: Compiled | float | None) -> list[str]:
    found: set[str] = set()
    for condition in conditions:
        if isinstance(condition, Compiled):
            found |= condition.reads
    return sorted(found - {"turn"})


def _flags(compiled: CompiledScenario, event: CompiledEvent, rows: range, which: str) -> list[str]:
    table = event.set_flags if which == "set" else event.clear_flags
    return [flag for f, flag in enumerate(compiled.flag_ids) if any(bool(table[r, f]) for r in rows)]


def _key(event: CompiledEvent) -> str:
    return f"event-{event.index}"


def _kind(event: CompiledEvent) -> NodeKind:
    if event.model is None:
        return "delayed"
    if event.trigger_condition is not None:
        return "random"
    if event.is_decision:
        return "decision"
    return "happening" if event.turn is not None else "scheduled"


def _columns(compiled: CompiledScenario) -> dict[int, int | None]:
    """Each event's column: its turn; a trigger's first turn; else the earliest turn a schedule or a delayed
    effect can land it (len(turns) when that is after the last turn; None when nothing lands it)."""
    last = compiled.turn_count
    column: dict[int, int | None] = {}
    for event in compiled.events:
        if event.turn is not None:
            column[event.index] = event.turn
        elif event.trigger_condition is not None:
            column[event.index] = event.trigger_from
        else:
            column[event.index] = None
    for _ in range(len(compiled.events)):  # landings of landings: settle in at most one pass per event
        changed = False
        for event in compiled.events:
            start = column[event.index]
            if start is None or start >= last:
                continue
            for schedule in event.schedules:
                target = compiled.events[schedule.target]
                if target.turn is not None or target.trigger_condition is not None:
                    continue
                landing = min(start + schedule.after_turns, last)
                if column[target.index] is None or landing < (column[target.index] or 0):
                    column[target.index] = landing
                    changed = True
        if not changed:
            break
    return column


def _event_node(compiled: CompiledScenario, event: CompiledEvent, column: int | None, facts: DryRunFacts) -> Node:
    rows = range(len(event.cum_weights))
    kind = _kind(event)
    model = event.model
    title = event.title if model is not None else (event.cause_text or event.title)  # a delayed effect: its words
    node = Node(_key(event), event.id, kind, title, column)
    node.sets = _flags(compiled, event, rows, "set")
    node.clears = _flags(compiled, event, rows, "clear")
    condition = event.trigger_condition or event.condition
    node.condition = condition.source if condition is not None else ""
    if event.trigger_condition is not None:
        node.chance = event.trigger_chance.source if isinstance(event.trigger_chance, Compiled) else (
            f"{event.trigger_chance:g}")
        node.span_until = event.trigger_until
    option_conditions = [o.condition for o in event.options] if event.is_decision else []
    node.reads = _reads(event.condition, event.trigger_condition, event.trigger_chance, *option_conditions)
    if event.is_decision:
        for option in event.options:
            node.options.append(OptionFacts(
                option.id, option.label, option.historical,
                option.condition.source if option.condition is not None else "",
                f"{event.id}/{option.id}" in facts.never_available,
                facts.reached.get((event.id, option.id), {})))
    if model is None and event.origin is not None:
        node.note = f"{event.origin[0]} / {event.origin[1]}"
    if model is not None and event.id in facts.never_fired:
        node.marks.append(f"never fired in {facts.runs:,} games of each way of playing")
    if column is None:
        node.marks.append("nothing lands it: it never fires")
    elif column >= compiled.turn_count:
        node.marks.append("would land after the last turn: never happens")
    if any(o.never_available for o in node.options):
        names = ", ".join(o.id for o in node.options if o.never_available)
        node.marks.append(f"never available: {names}")
    return node


def build(compiled: CompiledScenario, facts: DryRunFacts) -> Graph:
    """The graph of a compiled scenario, marked from `facts` (graph_runs.gather)."""
    model = compiled.model
    turns = [(t.id, t.date_label or t.date, t.title) for t in model.turns]
    columns = _columns(compiled)
    nodes = [_event_node(compiled, e, columns[e.index], facts) for e in compiled.events]
    by_index = {e.index: n for e, n in zip(compiled.events, nodes, strict=True)}
    edges: list[Edge] = []
    for event in compiled.events:
        for schedule in event.schedules:
            target = compiled.events[schedule.target]
            kind: EdgeKind = "delayed" if target.model is None else "schedule"
            edges.append(Edge(_key(event), _key(target), kind, f"+{schedule.after_turns} turns"))
    for ending in compiled.endings:
        words = [f"priority {ending.priority}"] if ending.condition is not None else ["fallback"]
        words += ["immediate"] * ending.immediate + ["where history went"] * ending.historical
        node = Node(f"ending-{ending.index}", ending.id, "ending", ending.title, None, note=", ".join(words),
                    condition=ending.condition.source if ending.condition is not None else "",
                    reads=_reads(ending.condition))
        node.shares = {way: facts.share(ending.id, way) for way in facts.report["runs"]}
        if ending.id in facts.unreachable:
            node.marks.append(f"never reached in {facts.runs:,} games of each way of playing")
        nodes.append(node)
    flags = set(compiled.flag_ids)
    for reader in nodes:
        for flag in (f for f in reader.reads if f in flags):
            for setter in (by_index[e.index] for e in compiled.events):
                if setter is not reader and (flag in setter.sets or flag in setter.clears):
                    kind = "ending" if reader.kind == "ending" else "flag"
                    edges.append(Edge(setter.key, reader.key, kind, flag))
    lost = any(n.column is not None and n.column >= compiled.turn_count for n in nodes)
    return Graph(model.title, turns, nodes, edges, facts, lost)
