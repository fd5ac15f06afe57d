"""The key-by-key reference of the scenario format, written from the JSON Schema (and so from the models'
descriptions): `python -m partnership_game.scenario.reference [FILE]` rewrites it in docs/scenario-format.md."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from partnership_game.files import write_atomic
from partnership_game.scenario.event_models import ACCURACY
from partnership_game.scenario.model_base import CONDITION_MAX_CHARS, SHORT_TEXT_CHARS, TEXT_CHARS
from partnership_game.scenario.schema import scenario_schema

BEGIN = "<!-- BEGIN GENERATED REFERENCE: python -m partnership_game.scenario.reference; do not edit by hand -->"
END = "<!-- END GENERATED REFERENCE -->"
DOC = Path(__file__).resolve().parents[3] / "docs" / "scenario-format.md"

# Each section: its heading and the definition it documents, in the order a scenario file is written.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("Top level", "Scenario"), ("Role", "Role"), ("Meter", "Meter"), ("Threshold", "Threshold"), ("Flag", "Flag"),
    ("Map link", "MapLink"), ("Advisor", "Advisor"), ("Glossary term", "GlossaryTerm"), ("Turn", "Turn"),
    ("Event", "Event"), ("Trigger", "Trigger"), ("Repeat", "Repeat"), ("Counsel", "Counsel"), ("Source", "Source"),
    ("Image", "Image"), ("Option", "Option"), ("Outcome", "Outcome"),
    ("Effect `add`", "AddEffect"), ("Effect `set_flag`", "SetFlagEffect"), ("Effect `clear_flag`", "ClearFlagEffect"),
    ("Effect `schedule`", "ScheduleEffect"), ("Effect `delayed`", "DelayedEffect"),
    ("Variant", "Variant"), ("Short variant", "ShortVariant"), ("Ending", "Ending"),
    ("Map", "GameMap"), ("View", "View"), ("Inset", "Inset"), ("Feature", "Feature"), ("Place", "Place"),
    ("Map state", "MapState"),
)
_ANCHORS = {name: heading.lower().replace("`", "").replace(" ", "-") for heading, name in SECTIONS}
_ANCHORS["Effect"] = "effects"


def _number(value: float) -> str:
    if abs(value) >= 1e7:
        return f"{value:.0e}".replace("e+0", "e").replace("e+", "e")
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def _range(node: dict[str, Any]) -> str:
    low, high = node.get("minimum"), node.get("maximum")
    if "exclusiveMinimum" in node:
        return f" above {_number(node['exclusiveMinimum'])}" + (f", up to {_number(high)}" if high is not None else "")
    if low is not None and high is not None:
        return f" from {_number(low)} to {_number(high)}"
    return ""


def _link(ref: str) -> str:
    name = ref.rsplit("/", 1)[-1]
    label = "effect" if name == "Effect" else next(h for h, n in SECTIONS if n == name).lower()
    return f"[{label}](#{_ANCHORS[name]})"


def _string(node: dict[str, Any]) -> str:
    pattern = node.get("pattern", "")
    if "enum" in node:
        return " or ".join(f"`{v}`" for v in node["enum"])
    if "else" in node:  # the emblem: a built-in name or an image file
        return f"{_string(node['else'])} or image file"
    if pattern.startswith("^[a-z]"):
        return "id"
    if pattern.startswith("^[0-9]{4}"):
        return "date"
    if pattern.startswith("^https?"):
        return "web address"
    if "allOf" in node:
        return "image file"
    most = int(node.get("maxLength", 0))
    if most == CONDITION_MAX_CHARS:  # only conditions have this bound (image paths share it, but have patterns)
        return "condition"
    named = {SHORT_TEXT_CHARS: "short text", TEXT_CHARS: "text", 0: "text"}
    return named.get(most, f"text of at most {most} characters")


def type_of(node: dict[str, Any]) -> str:
    """A property's schema in words: "list of [meter](#meter), 1 to 64", "number from 0 to 1", "id"."""
    if "allOf" in node and "$ref" in node["allOf"][0]:
        return _link(node["allOf"][0]["$ref"])
    if "$ref" in node:
        return _link(node["$ref"])
    if "const" in node:
        return f"`{node['const']}`"
    if "anyOf" in node:
        return " or ".join(type_of(option) for option in node["anyOf"])
    if isinstance(node.get("type"), list):  # a choice by type (schema._by_type)
        return " or ".join(type_of(rule["then"]) for rule in node["allOf"])
    kind = node.get("type")
    if "enum" in node and kind is None:
        return " or ".join(f"`{v}`" for v in node["enum"])
    if kind == "string":
        return _string(node)
    if kind in ("number", "integer"):
        return ("whole number" if kind == "integer" else "number") + _range(node)
    if kind == "boolean":
        return "`true` or `false`"
    if kind == "array":
        if isinstance(node.get("items"), list):
            return "[" + ", ".join(type_of(item) for item in node["items"]) + "]"
        few, many = node.get("minItems"), node.get("maxItems")
        count = (f" ({few} to {many:,})" if few and many else f" (at least {few})" if few
                 else f" (at most {many:,})" if many else "")
        return f"list{count} of {type_of(node['items'])}"
    return "mapping"


def _default(node: dict[str, Any]) -> str:
    if "default" not in node or node["default"] == []:
        return ""
    value = node["default"]
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{_number(value)}`" if isinstance(value, (int, float)) else f"`{value}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _sentence(text: str) -> str:
    text = _cell(text)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def section(heading: str, definition: dict[str, Any]) -> list[str]:
    """One heading, the definition's description, and a table of its keys."""
    required = set(definition.get("required", []))
    lines = [f"### {heading}", ""]
    if definition.get("description"):
        lines += [_sentence(definition["description"]), ""]
    lines += ["| key | type | required | default | meaning |", "|---|---|---|---|---|"]
    for key, node in definition["properties"].items():
        lines.append(f"| `{key}` | {_cell(type_of(node))} | {'yes' if key in required else 'no'} | "
                     f"{_default(node)} | {_cell(node.get('description', ''))} |")
    return [*lines, ""]


def reference_text() -> str:
    """The generated part of docs/scenario-format.md, between its markers."""
    schema = scenario_schema()
    holders = {"Scenario": schema, **schema["definitions"]}
    lines = [BEGIN, "", "## Every key", "",
             "A key whose required column says `no` may be left out; it then takes its default (or, with none, "
             "is absent). Write a key only with a value: `caption:` with nothing after it is not a caption.", ""]
    for heading, name in SECTIONS:
        if heading == "Effect `add`":
            lines += ["### Effects", "", _sentence(schema["definitions"]["Effect"]["description"]), ""]
        lines += section(heading, holders[name])
        if name == "Event":
            lines += ["The values of `accuracy`:", "", "| accuracy | meaning |", "|---|---|",
                      *(f"| `{value}` | {_cell(meaning)} |" for value, meaning in ACCURACY.items()), ""]
    return "\n".join([*lines, END]) + "\n"


def with_reference(document: str) -> str:
    """The document with its generated part replaced (or appended, the first time)."""
    if BEGIN in document and END in document:
        head = document[: document.index(BEGIN)]
        tail = document[document.index(END) + len(END):].lstrip("\n")
        return head + reference_text() + (("\n" + tail) if tail else "")
    return document.rstrip("\n") + "\n\n" + reference_text()


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else DOC
    write_atomic(target, with_reference(target.read_text(encoding="utf-8")).encode("utf-8"))
    print(f"wrote the reference into {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
