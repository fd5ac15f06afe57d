"""The class report's first page, made to be projected (and to print on one A4 page): the class at a glance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnership_game.report.formats import number, percent
from partnership_game.report.markup import Markup, el, table
from partnership_game.report.summary import MeterLine, meters_against_history, splits, stops, verdict
from partnership_game.report.tally import DecisionTally

if TYPE_CHECKING:
    from partnership_game.report.class_report import ClassReport


def _played(report: ClassReport) -> Markup:
    counted = report.counted
    done = sum(1 for s in counted if s.game.at_lesson_end)
    flagged = sum(1 for s in report.students if s.flag_words)
    where = "to the lesson's end" if report.reference.lesson.end_turn is not None else "to the end"
    facts = [f"{len(counted)} game{'s' * (len(counted) != 1)} counted", f"{done} played {where}",
             f"{len(counted) - done} not finished"]
    if flagged:
        facts.append(f"{flagged} flagged (see the list of games)")
    if report.skipped:
        facts.append(f"{len(report.skipped)} file{'s' * (len(report.skipped) != 1)} could not be read")
    return el("p", " · ".join(facts), class_="played")


def _bars(rows: list[tuple[str, int, bool]], whole: int) -> Markup:
    """Labelled bars in the page's own text (sharp on any projector): label, bar, count and share, a history mark."""
    items = [el("li", el("span", label, " ", el("span", "history", class_="mark same") if historical else "",
                         class_="opt"),
                el("span", el("span", class_="bar", style=f"width:{round(100 * count / whole) if whole else 0}%"),
                   class_="track"),
                el("span", f"{count} ({percent(count, whole)})", class_="num"))
             for label, count, historical in rows]
    return el("ul", *items, class_="split")


def _endings(report: ClassReport) -> Markup:
    result = report.tally
    early = report.reference.lesson.end_turn is not None
    # A lesson that stops early reaches few of the campaign's endings: list only those some game reached.
    shown = [e for e in result.endings if e.count or (not early and e.known and e.ending_id is not None)]
    rows = [(e.title, e.count, e.historical) for e in shown]
    history = next((e for e in result.endings if e.historical and e.known), None)
    line = (el("p", f"{result.reached_historical_ending} of {result.games} reached history's ending.",
               class_="muted") if history is not None and not early else Markup(""))
    return el("div", el("h3", "How the games ended"), _bars(rows, result.games), line, class_="cell")


def _split(decision: DecisionTally) -> Markup:
    reached = decision.reached
    options = sorted((o for o in decision.options if o.count), key=lambda o: -o.count)
    heading = f"{decision.date_label}: {decision.title}" if decision.date_label else decision.title
    return el("div", el("p", el("strong", heading), el("span", f" · {reached} games", class_="muted")),
              _bars([(o.label, o.count, o.historical) for o in options], reached), class_="keep decision")


def _splits(report: ClassReport) -> Markup:
    found = splits(report.tally)
    body = [_split(d) for d in found] or [el("p", "The class was of one mind at every decision.", class_="muted")]
    return el("div", el("h3", "Where the class split most"), el("div", *body, class_="splits"), class_="cell wide")


def _meter_row(line: MeterLine) -> list[object]:
    label = f"{line.label} {'↑' if line.good == 'up' else '↓'}"
    history = number(line.history) if line.history is not None else "—"
    if line.mean is None:
        return [label, "—", "—", history, ""]
    return [label, number(line.mean), f"{number(line.low or 0)}–{number(line.high or 0)}", history, verdict(line)]


def _meters(report: ClassReport) -> Markup:
    lesson = report.reference.lesson
    games = [s.game for s in report.counted]
    lines = meters_against_history(report.reference, games, lesson)
    over = max((line.games for line in lines), default=0)
    model = report.reference.scenario.model
    point = f"After {lesson.end_label(model)}" if lesson.end_turn is not None else "At the end of each game"
    if over == 0:
        return el("div", el("h3", "The class's meters against history"),
                  el("p", "No game got to its end yet.", class_="muted"), class_="cell")
    rows = [_meter_row(line) for line in lines]
    return el("div", el("h3", "The class's meters against history"),
              el("p", f"{point}: the class's average over {over} game{'s' * (over != 1)} and its range; history's "
                      "road with the class's dice. ↑ higher is better, ↓ lower is better.", class_="muted"),
              table(["Meter", "Class", "Range", "History", "Compared with history"], rows, class_="meters",
                    numeric=[1, 2, 3]),
              class_="cell wide")


def _stops(report: ClassReport) -> Markup:
    found = stops([s.game for s in report.counted])
    if not found:
        return el("div", el("h3", "Where unfinished games stopped"),
                  el("p", "Every game got to its end.", class_="muted"), class_="cell")
    items = [el("li", label, el("span", f" · {count} game{'s' * (count != 1)}", class_="num")) for label, count
             in found]
    return el("div", el("h3", "Where unfinished games stopped"), el("ul", *items, class_="plain"), class_="cell")


def summary_html(report: ClassReport) -> Markup:
    """One page: the title and counts, then the endings, the splits, the meters and the stops in a grid."""
    lesson = report.reference.lesson
    model = report.reference.scenario.model
    span = ""
    if lesson.start_turn > 0 or lesson.end_turn is not None:
        last = model.turns[lesson.end_turn if lesson.end_turn is not None else -1]
        span = f"From {lesson.start_label(model)} to {last.date_label or last.date}"
    top = el("header", el("div", el("p", "Class report · at a glance", class_="kicker"), el("h1", report.title),
                          el("p", span, class_="muted") if span else ""),
             el("div", f"{len(report.counted)} games", class_="stamp"), class_="file")
    grid = el("div", _endings(report), _stops(report), _splits(report), _meters(report), class_="glance")
    return el("section", top, _played(report), grid, class_="projector")
