"""Format 1 to format 2 by editing the text where the YAML node tree says each part is, so that comments, block
scalars and layout survive: the version, each meter's `good` moved to every role's `good`, and `sees` added."""

from __future__ import annotations

from dataclasses import dataclass

from partnership_game.scenario import models
from partnership_game.scenario.yaml_tree import Document, Mark, Path


@dataclass(frozen=True)
class Migrated:
    text: str
    notes: tuple[str, ...]


class _Text:
    """The file's text with edits by (line, col) positions, applied from the end so that earlier ones stay put."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        for n, ch in enumerate(text):
            if ch == "\n":
                self.starts.append(n + 1)
        self.edits: list[tuple[int, int, str]] = []

    def offset(self, mark: Mark) -> int:
        return self.starts[mark.line - 1] + mark.col - 1

    def replace(self, start: int, end: int, new: str) -> None:
        self.edits.append((start, end, new))

    def result(self) -> str:
        text = self.text
        for start, end, new in sorted(self.edits, reverse=True):
            text = text[:start] + new + text[end:]
        return text

    def scalar_end(self, start: int) -> int:
        """Where a one-line scalar written at `start` ends (quoted, or plain up to a flow indicator or line end)."""
        text = self.text
        if text[start] in "'\"":
            quote, n = text[start], start + 1
            while n < len(text) and text[n] != "\n":
                if text[n] == "\\" and quote == '"':
                    n += 2
                    continue
                if text[n] == quote:
                    if quote == "'" and text[n + 1: n + 2] == "'":
                        n += 2
                        continue
                    return n + 1
                n += 1
            return n
        n = start
        while n < len(text) and text[n] not in ",}]\n" and text[n: n + 2] != " #":
            n += 1
        return len(text[start:n].rstrip()) + start


def _flow(doc: Document, text: _Text, path: Path) -> bool:
    return text.text[text.offset(doc.values[path])] == "{"


def _drop_entry(doc: Document, text: _Text, path: Path) -> None:
    """Remove the key at `path` with its one-line value: the whole line in block style, the entry and one comma in a
    flow mapping."""
    key = text.offset(doc.keys[path])
    end = text.scalar_end(text.offset(doc.values[path]))
    if _flow(doc, text, path[:-1]):
        after = text.text[end:]
        stripped = after.lstrip(" ")
        if stripped.startswith(","):
            end += len(after) - len(stripped) + 1
            end += len(text.text[end:]) - len(text.text[end:].lstrip(" "))
        else:
            before = text.text[:key].rstrip(" ")
            if before.endswith(","):
                key = len(before) - 1
        text.replace(key, end, "")
        return
    line_start = text.text.rfind("\n", 0, key) + 1
    line_end = text.text.find("\n", end)
    line_end = len(text.text) if line_end < 0 else line_end
    if text.text[line_start:key].strip():  # `- good: up` opens a list item: keep the dash, drop the entry
        text.replace(key, line_end, "")
        return
    text.replace(line_start, min(line_end + 1, len(text.text)), "")


def _insert_view(doc: Document, text: _Text, at: Path, entries: list[tuple[str, str]]) -> None:
    """Insert `key: value` entries into the role mapping at `at`, after its label."""
    role = doc.data["roles"][at[1]]  # type: ignore[index]
    keys = list(role)
    label_at = (*at, "label")
    if _flow(doc, text, at):
        end = text.scalar_end(text.offset(doc.values[label_at]))
        text.replace(end, end, "".join(f", {k}: {v}" for k, v in entries))
        return
    indent = doc.keys[label_at].col - 1
    lines = "".join(f"{' ' * indent}{k}: {v}\n" for k, v in entries)
    label_mark = doc.values[label_at]
    following = keys[keys.index("label") + 1:] if "label" in keys else []
    if label_mark.one_line:
        line_end = text.text.find("\n", text.offset(label_mark))
        text.replace(line_end + 1, line_end + 1, lines)
    elif following:
        key = text.offset(doc.keys[(*at, following[0])])
        text.replace(key - indent, key - indent, lines)
    else:  # a multi-line label that ends the role: put the view before it
        key = text.offset(doc.keys[label_at])
        text.replace(key - indent, key - indent, lines)


def migrate_text(text: str, doc: Document, model: models.Scenario) -> Migrated:
    """The format-2 text of a valid format-1 scenario (its document and model read from `text`)."""
    edits = _Text(text)
    version = edits.offset(doc.values[("format_version",)])
    edits.replace(version, edits.scalar_end(version), "2")
    for i, _meter in enumerate(model.meters):
        _drop_entry(doc, edits, ("meters", i, "good"))
    good = "{" + ", ".join(f"{m.id}: {m.good}" for m in model.meters) + "}"
    sees = "[" + ", ".join([m.id for m in model.meters] + [f.id for f in model.flags if not f.hidden]) + "]"
    for i, _role in enumerate(model.roles):
        _insert_view(doc, edits, ("roles", i), [("good", good), ("sees", sees)])
    notes: list[str] = []
    if len(model.roles) > 1:
        notes.append(f"every role was given the meters' own 'good' and sees everything: check them for "
                     f"{', '.join(r.id for r in model.roles)}, and give every ending a verdict for each role")
    return Migrated(edits.result(), tuple(notes))
