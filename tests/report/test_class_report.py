"""The class report, called directly: reading a folder, counting choices and endings, flagging other versions."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from partnership_game.report import build_class_report, class_report_html
from partnership_game.report.class_report import CLASS_CSV_HEADER, class_csv
from partnership_game.report.gather import gather, save_files
from partnership_game.report.reference import Reference
from partnership_game.scenario import load_path
from partnership_game.session import Session, read_save, write_save

from .conftest import SEED, TINY, assert_self_contained, hostile_document, png_images

CHOICES = ("help,safe,sign", "help,safe,sign", "wait,gamble,walk", "historical", "help,gamble,sign")


@pytest.fixture
def class_folder(tmp_path: Path, make_save) -> Path:
    folder = tmp_path / "handed-in"
    for k, choices in enumerate(CHOICES):
        make_save(f"student{k}.json", choices, player=f"Group {k}", folder=folder)
    return folder


def test_gather_reads_a_folders_json_files_once_and_lists_what_it_cannot_read(class_folder: Path) -> None:
    (class_folder / "sub").mkdir()
    (class_folder / "sub" / "deeper.json").write_text("{}", encoding="utf-8")
    (class_folder / "._student0.json").write_bytes(b"\x00\x05\x16\x07")  # what macOS leaves on USB sticks
    (class_folder / "readme.txt").write_text("not a save", encoding="utf-8")
    (class_folder / "list.json").write_text('["a", "b"]', encoding="utf-8")
    files, missing = save_files([class_folder, class_folder / "student1.json", class_folder / "nowhere.json"])
    assert [p.name for p in files] == ["list.json", *(f"student{k}.json" for k in range(5))]
    assert [(p.path.name, p.reason) for p in missing] == [("nowhere.json", "no such file or folder")]
    read, skipped = gather([class_folder, class_folder / "nowhere.json"])
    assert len(read) == 5
    assert {s.path.name: s.reason for s in skipped} == {
        "nowhere.json": "no such file or folder", "list.json": "this is not a save file of this game"}


def test_counts_each_option_at_each_decision(class_folder: Path) -> None:
    read, skipped = gather([class_folder])
    report = build_class_report(read, skipped)
    counts = {d.event_id: {o.option_id: o.count for o in d.options} for d in report.tally.decisions}
    assert counts == {"first": {"help": 4, "wait": 1, "bases": 0}, "second": {"gamble": 2, "safe": 3},
                      "third": {"sign": 4, "walk": 1}}
    history = {d.event_id: (d.historical_count, d.reached) for d in report.tally.decisions}
    assert history == {"first": (4, 5), "second": (3, 5), "third": (4, 5)}
    assert [d.date_label for d in report.tally.decisions] == ["2001-09-11", "2001-09-22", "2001-10-17"]


def test_the_spread_of_endings_and_the_historical_ending(class_folder: Path) -> None:
    read, skipped = gather([class_folder])
    report = build_class_report(read, skipped)
    expected = Counter(r.session.ending.id for r in read if r.session.ending is not None)
    got = {e.ending_id: e.count for e in report.tally.endings}
    assert got == {e.id: expected.get(e.id, 0) for e in read[0].session.scenario.model.endings}
    assert report.tally.reached_historical_ending == expected["partnership"] >= 3
    text = assert_self_contained(class_report_html(report)).text
    games = report.tally.games
    assert f"{expected['partnership']} of {games} ({100 * expected['partnership'] / games:.0f}%) reached the ending " \
           "where history went: Partnership." in text
    assert len(png_images(assert_self_contained(class_report_html(report)))) == 1  # the endings' bar chart


def test_the_page_has_a_table_per_decision_and_a_row_per_student(class_folder: Path) -> None:
    read, skipped = gather([class_folder])
    text = assert_self_contained(class_report_html(build_class_report(read, skipped))).text
    assert "2001-09-11: First decision Reached by 5 games. Option Chosen Share Help 4 80% history Wait 1 20% " \
           "Open bases 0 0%" in text
    assert "2001-10-17 Third decision Sign 4 of 5 80%" in text
    for k, choices in enumerate(CHOICES):
        away = 3 if choices.startswith("wait") else (1 if "gamble" in choices else 0)
        assert f"{k + 1} Group {k} student{k}.json " in text
        assert f"student{k}.json {read[k].session.ending.title} 3 taken, {away} unlike history" in text
    assert "Skipped files None: every file was read." in text
    assert "Saves read 5 (5 counted, 0 flagged)" in text


def test_unfinished_games_count_where_they_got_to(class_folder: Path) -> None:
    session = Session(load_path(TINY), SEED, player="Late")
    session.choose(1)  # wait, then stopped
    write_save(class_folder / "late.json", session)
    read, skipped = gather([class_folder])
    report = build_class_report(read, skipped)
    assert {d.event_id: d.reached for d in report.tally.decisions} == {"first": 6, "second": 5, "third": 5}
    assert report.tally.endings[-1].title == "Not finished" and report.tally.endings[-1].count == 1
    page = assert_self_contained(class_report_html(report)).text
    assert "Late late.json not finished 1 taken, 1 unlike history" in page


def test_flags_against_a_reference_counted_but_marked_and_other_scenarios_listed_not_counted(
        class_folder: Path, tmp_path: Path, make_save) -> None:
    other_version = tmp_path / "v2.yaml"
    other_version.write_text(TINY.read_text(encoding="utf-8").replace("Something happens.", "Something else happens."),
                             encoding="utf-8")
    other_scenario = tmp_path / "other.yaml"
    other_scenario.write_text(yaml.safe_dump(hostile_document("other_game")), encoding="utf-8")
    make_save("v2.json", "help,safe,sign", player="Version 2", scenario=other_version, folder=class_folder)
    make_save("seed.json", "wait,gamble,walk", player="Other dice", seed=1, folder=class_folder)
    make_save("other.json", "wait,gamble,walk", player="Elsewhere", scenario=other_scenario, folder=class_folder)
    read, skipped = gather([class_folder])
    reference = Reference(load_path(TINY), SEED, "the class file test.yaml")
    report = build_class_report(read, skipped, reference, "Test class")
    flags = {s.saved.path.name: (s.flags.counted, s.flag_words) for s in report.students}
    assert flags["student0.json"] == (True, [])
    assert flags["seed.json"] == (True, [f"another seed (1, not {SEED})"])
    assert flags["v2.json"][0] is True and flags["v2.json"][1][0].startswith("another version of the scenario (")
    assert flags["other.json"] == (False, ["another scenario ('other_game', not 'tiny'): not counted"])
    assert report.tally.games == 7
    assert {o.option_id: o.count for o in report.tally.decisions[0].options} == {"help": 5, "wait": 2, "bases": 0}
    text = assert_self_contained(class_report_html(report)).text
    assert "Saves read 8 (7 counted, 3 flagged)" in text and "Compared with the class file test.yaml" in text
    assert "counted in every table" in text and "listed but not counted" in text
    rows = {r["file"]: r for r in csv.DictReader(io.StringIO(class_csv(report).decode("utf-8")))}
    assert rows["other.json"]["counted"] == "no" and rows["seed.json"]["counted"] == "yes"
    assert rows["seed.json"]["flags"] == f"another seed (1, not {SEED})"


def test_without_a_class_file_the_reference_is_what_most_saves_played(class_folder: Path, make_save) -> None:
    make_save("odd.json", "historical", seed=99, folder=class_folder)
    read, skipped = gather([class_folder])
    report = build_class_report(read, skipped)
    assert report.reference.seed == SEED and "no class file" in report.reference.origin
    assert [s.saved.path.name for s in report.students if s.flag_words] == ["odd.json"]


def test_csv_has_a_header_and_one_row_per_student(class_folder: Path) -> None:
    read, skipped = gather([class_folder])
    rows = list(csv.reader(io.StringIO(class_csv(build_class_report(read, skipped)).decode("utf-8"))))
    assert rows[0] == [*CLASS_CSV_HEADER, "meter:trust", "meter:elite_resistance", "meter:gains", "decision:first",
                       "decision:second", "decision:third"]
    assert len(rows) == 1 + len(CHOICES)
    by_file = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    student = by_file["student2.json"]
    assert (student["player"], student["counted"], student["decisions"], student["departures_from_history"]) == (
        "Group 2", "yes", "3", "3")
    assert [student[f"decision:{e}"] for e in ("first", "second", "third")] == ["wait", "gamble", "walk"]
    assert student["saved"] == json.loads((class_folder / "student2.json").read_text(encoding="utf-8"))["saved"]


def test_a_class_report_needs_a_save() -> None:
    with pytest.raises(ValueError, match="at least one save"):
        build_class_report([], [])


def test_an_unreadable_file_is_skipped_not_fatal(class_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import partnership_game.report.gather as gather_module

    real = gather_module.session_from_save

    def flaky(save, label):  # type: ignore[no-untyped-def]
        if label.endswith("student3.json"):
            raise RuntimeError("a bug in replay")
        return real(save, label)

    monkeypatch.setattr(gather_module, "session_from_save", flaky)
    read, skipped = gather([class_folder])
    assert len(read) == 4
    assert [(s.path.name, s.reason) for s in skipped] == [
        ("student3.json", "could not be read (RuntimeError: a bug in replay)")]
    assert read_save(class_folder / "student3.json").player == "Group 3"
