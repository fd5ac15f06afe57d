"""`partnership-game class-report` through a real process: bad files are skipped with reasons, never fatal."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from .conftest import SEED, TINY, assert_self_contained, cli, edit_save


@pytest.fixture
def mixed_folder(tmp_path: Path, make_save) -> Path:
    folder = tmp_path / "handed-in"
    make_save("anna.json", "help,safe,sign", player="Anna", folder=folder)
    make_save("boris.json", "wait,gamble,walk", player="Boris", folder=folder)
    make_save("chen.json", "historical", player="Chen", folder=folder)
    (folder / "damaged.json").write_text('{"format": "partnership-game-save", "version": 1, ', encoding="utf-8")
    (folder / "foreign.json").write_text('{"compilerOptions": {"strict": true}}', encoding="utf-8")
    edit_save(make_save("hash.json", folder=folder),
              lambda d: d["scenario"].update(hash="sha256:" + "ab" * 32))
    edit_save(make_save("option.json", folder=folder),
              lambda d: d["timeline"]["nodes"][2].update(option="surrender"))
    return folder


def test_bad_files_are_skipped_with_their_reasons_and_the_rest_reported(tmp_path: Path, mixed_folder: Path) -> None:
    out, table = tmp_path / "class.html", tmp_path / "class.csv"
    result = cli("class-report", mixed_folder, "--out", out, "--csv", table)
    assert result.returncode == 0, result.stderr
    reasons = {
        "damaged.json": "the save is not valid JSON",
        "foreign.json": "this is not a save file of this game",
        "hash.json": "the save's scenario text does not match its recorded hash (the save was altered)",
        "option.json": "the save's decisions do not replay in its scenario: event 'third' has no option 'surrender'",
    }
    lines = result.stderr.splitlines()
    assert len(lines) == len(reasons)
    for name, reason in reasons.items():
        assert any(line.startswith(f"{mixed_folder / name}: skipped: ") and reason in line for line in lines), name
    assert "Read 3 save(s): 3 counted, 0 flagged; skipped 4." in result.stdout
    text = assert_self_contained(out.read_text(encoding="utf-8")).text
    assert "Saves read 3 (3 counted, 0 flagged) Skipped 4" in text
    plain = {
        "damaged.json": "the file is incomplete (it stops part way, as when a copy is cut off): hand it in again",
        "foreign.json": "this is another kind of file, not a save of this game: ask for the right file",
        "hash.json": "the file was changed after the game saved it: hand it in again",
        "option.json": "the file's decisions do not fit its own scenario (it was changed or damaged): hand it in again",
    }
    for name, reason in reasons.items():
        assert f"{mixed_folder / name} {plain[name]} Details: {reason}" in text
        assert any(line.startswith(f"{mixed_folder / name}: skipped: {plain[name]} (") for line in lines), name
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert [(r["file"], r["player"]) for r in rows] == [("anna.json", "Anna"), ("boris.json", "Boris"),
                                                       ("chen.json", "Chen")]


def test_files_and_folders_mix_and_each_save_counts_once(tmp_path: Path, mixed_folder: Path, make_save) -> None:
    extra = make_save("dana.json", player="Dana", folder=tmp_path / "elsewhere")
    out = tmp_path / "class.html"
    result = cli("class-report", mixed_folder, mixed_folder / "anna.json", extra, "--out", out)
    assert result.returncode == 0 and "Read 4 save(s)" in result.stdout


def test_no_readable_save_exits_1_and_writes_nothing(tmp_path: Path, mixed_folder: Path) -> None:
    for name in ("anna.json", "boris.json", "chen.json"):
        (mixed_folder / name).unlink()
    out, table = tmp_path / "class.html", tmp_path / "class.csv"
    result = cli("class-report", mixed_folder, tmp_path / "missing-folder", "--out", out, "--csv", table)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "partnership-game class-report: error: no save could be read"
    missing = "the file or folder is not there (check its name) (no such file or folder)"
    assert f"{tmp_path / 'missing-folder'}: skipped: {missing}" in result.stderr
    assert not out.exists() and not table.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("class-report", empty, "--out", out).returncode == 1 and not out.exists()


def _class_file(tmp_path: Path, seed: int = SEED, scenario: str = "tiny.yaml") -> Path:
    (tmp_path / "tiny.yaml").write_bytes(TINY.read_bytes())
    path = tmp_path / "lesson.yaml"
    path.write_text(f"format_version: 1\ntitle: Lesson <b>one</b>\nscenario: {scenario}\nseed: {seed}\n",
                    encoding="utf-8")
    return path


def test_class_file_flags_another_seed_and_another_version(tmp_path: Path, make_save) -> None:
    folder = tmp_path / "handed-in"
    make_save("same.json", "help,safe,sign", player="Same", folder=folder)
    make_save("dice.json", "help,safe,sign", player="Dice", seed=SEED + 1, folder=folder)
    changed = tmp_path / "changed" / "tiny.yaml"
    changed.parent.mkdir()
    changed.write_text(TINY.read_text(encoding="utf-8").replace("Be careful.", "Be very careful."), encoding="utf-8")
    make_save("version.json", "wait,gamble,walk", player="Version", scenario=changed, folder=folder)
    out, table = tmp_path / "class.html", tmp_path / "class.csv"
    result = cli("class-report", folder, "--class", _class_file(tmp_path), "--out", out, "--csv", table)
    assert result.returncode == 0, result.stderr
    assert "3 counted, 3 flagged" in result.stdout  # "same" was not played with the class file either
    page = assert_self_contained(out.read_text(encoding="utf-8"))
    assert "Lesson &lt;b&gt;one&lt;/b&gt;" in out.read_text(encoding="utf-8")
    assert f"Seed {SEED}" in page.text and "Compared with the class file lesson.yaml" in page.text
    assert f"another seed ({SEED + 1}, not {SEED})" in page.text
    assert "another version of the scenario (" in page.text
    rows = {r["file"]: r for r in csv.DictReader(io.StringIO(table.read_text(encoding="utf-8")))}
    assert rows["same.json"]["flags"] == "not played with the class file (a game begun outside the class)"
    assert rows["same.json"]["counted"] == "yes"
    assert rows["dice.json"]["flags"].startswith("another seed") and rows["dice.json"]["counted"] == "yes"
    assert rows["version.json"]["flags"].startswith("another version") and rows["version.json"]["counted"] == "yes"


def test_class_file_with_another_seed_flags_everyone(tmp_path: Path, make_save) -> None:
    folder = tmp_path / "handed-in"
    make_save("a.json", folder=folder)
    make_save("b.json", folder=folder)
    out = tmp_path / "class.html"
    result = cli("class-report", folder, "--class", _class_file(tmp_path, seed=7), "--out", out)
    assert result.returncode == 0 and "2 counted, 2 flagged" in result.stdout


def test_a_broken_class_file_is_an_error(tmp_path: Path, make_save) -> None:
    save = make_save("a.json")
    broken = _class_file(tmp_path, scenario="no_such_scenario")
    out = tmp_path / "class.html"
    result = cli("class-report", save, "--class", broken, "--out", out)
    assert result.returncode == 1 and "no_such_scenario" in result.stderr and not out.exists()
    result = cli("class-report", save, "--class", tmp_path / "nope.yaml", "--out", out)
    assert result.returncode == 1 and "no such file" in result.stderr and not out.exists()


def test_outputs_never_overwrite_a_save(tmp_path: Path, mixed_folder: Path) -> None:
    before = (mixed_folder / "anna.json").read_bytes()
    for args in (("--out", mixed_folder / "anna.json"), ("--out", mixed_folder / "report.json"),
                 ("--out", tmp_path / "a.html", "--csv", tmp_path / "a.html")):
        result = cli("class-report", mixed_folder, *args)
        assert result.returncode == 2, args
    assert (mixed_folder / "anna.json").read_bytes() == before and not (mixed_folder / "report.json").exists()
