"""Where the branch tree's dates go: under each node, on the fewest lines of labels, no label touching another."""

from __future__ import annotations

from collections.abc import Sequence


def forms(label: str) -> list[list[str]]:
    """A date's forms, widest first: on one line ("Sept 22"), or month over day where the columns are narrow."""
    month, _, day = label.partition(" ")
    return [[label], [month, day]] if day else [[label]]


def stagger(xs: Sequence[float], widths: Sequence[int], gap: int, left: int, right: int) -> list[tuple[int, int]]:
    """Each label's level under its node (0: right under it) and its left edge, for nodes left to right: a label
    takes the first level where it clears the last label there by `gap`, pulled inside [left, right]."""
    ends: list[float] = []  # the right edge of the last label on each level
    placed = []
    for x, width in zip(xs, widths, strict=True):
        start = min(max(x - width / 2, left), right - width)
        level = next((k for k, end in enumerate(ends) if start >= end + gap), len(ends))
        if level == len(ends):
            ends.append(start)
        ends[level] = start + width
        placed.append((level, round(start)))
    return placed
