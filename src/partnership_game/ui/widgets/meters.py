"""Meter rows: label, value, last change, a bar with thresholds, and a trend line against the historical path."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from partnership_game.ui.theme import Palette
from partnership_game.ui.widgets.chart import (
    Plan,
    PlanCache,
    Point,
    arrow,
    blend,
    fit_text,
    format_value,
    line_width,
    pattern_line,
    text_width,
    triangle,
)


@dataclass(frozen=True)
class MeterView:
    """What one meter row shows; plain numbers, so the widget needs no session."""

    id: str
    label: str
    value: float
    minimum: float
    maximum: float
    good: str  # "up" | "down"
    start: float  # the value when the campaign began (the trend line starts here)
    delta: float  # change from the last decision
    history: Sequence[float]  # value at the end of each turn so far
    ghost: Sequence[float]  # the historical path's value at the end of each turn (whole campaign)
    thresholds: Sequence[float] = ()
    preview: float = 0.0  # what the focused option would change at once: a hatched ghost segment on the bar
    short: str | None = None  # the name shown when the label finds no room (before anything is cut)


# What a hit area returned by draw_meters covers: its code is meter index * HIT_KINDS + the kind.
HIT_LABEL, HIT_BAR, HIT_TREND, HIT_KINDS = 0, 1, 2, 3


@dataclass(frozen=True)
class MeterWords:
    """The few words the meters draw, so the UI's string catalog can supply them (English by default)."""

    good: str = "good"
    path: str = "your path"
    history: str = "history"
    history_now: str = "history now"
    threshold: str = "threshold"


def _row_parts(text_px: int) -> tuple[int, int, int, int]:
    """(label line, gap, bar band, gap after) in pixels; shared with meters_height so layout and drawing agree."""
    px = max(6, text_px)
    return math.ceil(px * 1.4), round(px * 0.2), math.ceil(px * 1.3), round(px * 0.8)


def _legend_height(text_px: int) -> int:
    return math.ceil(max(6, text_px) * 1.5)


def meters_height(count: int, text_px: int, legend: bool = False) -> int:
    """The height `count` rows need at this text size (the last row's trailing gap included), plus the key."""
    return count * sum(_row_parts(text_px)) + (_legend_height(text_px) if legend else 0)


_plans = PlanCache()


def draw_meters(surface: pygame.Surface, rect: pygame.Rect, meters: Sequence[MeterView], palette: Palette,
                text_px: int, show_ghost: bool = True, legend: bool = False,
                words: MeterWords = MeterWords()) -> list[tuple[pygame.Rect, int]]:
    """One row per meter, top to bottom; rows squeeze (never spill) when the rect is shorter than meters_height.
    `legend` adds a key line under the rows explaining the trend line, the ghost and the threshold ticks.
    Returns the rows' hit areas (label, bar, trend line), each with its code (see HIT_KINDS), for the legend."""
    rect = pygame.Rect(rect)
    if rect.w <= 0 or rect.h <= 0 or not meters:
        return []
    key = (tuple(rect), tuple(_meter_key(m) for m in meters), palette, text_px, show_ghost, legend, words)
    plan = _plans.get(key, lambda: _plan_meters(rect, meters, palette, text_px, show_ghost, legend, words))
    plan.replay(surface, rect)
    return [(pygame.Rect(box), code) for box, code in plan.hits]


def _meter_key(m: MeterView) -> tuple[object, ...]:
    return (m.id, m.label, float(m.value), float(m.minimum), float(m.maximum), m.good, float(m.start),
            float(m.delta), tuple(float(v) for v in m.history), tuple(float(v) for v in m.ghost),
            tuple(float(t) for t in m.thresholds), float(m.preview), m.short)


@dataclass(frozen=True)
class _Columns:
    """Right-hand columns sized for the widest entry, so numbers line up from row to row."""

    delta_w: int
    value_w: int
    hint_w: int
    gap: int


def _columns(meters: Sequence[MeterView], px: int, small: int, words: MeterWords) -> _Columns:
    tri = round(px * 0.7)
    delta_w = tri + round(px * 0.25) + max(text_width(format_value(abs(m.delta)), px, True) for m in meters)
    value_w = max(text_width(format_value(m.value), px, True) + text_width(" / " + format_value(m.maximum), small)
                  for m in meters)
    hint_w = round(small * 0.9) + text_width(words.good, small)
    return _Columns(delta_w, value_w, hint_w, round(px * 0.7))


def _plan_meters(rect: pygame.Rect, meters: Sequence[MeterView], palette: Palette, text_px: int,
                 show_ghost: bool, legend: bool, words: MeterWords) -> Plan:
    plan = Plan(rect)
    px = max(6, text_px)
    small = max(7, round(px * 0.82))
    rows_h = rect.h
    if legend:
        key_h = min(_legend_height(px), rect.h // (len(meters) + 1))
        rows_h -= key_h
        _plan_legend(plan, pygame.Rect(rect.left, rect.top + rows_h, rect.w, key_h), palette, px, small, show_ghost,
                     words)
    columns = _columns(meters, px, small, words)
    squeeze = min(1.0, rows_h / meters_height(len(meters), px))
    if squeeze < 0.7:
        _plan_single_lines(plan, meters, rect, rows_h, columns, palette, px, small, show_ghost, words)
        return plan
    # A little short of room: every part of a row shrinks alike, so rows never overlap.
    label_h, gap, band_h, after = (part * squeeze for part in _row_parts(px))
    row_h = label_h + gap + band_h + after
    compact = rect.w < px * 16  # too narrow for the word "good" and the trend line
    for i, meter in enumerate(meters):
        top = rect.top + i * row_h
        label_line = pygame.Rect(rect.left, round(top), rect.w, round(label_h))
        # The word "good" gives way (the arrow stays) before a meter's name would be shortened.
        room = rect.w - columns.delta_w - columns.value_w - columns.hint_w - 3 * columns.gap
        _plan_label_line(plan, meter, label_line, columns, palette, px, small,
                         compact or text_width(meter.label, px) > room, words)
        plan.hits.append((label_line, i * HIT_KINDS + HIT_LABEL))
        band = pygame.Rect(rect.left, round(top + label_h + gap), rect.w, max(4, round(band_h)))
        spark_w = 0 if compact else max(px * 3, round(rect.w * 0.3))
        bar = pygame.Rect(band.left, band.top, band.w - (spark_w + columns.gap if spark_w else 0), band.h)
        _plan_bar(plan, meter, bar, palette, px, show_ghost)
        plan.hits.append((bar, i * HIT_KINDS + HIT_BAR))
        if spark_w:
            spark = pygame.Rect(bar.right + columns.gap, band.top, spark_w, band.h)
            _plan_trend(plan, meter, spark, palette, px, show_ghost)
            plan.hits.append((spark, i * HIT_KINDS + HIT_TREND))
    return plan


def _plan_label_line(plan: Plan, m: MeterView, line: pygame.Rect, c: _Columns, palette: Palette, px: int, small: int,
                     compact: bool, words: MeterWords, label_w: int | None = None) -> int:
    """Label on the left; on the right the change (▲ 5 / ▼ 3 / –), the value ("62 / 100"), and which way is good.
    Returns where the right-hand block begins, so a one-line row can put its bar in between."""
    mid = line.centery
    right = line.right
    _plan_delta(plan, m, pygame.Rect(right - c.delta_w, line.top, c.delta_w, line.h), palette, px)
    right -= c.delta_w + c.gap
    value_right = right
    maximum = plan.text(" / " + format_value(m.maximum), small, palette.ink_soft, (value_right, mid),
                        anchor="midright")
    plan.text(format_value(m.value), px, palette.ink, (maximum.left, mid), bold=True, anchor="midright")
    right -= c.value_w + c.gap
    # Which way is good, as an arrow and (with room) the word, so the change's colour is never the only clue.
    hint_w = round(small * 0.9) if compact else c.hint_w
    hint_left = right - hint_w
    arrow(plan, palette.ink_soft, (hint_left + small * 0.3, mid), small * 0.8, m.good != "down")
    if not compact:
        plan.text(words.good, small, palette.ink_soft, (hint_left + round(small * 0.9), mid), anchor="midleft")
    right = hint_left - c.gap
    room = min(right - line.left, label_w if label_w is not None else right)
    label = fit_text(meter_name(m, px, room), px, room)
    plan.text(label, px, palette.ink, (line.left, mid), anchor="midleft")
    return right


def meter_name(m: MeterView, px: int, room: float) -> str:
    """The full label when it fits in `room`, else the short one if the scenario gives it (cut only after that)."""
    return m.label if m.short is None or text_width(m.label, px) <= room else m.short


def _plan_single_lines(plan: Plan, meters: Sequence[MeterView], rect: pygame.Rect, rows_h: int, c: _Columns,
                       palette: Palette, px: int, small: int, show_ghost: bool, words: MeterWords) -> None:
    """Rows squeezed below two lines each: label, bar and numbers on one line, and no trend line."""
    row_h = rows_h / len(meters)
    label_w = min(max(text_width(m.label, px) for m in meters), round(rect.w * 0.38))
    for i, meter in enumerate(meters):
        line = pygame.Rect(rect.left, round(rect.top + i * row_h), rect.w, max(1, round(row_h)))
        right = _plan_label_line(plan, meter, line, c, palette, px, small, rect.w < px * 24, words, label_w)
        bar_left = rect.left + label_w + c.gap
        if right - bar_left > px * 2:
            bar = pygame.Rect(bar_left, line.top, right - bar_left, line.h)
            _plan_bar(plan, meter, bar, palette, max(6, min(px, round(line.h * 0.8))), show_ghost)
            plan.hits.append((bar, i * HIT_KINDS + HIT_BAR))


def _plan_delta(plan: Plan, m: MeterView, box: pygame.Rect, palette: Palette, px: int) -> None:
    shown = format_value(abs(m.delta))
    if not math.isfinite(m.delta) or shown == "0":
        plan.text("–", px, palette.ink_soft, (box.right, box.centery), anchor="midright")
        return
    rising = m.delta > 0
    colour = palette.good if rising == (m.good != "down") else palette.bad
    number = plan.text(shown, px, colour, (box.right, box.centery), bold=True, anchor="midright")
    size = px * 0.62
    triangle(plan, colour, (number.left - px * 0.2 - size / 2, box.centery + 1), size, rising)


def _fraction(m: MeterView, value: float) -> float:
    span = m.maximum - m.minimum
    if span <= 0 or not math.isfinite(value):
        return 0.0
    return min(1.0, max(0.0, (value - m.minimum) / span))


def _plan_bar(plan: Plan, m: MeterView, band: pygame.Rect, palette: Palette, px: int, show_ghost: bool) -> None:
    """Track, fill to the value, the last change picked out, threshold ticks, and where history stood."""
    height = max(4, round(px * 0.62))
    track = pygame.Rect(band.left, band.centery - height // 2, band.w, height)
    if track.w < 4:
        return
    inner = track.inflate(-2, -2)

    def x_at(value: float) -> int:
        return inner.left + round(_fraction(m, value) * inner.w)

    plan.rect(palette.paper_shade, track)
    x_value = x_at(m.value)
    # A mid-tone fill, so the inked threshold ticks still read where they cross it.
    plan.rect(blend(palette.ink_soft, palette.paper, 0.45), pygame.Rect(inner.left, inner.top,
                                                                         x_value - inner.left, inner.h))
    if math.isfinite(m.delta) and m.delta:
        # The stretch the last decision moved, in good or bad ink (the ▲/▼ beside the number says the same).
        x_before = x_at(m.value - m.delta)
        colour = palette.good if (m.delta > 0) == (m.good != "down") else palette.bad
        left, right = sorted((x_before, x_value))
        plan.rect(colour, pygame.Rect(left, inner.top, max(1, right - left), inner.h))
    if math.isfinite(m.preview) and m.preview:
        _plan_preview(plan, m, inner, x_value, x_at(m.value + m.preview), palette, px)
    plan.rect(palette.rule, track, 1)
    tick_w = max(1, line_width(px) // 2)
    for threshold in m.thresholds:
        x = x_at(threshold)
        plan.line(palette.ink, (x, track.top - max(2, px // 5)), (x, track.bottom + max(1, px // 8)), tick_w)
    now = len(m.history) - 1
    if show_ghost and 0 <= now < len(m.ghost):
        # History's value at this same turn: a hollow diamond resting on the bar.
        x, r = x_at(m.ghost[now]), max(2.5, px * 0.28)
        y = track.top - r * 0.4
        diamond = [(x, y - r), (x + r * 0.8, y), (x, y + r), (x - r * 0.8, y)]
        plan.polygon(palette.paper, diamond)
        plan.polygon(palette.ghost, diamond, max(1, line_width(px) - 1))


def _plan_preview(plan: Plan, m: MeterView, inner: pygame.Rect, x_from: int, x_to: int, palette: Palette,
                  px: int) -> None:
    """The focused option's change as a ghost segment: hatched in good or bad ink, outlined, with an arrowhead at
    the end it would reach, so the direction reads without colour."""
    colour = palette.good if (m.preview > 0) == (m.good != "down") else palette.bad
    left, right = sorted((x_from, x_to))
    segment = pygame.Rect(left, inner.top - 1, max(2, right - left), inner.h + 2)
    plan.rect(blend(colour, palette.paper, 0.55), segment)
    step = max(3, round(px * 0.35))
    slant = segment.h - 1
    for x in range(segment.left + 1, segment.right - slant, step):
        plan.line(colour, (x, segment.bottom - 1), (x + slant, segment.top))
    plan.rect(colour, segment, 1)
    tip = max(3.0, inner.h * 0.9)
    triangle_x = x_to + (tip * 0.5 if x_to >= x_from else -tip * 0.5)
    _arrowhead(plan, colour, (triangle_x, inner.centery), tip, x_to >= x_from)


def _arrowhead(plan: Plan, colour: tuple[int, int, int], at: Point, size: float, rightwards: bool) -> None:
    x, y = at
    half = size / 2
    points = ([(x - half, y - half), (x + half, y), (x - half, y + half)] if rightwards
              else [(x + half, y - half), (x - half, y), (x + half, y + half)])
    plan.polygon(colour, points)


def _plan_trend(plan: Plan, m: MeterView, box: pygame.Rect, palette: Palette, px: int, show_ghost: bool) -> None:
    """The player's path (solid, from the start value) and history's (dotted) on one x scale: the whole campaign."""
    width = line_width(px)
    inner = box.inflate(-2 * width - 2, -2 * width - 2)
    path = [m.start, *m.history]
    ghost = [m.start, *m.ghost] if show_ghost else []
    count = max(len(path), len(ghost), 2)
    low, high = _trend_range(m, [*path, *ghost])

    def point(i: int, value: float) -> Point:
        y = (min(max(value, low), high) - low) / (high - low)
        return (inner.left + inner.w * i / (count - 1), inner.bottom - y * inner.h)

    plan.line(palette.rule, (box.left, box.bottom - 1), (box.right - 1, box.bottom - 1))
    if ghost:
        pattern_line(plan, palette.ghost, [point(i, v) for i, v in enumerate(ghost) if math.isfinite(v)],
                     max(1, width), "dotted")
    mine = [point(i, v) for i, v in enumerate(path) if math.isfinite(v)]
    pattern_line(plan, palette.ink, mine, width, "solid")
    if mine:
        plan.circle(palette.ink, mine[-1], max(2.0, px * 0.2))


def _trend_range(m: MeterView, values: Sequence[float]) -> tuple[float, float]:
    """The trend line's vertical scale: the values' own range, at least a quarter of the meter's span (so a
    small wobble is not blown up into a cliff), kept inside the meter's limits. The bar shows the absolute level."""
    span = m.maximum - m.minimum if m.maximum > m.minimum else 1.0
    finite = [v for v in values if math.isfinite(v)] or [m.minimum, m.maximum]
    low, high = min(finite), max(finite)
    least = span * 0.25
    if high - low < least:
        middle = (low + high) / 2
        low, high = middle - least / 2, middle + least / 2
    pad = (high - low) * 0.1
    low, high = low - pad, high + pad
    if low < m.minimum:
        low, high = m.minimum, min(m.maximum, high + (m.minimum - low))
    if high > m.maximum:
        low, high = max(m.minimum, low - (high - m.maximum)), m.maximum
    return (low, high) if high > low else (m.minimum, m.minimum + span)


def _plan_legend(plan: Plan, box: pygame.Rect, palette: Palette, px: int, small: int, show_ghost: bool,
                 words: MeterWords) -> None:
    """A key line: what the solid line, the dotted one, the diamond and the ticks mean."""
    width = line_width(px)
    sample = round(px * 1.6)
    x = float(box.left)
    y = box.centery
    items: list[tuple[str, str]] = [("path", words.path)]
    if show_ghost:
        items += [("ghost", words.history), ("diamond", words.history_now)]
    items.append(("tick", words.threshold))
    for kind, label in items:
        if kind == "path":
            pattern_line(plan, palette.ink, [(x, y), (x + sample, y)], width, "solid")
            x += sample
        elif kind == "ghost":
            pattern_line(plan, palette.ghost, [(x, y), (x + sample, y)], width, "dotted")
            x += sample
        elif kind == "diamond":
            r = max(2.5, px * 0.28)
            diamond = [(x + r, y - r), (x + r * 1.8, y), (x + r, y + r), (x + r * 0.2, y)]
            plan.polygon(palette.ghost, diamond, max(1, width - 1))
            x += r * 2
        else:
            plan.line(palette.ink, (x + 1, y - px * 0.4), (x + 1, y + px * 0.4))
            x += 3
        shown = plan.text(label, small, palette.ink_soft, (x + px * 0.3, y), anchor="midleft")
        x = shown.right + px * 0.9
