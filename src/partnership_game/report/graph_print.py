"""The graph cut into printed pages: a few columns at a time, cut between boxes, each page showing its part of the
one drawing (an SVG `use` of it) at a size that can be read."""

from __future__ import annotations

from dataclasses import dataclass

from partnership_game.report.graph_layout import COLUMN_GAP, MARGIN, NODE_W, Layout
from partnership_game.report.graph_model import Graph
from partnership_game.report.graph_svg import leaf
from partnership_game.report.markup import Markup, el, join

COLUMNS_PER_PAGE = 3
PAGE_HEIGHT = 1200  # drawing units per printed page (A4 portrait at the scale three columns fit the width)


@dataclass(frozen=True)
class Part:
    x: float
    y: float
    w: float
    h: float
    title: str


def _cuts(spans: list[tuple[float, float]], top: float, bottom: float) -> list[float]:
    """Where to cut [top, bottom] into pieces of at most PAGE_HEIGHT, never through a box when it can be helped."""
    cuts = [top]
    while bottom - cuts[-1] > PAGE_HEIGHT:
        start = cuts[-1]
        free = [end + 4 for _, end in spans if start + 100 < end + 4 <= start + PAGE_HEIGHT
                and not any(a < end + 4 < b for a, b in spans)]
        cuts.append(max(free) if free else start + PAGE_HEIGHT)
    return [*cuts, bottom]


def parts(graph: Graph, layout: Layout) -> list[Part]:
    """The printed pages' windows onto the drawing, left to right and top to bottom."""
    xs = [*layout.columns, layout.endings_x]
    names = [f"turn {k + 1}" for k in range(len(graph.turns))]
    names += ["after the last turn"] * (len(layout.columns) - len(graph.turns)) + ["the endings"]
    found: list[Part] = []
    for first in range(0, len(xs), COLUMNS_PER_PAGE):
        group = xs[first:first + COLUMNS_PER_PAGE]
        left, right = group[0] - COLUMN_GAP / 2, group[-1] + NODE_W + COLUMN_GAP / 2
        # A random event's bar is drawn on the pages it crosses, but only its box asks for room.
        spans = [(b.y, b.y + b.h) for b in layout.boxes if b.x < right and b.x + b.w > left]
        bottom = max((end for _, end in spans), default=float(MARGIN)) + MARGIN
        label = names[first] if len(group) == 1 else f"{names[first]} to {names[first + len(group) - 1]}"
        cuts = _cuts(spans, 0.0, bottom)
        for k in range(len(cuts) - 1):
            piece = f" (piece {k + 1} of {len(cuts) - 1})" if len(cuts) > 2 else ""
            title = label[:1].upper() + label[1:] + piece
            found.append(Part(left, cuts[k], right - left, cuts[k + 1] - cuts[k], title))
    return found


def print_pages(graph: Graph, layout: Layout) -> Markup:
    """One section per printed page (hidden on screen): its heading and its window onto the drawing."""
    sections = []
    for part in parts(graph, layout):
        view = f"{part.x:.0f} {part.y:.0f} {part.w:.0f} {part.h:.0f}"
        # Its own size in drawing units gives it the window's proportions, so the printed width sets its height.
        drawing = el("svg", leaf("use", href="#drawing"), viewBox=view, class_="part", width=f"{part.w:.0f}",
                     height=f"{part.h:.0f}",
                     preserveAspectRatio="xMinYMin meet", role="img", aria_label=part.title)
        sections.append(el("section", el("h2", part.title), drawing, class_="print-part"))
    return join(sections)
