"""The scenario format as a JSON Schema, draft-07 (the draft editors' YAML support understands)."""

from __future__ import annotations

import json
from typing import Any

from partnership_game.scenario.models import Scenario

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMA_ID = "https://partnership-game.invalid/scenario.schema.json"


def _to_draft_07(node: Any) -> Any:
    """Pydantic writes 2020-12: `$defs` becomes `definitions`, and keywords draft-07 lacks are dropped."""
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$defs":
                out["definitions"] = _to_draft_07(value)
            elif key == "$ref" and isinstance(value, str):
                out[key] = value.replace("#/$defs/", "#/definitions/")
            elif key == "discriminator":
                continue  # an OpenAPI keyword; oneOf with const tags already says the same in draft-07
            elif key == "prefixItems":
                out["items"] = _to_draft_07(value)
            else:
                out[key] = _to_draft_07(value)
        return out
    if isinstance(node, list):
        return [_to_draft_07(item) for item in node]
    return node


def scenario_schema() -> dict[str, Any]:
    schema: dict[str, Any] = _to_draft_07(Scenario.model_json_schema(mode="validation"))
    schema = {"$schema": DRAFT_07, "$id": SCHEMA_ID, **schema}
    schema["title"] = "A New Partnership? scenario (format version 1)"
    schema["description"] = "A scenario for the game A New Partnership?; see docs/scenario-format.md and MODDING.md."
    return schema


def schema_text() -> str:
    """The schema as the file `scenarios/scenario.schema.json` holds it (stable key order, a final newline)."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
