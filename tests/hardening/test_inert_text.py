"""Text that leaves the program is inert: a file's control characters are refused by the validator, with their
position, and shown as `\\x1b` escapes (never obeyed by the terminal) wherever a message or report echoes them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_game.classroom.classfile import load_class_file
from partnership_game.scenario import ScenarioError, load_bytes, load_path, yaml_tree
from partnership_game.scenario.diagnostics import Diagnostic
from partnership_game.session import Session, write_save
from partnership_game.session.saves import parse_save, scenario_bytes
from partnership_game.text.play import scripted

TINY = Path(__file__).resolve().parent.parent / "data" / "tiny.yaml"
TINY_TEXT = TINY.read_text(encoding="utf-8")
ESC = b"\x1b"
HANG_GUARD = 60  # generous: a subprocess replays saves and imports numpy


def edit(old: str, new: str, text: str = TINY_TEXT) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# Line 3: the title; line 4: an unknown key; line 25: the first event's id (one line lower after the new key).
HOSTILE = edit(
    "  - id: first\n",
    '  - id: "fi\\erst"\n',
    edit("title: Tiny test scenario\n", 'title: "\\e[2Jevil"\n"bad\\x1b]0;pwned\\x07": 1\n'),
)
ONLY_TITLE = edit("title: Tiny test scenario\n", 'title: "\\e[2Jevil"\n')


def run(*args: str | Path, home: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "XDG_DATA_HOME": str(home / "xdg-data"), "XDG_CONFIG_HOME": str(home / "xdg-config")}
    result = subprocess.run(
        [sys.executable, "-m", "partnership_game", *map(str, args)],
        env=env, capture_output=True, timeout=HANG_GUARD, cwd=home,
    )
    assert b"Traceback" not in result.stdout + result.stderr, result.stderr
    assert ESC not in result.stdout, result.stdout  # nothing from a file reaches the terminal raw...
    assert ESC not in result.stderr, result.stderr
    return result


def text_of(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def refused(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(ScenarioError) as caught:
        load_bytes(text.encode("utf-8"), "s.yaml")
    return [(d.line, d.col, d.message) for d in caught.value.diagnostics]


# --- the validator -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "char", "shown"), [
    ("\\e", "\x1b", "\\x1b"),
    ("\\x1b", "\x1b", "\\x1b"),
    ("\\u001b", "\x1b", "\\x1b"),
    ("\\U0000001b", "\x1b", "\\x1b"),
    ("\\u009b", "\x9b", "\\x9b"),  # CSI in the C1 block: some terminals obey it like ESC [
    ("\\N", "\x85", "\\x85"),
    ("\\x7f", "\x7f", "\\x7f"),
    ("\\0", "\x00", "\\x00"),
    ("\\a", "\x07", "\\x07"),
    ("\\r", "\r", "\\x0d"),
    ("\\b", "\x08", "\\x08"),
])
def test_every_control_character_written_as_an_escape_is_refused_at_its_text(written: str, char: str,
                                                                               shown: str) -> None:
    text = edit("    situation: Something happens.\n", f'    situation: "Some{written}thing"\n')
    assert refused(text) == [(28, 16, f"the text 'Some{char}thing' contains a control character ({shown}, "
                                      "character 5); remove it: terminal escapes and other control characters are "
                                      "not allowed in scenario files")]


def test_a_control_character_in_a_key_is_refused_at_the_key() -> None:
    assert refused(edit("id: tiny\n", 'id: tiny\n"ke\\ey": 1\n')) == [
        (3, 1, "the key 'ke\x1by' contains a control character (\\x1b, character 3); remove it: terminal escapes "
               "and other control characters are not allowed in scenario files")
    ]


def test_newlines_and_tabs_in_text_are_still_allowed() -> None:
    loaded = load_bytes(edit("    situation: Something happens.\n",
                             '    situation: "One line.\\n\\tAnd an indented one."\n').encode("utf-8"))
    assert loaded.model.events[0].situation == "One line.\n\tAnd an indented one."


def test_a_raw_escape_in_the_file_is_refused_by_the_reader() -> None:
    assert refused(edit("title: Tiny test scenario\n", "title: Tiny\x1b[2J\n")) == [
        (3, 12, "character U+001B is not allowed in YAML text")
    ]


def test_the_campaign_scenarios_hold_no_control_characters() -> None:
    for path in sorted((TINY.parents[2] / "scenarios").glob("*.yaml")):
        load_path(path)  # raises if the new check refuses a shipped scenario


def test_a_diagnostic_line_escapes_its_path_and_message_but_json_keeps_them() -> None:
    diagnostic = Diagnostic(2, 3, "unknown key 'a\x1b]0;x\x07'\nnext", path="dir\x1b[2J/s.yaml")
    assert diagnostic.format() == "dir\\x1b[2J/s.yaml:2:3: error: unknown key 'a\\x1b]0;x\\x07'\\nnext"
    assert diagnostic.as_json()["message"] == "unknown key 'a\x1b]0;x\x07'\nnext"  # json.dumps escapes it
    assert diagnostic.as_json()["path"] == "dir\x1b[2J/s.yaml"


# --- validate ------------------------------------------------------------------------------------------------


def test_validate_names_each_control_character_escaped(tmp_path: Path) -> None:
    path = write(tmp_path / "evil.yaml", HOSTILE)
    result = run("validate", path, home=tmp_path)
    assert result.returncode == 1
    err = text_of(result.stderr)
    rest = "remove it: terminal escapes and other control characters are not allowed in scenario files"
    assert f"{path}:3:8: error: the text '\\x1b[2Jevil' contains a control character (\\x1b, character 1); " \
           f"{rest}" in err
    assert f"{path}:4:1: error: the key 'bad\\x1b]0;pwned\\x07' contains a control character (\\x1b, " \
           f"character 4); {rest}" in err
    assert f"{path}:25:9: error: the text 'fi\\x1brst' contains a control character (\\x1b, character 3); " \
           f"{rest}" in err
    assert text_of(result.stdout) == f"{path}: invalid\n"


def test_validate_json_keeps_the_text_but_escapes_it_as_json(tmp_path: Path) -> None:
    path = write(tmp_path / "evil.yaml", HOSTILE)
    result = run("validate", "--json", path, home=tmp_path)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    messages = [p["message"] for p in report["files"][0]["problems"]]
    assert any("'\x1b[2Jevil'" in m for m in messages), messages  # exact text, written \u001b in the JSON


def test_validate_escapes_a_file_name_given_on_the_command_line(tmp_path: Path) -> None:
    good = write(tmp_path / "good\x1b]0;pwned\x07.yaml", TINY_TEXT)
    missing = tmp_path / "gone\x1b[2J.yaml"
    result = run("validate", good, missing, home=tmp_path)
    assert result.returncode == 1
    assert f"{tmp_path}/good\\x1b]0;pwned\\x07.yaml: valid" in text_of(result.stdout)
    assert f"{tmp_path}/gone\\x1b[2J.yaml:1:1: error: no such file" in text_of(result.stderr)


def test_a_scenario_id_from_the_command_line_is_shown_escaped(tmp_path: Path) -> None:
    result = run("play", "--text", "--scenario", "nope\x1b[2J", home=tmp_path)
    assert result.returncode == 1
    assert "no scenario with id 'nope\\x1b[2J'" in text_of(result.stderr)


# --- check-class ---------------------------------------------------------------------------------------------

CLASS = """format_version: 1
title: "Sochi\\e]0;pwned\\a"
scenario: new_partnership
seed: 2001
notes: "Read this.\\e[2J"
"""


def test_check_class_refuses_control_characters_in_title_and_notes(tmp_path: Path) -> None:
    path = write(tmp_path / "class.yaml", CLASS)
    result = run("check-class", path, home=tmp_path)
    assert result.returncode == 1
    err = text_of(result.stderr)
    rest = "remove it: terminal escapes and other control characters are not allowed in class files"
    assert f"{path}:2:8: error: the text 'Sochi\\x1b]0;pwned\\x07' contains a control character (\\x1b, " \
           f"character 6); {rest}" in err
    assert f"{path}:5:8: error: the text 'Read this.\\x1b[2J' contains a control character (\\x1b, " \
           f"character 11); {rest}" in err
    assert text_of(result.stdout) == f"{path}: invalid\n"


def test_check_class_escapes_an_unknown_key_and_the_file_name(tmp_path: Path) -> None:
    path = write(tmp_path / "cl\x1b[2Jass.yaml", CLASS.replace("notes:", '"no\\x9btes":'))
    result = run("check-class", path, home=tmp_path)
    assert result.returncode == 1
    shown = f"{tmp_path}/cl\\x1b[2Jass.yaml"
    assert f"{shown}:5:1: error: the key 'no\\x9btes' contains a control character (\\x9b, character 3)" \
           in text_of(result.stderr)
    assert text_of(result.stdout) == f"{shown}: invalid\n"


def test_class_file_messages_say_class_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_class_file(write(tmp_path / "class.yaml", "format_version: 1\nseed: !!int 5\n"))
    assert [d.message for d in caught.value.diagnostics] == [
        "tags ('tag:yaml.org,2002:int') are not allowed in class files"
    ]
    with pytest.raises(ScenarioError) as caught:
        load_class_file(write(tmp_path / "class.yaml", "# nothing\n"))
    assert [d.message for d in caught.value.diagnostics] == ["the file is empty: expected a class mapping"]


# --- saves: report, class-report, play --load ----------------------------------------------------------------


def make_save(path: Path, scenario: Path, player: str = "Tester") -> Path:
    session = Session(load_path(scenario), 7, player=player)
    scripted(session, "historical")
    write_save(path, session)
    return path


@pytest.fixture
def old_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A save made before the validator refused control characters: its copy of the scenario has a title that
    clears the screen."""
    scenario = write(tmp_path / "old.yaml", ONLY_TITLE)
    with monkeypatch.context() as patch:
        patch.setattr(yaml_tree, "first_control", lambda text: -1)
        save = make_save(tmp_path / "old-save.json", scenario)
    assert b'title: "\\e[2Jevil"' in scenario_bytes(parse_save(save.read_bytes()))
    return save


def edited(path: Path, change: dict[str, object]) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(change)
    path.write_text(json.dumps(data), encoding="utf-8")
    assert b"\\u001b" in path.read_bytes()
    return path


OLD_SCENARIO = "the text '\\x1b[2Jevil' contains a control character (\\x1b, character 1)"


def test_play_load_refuses_a_save_whose_scenario_holds_an_escape(tmp_path: Path, old_save: Path) -> None:
    result = run("play", "--load", old_save, "--choices", "historical", home=tmp_path)
    assert result.returncode == 1
    err = text_of(result.stderr)
    assert err.startswith(f"{old_save}: error: the save's scenario does not load: {old_save}:scenario:3:8: error: "
                          f"{OLD_SCENARIO}")
    assert result.stdout == b""


def test_play_load_escapes_an_unknown_key_in_the_save(tmp_path: Path) -> None:
    save = edited(make_save(tmp_path / "s.json", TINY), {"\x1b]0;pwned\x07": 1})
    result = run("play", "--load", save, "--choices", "historical", home=tmp_path)
    assert result.returncode == 1
    assert text_of(result.stderr) == (f"{save}: error: the save is damaged: \\x1b]0;pwned\\x07: Extra inputs are "
                                      "not permitted\n")


def test_report_refuses_the_old_save_with_its_text_escaped(tmp_path: Path, old_save: Path) -> None:
    out = tmp_path / "report.html"
    result = run("report", old_save, "--out", out, home=tmp_path)
    assert result.returncode == 1
    assert f"{old_save}: error: the save's scenario does not load: " in text_of(result.stderr)
    assert OLD_SCENARIO in text_of(result.stderr)
    assert not out.exists()


def test_report_shows_a_player_name_with_an_escape_as_text(tmp_path: Path) -> None:
    save = edited(make_save(tmp_path / "s.json", TINY), {"player": "Eve\x1b[2J\x1b]0;pwned\x07"})
    out, table = tmp_path / "report.html", tmp_path / "log.csv"
    result = run("report", save, "--out", out, "--csv", table, home=tmp_path)
    assert result.returncode == 0, result.stderr
    page = out.read_bytes()
    assert ESC not in page and b"\x07" not in page
    assert b"Eve\\x1b[2J\\x1b]0;pwned\\x07" in page


def test_class_report_skips_hostile_saves_with_escaped_names_and_reasons(tmp_path: Path, old_save: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    make_save(folder / "good.json", TINY)
    edited(make_save(folder / "eve.json", TINY), {"player": "Eve\x1b[2J"})
    (folder / "old.json").write_bytes(old_save.read_bytes())
    (folder / "na\x1b]0;pwned\x07me.json").write_text("not json", encoding="utf-8")
    out, table = tmp_path / "class.html", tmp_path / "class.csv"
    result = run("class-report", folder, "--out", out, "--csv", table, home=tmp_path)
    assert result.returncode == 0, result.stderr
    err = text_of(result.stderr)
    # Each skipped line names the file (escaped) and says what to do, with the technical reason kept after it.
    lines = {line.split(": skipped: ")[0]: line for line in err.splitlines() if ": skipped: " in line}
    assert "the save is not valid JSON" in lines[f"{folder}/na\\x1b]0;pwned\\x07me.json"]
    assert f"the save's scenario does not load: {folder}/old.json:scenario:3:8: error: {OLD_SCENARIO}" \
        in lines[f"{folder}/old.json"]
    assert "Read 2 save(s)" in text_of(result.stdout)
    for written in (out.read_bytes(), table.read_bytes()):
        assert ESC not in written and b"\x07" not in written
        assert b"Eve\\x1b[2J" in written
