"""The schema explains every key, says only what a file may hold (no nulls), and keeps the game's bounds."""

from __future__ import annotations

import json
from typing import Any

from partnership_game.scenario.conditions import MAX_CONDITION_CHARS
from partnership_game.scenario.model_base import CONDITION_MAX_CHARS
from partnership_game.scenario.schema import scenario_schema


def _declarations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    holders = {"Scenario": schema, **schema["definitions"]}
    return [(name, key, value) for name, holder in holders.items()
            for key, value in holder.get("properties", {}).items()]


def test_every_property_has_a_description() -> None:
    declared = _declarations(scenario_schema())
    assert len(declared) > 150
    assert [f"{name}.{key}" for name, key, value in declared if not value.get("description")] == []


def test_no_key_may_be_null() -> None:
    assert '"null"' not in json.dumps(scenario_schema())


def test_a_reference_never_has_siblings_draft_07_would_ignore() -> None:
    def walk(node: Any) -> None:
        if isinstance(node, dict):
            assert "$ref" not in node or len(node) == 1, node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(scenario_schema())


def test_the_condition_bound_is_the_game_s() -> None:
    assert CONDITION_MAX_CHARS == MAX_CONDITION_CHARS


def test_each_effect_kind_is_checked_against_its_own_definition_only() -> None:
    effect = scenario_schema()["definitions"]["Effect"]
    tags = effect["properties"]["type"]["enum"]
    assert tags == ["add", "set_flag", "clear_flag", "schedule", "delayed"]
    assert [rule["if"]["properties"]["type"]["const"] for rule in effect["allOf"]] == tags
    assert "oneOf" not in json.dumps(scenario_schema())
