"""The scenario graph as one self-contained HTML page: the drawing with pan and zoom, a legend, the flags and
endings as tables, and a print layout that cuts the drawing into readable pages. Nothing on it is fetched."""

from __future__ import annotations

from partnership_game.report.graph_layout import ending_letters, place
from partnership_game.report.graph_model import Graph, Node, build
from partnership_game.report.graph_print import print_pages
from partnership_game.report.graph_runs import DryRunFacts
from partnership_game.report.graph_script import SCRIPT, policy
from partnership_game.report.graph_svg import leaf, svg
from partnership_game.report.markup import Markup, el, join, table, void
from partnership_game.scenario.compiled import CompiledScenario

STYLE = """
:root { --paper: #ece4d2; --shade: #dacfb8; --ink: #212126; --soft: #58544f; --rule: #b0a48c; --stamp: #9e2626;
        --flag: #1c4e8c; --sched: #a85a12; --delay: #6b3fa0; --end: #1c6e48; }
* { box-sizing: border-box; }
html { background: #22262e; }
body { margin: 16px auto; max-width: 1500px; padding: 24px 32px 40px; background: var(--paper); color: var(--ink);
       font: 14px/1.45 "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; }
h1 { margin: 2px 0 4px; font-size: 26px; }
h2 { margin: 26px 0 8px; padding-bottom: 3px; border-bottom: 1px solid var(--rule); font-size: 17px;
     letter-spacing: .04em; text-transform: uppercase; }
.kicker { margin: 0; font-size: 12px; letter-spacing: .18em; text-transform: uppercase; color: var(--soft); }
.lede { color: var(--soft); margin: 4px 0 10px; }
.controls { display: flex; gap: 8px; align-items: center; margin: 8px 0; flex-wrap: wrap; }
.controls button { font: inherit; padding: 3px 12px; border: 1.5px solid var(--ink); background: #f6f1e6;
                   border-radius: 3px; cursor: pointer; }
.controls button:focus-visible, .node:focus-visible { outline: 3px solid var(--flag); }
.viewport { height: 74vh; min-height: 360px; border: 1.5px solid var(--ink); background: #f4efe4; }
#graph { display: block; width: 100%; height: 100%; cursor: grab; touch-action: none; user-select: none; }
#graph.dragging { cursor: grabbing; }
.legend { display: grid; grid-template-columns: repeat(auto-fill, minmax(290px, 1fr)); gap: 4px 18px;
          margin: 8px 0; font-size: 13px; }
.legend div { display: flex; gap: 8px; align-items: center; }
.legend svg { flex: none; }
table { width: 100%; border-collapse: collapse; margin: 6px 0 12px; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 3px 8px; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); font-size: 12px; text-transform: uppercase; color: var(--soft); }
td.num, th.num { text-align: right; white-space: nowrap; }
.warn { color: var(--stamp); font-weight: bold; }
code { font-size: .9em; }
.print-part { display: none; }
svg text { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
.col { fill: rgba(255,255,255,.25); }
.col.odd { fill: rgba(0,0,0,.03); }
.h-date { font-size: 13px; font-weight: bold; fill: var(--ink); }
.h-date.lost { fill: var(--stamp); }
.h-title { font-size: 11.5px; fill: var(--soft); }
.band { stroke: var(--rule); stroke-width: 1.5; stroke-dasharray: 8 5; }
.box { fill: #fbf8f1; stroke: var(--ink); stroke-width: 1.2; }
.k-happening .box, .k-scheduled .box { fill: #e9e3d3; }
.k-random .box { fill: #f3e6c4; }
.k-delayed .box { fill: #ebe1f2; stroke-dasharray: 2 3; }
.k-ending .box { fill: #dcebe1; stroke-width: 2; }
.k-decision .box { stroke-width: 2; }
.flagged .box { stroke: var(--stamp); stroke-width: 2.4; stroke-dasharray: 7 4; }
.l-title { font-size: 12px; font-weight: bold; fill: var(--ink); }
.l-meta, .l-note { font-size: 10.5px; fill: var(--soft); }
.l-cond { font-size: 10.5px; font-style: italic; fill: var(--ink); }
.l-option { font-size: 11px; fill: var(--ink); }
.l-reach { font-size: 10.5px; fill: var(--end); }
.l-sets { font-size: 10.5px; fill: var(--flag); }
.l-bad { font-size: 10.5px; font-weight: bold; fill: var(--stamp); }
.span { stroke: #8a6d1e; stroke-width: 3; stroke-linecap: round; }
.edge { fill: none; stroke-width: 1.4; opacity: .6; }
.e-flag { stroke: var(--flag); }
.e-schedule { stroke: var(--sched); stroke-dasharray: 7 4; }
.e-delayed { stroke: var(--delay); stroke-dasharray: 2 3; }
.e-ending { stroke: var(--end); }
.head { stroke: none; }
.head.e-flag { fill: var(--flag); } .head.e-schedule { fill: var(--sched); }
.head.e-delayed { fill: var(--delay); } .head.e-ending { fill: var(--end); }
.following .edge { opacity: .06; }
.following .edge.on { opacity: 1; stroke-width: 2.6; }
.following .node { opacity: .3; }
.following .node.on { opacity: 1; }
@media print {
  @page { size: A4 portrait; margin: 10mm; }
  html, body { background: #fff; }
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .controls, .screen-only { display: none; }
  .legend { grid-template-columns: 1fr 1fr; font-size: 8pt; }
  .viewport { height: auto; min-height: 0; border: none; background: none; }
  #graph { width: 190mm; height: 150mm; overflow: hidden; }
  .print-part { display: block; break-before: page; }
  .print-part h2 { margin: 0 0 3mm; }
  svg.part { display: block; width: 190mm; height: auto; overflow: hidden; }
  h2 { break-after: avoid; }
  table { font-size: 8pt; }
  td, th { overflow-wrap: anywhere; }
  tr { break-inside: avoid; }
}
"""


def _legend() -> Markup:
    def swatch(kind: str, words: str, dashed: bool = False) -> Markup:
        box = leaf("rect", x="1", y="1", width="34", height="18", rx="3", class_="box")
        return el("div", el("svg", el("g", box, class_=f"node k-{kind}" + (" flagged" if dashed else "")),
                            width="36", height="20", viewBox="0 0 36 20", aria_hidden="true"), words)

    def line(kind: str, words: str) -> Markup:
        return el("div", el("svg", leaf("path", d="M1,10 L46,10", class_=f"edge e-{kind}", style="opacity:1"),
                            width="48", height="20", viewBox="0 0 48 20", aria_hidden="true"), words)

    return el("div", swatch("decision", "a decision (its options, and the endings the games that took each reached)"),
              swatch("happening", "news on its turn, or when something schedules it"),
              swatch("random", "a random event: its bar runs over the turns it may fire in"),
              swatch("delayed", "a delayed effect, in the turn it lands"),
              swatch("ending", "an ending, with the flags and meters its condition reads"),
              swatch("decision", "marked: never fired, never available, never reached, or lands too late",
                     dashed=True),
              line("flag", "a flag set (or cleared) here is read there"),
              line("schedule", "schedules an event"),
              line("delayed", "a delayed effect lands"),
              line("ending", "a flag an ending reads"),
              class_="legend")


def _names(nodes: list[Node]) -> Markup:
    return join((el("span", n.title, " ", el("code", f"({n.ref})")) for n in nodes), Markup("; "))


def _flag_table(compiled: CompiledScenario, graph: Graph) -> Markup:
    rows = []
    for flag in compiled.model.flags:
        setters = [n for n in graph.nodes if flag.id in n.sets]
        clearers = [n for n in graph.nodes if flag.id in n.clears]
        readers = [n for n in graph.nodes if flag.id in n.reads]
        never_set = el("span", "nothing: it stays false", class_="warn") if not flag.start else ""
        rows.append([el("code", flag.id), flag.label, "true" if flag.start else "false",
                     _names(setters) if setters else never_set, _names(clearers), _names(readers) or "no condition"])
    return table(["flag", "label", "starts", "set by", "cleared by", "read by"], rows)


def _ending_table(graph: Graph) -> Markup:
    letters = ending_letters(graph)
    rows = []
    for node in (n for n in graph.nodes if n.kind == "ending"):
        shares = [f"{100 * node.shares.get(way, 0.0):.1f}%" for way in graph.facts.ways]
        reach = el("span", "never reached", class_="warn") if node.marks else ""
        rows.append([letters[node.ref], el("span", node.title, " ", el("code", f"({node.ref})")), node.note,
                     el("code", node.condition) if node.condition else "(fallback)", *shares, reach])
    ways = graph.facts.ways
    return table(["", "ending", "kind", "condition", *ways, ""], rows, numeric=range(4, 4 + len(ways)))


def _never(graph: Graph) -> Markup:
    items = [el("li", el("b", n.title), " ", el("code", f"({n.ref})"), ": ", "; ".join(n.marks))
             for n in graph.nodes if n.marks]
    return el("ul", *items) if items else el("p", "Nothing: every event fired, every option was available and every "
                                              "ending was reached in the dry run.")


def graph_html(compiled: CompiledScenario, facts: DryRunFacts, source: str) -> str:
    """The page for a compiled scenario and its dry run; `source` names where the scenario came from."""
    graph = build(compiled, facts)
    layout = place(graph)
    model = compiled.model
    ways = facts.ways
    named = ", ".join(ways[:-1]) + " and " + ways[-1] if len(ways) > 1 else ways[0]
    runs = (f"Marks come from a dry run, as `analyze` makes it: {facts.runs:,} games under each of "
            f"{len(ways)} ways of playing ({named}), seed {facts.seed}. What the dry run never saw "
            "may still happen in rarer games; what it saw can happen.")
    decisions = sum(1 for n in graph.nodes if n.kind == "decision" or (n.kind == "random" and n.options))
    head = join([void("meta", charset="utf-8"),
                 void("meta", http_equiv="Content-Security-Policy", content=policy()),
                 void("meta", name="referrer", content="no-referrer"),
                 void("meta", name="viewport", content="width=device-width, initial-scale=1"),
                 el("title", f"Scenario graph: {model.title}"), el("style", Markup(STYLE))])
    body = join([
        el("p", "Scenario graph", class_="kicker"), el("h1", model.title),
        el("p", el("code", model.id), f" · {source} · {len(model.turns)} turns · {len(model.events)} events "
                                      f"({decisions} decision{'s' * (decisions != 1)}) · {len(model.flags)} flags · "
                                      f"{len(model.endings)} endings", class_="lede"),
        el("p", runs, class_="lede"),
        el("div", el("button", "+", type="button", data_action="zoom-in", aria_label="zoom in"),
           el("button", "−", type="button", data_action="zoom-out", aria_label="zoom out"),
           el("button", "Whole graph", type="button", data_action="fit"),
           el("button", "Actual size", type="button", data_action="actual"),
           el("span", "Drag to pan, wheel or + and − to zoom, 0 for the whole graph; click or Enter on a box to "
                      "follow its edges.", class_="lede"), class_="controls"),
        _legend(),
        el("div", svg(graph, layout), class_="viewport"),
        print_pages(graph, layout),
        el("h2", "What the dry run never saw"), _never(graph),
        el("h2", "Endings"), _ending_table(graph),
        el("h2", "Flags: who sets them, who reads them"), _flag_table(compiled, graph),
    ])
    return (f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n{head}\n</head>\n<body>\n{body}\n"
            f"<script>{SCRIPT}</script>\n</body>\n</html>\n")
