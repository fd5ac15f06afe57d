"""Format-1 files after format 2 arrived: they load as before (the same bytes' hash, the same compiled world) and
get the default sides: their roles, each seeing every meter and every flag not hidden, no news, no verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.scenario import load_path, models
from partnership_game.scenario.compiler import compile_scenario
from partnership_game.scenario.loader import content_hash
from partnership_game.scenario.semantics import check
from partnership_game.scenario.world_digest import world_digest
from partnership_game.scenario.yaml_tree import read_document

REPO = Path(__file__).resolve().parents[2]
FORMAT_1 = sorted(p for p in [*REPO.glob("scenarios/*.yaml"), *REPO.glob("tests/data/*.yaml")]
                  if "format_version: 1" in p.read_text(encoding="utf-8"))

# The compiled worlds of the test scenarios as the loader gave them before format 2 (world_digest at commit
# 39a7f49, whose loader had no format-2 branch): a change here is a change in how format 1 plays.
BEFORE = {
    "caribbean_1962.yaml": "aca2652552d89ba8d7c3ef1fb8bc0fba665ff3830d5d2003dfeef5f59bfd005a",
    "immediate_end.yaml": "31908e6759e0dd9cad10711c66ca3491cfc336551641d705be2907c8f716d801",
    "repeated_delayed.yaml": "e4ff2f52676e503bfdd14fbad72038ab46437b4a4e9cd82a393bf3d9d736919a",
    "rules_probe.yaml": "4014745a4e1c0c1e9cf7ad33ac30c01be4b1e2e8a0167cb4a6fc47cf9c8e1b88",
    "stacked_adds.yaml": "2d65b3c554735e79555962cf33864ac11b63744643591a5ec575c4f2a41086ac",
    "story_probe.yaml": "ae2d2bcb9b753b032a3b9e858c92b12e0f69c6145c0978206db508bad1dc051e",
    "tiny.yaml": "80c50a3670290074c9cd0f4c8e78d861cf5571e380ed07b305f9678b02d7013e",
    "variants_probe.yaml": "5920f25daf2fd643ca850dd18693e2839a88bc04857fb6b6b98bd9b634768852",
}


def test_the_list_of_format_1_files_is_not_empty() -> None:
    names = {p.name for p in FORMAT_1}
    assert {"new_partnership.yaml", "tiny.yaml"} <= names and "corridor_2001.yaml" not in names


@pytest.mark.parametrize("path", FORMAT_1, ids=lambda p: p.name)
def test_format_1_compiles_to_the_same_world(path: Path) -> None:
    data = path.read_bytes()
    loaded = load_path(path)
    assert loaded.content_hash == content_hash(data)
    # The format-1 pipeline by hand, without the loader: the world must be the same.
    doc = read_document(data, str(path))
    model = models.Scenario.model_validate(doc.data)
    direct = compile_scenario(model, check(model, doc, str(path)).conditions, content_hash(data))
    assert world_digest(loaded.compiled) == world_digest(direct)
    if path.name in BEFORE:
        assert world_digest(loaded.compiled) == BEFORE[path.name]


@pytest.mark.parametrize("path", FORMAT_1, ids=lambda p: p.name)
def test_format_1_gets_the_default_sides(path: Path) -> None:
    compiled = load_path(path).compiled
    model = compiled.model
    sides = compiled.sides
    assert sides.format_version == 1
    assert [r.id for r in sides.roles] == [r.id for r in model.roles]
    for role in sides.roles:
        assert role.good == tuple(1 if m.good == "up" else -1 for m in model.meters)
        assert all(role.sees_meters)
        assert role.sees_flags == tuple(not f.hidden for f in model.flags)
        assert [t.id for t in sides.temperaments_of(role.index)] == ["historical", "balanced"]
    role_ids = [r.id for r in model.roles]
    for event in compiled.events:
        want = None
        if event.is_decision and event.model is not None:
            want = role_ids.index(event.model.role) if event.model.role else 0
        assert sides.decides[event.index] == want
    assert not sides.joint and not sides.news and not sides.verdicts
    assert all(sides.verdict(e.id, 0) is None for e in compiled.endings)
