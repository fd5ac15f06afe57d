"""The class on the command line: check-class states the lesson or refuses it with a position, `play --text --class`
applies the rules, and a class file where it cannot apply is an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from partnership_game.session import read_save

REPO = Path(__file__).resolve().parent.parent.parent
TINY = REPO / "tests" / "data" / "tiny.yaml"
HANG_GUARD = 60  # seconds; only so a hang fails instead of blocking the suite

CLASS = f"""format_version: 1
title: Two turns
scenario: {TINY}
seed: 5
start: "2001-09-22"
end: t2
show: {{previews: false, odds: false, historical_marks: false, ghost: false}}
time_box_minutes: 15
hand_in_folder: hand-ins
questions:
  - "Why did you choose as you did?"
  - {{text: "What came of the third turn?", turn: t3}}
"""


def cli(*args: str, tmp_path: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg-data"), "XDG_CONFIG_HOME": str(tmp_path / "xdg-config")}
    result = subprocess.run([sys.executable, "-m", "partnership_game", *args], cwd=tmp_path, env=env, input=stdin,
                            capture_output=True, text=True, timeout=HANG_GUARD)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def class_file(tmp_path: Path, text: str = CLASS) -> Path:
    path = tmp_path / "lesson.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_class_states_the_lesson_when_valid(tmp_path: Path) -> None:
    result = cli("check-class", str(class_file(tmp_path)), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith(f"{tmp_path / 'lesson.yaml'}: valid: 'Two turns': scenario tiny")
    assert "from Sept 22" in line or "2001-09-22" in line
    for said in ("seed 5", "the game ends there", "hidden until the debrief: previews, odds", "time box 15 min",
                 "hand-ins go to", "2 questions"):
        assert said in line, said


def test_check_class_refuses_a_start_outside_the_campaign_with_a_position(tmp_path: Path) -> None:
    path = class_file(tmp_path, CLASS.replace('start: "2001-09-22"', 'start: "2002-09-11"'))
    result = cli("check-class", str(path), tmp_path=tmp_path)
    assert result.returncode == 1
    assert f"{path}:5:8: error: start: 2002-09-11 is outside the campaign" in result.stderr
    assert result.stdout.strip() == f"{path}: invalid"


def test_check_class_refuses_an_end_outside_the_campaign_or_before_the_start(tmp_path: Path) -> None:
    outside = class_file(tmp_path, CLASS.replace("end: t2", 'end: "2003-01-01"'))
    assert f"{outside}:6:6: error: end: 2003-01-01 is outside the campaign" in cli(
        "check-class", str(outside), tmp_path=tmp_path).stderr
    before = class_file(tmp_path, CLASS.replace("end: t2", "end: t1"))
    result = cli("check-class", str(before), tmp_path=tmp_path)
    assert result.returncode == 1 and f"{before}:6:6: error: end: the lesson would end at t1" in result.stderr
    unknown = class_file(tmp_path, CLASS.replace("end: t2", "end: t9"))
    assert "no turn 't9' in tiny" in cli("check-class", str(unknown), tmp_path=tmp_path).stderr


def test_a_misspelt_scenario_id_is_reported_at_the_scenario_line(tmp_path: Path) -> None:
    path = class_file(tmp_path, CLASS.replace(f"scenario: {TINY}", "scenario: new_partnersip"))
    result = cli("check-class", str(path), tmp_path=tmp_path)
    assert result.returncode == 1
    assert f"{path}:3:11: error: scenario: no scenario with id 'new_partnersip'" in result.stderr


def test_a_class_file_where_it_cannot_apply_is_an_error(tmp_path: Path) -> None:
    path = str(class_file(tmp_path))
    for args, said in ((("--class", path, "validate", str(TINY)), "does not apply to 'validate'"),
                       (("play", "--text", "--class", path, "--seed", "3"), "--class cannot go with --seed"),
                       (("play", "--text", "--class", path, "--scenario", "tiny"), "cannot go with --scenario"),
                       (("play", "--text", "--class", path, "--load", "x.json"), "cannot go with --load")):
        result = cli(*args, tmp_path=tmp_path)
        assert result.returncode == 2 and said in result.stderr, (args, result.stderr)


def test_terminal_class_mode_applies_the_rules_clock_start_end_and_hand_in(tmp_path: Path) -> None:
    path = str(class_file(tmp_path))
    (tmp_path / "hand-ins").mkdir()
    answers = "Group 3\no\nb\n" + "1\ny\n" * 6
    for how in (("play", "--text", "--class", path), ("--class", path, "play", "--text")):
        result = cli(*how, tmp_path=tmp_path, stdin=answers)
        out = result.stdout
        assert result.returncode == 0, result.stderr
        assert "This class keeps the odds hidden until the debrief." in out
        assert "The lesson starts here; the earlier decisions were taken for the class." in out
        assert "Time box: 15:00 left." in out or "Time box: 14:59 left." in out
        assert "(history's choice)" not in out.split("The lesson ends here")[0]  # hidden until the debrief
        assert "The lesson ends here, after" in out  # the end at t2 stops the game before t3
        assert "Why did you choose as you did?" in out and "What came of the third turn?" not in out
        assert "Handed in as \u201cGroup 3\u201d" in out
    handed = sorted((tmp_path / "hand-ins").iterdir())
    assert [p.name for p in handed] == ["Group-3-tiny-2.json", "Group-3-tiny.json"]  # the same name, both kept
    restored = read_save(handed[0])
    assert restored.classroom is not None and restored.stopped and restored.player == "Group 3"


def test_scripted_class_play_starts_and_stops_where_the_class_says(tmp_path: Path) -> None:
    path = str(class_file(tmp_path))
    save = tmp_path / "s.json"
    result = cli("play", "--class", path, "--choices", "historical", "--save", str(save), "--player", "G",
                 tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    game = read_save(save)
    assert game.classroom is not None and game.classroom.floor == 1
    assert game.stopped and not game.over  # stopped at the lesson's end, not the campaign's


def test_a_class_game_left_unfinished_is_continued_with_its_rules(tmp_path: Path) -> None:
    path = str(class_file(tmp_path, CLASS.replace("end: t2", "end: t3")))
    first = cli("play", "--text", "--class", path, tmp_path=tmp_path, stdin="Group 3\n1\n")  # input ends: kept
    assert first.returncode == 0, first.stderr
    again = cli("play", "--text", "--class", path, tmp_path=tmp_path, stdin="o\n")
    assert "Continuing your class game from" in again.stdout
    assert "This class keeps the odds hidden until the debrief." in again.stdout


def test_the_plans_class_files_are_valid_and_end_at_kabul(tmp_path: Path) -> None:
    for name, rollback in (("sochi-to-kabul.yaml", "stepping back allowed"), ("lourdes-to-kabul.yaml", "look-only")):
        result = cli("check-class", str(REPO / "docs" / name), tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "to Nov 12–13, 2001 (The gates of Kabul)" in result.stdout and "the game ends there" in result.stdout
        assert rollback in result.stdout
