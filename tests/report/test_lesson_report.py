"""A class's lesson reported as a teacher runs it: 25 hand-ins of an October-to-Kabul lesson with duplicate names,
wrong starts, another seed, another class file, unfinished games and a damaged file; the projector summary checked
against figures computed here; --anonymous; local times; the short report's printed length."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from partnership_game.classroom.classfile import load_class_file
from partnership_game.classroom.handin import hand_in
from partnership_game.classroom.lesson import resolve_class
from partnership_game.classroom.start import start_class_game
from partnership_game.engine import historical
from partnership_game.report.class_report import build_class_report, class_csv, class_report_html
from partnership_game.report.formats import number
from partnership_game.report.gather import gather
from partnership_game.report.reference import from_class_file
from partnership_game.report.single import report_html
from partnership_game.scenario.discovery import resolve
from partnership_game.session import Session, write_save

from .conftest import HANG_GUARD, REPO, Page, assert_self_contained, cli

SEED = 2001
NAMES = ["Anna & Ben", "Chen", "Dmitri", "Eva", "Farah", "Gus", "Hana", "Ivo", "Jana", "Kofi", "Lena", "Mia",
         "Nils", "Olga", "Chen", "CHEN "]  # the three Chens are one name given three times
CLASS_TEXT = """format_version: 1
title: {title}
scenario: new_partnership
seed: {seed}
start: "2001-10-02"
end: t09_kabul
rollback: allowed
show: {{previews: false, odds: false, historical_marks: false, ghost: false}}
time_box_minutes: 20
"""


def _class_file(folder: Path, title: str = "Brussels to Kabul", seed: int = SEED) -> Path:
    path = folder / f"{title.replace(' ', '-')}.yaml"
    path.write_text(CLASS_TEXT.format(title=title, seed=seed), encoding="utf-8")
    return path


def _play(session: Session, rng: random.Random, stop_after: int | None = None) -> None:
    """Choose at random, history a little more often, to the lesson's end (or `stop_after` decisions)."""
    taken = 0
    while not session.stopped and (stop_after is None or taken < stop_after):
        assert session.pending is not None
        ok = [k for k, free in enumerate(session.available()) if free]
        marked = session.pending.event.historical_option
        session.choose(marked if marked in ok and rng.random() < 0.5 else rng.choice(ok))
        taken += 1


def _from_september(scenario, end_turn: int, rng: random.Random, player: str) -> Session:  # type: ignore[no-untyped-def]
    """A save played from September 11 with the class's seed, outside the class: its own choice at the first turn."""
    session = Session(scenario, SEED, player=player)
    first = session.pending
    assert first is not None
    own = next(k for k, free in enumerate(session.available()) if free and k != first.event.historical_option)
    session.choose(own)
    while session.pending is not None and session.pending.turn <= end_turn:
        ok = [k for k, free in enumerate(session.available()) if free]
        session.choose(rng.choice(ok))
    return session


@pytest.fixture(scope="module")
def lesson_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("lesson")
    handed = folder / "handed-in"
    handed.mkdir()
    class_path = _class_file(folder)
    lesson = resolve_class(load_class_file(class_path))
    rng = random.Random(13)
    unfinished = {3: 1, 7: 2, 11: 0}  # game k stops after this many of its own decisions
    for k, name in enumerate(NAMES):
        session = start_class_game(lesson, name)
        _play(session, rng, unfinished.get(k))
        hand_in(session, handed)
    for k in range(4):  # more class games, all finished
        session = start_class_game(lesson, f"Latecomer Quinn {k}")
        _play(session, rng)
        hand_in(session, handed)
    for k in range(2):  # wrong starts: from September, the class's seed, no class file
        write_save(handed / f"september-{k}.json", _from_september(lesson.scenario, lesson.end_turn, rng,
                                                                   f"Earlybird Petra {k}"))
    other = resolve_class(load_class_file(_class_file(folder, "Another lesson", seed=7)))
    session = start_class_game(other, "Otherseed Oskar")
    _play(session, rng)
    hand_in(session, handed)
    copy = resolve_class(load_class_file(_class_file(folder, "Copy of the lesson")))
    session = start_class_game(copy, "Copycat Rosa")
    _play(session, rng)
    hand_in(session, handed)
    intact = (handed / "Eva-new_partnership.json").read_bytes()
    (handed / "Zoe-new_partnership.json").write_bytes(intact[: len(intact) // 2])  # a copy cut off half way
    files = sorted(handed.glob("*.json"))
    assert len(files) == 25
    return {"folder": folder, "handed": handed, "class": class_path, "lesson": lesson}


@pytest.fixture(scope="module")
def report(lesson_run):  # type: ignore[no-untyped-def]
    reference, title = from_class_file(lesson_run["class"])
    read, skipped = gather([lesson_run["handed"]])
    return build_class_report(read, skipped, reference, title)


def _projector(markup: str) -> str:
    """The visible text of the summary page alone (it ends where the details begin)."""
    start, end = markup.index('<section class="projector">'), markup.index('<h2 class="details">')
    return Page(markup[start:end]).text


def test_who_is_counted_flagged_and_skipped(report) -> None:  # type: ignore[no-untyped-def]
    assert len(report.students) == 24 and [s.path.name for s in report.skipped] == ["Zoe-new_partnership.json"]
    flags = {s.saved.path.name: s.flag_words for s in report.students}
    chens = ["Chen-new_partnership.json", "Chen-new_partnership-2.json", "CHEN-new_partnership.json"]
    for name in chens:
        assert any(w.startswith("the same name as ") and w.endswith("two hand-ins under one name")
                   for w in flags[name]), name
    for k in range(2):
        assert any(w.startswith("did not start where the class did: played from Sept 11, 2001")
                   for w in flags[f"september-{k}.json"])
        assert "not played with the class file (a game begun outside the class)" in flags[f"september-{k}.json"]
    assert f"another seed (7, not {SEED})" in flags["Otherseed-Oskar-new_partnership.json"]
    assert "played with another class file ('Another lesson')" in flags["Otherseed-Oskar-new_partnership.json"]
    assert flags["Copycat-Rosa-new_partnership.json"] == ["played with another class file ('Copy of the lesson')"]
    assert flags["Dmitri-new_partnership.json"] == []
    assert report.skipped[0].plain == ("the file is incomplete (it stops part way, as when a copy is cut off): "
                                       "hand it in again")


def test_decisions_before_the_class_start_are_not_the_students(report, lesson_run) -> None:  # type: ignore[no-untyped-def]
    start = lesson_run["lesson"].start_turn
    assert start > 0
    assert all(min(d.turns) >= start for d in report.tally.decisions)
    september = [e.id for e in report.reference.scenario.compiled.events if e.is_decision and e.turn is not None
                 and e.turn < start]
    assert set(september) == set(report.set_by_class) and september
    markup = class_report_html(report)
    text = assert_self_contained(markup).text
    assert "Sept 11, 2001:" not in text and "Sept 22, 2001:" not in text  # no table of a decision the class set
    assert f"{len(september)} decisions set by the class (history's choices), not the students'" in text
    for student in report.students:
        session = student.saved.session
        floor = session.classroom.floor if session.classroom is not None else 0
        assert f"{len(session.decisions) - floor} taken, " in text
        if session.classroom is not None:
            assert student.game.own_from == floor > 0


def _own_choices(report) -> Counter[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The students' own choices, counted here from the saves themselves (not through the report's tally)."""
    start = report.reference.lesson.start_turn
    counted: Counter[tuple[str, str]] = Counter()
    for student in report.students:
        session = student.saved.session
        for decision in session.decisions:
            if decision.turn >= start and student.saved.save.scenario.id == "new_partnership":
                counted[(decision.event.id, decision.event.options[decision.option].id)] += 1
    return counted


def test_the_projector_summary_says_what_the_saves_hold(report) -> None:  # type: ignore[no-untyped-def]
    markup = class_report_html(report)
    page = _projector(markup)
    sessions = [s.saved.session for s in report.students]
    end_turn = report.reference.lesson.end_turn
    done = [s for s in sessions if s.pending is None or s.pending.turn > end_turn]
    assert f"24 games counted · {len(done)} played to the lesson's end · {24 - len(done)} not finished" in page
    assert len(done) == 21  # three class games ran out of time
    # where the class split most: the smallest share for the most chosen option, computed from the saves
    choices = _own_choices(report)
    by_event: dict[str, Counter[str]] = {}
    for (event, option), count in choices.items():
        by_event.setdefault(event, Counter())[option] = count
    ranked = sorted((e for e, c in by_event.items() if sum(c.values()) >= 2 and len(c) > 1),
                    key=lambda e: (-(1 - max(by_event[e].values()) / sum(by_event[e].values())),
                                   -sum(by_event[e].values())))
    titles = {e.id: e.title for e in report.reference.scenario.compiled.events}
    split = page[page.index("Where the class split most"):page.index("The class's meters against history")]
    shown = [split.index(f"{titles[e]} · ") for e in ranked[:3]]
    assert shown == sorted(shown), "the three splits in order"
    assert split.count(" games ") == 3
    for event in ranked[:3]:
        total = sum(by_event[event].values())
        part = split[split.index(f"{titles[event]} · {total} games"):]
        for _, count in by_event[event].most_common():
            assert f"{count} ({100 * count / total:.0f}%)" in part
    # the meters against history, averaged here over the games that reached the lesson's end
    for m, meter in enumerate(report.reference.scenario.model.meters):
        values = []
        for session in done:
            ended = session.state.ledger.turn_end_meters
            values.append(ended[end_turn][m] if session.pending is not None else session.meters()[meter.id])
        mean = sum(values) / len(values)
        arrow = "↑" if meter.good == "up" else "↓"
        assert f"{meter.label} {arrow} {number(mean)} {number(min(values))}–{number(max(values))}" in page
    # where the unfinished games stopped
    stopped = Counter(s.pending.event.title for s in sessions if s not in done and s.pending is not None)
    for title, count in stopped.items():
        assert f"{title} · {count} game{'s' * (count != 1)}" in page


def test_the_csv_has_each_games_final_meters_and_only_the_classs_decisions(report) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.DictReader(io.StringIO(class_csv(report).decode("utf-8"))))
    assert len(rows) == 24
    meters = report.reference.scenario.model.meters
    end_turn = report.reference.lesson.end_turn
    assert not any(k.startswith("decision:e0") and k[len("decision:e0")] in "123456" for k in rows[0])
    for row, student in zip(rows, report.students, strict=True):
        session = student.saved.session
        past = session.pending is not None and session.pending.turn > end_turn
        point = session.state.ledger.turn_end_meters[end_turn] if past else tuple(session.meters().values())
        for m, meter in enumerate(meters):
            assert float(row[f"meter:{meter.id}"]) == pytest.approx(point[m], abs=0.05), (row["file"], meter.id)
        assert int(row["set_by_class"]) == (session.classroom.floor if session.classroom is not None else 0)
        assert (row["stopped_at"] == "") == student.game.at_lesson_end


def test_anonymous_leaves_no_name_in_the_page_or_the_csv(lesson_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, table = tmp_path / "anon.html", tmp_path / "anon.csv"
    result = cli("class-report", lesson_run["handed"], "--class", lesson_run["class"], "--anonymous", "--out", out,
                 "--csv", table)
    assert result.returncode == 0, result.stderr
    page, sheet = out.read_text(encoding="utf-8"), table.read_text(encoding="utf-8")
    players = {json.loads(p.read_text(encoding="utf-8")).get("player") for p in lesson_run["handed"].glob("*.json")
               if p.name != "Zoe-new_partnership.json"}
    words = {w for name in players if name for w in name.replace("&", " ").split() if len(w) > 2}
    words |= {p.stem.split("-")[0] for p in lesson_run["handed"].glob("*.json")}
    text = assert_self_contained(page).text
    parsed = Page(page)
    attributes = " ".join(v or "" for _, attrs in parsed.tags for k, v in attrs.items() if k != "src")
    for word in words | {"september"}:
        found = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
        for where, body in (("page", text), ("attributes", attributes), ("csv", sheet)):
            assert not found.search(body), (word, where)
    assert "Group A" in text and "Group X" in text and "Group Y" not in text  # 24 games read: A to X
    assert "the same name as Group" in text  # the duplicates stay flagged, without the name
    rows = list(csv.DictReader(io.StringIO(sheet)))
    assert sorted(r["player"] for r in rows) == sorted(f"Group {chr(65 + k)}" for k in range(24))
    assert all(r["file"] == "" for r in rows)


def test_times_are_local_with_their_zone(tmp_path: Path, lesson_run) -> None:  # type: ignore[no-untyped-def]
    save = tmp_path / "dated.json"
    data = json.loads((lesson_run["handed"] / "Dmitri-new_partnership.json").read_text(encoding="utf-8"))
    data["saved"] = "2025-03-04T14:05:00+00:00"
    save.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "one.html"
    env = dict(os.environ, TZ="CET-1CEST,M3.5.0,M10.5.0/3")  # a POSIX rule: no time zone database needed
    result = subprocess.run([sys.executable, "-m", "partnership_game", "class-report", save, "--out", out], env=env,
                            capture_output=True, text=True, timeout=HANG_GUARD)
    assert result.returncode == 0, result.stderr
    assert "2025-03-04 15:05 CET (UTC+1)" in assert_self_contained(out.read_text(encoding="utf-8")).text


def test_a_students_report_marks_what_the_class_set(lesson_run) -> None:  # type: ignore[no-untyped-def]
    from partnership_game.session import read_save

    session = read_save(lesson_run["handed"] / "Dmitri-new_partnership.json")
    floor = session.classroom.floor
    text = assert_self_contained(report_html(session)).text
    assert text.count("Set by the class (history):") == floor
    assert f"{len(session.decisions) - floor} taken, " in text
    assert "Lesson ended" in text and "The lesson ends here" in text


def _long_game(tmp_path: Path) -> Path:
    """A whole campaign, every decision taken, far from history: the longest decision table a report gets."""
    scenario = resolve("new_partnership", REPO / "scenarios", tmp_path / "no-mods")
    session = Session(scenario, 5, player="A group with a long name, for the header")
    while session.pending is not None:
        ok = [k for k, free in enumerate(session.available()) if free]
        marked = int(historical(session.state, session.pending)[0])
        session.choose(next((k for k in ok if k != marked), ok[0]))
    path = tmp_path / "long.json"
    write_save(path, session)
    return path


def test_the_short_report_has_its_parts(tmp_path: Path) -> None:
    out = tmp_path / "short.html"
    assert cli("report", _long_game(tmp_path), "--short", "--out", out).returncode == 0
    page = assert_self_contained(out.read_text(encoding="utf-8"))
    for heading in ("The ending", "Why this ending", "Decisions against history", "The meters",
                    "Three sources to read"):
        assert heading.upper() in page.text.upper(), heading
    assert len(page.named("img")) == 1  # every meter in one chart
    assert len(page.text.split("Three sources to read")[1].split("Made by")[0].split(" — ")) <= 4


CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


@pytest.mark.skipif(CHROMIUM is None or shutil.which("pdfinfo") is None,
                    reason="needs chromium (headless) and pdfinfo to print the page; not installed here")
def test_the_short_report_prints_on_two_a4_pages_at_most(tmp_path: Path) -> None:
    out, pdf = tmp_path / "short.html", tmp_path / "short.pdf"
    assert cli("report", _long_game(tmp_path), "--short", "--out", out).returncode == 0
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", out.as_uri()], capture_output=True, timeout=HANG_GUARD, check=False)
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, timeout=HANG_GUARD, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 1 <= pages <= 2, pages
    assert "A4" in info or "595" in info  # the page's own @page size


@pytest.mark.skipif(CHROMIUM is None or shutil.which("pdftotext") is None,
                    reason="needs chromium (headless) and pdftotext to print the page; not installed here")
def test_the_summary_prints_on_one_page_and_the_details_follow(lesson_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out, pdf = tmp_path / "class.html", tmp_path / "class.pdf"
    assert cli("class-report", lesson_run["handed"], "--class", lesson_run["class"], "--out", out).returncode == 0
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", out.as_uri()], capture_output=True, timeout=HANG_GUARD, check=False)

    def page(n: int) -> str:
        return subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), pdf, "-"], capture_output=True, text=True,
                              timeout=HANG_GUARD, check=True).stdout

    first = page(1)
    for part in ("How the games ended", "Where unfinished games stopped", "Where the class split most",
                 "The class's meters against history", "People-to-people ties"):
        assert part in first, part
    assert page(2).lstrip().startswith("THE DETAILS")
