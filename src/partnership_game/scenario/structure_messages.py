"""Pydantic's validation errors in the modder's words: what is wrong, naming the key, and what to write instead."""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from partnership_game.scenario import models
from partnership_game.scenario.diagnostics import did_you_mean

EFFECTS_BY_TAG: dict[str, type[BaseModel]] = {
    "add": models.AddEffect,
    "set_flag": models.SetFlagEffect,
    "clear_flag": models.ClearFlagEffect,
    "schedule": models.ScheduleEffect,
    "delayed": models.DelayedEffect,
}
_EFFECT_UNION = "effect"
_ID_KEYS = ("id", "meter", "flag", "event", "turn", "role", "advisor", "from_turn", "until_turn")
_FLOATING = re.compile(r"[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")
_PERCENT = re.compile(r"\s*([-+]?[0-9]+(?:\.[0-9]*)?)\s*%\s*\Z")
# Words YAML 1.1 read as booleans; this game reads YAML 1.2, where only lower-case true and false are.
_NOT_BOOLEANS = {"yes", "no", "on", "off", "y", "n"}


def _inner_model(annotation: Any) -> type[BaseModel] | str | None:
    """The model (or the effect union) a field holds, looking through lists, optionals and Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        found = [m for m in (_inner_model(a) for a in typing.get_args(annotation)) if m is not None]
        models_found = {m for m in found if not isinstance(m, str)}
        if len(models_found) > 1:
            return _EFFECT_UNION
        return found[0] if found else None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _model_at(loc: tuple[Any, ...], root: type[BaseModel]) -> type[BaseModel] | None:
    current: type[BaseModel] | str | None = root
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        if current == _EFFECT_UNION:
            current = EFFECTS_BY_TAG.get(part)
            continue
        if isinstance(current, str):
            return None
        field = current.model_fields.get(part)
        if field is None:
            continue  # a union member name such as 'str' or 'float' in pydantic's location
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) else None


def describe(value: object) -> str:
    """A value from the file in words: `the text 'abc'`, `the number 3`, `a list`."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value:g}" if isinstance(value, float) else f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
}


def _type_hint(kind: str, value: object) -> str:
    """What to write instead, for the slips a type error most often comes from."""
    if kind in ("float_type", "int_type") and isinstance(value, str):
        percent = _PERCENT.match(value)
        if percent:
            return f"; write a share as a fraction: {float(percent.group(1)) / 100:g}, not {value.strip()}"
        bare = value.strip().replace(",", "").replace("_", "")
        if _FLOATING.match(bare):
            if bare != value.strip():
                return "; write the number without ',' or '_' between the digits"
            return "; write a number without quotes"
    if kind == "bool_type" and isinstance(value, str):
        if value in ("True", "False", "TRUE", "FALSE"):
            return f"; write '{value.lower()}' in lower case"
        if value.lower() in _NOT_BOOLEANS:
            return "; only true and false are booleans ('yes', 'no', 'on' and 'off' are text)"
    if kind == "int_type" and isinstance(value, float):
        return "; write a whole number"
    if kind == "string_type" and isinstance(value, (bool, int, float)):
        return "; put text that looks like a number or true/false in quotes"
    if kind in ("model_type", "dict_type") and isinstance(value, str) and ":" in value:
        return "; put a space after each ':' between a key and its value"
    return ""


def message(error: Any, root: type[BaseModel], key: str | None) -> str:
    """One error in plain words; `key` is the name of the key the value is written under, if any."""
    kind = error["type"]
    loc = error["loc"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    named = f"'{key}'" if key else "the value"
    if kind == "extra_forbidden":
        extra = str(loc[-1])
        model = _model_at(loc[:-1], root)
        allowed = list(model.model_fields) if model is not None else []
        return f"unknown key '{extra}'{did_you_mean(extra, allowed)}"
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {describe(value)}{_type_hint(kind, value)}"
    if kind == "string_pattern_mismatch" and key in _ID_KEYS:
        return (
            f"'{value}' is not a valid id: use lower-case letters, digits and '_', starting with a letter, "
            "at most 40 characters"
        )
    if kind == "string_pattern_mismatch" and "silence_warnings" in loc:
        return f"'{value}' is not a warning code: only warnings (W and three digits, such as W001) can be silenced"
    if kind == "string_pattern_mismatch" and key == "url":
        return f"'{value}' is not a web address starting with http:// or https://"
    if kind == "union_tag_not_found":
        return f"an effect needs a 'type' (one of {', '.join(EFFECTS_BY_TAG)})"
    if kind == "union_tag_invalid":
        tag = ctx.get("tag", "?")
        hint = did_you_mean(str(tag), EFFECTS_BY_TAG)
        return f"unknown effect type '{tag}'{hint} (one of {', '.join(EFFECTS_BY_TAG)})"
    if kind == "literal_error":
        return f"{error['msg'].replace('Input should be', 'expected')}, got {describe(value)}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = _number(next(iter(ctx.values()), "?"))
        words = {"greater_than_equal": f"{bound} or more", "greater_than": f"more than {bound}",
                 "less_than_equal": f"{bound} or less", "less_than": f"less than {bound}"}[kind]
        return f"{named} must be {words} (got {_number(value)})"
    if kind == "string_too_short":
        return f"{named} must not be empty"
    if kind == "string_too_long":
        return f"{named} has {len(str(value)):,} characters; at most {ctx.get('max_length', 0):,} are allowed"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"{named} needs at least {least} item{'s' * (least != 1)} (got {ctx.get('actual_length', 0)})"
    if kind == "too_long":
        most = ctx.get("max_length", 0)
        got = ctx.get("actual_length")
        counted = f"{got:,} items" if isinstance(got, int) else "more items"
        return f"{named} has {counted}; at most {most:,} are allowed"
    if kind == "string_pattern_mismatch":
        return f"{named}: '{value}' is not in the form this key takes"
    text = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        text = text.removeprefix(prefix)
    return text[0].lower() + text[1:] if text else "invalid value"
