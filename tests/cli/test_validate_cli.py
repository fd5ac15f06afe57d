"""`partnership-game validate` through a real process: exit codes, messages on stderr, and --json."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
TINY_REL = "tests/data/tiny.yaml"
TINY = (REPO / TINY_REL).read_text(encoding="utf-8")
HANG_GUARD = 60  # seconds; only so a hang fails instead of blocking the suite, never a timing assertion
DIAGNOSTIC = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>.+)$")


def cli(*args: str, tmp_path: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg-data"), "XDG_CONFIG_HOME": str(tmp_path / "xdg-config")}
    result = subprocess.run(
        [sys.executable, "-m", "partnership_game", *args],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def write(tmp_path: Path, text: str | bytes, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_exits_0(tmp_path: Path) -> None:
    result = cli("validate", TINY_REL, tmp_path=tmp_path)
    assert result.returncode == 0
    assert result.stdout == f"{TINY_REL}: valid\n"
    assert result.stderr == ""


def test_bad_file_exits_1_with_positions_on_stderr(tmp_path: Path) -> None:
    bad = write(tmp_path, TINY.replace("title: Tiny test scenario", "titel: Tiny test scenario"))
    result = cli("validate", str(bad), tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{bad}:1:1: error: missing required key 'title'",
        f"{bad}:3:1: error: unknown key 'titel' (did you mean 'title'?)",
    ]
    assert result.stdout == f"{bad}: invalid\n"


def test_semantic_error_with_a_column_inside_a_condition(tmp_path: Path) -> None:
    bad = write(tmp_path, TINY.replace("condition: trust >= 60", "condition: trust >= 60 and bases_opn"))
    result = cli("validate", str(bad), tmp_path=tmp_path)
    assert result.returncode == 1
    line = "        condition: trust >= 60 and bases_opn"
    col = line.index("bases_opn") + 1
    assert result.stderr.splitlines() == [
        f"{bad}:51:{col}: error: in condition: 'bases_opn' is not a declared meter or flag (did you mean 'bases_open'?)"
    ]


def test_missing_file_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    result = cli("validate", str(missing), tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"{missing}:1:1: error: no such file\n"
    assert result.stdout == f"{missing}: invalid\n"


def test_no_paths_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("validate", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "the following arguments are required: PATH" in result.stderr
    assert result.stderr.startswith("usage: partnership-game validate")
    assert result.stdout == ""


def test_unknown_flag_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("validate", "--bogus", TINY_REL, tmp_path=tmp_path)
    assert result.returncode == 2
    assert "unrecognized arguments: --bogus" in result.stderr
    assert result.stdout == ""


def test_unknown_command_is_a_usage_error(tmp_path: Path) -> None:
    result = cli("valdiate", TINY_REL, tmp_path=tmp_path)
    assert result.returncode == 2
    assert "invalid choice: 'valdiate'" in result.stderr


def test_json_for_a_valid_file(tmp_path: Path) -> None:
    result = cli("validate", "--json", TINY_REL, tmp_path=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "valid": True,
        "files": [{"path": TINY_REL, "valid": True, "problems": []}],
    }


def test_json_for_good_and_bad_files(tmp_path: Path) -> None:
    bad = write(tmp_path, TINY.replace("start: 40", "start: '12:30'"))
    missing = tmp_path / "missing.yaml"
    result = cli("validate", "--json", TINY_REL, str(bad), str(missing), tmp_path=tmp_path)
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert [(f["path"], f["valid"]) for f in report["files"]] == [
        (TINY_REL, True),
        (str(bad), False),
        (str(missing), False),
    ]
    assert report["files"][1]["problems"] == [
        {
            "path": str(bad),
            "line": 9,
            "col": 38,
            "severity": "error",
            "code": "",
            "message": "expected a number, got the text '12:30'",
        }
    ]
    assert report["files"][2]["problems"] == [
        {"path": str(missing), "line": 1, "col": 1, "severity": "error", "code": "", "message": "no such file"}
    ]
    assert result.stderr == ""


def test_warnings_do_not_fail_validation(tmp_path: Path) -> None:
    # A historical event with no sources is a warning (W002), not an error.
    text = TINY.replace("    sources: [{title: A third source}]\n", "")
    assert text != TINY
    path = write(tmp_path, text, "warn.yaml")
    line = text.splitlines().index("    accuracy: historical", text.splitlines().index("  - id: third")) + 1
    result = cli("validate", str(path), tmp_path=tmp_path)
    assert result.returncode == 0
    # Diagnostics, warnings too, go to stderr; the verdict to stdout.
    assert result.stderr.splitlines() == [
        f"{path}:{line}:15: warning: event 'third' is marked historical but lists no sources [W002]",
    ]
    assert result.stdout.splitlines() == [f"{path}: valid (1 warning)"]
    json_result = cli("validate", "--json", str(path), tmp_path=tmp_path)
    assert json_result.returncode == 0
    report = json.loads(json_result.stdout)
    assert report["valid"] is True
    (problem,) = report["files"][0]["problems"]
    assert (problem["severity"], problem["code"], problem["line"], problem["col"]) == ("warning", "W002", line, 15)


def test_one_bad_file_among_good_ones_exits_1_and_reports_each(tmp_path: Path) -> None:
    bad = write(tmp_path, "- not a mapping\n")
    result = cli("validate", TINY_REL, str(bad), TINY_REL, tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{TINY_REL}: valid", f"{bad}: invalid", f"{TINY_REL}: valid"]
    assert result.stderr == f"{bad}:1:1: error: the top level must be a mapping of keys, not a list\n"


BAD_INPUTS: dict[str, str | bytes] = {
    "empty": "",
    "not_utf8": b"title: \xff\xfe\n",
    "tabs": "a:\n\tb: 1\n",
    "unclosed": "a: [1, 2\n",
    "deep": "a: " + "[" * 5000 + "]" * 5000 + "\n",
    "long_number": "a: " + "9" * 5000 + "\n",
    "python_tag": '!!python/object/apply:os.system ["echo hi"]\n',
    "alias_bomb": 'a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n',
    "nul_byte": "a: \x00\n",
    "binary": bytes(range(256)),
    "huge": b"a: 1\n" + b"#" * (2 * 1024 * 1024),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_never_prints_a_traceback(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, BAD_INPUTS[name], f"{name}.yaml")
    result = cli("validate", str(path), tmp_path=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines, "an invalid file must say why"
    for line in lines:
        match = DIAGNOSTIC.match(line)
        assert match is not None, line
        assert match["path"] == str(path)
        assert match["severity"] == "error"
        assert int(match["line"]) >= 1 and int(match["col"]) >= 1
    assert result.stdout == f"{path}: invalid\n"


def test_the_python_tag_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    path = write(tmp_path, f'title: !!python/object/apply:os.system ["touch {marker}"]\n')
    result = cli("validate", str(path), tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        f"{path}:1:8: error: tags ('tag:yaml.org,2002:python/object/apply:os.system') are not allowed in "
        "scenario files\n"
    )
    assert not marker.exists()


def test_a_folder_is_reported_not_crashed_on(tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path), tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"{tmp_path}: error: no scenario files (.yaml, .yml) in this folder or in its subfolders\n"
