"""The JSON Schema: generated from the models, draft-07, kept equal to the shipped file, and true to the loader."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from partnership_game.scenario.schema import DRAFT_07, scenario_schema, schema_text

REPO = Path(__file__).resolve().parents[2]
SHIPPED = sorted((REPO / "scenarios").glob("*.yaml"))


def test_the_shipped_schema_file_is_the_generated_one() -> None:
    """If this fails, run: partnership-game schema > scenarios/scenario.schema.json"""
    assert (REPO / "scenarios" / "scenario.schema.json").read_text(encoding="utf-8") == schema_text()


def test_the_schema_command_prints_it() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "partnership_game", "schema"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0
    assert result.stdout == schema_text()


@pytest.mark.parametrize("schema", [scenario_schema(), json.loads(schema_text())], ids=["format 1", "both formats"])
def test_the_schema_is_a_valid_draft_07_schema_with_no_2020_keywords(schema: dict) -> None:  # type: ignore[type-arg]
    assert schema["$schema"] == DRAFT_07
    jsonschema.Draft7Validator.check_schema(schema)
    text = json.dumps(schema)
    assert "$defs" not in text and "prefixItems" not in text and '"discriminator"' not in text


@pytest.mark.parametrize("path", [*SHIPPED, REPO / "tests" / "data" / "tiny.yaml"], ids=lambda p: p.name)
def test_valid_scenarios_satisfy_the_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # The shipped schema: both formats, the body chosen by format_version (the two-sided campaign is format 2).
    errors = [e.message for e in jsonschema.Draft7Validator(json.loads(schema_text())).iter_errors(data)]
    assert errors == []


def test_the_schema_rejects_an_unknown_key_and_an_unknown_effect() -> None:
    data = yaml.safe_load((REPO / "tests" / "data" / "tiny.yaml").read_text(encoding="utf-8"))
    data["titel"] = "typo"
    data["events"][0]["options"][0]["effects"][0] = {"type": "multiply", "meter": "trust", "amount": 2}
    messages = [e.message for e in jsonschema.Draft7Validator(scenario_schema()).iter_errors(data)]
    assert any("titel" in m for m in messages)
    assert len(messages) >= 2


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_scenario_points_editors_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=scenario.schema.json"
