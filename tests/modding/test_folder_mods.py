"""Folder mods are first class (issue 15, finding 9): `new-scenario NAME --folder` makes mods/NAME/NAME.yaml with an
images/ folder, the `$schema` line resolves from wherever new-scenario put the file, `validate FOLDER` checks every
scenario in it, and `new-scenario` refuses an id already in use."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from partnership_game.scenario import load_path

TINY = (Path(__file__).resolve().parent.parent / "data" / "tiny.yaml").read_text(encoding="utf-8")


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "partnership_game", *args], capture_output=True, text=True,
                          timeout=120, check=False, env=env)


def mods_of(tmp_path: Path) -> Path:
    return tmp_path / "data" / "partnership-game" / "mods"


def schema_target(scenario: Path) -> Path:
    first = scenario.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    return (scenario.parent / match.group(1)).resolve()


def test_new_scenario_folder_makes_a_folder_mod_whose_schema_line_resolves(tmp_path: Path) -> None:
    result = cli(tmp_path, "new-scenario", "havana", "--folder")
    assert result.returncode == 0, result.stderr
    mods = mods_of(tmp_path)
    scenario = mods / "havana" / "havana.yaml"
    assert (mods / "havana" / "images").is_dir()
    assert schema_target(scenario) == (mods / "scenario.schema.json").resolve()
    assert json.loads((mods / "scenario.schema.json").read_text(encoding="utf-8"))["$schema"].startswith(
        "http://json-schema.org/draft-07")
    assert not (mods / "havana" / "scenario.schema.json").exists()  # written once, at the root
    assert load_path(scenario).warnings == ()
    played = cli(tmp_path, "play", "--text", "--scenario", "havana", "--choices", "historical", "--json")
    assert json.loads(played.stdout)["ending"] is not None


def test_a_single_file_mods_schema_line_resolves_too(tmp_path: Path) -> None:
    assert cli(tmp_path, "new-scenario", "single").returncode == 0
    scenario = mods_of(tmp_path) / "single.yaml"
    assert schema_target(scenario) == (mods_of(tmp_path) / "scenario.schema.json").resolve()


def test_new_scenario_refuses_an_id_in_use(tmp_path: Path) -> None:
    builtin = cli(tmp_path, "new-scenario", "new_partnership")
    assert builtin.returncode == 1
    assert "the id 'new_partnership' is already used by the built-in scenario" in builtin.stderr
    mods = mods_of(tmp_path)
    mods.mkdir(parents=True)
    (mods / "other_name.yaml").write_text(TINY, encoding="utf-8")  # declares id: tiny
    taken = cli(tmp_path, "new-scenario", "tiny", "--folder")
    assert taken.returncode == 1
    assert f"the id 'tiny' is already used by the mod scenario {mods / 'other_name.yaml'}" in taken.stderr
    assert not (mods / "tiny").exists()


def test_validate_a_folder_checks_every_scenario_in_it_and_one_level_down(tmp_path: Path) -> None:
    folder = tmp_path / "mods"
    (folder / "pack").mkdir(parents=True)
    (folder / "pack" / "deeper").mkdir()
    (folder / "a.yaml").write_text(TINY, encoding="utf-8")
    (folder / "pack" / "b.yml").write_text(TINY.replace("start: 40", "start: 400"), encoding="utf-8")
    (folder / "pack" / "deeper" / "c.yaml").write_text("not checked: two levels down\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a scenario", encoding="utf-8")
    result = cli(tmp_path, "validate", str(folder))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{folder / 'a.yaml'}: valid", f"{folder / 'pack' / 'b.yml'}: invalid"]
    assert result.stderr.splitlines() == [
        f"{folder / 'pack' / 'b.yml'}:9:5: error: start (400) must lie between min and max"]


def test_validate_an_empty_folder_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli(tmp_path, "validate", "--json", str(empty))
    assert result.returncode == 1
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["problems"][0]["message"] == "no scenario files (.yaml, .yml) in this folder or in its subfolders"


def test_a_schema_line_that_no_longer_resolves_is_warned_with_the_one_that_would(tmp_path: Path) -> None:
    assert cli(tmp_path, "new-scenario", "moved").returncode == 0
    mods = mods_of(tmp_path)
    (mods / "moved").mkdir()
    moved = mods / "moved" / "moved.yaml"
    (mods / "moved.yaml").rename(moved)  # into a folder: `$schema=scenario.schema.json` now points at nothing
    result = cli(tmp_path, "validate", str(moved))
    assert result.returncode == 0
    col = len("# yaml-language-server: $schema=") + 1
    assert result.stderr.splitlines() == [
        f"{moved}:1:{col}: warning: the $schema line points at 'scenario.schema.json', which is not there from this "
        "file's folder, so editors cannot check or complete the file; from here it is "
        "$schema=../scenario.schema.json [W015]"]
    fixed = moved.read_text(encoding="utf-8").replace("$schema=scenario.schema.json",
                                                      "$schema=../scenario.schema.json")
    moved.write_text(fixed, encoding="utf-8")
    assert cli(tmp_path, "validate", str(moved)).stderr == ""
    silenced = fixed.replace("$schema=../", "$schema=../../") + "silence_warnings: [W015]\n"
    moved.write_text(silenced, encoding="utf-8")
    assert cli(tmp_path, "validate", str(moved)).stderr == ""
