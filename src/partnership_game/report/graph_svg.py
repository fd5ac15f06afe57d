"""The scenario graph drawn as inline SVG: turn columns with their dates, the boxes, the random events' bars and
the edges (flag set → read, schedules, delayed effects, flags an ending reads). Every scenario text is escaped."""

from __future__ import annotations

from partnership_game.report.graph_layout import LINE_H, NODE_W, PAD, Box, Layout, wrapped
from partnership_game.report.graph_model import Edge, Graph
from partnership_game.report.markup import Markup, el, join, void


def leaf(tag: str, **attrs: object) -> Markup:
    """An SVG element without content, closed with '/>' (inside an SVG the HTML parser keeps an unclosed one open,
    and what follows would become its children)."""
    return Markup(void(tag, **attrs)[:-1] + "/>")


EDGE_WORDS = {"flag": "sets or clears a flag that this reads", "schedule": "schedules this event",
              "delayed": "a delayed effect lands", "ending": "sets or clears a flag this ending reads"}


def _text_lines(box: Box) -> Markup:
    y = box.y + PAD
    parts = []
    for line in box.lines:
        y += LINE_H[line.style]
        parts.append(el("text", line.text, x=f"{box.x + PAD:.0f}", y=f"{y - 3:.0f}", class_=f"l-{line.style}"))
    return join(parts, "")


def _tooltip(box: Box) -> str:
    node = box.node
    words = [f"{node.title} ({node.ref})"]
    if node.condition:
        words.append(("when " if node.kind in ("random", "ending") else "if ") + node.condition)
    words += [f"{o.id}: {o.label}" + (f" (if {o.condition})" if o.condition else "") for o in node.options]
    words += node.marks
    return "\n".join(words)


def _box(box: Box) -> Markup:
    node = box.node
    classes = f"node k-{node.kind}" + (" flagged" if node.flagged else "")
    parts = [el("title", _tooltip(box)),
             leaf("rect", x=f"{box.x:.0f}", y=f"{box.y:.0f}", width=f"{box.w:.0f}", height=f"{box.h:.0f}",
                  rx="4", class_="box"),
             _text_lines(box)]
    if box.span_to is not None and box.span_to > box.x + box.w:
        y = box.y + 14
        parts.insert(1, leaf("line", x1=f"{box.x + box.w:.0f}", y1=f"{y:.0f}", x2=f"{box.span_to:.0f}",
                             y2=f"{y:.0f}", class_="span"))
        parts.insert(2, leaf("line", x1=f"{box.span_to:.0f}", y1=f"{y - 6:.0f}", x2=f"{box.span_to:.0f}",
                             y2=f"{y + 6:.0f}", class_="span"))
    return el("g", *parts, class_=classes, data_key=node.key, data_ref=node.ref, tabindex="0")


def _edge(edge: Edge, source: Box, target: Box) -> Markup:
    sx, sy = source.x + source.w, source.y + 12
    tx, ty = target.x, target.y + 12
    if target.x <= source.x:  # to a box in the same column or an earlier one: leave and come back round
        sy = source.y + source.h - 10
        ty = target.y + target.h - 10
        bend = 90.0
        path = f"M{sx:.0f},{sy:.0f} C{sx + bend:.0f},{sy + 30:.0f} {tx - bend:.0f},{ty + 30:.0f} {tx:.0f},{ty:.0f}"
    else:
        bend = max(40.0, (tx - sx) * 0.45)
        path = f"M{sx:.0f},{sy:.0f} C{sx + bend:.0f},{sy:.0f} {tx - bend:.0f},{ty:.0f} {tx:.0f},{ty:.0f}"
    words = f"{source.node.title} → {target.node.title}: {edge.label} ({EDGE_WORDS[edge.kind]})"
    return el("path", el("title", words), d=path, class_=f"edge e-{edge.kind}", data_from=edge.source,
              data_to=edge.target, marker_end=f"url(#arrow-{edge.kind})")


def _markers() -> Markup:
    markers = [el("marker", leaf("path", d="M0,0 L8,4 L0,8 z", class_=f"head e-{kind}"), id=f"arrow-{kind}",
                  viewBox="0 0 8 8", refX="8", refY="4", markerWidth="7", markerHeight="7", orient="auto")
               for kind in EDGE_WORDS]
    return el("defs", *markers)


def _headings(graph: Graph, layout: Layout) -> Markup:
    parts = []
    for k, x in enumerate(layout.columns):
        stripe = leaf("rect", x=f"{x - 12:.0f}", y="8", width=f"{NODE_W + 24:.0f}",
                      height=f"{layout.height - 16:.0f}", class_="col" + (" odd" if k % 2 else ""))
        if k < len(graph.turns):
            _, date, title = graph.turns[k]
            head = [el("text", f"{k + 1}. {date}", x=f"{x:.0f}", y="30", class_="h-date"),
                    *[el("text", line.text, x=f"{x:.0f}", y="47", class_="h-title")
                      for line in wrapped(title, "title", 1)]]
        else:
            head = [el("text", "After the last turn", x=f"{x:.0f}", y="30", class_="h-date lost"),
                    el("text", "lands too late: never happens", x=f"{x:.0f}", y="47", class_="h-title")]
        parts.append(el("g", stripe, *head, el("title", f"Turn {k + 1}")))
    parts.append(el("text", "Endings (checked in this order)", x=f"{layout.endings_x:.0f}", y="30", class_="h-date"))
    if layout.lanes_top:
        parts.append(leaf("line", x1="12", y1=f"{layout.lanes_top:.0f}", x2=f"{layout.endings_x - 20:.0f}",
                          y2=f"{layout.lanes_top:.0f}", class_="band"))
        parts.append(el("text", "Random events: each bar runs over the turns its trigger may fire in",
                        x=f"{layout.columns[0]:.0f}", y=f"{layout.lanes_top + 16:.0f}", class_="h-title"))
    return join(parts, "\n")


def svg(graph: Graph, layout: Layout) -> Markup:
    """The whole drawing; its viewBox is the layout's size, so it scales to any width (and to the printed page)."""
    boxes = {b.node.key: b for b in layout.boxes}
    edges = [_edge(e, boxes[e.source], boxes[e.target]) for e in graph.edges
             if e.source in boxes and e.target in boxes]
    drawing = el("g", _headings(graph, layout), el("g", *edges, class_="edges"),
                 el("g", *(_box(b) for b in layout.boxes), class_="nodes"), id="drawing")
    return el("svg", _markers(), drawing,
              id="graph", viewBox=f"0 0 {layout.width:.0f} {layout.height:.0f}",
              role="img", aria_label=f"The structure of {graph.title}", preserveAspectRatio="xMinYMin meet")
