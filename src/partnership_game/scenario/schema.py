"""The scenario format as a JSON Schema, draft-07 (the draft editors' YAML support understands)."""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from partnership_game.scenario.models import Scenario
from partnership_game.scenario.schema_rules import PROPERTY_RULES, RULES, effect_schema
from partnership_game.scenario.semantics import WARNING_CODES

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMA_ID = "https://partnership-game.invalid/scenario.schema.json"


class _FileShapes(GenerateJsonSchema):
    """An optional key is left out, never written as null: the schema says what a file holds, so that a client's
    message about a wrong value is not followed by "is not of type 'null'"."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])


def _to_draft_07(node: Any) -> Any:
    """Pydantic writes 2020-12: `$defs` becomes `definitions`, a discriminated union becomes a reference to the
    dispatching `Effect`, a `$ref` with siblings is wrapped (draft-07 ignores them), null defaults go."""
    if isinstance(node, list):
        return [_to_draft_07(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "discriminator" in node:
        return {"$ref": "#/definitions/Effect"}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$defs":
            out["definitions"] = _to_draft_07(value)
        elif key == "$ref" and isinstance(value, str):
            out[key] = value.replace("#/$defs/", "#/definitions/")
        elif key == "default" and value is None:
            continue
        else:
            out[key] = _to_draft_07(value)
    if "$ref" in out and len(out) > 1:
        out = {"allOf": [{"$ref": out.pop("$ref")}], **out}
    return _by_type(out)


def _type_of(option: dict[str, Any]) -> str | None:
    if "$ref" in option:
        return "object"  # every definition is a mapping
    kind = option.get("type")
    return kind if isinstance(kind, str) else None


def _by_type(node: dict[str, Any]) -> dict[str, Any]:
    """`anyOf` over different types (a number or a condition, a text or variants) becomes a choice by type: a client
    then reports the one relevant error ("1.5 is greater than the maximum of 1") instead of "not valid under any"."""
    options = node.get("anyOf")
    if not options:
        return node
    kinds = [_type_of(option) for option in options]
    if None in kinds or len(set(kinds)) != len(kinds):
        return node
    rest = {key: value for key, value in node.items() if key != "anyOf"}
    return {**rest, "type": kinds, "allOf": [{"if": {"type": kind}, "then": option}
                                             for kind, option in zip(kinds, options, strict=True)]}


def _add_rules(schema: dict[str, Any]) -> None:
    """The cross-field rules of schema_rules.py, the effect dispatch, and the warning codes that may be silenced."""
    definitions = schema["definitions"]
    definitions["Effect"] = effect_schema()
    for name, rule in RULES.items():
        definitions[name].update(rule)
    for (name, key), extra in PROPERTY_RULES.items():
        holder = schema if name == "Scenario" else definitions[name]
        holder["properties"][key].update(extra)
    schema["properties"]["silence_warnings"]["items"] = {"enum": list(WARNING_CODES)}


def scenario_schema() -> dict[str, Any]:
    schema: dict[str, Any] = _to_draft_07(Scenario.model_json_schema(mode="validation",
                                                                     schema_generator=_FileShapes))
    _add_rules(schema)
    schema = {"$schema": DRAFT_07, "$id": SCHEMA_ID, **schema}
    schema["title"] = "A New Partnership? scenario (format version 1)"
    schema["description"] = "A scenario for the game A New Partnership?; see docs/scenario-format.md and MODDING.md."
    return schema


def schema_text() -> str:
    """The schema as the file `scenarios/scenario.schema.json` holds it (stable key order, a final newline): both
    formats, the body chosen by `format_version` (format 2's models are imported here only, to keep imports one way)."""
    from partnership_game.scenario.format2_schema import both_formats_text

    return both_formats_text(scenario_schema())
