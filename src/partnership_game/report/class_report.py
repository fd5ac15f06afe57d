"""The class report: many students' saves in one printable HTML page and one CSV row per student."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from partnership_game import __version__
from partnership_game.report import charts
from partnership_game.report.csvfile import csv_bytes
from partnership_game.report.decisions import DecisionRow, decision_rows, departures, road
from partnership_game.report.formats import percent, share, timestamp
from partnership_game.report.gather import ReadSave, Skipped
from partnership_game.report.markup import Markup, el, esc, join, table
from partnership_game.report.page import document
from partnership_game.report.reference import Flags, Reference, flags, from_saves
from partnership_game.report.tally import ClassTally, DecisionTally, tally, unreached
from partnership_game.session import explain

CLASS_CSV_HEADER = ("file", "player", "counted", "flags", "scenario_id", "scenario_hash", "seed", "ending_id",
                    "ending_title", "historical_ending", "decisions", "departures_from_history", "saved")


@dataclass(frozen=True)
class Student:
    saved: ReadSave
    flags: Flags
    flag_words: list[str]
    rows: list[DecisionRow]

    @property
    def name(self) -> str:
        return self.saved.session.player or "—"


@dataclass(frozen=True)
class ClassReport:
    title: str
    reference: Reference
    students: list[Student]
    skipped: list[Skipped]
    tally: ClassTally

    @property
    def counted(self) -> list[Student]:
        return [s for s in self.students if s.flags.counted]


def build_class_report(read: Sequence[ReadSave], skipped: Sequence[Skipped], reference: Reference | None = None,
                       title: str | None = None) -> ClassReport:
    """Flag each save against the reference (the class file's, or else what most saves used) and count the class.
    Saves of another version or seed are counted and flagged; saves of another scenario are listed, not counted."""
    if not read:
        raise ValueError("a class report needs at least one save that could be read")
    reference = reference or from_saves(read)
    students = []
    for saved in read:
        found = flags(saved, reference)
        students.append(Student(saved, found, found.words(saved, reference), decision_rows(saved.session)))
    counted = [s.saved.session for s in students if s.flags.counted]
    return ClassReport(title or reference.scenario.model.title, reference, students, list(skipped),
                       tally(reference.scenario, counted))


# ---- HTML ------------------------------------------------------------------------------------------------------

def _bar(part: int, whole: int) -> Markup:
    width = round(120 * part / whole) if whole else 0
    bar = Markup(f'<span class="bar" style="width:{width}px"></span>')
    return el("span", bar, percent(part, whole), class_="share")


def _history_mark(historical: bool) -> Markup:
    return el("span", "history", class_="mark same") if historical else Markup("")


def _header(report: ClassReport) -> Markup:
    ref = report.reference
    made = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
    flagged = sum(1 for s in report.students if s.flag_words)
    facts = [
        ("Scenario", f"{ref.scenario.model.title} ({ref.scenario_id})"),
        ("Seed", str(ref.seed) if ref.seed is not None else "—"),
        ("Saves read", f"{len(report.students)} ({len(report.counted)} counted, {flagged} flagged)"),
        ("Skipped", str(len(report.skipped))),
        ("Compared with", ref.origin),
        ("Date", timestamp(made)),
    ]
    return join([
        el("header", el("div", el("p", "Class report", class_="kicker"), el("h1", report.title)),
           el("div", f"{len(report.counted)} games", class_="stamp"), class_="file"),
        el("dl", *(Markup(el("dt", k) + el("dd", v)) for k, v in facts), class_="facts"),
        el("p", "Saves flagged for another version of the scenario or another seed are counted in every table, "
                "with their flag in the list of students. Saves of another scenario altogether are listed but not "
                "counted. Each game is read along the branch that was in play when it was saved.", class_="muted"),
    ])


def _history(report: ClassReport) -> Markup:
    result = report.tally
    games = result.games
    historical = next((e for e in result.endings if e.historical and e.known), None)
    lines = []
    if historical is not None:
        lines.append(el("p", f"{share(result.reached_historical_ending, games)} reached the ending where history "
                             "went: ", el("strong", historical.title), "."))
    rows = [[d.date_label, d.title,
             next((o.label for o in d.options if o.historical), "—"),
             f"{d.historical_count} of {d.reached}" if d.has_history else "—",
             _bar(d.historical_count, d.reached) if d.has_history else el("span", "no historical option",
                                                                          class_="muted")]
            for d in result.decisions]
    body = table(["Date", "Decision", "History chose", "Chose it", "Share"], rows, numeric=[3]) if rows else (
        el("p", "No decision was taken in any game.", class_="muted"))
    return join([el("h2", "The class against history"), *lines, body])


def _endings(report: ClassReport) -> Markup:
    result = report.tally
    shown = [e for e in result.endings if e.count or (e.known and e.ending_id is not None)]
    labels = [(e.title + (" (history)" if e.historical else "") + ("" if e.known else " *"), e.count, e.historical)
              for e in shown]
    uri = charts.bar_chart(labels, result.games)
    rows = [[e.title + ("" if e.known else " *"), str(e.count), percent(e.count, result.games),
             _history_mark(e.historical)] for e in shown]
    parts = [el("h2", "How the games ended"),
             el("figure", Markup(f'<img src="{esc(uri)}" alt="The endings reached, as bars">')),
             table(["Ending", "Games", "Share", ""], rows, numeric=[1, 2])]
    if any(not e.known for e in shown):
        parts.append(el("p", "* not an ending of the reference version of the scenario.", class_="muted"))
    return join(parts)


def _decision_table(decision: DecisionTally) -> Markup:
    reached = decision.reached
    rows = [[o.label + ("" if o.known else " *"), str(o.count), _bar(o.count, reached), _history_mark(o.historical)]
            for o in decision.options]
    heading = f"{decision.date_label}: {decision.title}" if decision.date_label else decision.title
    note = "" if decision.known else " (only in another version of the scenario)"
    return el("div", el("h3", heading, note), el("p", f"Reached by {reached} game{'s' * (reached != 1)}.",
                                                 class_="muted"),
              table(["Option", "Chosen", "Share", ""], rows, class_="options", numeric=[1]), class_="keep")


def _choices(report: ClassReport) -> Markup:
    parts = [el("h2", "The choices at each decision")]
    parts += [_decision_table(d) for d in report.tally.decisions]
    if any(not o.known for d in report.tally.decisions for o in d.options):
        parts.append(el("p", "* not an option of the reference version of the scenario.", class_="muted"))
    never = unreached(report.reference.scenario, report.tally)
    if never:
        parts.append(el("p", "No game reached: ", "; ".join(never), ".", class_="muted"))
    return join(parts)


def _students(report: ClassReport) -> Markup:
    rows = []
    for k, student in enumerate(report.students, 1):
        session = student.saved.session
        ending = session.ending
        flagged = el("span", "; ".join(student.flag_words), class_="flag") if student.flag_words else ""
        rows.append([str(k), student.name, student.saved.path.name,
                     ending.title if ending is not None else el("span", "not finished", class_="muted"),
                     explain.road_short(road(student.rows)), timestamp(student.saved.save.saved),
                     flagged])
    return join([el("h2", "Students"),
                 table(["#", "Player", "File", "Ending", "Decisions", "Saved", "Flags"], rows, numeric=[0])])


def _skipped(report: ClassReport) -> Markup:
    if not report.skipped:
        return join([el("h2", "Skipped files"), el("p", "None: every file was read.", class_="muted")])
    rows = [[str(s.path), s.reason] for s in report.skipped]
    return join([el("h2", "Skipped files"),
                 el("p", "These files were not read and are not counted anywhere in this report.", class_="muted"),
                 table(["File", "Why"], rows)])


def class_report_html(report: ClassReport) -> str:
    footer = el("footer", f"Made by partnership-game {__version__}. Reference scenario '{report.reference.scenario_id}'"
                          f" ({report.reference.scenario_hash}).")
    body = join([_header(report), el("section", _history(report)), el("section", _endings(report)),
                 el("section", _choices(report)), el("section", _students(report)), el("section", _skipped(report)),
                 footer])
    return document(f"{report.title}: class report", body)


# ---- CSV -------------------------------------------------------------------------------------------------------

def class_csv(report: ClassReport) -> bytes:
    """One row per save read (counted or not), with the option chosen at each of the reference's decisions."""
    event_ids = [d.event_id for d in report.tally.decisions]
    rows = []
    for student in report.students:
        session, save = student.saved.session, student.saved.save
        ending = session.ending
        chosen = {r.event_id: r.option_id for r in student.rows}
        rows.append([
            student.saved.path.name, session.player, student.flags.counted, "; ".join(student.flag_words),
            save.scenario.id, save.scenario.hash, save.seed, ending.id if ending else None,
            ending.title if ending else None, ending.historical if ending else None, len(student.rows),
            departures(student.rows), save.saved, *(chosen.get(e) for e in event_ids),
        ])
    return csv_bytes([*CLASS_CSV_HEADER, *(f"decision:{e}" for e in event_ids)], rows)
