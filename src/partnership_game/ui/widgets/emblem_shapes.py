"""The built-in emblems as geometry: each one our own simple drawing of an office in ink, on a 100-unit square.

No insignia is copied: the shapes are plain silhouettes (a tower, a dome, a hemicycle of seats, crossed blades), told
apart by outline, not by colour, and bold enough to read at 32 px. `Pen` scales the units to the surface it draws on.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

import pygame

from partnership_game.ui.theme import Colour

Point = tuple[float, float]


class Pen:
    """Draws in 100-unit coordinates on a square surface, in ink, with `ground` for the cut-outs."""

    def __init__(self, surface: pygame.Surface, ink: Colour, ground: Colour) -> None:
        self.surface = surface
        self.k = surface.get_width() / 100
        self.ink = ink
        self.ground = ground

    def _p(self, point: Point) -> tuple[float, float]:
        return point[0] * self.k, point[1] * self.k

    def _w(self, width: float) -> int:
        return max(1, round(width * self.k))

    def poly(self, points: Sequence[Point], cut: bool = False) -> None:
        pygame.draw.polygon(self.surface, self.ground if cut else self.ink, [self._p(p) for p in points])

    def circle(self, centre: Point, radius: float, cut: bool = False, width: float = 0) -> None:
        pygame.draw.circle(self.surface, self.ground if cut else self.ink, self._p(centre), radius * self.k,
                           self._w(width) if width else 0)

    def rect(self, x: float, y: float, w: float, h: float, cut: bool = False, top_radius: float = 0) -> None:
        box = pygame.Rect(round(x * self.k), round(y * self.k), round(w * self.k), round(h * self.k))
        radius = round(top_radius * self.k)
        pygame.draw.rect(self.surface, self.ground if cut else self.ink, box,
                         border_top_left_radius=radius, border_top_right_radius=radius)

    def line(self, a: Point, b: Point, width: float, cut: bool = False) -> None:
        # A thick line as a quadrilateral with round ends: pygame's wide lines are ragged at an angle.
        (ax, ay), (bx, by) = a, b
        length = math.hypot(bx - ax, by - ay) or 1.0
        nx, ny = -(by - ay) / length * width / 2, (bx - ax) / length * width / 2
        self.poly([(ax + nx, ay + ny), (bx + nx, by + ny), (bx - nx, by - ny), (ax - nx, ay - ny)], cut)
        self.circle(a, width / 2, cut)
        self.circle(b, width / 2, cut)

    def ellipse(self, x: float, y: float, w: float, h: float, width: float = 0, cut: bool = False) -> None:
        box = pygame.Rect(round(x * self.k), round(y * self.k), round(w * self.k), round(h * self.k))
        pygame.draw.ellipse(self.surface, self.ground if cut else self.ink, box, self._w(width) if width else 0)


def star_points(cx: float, cy: float, outer: float, inner: float, points: int = 5) -> list[Point]:
    out = []
    for i in range(points * 2):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / points
        out.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return out


def polygon_points(cx: float, cy: float, radius: float, sides: int) -> list[Point]:
    return [(cx + radius * math.cos(-math.pi / 2 + i * 2 * math.pi / sides),
             cy + radius * math.sin(-math.pi / 2 + i * 2 * math.pi / sides)) for i in range(sides)]


def half_disc(cx: float, cy: float, radius: float, up: bool) -> list[Point]:
    sign = -1 if up else 1
    return [(cx + radius * math.cos(math.pi * i / 24), cy + sign * radius * math.sin(math.pi * i / 24))
            for i in range(25)]


def _sword(pen: Pen, pommel: Point, tip: Point) -> None:
    (px, py), (tx, ty) = pommel, tip
    length = math.hypot(tx - px, ty - py)
    dx, dy = (tx - px) / length, (ty - py) / length
    nx, ny = -dy, dx
    guard = (px + dx * 16, py + dy * 16)
    pen.circle(pommel, 5.5)
    pen.line(pommel, guard, 6)
    pen.line((guard[0] - nx * 12, guard[1] - ny * 12), (guard[0] + nx * 12, guard[1] + ny * 12), 6)
    base = (guard[0] + dx * 3, guard[1] + dy * 3)
    shoulder = (tx - dx * 9, ty - dy * 9)
    pen.poly([(base[0] + nx * 5, base[1] + ny * 5), (shoulder[0] + nx * 5, shoulder[1] + ny * 5), tip,
              (shoulder[0] - nx * 5, shoulder[1] - ny * 5), (base[0] - nx * 5, base[1] - ny * 5)])


def ministry_of_defence(pen: Pen) -> None:
    """Two blades crossed, a star between their hilts."""
    _sword(pen, (20, 78), (80, 14))
    _sword(pen, (80, 78), (20, 14))
    pen.poly(star_points(50, 80, 11, 4.6))


def general_staff(pen: Pen) -> None:
    """A star over three chevrons."""
    pen.poly(star_points(50, 27, 18, 7.5))
    for i in range(3):
        y = 48 + i * 14
        pen.poly([(18, y), (50, y + 14), (82, y), (82, y + 8), (50, y + 22), (18, y + 8)])


def foreign_ministry(pen: Pen) -> None:
    """A stepped high tower with a spire, its tiers lit by windows."""
    pen.rect(16, 68, 68, 20)
    pen.rect(27, 50, 46, 20)
    pen.rect(36, 33, 28, 19)
    pen.rect(43, 22, 14, 13)
    pen.poly([(46.5, 23), (50, 5), (53.5, 23)])
    for x in (21, 30, 66, 75):
        pen.rect(x, 73, 4, 10, cut=True)
    for x in (33, 63):
        pen.rect(x, 55, 4, 10, cut=True)
    pen.rect(44, 75, 12, 13, cut=True, top_radius=6)


def security_services(pen: Pen) -> None:
    """An open eye."""
    upper = [(x, 50 - 30 * math.sin(math.pi * (x - 10) / 80)) for x in range(10, 91, 4)]
    lower = [(x, 50 + 30 * math.sin(math.pi * (x - 10) / 80)) for x in range(90, 9, -4)]
    pen.poly(upper + lower)
    pen.poly([(x, 50 + (y - 50) * 0.72) for x, y in upper[1:-1] + lower[1:-1]], cut=True)
    pen.circle((50, 50), 16)
    pen.circle((50, 50), 6, cut=True)
    pen.line((12, 84), (88, 84), 5)


def duma(pen: Pen) -> None:
    """A hemicycle of seats facing a rostrum."""
    for radius, seats in ((18, 5), (29, 7), (40, 9)):
        for i in range(seats):
            angle = math.pi * (0.06 + 0.88 * i / (seats - 1))
            pen.circle((50 - radius * math.cos(angle), 72 - radius * math.sin(angle)), 4.6)
    pen.rect(43, 66, 14, 12)
    pen.line((12, 84), (88, 84), 5)


def economy(pen: Pen) -> None:
    """Rising columns and a rising line."""
    for i, height in enumerate((22, 36, 52)):
        pen.rect(20 + i * 22, 84 - height, 15, height)
    pen.line((12, 87), (88, 87), 4)
    trend = [(14, 54), (36, 38), (52, 44), (76, 20)]
    for a, b in itertools.pairwise(trend):
        pen.line(a, b, 11, cut=True)
    for a, b in itertools.pairwise(trend):
        pen.line(a, b, 5)
    pen.poly([(86, 10), (82, 30), (66, 14)])


def _figure(pen: Pen, x: float, head_y: float, size: float, outline: bool) -> None:
    if outline:  # a ring of ground keeps the front figure apart from the two behind it
        pen.circle((x, head_y), size * 0.62, cut=True)
        pen.rect(x - size - 3, head_y + size * 0.72, 2 * size + 6, 90 - head_y, cut=True, top_radius=size)
    pen.circle((x, head_y), size * 0.5)
    pen.rect(x - size, head_y + size * 0.85, 2 * size, 86 - head_y - size * 0.85, top_radius=size * 0.9)


def civil_society(pen: Pen) -> None:
    """Three people side by side, the middle one in front."""
    _figure(pen, 25, 36, 14, False)
    _figure(pen, 75, 36, 14, False)
    _figure(pen, 50, 26, 17, True)


def kremlin(pen: Pen) -> None:
    """A fortress tower with a tall tent roof and a star, between two stretches of notched wall."""
    pen.rect(10, 62, 80, 24)
    for x in (10, 20, 70, 80):
        pen.rect(x, 56, 7, 7)
    pen.rect(33, 42, 34, 44)
    pen.rect(38, 32, 24, 11)
    pen.poly([(35, 33), (50, 10), (65, 33)])
    pen.poly(star_points(50, 8, 6, 2.6))
    pen.rect(43, 68, 14, 18, cut=True, top_radius=7)


def white_house(pen: Pen) -> None:
    """A long house with a pillared porch under a pediment, and rows of windows in its wings."""
    pen.rect(8, 84, 84, 5)
    pen.rect(12, 44, 76, 40)
    pen.rect(9, 40, 82, 5)
    pen.poly([(32, 41), (50, 26), (68, 41)])
    for x in (37, 45, 52, 59):
        pen.rect(x, 48, 4, 34, cut=True)
    for x in (16, 25, 71, 80):
        for y in (50, 66):
            pen.rect(x, y, 5, 9, cut=True)


def state_department(pen: Pen) -> None:
    """A sealed envelope: a diplomatic cable."""
    pen.rect(12, 26, 76, 52)
    pen.line((14, 28), (50, 56), 4, cut=True)
    pen.line((86, 28), (50, 56), 4, cut=True)
    pen.circle((50, 58), 13, cut=True)
    pen.circle((50, 58), 9.5)
    pen.poly(star_points(50, 58, 6, 2.6), cut=True)


def pentagon(pen: Pen) -> None:
    """Five-sided rings around a courtyard."""
    pen.poly(polygon_points(50, 53, 40, 5))
    pen.poly(polygon_points(50, 53, 27, 5), cut=True)
    pen.poly(polygon_points(50, 53, 18, 5))
    pen.poly(polygon_points(50, 53, 8, 5), cut=True)


def congress(pen: Pen) -> None:
    """A dome on a pillared drum over a wide base."""
    pen.rect(8, 84, 84, 5)
    pen.rect(14, 72, 72, 12)
    pen.rect(26, 56, 48, 17)
    for x in (31, 39, 47, 55, 63):
        pen.rect(x + 1, 59, 3, 12, cut=True)
    pen.poly(half_disc(50, 56, 23, up=True))
    pen.rect(46, 25, 8, 9)
    pen.poly([(46, 26), (50, 14), (54, 26)])


def star(pen: Pen) -> None:
    """A five-pointed star."""
    pen.poly(star_points(50, 54, 40, 16))


def eagle(pen: Pen) -> None:
    """A single bird, wings raised, head turned: a plain silhouette, not a coat of arms."""
    for side in (-1, 1):
        wing = [(50 + side * 6, 44), (50 + side * 40, 12), (50 + side * 36, 28), (50 + side * 44, 30),
                (50 + side * 36, 44), (50 + side * 42, 48), (50 + side * 10, 62)]
        pen.poly(wing)
    pen.poly([(50, 28), (59, 44), (56, 76), (50, 82), (44, 76), (41, 44)])
    pen.circle((51, 25), 8)
    pen.poly([(56, 20), (66, 26), (56, 30)])
    pen.poly([(43, 74), (50, 94), (57, 74)])


def shield(pen: Pen) -> None:
    """A plain shield crossed by a chevron."""
    edge: list[Point] = [(14, 12), (86, 12), (86, 46)]
    edge += [(50 + 36 * math.cos(a / 10 * math.pi / 2), 46 + 46 * math.sin(a / 10 * math.pi / 2))
             for a in range(1, 10)]
    edge += [(50, 92)]
    edge += [(50 - 36 * math.cos(a / 10 * math.pi / 2), 46 + 46 * math.sin(a / 10 * math.pi / 2))
             for a in range(9, 0, -1)]
    edge += [(14, 46)]
    pen.poly(edge)
    pen.poly([(14, 66), (50, 38), (86, 66), (86, 78), (50, 50), (14, 78)], cut=True)


def book(pen: Pen) -> None:
    """An open book with lines of writing."""
    pen.poly([(10, 26), (47, 32), (47, 84), (10, 78)])
    pen.poly([(53, 32), (90, 26), (90, 78), (53, 84)])
    pen.poly([(8, 80), (50, 88), (92, 80), (92, 85), (50, 93), (8, 85)])
    for k in range(4):
        y = 40 + k * 10
        pen.line((17, y - 1), (40, y + 3), 3.2, cut=True)
        pen.line((60, y + 3), (83, y - 1), 3.2, cut=True)


def scales(pen: Pen) -> None:
    """A balance with two pans."""
    pen.poly([(28, 90), (72, 90), (62, 80), (38, 80)])
    pen.rect(46.5, 22, 7, 60)
    pen.circle((50, 18), 6)
    pen.line((14, 28), (86, 28), 5)
    for x in (18, 82):
        pen.line((x, 28), (x - 10, 58), 2.6)
        pen.line((x, 28), (x + 10, 58), 2.6)
        pen.poly(half_disc(x, 57, 14, up=False))


def globe(pen: Pen) -> None:
    """A globe of meridians and parallels."""
    pen.circle((50, 50), 38, width=6)
    pen.ellipse(32, 12, 36, 76, width=4.5)
    pen.line((50, 13), (50, 87), 4.5)
    for y, half in ((50, 37), (33, 31), (67, 31)):
        pen.line((50 - half, y), (50 + half, y), 4.5)


SHAPES: dict[str, Callable[[Pen], None]] = {
    "ministry_of_defence": ministry_of_defence,
    "general_staff": general_staff,
    "foreign_ministry": foreign_ministry,
    "security_services": security_services,
    "duma": duma,
    "economy": economy,
    "civil_society": civil_society,
    "kremlin": kremlin,
    "white_house": white_house,
    "state_department": state_department,
    "pentagon": pentagon,
    "congress": congress,
    "star": star,
    "eagle": eagle,
    "shield": shield,
    "book": book,
    "scales": scales,
    "globe": globe,
}
