"""The class report: many students' saves in one printable HTML page and one CSV row per student."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from partnership_game import __version__
from partnership_game.report import charts
from partnership_game.report.csvfile import csv_bytes
from partnership_game.report.decisions import DecisionRow, decision_rows, departures, own, road
from partnership_game.report.formats import now, percent, share, timestamp
from partnership_game.report.gather import ReadSave, Skipped
from partnership_game.report.lesson import reached_end
from partnership_game.report.markup import Markup, el, esc, join, table
from partnership_game.report.names import anonymous_name, duplicates
from partnership_game.report.page import document
from partnership_game.report.projector import summary_html
from partnership_game.report.reference import Flags, Reference, flags, from_saves
from partnership_game.report.sides_game import team_names
from partnership_game.report.summary import game_end_meters
from partnership_game.report.tally import ClassTally, DecisionTally, Game, tally, unreached
from partnership_game.session import explain

CLASS_CSV_HEADER = ("file", "player", "counted", "flags", "scenario_id", "scenario_hash", "seed", "ending_id",
                    "ending_title", "historical_ending", "decisions", "departures_from_history", "set_by_class",
                    "stopped_at", "saved")


@dataclass(frozen=True)
class Student:
    saved: ReadSave
    flags: Flags
    flag_words: list[str]
    rows: list[DecisionRow]
    name: str  # as the report shows it: the player's name, or "Group A" in an anonymous report
    file: str  # the file's name; "" in an anonymous report (file names are often students' names)
    game: Game


@dataclass(frozen=True)
class ClassReport:
    title: str
    reference: Reference
    students: list[Student]
    skipped: list[Skipped]
    tally: ClassTally
    anonymous: bool = False
    set_by_class: tuple[str, ...] = ()  # the event ids of the decisions the class set before its start

    @property
    def counted(self) -> list[Student]:
        return [s for s in self.students if s.flags.counted]


def build_class_report(read: Sequence[ReadSave], skipped: Sequence[Skipped], reference: Reference | None = None,
                       title: str | None = None, anonymous: bool = False) -> ClassReport:
    """Flag each save against the reference (the class file's, or else what most saves used) and count the class
    from its start. Saves of another version or seed, or that did not start where the class did, are counted and
    flagged; saves of another scenario are listed, not counted; two hand-ins under one name are both flagged. An
    anonymous report calls the games "Group A, B, ..." in the order they were saved and shows no file names."""
    if not read:
        raise ValueError("a class report needs at least one save that could be read")
    reference = reference or from_saves(read)
    order = sorted(read, key=lambda r: (r.save.saved, str(r.path))) if anonymous else list(read)
    same = duplicates([r.session.player for r in order])
    # A two-sided game's players are named per side in its header: "Team A / Team B".
    names = [anonymous_name(k) if anonymous else (r.session.player or team_names(r.session) or "—")
             for k, r in enumerate(order)]
    students = []
    for k, saved in enumerate(order):
        found = flags(saved, reference)
        start = found.start
        words = found.words(saved, reference)
        if same[k]:
            others = ", ".join(f"#{j + 1} {names[j]}" if not anonymous else names[j] for j in same[k])
            words.append(f"the same name as {others}: two hand-ins under one name")
        session = saved.session
        done = session.stopped if session.classroom is not None else reached_end(session, reference.lesson)
        # The class's tables begin at its start: a game played from earlier keeps those decisions (its own, flagged)
        # out of them, as the class's games keep out the ones the class set.
        before = sum(1 for d in session.decisions if d.turn < reference.lesson.start_turn)
        game = Game(session, before if found.counted else 0, done)
        students.append(Student(saved, found, words, decision_rows(saved.session, start.set_by_class), names[k],
                                "" if anonymous else saved.path.name, game))
    counted = [s.game for s in students if s.flags.counted]
    model = reference.scenario.model
    result = tally(reference.scenario, counted, reference.lesson.end_label(model))
    before = tuple(e.id for e in reference.scenario.compiled.events if e.is_decision
                   and e.turn is not None and e.turn < reference.lesson.start_turn)
    return ClassReport(title or model.title, reference, students, list(skipped), result, anonymous, before)


# ---- HTML ------------------------------------------------------------------------------------------------------

def _bar(part: int, whole: int) -> Markup:
    width = round(120 * part / whole) if whole else 0
    bar = Markup(f'<span class="bar" style="width:{width}px"></span>')
    return el("span", bar, percent(part, whole), class_="share")


def _history_mark(historical: bool) -> Markup:
    return el("span", "history", class_="mark same") if historical else Markup("")


def _header(report: ClassReport) -> Markup:
    ref = report.reference
    made = now()
    flagged = sum(1 for s in report.students if s.flag_words)
    facts = [
        ("Scenario", f"{ref.scenario.model.title} ({ref.scenario_id})"),
        ("Seed", str(ref.seed) if ref.seed is not None else "—"),
        ("Saves read", f"{len(report.students)} ({len(report.counted)} counted, {flagged} flagged)"),
        ("Skipped", str(len(report.skipped))),
        ("Compared with", ref.origin),
        ("Date", timestamp(made)),
    ]
    lesson = ref.lesson
    model = ref.scenario.model
    if lesson.start_turn > 0:
        facts.append(("Class starts", lesson.start_label(model)))
    if lesson.end_turn is not None:
        facts.append(("Class ends", lesson.end_label(model)))
    return join([
        el("h2", "The details", class_="details"),
        el("dl", *(Markup(el("dt", k) + el("dd", v)) for k, v in facts), class_="facts"),
        el("p", "Saves flagged for another version of the scenario, another seed or another start are counted in "
                "every table, with their flag in the list of games. Saves of another scenario altogether are listed "
                "but not counted. Each game is read along the branch that was in play when it was saved.",
           class_="muted"),
    ])


def _history(report: ClassReport) -> Markup:
    result = report.tally
    games = result.games
    historical = next((e for e in result.endings if e.historical and e.known), None)
    lines = []
    if historical is not None and report.reference.lesson.end_turn is None:
        lines.append(el("p", f"{share(result.reached_historical_ending, games)} reached the ending where history "
                             "went: ", el("strong", historical.title), "."))
    if report.set_by_class:
        lesson, model = report.reference.lesson, report.reference.scenario.model
        count = len(report.set_by_class)
        lines.append(el("p", f"Before {lesson.start_label(model)}: {count} decision{'s' * (count != 1)} set by the "
                             "class (history's choices), not the students'; they are not counted below.",
                        class_="muted"))
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
        if ending is not None:
            end: object = ending.title
        elif student.game.at_lesson_end:
            end = "played to the lesson's end"
        else:
            end = el("span", "not finished", class_="muted")
        file = [] if report.anonymous else [student.file]
        rows.append([str(k), student.name, *file, end, explain.road_short(road(student.rows)),
                     timestamp(student.saved.save.saved), flagged])
    heads = ["#", "Group" if report.anonymous else "Player", *([] if report.anonymous else ["File"]), "Ending",
             "Decisions", "Saved", "Flags"]
    return join([el("h2", "The games"), table(heads, rows, numeric=[0])])


def _skipped(report: ClassReport) -> Markup:
    if not report.skipped:
        return join([el("h2", "Skipped files"), el("p", "None: every file was read.", class_="muted")])
    rows = [[f"file {k}" if report.anonymous else str(s.path),
             join([esc(s.plain), el("div", "Details: ", s.reason, class_="result")], "")]
            for k, s in enumerate(report.skipped, 1)]
    return join([el("h2", "Skipped files"),
                 el("p", "These files were not read and are not counted anywhere in this report.", class_="muted"),
                 table(["File", "Why, and what to do"], rows, class_="skipped")])


def class_report_html(report: ClassReport) -> str:
    from partnership_game.report.sides_class import sides_html  # it builds on this module's tables

    footer = el("footer", f"Made by partnership-game {__version__}. Reference scenario '{report.reference.scenario_id}'"
                          f" ({report.reference.scenario_hash}).")
    body = join([summary_html(report), _header(report), el("section", _history(report)),
                 el("section", _endings(report)),
                 el("section", _choices(report)), sides_html(report),
                 el("section", _students(report)), el("section", _skipped(report)),
                 footer])
    return document(f"{report.title}: class report", body)


# ---- CSV -------------------------------------------------------------------------------------------------------

def _csv_meters(student: Student, report: ClassReport) -> list[object]:
    """The game's meters where it stopped, one column per meter of the reference (empty where it has no such)."""
    values = game_end_meters(student.game, report.reference.lesson)
    return [_rounded(values.get(m.id)) for m in report.reference.scenario.model.meters]


def _rounded(value: float | None) -> float | int | None:
    if value is None:
        return None
    value = round(value, 1)
    return int(value) if value.is_integer() else value


def _local(text: str) -> str:
    """A save's time as ISO in the local zone, with its offset (a spreadsheet sorts it, a reader reads it)."""
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return text
    return moment.astimezone().isoformat(timespec="seconds") if moment.tzinfo is not None else text


def _stopped_at(student: Student) -> str:
    session = student.saved.session
    if student.game.at_lesson_end or session.pending is None:
        return ""
    turn = session.scenario.model.turns[session.pending.turn]
    return f"{turn.date_label or turn.date}: {session.pending.event.title}"


def class_csv(report: ClassReport) -> bytes:
    """One row per save read (counted or not): its flags, its ending (or where it stopped), its meters where it
    stopped, and the option chosen at each of the class's own decisions (those set before its start are left out).
    An anonymous report's CSV has no file names and names each game as its page does."""
    from partnership_game.report.sides_class import sides_csv_header, sides_csv_values  # builds on this module

    event_ids = [d.event_id for d in report.tally.decisions]
    meter_ids = [m.id for m in report.reference.scenario.model.meters]
    rows = []
    for student in report.students:
        session, save = student.saved.session, student.saved.save
        ending = session.ending
        chosen = {r.event_id: r.option_id for r in own(student.rows)}
        if ending is not None:
            title: str | None = ending.title
        else:
            title = "played to the lesson's end" if student.game.at_lesson_end else None
        rows.append([
            student.file, student.name if report.anonymous else session.player, student.flags.counted,
            "; ".join(student.flag_words), save.scenario.id, save.scenario.hash, save.seed,
            ending.id if ending else None, title, ending.historical if ending else None, len(own(student.rows)),
            departures(student.rows), student.flags.start.set_by_class, _stopped_at(student), _local(save.saved),
            *_csv_meters(student, report), *(chosen.get(e) for e in event_ids), *sides_csv_values(report, student),
        ])
    return csv_bytes([*CLASS_CSV_HEADER, *(f"meter:{m}" for m in meter_ids), *(f"decision:{e}" for e in event_ids),
                      *sides_csv_header(report)],
                     rows)
