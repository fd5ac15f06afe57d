"""Lines chosen by their measured width: the longest form of a list row that fits, and key-hint lines that drop
their last hints (all of them are in Help) rather than be cut."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from partnership_game.ui import drawing, theme

HINT_SEPARATOR = " · "
LIST_TEXT_PADDING = 10  # pygame_gui's text_horiz_alignment_padding for list rows (assets/theme.json; not scaled)
LIST_ROW_SIZE = 16  # the list rows' font size in assets/theme.json, before scaling


def fits(value: str, size: int, width: int, bold: bool = False) -> bool:
    return bool(theme.font(size, bold).size(value)[0] <= width)


def first_fitting(forms: Sequence[str], size: int, width: int, bold: bool = False) -> str | None:
    """The first (longest, fullest) form that fits in `width` pixels, or None when none does."""
    return next((form for form in forms if form and fits(form, size, width, bold)), None)


def row_label(forms: Sequence[str], size: int, width: int) -> str:
    """A list row: its fullest form that fits; when even the shortest does not (a mod's very long title), that one
    shortened to fit, since the detail beside the list shows it in full."""
    return first_fitting(forms, size, width) or drawing.fit(forms[-1], size, width)


def list_text_width(app: Any, list_width: int, scrolls: bool) -> int:
    """The room for a row's text in a selection list `list_width` wide: less its border, its scroll bar (when the
    rows overflow) and the row's padding on each side."""
    border = max(2, app.px(2))
    bar = app.px(20) if scrolls else 0
    return int(list_width - 2 * border - bar - 2 * LIST_TEXT_PADDING)


def hint_line(text: str, size: int, width: int) -> str:
    """A key-hint line ("Key: what · Key: what · ...", the most useful first) cut back to the hints that fit whole,
    never into a word; empty when not even the first fits (Help lists every key)."""
    parts = text.split(HINT_SEPARATOR)
    for count in range(len(parts), 0, -1):
        line = HINT_SEPARATOR.join(parts[:count])
        if fits(line, size, width):
            return line
    return ""
