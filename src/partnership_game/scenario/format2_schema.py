"""The JSON Schema of format 2, and one schema for both formats chosen by `format_version` (if 2, then format 2,
else format 1): what `partnership-game schema` prints."""

from __future__ import annotations

import json
from typing import Any

from partnership_game.scenario import format2_models as f2
from partnership_game.scenario.schema import _FileShapes, _to_draft_07
from partnership_game.scenario.schema_rules import effect_schema

_TOP = ("$schema", "$id", "title", "description", "definitions")
PREFIX = "Format2"


def format2_schema() -> dict[str, Any]:
    """Format 2 alone, draft-07 (its definitions as pydantic names them)."""
    schema: dict[str, Any] = _to_draft_07(f2.Scenario.model_json_schema(mode="validation",
                                                                        schema_generator=_FileShapes))
    schema["definitions"]["Effect"] = effect_schema()
    return schema


def _renamed(node: Any, names: set[str]) -> Any:
    if isinstance(node, list):
        return [_renamed(item, names) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _renamed(value, names) for key, value in node.items()}
    ref = out.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/definitions/") and ref[len("#/definitions/"):] in names:
        out["$ref"] = f"#/definitions/{PREFIX}{ref[len('#/definitions/'):]}"
    return out


def both_formats(format1: dict[str, Any]) -> dict[str, Any]:
    """One schema for both formats: the definitions they share once, format 2's own ones prefixed `Format2`, and
    the file's body chosen by `format_version`."""
    two = format2_schema()
    shared = format1["definitions"]
    # Only the models format 2 defines are its own; the others are format 1's (with its cross-field rules).
    own = {name for name in two["definitions"] if getattr(f2, name, None) is not None
           and getattr(getattr(f2, name), "__module__", "") == f2.__name__}
    definitions = dict(shared)
    for name in sorted(own):  # a set's order changes from run to run; the file must not
        definitions[PREFIX + name] = _renamed(two["definitions"][name], own)
    definitions["Format1Scenario"] = {k: v for k, v in format1.items() if k not in _TOP}
    definitions["Format2Scenario"] = _renamed({k: v for k, v in two.items() if k not in _TOP}, own)
    top = {k: format1[k] for k in _TOP[:4] if k in format1}
    return {**top, "definitions": definitions,
            "if": {"properties": {"format_version": {"const": 2}}, "required": ["format_version"]},
            "then": {"$ref": "#/definitions/Format2Scenario"}, "else": {"$ref": "#/definitions/Format1Scenario"}}


def both_formats_text(format1: dict[str, Any]) -> str:
    return json.dumps(both_formats(format1), indent=2, ensure_ascii=False) + "\n"
