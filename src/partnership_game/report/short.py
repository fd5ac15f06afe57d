"""One game's short report, two printed pages at most: the ending and why, the decisions against history, every
meter in one chart, three sources. The full report stays available (`report` without --short)."""

from __future__ import annotations

from partnership_game import __version__
from partnership_game.classroom.ending import set_by_class
from partnership_game.report import charts
from partnership_game.report.decisions import DecisionRow, decision_rows, own, road
from partnership_game.report.formats import now, number, short_date, timestamp
from partnership_game.report.history import historical_path, player_path
from partnership_game.report.markup import Markup, el, esc, join, link, table
from partnership_game.report.page import document
from partnership_game.report.played import events_played
from partnership_game.report.sides_game import seat_facts, short_table, side_roads, two_sided
from partnership_game.report.single import _ending, _mark
from partnership_game.scenario.compiled import CompiledEvent
from partnership_game.session import Session, explain
from partnership_game.session.why import explain_ending

SOURCES = 3


def _header(session: Session, rows: list[DecisionRow], saved: str | None) -> Markup:
    model = session.scenario.model
    facts = [*seat_facts(session), ("Seed", str(session.seed)), ("Date", timestamp(saved or now())),
             ("Decisions", explain.road_short(road(rows)))]
    return join([
        el("header", el("div", el("p", "Report on one game · short", class_="kicker"), el("h1", model.title)),
           class_="file"),
        el("dl", *(Markup(el("dt", k) + el("dd", v)) for k, v in facts), class_="facts"),
    ])


def _decisions(rows: list[DecisionRow], session: Session | None = None) -> Markup:
    """The students' own decisions, one line each; those the class set before its start as one line."""
    set_rows = [r for r in rows if r.set_by_class]
    # A two-sided game says which side took each decision, and a joint one's two halves (sides_game.py).
    sided = session is not None and two_sided(session)
    lines: list[list[object]] = []
    if set_rows:
        span = set_rows[0].date_label if len(set_rows) == 1 else f"{set_rows[0].date_label} to " \
                                                                   f"{set_rows[-1].date_label}"
        lines.append([span, el("span", f"{len(set_rows)} decision{'s' * (len(set_rows) != 1)} set by the class "
                                       "(history's choices)", class_="muted"), "", "", ""])
    if sided and session is not None:
        body = short_table(session, own(rows), _mark, lines)
    else:
        lines += [[r.date_label, r.event_title, r.option_label, r.historical_option_label or "—",
                   _mark(r.same_as_history) if r.same_as_history is not None else "—"] for r in own(rows)]
        body = table(["Date", "Decision", "Chosen", "History chose", "Same?"], lines, class_="decisions compact")
    said = (side_roads(session, rows) if session is not None else None) or el(
        "p", explain.road_sentence(road(rows)))
    return join([el("h2", "Decisions against history"), said, body])


def _chart(session: Session) -> Markup:
    model = session.scenario.model
    played, ghost = player_path(session), historical_path(session)
    labels = ["start", *(short_date(t.date) for t in model.turns)]
    panels = [(meter.label, (meter.min, meter.max), [meter.start, *(row[m] for row in played)],
               [meter.start, *(row[m] for row in ghost)]) for m, meter in enumerate(model.meters)]
    uri = charts.meters_grid(panels, labels)
    ends = "; ".join(f"{label} {number(mine[-1])} (history {number(theirs[-1])})"
                     for label, _, mine, theirs in panels)
    return join([el("h2", "The meters"),
                 el("figure", Markup(f'<img src="{esc(uri)}" alt="{esc(ends)}">'),
                    el("figcaption", "Solid line: this game. Dotted line: history's choices with the same dice.")),
                 ])


def _source_events(session: Session, rows: list[DecisionRow]) -> list[CompiledEvent]:
    """The events whose sources matter most here: those of the decisions that moved the ending's meters most,
    then the decisions that left history's road, then the rest in the order played."""
    played = [e for e in events_played(session) if e.model is not None and e.model.sources]
    by_title = {e.title: e for e in played}
    movers = [m.event_title for m in explain_ending(session).movers]
    away = [r.event_title for r in own(rows) if r.same_as_history is False]
    ranked: list[CompiledEvent] = []
    for title in [*movers, *away, *(e.title for e in played)]:
        event = by_title.get(title)
        if event is not None and event not in ranked:
            ranked.append(event)
    return ranked[:SOURCES]


def _sources(session: Session, rows: list[DecisionRow]) -> Markup:
    items = []
    for event in _source_events(session, rows):
        assert event.model is not None
        source = event.model.sources[0]
        items.append(el("li", el("strong", event.title), ": ", source.title,
                        *((" — ", link(source.url)) if source.url else ())))
    body = el("ol", *items, class_="plain") if items else el("p", "No source for the events played.", class_="muted")
    return join([el("h2", "Three sources to read"), body])


def short_report_html(session: Session, saved: str | None = None) -> str:
    """The short report as one HTML document (two A4 pages at most); every text escaped, nothing loaded."""
    rows = decision_rows(session, set_by_class(session))
    model = session.scenario.model
    footer = el("footer", f"Made by partnership-game {__version__}. The full report (every change and why, every "
                          "source, the notes and questions): partnership-game report SAVE --out FILE.")
    body = join([_header(session, rows, saved), el("section", _ending(session, rows), class_="short"),
                 el("section", _decisions(rows, session)), el("section", _chart(session), class_="keep"),
                 el("section", _sources(session, rows)), footer])
    return document(f"{model.title}: short report on {session.player or 'one game'}",
                    Markup(f'<div class="short-report">{body}</div>'))
