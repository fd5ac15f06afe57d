"""Reports of a two-sided game: the side column in the decision table and the CSV log says who decided each."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from partnership_game.report import report_csv, report_html
from partnership_game.report.csvfile import DECISION_LOG_HEADER, SIDES_LOG_HEADER
from partnership_game.scenario import load_path
from partnership_game.session import Session
from partnership_game.session.seating import solo
from partnership_game.session.sides_play import SidesPlay

from .conftest import assert_self_contained

CORRIDOR = Path(__file__).parents[1] / "data" / "corridor_2001.yaml"
KREMLIN = 0


def _played() -> Session:
    """The Kremlin played by a person, Washington by its cautious counterpart, to the end."""
    play = SidesPlay(Session(load_path(CORRIDOR), 5), solo(load_path(CORRIDOR).compiled.sides, "kremlin", "cautious"))
    play.run_counterparts()
    while not play.session.over:
        role = play.to_act()
        assert role == KREMLIN
        play.pick(role, 0)
        play.run_counterparts()
    return play.session


def test_the_log_says_which_side_decided_and_who_took_it() -> None:
    rows = list(csv.reader(io.StringIO(report_csv(_played()).decode("utf-8"))))
    assert tuple(rows[0]) == SIDES_LOG_HEADER and SIDES_LOG_HEADER[: len(DECISION_LOG_HEADER)] == DECISION_LOG_HEADER
    sides = {row[3]: (row[-2], row[-1]) for row in rows[1:]}
    assert sides == {
        "j_call": ("The Kremlin + The White House", "player+counterpart:cautious"),
        "w_chechnya": ("The White House", "counterpart:cautious"),
        "k_generals": ("The Kremlin", "player"),
    }


def test_the_page_has_a_side_column_naming_the_counterpart() -> None:
    text = assert_self_contained(report_html(_played())).text
    assert "Side" in text
    assert "The Kremlin (player) + The White House (counterpart, cautious)" in text
    assert "The White House (counterpart, cautious)" in text
