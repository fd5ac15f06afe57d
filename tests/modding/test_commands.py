"""The modders' commands: new-scenario and scenarios."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from partnership_game.scenario import load_path


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "partnership_game", *args], capture_output=True, text=True,
                          timeout=120, check=False, env=env)


def test_new_scenario_writes_a_valid_commented_scenario_with_a_schema_beside_it(tmp_path: Path) -> None:
    result = cli(tmp_path, "new-scenario", "summit_game")
    assert result.returncode == 0, result.stderr
    mods = tmp_path / "data" / "partnership-game" / "mods"
    written = mods / "summit_game.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=scenario.schema.json"
    assert text.count("#") > 10  # commented for someone who has never seen the format
    loaded = load_path(written)
    assert loaded.model.id == "summit_game" and loaded.warnings == ()
    schema = json.loads((mods / "scenario.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("http://json-schema.org/draft-07")
    played = cli(tmp_path, "play", "--text", "--scenario", "summit_game", "--choices", "historical", "--json")
    assert json.loads(played.stdout)["ending"] is not None


def test_new_scenario_refuses_a_bad_name_and_never_overwrites(tmp_path: Path) -> None:
    assert cli(tmp_path, "new-scenario", "Bad-Name").returncode == 2
    assert cli(tmp_path, "new-scenario", "twice").returncode == 0
    path = tmp_path / "data" / "partnership-game" / "mods" / "twice.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    again = cli(tmp_path, "new-scenario", "twice")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("# my edits\n")


def test_scenarios_lists_built_in_and_mods_with_their_state(tmp_path: Path) -> None:
    mods = tmp_path / "data" / "partnership-game" / "mods"
    mods.mkdir(parents=True)
    (mods / "broken.yaml").write_text("format_version: 1\nid: broken\n", encoding="utf-8")
    cli(tmp_path, "new-scenario", "fine_mod")
    result = cli(tmp_path, "scenarios", "--json")
    assert result.returncode == 0
    rows = {row["id"]: row for row in json.loads(result.stdout)["scenarios"]}
    assert rows["new_partnership"]["origin"] == "built-in" and rows["new_partnership"]["valid"]
    assert rows["fine_mod"]["origin"] == "mod" and rows["fine_mod"]["valid"]
    assert rows["broken"]["valid"] is False
    assert rows["broken"]["first_error"].startswith(str(mods / "broken.yaml") + ":")
    text = cli(tmp_path, "scenarios").stdout
    assert "BROKEN" in text and "fine_mod" in text
