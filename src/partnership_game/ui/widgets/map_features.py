"""A scenario's features on the map: each symbol in its state (open, closed: faded and crossed out, alert: red with a
ring of ticks), placed so no two marks overlap (map_marks), the labels each asks for, and where the mouse finds it."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pygame

from partnership_game.geo.labels import CENTRED, Box, Label
from partnership_game.ui.theme import Colour, Palette
from partnership_game.ui.widgets.chart import Plan, blend, cross, line_width, pattern_line, text_height, text_width
from partnership_game.ui.widgets.map_draw import Base, small_px
from partnership_game.ui.widgets.map_marks import Spot, Wanted, arrange, first_free

LonLat = tuple[float, float]
# Where along a line its mark may go: the middle, else the nearest share to it that is clear.
LINE_SHARES = tuple(sorted((k / 50 for k in range(5, 46)), key=lambda share: abs(share - 0.5)))
Point = tuple[float, float]
Project = Callable[[float, float], Point]  # a frame's lon/lat to image pixels


@dataclass(frozen=True)
class MapMark:
    """One feature as the map shows it now, its scenario texts already chosen (ui.views.map_marks makes these).
    `shows` is open, closed or alert (a hidden feature has no mark); `status` is the word said beside its label."""

    id: str
    kind: str  # point, line or region
    symbol: str
    frame: str
    shows: str
    state: int
    label: str
    short: str
    status: str
    description: str
    note: str
    priority: int
    places: tuple[tuple[str, str, float, float], ...] = ()  # name, short name, longitude, latitude
    path: tuple[LonLat, ...] = ()
    countries: tuple[str, ...] = ()
    label_at: LonLat | None = None


@dataclass(frozen=True)
class LabelStyle:
    wordings: tuple[str, ...]
    px: int
    colour: Colour
    bold: bool


@dataclass
class Drawn:
    """What drawing the features leaves for the labels and the mouse, per frame id: the labels to place (with how
    each is written), the boxes labels must keep clear of, and each feature's shapes for hit tests."""

    labels: dict[str, list[tuple[Label, LabelStyle]]] = field(default_factory=dict)
    obstacles: dict[str, list[Box]] = field(default_factory=dict)
    spots: list[tuple[str, pygame.Rect]] = field(default_factory=list)  # markers
    marks: dict[str, list[Spot]] = field(default_factory=dict)  # each frame's point marks, as placed
    line_marks: dict[str, list[tuple[str, pygame.Rect]]] = field(default_factory=dict)  # a line's cross or ring
    lines: list[tuple[str, list[Point]]] = field(default_factory=list)
    areas: list[tuple[str, list[list[list[float]]]]] = field(default_factory=list)  # region rings

    def add_label(self, frame: str, label: Label, style: LabelStyle) -> None:
        self.labels.setdefault(frame, []).append((label, style))

    def block(self, frame: str, rect: pygame.Rect) -> None:
        self.obstacles.setdefault(frame, []).append(Box(rect.x, rect.y, rect.w, rect.h))


def wordings(mark: MapMark) -> tuple[str, ...]:
    """The label's ways of being written, widest first: the name with its state word on one line, the short name
    with it, then each with the state word on a second line (a narrow inset). Never the state word alone ("closing"
    says nothing without its name), never a cut word: a label none of these fit is dropped, and its feature's card
    says it all on hover or focus. Lines part at "\n", which no scenario text can hold (views made it inert)."""
    names = [mark.label, *([mark.short] if mark.short and mark.short != mark.label else [])]
    if not mark.status:
        return tuple(names)
    return (*(f"{name}: {mark.status}" for name in names), *(f"{name}\n{mark.status}" for name in names))


def _style(mark: MapMark, palette: Palette, px: int) -> LabelStyle:
    colour = {"closed": palette.ink_soft, "alert": palette.stamp}.get(mark.shows, palette.ink)
    return LabelStyle(wordings(mark), px, colour, mark.shows != "closed")


def _rank(mark: MapMark) -> int:
    """A feature on alert is news: its label goes ahead of quieter ones of the same weight."""
    return mark.priority + (2 if mark.shows == "alert" else 0)


def _sizes(style: LabelStyle) -> tuple[tuple[float, float], ...]:
    line = text_height(style.px, style.bold)
    return tuple((max(text_width(row, style.px, style.bold) for row in w.split("\n")) + 2,  # a pixel of halo
                  line * (w.count("\n") + 1) + 2) for w in style.wordings)                  # each side


def _radius(mark: MapMark, text_px: int) -> float:
    """A symbol's size; a closed feature's is a little smaller: it matters less now, and it crowds less."""
    r = max(2.5, text_px * 0.32)
    return r * 0.85 if mark.shows == "closed" else r


def _half(mark: MapMark, r: float) -> float:
    """Half the box a mark takes: the alert ring's ticks reach 2.75 r; an open symbol has its paper casing."""
    return r * 2.8 if mark.shows == "alert" else r * 1.3 + (0 if mark.shows == "closed" else 1)


def _marker_rect(point: Point, r: float) -> pygame.Rect:
    size = round(r * 2 + 2)
    rect = pygame.Rect(0, 0, size, size)
    rect.center = (round(point[0]), round(point[1]))
    return rect


def draw_features(image: pygame.Surface, base: Base, marks: Sequence[MapMark], palette: Palette,
                  text_px: int) -> Drawn:
    """Regions first (under everything), then lines, then points; each frame clipped to its own pane."""
    drawn = Drawn()
    order = {"region": 0, "line": 1, "point": 2}
    for inset in base.layout.insets:
        drawn.block("main", inset.box.inflate(4, 4))
    # The point marks are placed first (drawn last, over the lines): a line's own mark then finds a free place
    # along it, so a corridor's cross never pushes the capital it passes through off its place.
    spots = _place_points(base, marks, drawn, text_px)
    for mark in sorted(marks, key=lambda m: order.get(m.kind, 3)):
        pane = base.layout.panes.get(mark.frame)
        if pane is None or mark.shows == "hidden":
            continue
        plan = Plan()
        if mark.kind == "region":
            _region(image, plan, drawn, base, mark, palette, text_px)
        elif mark.kind == "line":
            _line(plan, drawn, pane.frame.point, pane.inner.inflate(-2, -2), mark, palette, text_px)
        else:
            _point(plan, drawn, spots.get(mark.id, []), mark, palette, text_px)
        plan.replay(image, pane.inner)
    return drawn


def _place_points(base: Base, marks: Sequence[MapMark], drawn: Drawn, text_px: int) -> dict[str, list[Spot]]:
    """Each point feature's marks, placed frame by frame with map_marks.arrange (clear of the inset boxes); by
    feature id."""
    count_px = max(7, round(small_px(text_px) * 0.85))
    by_id: dict[str, list[Spot]] = {}
    for frame, pane in base.layout.panes.items():
        wanted = [Wanted(m.id, tuple(pane.frame.point(lon, lat) for _, _, lon, lat in m.places),
                         _half(m, _radius(m, text_px)), _rank(m), count_px)
                  for m in marks if m.kind == "point" and m.frame == frame and m.shows != "hidden" and m.places]
        obstacles = [pygame.Rect(round(b.x), round(b.y), round(b.w), round(b.h))
                     for b in drawn.obstacles.get(frame, ())]
        for spot in arrange(wanted, pane.inner.inflate(-2, -2), obstacles):
            by_id.setdefault(spot.feature, []).append(spot)
            drawn.marks.setdefault(frame, []).append(spot)
    return by_id


# ---- points ----------------------------------------------------------------------------------------------------

def _point(plan: Plan, drawn: Drawn, spots: Sequence[Spot], mark: MapMark, palette: Palette, text_px: int) -> None:
    """The feature's marks where map_marks put them: one standing off its place has a dot there and a leader line
    to it; one standing for several places carries their count. Then the labels: the feature's name, and each
    place's own name where its mark is its own."""
    r = _radius(mark, text_px)
    px = small_px(text_px)
    for spot in spots:
        leader = spot.leader()
        if leader is not None:
            plan.aaline(palette.ink_soft, *leader)
            plan.circle(palette.ink, spot.home, max(1.5, r * 0.4))
            drawn.block(mark.frame, _marker_rect(spot.home, 2))
        _symbol(plan, mark.symbol, mark.shows, spot.point, r, palette, text_px)
        if spot.badge is not None:
            plan.rect(palette.paper, spot.badge)
            plan.rect(palette.ink_soft, spot.badge, 1)
            plan.text(str(len(spot.members)), max(7, round(px * 0.85)), palette.ink, spot.badge.center, True, "center")
        drawn.block(mark.frame, spot.box)
        drawn.spots.append((mark.id, spot.box))
    if not spots:
        return
    style = _style(mark, palette, px)
    points = [spot.point for spot in spots]
    if len(mark.places) == 1:
        anchor, sides = points[0], ("right", "left", "above", "below")
    else:  # a group's name goes under its marks; its members' names where they fit
        anchor = (sum(p[0] for p in points) / len(points), max(p[1] for p in points))
        sides = ("below", "left", "right", "above")
    gap = _half(mark, r) + 2
    drawn.add_label(mark.frame, Label(mark.id, anchor, _sizes(style), _rank(mark), gap, sides), style)
    if len(mark.places) > 1:
        tiny = max(7, round(px * 0.9))
        for spot in spots:
            if len(spot.members) > 1:
                continue  # merged places are named on the hover card, not crowded in here
            k = spot.members[0]
            name, short, _, _ = mark.places[k]
            words = tuple(dict.fromkeys(w for w in (name, short) if w))
            place = LabelStyle(words, tiny, palette.ink_soft, False)
            drawn.add_label(mark.frame, Label(f"{mark.id}/{k}", spot.point, _sizes(place), max(0, mark.priority - 4),
                                              _half(mark, r) + 1), place)


def _symbol(plan: Plan, symbol: str, shows: str, point: Point, r: float, palette: Palette, text_px: int) -> None:
    """The symbol's shape says what it is; open is solid, closed hollow and crossed out, alert red and ringed."""
    width = line_width(text_px)
    colour = {"base": palette.route, "meeting": palette.focus}.get(symbol, palette.ink)
    shape = _shape(symbol, point, r)
    if shows == "alert":
        _alert_ring(plan, point, r * 1.9, palette.stamp, width)
        colour = palette.stamp
    if shows == "closed":
        plan.polygon(palette.paper, shape)
        plan.polygon(palette.disabled, shape, max(1, width))
        cross(plan, palette.bad, point, r * 0.95, max(1, width))
        return
    plan.polygon(palette.paper, _shape(symbol, point, r + 1.5))
    plan.polygon(colour, shape)
    if symbol == "capital":
        plan.circle(palette.paper, point, r * 0.45)
    elif symbol == "station":  # signal arcs over the mast: the station is listening
        for k in (1.0, 1.6):
            arc = pygame.Rect(0, 0, round(r * k * 2), round(r * k * 2))
            arc.center = (round(point[0]), round(point[1] - r))
            plan.arc(colour, arc, math.radians(35), math.radians(145), max(1, width - 1))


def _shape(symbol: str, point: Point, r: float) -> list[Point]:
    x, y = point
    if symbol == "base":
        return [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
    if symbol in ("site", "station"):
        return [(x, y - r * 1.2), (x + r, y + r * 0.8), (x - r, y + r * 0.8)]
    if symbol == "meeting":
        return [(x + (r * 1.3 if i % 2 == 0 else r * 0.55) * math.cos(-math.pi / 2 + i * math.pi / 5),
                 y + (r * 1.3 if i % 2 == 0 else r * 0.55) * math.sin(-math.pi / 2 + i * math.pi / 5))
                for i in range(10)]
    size = r * (1.15 if symbol == "capital" else 0.8)
    return [(x + size * math.cos(i * math.pi / 6), y + size * math.sin(i * math.pi / 6)) for i in range(12)]


def _alert_ring(plan: Plan, point: Point, radius: float, colour: Colour, width: int) -> None:
    """A ring with four ticks outside it: the alert's own mark, unlike any symbol and unlike a cross."""
    x, y = point
    plan.circle(colour, point, radius, max(1, width))
    for angle in (0.0, math.pi / 2, math.pi, 3 * math.pi / 2):
        dx, dy = math.cos(angle), math.sin(angle)
        plan.line(colour, (x + dx * radius, y + dy * radius), (x + dx * radius * 1.45, y + dy * radius * 1.45),
                  max(1, width))


# ---- lines -----------------------------------------------------------------------------------------------------

def along(points: Sequence[Point], at: float) -> Point:
    """The point a share `at` of the way along a polyline."""
    lengths = [math.dist(a, b) for a, b in itertools.pairwise(points)]
    goal = sum(lengths) * at
    for (a, b), length in zip(itertools.pairwise(points), lengths, strict=True):
        if goal <= length and length > 0:
            t = goal / length
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        goal -= length
    return points[-1]


def _line(plan: Plan, drawn: Drawn, project: Project, bounds: pygame.Rect, mark: MapMark, palette: Palette,
          text_px: int) -> None:
    """Open: a bold line on a paper casing (a route ends in an arrowhead, a barrier is dashed). Closed: a faint
    dashed trace crossed out. Alert: red, with the alert ring at its middle."""
    points = [project(lon, lat) for lon, lat in mark.path]
    width = line_width(text_px)
    reach = text_px * (0.7 if mark.shows == "alert" else 0.45)
    # The line's own mark goes at its middle, or as near it as is clear of the point marks and other lines' marks,
    # or (a short line between crowded places) off the line, tied to its middle by a leader.
    others = [spot.box for spot in drawn.marks.get(mark.frame, [])] + [
        rect for _, rect in drawn.line_marks.get(mark.frame, [])]
    spot = first_free(Wanted(mark.id, tuple(along(points, share) for share in LINE_SHARES), reach, 0, 0), bounds,
                      others)
    middle = spot.point
    if mark.shows == "closed":
        pattern_line(plan, blend(palette.ink_soft, palette.land, 0.25), points, max(1, width), "dashed")
        cross(plan, palette.bad, middle, text_px * 0.4, width + 1)
    else:
        colour = palette.stamp if mark.shows == "alert" else (palette.route if mark.symbol == "route" else palette.ink)
        pattern_line(plan, palette.paper, points, width + 3, "solid")
        pattern_line(plan, colour, points, width + 1, "dashed" if mark.symbol == "barrier" else "solid")
        if mark.symbol == "route":
            _arrowhead(plan, colour, points[-2], points[-1], text_px * 0.7)
        if mark.shows == "alert":
            _alert_ring(plan, middle, text_px * 0.45, palette.stamp, width)
    leader = spot.leader()
    if leader is not None:
        plan.aaline(palette.ink_soft, *leader)
        drawn.block(mark.frame, _marker_rect(spot.home, 2))
    drawn.block(mark.frame, spot.box)
    drawn.line_marks.setdefault(mark.frame, []).append((mark.id, spot.box))
    drawn.lines.append((mark.id, points))
    style = _style(mark, palette, small_px(text_px))
    anchor = along(points, 0.35)
    drawn.add_label(mark.frame, Label(mark.id, anchor, _sizes(style), _rank(mark), width + 3,
                                      ("above", "below", "right", "left")), style)


def _arrowhead(plan: Plan, colour: Colour, a: Point, b: Point, size: float) -> None:
    angle = math.atan2(b[1] - a[1], b[0] - a[0])
    plan.polygon(colour, [b, (b[0] - size * math.cos(angle - 0.45), b[1] - size * math.sin(angle - 0.45)),
                          (b[0] - size * math.cos(angle + 0.45), b[1] - size * math.sin(angle + 0.45))])


# ---- regions ---------------------------------------------------------------------------------------------------

def _region(image: pygame.Surface, plan: Plan, drawn: Drawn, base: Base, mark: MapMark, palette: Palette,
            text_px: int) -> None:
    """A tinted fill with an inked edge; closed: faded and cross-hatched; alert: red hatching and a red edge."""
    pane = base.layout.panes[mark.frame]
    layers = base.layers[mark.frame]
    rings: list[list[list[float]]] = []
    holes: list[list[list[float]]] = []
    for code in mark.countries:
        outer, inner = layers.region(code)
        rings += outer
        holes += inner
    fill = {"closed": blend(palette.land, palette.paper, 0.5), "alert": blend(palette.land, palette.stamp, 0.2)}
    edge = {"closed": palette.disabled, "alert": palette.stamp}
    image.set_clip(pane.inner)
    for ring in rings:
        pygame.draw.polygon(image, fill.get(mark.shows, blend(palette.land, palette.focus, 0.25)), ring)
    for ring in holes:
        pygame.draw.polygon(image, palette.water, ring)
    if mark.shows in ("closed", "alert") and rings:
        _hatch(image, rings, palette.disabled if mark.shows == "closed" else palette.stamp, mark.shows == "closed")
    for ring in rings:
        pygame.draw.lines(image, edge.get(mark.shows, palette.focus), True, ring,
                          line_width(text_px) + (1 if mark.shows == "alert" else 0))
    image.set_clip(None)
    drawn.areas.append((mark.id, rings))
    if mark.label_at is not None:
        anchor = pane.frame.point(*mark.label_at)
    elif rings:
        biggest = max(rings, key=len)
        anchor = (sum(p[0] for p in biggest) / len(biggest), sum(p[1] for p in biggest) / len(biggest))
    else:
        return
    style = _style(mark, palette, small_px(text_px))
    drawn.add_label(mark.frame, Label(mark.id, anchor, _sizes(style), _rank(mark), 0.0, CENTRED, False), style)


def _hatch(image: pygame.Surface, rings: list[list[list[float]]], colour: Colour, both: bool) -> None:
    """Diagonal hatching inside the rings (both diagonals: cross-hatched), a pattern that reads without colour."""
    xs = [p[0] for ring in rings for p in ring]
    ys = [p[1] for ring in rings for p in ring]
    area = pygame.Rect(math.floor(min(xs)), math.floor(min(ys)), math.ceil(max(xs) - min(xs)) + 2,
                       math.ceil(max(ys) - min(ys)) + 2).clip(image.get_clip())
    if area.w <= 0 or area.h <= 0:
        return
    shape = pygame.Surface(area.size, pygame.SRCALPHA)
    for ring in rings:
        pygame.draw.polygon(shape, (255, 255, 255, 255), [(x - area.x, y - area.y) for x, y in ring])
    lines = pygame.Surface(area.size, pygame.SRCALPHA)
    step = 5
    for k in range(-area.h, area.w, step):
        pygame.draw.line(lines, colour, (k, area.h), (k + area.h, 0))
        if both:
            pygame.draw.line(lines, colour, (k, 0), (k + area.h, area.h))
    image.blit(pygame.mask.from_surface(shape).to_surface(setsurface=lines, unsetcolor=(0, 0, 0, 0)), area.topleft)
