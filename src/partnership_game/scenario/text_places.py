"""Where a text `analyze` names sits in the scenario file: `file:line:col`, the text in a modder's words ("the
situation of event 'to_the_un'"), and each of its variants' line and first words."""

from __future__ import annotations

from typing import Any

from partnership_game.inert import inert_line
from partnership_game.scenario.diagnostics import ScenarioError
from partnership_game.scenario.yaml_tree import Document, Path, read_document

START_CHARS = 48  # a variant is told by this much of its text's start
_ONE = {"events": "event", "options": "option", "endings": "ending", "outcomes": "outcome", "effects": "effect",
        "counsel": "counsel", "turns": "turn", "advisors": "advisor", "meters": "meter", "flags": "flag"}


def parse_path(name: str) -> Path:
    """'events.4.situation' as the path it names: ('events', 4, 'situation')."""
    return tuple(int(part) if part.isdigit() else part for part in name.split("."))


def in_words(data: object, path: Path) -> str:
    """A path in a modder's words, each list item by its id where it has one, else by its number from 1."""
    node, owners, key = data, [], ""
    for k, part in enumerate(path):
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            node = node[part]
            kind = _ONE.get(str(path[k - 1]) if k else "", "item")
            ident = node.get("id") if isinstance(node, dict) else None
            owners.append(f"{kind} '{inert_line(str(ident))}'" if isinstance(ident, str) else f"{kind} {part + 1}")
        elif isinstance(part, str) and isinstance(node, dict) and part in node:
            node, key = node[part], part
        else:
            break
    head = f"the {key}" if key and key not in _ONE else "the text"
    return " of ".join([head, *reversed(owners)])


def _start(text: object) -> str:
    words = " ".join(str(text).split())
    return inert_line(words if len(words) <= START_CHARS else words[:START_CHARS].rstrip() + "…")


def place_incoherent(result: dict[str, Any], label: str, source: str) -> None:
    """Give each of `analyze`'s incoherent texts its `where` (`label:line:col`) and `in_words`, and each variant its
    `of` (how many the text has), `line`, `col`, `start`, `when` and `assumes` ('' for none); nothing changes when
    the source cannot be read."""
    try:
        document = read_document(source.encode("utf-8"), label)
    except ScenarioError:
        return
    for found in result.get("incoherent_texts", []):
        _place(found, document, label)


def _place(found: dict[str, Any], document: Document, label: str) -> None:
    path = parse_path(str(found["text"]))
    mark = document.locate(path)
    found["where"] = f"{label}:{mark.line}:{mark.col}"
    found["in_words"] = in_words(document.data, path)
    node: object = document.data
    for part in path:
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return
    count = len(node) if isinstance(node, list) else 1
    for variant in found.get("variants", []):
        k = int(variant["variant"]) - 1
        variant["of"] = count
        if isinstance(node, list) and 0 <= k < count and isinstance(node[k], dict):
            at = document.locate((*path, k, "text"))
            chosen = node[k]
            variant.update(line=at.line, col=at.col, start=_start(chosen.get("text", "")),
                           when=_start(chosen.get("when") or ""), assumes=_start(chosen.get("assumes") or ""))
