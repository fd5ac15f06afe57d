"""Text fitted to a terminal: wrapped on word boundaries with hanging indents, links kept whole on their own line."""

from __future__ import annotations

import re
import shutil
import textwrap

DEFAULT_WIDTH = 80
NARROWEST = 40
DEFAULT_HEIGHT = 24

# A list item's marker: "- ", "* ", "12. ", or a label such as "News: " is not a marker (its text wraps under it).
_MARKER = re.compile(r"^(\s*)((?:[-*]|\d{1,3}[.)])\s+)?")
_LINK = re.compile(r"^(?:https?|ftp)://\S+$|^<(?:https?|ftp)://\S+>$")
# A file path (a save, a report) is copied or typed as a whole, like a link: it is never cut either.
_PATH = re.compile(r"^[~.]?/\S+$")


def terminal_size(is_terminal: bool) -> tuple[int, int]:
    """Columns and rows to write for: the terminal's own, or 80×24 when output is not a terminal or too narrow."""
    if not is_terminal:
        return DEFAULT_WIDTH, DEFAULT_HEIGHT
    size = shutil.get_terminal_size((DEFAULT_WIDTH, DEFAULT_HEIGHT))
    width = size.columns if size.columns >= NARROWEST else DEFAULT_WIDTH
    height = size.lines if size.lines >= 10 else DEFAULT_HEIGHT
    return width, height


def is_link(word: str) -> bool:
    """A link or a file path: a word that must stay whole to work, even when it is wider than the screen."""
    return bool(_LINK.match(word) or _PATH.match(word))


def _split_long_words(text: str, room: int) -> str:
    """Words wider than the room are cut into pieces that fit, except links, which must stay whole to work."""
    words: list[str] = []
    for word in text.split():
        if len(word) > room and not is_link(word):
            words.extend(word[i : i + room] for i in range(0, len(word), room))
        else:
            words.append(word)
    return " ".join(words)


def wrap(text: str, width: int, indent: str = "", hanging: str | None = None) -> list[str]:
    """One paragraph wrapped to `width`: `indent` before the first line, `hanging` (default: `indent`) after it.

    A link that does not fit stands alone on its line, whole, so a terminal can still open it.
    """
    hanging = indent if hanging is None else hanging
    room = max(width - max(len(indent), len(hanging)), 10)
    words = _split_long_words(text, room)
    if not words:
        return [indent.rstrip()]
    return textwrap.wrap(words, width, initial_indent=indent, subsequent_indent=hanging,
                         break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]


def fit_line(line: str, width: int) -> list[str]:
    """A line of output as one or more lines no wider than `width`; list items keep a hanging indent."""
    if len(line) <= width:
        return [line]
    match = _MARKER.match(line)
    lead, marker = (match.group(1), match.group(2) or "") if match else ("", "")
    body = line[len(lead) + len(marker):]
    if is_link(body.strip()):
        return [line]
    hanging = " " * (len(lead) + len(marker) if marker else len(lead) + 2)
    if len(hanging) > width // 2:  # a deep indent on a narrow terminal would leave no room for the words
        hanging = "  "
    return wrap(body, width, lead + marker, hanging)


def fit(text: str, width: int) -> str:
    """Every line of `text` fitted to `width`; blank lines and short lines are kept as they are."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(fit_line(line.rstrip(), width))
    return "\n".join(out)


def paragraphs(text: str, width: int, indent: str = "") -> str:
    """Prose from a scenario: its paragraphs (blank-line separated) re-flowed to `width`."""
    blocks = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join("\n".join(wrap(p, width, indent)) for p in blocks if p)
