"""The models' cross-field rules restated in draft-07 (if/then/else), so editors and check-jsonschema refuse what the
game refuses; each rule names the validator it mirrors. What draft-07 cannot say is judged by the game alone."""

from __future__ import annotations

from typing import Any, get_args

from partnership_game.scenario.event_models import EFFECT_KINDS
from partnership_game.scenario.map_checks import MAIN
from partnership_game.scenario.map_models import SYMBOLS
from partnership_game.scenario.map_regions import MAX_SPAN_LON

MAX_OPTIONS = 5


def _non_empty(key: str) -> dict[str, Any]:
    return {"required": [key], "properties": {key: {"minItems": 1}}}


def _empty(*keys: str) -> dict[str, Any]:
    return {key: {"maxItems": 0} for key in keys}


# Event._shape: a turn or a trigger, not both; a trigger keeps the condition; a decision has 2 to 5 options and no
# effects of its own; a happening has effects or outcomes, exactly one of the two.
_EVENT = {"allOf": [
    {"if": {"required": ["turn"]}, "then": {"properties": {"trigger": False}}},
    {"if": {"required": ["trigger"]}, "then": {"properties": {"condition": False}}},
    {"if": _non_empty("options"),
     "then": {"properties": {"options": {"minItems": 2}, **_empty("effects", "outcomes")}},
     "else": {"if": _non_empty("outcomes"), "then": {"properties": _empty("effects")}, "else": _non_empty("effects")}},
]}

# Option._one_kind.
_OPTION = {"if": _non_empty("outcomes"), "then": {"properties": _empty("effects")}}

# Ending._fallback: the fallback has no condition and is not immediate; every other ending has a condition.
_ENDING = {
    "if": {"required": ["fallback"], "properties": {"fallback": {"const": True}}},
    "then": {"properties": {"condition": False, "immediate": {"const": False}}},
    "else": {"required": ["condition"]},
}

# Repeat._gap.
_REPEAT = {
    "if": {"required": ["consecutive", "min_gap"], "properties": {"consecutive": {"const": True}}},
    "then": {"properties": {"min_gap": {"const": 1}}},
}

# View._one_way: a named region, or a centre and an extent.
_VIEW = {"if": {"required": ["region"]}, "then": {"properties": {"centre": False, "extent": False}},
         "else": {"required": ["centre", "extent"]}}

# Feature._shape: each kind has its own keys and symbols.
_KIND_KEYS = {
    "point": {"if": {"required": ["at"]}, "then": {"properties": _empty("places")}, "else": _non_empty("places")},
    "line": {"required": ["path"], "properties": {"path": {"minItems": 2}}},
    "region": _non_empty("countries"),
}
_KIND_FORBIDS = {"point": ("path", "countries"), "line": ("places", "countries"), "region": ("places", "path")}


def _kind_rule(kind: str, symbols: tuple[str, ...]) -> dict[str, Any]:
    properties: dict[str, Any] = {"symbol": {"enum": list(symbols)}, **_empty(*_KIND_FORBIDS[kind])}
    if kind != "point":
        properties["at"] = False
    if kind != "region":
        properties["label_at"] = False
    return {"if": {"required": ["kind"], "properties": {"kind": {"const": kind}}},
            "then": {"allOf": [_KIND_KEYS[kind]], "properties": properties}}


_FEATURE = {"allOf": [_kind_rule(kind, symbols) for kind, symbols in SYMBOLS.items()]}

RULES: dict[str, dict[str, Any]] = {
    "Event": _EVENT, "Option": _OPTION, "Ending": _ENDING, "Repeat": _REPEAT, "View": _VIEW, "Feature": _FEATURE,
}

# A property's extra keywords, by definition and property.
PROPERTY_RULES: dict[tuple[str, str], dict[str, Any]] = {
    ("Event", "options"): {"maxItems": MAX_OPTIONS},
    # semantics.py: 'turn' is the turn number in conditions.
    ("Meter", "id"): {"not": {"const": "turn"}},
    ("Flag", "id"): {"not": {"const": "turn"}},
    # map_checks.py: 'main' names the main map; a view shows at most MAX_SPAN_LON degrees of longitude.
    ("Inset", "id"): {"not": {"const": MAIN}},
    ("View", "extent"): {"items": [{"type": "number", "minimum": 0.1, "maximum": MAX_SPAN_LON},
                                   {"type": "number", "minimum": 0.1, "maximum": 180}]},
    # semantics.py: exactly one fallback (draft-07 can say "at least one"; "at most one" is the game's).
    ("Scenario", "endings"): {"contains": {"required": ["fallback"], "properties": {"fallback": {"const": True}}}},
}


def effect_schema() -> dict[str, Any]:
    """The effect union dispatched on `type`: a client checks an effect against its own kind only, so it names the
    key that is wrong instead of listing every kind's complaints."""
    tags = [str(get_args(kind.model_fields["type"].annotation)[0]) for kind in EFFECT_KINDS]
    return {
        "description": "an effect: a mapping whose `type` (" + ", ".join(tags) + ") says which keys it has",
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"description": "the kind of effect", "enum": tags}},
        "allOf": [
            {"if": {"required": ["type"], "properties": {"type": {"const": tag}}},
             "then": {"$ref": f"#/definitions/{kind.__name__}"}}
            for tag, kind in zip(tags, EFFECT_KINDS, strict=True)
        ],
    }
