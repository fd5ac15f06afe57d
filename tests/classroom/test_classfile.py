"""Class files: strict loading with positions, and the rules they give a game (start, rollback, what is shown)."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.classroom.classfile import load_class_file
from partnership_game.scenario import ScenarioError

GOOD = """format_version: 1
title: From Sochi to Kabul
scenario: tiny.yaml
seed: 2001
start: "2001-09-22"
rollback: look_only
show: {previews: false, odds: false, historical_marks: false, ghost: false}
time_box_minutes: 40
ask_name: true
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "class.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(ScenarioError) as caught:
        load_class_file(write(tmp_path, text))
    return [(d.line, d.col, d.message) for d in caught.value.diagnostics]


def test_a_good_class_file_loads(tmp_path: Path) -> None:
    loaded = load_class_file(write(tmp_path, GOOD))
    assert loaded.model.seed == 2001
    assert loaded.model.rollback == "look_only"
    assert loaded.model.show.odds is False
    assert loaded.scenario_reference() == str(tmp_path / "tiny.yaml")  # relative to the class file


def test_an_id_stays_an_id(tmp_path: Path) -> None:
    loaded = load_class_file(write(tmp_path, GOOD.replace("scenario: tiny.yaml", "scenario: new_partnership")))
    assert loaded.scenario_reference() == "new_partnership"


def test_a_misspelt_key_is_reported_with_its_position_and_a_hint(tmp_path: Path) -> None:
    assert problems(tmp_path, GOOD.replace("ask_name:", "ask_nam:")) == [
        (9, 1, "unknown key 'ask_nam' (did you mean 'ask_name'?)")
    ]


def test_wrong_values_are_reported_where_they_stand(tmp_path: Path) -> None:
    found = problems(
        tmp_path, GOOD.replace("ghost: false}", "ghost: fals}").replace("rollback: look_only", "rollback: sometimes")
    )
    assert (6, 11, "expected 'allowed', 'look_only' or 'off', got the text 'sometimes'") in found
    assert (7, 70, "expected true or false, got the text 'fals'") in found


def test_a_bad_date_and_a_missing_seed(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace('start: "2001-09-22"', 'start: "22/09/2001"').replace("seed: 2001\n", ""))
    assert (1, 1, "missing required key 'seed'") in found
    wanted = "'22/09/2001' is neither a date written YYYY-MM-DD nor a turn id"
    assert any(line == 4 and wanted in message for line, _, message in found)


def test_a_missing_file_and_a_tag_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_class_file(tmp_path / "nowhere.yaml")
    assert caught.value.diagnostics[0].message == "no such file"
    assert problems(tmp_path, GOOD.replace("seed: 2001", "seed: !!python/object/apply:os.system [ls]"))[0][
        2
    ].startswith("tags (")
