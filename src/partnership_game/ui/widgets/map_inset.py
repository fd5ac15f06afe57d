"""The map inset: Russia, Central Asia, Afghanistan and Europe, with a Cuba box, and the features the game toggles."""

from __future__ import annotations

import itertools
import math
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from partnership_game.files import FileProblem, read_regular
from partnership_game.scenario.diagnostics import ScenarioError
from partnership_game.scenario.yaml_tree import MAX_FILE_BYTES, Document, Mark, read_document
from partnership_game.ui.theme import Colour, Palette
from partnership_game.ui.widgets.chart import (
    Plan,
    Point,
    blend,
    cross,
    fit_text,
    line_width,
    pattern_line,
    text,
    text_height,
)

LonLat = tuple[float, float]
MAIN = "main"
FEATURE_KINDS = ("route", "bases", "station", "meeting")
PLACE_KINDS = ("capital", "city", "base", "station")
REGION_KINDS = ("focus", "context")
CORNERS = ("bottom-left", "bottom-right", "top-left", "top-right")


@dataclass(frozen=True)
class Frame:
    """The main map's extent, or an inset box with its own extent drawn over one corner of the map."""

    id: str
    lon: tuple[float, float]
    lat: tuple[float, float]
    title: str = ""
    corner: str = ""
    width: float = 0.0  # an inset's width as a fraction of the map's


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    kind: str  # "focus" | "context"
    polygon: tuple[LonLat, ...]
    frame: str = MAIN
    label_at: LonLat | None = None  # where the name goes; no label without it
    short: str | None = None  # the name when the full one does not fit


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    lon: float
    lat: float
    kind: str  # "capital" | "city" | "base" | "station"
    frame: str = MAIN
    short: str | None = None


@dataclass(frozen=True)
class Feature:
    """Something the game switches on and off: a route, a set of bases, a station, a meeting place."""

    id: str
    label: str
    kind: str
    off_label: str
    places: tuple[str, ...] = ()
    route: tuple[LonLat, ...] = ()
    short: str | None = None  # the label when the full one finds no room


@dataclass(frozen=True)
class MapData:
    view: Frame
    insets: tuple[Frame, ...]
    regions: tuple[Region, ...]
    places: tuple[Place, ...]
    features: tuple[Feature, ...]

    def place(self, place_id: str) -> Place:
        return next(p for p in self.places if p.id == place_id)


# --------------------------------------------------------------------------------------------------------------
# Loading: the strict YAML reader, then shape checks that name the file, line and column of each problem.
# --------------------------------------------------------------------------------------------------------------


class _Checker:
    """Reads typed values out of the plain YAML data, collecting `file:line:col: message` for everything wrong."""

    def __init__(self, doc: Document, label: str) -> None:
        self.doc = doc
        self.label = label
        self.problems: list[tuple[int, int, str]] = []

    def fail(self, path: tuple[str | int, ...], message: str) -> None:
        mark = self.doc.locate(path) if path else Mark(1, 1)
        self.problems.append((mark.line, mark.col, message))

    def mapping(self, value: object, path: tuple[str | int, ...], what: str, required: Sequence[str],
                optional: Sequence[str] = ()) -> dict[str, object] | None:
        if not isinstance(value, dict):
            self.fail(path, f"{what} must be a mapping of keys")
            return None
        for key in value:
            if key not in required and key not in optional:
                allowed = ", ".join([*required, *optional])
                self.fail((*path, key), f"{what}: unknown key '{key}' (allowed: {allowed})")
        for key in required:
            if key not in value:
                self.fail(path, f"{what}: missing '{key}'")
        return value

    def items(self, value: object, path: tuple[str | int, ...], what: str) -> list[object]:
        if not isinstance(value, list):
            self.fail(path, f"{what} must be a list")
            return []
        return value

    def text(self, value: object, path: tuple[str | int, ...], what: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"{what} must be non-empty text")
            return ""
        return value

    def number(self, value: object, path: tuple[str | int, ...], what: str, low: float, high: float) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.fail(path, f"{what} must be a number")
            return low
        if not low <= value <= high:
            self.fail(path, f"{what} is {value}; it must be between {low:g} and {high:g}")
        return float(value)

    def point(self, value: object, path: tuple[str | int, ...], what: str) -> LonLat:
        if not isinstance(value, list) or len(value) != 2:
            self.fail(path, f"{what} must be a [longitude, latitude] pair")
            return (0.0, 0.0)
        return (self.number(value[0], (*path, 0), f"{what} longitude", -180, 180),
                self.number(value[1], (*path, 1), f"{what} latitude", -90, 90))

    def points(self, value: object, path: tuple[str | int, ...], what: str, least: int) -> tuple[LonLat, ...]:
        items = self.items(value, path, what)
        if isinstance(value, list) and len(items) < least:
            self.fail(path, f"{what} needs at least {least} points, has {len(items)}")
        return tuple(self.point(p, (*path, i), f"{what} point {i + 1}") for i, p in enumerate(items))

    def span(self, value: object, path: tuple[str | int, ...], what: str, limit: float) -> tuple[float, float]:
        if not isinstance(value, list) or len(value) != 2:
            self.fail(path, f"{what} must be a [low, high] pair")
            return (0.0, 1.0)
        low = self.number(value[0], (*path, 0), what, -limit, limit)
        high = self.number(value[1], (*path, 1), what, -limit, limit)
        if high <= low:
            self.fail(path, f"{what}: the first number must be below the second")
            return (low, low + 1.0)
        return (low, high)

    def choice(self, value: object, path: tuple[str | int, ...], what: str, options: Sequence[str]) -> str:
        if value not in options:
            self.fail(path, f"{what} is {value!r}; expected one of {', '.join(options)}")
            return options[0]
        return str(value)

    def unique(self, ids: Sequence[str], path: tuple[str | int, ...], what: str) -> None:
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident in seen:
                self.fail((*path, i, "id"), f"{what} id '{ident}' is used twice")
            seen.add(ident)

    def raise_if_any(self) -> None:
        if self.problems:
            lines = [f"{self.label}:{line}:{col}: {message}" for line, col, message in sorted(self.problems)]
            raise ValueError("\n".join(lines))


def load_map(path: Path) -> MapData:
    """Read and check assets/map.yaml; raise ValueError listing every problem with its position."""
    label = str(path)
    try:
        doc = read_document(read_regular(Path(path), MAX_FILE_BYTES, "map file"), label)
    except FileProblem as exc:
        raise ValueError(f"{label}: {exc}") from None
    except ScenarioError as exc:
        raise ValueError(str(exc)) from None
    check = _Checker(doc, label)
    top = check.mapping(doc.data, (), "the map file", ("view", "regions", "places", "features"),
                        ("format_version", "insets"))
    if top is None:
        check.raise_if_any()
    assert top is not None
    view = _read_frame(check, top.get("view"), ("view",), MAIN, inset=False)
    insets = tuple(_read_frame(check, raw, ("insets", i), "", inset=True)
                   for i, raw in enumerate(check.items(top.get("insets", []), ("insets",), "insets")))
    frames = {MAIN, *(f.id for f in insets)}
    regions = tuple(_read_region(check, raw, ("regions", i), frames)
                    for i, raw in enumerate(check.items(top.get("regions"), ("regions",), "regions")))
    places = tuple(_read_place(check, raw, ("places", i), frames)
                   for i, raw in enumerate(check.items(top.get("places"), ("places",), "places")))
    place_ids = {p.id for p in places}
    features = tuple(_read_feature(check, raw, ("features", i), place_ids)
                     for i, raw in enumerate(check.items(top.get("features"), ("features",), "features")))
    for what, ids in (("inset", [f.id for f in insets]), ("region", [r.id for r in regions]),
                      ("place", [p.id for p in places]), ("feature", [f.id for f in features])):
        check.unique(ids, (what + "s",) if what != "inset" else ("insets",), what)
    check.raise_if_any()
    return MapData(view, insets, regions, places, features)


def _read_frame(check: _Checker, raw: object, path: tuple[str | int, ...], default_id: str, inset: bool) -> Frame:
    required = ("id", "lon", "lat", "corner", "width") if inset else ("lon", "lat")
    data = check.mapping(raw, path, "an inset" if inset else "view", required, ("title",))
    if data is None:
        return Frame(default_id or "?", (0.0, 1.0), (0.0, 1.0))
    lon = check.span(data.get("lon"), (*path, "lon"), "lon", 180)
    lat = check.span(data.get("lat"), (*path, "lat"), "lat", 90)
    if not inset:
        return Frame(MAIN, lon, lat)
    return Frame(check.text(data.get("id"), (*path, "id"), "inset id"), lon, lat,
                 title=str(data.get("title", "")),
                 corner=check.choice(data.get("corner"), (*path, "corner"), "corner", CORNERS),
                 width=check.number(data.get("width"), (*path, "width"), "inset width", 0.05, 0.6))


def _read_region(check: _Checker, raw: object, path: tuple[str | int, ...], frames: set[str]) -> Region:
    data = check.mapping(raw, path, "a region", ("id", "name", "kind", "polygon"), ("frame", "label_at", "short"))
    if data is None:
        return Region("?", "?", "context", ())
    ident = check.text(data.get("id"), (*path, "id"), "region id")
    frame = _read_frame_ref(check, data, path, frames)
    label_at = (check.point(data["label_at"], (*path, "label_at"), f"region '{ident}' label_at")
                if "label_at" in data else None)
    short = check.text(data["short"], (*path, "short"), "short name") if "short" in data else None
    return Region(ident, check.text(data.get("name"), (*path, "name"), "region name"),
                  check.choice(data.get("kind"), (*path, "kind"), f"region '{ident}' kind", REGION_KINDS),
                  check.points(data.get("polygon"), (*path, "polygon"), f"region '{ident}' polygon", 3),
                  frame, label_at, short)


def _read_frame_ref(check: _Checker, data: dict[str, object], path: tuple[str | int, ...], frames: set[str]) -> str:
    frame = data.get("frame", MAIN)
    if frame not in frames:
        check.fail((*path, "frame"), f"frame {frame!r} is not an inset id (insets: {', '.join(sorted(frames))})")
        return MAIN
    return str(frame)


def _read_place(check: _Checker, raw: object, path: tuple[str | int, ...], frames: set[str]) -> Place:
    data = check.mapping(raw, path, "a place", ("id", "name", "lon", "lat", "kind"), ("frame", "short"))
    if data is None:
        return Place("?", "?", 0.0, 0.0, "city")
    ident = check.text(data.get("id"), (*path, "id"), "place id")
    return Place(ident, check.text(data.get("name"), (*path, "name"), "place name"),
                 check.number(data.get("lon"), (*path, "lon"), f"place '{ident}' lon", -180, 180),
                 check.number(data.get("lat"), (*path, "lat"), f"place '{ident}' lat", -90, 90),
                 check.choice(data.get("kind"), (*path, "kind"), f"place '{ident}' kind", PLACE_KINDS),
                 _read_frame_ref(check, data, path, frames),
                 check.text(data["short"], (*path, "short"), "short name") if "short" in data else None)


def _read_feature(check: _Checker, raw: object, path: tuple[str | int, ...], place_ids: set[str]) -> Feature:
    data = check.mapping(raw, path, "a feature", ("id", "label", "kind", "off_label"), ("places", "route", "short"))
    if data is None:
        return Feature("?", "?", "route", "")
    ident = check.text(data.get("id"), (*path, "id"), "feature id")
    kind = check.choice(data.get("kind"), (*path, "kind"), f"feature '{ident}' kind", FEATURE_KINDS)
    route: tuple[LonLat, ...] = ()
    places: list[str] = []
    if kind == "route":
        route = check.points(data.get("route"), (*path, "route"), f"feature '{ident}' route", 2)
    else:
        for i, ref in enumerate(check.items(data.get("places"), (*path, "places"), f"feature '{ident}' places")):
            if ref not in place_ids:
                check.fail((*path, "places", i), f"feature '{ident}' names place {ref!r}, which is not in places")
            else:
                places.append(str(ref))
        if not places and isinstance(data.get("places"), list) and not data.get("places"):
            check.fail((*path, "places"), f"feature '{ident}' needs at least one place")
    short = check.text(data["short"], (*path, "short"), "short label") if "short" in data else None
    return Feature(ident, check.text(data.get("label"), (*path, "label"), "feature label"), kind,
                   check.text(data.get("off_label"), (*path, "off_label"), "off_label"), tuple(places), route, short)


# --------------------------------------------------------------------------------------------------------------
# Projection and layout: equirectangular, widened to fill the rect so no band of the panel is left empty.
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Projection:
    box: pygame.Rect
    lon0: float
    lat0: float
    sx: float
    sy: float

    def __call__(self, lon: float, lat: float) -> Point:
        return (self.box.centerx + (lon - self.lon0) * self.sx, self.box.centery - (lat - self.lat0) * self.sy)


def _fit(frame: Frame, box: pygame.Rect) -> _Projection:
    lat0 = (frame.lat[0] + frame.lat[1]) / 2
    squeeze = math.cos(math.radians(lat0))  # degrees of longitude shrink with latitude
    width_deg = (frame.lon[1] - frame.lon[0]) * squeeze
    height_deg = frame.lat[1] - frame.lat[0]
    scale = min(box.w / width_deg, box.h / height_deg)
    return _Projection(pygame.Rect(box), (frame.lon[0] + frame.lon[1]) / 2, lat0, scale * squeeze, scale)


@dataclass(frozen=True)
class _Layout:
    main: _Projection
    insets: dict[str, tuple[pygame.Rect, pygame.Rect, _Projection]] = field(default_factory=dict)  # box, map, proj

    def projection(self, frame: str) -> _Projection:
        return self.insets[frame][2] if frame in self.insets else self.main


def _layout(data: MapData, rect: pygame.Rect, text_px: int) -> _Layout:
    main = _fit(data.view, rect)
    insets: dict[str, tuple[pygame.Rect, pygame.Rect, _Projection]] = {}
    margin = max(3, round(text_px * 0.45))
    title_h = text_height(_small(text_px)) + 2
    for frame in data.insets:
        lat0 = math.radians((frame.lat[0] + frame.lat[1]) / 2)
        aspect = (frame.lat[1] - frame.lat[0]) / ((frame.lon[1] - frame.lon[0]) * math.cos(lat0))
        w = max(text_px * 4, round(rect.w * frame.width))
        h = round(w * aspect) + title_h
        if h > rect.h * 0.62:  # a short, wide panel: keep the inset from swallowing the main map
            h = round(rect.h * 0.62)
            w = max(text_px * 3, round((h - title_h) / aspect))
        x = rect.left + margin if frame.corner.endswith("left") else rect.right - margin - w
        y = rect.bottom - margin - h if frame.corner.startswith("bottom") else rect.top + margin
        box = pygame.Rect(x, y, w, h)
        inner = pygame.Rect(box.left + 1, box.top + title_h, box.w - 2, box.h - title_h - 1)
        insets[frame.id] = (box, inner, _fit(frame, inner))
    return _Layout(main, insets)


def _small(text_px: int) -> int:
    return max(7, round(text_px * 0.82))


def place_position(data: MapData, rect: pygame.Rect, place_id: str, text_px: int) -> tuple[int, int]:
    """Where a place lands on screen (for hover tooltips, and for tests that look at a feature's pixels)."""
    place = data.place(place_id)
    x, y = _layout(data, pygame.Rect(rect), text_px).projection(place.frame)(place.lon, place.lat)
    return round(x), round(y)


def route_position(data: MapData, rect: pygame.Rect, feature_id: str, text_px: int, at: float = 0.5) -> tuple[int, int]:
    """A point a fraction `at` of the way along a route feature, on screen."""
    feature = next(f for f in data.features if f.id == feature_id)
    proj = _layout(data, pygame.Rect(rect), text_px).main
    points = [proj(lon, lat) for lon, lat in feature.route]
    x, y = _along(points, at)
    return round(x), round(y)


def _along(points: Sequence[Point], at: float) -> Point:
    lengths = [math.dist(a, b) for a, b in itertools.pairwise(points)]
    goal = sum(lengths) * at
    for (a, b), length in zip(itertools.pairwise(points), lengths, strict=True):
        if goal <= length and length > 0:
            t = goal / length
            return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        goal -= length
    return points[-1]


# --------------------------------------------------------------------------------------------------------------
# Drawing. The whole map is rendered once per (data, size, palette, text size, feature states) and then blitted:
# the polygons and label placement are far too slow to redo every frame, the blit costs a fraction of a millisecond.
# --------------------------------------------------------------------------------------------------------------

_renders: OrderedDict[tuple[object, ...], tuple[MapData, pygame.Surface]] = OrderedDict()
_RENDERS_MAX = 6


def draw_map(surface: pygame.Surface, rect: pygame.Rect, data: MapData, active: Mapping[str, bool],
             palette: Palette, text_px: int) -> None:
    """The map filling `rect`: land and sea, the focus countries named, each feature drawn on or faded/crossed off."""
    rect = pygame.Rect(rect)
    if rect.w <= 0 or rect.h <= 0:
        return
    # A feature the mapping leaves out is not drawn at all: a scenario that never mentions a station shows none.
    states = tuple(None if f.id not in active else bool(active[f.id]) for f in data.features)
    key = (id(data), rect.size, palette, text_px, states)
    entry = _renders.get(key)
    if entry is None or entry[0] is not data:  # the id check guards against a new MapData reusing an old id
        image = pygame.Surface(rect.size)
        _render(image, data, states, palette, text_px)
        _renders[key] = (data, image)
        if len(_renders) > _RENDERS_MAX:
            _renders.popitem(last=False)
    else:
        _renders.move_to_end(key)
        image = entry[1]
    previous = surface.get_clip()
    surface.set_clip(rect.clip(previous))
    surface.blit(image, rect.topleft)
    surface.set_clip(previous)


_DIAGONALS = ("above-right", "above-left", "below-right", "below-left")


@dataclass
class _Labels:
    """Greedy label placement: each label takes the first free spot of the eight around its anchor; with none free,
    the first free spot one label-height further out, tied to its anchor by a leader line; else it is left out."""

    obstacles: list[pygame.Rect] = field(default_factory=list)
    placed: list[tuple[pygame.Surface, pygame.Rect]] = field(default_factory=list)
    halo: Colour | None = None
    leaders: list[tuple[Point, Point]] = field(default_factory=list)

    def place(self, options: Sequence[tuple[str, int, Colour, bool]], anchor: Point, gap: float,
              bounds: pygame.Rect, spots: Sequence[str] = ("right", "left", "above", "below"),
              leader: bool = True) -> bool:
        """`spots`: the preferred sides, tried first (the diagonals follow, unless the label goes on its centre);
        `leader`: whether a label may stand off with a leader line (not for a route's, which tries other stretches
        of the route instead)."""
        around = list(spots) if "centre" in spots else [*spots, *(d for d in _DIAGONALS if d not in spots)]
        rings = [0, 1] if leader and "centre" not in spots else [0]
        for ring in rings:
            for label, px, colour, bold in options:
                box = text(label, px, colour, bold).get_rect().inflate(2, 2)  # room for the halo
                for spot in around:
                    _put(box, spot, anchor, gap + ring * box.h)
                    if ring == 0:
                        _nudge(box, spot, bounds)
                    if not bounds.contains(box) or box.collidelist(self.obstacles) >= 0:
                        continue
                    if any(box.clipline(*drawn) for drawn in self.leaders):
                        continue  # nor through a label placed after it
                    line = (_toward(anchor, box, gap), _nearest(box, anchor))
                    if ring and any(other.clipline(*line) for _, other in self.placed):
                        continue  # a leader line never runs through another label placed before it...
                    self.obstacles.append(box.inflate(2, 0))
                    self.placed.append((_haloed(label, px, colour, bold, self.halo), box.copy()))
                    if ring:
                        self.leaders.append(line)
                    return True
        return False


def _nearest(box: pygame.Rect, point: Point) -> Point:
    """The point of the box nearest `point` (where a leader line meets its label)."""
    return (min(max(point[0], box.left), box.right - 1), min(max(point[1], box.top), box.bottom - 1))


def _toward(anchor: Point, box: pygame.Rect, gap: float) -> Point:
    """A leader line's start: `gap` from the anchor toward its label, so the line does not cover the marker."""
    end = _nearest(box, anchor)
    dx, dy = end[0] - anchor[0], end[1] - anchor[1]
    length = math.hypot(dx, dy) or 1.0
    step = min(gap, length)
    return (anchor[0] + dx / length * step, anchor[1] + dy / length * step)


def _nudge(box: pygame.Rect, spot: str, bounds: pygame.Rect) -> None:
    """Slide a label along its anchor's side (never toward the anchor) when it pokes just past the map's edge:
    a marker near the frame still gets its name."""
    if spot in ("right", "left"):
        limit = box.h // 2
        shift = max(bounds.top - box.top, 0) or min(bounds.bottom - box.bottom, 0)
        if abs(shift) <= limit:
            box.y += shift
    elif spot in ("above", "below"):
        limit = box.w // 2
        shift = max(bounds.left - box.left, 0) or min(bounds.right - box.right, 0)
        if abs(shift) <= limit:
            box.x += shift


def _haloed(label: str, px: int, colour: Colour, bold: bool, halo: Colour | None) -> pygame.Surface:
    """Text with a one-pixel rim of land colour, so a label stays legible where it crosses a border or a route."""
    ink = text(label, px, colour, bold)
    image = pygame.Surface((ink.get_width() + 2, ink.get_height() + 2), pygame.SRCALPHA)
    if halo is not None:
        rim = text(label, px, halo, bold)
        for dx, dy in ((0, 1), (2, 1), (1, 0), (1, 2), (0, 0), (2, 2), (0, 2), (2, 0)):
            image.blit(rim, (dx, dy))
    image.blit(ink, (1, 1))
    return image


def _put(box: pygame.Rect, spot: str, anchor: Point, gap: float) -> None:
    x, y = round(anchor[0]), round(anchor[1])
    g = round(gap)
    if spot == "right":
        box.midleft = (x + g, y)
    elif spot == "left":
        box.midright = (x - g, y)
    elif spot == "above":
        box.midbottom = (x, y - g)
    elif spot == "below":
        box.midtop = (x, y + g)
    elif spot in _DIAGONALS:
        d = round(g * 0.7)  # on the circle of radius `gap`, not its corner
        vertical, horizontal = spot.split("-")
        box.left = x + d if horizontal == "right" else x - d - box.w
        box.top = y - d - box.h if vertical == "above" else y + d
    else:
        box.center = (x, y)


def _render(image: pygame.Surface, data: MapData, states: tuple[bool | None, ...], palette: Palette,
            text_px: int) -> None:
    rect = image.get_rect()
    layout = _layout(data, rect, text_px)
    image.fill(palette.water)
    # Each frame places its own labels; the main map's must also keep clear of the inset boxes.
    halo = blend(palette.land, palette.paper, 0.5)
    labels = {MAIN: _Labels([box.inflate(4, 4) for box, _, _ in layout.insets.values()], halo=halo)}
    labels.update({frame.id: _Labels(halo=halo) for frame in data.insets})
    main_bounds = rect.inflate(-4, -4)
    plan = Plan()
    _plan_graticule(plan, layout.main, rect, palette, text_px)
    _plan_regions(plan, data, MAIN, layout.main, palette)
    plan.replay(image, rect)
    on = dict(zip((f.id for f in data.features), states, strict=True))
    # On a small map the short names (K2, UZB.) read better than full ones squeezed between markers.
    terse = rect.w < text_px * 40
    _render_frame_features(image, data, MAIN, layout.main, on, palette, text_px, labels[MAIN], main_bounds, terse)
    for frame in data.insets:
        box, inner, proj = layout.insets[frame.id]
        _render_inset_box(image, frame, box, inner, proj, data, palette, text_px)
        _render_frame_features(image, data, frame.id, proj, on, palette, text_px, labels[frame.id],
                               inner.inflate(-2, -2), terse)
    _place_region_labels(data, layout, palette, text_px, labels, main_bounds, terse)
    for frame_labels in labels.values():
        for start, end in frame_labels.leaders:  # under the labels: a line never crosses its own label's words
            pygame.draw.aaline(image, palette.ink_soft, start, end)
        for label_image, box in frame_labels.placed:
            image.blit(label_image, box)
    pygame.draw.rect(image, palette.ink_soft, rect, 1)


def _plan_graticule(plan: Plan, proj: _Projection, rect: pygame.Rect, palette: Palette, text_px: int) -> None:
    """Faint parallels and meridians every 20 and 30 degrees: they read as 'map' before anything else does."""
    colour = blend(palette.water, palette.ink, 0.14)
    for lat in range(-80, 81, 20):
        y = proj(0, lat)[1]
        if rect.top < y < rect.bottom:
            pattern_line(plan, colour, [(rect.left, y), (rect.right, y)], 1, "dotted")
    for lon in range(-180, 181, 30):
        x = proj(lon, 0)[0]
        if rect.left < x < rect.right:
            pattern_line(plan, colour, [(x, rect.top), (x, rect.bottom)], 1, "dotted")


def _plan_regions(plan: Plan, data: MapData, frame: str, proj: _Projection, palette: Palette) -> None:
    """Context land in a quiet fill, focus countries in land colour with an inked edge; later shapes cover earlier."""
    quiet = blend(palette.land, palette.paper, 0.5)
    edge = blend(palette.land, palette.ink, 0.45)
    for region in data.regions:
        if region.frame != frame:
            continue
        points = [proj(lon, lat) for lon, lat in region.polygon]
        if region.kind == "context":
            plan.polygon(quiet, points)
        else:
            plan.polygon(palette.land, points)
            plan.lines(edge, points, 1, closed=True)


def _render_inset_box(image: pygame.Surface, frame: Frame, box: pygame.Rect, inner: pygame.Rect, proj: _Projection,
                      data: MapData, palette: Palette, text_px: int) -> None:
    """A paper-edged box with its own title and sea, like a detail map pasted into the corner."""
    pygame.draw.rect(image, palette.paper, box.inflate(4, 4))
    pygame.draw.rect(image, palette.water, inner)
    plan = Plan()
    _plan_regions(plan, data, frame.id, proj, palette)
    plan.replay(image, inner)
    pygame.draw.rect(image, palette.ink_soft, box, 1)
    small = _small(text_px)
    title = fit_text(frame.title, small, box.w - 4, bold=True)
    image.blit(text(title, small, palette.ink, True), (box.left + 3, box.top + 1))


def _render_frame_features(image: pygame.Surface, data: MapData, frame: str, proj: _Projection,
                           on: Mapping[str, bool | None], palette: Palette, text_px: int, labels: _Labels,
                           bounds: pygame.Rect, terse: bool) -> None:
    """Features first (their labels get the best spots), then the plain places left over."""
    plan = Plan()
    used: set[str] = set()
    for feature in data.features:
        frames = {data.place(p).frame for p in feature.places} if feature.places else {MAIN}
        if frame not in frames or on[feature.id] is None:
            continue
        used.update(feature.places)
        _plan_feature(plan, data, feature, frame, proj, bool(on[feature.id]), palette, text_px, labels, bounds, terse)
    small = _small(text_px)
    for place in data.places:
        if place.frame != frame or place.id in used:
            continue
        point = proj(place.lon, place.lat)
        r = max(2.0, text_px * 0.22)
        _plan_place_marker(plan, place.kind, point, r, palette)
        labels.obstacles.append(_marker_box(point, r))
        options = [(place.name, small, palette.ink, place.kind == "capital")]
        labels.place(options, point, r + 2, bounds)
    plan.replay(image, bounds.inflate(4, 4))


def _marker_box(point: Point, r: float) -> pygame.Rect:
    size = round(r * 2 + 2)
    box = pygame.Rect(0, 0, size, size)
    box.center = (round(point[0]), round(point[1]))
    return box


def _plan_place_marker(plan: Plan, kind: str, point: Point, r: float, palette: Palette) -> None:
    if kind == "capital":
        plan.circle(palette.ink, point, r * 1.2)
        plan.circle(palette.paper, point, r * 0.5)
    else:
        plan.circle(palette.ink, point, r * 0.8)


def _plan_feature(plan: Plan, data: MapData, feature: Feature, frame: str, proj: _Projection, on: bool,
                  palette: Palette, text_px: int, labels: _Labels, bounds: pygame.Rect, terse: bool) -> None:
    points = [proj(data.place(p).lon, data.place(p).lat) for p in feature.places if data.place(p).frame == frame]
    if feature.kind == "route":
        _plan_route(plan, feature, [proj(lon, lat) for lon, lat in feature.route], on, palette, text_px, labels,
                    bounds)
    elif feature.kind == "bases":
        _plan_bases(plan, data, feature, points, on, palette, text_px, labels, bounds, terse)
    elif feature.kind == "station":
        for place_id, point in zip(feature.places, points, strict=False):
            _plan_station(plan, data.place(place_id), feature, point, on, palette, text_px, labels, bounds)
    else:
        _plan_meeting(plan, data, feature, points, on, palette, text_px, labels, bounds)


def _state_label(feature: Feature, on: bool, px: int, palette: Palette) -> list[tuple[str, int, Colour, bool]]:
    """The feature's name, and when it is off, the word for that: the state is said, not only coloured."""
    names = [feature.label, *([feature.short] if feature.short else [])]
    tiny = max(7, round(px * 0.85))  # the last resort on a cramped map: the shortest wording, a size down
    if on:
        return [*((name, px, palette.ink, True) for name in names), (names[-1], tiny, palette.ink, True)]
    faded = palette.ink_soft
    return [*((f"{name}: {feature.off_label}", px, faded, False) for name in names),
            (feature.off_label, px, faded, False), (feature.off_label, tiny, palette.ink, False)]


def _plan_route(plan: Plan, feature: Feature, points: list[Point], on: bool, palette: Palette, text_px: int,
                labels: _Labels, bounds: pygame.Rect) -> None:
    """Open: a bold route with an arrowhead. Closed: a faint dashed trace crossed out at its middle."""
    width = line_width(text_px)
    if on:
        pattern_line(plan, palette.paper, points, width + 3, "solid")  # a paper casing lifts it off the land
        pattern_line(plan, palette.route, points, width + 1, "solid")
        _plan_arrowhead(plan, palette.route, points[-2], points[-1], text_px * 0.7)
    else:
        pattern_line(plan, palette.disabled, points, width, "dashed")
        cross(plan, palette.bad, _along(points, 0.62), text_px * 0.35, width + 1)
    for point in points:
        labels.obstacles.append(_marker_box(point, width + 1))
    # Try a few stretches of the route, nearest the middle first, before settling for a shorter label.
    options = _state_label(feature, on, _small(text_px), palette)
    stops = (0.62, 0.45, 0.8, 0.3) if not on else (0.3, 0.5, 0.7, 0.15)
    for option in options:
        if any(labels.place([option], _along(points, at), text_px * 0.4, bounds, ("above", "below"), leader=False)
               for at in stops):
            break


def _plan_arrowhead(plan: Plan, colour: Colour, a: Point, b: Point, size: float) -> None:
    angle = math.atan2(b[1] - a[1], b[0] - a[0])
    left = (b[0] - size * math.cos(angle - 0.45), b[1] - size * math.sin(angle - 0.45))
    right = (b[0] - size * math.cos(angle + 0.45), b[1] - size * math.sin(angle + 0.45))
    plan.polygon(colour, [b, left, right])


def _plan_bases(plan: Plan, data: MapData, feature: Feature, points: list[Point], on: bool, palette: Palette,
                text_px: int, labels: _Labels, bounds: pygame.Rect, terse: bool) -> None:
    """Filled squares where US forces are; hollow, faded and crossed where they are not."""
    r = max(2.5, text_px * 0.3)
    width = line_width(text_px)
    for point in points:
        box = pygame.Rect(0, 0, round(r * 2), round(r * 2))
        box.center = (round(point[0]), round(point[1]))
        if on:
            plan.rect(palette.paper, box.inflate(2, 2))
            plan.rect(palette.route, box)
        else:
            plan.rect(palette.paper, box)
            plan.rect(palette.disabled, box, max(1, width - 1))
            cross(plan, palette.disabled, point, r * 0.6, 1)
        labels.obstacles.append(box.inflate(2, 2))
    if not points:
        return
    small = _small(text_px)
    # The group's name goes below the cluster; the individual names go where they fit.
    cx = sum(p[0] for p in points) / len(points)
    low = max(points, key=lambda p: p[1])
    labels.place(_state_label(feature, on, small, palette), (cx, low[1]), r + 2, bounds,
                 ("below", "left", "right", "above"))
    tiny = max(7, round(small * 0.9))
    for place_id, point in zip(feature.places, points, strict=False):
        place = data.place(place_id)
        names = [place.short, place.name] if terse else [place.name, place.short]
        labels.place([(name, tiny, palette.ink_soft, False) for name in names if name], point, r + 1, bounds)


def _plan_station(plan: Plan, place: Place, feature: Feature, point: Point, on: bool, palette: Palette,
                  text_px: int, labels: _Labels, bounds: pygame.Rect) -> None:
    """A station: a mast with signal arcs while open; a hollow mast under an ✕ and the word 'closed' once shut."""
    r = max(3.0, text_px * 0.38)
    width = line_width(text_px)
    x, y = point
    mast = [(x, y - r), (x + r * 0.75, y + r * 0.8), (x - r * 0.75, y + r * 0.8)]
    body = pygame.Rect(round(x - r), round(y - r * 1.1), round(r * 2), round(r * 2))
    if on:
        plan.circle(palette.paper, point, r * 1.3)
        plan.polygon(palette.ink, mast)
        # Signal arcs over the mast: the station is listening.
        for k in (1.0, 1.7):
            arc = pygame.Rect(0, 0, round(r * k * 2), round(r * k * 2))
            arc.center = (round(x), round(y - r))
            plan.arc(palette.ink, arc, math.radians(35), math.radians(145), max(1, width - 1))
        labels.obstacles.append(pygame.Rect(round(x - r * 1.5), round(y - r * 2.8), round(r * 3), round(r * 1.5)))
    else:
        plan.polygon(palette.paper, mast)
        plan.polygon(palette.disabled, mast, 1)
        cross(plan, palette.bad, point, r * 0.95, width + 1)
    labels.obstacles.append(body)
    labels.place(_state_label(feature, on, _small(text_px), palette), point, r + 2, bounds,
                 ("right", "left", "below", "above"))


def _plan_meeting(plan: Plan, data: MapData, feature: Feature, points: list[Point], on: bool, palette: Palette,
                  text_px: int, labels: _Labels, bounds: pygame.Rect) -> None:
    """Meeting places as stars, joined by a thin line when the council sits; hollow and faded when it does not."""
    r = max(3.0, text_px * 0.4)
    if on and len(points) > 1:
        pattern_line(plan, palette.focus, points, 1, "dashed")
    for point in points:
        star = _star(point, r)
        if on:
            plan.polygon(palette.paper, _star(point, r + 1.5))
            plan.polygon(palette.focus, star)
        else:
            plan.polygon(palette.paper, star)
            plan.polygon(palette.disabled, star, 1)
        labels.obstacles.append(_marker_box(point, r))
    small = _small(text_px)
    if points:  # the feature's name first: it matters more than the names of the cities
        anchor = min(points, key=lambda p: p[1])
        labels.place(_state_label(feature, on, small, palette), anchor, r + 2, bounds,
                     ("above", "left", "right", "below"))
    tiny = max(7, round(small * 0.9))
    for place_id, point in zip(feature.places, points, strict=False):
        labels.place([(data.place(place_id).name, tiny, palette.ink_soft, False)], point, r + 1, bounds,
                     ("left", "right", "below", "above"))


def _star(centre: Point, r: float) -> list[Point]:
    x, y = centre
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
    return points


def _place_region_labels(data: MapData, layout: _Layout, palette: Palette, text_px: int,
                         labels: Mapping[str, _Labels], main_bounds: pygame.Rect, terse: bool) -> None:
    """Country names last, in quiet capitals, only where they clear every feature and place label."""
    small = _small(text_px)
    colour = blend(palette.ink_soft, palette.land, 0.25)
    for region in data.regions:
        if region.label_at is None:
            continue
        proj = layout.projection(region.frame)
        bounds = main_bounds if region.frame == MAIN else layout.insets[region.frame][1]
        names = [region.short, region.name.upper()] if terse else [region.name.upper(), region.short]
        options = [(name, small, colour, False) for name in names if name]
        labels[region.frame].place(options, proj(*region.label_at), 0, bounds, ("centre",))
