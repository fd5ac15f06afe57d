"""The parts of a scenario that are valid in structure, so that names, references and conditions are checked in the
same run as types: every top-level key is validated on its own, and list items with errors are left out."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import ConfigDict, TypeAdapter, ValidationError

from partnership_game.scenario import models
from partnership_game.scenario.yaml_tree import Document, Mark, Path

MAX_ROUNDS = 8  # leaving an item out can make its list too short; each round climbs one level, and few are needed
# Lists of text variants: leaving one out would renumber the rest ("variant 2 of 3"), so the item holding it goes.
_PROSE_KEYS = frozenset({"situation", "text", "label", "result"})
_PLACEHOLDERS: dict[str, object] = {"format_version": 1}


@dataclass
class Salvaged:
    """A scenario of the valid parts, positions for them, and the ids of what was left out (references to those
    are not reported again: the item itself already has an error)."""

    model: models.Scenario
    doc: Document
    left_out_ids: set[str] = field(default_factory=set)
    touched_keys: set[str] = field(default_factory=set)  # top-level keys with an item left out, or emptied


@functools.cache
def _adapter(name: str) -> TypeAdapter[Any]:
    info = models.Scenario.model_fields[name]
    # The field's own constraints (min_length, max_length) come with it through Annotated.
    return TypeAdapter(Annotated[info.annotation, info], config=ConfigDict(strict=True))  # type: ignore[arg-type]


def _item_to_drop(data: object, loc: tuple[Any, ...]) -> Path | None:
    """The innermost list item (not a text variant) on the way to an error; None when the error is the key's own."""
    path: Path = ()
    found: Path | None = None
    node = data
    for part in loc:
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            if not (len(path) and path[-1] in _PROSE_KEYS):
                found = (*path, part)
            path, node = (*path, part), node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part in node:
            path, node = (*path, part), node[part]
    return found


def _prune(data: object, doc: Document, old: Path, new: Path, drops: set[Path], out: Document) -> object:
    """`data` without the dropped items, with every position moved to the item's new path."""
    if old in doc.values:
        out.values[new] = doc.values[old]
    if old in doc.keys:
        out.keys[new] = doc.keys[old]
    if isinstance(data, dict):
        return {k: _prune(v, doc, (*old, k), (*new, k), drops, out) for k, v in data.items()}
    if isinstance(data, list):
        kept = [i for i in range(len(data)) if (*old, i) not in drops]
        return [_prune(data[i], doc, (*old, i), (*new, n), drops, out) for n, i in enumerate(kept)]
    return data


def _ids(item: object) -> set[str]:
    """Every id declared in a part of the file (an event left out takes its options' ids with it)."""
    found: set[str] = set()
    stack = [item]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("id"), str):
                found.add(node["id"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def salvage(doc: Document) -> Salvaged | None:
    """The valid parts of a document that failed validation, or None if its top level is not a mapping."""
    if not isinstance(doc.data, dict):
        return None
    current = doc
    left_out_ids: set[str] = set()
    placeholders: set[str] = set()
    touched: set[str] = set()
    values: dict[str, object] = {}
    for _ in range(MAX_ROUNDS):
        assert isinstance(current.data, dict)
        drops: set[Path] = set()
        values = {}
        for name, info in models.Scenario.model_fields.items():
            if name in placeholders:
                continue
            if name not in current.data:
                if info.is_required():
                    placeholders.add(name)
                continue
            try:
                values[name] = _adapter(name).validate_python(current.data[name])
            except ValidationError as exc:
                for error in exc.errors(include_url=False):
                    drop = _item_to_drop(current.data, (name, *error["loc"]))
                    if drop is None:
                        placeholders.add(name)
                        left_out_ids |= _ids(current.data[name])
                    else:
                        drops.add(drop)
        if not drops:
            break
        for drop in drops:
            touched.add(str(drop[0]))
            node: Any = current.data
            for part in drop:
                node = node[part]
            left_out_ids |= _ids(node)
        pruned = Document({}, {}, {})
        pruned.data = _prune(current.data, current, (), (), drops, pruned)
        current = pruned
    else:
        return None
    fields: dict[str, Any] = {**values, **{name: _placeholder(name) for name in placeholders}}
    model = models.Scenario.model_construct(**fields)
    current.values.setdefault((), Mark(1, 1))
    return Salvaged(model, current, left_out_ids, touched | placeholders)


def _placeholder(name: str) -> object:
    if name in _PLACEHOLDERS:
        return _PLACEHOLDERS[name]
    info = models.Scenario.model_fields[name]
    if not info.is_required():
        return info.get_default(call_default_factory=True)
    return [] if "list" in str(info.annotation) else ""
