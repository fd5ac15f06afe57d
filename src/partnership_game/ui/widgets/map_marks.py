"""Where the map's point marks go: a group's places too close to tell apart become one mark with a count, and a
mark that would cover another stands off its place, tied back to it by a leader line; no two marks overlap."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from partnership_game.ui.widgets.chart import text_height, text_width

Point = tuple[float, float]
GAP = 2  # pixels kept clear between two marks
# The ways a mark may stand off its place, in order: sideways first (the map is wide and short), then the diagonals,
# then up and down; each a whole mark further out at every step.
DIRECTIONS = ((1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1), (0, -1), (0, 1))
STEPS = (1.0, 1.6, 2.2, 3.0)


@dataclass(frozen=True)
class Wanted:
    """One point feature's request: its places on the image, half its symbol's size (its ring included), its rank
    (higher places first and is the last to move) and the size of the count's figures."""

    feature: str
    points: tuple[Point, ...]
    half: float
    rank: int
    count_px: int


@dataclass(frozen=True)
class Spot:
    """One mark as drawn: which of the feature's places it stands for (`members`, indices into its places), where
    its symbol goes, its true place (the members' mean), and its boxes (the symbol's, the count's, the whole)."""

    feature: str
    members: tuple[int, ...]
    point: Point
    home: Point
    symbol: pygame.Rect
    badge: pygame.Rect | None
    box: pygame.Rect

    @property
    def moved(self) -> bool:
        return self.point != self.home

    def leader(self) -> tuple[Point, Point] | None:
        """From the true place to the nearest point of the symbol, when the mark stands off."""
        if not self.moved:
            return None
        x, y = self.home
        r = self.symbol
        return self.home, (min(max(x, r.left), r.right - 1), min(max(y, r.top), r.bottom - 1))


def _spot(wanted: Wanted, members: tuple[int, ...], point: Point, home: Point) -> Spot:
    size = max(3, round(2 * wanted.half) + 1)
    symbol = pygame.Rect(0, 0, size, size)
    symbol.center = (round(point[0]), round(point[1]))
    badge = None
    if len(members) > 1:  # the count sits at the symbol's upper right, like a tally on a pin
        words = str(len(members))
        badge = pygame.Rect(0, 0, text_width(words, wanted.count_px, True) + 4, text_height(wanted.count_px, True))
        badge.midleft = (symbol.right - 1, symbol.top + 1)
    return Spot(wanted.feature, members, point, home, symbol, badge, symbol.union(badge) if badge else symbol)


def _mean(points: Sequence[Point]) -> Point:
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def clusters(wanted: Wanted) -> list[Spot]:
    """The feature's places, those whose marks would touch merged (again and again, as a merged mark is bigger)."""
    spots = [_spot(wanted, (k,), p, p) for k, p in enumerate(wanted.points)]
    merging = True
    while merging:
        merging = False
        for a, b in itertools.combinations(spots, 2):
            if a.box.inflate(2 * GAP, 2 * GAP).colliderect(b.box):
                members = tuple(sorted(a.members + b.members))
                home = _mean([wanted.points[k] for k in members])
                spots = [s for s in spots if s is not a and s is not b] + [_spot(wanted, members, home, home)]
                merging = True
                break
    return sorted(spots, key=lambda s: s.members)


def arrange(wanted: Sequence[Wanted], bounds: pygame.Rect, obstacles: Sequence[pygame.Rect] = ()) -> list[Spot]:
    """Every point feature's marks, highest rank first: each at its place if that is free, else the nearest free
    spot around it inside `bounds`, clear of `obstacles`, of the marks placed before it and of their leader lines;
    a mark with no free spot at all stays at its place (a map so crowded is the scenario's to thin out)."""
    taken = [pygame.Rect(o) for o in obstacles]
    lines: list[tuple[Point, Point]] = []
    placed: list[Spot] = []
    for want in sorted(wanted, key=lambda w: -w.rank):  # sorted() is stable: ties keep the scenario's order
        for first in clusters(want):
            spot = _free(want, first, bounds, taken, lines) or first
            placed.append(spot)
            taken.append(spot.box.inflate(2 * GAP, 2 * GAP))
            line = spot.leader()
            if line is not None:
                lines.append(line)
                taken.append(pygame.Rect(round(spot.home[0]) - 2, round(spot.home[1]) - 2, 5, 5))  # its dot
    return placed


def first_free(want: Wanted, bounds: pygame.Rect, taken: Sequence[pygame.Rect]) -> Spot:
    """One mark that may stand at any of `want.points` (in order of preference: a line's mark, anywhere along the
    line): the first clear one, else the nearest free spot around the first, tied back by a leader line; at the
    first if nothing at all is free."""
    room = [pygame.Rect(t).inflate(2 * GAP, 2 * GAP) for t in taken]
    tries = [_spot(want, (0,), p, p) for p in want.points]
    return next((s for s in tries if bounds.contains(s.box) and s.box.collidelist(room) < 0), None) or (
        _free(want, tries[0], bounds, room, []) or tries[0])


def _free(want: Wanted, spot: Spot, bounds: pygame.Rect, taken: Sequence[pygame.Rect],
          lines: Sequence[tuple[Point, Point]]) -> Spot | None:
    hx, hy = spot.home
    reach = max(spot.box.w, spot.box.h) + GAP
    offsets = [(0.0, 0.0), *((dx * reach * step, dy * reach * step) for step in STEPS for dx, dy in DIRECTIONS)]
    for dx, dy in offsets:
        candidate = _spot(want, spot.members, (hx + dx, hy + dy), spot.home)
        box = candidate.box
        if not bounds.contains(box) or box.collidelist(taken) >= 0:
            continue
        if any(box.clipline(a, b) for a, b in lines):
            continue  # nor on another mark's leader line
        line = candidate.leader()
        home = (round(hx), round(hy))
        if line is not None and any(other.clipline(*line) for other in taken if not other.collidepoint(home)):
            continue  # and its own leader runs across no other mark (but may start under the one it made way for)
        return candidate
    return None
