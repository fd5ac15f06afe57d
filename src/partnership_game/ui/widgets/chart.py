"""Line charts of meters over turns, and the pen the other widgets share (cached text, patterned lines, markers)."""

from __future__ import annotations

import itertools
import math
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import pygame

from partnership_game.ui.theme import Colour, Palette, font

Point = tuple[float, float]

# --------------------------------------------------------------------------------------------------------------
# The pen: small helpers every widget uses. Noto Sans has no ▲ ▼ ↑ ↓ ✕ glyphs (they render as empty boxes), so
# arrows, crosses and markers are drawn as shapes rather than typed as text.
# --------------------------------------------------------------------------------------------------------------

_TEXT_CACHE_MAX = 1024
_text_cache: dict[tuple[str, int, bool, Colour], pygame.Surface] = {}


def text(label: str, px: int, colour: Colour, bold: bool = False) -> pygame.Surface:
    """Rendered text, cached: rendering is the slowest thing a widget does, and labels repeat every frame."""
    key = (label, px, bold, colour)
    image = _text_cache.get(key)
    if image is None:
        if len(_text_cache) >= _TEXT_CACHE_MAX:
            _text_cache.clear()  # the labels on screen come straight back; a full LRU would cost more than it saves
        image = font(px, bold).render(label, True, colour)
        _text_cache[key] = image
    return image


def text_width(label: str, px: int, bold: bool = False) -> int:
    return font(px, bold).size(label)[0]


def text_height(px: int, bold: bool = False) -> int:
    return font(px, bold).get_height()


def fit_text(label: str, px: int, max_width: float, bold: bool = False) -> str:
    """The label, shortened with an ellipsis until it fits (empty if not even the ellipsis fits)."""
    face = font(px, bold)
    if face.size(label)[0] <= max_width:
        return label
    low, high = 0, len(label)
    while low < high:
        mid = (low + high + 1) // 2
        if face.size(label[:mid].rstrip() + "…")[0] <= max_width:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return "…" if face.size("…")[0] <= max_width else ""
    return label[:low].rstrip() + "…"


def blend(a: Colour, b: Colour, t: float) -> Colour:
    """a moved a fraction t toward b: faded and light shades without alpha surfaces."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def line_width(text_px: int) -> int:
    """Stroke width that keeps lines in proportion to the text at every text size."""
    return max(1, round(text_px / 8))


def format_value(value: float) -> str:
    """Whole numbers without a decimal point, others to one place: meters read as '62', not '62.0'."""
    if not math.isfinite(value):
        return "–"
    rounded = round(value)
    return str(int(rounded)) if abs(value - rounded) < 0.05 else f"{value:.1f}"


Op = tuple[Callable[..., object], tuple[object, ...]]

# The transparent colour of flattened layers; no palette uses it.
_LAYER_KEY: Colour = (1, 254, 3)
_AA_CALLS: tuple[Callable[..., object], ...] = (pygame.draw.aaline, pygame.draw.aalines)


def _moved(call: Callable[..., object], args: tuple[Any, ...], dx: int, dy: int) -> tuple[Any, ...]:
    """A recorded shape's arguments shifted by (-dx, -dy): layers are drawn in the widget's own coordinates."""

    def point(p: Point) -> Point:
        return (p[0] - dx, p[1] - dy)

    colour, *rest = args
    if call is pygame.draw.line:
        return (colour, point(rest[0]), point(rest[1]), *rest[2:])
    if call is pygame.draw.lines:
        return (colour, rest[0], [point(q) for q in rest[1]], *rest[2:])
    if call is pygame.draw.polygon:
        return (colour, [point(q) for q in rest[0]], *rest[1:])
    if call is pygame.draw.circle:
        return (colour, point(rest[0]), *rest[1:])
    return (colour, pygame.Rect(rest[0]).move(-dx, -dy), *rest[1:])  # rect and arc


class Plan:
    """Draw calls recorded once per set of inputs and replayed every frame: layout maths, dash walking and text
    measuring are the slow part of drawing.

    A plan with an `area` is flattened on first use: each run of hard-edged shapes becomes one colour-keyed,
    run-length encoded layer (a few microseconds to blit, where hundreds of small draw calls cost half a
    millisecond), antialiased lines stay as calls between the layers, and all text goes in one `blits` call at
    the end (text never sits under a shape in these widgets). Without an area the calls are replayed as recorded."""

    __slots__ = ("_frozen", "_texts", "area", "hits", "ops", "pixels")

    def __init__(self, area: pygame.Rect | None = None) -> None:
        self.area = pygame.Rect(area) if area is not None else None
        self.ops: list[Op] = []
        self.hits: list[tuple[pygame.Rect, int]] = []
        self.pixels = 0  # layer memory, for the cache's budget
        self._frozen: list[Op] | None = None
        self._texts: list[tuple[pygame.Surface, tuple[int, int]]] = []

    def line(self, colour: Colour, a: Point, b: Point, width: int = 1) -> None:
        self.ops.append((pygame.draw.line, (colour, a, b, width)))

    def aaline(self, colour: Colour, a: Point, b: Point) -> None:
        self.ops.append((pygame.draw.aaline, (colour, a, b)))

    def lines(self, colour: Colour, points: Sequence[Point], width: int = 1, closed: bool = False) -> None:
        if len(points) < 2:
            return
        if width <= 1:
            self.ops.append((pygame.draw.aalines, (colour, closed, list(points))))
            return
        self.ops.append((pygame.draw.lines, (colour, closed, list(points), width)))
        # pygame leaves notches at thick joints; round caps fill them.
        for point in points[1:-1] if not closed else points:
            self.ops.append((pygame.draw.circle, (colour, point, width / 2)))

    def rect(self, colour: Colour, rect: pygame.Rect, width: int = 0, radius: int = 0) -> None:
        self.ops.append((pygame.draw.rect, (colour, pygame.Rect(rect), width, radius)))

    def polygon(self, colour: Colour, points: Sequence[Point], width: int = 0) -> None:
        if len(points) >= 3:
            self.ops.append((pygame.draw.polygon, (colour, list(points), width)))

    def circle(self, colour: Colour, centre: Point, radius: float, width: int = 0) -> None:
        self.ops.append((pygame.draw.circle, (colour, centre, radius, width)))

    def arc(self, colour: Colour, rect: pygame.Rect, start: float, stop: float, width: int = 1) -> None:
        self.ops.append((pygame.draw.arc, (colour, pygame.Rect(rect), start, stop, width)))

    def blit(self, image: pygame.Surface, pos: tuple[int, int]) -> None:
        self.ops.append((pygame.Surface.blit, (image, pos)))

    def text(self, label: str, px: int, colour: Colour, pos: tuple[float, float], bold: bool = False,
             anchor: str = "topleft") -> pygame.Rect:
        """Place a label by one of pygame.Rect's anchor names; returns where it landed."""
        image = text(label, px, colour, bold)
        box = image.get_rect()
        setattr(box, anchor, (round(pos[0]), round(pos[1])))
        if label:
            self.blit(image, box.topleft)
        return box

    def replay(self, surface: pygame.Surface, clip: pygame.Rect) -> None:
        previous = surface.get_clip()
        surface.set_clip(clip.clip(previous))
        try:
            if self.area is None:
                for call, args in self.ops:
                    call(surface, *args)
                return
            if self._frozen is None:
                self._freeze(self.area)
            for call, args in self._frozen or ():
                call(surface, *args)
            if self._texts:
                surface.blits(self._texts, doreturn=False)
        finally:
            surface.set_clip(previous)

    def _freeze(self, area: pygame.Rect) -> None:
        frozen: list[Op] = []
        layer: pygame.Surface | None = None

        def close() -> None:
            nonlocal layer
            if layer is not None:
                layer.set_colorkey(_LAYER_KEY, pygame.RLEACCEL)
                frozen.append((pygame.Surface.blit, (layer, area.topleft)))
                layer = None

        for call, args in self.ops:
            if call is pygame.Surface.blit:
                self._texts.append((args[0], args[1]))  # type: ignore[arg-type]
            elif call in _AA_CALLS:
                close()
                frozen.append((call, args))
            else:
                if layer is None:
                    layer = _new_layer(area.size)
                    self.pixels += area.w * area.h
                call(layer, *_moved(call, args, area.x, area.y))
        close()
        self._frozen = frozen


def _new_layer(size: tuple[int, int]) -> pygame.Surface:
    layer = pygame.Surface(size)
    if pygame.display.get_surface() is not None:
        layer = layer.convert()  # the screen's pixel format blits fastest
    layer.fill(_LAYER_KEY)
    return layer


class PlanCache:
    """Recent plans by input key: a screen shows the same data in the same place frame after frame. Bounded by
    count and by layer pixels, so dragging a 4K window through many sizes cannot pile up stale layers."""

    def __init__(self, size: int = 12, pixel_budget: int = 12_000_000) -> None:
        self._size = size
        self._budget = pixel_budget
        self._plans: OrderedDict[Hashable, Plan] = OrderedDict()

    def get(self, key: Hashable, build: Callable[[], Plan]) -> Plan:
        plan = self._plans.get(key)
        if plan is None:
            plan = build()
            self._plans[key] = plan
        else:
            self._plans.move_to_end(key)
        while len(self._plans) > 1 and (len(self._plans) > self._size
                                        or sum(p.pixels for p in self._plans.values()) > self._budget):
            self._plans.popitem(last=False)
        return plan

    def clear(self) -> None:
        self._plans.clear()


def pattern_line(plan: Plan, colour: Colour, points: Sequence[Point], width: int, style: str) -> None:
    """A polyline drawn solid, dashed or dotted; the pattern, not the colour, is what tells series apart."""
    if style == "solid" or len(points) < 2:
        plan.lines(colour, points, width)
        return
    dotted = style == "dotted"
    on = max(1.0, width * 1.0) if dotted else 3.0 * width + 4
    period = on + (2.0 * width + 2 if dotted else 2.0 * width + 3)
    travelled = 0.0  # distance along the whole line, so the pattern runs on across joints
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = math.hypot(x1 - x0, y1 - y0)
        if length == 0:
            continue
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        start = -(travelled % period)  # where the pattern's current period began, before this segment
        while start < length:
            if dotted:
                if start >= 0:  # a dot before the joint was drawn on the previous segment
                    plan.circle(colour, (x0 + ux * start, y0 + uy * start), max(1.0, width * 0.75))
            else:
                a, b = max(start, 0.0), min(start + on, length)  # a dash may straddle the joint
                if b > a:
                    plan.line(colour, (x0 + ux * a, y0 + uy * a), (x0 + ux * b, y0 + uy * b), width)
            start += period
        travelled += length


def marker(plan: Plan, kind: str, colour: Colour, centre: Point, radius: float, halo: Colour | None = None) -> None:
    """A point marker whose shape is a second cue beside colour; the halo lifts it off lines beneath."""
    x, y = centre
    r = max(2.0, radius)
    shapes: dict[str, list[Point]] = {
        "square": [(x - r * 0.85, y - r * 0.85), (x + r * 0.85, y - r * 0.85), (x + r * 0.85, y + r * 0.85),
                   (x - r * 0.85, y + r * 0.85)],
        "triangle": [(x, y - r * 1.1), (x + r, y + r * 0.75), (x - r, y + r * 0.75)],
        "diamond": [(x, y - r * 1.15), (x + r * 1.0, y), (x, y + r * 1.15), (x - r * 1.0, y)],
    }
    if kind == "none":
        return
    if halo is not None:
        plan.circle(halo, centre, round(r + 1.6))
    if kind in shapes:
        plan.polygon(colour, shapes[kind])
    else:
        plan.circle(colour, centre, round(r * 1.05))  # pygame truncates radii; round so circles match squares


def triangle(plan: Plan, colour: Colour, centre: Point, size: float, up: bool) -> None:
    """A solid ▲ or ▼ (the font has no such glyph)."""
    x, y = centre
    h = size * 0.85
    if up:
        plan.polygon(colour, [(x - size / 2, y + h / 2), (x + size / 2, y + h / 2), (x, y - h / 2)])
    else:
        plan.polygon(colour, [(x - size / 2, y - h / 2), (x + size / 2, y - h / 2), (x, y + h / 2)])


def arrow(plan: Plan, colour: Colour, centre: Point, height: float, up: bool, width: int = 1) -> None:
    """A thin ↑ or ↓: stem and open head."""
    x, y = centre
    tip, tail = (y - height / 2, y + height / 2) if up else (y + height / 2, y - height / 2)
    head = height * 0.38
    back = tip + head if up else tip - head
    plan.line(colour, (x, tail), (x, tip), width)
    plan.line(colour, (x - head * 0.8, back), (x, tip), width)
    plan.line(colour, (x + head * 0.8, back), (x, tip), width)


def cross(plan: Plan, colour: Colour, centre: Point, radius: float, width: int) -> None:
    """An ✕ (drawn: the font lacks it)."""
    x, y = centre
    plan.line(colour, (x - radius, y - radius), (x + radius, y + radius), width)
    plan.line(colour, (x - radius, y + radius), (x + radius, y - radius), width)


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


# --------------------------------------------------------------------------------------------------------------
# The chart.
# --------------------------------------------------------------------------------------------------------------


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
