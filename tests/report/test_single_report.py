"""One game's report, called directly: what it says, that it is self-contained, and its CSV decision log."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pygame
import pytest

from partnership_game.report import report_csv, report_html, write_report
from partnership_game.report.csvfile import DECISION_LOG_HEADER
from partnership_game.report.history import historical_path
from partnership_game.report.page import POLICY
from partnership_game.scenario import load_path
from partnership_game.session import Session, read_save
from partnership_game.session.explain import changes

from .conftest import SEED, TINY, assert_self_contained, play, png_images


@pytest.fixture(scope="module")
def diverged() -> Session:
    return play(TINY, "wait,gamble,walk", player="Group 3")


@pytest.fixture(scope="module")
def page_text(diverged: Session) -> tuple[str, str]:
    markup = report_html(diverged, saved="2025-03-04T14:05:00+00:00")
    return markup, assert_self_contained(markup).text


def test_header_names_the_scenario_the_player_the_date_and_the_seed(page_text) -> None:
    markup, text = page_text
    assert "<title>Tiny test scenario: report on Group 3</title>" in markup
    assert "Tiny test scenario" in text
    assert "Player Group 3" in text
    assert "Date 2025-03-04 14:05 UTC" in text
    assert f"Seed {SEED}" in text
    assert "Three turns that touch every feature of the format." in text


def test_no_player_name_is_a_dash() -> None:
    text = assert_self_contained(report_html(play(TINY, "historical", player=None))).text
    assert "Player —" in text


def test_ending_epilogue_and_where_history_went(diverged: Session, page_text) -> None:
    _, text = page_text
    assert diverged.ending is not None
    ending = next(e for e in diverged.scenario.model.endings if e.id == diverged.ending.id)
    assert ending.title in text and ending.text in text
    assert "Not where history went" in text and "History's ending: Partnership." in text
    historical = assert_self_contained(report_html(play(TINY, "historical"))).text
    assert "Where history went" in historical and "It worked." in historical


def test_each_decision_is_set_against_history(page_text) -> None:
    _, text = page_text
    # The chosen option with what happened, in the words the game told then (the dice drew "It works.").
    for row in ("1 2001-09-11 First decision Wait Help different", "2 2001-09-22 Second decision Gamble It works. "
                "Play safe different", "3 2001-10-17 Third decision Walk away Sign different"):
        assert row in text
    assert "Decisions 3 taken, 3 unlike history" in text
    assert "You took 3 decisions; at 3 of them you chose differently from history." in text


def test_ledger_has_every_change_with_its_reason(diverged: Session, page_text) -> None:
    markup, text = page_text
    assert diverged.state.ledger is not None
    entries = diverged.state.ledger.entries
    explained = changes(diverged, entries)
    assert len(explained) >= 6
    assert markup.count("<tr class=\"turn\">") == len({e.turn for e in entries})
    assert "Turn 1 of 3 · 2001-09-11 · Moscow: First" in text
    assert "Trust down 5 35 your choice: Wait" in text
    assert "the drift of time" in text
    for change in explained:
        assert change.why in text


def test_one_png_chart_per_meter_from_data_uris(diverged: Session, page_text) -> None:
    markup, _ = page_text
    page = assert_self_contained(markup)
    images = png_images(page)
    assert len(images) == len(diverged.scenario.model.meters) == 3
    pygame.font.init()
    for data, attrs, meter in zip(images, page.named("img"), diverged.scenario.model.meters, strict=True):
        surface = pygame.image.load(io.BytesIO(data), "chart.png")
        assert surface.get_width() > 400 and surface.get_height() > 200
        assert (attrs["alt"] or "").startswith(f"{meter.label}: this game ended at")


def test_sources_notes_and_questions(page_text) -> None:
    markup, text = page_text
    assert "A source — https://example.org/a" in text
    assert '<a href="https://example.org/a" rel="noopener noreferrer">' in markup
    assert "Another source" in text and "A third source" in text
    assert "(a documented proposal)" in text
    assert "Where the article differs from the record First decision The article says otherwise." in text
    assert "Questions for discussion Was it worth it?" in text


def test_the_page_loads_nothing_and_runs_nothing(page_text) -> None:
    markup, _ = page_text
    policies = [m["content"] for m in assert_self_contained(markup).named("meta")
                if m.get("http-equiv") == "Content-Security-Policy"]
    assert policies == [POLICY] and POLICY.startswith("default-src 'none'; img-src data:;")
    assert "@media print" in markup and "<style>" in markup


def test_history_line_uses_the_same_dice(diverged: Session) -> None:
    followed = play(TINY, "historical", seed=diverged.seed)
    assert followed.state.ledger is not None
    assert historical_path(diverged) == list(followed.state.ledger.turn_end_meters)
    assert not np.array_equal(diverged.state.meters, followed.state.meters)


def test_unfinished_game_says_where_it_stopped() -> None:
    session = Session(load_path(TINY), SEED, player="Halfway")
    session.choose(0)
    text = assert_self_contained(report_html(session)).text
    assert "The game was saved before its end: turn 2 of 3 (2001-09-22), at the decision 'Second decision'." in text
    assert "Game not finished" in text


def test_branches_are_mentioned_and_the_one_in_play_reported() -> None:
    session = play(TINY, "help,safe,sign")
    session.goto(None)
    session.choose(1)  # wait: a second branch, now in play
    text = assert_self_contained(report_html(session)).text
    assert "Branches 2 (this report follows the one in play)" in text
    assert "1 2001-09-11 First decision Wait Help different" in text


def test_csv_decision_log(diverged: Session) -> None:
    data = report_csv(diverged)
    assert data.startswith(b"number,turn,date,event_id,event_title,option_id,option_label,historical_option_id,"
                           b"same_as_history,what_happened,set_by_class\r\n")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert tuple(rows[0]) == DECISION_LOG_HEADER
    assert rows[1:] == [
        ["1", "1", "2001-09-11", "first", "First decision", "wait", "Wait", "help", "no", "", "no"],
        ["2", "2", "2001-09-22", "second", "Second decision", "gamble", "Gamble", "safe", "no", "It works.", "no"],
        ["3", "3", "2001-10-17", "third", "Third decision", "walk", "Walk away", "sign", "no", "", "no"],
    ]


def test_write_report_writes_both_files_and_they_read_back(tmp_path: Path, make_save) -> None:
    session = read_save(make_save("one.json", "help,safe,sign"))
    out, log = tmp_path / "out" / "report.html", tmp_path / "out" / "log.csv"
    write_report(session, out, log)
    assert_self_contained(out.read_text(encoding="utf-8"))
    assert log.read_bytes() == report_csv(session)
    assert sorted(p.name for p in out.parent.iterdir()) == ["log.csv", "report.html"]  # no temporary files left
    write_report(session, tmp_path / "alone.html", None)
    assert (tmp_path / "alone.html").is_file()
