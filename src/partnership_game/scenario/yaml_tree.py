"""Bytes to plain data with a position for every key and value, read strictly (YAML 1.2 scalars, no tags or anchors)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from partnership_game.inert import first_control, inert_line
from partnership_game.scenario.diagnostics import Diagnostic, ScenarioError
from partnership_game.scenario.yaml_messages import explain

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_EVENTS = 400_000
MAX_NUMBER_CHARS = 30
FLOW_SCAN_LIMIT = 200  # far deeper than MAX_DEPTH allows, far below the 1,000 at which libyaml gives up
MAX_READER_PROBLEMS = 500  # as many as the loader turns into messages; a hostile file says enough with these

# The YAML 1.2 core schema, narrowed: only lower-case true/false are booleans, so `no` and `off` stay text.
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "false": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """A 1-based position, and how the scalar there was written (for pointing inside one-line text)."""

    line: int
    col: int
    style: str | None = None
    one_line: bool = True


@dataclass
class Document:
    """Plain data (dicts, lists, str, int, float, bool, None) and where each part came from."""

    data: object
    values: dict[Path, Mark]
    keys: dict[Path, Mark]
    flow: set[Path] = field(default_factory=set)  # the mappings written in one-line {...} style

    def locate(self, loc: tuple[object, ...], at_key: bool = False) -> Mark:
        """The closest known position for a path that may hold extra parts (as pydantic's locations do)."""
        path: Path = ()
        for part in loc:
            if isinstance(part, (str, int)) and (*path, part) in self.values:
                path = (*path, part)
        if at_key and path in self.keys:
            return self.keys[path]
        return self.values.get(path, Mark(1, 1))


def _mark(m: Any, style: str | None = None, one_line: bool = True) -> Mark:
    return Mark(m.line + 1, m.column + 1, style, one_line)


def _line_col_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of a byte offset into UTF-8 data, counting a line break the
    way YAML does: '\r\n', '\n' or a lone '\r'."""
    head = data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    line = head.count(b"\n") + 1
    last = head[head.rfind(b"\n") + 1:]
    return line, len(last.decode("utf-8", errors="replace")) + 1


def _code_point(character: object) -> str:
    """U+0007 for a control character, whichever form (number or text) the YAML reader reports it in."""
    number = character if isinstance(character, int) else ord(str(character)[:1] or "\0")
    return f"U+{number:04X}"


def _resolve_plain(text: str) -> object:
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if text in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[text]
    if _INT.match(text) or _HEX.match(text) or _OCT.match(text) or _FLOAT.match(text):
        if len(text) > MAX_NUMBER_CHARS:
            raise ValueError(f"number has {len(text)} characters; at most {MAX_NUMBER_CHARS} are allowed")
        if _INT.match(text):
            return int(text)
        if _HEX.match(text):
            return int(text, 16)
        if _OCT.match(text):
            return int(text[2:], 8)
        return float(text)
    return text


class _Builder:
    """Turns the parser's event stream into plain data, checking each rule as it goes."""

    def __init__(self, path_label: str, kind: str) -> None:
        self.path_label = path_label
        self.kind = kind
        self.problems: list[Diagnostic] = []
        self.values: dict[Path, Mark] = {}
        self.keys: dict[Path, Mark] = {}
        self.flow: set[Path] = set()
        # Each frame: [container, its path, the pending key (mappings), where each key was first seen].
        self.stack: list[list[Any]] = []
        self.root: object = None
        self.documents = 0

    def error(self, mark: Mark, message: str) -> None:
        if len(self.problems) < MAX_READER_PROBLEMS:
            self.problems.append(Diagnostic(mark.line, mark.col, message, path=self.path_label))

    def _check_text(self, mark: Mark, text: str, what: str) -> None:
        # YAML's reader refuses most raw control characters, but a double-quoted "\e[2J", "\x1b" or "\u009b"
        # makes one after parsing; printed later by a message or the terminal game, it would be obeyed.
        index = first_control(text)
        if index < 0:
            return
        shown = text if len(text) <= 40 else text[:37] + "..."
        self.error(
            mark,
            f"{what} '{shown}' contains a control character ({inert_line(text[index])}, character {index + 1}); "
            f"remove it: terminal escapes and other control characters are not allowed in {self.kind} files",
        )

    def _child_path(self) -> Path | None:
        if not self.stack:
            return ()
        container, path, pending, _ = self.stack[-1]
        if isinstance(container, list):
            return (*path, len(container))
        return None if pending is None else (*path, pending)

    def _attach(self, value: object, mark: Mark) -> None:
        if not self.stack:
            self.root = value
            self.values[()] = mark
            return
        frame = self.stack[-1]
        container, path, pending, _ = frame
        if isinstance(container, list):
            self.values[(*path, len(container))] = mark
            container.append(value)
        else:
            self.values[(*path, pending)] = mark
            container[pending] = value
            frame[2] = None

    def _expecting_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is None

    def _check_node(self, event: Any, mark: Mark) -> None:
        if getattr(event, "anchor", None):
            self.error(mark, f"anchors ('&{event.anchor}') are not allowed; write the value out in full")
        tag = getattr(event, "tag", None)
        if tag and tag != "!":
            self.error(mark, f"tags ('{tag}') are not allowed in {self.kind} files")
        elif tag == "!":
            self.error(mark, f"tags ('!') are not allowed in {self.kind} files")

    def feed(self, event: Any) -> bool:
        """Handle one event; False means stop reading (a limit was hit)."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.error(_mark(event.start_mark), "only one YAML document is allowed per file")
                return False
            return True
        if isinstance(event, yaml.AliasEvent):
            self.error(
                _mark(event.start_mark), f"aliases ('*{event.anchor}') are not allowed; write the value out"
            )
            if self._expecting_key():
                self.stack[-1][2] = f"<alias {event.anchor}>"
            else:
                self._attach(None, _mark(event.start_mark))
            return True
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            mark = _mark(event.start_mark)
            self._check_node(event, mark)
            if self._expecting_key():
                self.error(mark, "a key must be plain text, not a list or mapping")
                return False
            if len(self.stack) >= MAX_DEPTH:
                self.error(mark, f"nesting is deeper than {MAX_DEPTH} levels")
                return False
            path = self._child_path()
            if isinstance(event, yaml.MappingStartEvent) and event.flow_style and path is not None:
                self.flow.add(path)
            container: object = {} if isinstance(event, yaml.MappingStartEvent) else []
            self._attach(container, mark)
            self.stack.append([container, path, None, {}])
            return True
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()
        return True

    def _scalar(self, event: Any) -> bool:
        one_line = event.start_mark.line == event.end_mark.line
        mark = _mark(event.start_mark, event.style, one_line)
        self._check_node(event, mark)
        plain = not event.style
        if self._expecting_key():
            frame = self.stack[-1]
            key = event.value
            self._check_text(mark, key, "the key")
            if plain and key == "<<":
                self.error(mark, "merge keys ('<<') are not allowed; write the keys out")
            seen = frame[3]
            if key in seen:
                self.error(mark, f"duplicate key '{key}' (first defined at line {seen[key].line})")
                key = f"{key}\x00dup{len(seen)}"
            seen[key] = mark
            self.keys[(*frame[1], key)] = mark
            frame[2] = key
            return True
        value: object = event.value
        self._check_text(mark, event.value, "the text")
        if event.style == ">" and isinstance(value, str):
            # In a folded block a blank line is the only way to break a paragraph, and YAML turns it into a
            # single newline; everywhere else in the game a paragraph break is a blank line. Make them agree.
            body = value.rstrip("\n")
            value = body.replace("\n", "\n\n") + value[len(body):]
        if plain:
            try:
                value = _resolve_plain(event.value)
            except ValueError as exc:
                self.error(mark, str(exc))
                value = None
        self._attach(value, mark)
        return True


_BLOCK_FLOW_START = set(":-?\n")  # in block context a flow collection starts only as a value or list item
_FLOW_FLOW_START = set(":-?[{,\n")


def _flow_depth_problem(text: str, path_label: str) -> Diagnostic | None:
    """A flow bracket nested absurdly deep, found before the YAML parser runs.

    The depth limit proper is checked on the parser's events (exact, with the block levels). But libyaml scans a
    flow collection far ahead before it yields events, and newer releases stop at a nesting of 1,000 with an error
    of their own; so a flow nesting beyond FLOW_SCAN_LIMIT is refused here first, the same way with every release.
    A bracket counts only where a flow collection can start (after a colon, a dash, a comma or another bracket),
    outside quotes and comments.
    """
    flow = 0
    line, col = 1, 0
    quote = ""
    last = "\n"  # the last character that was not a space or tab
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        col += 1
        if char == "\n":
            line, col = line + 1, 0
            if quote == "#":
                quote = ""
            last = "\n"
        elif quote == "#":
            pass
        elif quote:
            if quote == '"' and char == "\\":
                index += 1
                col += 1
            elif char == quote:
                if quote == "'" and index + 1 < length and text[index + 1] == "'":
                    index += 1
                    col += 1
                else:
                    quote = ""
                    last = char
        elif char in " \t":
            pass
        else:
            starts = _FLOW_FLOW_START if flow else _BLOCK_FLOW_START
            if char == "#" and (index == 0 or text[index - 1] in " \t\n"):
                quote = "#"
            elif char in "'\"" and last in starts:
                quote = char
            elif char in "[{" and last in starts:
                flow += 1
                if flow > FLOW_SCAN_LIMIT:
                    return Diagnostic(line, col, f"nesting is deeper than {MAX_DEPTH} levels", path=path_label)
            elif char in "]}" and flow:
                flow -= 1
            last = char
        index += 1
    return None


def _yaml_problem(exc: yaml.YAMLError, text: str, path_label: str) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    lines = text.splitlines()
    line_text = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "\t" in line_text[: mark.column + 1 if mark is not None else 0] or "tab" in problem:
        problem = "a tab character here: indent with spaces, YAML does not allow tabs for indentation"
    elif mark is not None:
        explained = explain(problem, context or "", lines, mark.line, mark.column,
                            context_mark.line if context_mark is not None else None)
        if explained is not None:
            return Diagnostic(*explained, path=path_label)
    if context and not problem.startswith("a tab character"):
        where = f" that starts at line {context_mark.line + 1}" if context_mark is not None else ""
        problem = f"{problem} ({context}{where})"
    if mark is None:
        return Diagnostic(1, 1, f"cannot read the YAML: {problem}", path=path_label)
    return Diagnostic(mark.line + 1, mark.column + 1, problem, path=path_label)


def read_document(data: bytes, path_label: str, kind: str = "scenario") -> Document:
    """Check the bytes and the YAML strictly; raise ScenarioError with every problem found. `kind` names the
    file in messages ("scenario", "class")."""
    if len(data) > MAX_FILE_BYTES:
        raise ScenarioError(
            [Diagnostic(1, 1, f"file is {len(data)} bytes; the limit is {MAX_FILE_BYTES}", path=path_label)]
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        line, col = _line_col_of_offset(data, exc.start)
        raise ScenarioError(
            [
                Diagnostic(
                    line, col, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})", path=path_label
                )
            ]
        ) from None
    deep = _flow_depth_problem(text, path_label)
    if deep is not None:
        raise ScenarioError([deep])
    builder = _Builder(path_label, kind)
    try:
        for count, event in enumerate(yaml.parse(text, Loader=_Loader)):
            if count > MAX_EVENTS:
                builder.error(Mark(1, 1), f"the file has more than {MAX_EVENTS} YAML nodes")
                break
            if not builder.feed(event):
                break
    except yaml.reader.ReaderError as exc:
        # libyaml reads the text as UTF-8 and reports the offset in bytes of that encoding.
        position = exc.position if _Loader is not yaml.SafeLoader else len(text[: exc.position].encode("utf-8"))
        line, col = _line_col_of_offset(text.encode("utf-8"), position)
        builder.problems.append(
            Diagnostic(line, col, f"character {_code_point(exc.character)} is not allowed in YAML text",
                       path=path_label)
        )
    except yaml.YAMLError as exc:
        builder.problems.append(_yaml_problem(exc, text, path_label))
    if builder.problems:
        raise ScenarioError(builder.problems)
    if builder.root is None:
        raise ScenarioError(
            [Diagnostic(1, 1, f"the file is empty: expected a {kind} mapping", path=path_label)]
        )
    if not isinstance(builder.root, dict):
        kind = "a list" if isinstance(builder.root, list) else "a single value"
        raise ScenarioError(
            [Diagnostic(1, 1, f"the top level must be a mapping of keys, not {kind}", path=path_label)]
        )
    return Document(builder.root, builder.values, builder.keys, builder.flow)
