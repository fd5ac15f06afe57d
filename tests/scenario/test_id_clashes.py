"""Scenario ids are unique across the built-ins and the mods (issue 15, finding 3): a built-in keeps its id and a mod
that takes it is broken, naming the built-in's file; two mods with one id are both broken, each naming the other;
a broken mod asked for by id says it is broken and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game import paths
from partnership_game.scenario import ScenarioError
from partnership_game.scenario.discovery import declared_id, discover, resolve

TINY = (Path(__file__).resolve().parent.parent / "data" / "tiny.yaml").read_text(encoding="utf-8")


def with_id(new_id: str) -> str:
    assert TINY.count("\nid: tiny\n") == 1
    return TINY.replace("\nid: tiny\n", f"\nid: {new_id}\n")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    builtin = tmp_path / "builtin"
    builtin.mkdir()
    mods = paths.mods_dir()
    mods.mkdir(parents=True)
    return builtin, mods


def test_a_mod_taking_a_builtins_id_is_broken_and_names_the_builtin(folders: tuple[Path, Path]) -> None:
    builtin, mods = folders
    (builtin / "tiny.yaml").write_text(TINY, encoding="utf-8")
    (mods / "copy.yaml").write_text(TINY, encoding="utf-8")
    entries = discover(builtin, mods)
    assert [(e.origin, e.id, e.loaded is not None) for e in entries] == [("built-in", "tiny", True),
                                                                         ("mod", "tiny", False)]
    assert entries[1].first_error is not None
    assert entries[1].first_error.format() == (
        f"{mods / 'copy.yaml'}:2:5: error: the id 'tiny' belongs to the built-in scenario {builtin / 'tiny.yaml'}; "
        "a built-in keeps its id, so this mod cannot be played until you give it another id")
    # Asked for by id, the built-in is the one played.
    assert resolve("tiny", builtin, mods).path == str(builtin / "tiny.yaml")


def test_two_mods_with_one_id_are_both_broken(folders: tuple[Path, Path]) -> None:
    builtin, mods = folders
    (mods / "a.yaml").write_text(with_id("shared"), encoding="utf-8")
    (mods / "pack").mkdir()
    (mods / "pack" / "b.yaml").write_text(with_id("shared"), encoding="utf-8")
    entries = discover(builtin, mods)
    assert [(e.id, e.loaded is None) for e in entries] == [("shared", True), ("shared", True)]
    first, second = (e.first_error for e in entries)
    assert first is not None and second is not None
    assert f"is also the id of {mods / 'pack' / 'b.yaml'};" in first.message
    assert f"is also the id of {mods / 'a.yaml'};" in second.message
    with pytest.raises(ScenarioError) as info:
        resolve("shared", builtin, mods)
    lines = str(info.value).splitlines()
    assert lines[0].startswith(f"{mods / 'a.yaml'}: error: the scenario 'shared' is broken (1 problem")
    assert "two mods cannot share an id" in lines[1]


def test_a_broken_mod_asked_for_by_id_says_it_is_broken(folders: tuple[Path, Path]) -> None:
    builtin, mods = folders
    broken = mods / "file_name.yaml"
    broken.write_text(with_id("real_id").replace("start: 40", "start: 400"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        resolve("real_id", builtin, mods)
    assert str(info.value).splitlines() == [
        f"{broken}: error: the scenario 'real_id' is broken (1 problem, listed below); fix it and check it with "
        "partnership-game validate",
        f"{broken}:9:5: error: start (400) must lie between min and max",
    ]


def test_an_unknown_id_is_not_printed_as_a_file_position(folders: tuple[Path, Path]) -> None:
    builtin, mods = folders
    (mods / "x.yaml").write_text(with_id("other"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        resolve("nothing", builtin, mods)
    assert str(info.value) == "nothing: error: no scenario with id 'nothing'; known: other"


@pytest.mark.parametrize(("line", "found"), [
    ("id: plain", "plain"), ("id: 'quoted'", "quoted"), ('id: "double"  # comment', "double"),
    ("  id: nested", None), ("id: Not_an_id", None),
])
def test_the_declared_id_is_read_from_the_top_level_only(tmp_path: Path, line: str, found: str | None) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(f"format_version: 1\n{line}\n", encoding="utf-8")
    assert declared_id(path) == found


def test_scenarios_command_lists_the_clash(folders: tuple[Path, Path], tmp_path: Path) -> None:
    import subprocess
    import sys

    _builtin, mods = folders
    (mods / "np.yaml").write_text(with_id("new_partnership"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "partnership_game", "scenarios"], capture_output=True, text=True,
                            timeout=120, check=False)
    row = next(line for line in result.stdout.splitlines() if "np.yaml" in line)
    assert "BROKEN" in row and "belongs to the built-in scenario" in row
