"""Where each box of the scenario graph goes: turns as columns in order, each turn's events stacked in it, random
events in lanes across the turns they may fire in, endings in a last column; and each box's lines of text."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from partnership_game.report.graph_model import Graph, Node

NODE_W = 230
COLUMN_GAP = 64
PITCH = NODE_W + COLUMN_GAP
MARGIN = 24
HEAD_H = 58  # the turn headings above the columns
BOX_GAP = 16
LANE_GAP = 44  # between the turns' stacks and the lanes of random events
PAD = 8
CHARS = 36  # characters per line at the boxes' text size (about 5.9 px each in 10.5 px type)
TITLE_CHARS = 29  # the bold 12 px title's
LINE_H = {"title": 15, "meta": 13, "cond": 13, "option": 14, "reach": 13, "sets": 13, "bad": 13, "note": 13}


@dataclass(frozen=True)
class Line:
    text: str
    style: str  # a key of LINE_H, also the text's class in the drawing


@dataclass
class Box:
    node: Node
    x: float
    y: float
    w: float
    h: float
    lines: list[Line]
    letter: str = ""  # an ending's letter, used by the options' "reached" lines
    span_to: float | None = None  # a random event: where its bar of possible turns ends


@dataclass
class Layout:
    boxes: list[Box]
    width: float
    height: float
    columns: list[float] = field(default_factory=list)  # each turn column's x (and the lost column, if any)
    lanes_top: float = 0.0  # where the random events' lanes begin (0: none)
    endings_x: float = 0.0

    def box(self, key: str) -> Box:
        return next(b for b in self.boxes if b.node.key == key)


def wrapped(text: str, style: str, limit: int = 3) -> list[Line]:
    """`text` in lines that fit a box, at most `limit` lines (the last ends with '…' when cut)."""
    chars = TITLE_CHARS if style == "title" else CHARS - 2 if style == "option" else CHARS
    rows = textwrap.wrap(" ".join(text.split()), chars, break_long_words=True, break_on_hyphens=False) or [""]
    if len(rows) > limit:
        rows = rows[:limit]
        rows[-1] = rows[-1][: chars - 1].rstrip() + "…"
    return [Line(row, style) for row in rows]


def ending_letters(graph: Graph) -> dict[str, str]:
    """Each ending's id -> its letter (A, B, ...), in the order the endings are checked."""
    endings = [n for n in graph.nodes if n.kind == "ending"]
    return {n.ref: chr(ord("A") + k) if k < 26 else f"E{k + 1}" for k, n in enumerate(endings)}


def _reach(reached: dict[str, int], letters: dict[str, str]) -> str:
    """"→ A 80% · C 12% · +2": the endings the games that took an option reached, most common first."""
    total = sum(reached.values())
    if not total:
        return "→ not taken in the dry run"
    ranked = sorted(reached.items(), key=lambda kv: -kv[1])
    # A rare ending is still one the path can reach: it reads "<1%", never "0%".
    shown = [f"{letters[e]} {100 * c / total:.0f}%" if 100 * c / total >= 0.5 else f"{letters[e]} <1%"
             for e, c in ranked[:4]]
    more = f" · +{len(ranked) - 4}" if len(ranked) > 4 else ""
    return "→ " + " · ".join(shown) + more


_KIND_WORDS = {"decision": "decision", "happening": "news on its turn", "scheduled": "news when scheduled",
               "delayed": "delayed result", "random": "random event"}


def lines_of(graph: Graph, node: Node, letters: dict[str, str]) -> list[Line]:
    """What a box says: title, kind, condition, options and the endings they led to, flags, then the marks."""
    lines = wrapped(node.title, "title", 3)
    if node.kind == "ending":
        lines.append(Line(f"{letters[node.ref]} · {node.note}", "meta"))
        shares = " · ".join(f"{way} {100 * share:.1f}%" for way, share in node.shares.items())
        lines += wrapped(shares, "meta", 4)
        if node.condition:
            lines += wrapped(f"when {node.condition}", "cond", 3)
    else:
        meta = _KIND_WORDS[node.kind]
        if node.kind == "random":
            meta += f" · chance {node.chance}"
        if node.kind == "delayed" and node.note:
            meta += f" of {node.note}"
        lines += wrapped(meta, "meta", 2)
        if node.condition:
            lines += wrapped(f"{'when' if node.kind == 'random' else 'if'} {node.condition}", "cond", 2)
    for k, option in enumerate(node.options):
        mark = " (history)" if option.historical else ""
        lines += wrapped(f"{k + 1}. {option.label}{mark}", "option", 1)
        if option.never_available:
            lines.append(Line("never available", "bad"))
        else:
            lines.append(Line(_reach(option.reached, letters), "reach"))
    if node.sets:
        lines += wrapped("sets " + ", ".join(node.sets), "sets", 3)
    if node.clears:
        lines += wrapped("clears " + ", ".join(node.clears), "sets", 3)
    if node.reads and node.kind != "ending":
        lines += wrapped("reads " + ", ".join(node.reads), "note", 2)
    for mark in node.marks:
        lines += wrapped("! " + mark, "bad", 2)
    return lines


def _height(lines: list[Line]) -> float:
    return 2 * PAD + sum(LINE_H[line.style] for line in lines)


def place(graph: Graph) -> Layout:
    """Every box's place; the drawing's size."""
    letters = ending_letters(graph)
    turn_count = len(graph.turns)
    column_count = turn_count + (1 if graph.lost_column else 0)
    columns = [float(MARGIN + k * PITCH) for k in range(column_count)]
    boxes: list[Box] = []
    bottoms = [float(MARGIN + HEAD_H)] * column_count
    order = {"decision": 0, "happening": 0, "scheduled": 1, "delayed": 2}
    stacked = [n for n in graph.nodes if n.kind in order]
    stacked.sort(key=lambda n: (order[n.kind], graph.nodes.index(n)))
    for node in stacked:
        column = node.column if node.column is not None else 0
        lines = lines_of(graph, node, letters)
        box = Box(node, columns[column], bottoms[column], NODE_W, _height(lines), lines)
        bottoms[column] += box.h + BOX_GAP
        boxes.append(box)
    lanes_top = max(bottoms) + LANE_GAP
    lane_ends: list[int] = []  # per lane: the last column taken
    lane_tops: list[float] = []
    lane_heights: list[float] = []
    randoms = [n for n in graph.nodes if n.kind == "random"]
    randoms.sort(key=lambda n: (n.column or 0, n.span_until or 0))
    placed: list[tuple[Node, int, list[Line]]] = []
    for node in randoms:
        first = node.column or 0
        last = max(first, node.span_until if node.span_until is not None else first)
        lane = next((k for k, end in enumerate(lane_ends) if end < first), None)
        if lane is None:
            lane_ends.append(last)
            lane_heights.append(0.0)
            lane = len(lane_ends) - 1
        lane_ends[lane] = last
        lines = lines_of(graph, node, letters)
        lane_heights[lane] = max(lane_heights[lane], _height(lines))
        placed.append((node, lane, lines))
    top = lanes_top + 22  # room for the band's heading
    for height in lane_heights:
        lane_tops.append(top)
        top += height + BOX_GAP
    for node, lane, lines in placed:
        first = node.column or 0
        last = max(first, node.span_until if node.span_until is not None else first)
        boxes.append(Box(node, columns[first], lane_tops[lane], NODE_W, _height(lines), lines,
                         span_to=columns[min(last, turn_count - 1)] + NODE_W))
    endings_x = MARGIN + column_count * PITCH + COLUMN_GAP / 2
    y = float(MARGIN + HEAD_H)
    for node in (n for n in graph.nodes if n.kind == "ending"):
        lines = lines_of(graph, node, letters)
        box = Box(node, endings_x, y, NODE_W, _height(lines), lines, letter=letters[node.ref])
        y += box.h + BOX_GAP
        boxes.append(box)
    height = max(top if randoms else lanes_top, y) + MARGIN
    return Layout(boxes, endings_x + NODE_W + MARGIN, height, columns, lanes_top if randoms else 0.0, endings_x)
