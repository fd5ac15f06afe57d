"""The JSON Schema for both formats (scenario/format2_schema.py): format_version picks the body; the format-2
example passes, format-1 files still pass, and a wrong value in a format-2 key is refused."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from partnership_game.scenario.format2_schema import both_formats
from partnership_game.scenario.schema import scenario_schema

REPO = Path(__file__).resolve().parents[2]
CORRIDOR = REPO / "tests" / "data" / "corridor_2001.yaml"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = both_formats(scenario_schema())
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("path", [CORRIDOR, REPO / "tests" / "data" / "tiny.yaml",
                                  REPO / "scenarios" / "new_partnership.yaml"], ids=lambda p: p.name)
def test_valid_files_pass(validator: jsonschema.Draft7Validator, path: Path) -> None:
    assert [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))] == []


@pytest.mark.parametrize(("old", "new"), [
    ("good: {trust: up, generals: none, congress: up}", "good: {trust: sideways, generals: none, congress: up}"),
    ("    role: joint\n", "    role: joint\n    resolvee: []\n"),
    ("{id: congress, label: Support in Congress, start: 55}", "{id: congress, label: Support in Congress, "
                                                              "start: 55, good: up, colour: red}"),
    ("      kremlin: {verdict: mixed,", "      kremlin: {verdict: meh,"),
    ("    weights: {congress: 3, trust: 1}", "    weights: {congress: 300, trust: 1}"),
])
def test_format_2_mistakes_are_refused(validator: jsonschema.Draft7Validator, old: str, new: str) -> None:
    text = CORRIDOR.read_text(encoding="utf-8")
    assert text.count(old) == 1
    assert list(validator.iter_errors(yaml.safe_load(text.replace(old, new))))


def test_format_1_keeps_its_own_rules(validator: jsonschema.Draft7Validator) -> None:
    text = (REPO / "tests" / "data" / "tiny.yaml").read_text(encoding="utf-8")
    assert list(validator.iter_errors(yaml.safe_load(text.replace("good: up, drift", "good: upp, drift"))))
    # A format-1 file may not use format 2's keys.
    assert list(validator.iter_errors(yaml.safe_load(text.replace("title: Tiny test scenario",
                                                                  "title: Tiny test scenario\ntemperaments: []"))))
