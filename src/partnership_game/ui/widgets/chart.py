"""Line charts of meters over turns: axes, ticks, labels that fit, series told apart by pattern and marker, a legend."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pygame

from partnership_game.ui.theme import Colour, Palette
from partnership_game.ui.widgets.draw_plan import Plan, PlanCache, Point
from partnership_game.ui.widgets.pen_shapes import arrow, blend, cross, line_width, marker, pattern_line, triangle
from partnership_game.ui.widgets.pen_text import fit_text, text, text_height, text_width

# The pen's names stay importable from here, as they were before the pen had modules of its own.
__all__ = ["Plan", "PlanCache", "Point", "Series", "arrow", "blend", "cross", "draw_line_chart", "fit_text",
           "format_value", "line_width", "marker", "nice_ticks", "pattern_line", "text", "text_height", "text_width",
           "triangle"]


def format_value(value: float) -> str:
    """Whole numbers without a decimal point, others to one place: meters read as '62', not '62.0'."""
    if not math.isfinite(value):
        return "–"
    rounded = round(value)
    return str(int(rounded)) if abs(value - rounded) < 0.05 else f"{value:.1f}"


def nice_ticks(low: float, high: float, max_count: int) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) inside [low, high]."""
    span = high - low
    if span <= 0 or max_count < 2:
        return [low]
    raw = span / (max_count - 1)
    if not 0 < raw < math.inf:  # a span too narrow (or too wide) for float steps: one tick rather than a crash
        return [low]
    power = 10 ** math.floor(math.log10(raw))
    step = next((m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw), 10 * power)
    first = math.ceil(low / step - 1e-9) * step
    count = math.floor((high - first) / step + 1e-9) + 1
    return [first + i * step for i in range(max(count, 1))]


@dataclass(frozen=True)
class Series:
    """One line: a value per turn (may stop early), told apart by colour, dash pattern and marker shape."""

    label: str
    values: Sequence[float]
    colour: tuple[int, int, int]
    style: str = "solid"  # "solid" | "dashed" | "dotted"; the historical ghost is dotted
    marker: str = "circle"  # "circle" | "square" | "triangle" | "diamond" | "none"


_plans = PlanCache()


def draw_line_chart(surface: pygame.Surface, rect: pygame.Rect, series: Sequence[Series],
                    y_range: tuple[float, float], x_labels: Sequence[str], palette: Palette, text_px: int,
                    title: str | None = None) -> None:
    """Axes, a light grid, y ticks, the x labels that fit, each series with its pattern and markers, a legend."""
    rect = pygame.Rect(rect)
    if rect.w <= 0 or rect.h <= 0:
        return
    key = (tuple(rect), tuple((s.label, tuple(float(v) for v in s.values), tuple(s.colour), s.style, s.marker)
                              for s in series),
           (float(y_range[0]), float(y_range[1])), tuple(x_labels), palette, text_px, title)
    plan = _plans.get(key, lambda: _plan_chart(rect, series, y_range, x_labels, palette, text_px, title))
    plan.replay(surface, rect)


def _legend_sample(plan: Plan, s: Series, x: float, y: float, length: float, width: int, radius: float,
                   halo: Colour) -> None:
    pattern_line(plan, s.colour, [(x, y), (x + length, y)], width, s.style)
    marker(plan, s.marker, s.colour, (x + length / 2, y), radius, halo)


def _plan_legend(plan: Plan, series: Sequence[Series], area: pygame.Rect, top: int, first_row_left: int,
                 palette: Palette, px: int, width: int, radius: float) -> int:
    """Flow the legend entries into rows; returns the bottom of the last row."""
    sample = round(px * 2.2)
    gap = round(px * 0.45)
    spacing = px
    row_h = text_height(px)
    entries = [(s, fit_text(s.label, px, area.w - sample - gap)) for s in series if s.label]
    # Keep everything on the title's line, right-aligned, when it fits there.
    widths = [sample + gap + text_width(label, px) for _, label in entries]
    total = sum(widths) + spacing * max(0, len(widths) - 1)
    if entries and total <= area.right - first_row_left:
        x: float = area.right - total
        y = top
    else:
        x, y = area.left, top if first_row_left == area.left else top + row_h
    bottom = y
    for (s, label), w in zip(entries, widths, strict=True):
        if x + w > area.right and x > area.left:
            x, y = area.left, y + row_h
        mid = y + row_h / 2
        _legend_sample(plan, s, x, mid, sample, width, radius, palette.paper)
        plan.text(label, px, palette.ink, (x + sample + gap, mid), anchor="midleft")
        x += w + spacing
        bottom = y + row_h
    return bottom


def _x_label_plan(plan: Plan, labels: Sequence[str], xs: Sequence[float], top: float, area: pygame.Rect,
                  palette: Palette, px: int) -> None:
    """Label the first and last turns, then any between that do not crowd a neighbour."""
    gap = px * 0.8
    boxes: list[tuple[float, float]] = []

    def span(i: int) -> tuple[float, float]:
        w = text_width(labels[i], px)
        left = min(max(xs[i] - w / 2, area.left), area.right - w)  # pull the end labels inside the rect
        return left, left + w

    def free(a: float, b: float) -> bool:
        return all(b + gap <= c or a >= d + gap for c, d in boxes)

    order = [0, len(labels) - 1, *list(range(1, len(labels) - 1))] if len(labels) > 1 else [0]
    for i in order:
        a, b = span(i)
        if labels[i] and free(a, b):
            boxes.append((a, b))
            plan.text(labels[i], px, palette.ink_soft, (a, top))


def _plan_chart(rect: pygame.Rect, series: Sequence[Series], y_range: tuple[float, float], x_labels: Sequence[str],
                palette: Palette, text_px: int, title: str | None) -> Plan:
    plan = Plan(rect)
    px = max(6, text_px)
    small = max(7, round(px * 0.85))
    width = line_width(px)
    radius = max(2.0, px * 0.28)
    pad = max(2, round(px * 0.3))
    area = rect.inflate(-2 * pad, -2 * pad)

    top = area.top
    first_row_left = area.left
    if title:
        shown = fit_text(title, px, area.w, bold=True)
        box = plan.text(shown, px, palette.ink, (area.left, top), bold=True)
        first_row_left = box.right + px
    header_bottom = _plan_legend(plan, series, area, top, first_row_left, palette, small, width, radius)
    if not title and not any(s.label for s in series):
        header_bottom = top

    low, high = float(y_range[0]), float(y_range[1])
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        low, high = (low, low + 1.0) if math.isfinite(low) else (0.0, 1.0)
    label_h = text_height(small)
    plot_top = header_bottom + round(label_h * 0.7)
    plot_bottom = area.bottom - label_h - round(px * 0.35)
    if plot_bottom - plot_top < label_h:
        return plan  # too small to chart anything honest; the header alone is shown
    ticks = nice_ticks(low, high, max(2, min(7, (plot_bottom - plot_top) // (label_h + px // 2) + 1)))
    tick_labels = [format_value(t) for t in ticks]
    plot_left = area.left + max(text_width(t, small) for t in tick_labels) + round(px * 0.5)
    plot_right = area.right - round(px * 0.4)
    if plot_right - plot_left < px * 2:
        return plan

    def y_of(value: float) -> float:
        clamped = min(max(value, low), high)  # out-of-range values sit on the edge rather than escape the plot
        return plot_bottom - (clamped - low) / (high - low) * (plot_bottom - plot_top)

    grid = blend(palette.paper_shade, palette.rule, 0.25)
    for tick, label in zip(ticks, tick_labels, strict=True):
        y = round(y_of(tick))
        plan.line(grid, (plot_left, y), (plot_right, y))
        plan.text(label, small, palette.ink_soft, (plot_left - round(px * 0.35), y), anchor="midright")

    count = max([len(x_labels)] + [len(s.values) for s in series])
    xs = ([plot_left + (plot_right - plot_left) * i / (count - 1) for i in range(count)] if count > 1
          else [(plot_left + plot_right) / 2] * count)
    for x in xs:
        plan.line(palette.rule, (round(x), plot_bottom), (round(x), plot_bottom + max(2, px // 4)))
    plan.line(palette.ink_soft, (plot_left, plot_top), (plot_left, plot_bottom))
    plan.line(palette.ink_soft, (plot_left, plot_bottom), (plot_right, plot_bottom))
    if x_labels:
        _x_label_plan(plan, list(x_labels)[:count], xs, plot_bottom + round(px * 0.3), area, palette, small)

    spacing = (xs[1] - xs[0]) if len(xs) > 1 else float("inf")
    for s in series:
        _plan_series(plan, s, xs, y_of, width, radius, spacing, palette)
    return plan


def _plan_series(plan: Plan, s: Series, xs: Sequence[float], y_of: Callable[[float], float], width: int,
                 radius: float, spacing: float, palette: Palette) -> None:
    """One series: its runs of finite values as patterned lines, then markers (all of them if there is room)."""
    runs: list[list[Point]] = [[]]
    for x, value in zip(xs, s.values, strict=False):
        if math.isfinite(value):
            runs[-1].append((x, y_of(value)))
        elif runs[-1]:
            runs.append([])  # a gap in the data is a gap in the line, not a drop to zero
    points = [p for run in runs for p in run]
    for run in runs:
        pattern_line(plan, s.colour, run, width, s.style)
    if not points:
        return
    every = spacing >= radius * 5
    for point in points if every else points[-1:]:
        marker(plan, s.marker, s.colour, point, radius, palette.paper)
