"""The YAML parser's messages for the commonest slips, translated into what to do, at the line where the slip is."""

from __future__ import annotations

import re

_KEY_NO_SPACE = re.compile(r"\s*(?:-\s+)*([A-Za-z_][A-Za-z0-9_]*):(?=[^\s:])")
_DASH_NO_SPACE = re.compile(r"\s*-(?=[^\s-])")
_KEY_VALUE = re.compile(r"\s*(?:-\s+)*([^\s#'\"][^:#]*?):\s+(.*?)\s*\Z")

Position = tuple[int, int, str]  # a 1-based line and column, and the message


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Where a line's key starts, past any '- ' of list items (0-based)."""
    match = re.match(r"\s*(?:-\s+)*", line)
    return match.end() if match else 0


def _line_above(lines: list[str], index: int) -> int | None:
    for above in range(index - 1, -1, -1):
        stripped = lines[above].strip()
        if stripped and not stripped.startswith("#"):
            return above
    return None


def _quoted(value: str) -> str:
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _mapping_value_here(lines: list[str], line: int, col: int) -> Position | None:
    """'mapping values are not allowed': a second ': ' in a value, or a line indented under a plain value."""
    text = lines[line] if line < len(lines) else ""
    before = text[:col]
    match = _KEY_VALUE.match(text)
    if match and ": " in before:
        key, value = match.group(1), match.group(2)
        if value.startswith("-"):
            value = value.lstrip("- ")
        return (line + 1, col + 1,
                f"text containing ': ' must be in quotes: write {key}: {_quoted(value)}")
    above = _line_above(lines, line)
    if above is not None and _indent(text) > _key_column(lines[above]):
        want = _key_column(lines[above])
        return (line + 1, _indent(text) + 1,
                f"this line is indented more than the line above it (by {_indent(text) - want}): keys of "
                "one mapping start in the same column; a deeper line needs a key above it that ends in ':'")
    return None


def explain(problem: str, context: str, lines: list[str], line: int, col: int,
            context_line: int | None) -> Position | None:
    """What to do about a parse error at the 0-based `line` and `col`; None keeps the parser's own words."""
    text = lines[line] if line < len(lines) else ""
    if problem.startswith("mapping values are not allowed"):
        return _mapping_value_here(lines, line, col)
    if problem.startswith("could not find expected ':'") and context_line is not None:
        # The slip is on the line where the parser began to read a key, not where it gave up (the line below).
        for index in range(context_line, min(line, len(lines) - 1) + 1):
            start = lines[index]
            key = _KEY_NO_SPACE.match(start)
            if key:
                colon = key.end()  # just past the ':'
                value = start[colon:].strip()
                return (index + 1, colon,
                        f"put a space after ':' (write '{key.group(1)}: {value}'): without it the whole line is "
                        "one piece of text, not a key and a value")
            if _DASH_NO_SPACE.match(start):
                dash = start.index("-")
                return (index + 1, dash + 1, "put a space after '-' to start a list item ('- 2', not '-2')")
        start_line = min(context_line, len(lines) - 1) if lines else 0
        return (start_line + 1, _indent(lines[start_line]) + 1 if lines else 1,
                "this line is neither 'key: value' nor a list item ('- ...'): if it goes on with the text above, "
                "put that text in quotes or use a block (key: >-)")
    if problem.startswith("did not find expected ',' or '}'"):
        return (line + 1, col + 1,
                "in a one-line {...} mapping, text holding ':', ',', '{' or '}' must be in quotes; or write the "
                "mapping in block style, one key per line")
    if problem.startswith("did not find expected ',' or ']'"):
        opened = f" at line {context_line + 1}" if context_line is not None else ""
        return (line + 1, col + 1,
                f"the list that opens with '['{opened} is not closed with ']' here (or an item in it holding ': ' "
                "needs quotes)")
    if problem.startswith("found unexpected end of stream") and "quoted scalar" in context:
        quote_line = context_line if context_line is not None else line
        return (quote_line + 1, 1, "a quote opened on this line is never closed: close it, or, inside '...', write "
                              "an apostrophe twice ('Don''t')")
    if problem.startswith("did not find expected key"):
        head = text[:col].rstrip()
        if head.endswith(("'", '"')):
            return (line + 1, col + 1,
                    "text goes on after its closing quote: quote the whole value; inside '...' write an "
                    "apostrophe twice ('Don''t go'), or use \"...\" around text holding '")
        return (line + 1, _indent(text) + 1,
                "this line does not line up with the keys above it: keys of one mapping start in the same column")
    if problem.startswith("did not find expected '-' indicator"):
        return (line + 1, _indent(text) + 1,
                "a 'key: value' line among the items of a list: indent it under its item's first key, or start "
                "a new item with '- '")
    if problem.startswith("found character that cannot start any token") and col < len(text):
        return (line + 1, col + 1, f"text cannot start with '{text[col]}': put the whole value in quotes")
    if "while scanning an alias" in context:
        star = text.find("*")
        return (line + 1, (star if star >= 0 else col) + 1,
                "text cannot start with '*': put the whole value in quotes")
    if problem.startswith("did not find expected comment or line break") and "block scalar" in context:
        return (line + 1, col + 1, "'|' and '>' start a block of text on the lines below: move the text there, "
                                   "indented, or put it in quotes")
    return None
