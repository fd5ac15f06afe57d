"""The HTML document around a report: a dossier stylesheet with a print layout, and a policy that loads nothing."""

from __future__ import annotations

from partnership_game.report.markup import Markup, el, esc, void

# The page may show its own inline images and style, and nothing else: no scripts, no fetches, no fonts, no frames.
POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

STYLE = """
:root { --paper: #ece4d2; --shade: #dacfb8; --ink: #212126; --soft: #58544f; --rule: #b0a48c;
        --stamp: #9e2626; --good: #1c6e48; --bad: #a03228; --focus: #1c4e8c; }
* { box-sizing: border-box; }
html { background: #22262e; }
body { margin: 24px auto; max-width: 1040px; padding: 40px 52px 48px; background: var(--paper); color: var(--ink);
       font: 15px/1.5 "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; }
header.file { display: flex; justify-content: space-between; align-items: flex-start; gap: 24px;
              border-bottom: 3px double var(--ink); padding-bottom: 14px; margin-bottom: 8px; }
.kicker { margin: 0; font-size: 12px; letter-spacing: .18em; text-transform: uppercase; color: var(--soft); }
h1 { margin: 4px 0 0; font-size: 30px; line-height: 1.2; }
h2 { margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); font-size: 19px;
     letter-spacing: .04em; text-transform: uppercase; break-after: avoid; }
h3 { margin: 18px 0 6px; font-size: 16px; break-after: avoid; }
p { margin: 6px 0; }
.stamp { flex: none; border: 3px solid var(--stamp); color: var(--stamp); padding: 6px 14px; border-radius: 4px;
         font-weight: bold; letter-spacing: .14em; text-transform: uppercase; transform: rotate(-3deg);
         font-size: 14px; text-align: center; }
dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 16px; margin: 12px 0; }
dl.facts dt { color: var(--soft); }
dl.facts dd { margin: 0; font-weight: bold; }
.lede { color: var(--soft); font-style: italic; }
.ending { border-left: 5px solid var(--ink); background: rgba(255,255,255,.35); padding: 10px 16px; margin: 10px 0; }
.ending h3 { margin: 0 0 4px; font-size: 21px; }
.why { margin: 10px 0; }
.why h3 { margin: 0 0 4px; font-size: 17px; }
td .result { color: var(--soft); font-size: 12.5px; margin-top: 2px; }
.mark { display: inline-block; padding: 0 6px; border: 1.5px solid currentColor; border-radius: 3px;
        font-size: 12px; font-weight: bold; letter-spacing: .06em; text-transform: uppercase; white-space: nowrap; }
.same { color: var(--good); }
.diff { color: var(--bad); }
.flag { color: var(--stamp); }
.muted { color: var(--soft); }
table { width: 100%; border-collapse: collapse; margin: 8px 0 14px; font-size: 13.5px; }
th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); font-size: 12px; letter-spacing: .06em; text-transform: uppercase;
           color: var(--soft); }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.turn th { padding-top: 10px; background: var(--shade); color: var(--ink); font-size: 13px; }
tbody tr { break-inside: avoid; }
table.ledger td:first-child { width: 24%; }
table.ledger td.num { width: 6em; }
table.decisions td:nth-child(2) { width: 10em; }
thead { display: table-header-group; }
.share { white-space: nowrap; }
table.options { table-layout: fixed; }
table.options th:nth-child(1) { width: 52%; }
table.options th:nth-child(2) { width: 10%; }
table.options th:nth-child(3) { width: 24%; }
table.pairs, table.side-options { table-layout: fixed; }  /* two-sided classes */
table.pairs th { white-space: normal; }
table.side-options th:nth-child(1), table.pairs th:first-child { width: 44%; }
table.side-options th:nth-child(2) { width: 10%; }
table.side-options th:nth-child(3) { width: 20%; }
table.side-options th:nth-child(4) { width: 13%; }
table.compact.sides td:nth-child(2) { width: 20%; }
table.compact.sides td:nth-child(4), table.compact.sides td:nth-child(5) { width: 27%; }
.bar { display: inline-block; height: 10px; background: var(--focus); vertical-align: middle; margin-right: 6px; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
figure { margin: 0; break-inside: avoid; }
figure img { display: block; width: 100%; height: auto; border: 1px solid var(--rule); background: var(--paper); }
figcaption { font-size: 12.5px; color: var(--soft); margin-top: 2px; }
ol.questions li, ul.plain li { margin: 6px 0; }
ul.plain { padding-left: 20px; }
.source { margin: 0 0 10px; break-inside: avoid; }
.source a, .url { color: var(--focus); word-break: break-all; }
.note { border-left: 3px solid var(--stamp); padding: 2px 12px; margin: 6px 0 10px; break-inside: avoid; }
footer { margin-top: 30px; padding-top: 8px; border-top: 1px solid var(--rule); font-size: 12px; color: var(--soft); }
.keep { break-inside: avoid; }
section.projector { font-size: 17px; }
section.projector h1 { font-size: 34px; }
section.projector h3 { margin: 0 0 6px; font-size: 19px; }
p.played { font-size: 19px; font-weight: bold; margin: 10px 0 14px; }
.glance { display: grid; grid-template-columns: 1fr 1fr; gap: 14px 28px; }
.glance .cell { break-inside: avoid; }
.glance figure img { border: none; }
.glance .wide { grid-column: 1 / -1; }
.splits { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0 24px; }
.splits .decision p { margin: 0 0 4px; line-height: 1.3; }
ul.split { list-style: none; padding: 0; margin: 2px 0 8px; }
ul.split li { display: grid; grid-template-columns: 1fr max-content; grid-template-areas: "opt opt" "track num";
              gap: 0 8px; align-items: center; margin: 0 0 6px; line-height: 1.25; }
ul.split .opt { grid-area: opt; }
ul.split .track { grid-area: track; background: var(--shade); height: 12px; }
ul.split .track .bar { display: block; height: 12px; margin: 0; }
ul.split .num { grid-area: num; min-width: 5.6em; text-align: right; font-variant-numeric: tabular-nums;
                white-space: nowrap; }
table.meters { font-size: 15px; margin: 4px 0; }
table.meters td { padding: 3px 6px; }
table.meters .sub { font-size: 12px; }
h2.details { break-before: page; margin-top: 36px; }
.short-report h2 { margin: 16px 0 6px; font-size: 16px; }
.short-report .ending h3 { font-size: 18px; }
table.compact td, table.compact th { padding: 2px 6px; }
table.compact td:first-child { white-space: nowrap; width: 1%; }
table.compact td:nth-child(2) { width: 28%; }
table.compact td:last-child { width: 1%; }
@media (max-width: 760px) { body { padding: 20px; } .charts, .glance { grid-template-columns: 1fr; }
                            dl.facts { grid-template-columns: max-content 1fr; } }
@media print {
  @page { size: A4; margin: 14mm 12mm 16mm; }
  html, body { background: #fff; }
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .ending { background: none; }
  h2 { break-after: avoid; }
  table { font-size: 9.5pt; }
  .charts { grid-template-columns: 1fr 1fr; }
  a { color: inherit; text-decoration: none; }
  section.new-page { break-before: page; }
  section.projector { font-size: 9.5pt; break-after: page; }
  ul.split li { grid-template-areas: "opt num" "track track"; margin: 0 0 3px; line-height: 1.2; }
  ul.split .track, ul.split .track .bar { height: 5px; }
  .splits .decision p { margin: 0 0 2px; }
  table.meters td { padding: 1px 6px; }
  .glance { grid-template-columns: 1fr 1fr; gap: 8px 20px; }  /* the page is narrow enough for the phone layout */
  .splits { grid-template-columns: repeat(3, 1fr); }
  h2.details { break-before: auto; margin-top: 0; }
  section.projector h1 { font-size: 20pt; }
  section.projector h3 { font-size: 11.5pt; }
  p.played { font-size: 11pt; margin: 6px 0 8px; }
  table.meters { font-size: 9pt; }
  .short-report { font-size: 9.5pt; }
  .short-report table { font-size: 8.5pt; margin: 4px 0 8px; }
  .short-report h2 { margin: 10px 0 4px; font-size: 12pt; }
  .short-report .ending { padding: 6px 12px; margin: 6px 0; }
  .short-report .ending p, .short-report .why { font-size: 9pt; }
  .source a { color: var(--ink); }
}
"""


def document(title: str, body: Markup) -> str:
    """A complete HTML5 document: the title, the policy, the stylesheet, the body; it refers to nothing outside."""
    head = Markup("\n".join([
        void("meta", charset="utf-8"),
        void("meta", http_equiv="Content-Security-Policy", content=POLICY),
        void("meta", name="referrer", content="no-referrer"),
        void("meta", name="viewport", content="width=device-width, initial-scale=1"),
        el("title", title),
        el("style", Markup(STYLE)),
    ]))
    return f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n{head}\n</head>\n<body>\n{esc(body)}\n</body>\n</html>\n"
