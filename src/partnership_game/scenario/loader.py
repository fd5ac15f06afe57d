"""The loading pipeline: bytes → YAML tree → strict models → semantic checks → compiled scenario."""

from __future__ import annotations

import hashlib
import types
import typing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from partnership_game.files import FileProblem, read_regular
from partnership_game.scenario import models
from partnership_game.scenario.compiled import CompiledScenario
from partnership_game.scenario.compiler import compile_scenario
from partnership_game.scenario.diagnostics import Diagnostic, ScenarioError, did_you_mean
from partnership_game.scenario.semantics import MAX_PROBLEMS, check
from partnership_game.scenario.yaml_tree import MAX_FILE_BYTES, Document, read_document

_EFFECTS_BY_TAG: dict[str, type[BaseModel]] = {
    "add": models.AddEffect,
    "set_flag": models.SetFlagEffect,
    "clear_flag": models.ClearFlagEffect,
    "schedule": models.ScheduleEffect,
    "delayed": models.DelayedEffect,
}
_EFFECT_UNION = "effect"


@dataclass(frozen=True)
class LoadedScenario:
    """A scenario that passed every check: its model, compiled form, warnings, source text and hash.

    `images` maps each event id with an image to the checked file; it is empty for a scenario read from a save
    (a save carries the text only, so its pictures are not shown).
    """

    path: str
    text: str
    content_hash: str
    model: models.Scenario
    compiled: CompiledScenario
    warnings: tuple[Diagnostic, ...]
    images: dict[str, Path] = field(default_factory=dict)
    emblems: dict[str, Path] = field(default_factory=dict)  # each advisor with an image file of the mod: the file


def content_hash(data: bytes) -> str:
    """The hash a save records to know whether its scenario changed."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


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
            current = _EFFECTS_BY_TAG.get(part)
            continue
        if isinstance(current, str):
            return None
        field = current.model_fields.get(part)
        if field is None:
            continue  # a union member name such as 'str' or 'float' in pydantic's location
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) else None


def _describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


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


def _message(error: Any, root: type[BaseModel]) -> str:
    kind = error["type"]
    loc = error["loc"]
    value = error.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = _model_at(loc[:-1], root)
        allowed = list(model.model_fields) if model is not None else []
        return f"unknown key '{key}'{did_you_mean(key, allowed)}"
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {_describe(value)}"
    if (
        kind == "string_pattern_mismatch"
        and loc
        and loc[-1] in ("id", "meter", "flag", "event", "turn", "role", "advisor", "from_turn", "until_turn")
    ):
        return (
            f"'{value}' is not a valid id: use lower-case letters, digits and '_', starting with a letter, "
            "at most 40 characters"
        )
    if kind == "string_pattern_mismatch" and "silence_warnings" in loc:
        return f"'{value}' is not a warning code: only warnings (W and three digits, such as W001) can be silenced"
    if kind == "string_pattern_mismatch" and loc and loc[-1] == "url":
        return f"'{value}' is not a web address starting with http:// or https://"
    if kind == "union_tag_not_found":
        return f"an effect needs a 'type' (one of {', '.join(_EFFECTS_BY_TAG)})"
    if kind == "union_tag_invalid":
        tag = error.get("ctx", {}).get("tag", "?")
        hint = did_you_mean(str(tag), _EFFECTS_BY_TAG)
        return f"unknown effect type '{tag}'{hint} (one of {', '.join(_EFFECTS_BY_TAG)})"
    if kind == "literal_error":
        return f"{error['msg'].replace('Input should be', 'expected')}, got {_describe(value)}"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message[0].lower() + message[1:] if message else "invalid value"


def structure_problems(
    exc: ValidationError, doc: Document, path_label: str, root: type[BaseModel] = models.Scenario
) -> list[Diagnostic]:
    """Pydantic's errors as positioned diagnostics in plain words, one per place (also for class files)."""
    problems: dict[tuple[int, int, str], Diagnostic] = {}
    # At most MAX_PROBLEMS are turned into messages: a file with 100,000 bad keys says enough with the first ones.
    for error in exc.errors(include_url=False)[:MAX_PROBLEMS]:
        loc = tuple(error["loc"])
        at_key = error["type"] == "extra_forbidden"
        mark = doc.locate(loc, at_key=at_key)
        message = _message(error, root)
        problems.setdefault(
            (mark.line, mark.col, message), Diagnostic(mark.line, mark.col, message, path=path_label)
        )
    # A union (such as a number-or-expression) fails once per member; keep one message per place.
    by_place: dict[tuple[int, int], Diagnostic] = {}
    for diag in problems.values():
        by_place.setdefault((diag.line, diag.col), diag)
    return list(by_place.values())


def load_bytes(data: bytes, path_label: str = "<scenario>") -> LoadedScenario:
    """Load a scenario from bytes; raise ScenarioError with every problem, sorted by position."""
    doc = read_document(data, path_label)
    if isinstance(doc.data, dict) and doc.data.get("format_version") == 2:  # two sides (issue 16): its own models
        from partnership_game.scenario.format2_loader import load_format2

        return load_format2(doc, data, path_label)
    try:
        model = models.Scenario.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(structure_problems(exc, doc, path_label)) from None
    checked = check(model, doc, path_label)
    errors = [d for d in checked.problems if d.severity == "error"]
    if errors:
        raise ScenarioError(checked.problems)
    digest = content_hash(data)
    compiled = compile_scenario(model, checked.conditions, digest)
    warnings = tuple(sorted(d for d in checked.problems if d.severity != "error"))
    # The text keeps a byte-order mark if the file had one, so that it encodes back to the hashed bytes exactly.
    text = data.decode("utf-8")
    return LoadedScenario(path_label, text, digest, model, compiled, warnings)


def load_path(path: Path) -> LoadedScenario:
    """Load a scenario file; a missing or unreadable file is a ScenarioError too."""
    label = str(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES, "scenario file")
    except FileProblem as exc:
        message = f"file {exc.reason}" if exc.kind == "size" else exc.reason  # "file is N bytes; the limit is M"
        raise ScenarioError([Diagnostic(1, 1, message, path=label)]) from None
    loaded = load_bytes(data, label)
    return _with_images(loaded, path.parent, data)


def _with_images(loaded: LoadedScenario, folder: Path, data: bytes) -> LoadedScenario:
    """Check every image an event names against the scenario's folder; all problems at once, with positions."""
    wanted = [(i, e) for i, e in enumerate(loaded.model.events) if e.image is not None]
    from partnership_game.scenario.emblems import emblem_files, names_a_file

    if not wanted and not any(a.emblem and names_a_file(a.emblem) for a in loaded.model.advisors):
        return loaded
    from partnership_game.scenario.assets import AssetProblem, check_asset

    doc = read_document(data, loaded.path)
    images: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    # Advisors' emblem images: checked as event images are, reported where they are written.
    emblems, refused = emblem_files(loaded.model.advisors, folder)
    for where, message in refused:
        mark = doc.locate(where)
        problems.append(Diagnostic(mark.line, mark.col, message, path=loaded.path))
    for index, event in wanted:
        assert event.image is not None
        try:
            images[event.id] = check_asset(folder, event.image.file)
        except AssetProblem as exc:
            mark = doc.locate(("events", index, "image", "file"))
            problems.append(Diagnostic(mark.line, mark.col, f"image '{event.image.file}' {exc}", path=loaded.path))
    if problems:
        raise ScenarioError(sorted(problems))
    return replace(loaded, images=images, emblems=emblems)
