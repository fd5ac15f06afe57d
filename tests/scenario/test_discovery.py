"""Finding scenarios: the built-in folder and the user's mods folder (under XDG_DATA_HOME, isolated by conftest)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from partnership_game import paths
from partnership_game.scenario import ScenarioError
from partnership_game.scenario.discovery import discover, resolve

TESTS = Path(__file__).resolve().parent.parent
TINY = (TESTS / "data" / "tiny.yaml").read_text(encoding="utf-8")
REPO = TESTS.parent
BUILTIN_FILE = REPO / "scenarios" / "new_partnership.yaml"
needs_builtin = pytest.mark.skipif(
    not BUILTIN_FILE.exists(), reason="scenarios/new_partnership.yaml is not written yet"
)


def with_id(new_id: str, text: str = TINY) -> str:
    assert text.count("\nid: tiny\n") == 1
    return text.replace("\nid: tiny\n", f"\nid: {new_id}\n")


@pytest.fixture
def mods() -> Path:
    folder = paths.mods_dir()
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def empty_builtin(tmp_path: Path) -> Path:
    """A built-in folder with nothing in it, so the mods tests do not depend on the real campaign."""
    folder = tmp_path / "builtin"
    folder.mkdir()
    return folder


def test_mods_folder_follows_xdg_data_home() -> None:
    assert paths.mods_dir() == Path(os.environ["XDG_DATA_HOME"]) / "partnership-game" / "mods"
    assert paths.saves_dir() == Path(os.environ["XDG_DATA_HOME"]) / "partnership-game" / "saves"


def test_the_builtin_folder_holds_the_repository_scenarios() -> None:
    """From a source checkout it is the repository's folder; from a wheel, the copy the wheel carries."""
    folder = paths.builtin_scenarios_dir()
    shipped = sorted(p.name for p in (REPO / "scenarios").glob("*.yaml"))
    assert sorted(p.name for p in folder.glob("*.yaml")) == shipped
    for name in shipped:
        assert (folder / name).read_bytes() == (REPO / "scenarios" / name).read_bytes()


@needs_builtin
def test_builtin_discovery_finds_new_partnership_once() -> None:
    entries = discover(paths.builtin_scenarios_dir(), paths.mods_dir())
    found = [e for e in entries if e.id == "new_partnership"]
    assert len(found) == 1
    (entry,) = found
    assert entry.origin == "built-in"
    assert entry.path.read_bytes() == BUILTIN_FILE.read_bytes()
    assert entry.error is None, entry.error and str(entry.error)
    assert entry.loaded is not None and entry.loaded.model.id == "new_partnership"


@needs_builtin
def test_builtin_resolves_by_id() -> None:
    loaded = resolve("new_partnership", paths.builtin_scenarios_dir(), paths.mods_dir())
    assert loaded.model.id == "new_partnership"
    assert Path(loaded.path).read_bytes() == BUILTIN_FILE.read_bytes()


def test_no_mods_folder_is_no_mods(empty_builtin: Path) -> None:
    assert not paths.mods_dir().exists()
    assert discover(empty_builtin, paths.mods_dir()) == []


def test_a_single_file_mod(empty_builtin: Path, mods: Path) -> None:
    (mods / "tiny.yaml").write_text(TINY, encoding="utf-8")
    (entry,) = discover(empty_builtin, mods)
    assert (entry.path, entry.origin, entry.id, entry.error) == (mods / "tiny.yaml", "mod", "tiny", None)
    assert entry.loaded is not None and entry.loaded.model.title == "Tiny test scenario"


def test_a_yml_file_mod(empty_builtin: Path, mods: Path) -> None:
    (mods / "other.yml").write_text(with_id("other"), encoding="utf-8")
    assert [e.id for e in discover(empty_builtin, mods)] == ["other"]


def test_a_folder_mod(empty_builtin: Path, mods: Path) -> None:
    pack = mods / "my_pack"
    pack.mkdir()
    (pack / "alpha.yaml").write_text(with_id("pack_alpha"), encoding="utf-8")
    (pack / "beta.yaml").write_text(with_id("pack_beta"), encoding="utf-8")
    (pack / "README.txt").write_text("not a scenario", encoding="utf-8")
    entries = discover(empty_builtin, mods)
    assert [(e.path, e.origin, e.id) for e in entries] == [
        (pack / "alpha.yaml", "mod", "pack_alpha"),
        (pack / "beta.yaml", "mod", "pack_beta"),
    ]
    assert all(e.loaded is not None for e in entries)


def test_other_files_are_ignored(empty_builtin: Path, mods: Path) -> None:
    (mods / "notes.txt").write_text("hello", encoding="utf-8")
    (mods / "save.json").write_text("{}", encoding="utf-8")
    assert discover(empty_builtin, mods) == []


def test_a_broken_mod_is_listed_with_its_first_error(empty_builtin: Path, mods: Path) -> None:
    (mods / "a_good.yaml").write_text(with_id("a_good"), encoding="utf-8")
    broken = mods / "broken.yaml"
    broken.write_text(TINY.replace("title: Tiny test scenario", "titel: Tiny test scenario"), encoding="utf-8")
    entries = discover(empty_builtin, mods)
    assert [e.id for e in entries] == ["a_good", "tiny"]  # a broken file is known by the id it declares
    entry = entries[1]
    assert entry.loaded is None
    assert entry.error is not None
    assert entry.first_error is not None
    assert entry.first_error.format() == f"{broken}:1:1: error: missing required key 'title'"
    assert [d.format() for d in entry.error.diagnostics] == [
        f"{broken}:1:1: error: missing required key 'title'",
        f"{broken}:3:1: error: unknown key 'titel' (did you mean 'title'?)",
    ]


def test_a_mod_that_is_not_yaml_at_all_is_listed(empty_builtin: Path, mods: Path) -> None:
    (mods / "binary.yaml").write_bytes(b"\x00\xff\xfe garbage")
    (entry,) = discover(empty_builtin, mods)
    assert entry.loaded is None and entry.first_error is not None
    assert (entry.first_error.line, entry.first_error.col, entry.first_error.message) == (
        1,
        2,
        "the file is not UTF-8 text (byte 0xff)",
    )


def test_builtins_come_first_then_mods_in_name_order(tmp_path: Path, mods: Path) -> None:
    builtin = tmp_path / "builtin"
    builtin.mkdir()
    (builtin / "zz_builtin.yaml").write_text(with_id("zz_builtin"), encoding="utf-8")
    (mods / "b_mod.yaml").write_text(with_id("b_mod"), encoding="utf-8")
    (mods / "a_pack").mkdir()
    (mods / "a_pack" / "x.yaml").write_text(with_id("a_pack_x"), encoding="utf-8")
    entries = discover(builtin, mods)
    assert [(e.id, e.origin) for e in entries] == [
        ("zz_builtin", "built-in"),
        ("a_pack_x", "mod"),
        ("b_mod", "mod"),
    ]


def test_resolve_a_mod_by_id(empty_builtin: Path, mods: Path) -> None:
    (mods / "tiny.yaml").write_text(TINY, encoding="utf-8")
    pack = mods / "pack"
    pack.mkdir()
    (pack / "inside.yaml").write_text(with_id("inside_pack"), encoding="utf-8")
    assert resolve("tiny", empty_builtin, mods).model.id == "tiny"
    assert resolve("inside_pack", empty_builtin, mods).model.id == "inside_pack"


def test_resolve_by_id_when_the_file_has_another_name(empty_builtin: Path, mods: Path) -> None:
    (mods / "my_file_name.yaml").write_text(with_id("the_real_id"), encoding="utf-8")
    loaded = resolve("the_real_id", empty_builtin, mods)
    assert loaded.model.id == "the_real_id"
    assert loaded.path == str(mods / "my_file_name.yaml")


def test_resolve_by_path(tmp_path: Path, empty_builtin: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "scenario.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(with_id("from_path"), encoding="utf-8")
    loaded = resolve(str(elsewhere), empty_builtin, paths.mods_dir())
    assert loaded.model.id == "from_path"
    assert loaded.path == str(elsewhere)


def test_resolve_a_missing_path_reports_the_path(tmp_path: Path, empty_builtin: Path) -> None:
    missing = tmp_path / "missing.yaml"
    with pytest.raises(ScenarioError) as info:
        resolve(str(missing), empty_builtin, paths.mods_dir())
    assert str(info.value) == f"{missing}:1:1: error: no such file"


def test_resolve_a_broken_mod_by_id_shows_its_errors(empty_builtin: Path, mods: Path) -> None:
    broken = mods / "broken.yaml"
    broken.write_text(with_id("broken").replace("start: 40", "start: 400"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        resolve("broken", empty_builtin, mods)
    assert [d.format() for d in info.value.diagnostics] == [
        f"{broken}: error: the scenario 'broken' is broken (1 problem, listed below); fix it and check it with "
        "partnership-game validate",
        f"{broken}:9:5: error: start (400) must lie between min and max",
    ]


def test_unknown_id_has_a_hint_and_lists_what_is_known(empty_builtin: Path, mods: Path) -> None:
    (mods / "tiny.yaml").write_text(TINY, encoding="utf-8")
    (mods / "other.yaml").write_text(with_id("other"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        resolve("tiyn", empty_builtin, mods)
    assert str(info.value) == "tiyn: error: no scenario with id 'tiyn' (did you mean 'tiny'?); known: other, tiny"


def test_unknown_id_with_nothing_installed(empty_builtin: Path) -> None:
    with pytest.raises(ScenarioError) as info:
        resolve("anything", empty_builtin, paths.mods_dir())
    assert str(info.value) == "anything: error: no scenario with id 'anything'; known: none"


def test_unknown_id_hint_names_scenario_ids_not_file_names(empty_builtin: Path, mods: Path) -> None:
    (mods / "my_mod.yaml").write_text(with_id("tiny"), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        resolve("tiyn", empty_builtin, mods)
    assert str(info.value) == "tiyn: error: no scenario with id 'tiyn' (did you mean 'tiny'?); known: tiny"
