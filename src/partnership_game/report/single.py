"""One game's report: a printable dossier in one self-contained HTML file, and its decision log as CSV."""

from __future__ import annotations

from pathlib import Path

from partnership_game import __version__
from partnership_game.classroom.ending import lesson_end_words, lesson_stopped, set_by_class
from partnership_game.classroom.ending import questions as class_questions
from partnership_game.report import charts
from partnership_game.report.csvfile import decision_log
from partnership_game.report.decisions import DecisionRow, decision_rows, road, side_words
from partnership_game.report.formats import change, now, number, short_date, timestamp
from partnership_game.report.history import historical_path, player_path
from partnership_game.report.markup import Markup, el, esc, join, link, paragraphs, table
from partnership_game.report.page import document
from partnership_game.report.played import ACCURACY, events_played
from partnership_game.report.sides_game import (
    better_words,
    expectations,
    joint_chosen,
    joint_history,
    meter_sight,
    seat_facts,
    side_roads,
    verdicts,
    whose,
)
from partnership_game.session import Session, explain, texts
from partnership_game.session.saves import write_atomic
from partnership_game.session.why import explain_ending, missed_sentence
from partnership_game.session.why import number as why_number


def _mark(same: bool | None, set_by_class: bool = False) -> Markup:
    if set_by_class:
        return el("span", "set by the class", class_="muted")
    if same is None:
        return el("span", "no historical option", class_="muted")
    return el("span", "same" if same else "different", class_=f"mark {'same' if same else 'diff'}")


def _header(session: Session, rows: list[DecisionRow], saved: str | None) -> Markup:
    model = session.scenario.model
    stamp = "Closed file" if session.over else "Lesson ended" if lesson_stopped(session) else "Game not finished"
    made = now()
    facts = [
        *seat_facts(session), ("Seed", str(session.seed)),
        ("Date", timestamp(saved or made)), ("Decisions", explain.road_short(road(rows))),
    ]
    branches = len(session.timeline.leaves())
    if branches > 1:
        facts.append(("Branches", f"{branches} (this report follows the one in play)"))
    return join([
        el("header",
           el("div", el("p", "Report on one game", class_="kicker"), el("h1", model.title)),
           el("div", stamp, class_="stamp"), class_="file"),
        el("dl", *(Markup(el("dt", k) + el("dd", v)) for k, v in facts), class_="facts"),
        paragraphs(model.description, class_="lede"),
    ])


def _ending(session: Session, rows: list[DecisionRow]) -> Markup:
    model = session.scenario.model
    ending = session.ending
    if ending is None and lesson_stopped(session):
        return join([el("h2", "The ending"), el("div", el("p", lesson_end_words(session)), class_="ending")])
    if ending is None:
        turn = model.turns[min(session.state.turn, len(model.turns) - 1)]
        waiting = f", at the decision '{session.pending.event.title}'" if session.pending is not None else ""
        where = f"turn {session.state.turn + 1} of {len(model.turns)} ({turn.date_label or turn.date}){waiting}"
        return join([el("h2", "The ending"), el("p", f"The game was saved before its end: {where}.")])
    chosen = next(e for e in model.endings if e.id == ending.id)
    history = next((e for e in model.endings if e.historical), None)
    if chosen.historical:
        verdict = el("p", el("span", "Where history went", class_="mark same"))
    elif history is not None:
        verdict = el("p", el("span", "Not where history went", class_="mark diff"), " History's ending: ",
                     el("strong", history.title), ".")
    else:
        verdict = el("p", "The scenario marks no ending as history's.", class_="muted")
    return join([el("h2", "The ending"),
                 el("div", el("h3", texts.shown(session, chosen.title)), verdict,
                    paragraphs(texts.shown(session, chosen.text)), class_="ending"),
                 verdicts(session), _why(session, rows)])


def _signed(delta: float) -> str:
    """"+8" or "−3", as the terminal's "why" writes a decision's pull on a meter."""
    return f"{'+' if delta > 0 else '−'}{why_number(abs(delta))}"


def _why(session: Session, rows: list[DecisionRow] | None = None) -> Markup:
    """Why the game ended so, as the terminal's debrief says it: the condition met with the game's values, the
    nearest other ending and what it needed, the decisions that moved those meters most."""
    why = explain_ending(session)
    if why.reached is None:
        return Markup("")
    parts: list[Markup] = [el("h3", "Why this ending")]
    if why.reached.reasons:
        parts.append(el("p", "Reached with:"))
        parts.append(el("ul", *(el("li", r.met) for r in why.reached.reasons)))
    else:
        parts.append(el("p", "No other ending's conditions were met; this is where such a game ends."))
    if why.missed is not None:
        parts.append(el("p", "The nearest other ending: ", missed_sentence(why.missed)))
    if why.movers:
        parts.append(el("p", "The decisions that moved these meters most:"))
        by_class = {(r.date_label, r.event_title) for r in rows or [] if r.set_by_class}
        items = [el("li", f"{m.date}, {m.event_title}: “{m.option_label}” (" + ", ".join(
            f"{label} {_signed(delta)}" for label, delta in m.changes) + ")"
            + (" — set by the class (history)" if (m.date, m.event_title) in by_class else "")) for m in why.movers]
        parts.append(el("ol", *items))
    return el("div", *parts, class_="why")


def _chosen(row: DecisionRow, session: Session | None = None) -> Markup:
    """The option as the player read it, and what happened, in the words the game told then (a joint decision:
    each side's half, then what the pair did)."""
    joint = joint_chosen(session, row) if session is not None else None
    if joint is not None:
        return joint
    if row.set_by_class:
        return join([el("span", "Set by the class (history): ", class_="muted"), esc(row.option_label)], "")
    if not row.result:
        return esc(row.option_label)
    return join([esc(row.option_label), el("div", row.result, class_="result")], "")


def _history_chose(row: DecisionRow, session: Session | None) -> object:
    joint = joint_history(session, row.number - 1) if session is not None else None
    return joint if joint is not None else row.historical_option_label or "—"


def _decisions(rows: list[DecisionRow], session: Session | None = None) -> Markup:
    two_sides = any(r.side for r in rows)  # the side column only where there are sides to tell apart
    body = table(
        ["#", "Date", "Event", *(["Side"] if two_sides else []), "Chosen, and what happened", "History chose",
         "Same?"],
        [[str(r.number), r.date_label, r.event_title, *([side_words(r)] if two_sides else []), _chosen(r, session),
          _history_chose(r, session), _mark(r.same_as_history, r.set_by_class)] for r in rows],
        class_="decisions", numeric=[0],
    ) if rows else el("p", "No decision was taken.", class_="muted")
    said = (side_roads(session, rows) if session is not None else None) or el(
        "p", explain.road_sentence(road(rows)))
    return join([el("h2", "Decisions against history"), said, body])


def _charts(session: Session) -> Markup:
    model = session.scenario.model
    played, ghost = player_path(session), historical_path(session)
    labels = ["start", *(short_date(t.date) for t in model.turns)]
    figures = []
    for m, meter in enumerate(model.meters):
        mine = [meter.start, *(row[m] for row in played)]
        theirs = [meter.start, *(row[m] for row in ghost)]
        uri = charts.meter_chart(meter.label, (meter.min, meter.max), labels, mine, theirs)
        better = better_words(session, m) or ("higher is better" if meter.good == "up" else "lower is better")
        caption = f"{meter.label}: this game ended at {number(mine[-1])}, history at {number(theirs[-1])}; {better}."
        figures.append(el("figure", Markup(f'<img src="{esc(uri)}" alt="{esc(caption)}">'),
                          el("figcaption", caption)))
    intro = el("p", "Solid line: this game. Dotted line: the historical choices played with the same dice.",
               class_="muted")
    return join([el("h2", "The meters"), intro, meter_sight(session), el("div", *figures, class_="charts")])


def _ledger(session: Session) -> Markup:
    model = session.scenario.model
    entries = list(session.state.ledger.entries) if session.state.ledger else []
    rows: list[Markup] = []
    last_turn = -1
    for entry, item in zip(entries, explain.changes(session, entries), strict=True):
        if entry.turn != last_turn:
            last_turn = entry.turn
            turn = model.turns[entry.turn]
            heading = (f"Turn {entry.turn + 1} of {len(model.turns)} · {turn.date_label or turn.date} · "
                       f"{turn.place}: {turn.title}")
            rows.append(el("tr", el("th", heading, colspan="4"), class_="turn"))
        rows.append(el("tr", el("td", item.meter_label), el("td", change(item.delta), class_="num"),
                       el("td", number(item.after), class_="num"), el("td", whose(session, entry, item.why))))
    if not rows:
        return join([el("h2", "What changed and why"), el("p", "Nothing changed yet.", class_="muted")])
    head = el("thead", el("tr", el("th", "Meter"), el("th", "Change", class_="num"), el("th", "After", class_="num"),
                          el("th", "Why")))
    return join([el("h2", "What changed and why"), el("table", head, el("tbody", *rows), class_="ledger")])


def _sources(session: Session) -> Markup:
    blocks = []
    for event in events_played(session):
        assert event.model is not None
        items = [el("li", s.title, *((" — ", link(s.url)) if s.url else ()))
                 for s in event.model.sources]
        blocks.append(el("div", el("strong", event.title), " ",
                         el("span", f"({ACCURACY.get(event.model.accuracy, event.model.accuracy)})", class_="muted"),
                         el("ul", *items, class_="plain") if items else el("p", "No source given.", class_="muted"),
                         class_="source"))
    return join([el("h2", "Sources of the events played"),
                 el("p", "Links are references to follow; this page loads nothing from them.", class_="muted"),
                 *(blocks or [el("p", "No event was played.", class_="muted")])])


def _notes(session: Session) -> Markup:
    blocks = []
    for event in events_played(session):
        assert event.model is not None
        if event.model.notes:
            notes = [el("div", paragraphs(n), class_="note") for n in event.model.notes]
            blocks.append(join([el("h3", event.title), *notes]))
    return join([el("h2", "Where the article differs from the record"),
                 *(blocks or [el("p", "No notes for the events played.", class_="muted")])])


def _questions(session: Session) -> Markup:
    questions = class_questions(session)
    body = (el("ol", *(el("li", " ".join(q.split())) for q in questions), class_="questions") if questions
            else el("p", "The scenario has no questions.", class_="muted"))
    return join([el("h2", "Questions for discussion"), body])


def report_html(session: Session, saved: str | None = None) -> str:
    """The whole report as one HTML document; `saved` is the save's time (default: now). Every text from the
    scenario or the save is escaped; the page loads nothing from outside."""
    rows = decision_rows(session, set_by_class(session))
    model = session.scenario.model
    footer = el("footer", f"Made by partnership-game {__version__} from the game's own copy of the scenario "
                          f"'{model.id}' ({session.scenario.content_hash}).")
    body = join([
        _header(session, rows, saved),
        el("section", _ending(session, rows)),
        el("section", _decisions(rows, session)),
        el("section", expectations(session)),
        el("section", _charts(session), class_="new-page"),
        el("section", _ledger(session)),
        el("section", _sources(session)),
        el("section", _notes(session)),
        el("section", _questions(session)),
        footer,
    ])
    return document(f"{model.title}: report on {session.player or 'one game'}", body)


def report_csv(session: Session) -> bytes:
    """The decision log: one row per decision on the branch in play (those the class set marked so)."""
    return decision_log(decision_rows(session, set_by_class(session)))


def write_report(session: Session, out: Path, csv_path: Path | None = None, saved: str | None = None) -> None:
    """Write the HTML report (and the CSV log) atomically; both are made in full before either is written."""
    page = report_html(session, saved).encode("utf-8")
    log = report_csv(session) if csv_path is not None else None
    write_atomic(out, page)
    if csv_path is not None and log is not None:
        write_atomic(csv_path, log)
