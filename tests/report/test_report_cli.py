"""`partnership-game report` through a real process: the files it writes, and clean errors that write nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import assert_self_contained, cli, edit_save, png_images


def test_report_writes_the_page_and_the_log(tmp_path: Path, make_save) -> None:
    save = make_save("group3.json", "help,safe,sign", player="Group 3")
    out, log = tmp_path / "group3.html", tmp_path / "group3.csv"
    result = cli("report", save, "--out", out, "--csv", log)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote {out} and {log}\n" and result.stderr == ""
    page = assert_self_contained(out.read_text(encoding="utf-8"))
    assert "Player Group 3" in page.text and len(png_images(page)) == 3
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ("number,turn,date,event_id,event_title,option_id,option_label,historical_option_id,"
                        "same_as_history,what_happened,set_by_class")
    assert lines[1:] == ["1,1,2001-09-11,first,First decision,help,Help,help,yes,,no",
                         "2,2,2001-09-22,second,Second decision,safe,Play safe,safe,yes,,no",
                         "3,3,2001-10-17,third,Third decision,sign,Sign,sign,yes,,no"]


def test_report_without_csv_writes_only_the_page(tmp_path: Path, make_save) -> None:
    save = make_save("one.json")
    out = tmp_path / "reports" / "one.html"
    assert cli("report", save, "--out", out).returncode == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ["one.html"]


def _tampered_hash(data: dict) -> None:
    data["scenario"]["hash"] = "sha256:" + "0" * 64


def _tampered_option(data: dict) -> None:
    data["timeline"]["nodes"][0]["option"] = "bases"  # needs trust of 60: not available at the start


def _renamed_option(data: dict) -> None:
    data["timeline"]["nodes"][1]["option"] = "betray"


@pytest.mark.parametrize(("name", "damage", "reason"), [
    ("missing", None, "no such save file"),
    ("not-json", b"{ this is not json", "the save is not valid JSON"),
    ("foreign", b'{"name": "a shopping list", "items": ["milk"]}', "this is not a save file of this game"),
    ("hash", _tampered_hash, "does not match its recorded hash (the save was altered)"),
    ("unavailable", _tampered_option, "was not available then"),
    ("unknown-option", _renamed_option, "has no option 'betray'"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8"),
])
def test_bad_saves_are_one_line_errors_and_write_nothing(tmp_path: Path, make_save, name, damage, reason) -> None:
    save = tmp_path / f"{name}.json"
    if isinstance(damage, bytes):
        save.write_bytes(damage)
    elif damage is not None:
        edit_save(make_save(save.name, folder=tmp_path), damage)
    out, log = tmp_path / "out.html", tmp_path / "out.csv"
    result = cli("report", save, "--out", out, "--csv", log)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{save}: error: ") and reason in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert not out.exists() and not log.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary files


def test_a_folder_is_not_a_save(tmp_path: Path) -> None:
    result = cli("report", tmp_path, "--out", tmp_path / "out.html")
    assert result.returncode == 1 and "is a folder, not a save file" in result.stderr


def test_report_never_overwrites_the_save(tmp_path: Path, make_save) -> None:
    save = make_save("keep.json")
    before = save.read_bytes()
    for args in (("--out", save), ("--out", tmp_path / "r.html", "--csv", save),
                 ("--out", tmp_path / "r.html", "--csv", tmp_path / "r.html")):
        result = cli("report", save, *args)
        assert result.returncode == 2 and "must be three different files" in result.stderr
    assert save.read_bytes() == before and not (tmp_path / "r.html").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = cli("report", tmp_path / "x.json")
    assert result.returncode == 2 and "--out" in result.stderr


def test_an_unwritable_target_is_an_error(tmp_path: Path, make_save) -> None:
    save = make_save("one.json")
    blocker = tmp_path / "file"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    result = cli("report", save, "--out", blocker / "report.html")
    assert result.returncode == 1 and result.stderr.startswith(f"{blocker / 'report.html'}: error: cannot write")


def test_report_reads_the_saves_own_scenario_copy(tmp_path: Path, make_save) -> None:
    scenario = tmp_path / "mine.yaml"
    scenario.write_text((Path(__file__).parent.parent / "data" / "tiny.yaml").read_text(encoding="utf-8")
                        .replace("Tiny test scenario", "A private copy"), encoding="utf-8")
    save = make_save("mine.json", scenario=scenario)
    scenario.unlink()  # the report needs only the save
    out = tmp_path / "mine.html"
    assert cli("report", save, "--out", out).returncode == 0
    assert "A private copy" in out.read_text(encoding="utf-8")
    assert json.loads(save.read_text(encoding="utf-8"))["scenario"]["id"] == "tiny"
