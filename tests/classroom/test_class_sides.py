"""Class files for two sides: `sides`, `temperament` (one or per side) and `show: {other_side}`, checked against the
scenario's roles and temperaments with positions, and read back by the lesson."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from partnership_game.classroom.classfile import load_class_file
from partnership_game.classroom.lesson import Lesson, resolve_class
from partnership_game.scenario import ScenarioError

DATA = Path(__file__).parents[1] / "data"
HEAD = "format_version: 1\ntitle: Two teams\nscenario: corridor_2001.yaml\nseed: 7\n"


def lesson(tmp_path: Path, text: str, scenario: str = "corridor_2001.yaml") -> Lesson:
    shutil.copy(DATA / scenario, tmp_path / scenario)
    path = tmp_path / "class.yaml"
    path.write_text(text, encoding="utf-8")
    return resolve_class(load_class_file(path))


def problems(tmp_path: Path, text: str, scenario: str = "corridor_2001.yaml") -> list[tuple[int, int, str]]:
    with pytest.raises(ScenarioError) as caught:
        lesson(tmp_path, text, scenario)
    return [(d.line, d.col, d.message) for d in caught.value.diagnostics]


def test_sides_temperament_and_other_side_are_read_back(tmp_path: Path) -> None:
    found = lesson(tmp_path, HEAD + "sides: {kremlin: player, washington: counterpart}\ntemperament: cautious\n"
                                    "show: {other_side: true}\n")
    assert found.seats == {"kremlin": "player", "washington": "counterpart"}
    assert found.temperament_for("washington") == "cautious"
    assert found.other_side is True
    assert "washington a counterpart (cautious)" in found.describe()


def test_per_side_temperaments_and_defaults(tmp_path: Path) -> None:
    found = lesson(tmp_path, HEAD + "temperament: {kremlin: hawkish, washington: cautious}\n")
    assert found.seats is None  # the student picks a side
    assert (found.temperament_for("kremlin"), found.temperament_for("washington")) == ("hawkish", "cautious")
    assert found.other_side is False
    plain = lesson(tmp_path, HEAD)
    assert (plain.seats, plain.temperament_for("kremlin"), plain.other_side) == (None, None, False)
    assert "sides:" not in plain.describe()


def test_two_players_are_a_hot_seat(tmp_path: Path) -> None:
    found = lesson(tmp_path, HEAD + "sides: {kremlin: player, washington: player}\n")
    assert "hot seat" in found.describe()


def test_wrong_sides_and_temperaments_are_reported_where_they_stand(tmp_path: Path) -> None:
    found = problems(tmp_path, HEAD + "sides: {kremlin: player, washingtn: counterpart}\n"
                                      "temperament: {kremlin: hawkish, washington: cautios}\n")
    assert found == [
        (5, 8, "sides: say who plays washington (player or counterpart); corridor_2001 has 2 sides: kremlin, "
               "washington"),
        (5, 37, "sides: no side 'washingtn' (did you mean 'washington'?); corridor_2001 has 2 sides: kremlin, "
                "washington"),
        (6, 24, "temperament: kremlin is played by a student in this class; a temperament is for a side a "
                "counterpart plays"),
        (6, 45, "temperament: washington has no temperament 'cautios' (did you mean 'cautious'?); its "
                "temperaments: historical, balanced, cautious"),
    ]


def test_one_temperament_must_fit_every_side_a_counterpart_may_play(tmp_path: Path) -> None:
    found = problems(tmp_path, HEAD + "temperament: hawkish\n")
    assert found == [(5, 14, "temperament: washington has no temperament 'hawkish'; its temperaments: historical, "
                             "balanced, cautious (or give one per side: temperament: {side: NAME})")]
    # With Washington seated as a student, only the Kremlin's counterpart needs it.
    assert lesson(tmp_path, HEAD + "sides: {kremlin: counterpart, washington: player}\ntemperament: hawkish\n")


def test_nobody_at_the_table_and_a_one_sided_scenario(tmp_path: Path) -> None:
    assert problems(tmp_path, HEAD + "sides: {kremlin: counterpart, washington: counterpart}\n") == [
        (5, 8, "sides: at least one side is played by a student")]
    tiny = HEAD.replace("corridor_2001.yaml", "tiny.yaml")
    found = problems(tmp_path, tiny + "sides: {kremlin: player, washington: counterpart}\n", "tiny.yaml")
    assert len(found) == 1 and "no side 'washington'" in found[0][2] and found[0][:2] == (5, 38)


def test_bad_values_are_refused_by_the_file_check(tmp_path: Path) -> None:
    found = problems(tmp_path, HEAD + "sides: {kremlin: robot}\nshow: {other_side: maybe}\n")
    assert (5, 18, "expected 'player' or 'counterpart', got the text 'robot'") in found
    assert any(line == 6 and "expected true or false" in message for line, _, message in found)
