"""Label placement over boxes: each label takes the first free spot near its anchor, or a shorter wording, or stands
off with a leader line, or is dropped; higher priorities choose first. No two placed labels ever overlap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Point = tuple[float, float]
SIDES = ("right", "left", "above", "below")
DIAGONALS = ("above-right", "above-left", "below-right", "below-left")
CENTRED = ("centre", "centre-above", "centre-below")  # for a region's name, written across it


@dataclass(frozen=True)
class Box:
    """An axis-aligned box in pixels: left x, top y, width w, height h."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box) -> bool:
        """Sharing area (boxes that only touch along an edge do not overlap)."""
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def within(self, bounds: Box) -> bool:
        return bounds.x <= self.x and bounds.y <= self.y and self.right <= bounds.right and self.bottom <= bounds.bottom

    def crossed_by(self, a: Point, b: Point) -> bool:
        """Whether the segment a-b passes through the box's inside (Liang-Barsky clipping)."""
        dx, dy = b[0] - a[0], b[1] - a[1]
        low, high = 0.0, 1.0
        for p, q in ((-dx, a[0] - self.x), (dx, self.right - a[0]), (-dy, a[1] - self.y), (dy, self.bottom - a[1])):
            if p == 0:
                if q <= 0:
                    return False
                continue
            t = q / p
            if p < 0:
                low = max(low, t)
            else:
                high = min(high, t)
            if low >= high:
                return False
        return True


@dataclass(frozen=True)
class Label:
    """One label to place. `sizes`: the (width, height) of each wording, preferred first (a full name, then a
    short one); `gap`: the distance kept from the anchor (the marker's radius and a little air); `spots`: the sides
    tried first (the diagonals follow; CENTRED spots put the label over the anchor, for a region's name);
    `leader`: whether the label may stand off one label-height further out, tied by a line to its anchor."""

    key: str
    anchor: Point
    sizes: tuple[tuple[float, float], ...]
    priority: int = 0
    gap: float = 4.0
    spots: tuple[str, ...] = SIDES
    leader: bool = True


@dataclass(frozen=True)
class Placed:
    key: str
    box: Box
    wording: int  # which of the label's sizes was used
    leader: tuple[Point, Point] | None  # from near the anchor to the label's nearest point, when it stands off


@dataclass(frozen=True)
class Placement:
    placed: tuple[Placed, ...]
    dropped: tuple[str, ...]  # keys of the labels that found no room, lowest priorities first to go

    def box(self, key: str) -> Box | None:
        return next((p.box for p in self.placed if p.key == key), None)


def candidates(label: Label, wording: int, ring: int, bounds: Box) -> list[Box]:
    """The boxes a label may take with one wording, in order of preference (ring 1: a label-height further out)."""
    w, h = label.sizes[wording]
    if any(spot in CENTRED for spot in label.spots):
        order = list(label.spots)
    else:
        order = [*label.spots, *(d for d in (*SIDES, *DIAGONALS) if d not in label.spots)]
    gap = label.gap + ring * h
    return [_nudged(_put(spot, label.anchor, w, h, gap), spot, bounds) if ring == 0 else
            _put(spot, label.anchor, w, h, gap) for spot in order]


def place_labels(labels: Sequence[Label], bounds: Box, obstacles: Sequence[Box] = ()) -> Placement:
    """Place `labels` inside `bounds`, clear of `obstacles` (markers, inset boxes) and of each other. Higher
    priority first (ties: the order given). A label tries every spot with its first wording, then with each shorter
    one; then the same a ring further out with a leader line; else it is dropped."""
    taken: list[Box] = list(obstacles)
    leaders: list[tuple[Point, Point]] = []
    placed: list[Placed] = []
    dropped: list[str] = []
    for label in sorted(labels, key=lambda item: -item.priority):  # sorted() is stable: ties keep their order
        spot = _first_free(label, bounds, taken, leaders, placed)
        if spot is None:
            dropped.append(label.key)
            continue
        placed.append(spot)
        taken.append(spot.box)
        if spot.leader:
            leaders.append(spot.leader)
    return Placement(tuple(placed), tuple(dropped))


def _first_free(label: Label, bounds: Box, taken: list[Box], leaders: list[tuple[Point, Point]],
                placed: list[Placed]) -> Placed | None:
    rings = (0, 1) if label.leader and not any(s in CENTRED for s in label.spots) else (0,)
    for ring in rings:
        for wording in range(len(label.sizes)):
            for box in candidates(label, wording, ring, bounds):
                if not box.within(bounds) or any(box.overlaps(other) for other in taken):
                    continue
                if any(box.crossed_by(*line) for line in leaders):
                    continue  # nor may it sit on a leader line drawn before it
                line = (_toward(label.anchor, box, label.gap), _nearest(box, label.anchor)) if ring else None
                if line and any(other.box.crossed_by(*line) for other in placed):
                    continue  # a leader line never runs through another label
                return Placed(label.key, box, wording, line)
    return None


def _put(spot: str, anchor: Point, w: float, h: float, gap: float) -> Box:
    x, y = anchor
    diagonal = gap * 0.7  # on the circle of radius `gap`, not its corner
    places = {
        "right": (x + gap, y - h / 2), "left": (x - gap - w, y - h / 2),
        "above": (x - w / 2, y - gap - h), "below": (x - w / 2, y + gap),
        "above-right": (x + diagonal, y - diagonal - h), "above-left": (x - diagonal - w, y - diagonal - h),
        "below-right": (x + diagonal, y + diagonal), "below-left": (x - diagonal - w, y + diagonal),
        "centre": (x - w / 2, y - h / 2), "centre-above": (x - w / 2, y - h * 1.5),
        "centre-below": (x - w / 2, y + h / 2),
    }
    if spot not in places:
        raise ValueError(f"unknown label spot {spot!r}")
    left, top = places[spot]
    return Box(left, top, w, h)


def _nudged(box: Box, spot: str, bounds: Box) -> Box:
    """Slid along its side of the anchor (never toward it) when it pokes a little past the edge: a marker near the
    frame still gets its name."""
    if spot in ("right", "left"):
        shift = max(bounds.y - box.y, 0.0) or min(bounds.bottom - box.bottom, 0.0)
        return Box(box.x, box.y + shift, box.w, box.h) if abs(shift) <= box.h / 2 else box
    if spot in ("above", "below"):
        shift = max(bounds.x - box.x, 0.0) or min(bounds.right - box.right, 0.0)
        return Box(box.x + shift, box.y, box.w, box.h) if abs(shift) <= box.w / 2 else box
    return box


def _nearest(box: Box, point: Point) -> Point:
    return (min(max(point[0], box.x), box.right), min(max(point[1], box.y), box.bottom))


def _toward(anchor: Point, box: Box, gap: float) -> Point:
    """Where a leader line starts: `gap` from the anchor toward its label, so it does not cover the marker."""
    end = _nearest(box, anchor)
    dx, dy = end[0] - anchor[0], end[1] - anchor[1]
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    step = min(gap, length)
    return (anchor[0] + dx / length * step, anchor[1] + dy / length * step)
