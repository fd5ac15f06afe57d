"""Small multiples: one line chart per meter in a grid sized to the room, with one shared legend when the charts are
too small to carry their own."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pygame

from partnership_game.ui.theme import Palette
from partnership_game.ui.widgets.chart import (
    Plan,
    Series,
    _plan_legend,
    draw_line_chart,
    line_width,
    text_height,
    text_width,
)

PLOT_LINES = 5  # a chart's plot should be at least this many text lines high to be read


@dataclass(frozen=True)
class Chart:
    title: str
    series: Sequence[Series]
    y_range: tuple[float, float]


def grid(area: pygame.Rect, count: int, gap: int, text_px: int, widest_title: int) -> tuple[int, int, int]:
    """Columns and cell size for `count` charts: the fewest columns (the widest charts) that leave each
    chart tall enough to read, without making a cell narrower than its title or a readable plot."""
    line = text_height(text_px)
    tall_enough = line * (PLOT_LINES + 2)  # the title row, the plot, the dates under it
    narrowest = max(text_px * 16, widest_title + text_px)
    first = min(count, 3 if area.w > text_px * 75 else 2)
    chosen = None
    for columns in range(max(first, 1), max(count, 1) + 1):
        rows = math.ceil(count / columns)
        cell_w = (area.w - gap * (columns - 1)) // columns
        cell_h = (area.h - gap * (rows - 1)) // rows
        if chosen is not None and cell_w < narrowest:
            break
        chosen = (columns, cell_w, cell_h)
        if cell_h >= tall_enough:
            break
    assert chosen is not None
    return chosen


def draw_small_multiples(surface: pygame.Surface, area: pygame.Rect, charts: Sequence[Chart],
                         x_labels: Sequence[str], palette: Palette, text_px: int) -> None:
    """Every chart in a grid filling `area`; a legend over the grid instead of one per chart when cells are short."""
    if not charts:
        return
    gap = max(4, round(text_px * 0.8))
    widest = max(text_width(c.title, text_px, bold=True) for c in charts)
    columns, cell_w, cell_h = grid(area, len(charts), gap, text_px, widest)
    shared = cell_h < text_height(text_px) * (PLOT_LINES + 3)  # no room for a legend row in each chart
    if shared:
        used = _draw_legend(surface, area, charts[0].series, palette, text_px)
        area = pygame.Rect(area.left, used + gap // 2, area.w, area.bottom - used - gap // 2)
        columns, cell_w, cell_h = grid(area, len(charts), gap, text_px, widest)
    for k, chart in enumerate(charts):
        cell = pygame.Rect(area.left + (k % columns) * (cell_w + gap), area.top + (k // columns) * (cell_h + gap),
                           cell_w, cell_h)
        series = [replace(s, label="") for s in chart.series] if shared else list(chart.series)
        draw_line_chart(surface, cell, series, chart.y_range, x_labels, palette, text_px, title=chart.title)


def _draw_legend(surface: pygame.Surface, area: pygame.Rect, series: Sequence[Series], palette: Palette,
                 text_px: int) -> int:
    """The series' legend on the grid's top rows (right-aligned when it fits on one); returns its bottom."""
    small = max(7, round(text_px * 0.85))
    plan = Plan()  # two entries: cheaper to lay out again than to cache
    bottom = _plan_legend(plan, series, area, area.top, area.left, palette, small, line_width(text_px),
                          max(2.0, text_px * 0.28))
    plan.replay(surface, area)
    return bottom
