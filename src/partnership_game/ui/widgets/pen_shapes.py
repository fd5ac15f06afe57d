"""The shapes every widget draws with: shades, stroke widths, patterned lines, markers, arrows and crosses. Noto Sans
has no ▲ ▼ ✕ glyphs (they render as empty boxes), so such marks are drawn as shapes rather than typed as text."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from partnership_game.ui.theme import Colour
from partnership_game.ui.widgets.draw_plan import Plan, Point


def blend(a: Colour, b: Colour, t: float) -> Colour:
    """a moved a fraction t toward b: faded and light shades without alpha surfaces."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def line_width(text_px: int) -> int:
    """Stroke width that keeps lines in proportion to the text at every text size."""
    return max(1, round(text_px / 8))


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
