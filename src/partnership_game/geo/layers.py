"""The base map projected into a frame: land, holes, coasts and borders as pixel polylines, ready to draw."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from partnership_game.geo.basemap import BaseMap, DateLike, Entity, iso_day
from partnership_game.geo.projection import relative_longitude
from partnership_game.geo.view import Frame

Line = list[list[float]]  # [[x, y], ...] in pixels: what pygame.draw.polygon and lines take
DETAIL_PX = 0.7  # keep a point when its Visvalingam triangle is at least this many pixels on a side
MIN_RING_PX = 1.0  # an island smaller than this, in pixels, is not drawn
_MARGIN = 0.25  # beyond what the rect shows, a fraction of the view's span still searched for shapes


@dataclass
class MapLayers:
    """Everything the base map draws in one frame. Fill `land`, then `holes` and `lakes` in the water's colour, then
    stroke `borders`, `coasts` and the lakes' shores. `regions` holds each shown country's own rings (exteriors,
    holes) for highlighting."""

    frame: Frame
    day: str
    land: list[Line] = field(default_factory=list)
    holes: list[Line] = field(default_factory=list)
    coasts: list[Line] = field(default_factory=list)
    borders: list[Line] = field(default_factory=list)
    lakes: list[Line] = field(default_factory=list)
    regions: dict[int, tuple[list[Line], list[Line]]] = field(default_factory=dict)
    base: BaseMap | None = None

    def region(self, code: str) -> tuple[list[Line], list[Line]]:
        """A country's exterior rings and holes by ISO code or name, as drawn at the map's date: ([], []) when it
        is not on the map at that date or lies outside the frame."""
        entity = self.base.entity(code, self.day) if self.base else None
        if entity is None:
            return [], []
        return self.regions.get(entity.index, ([], []))

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return self.frame.point(lon, lat)


def _window(frame: Frame) -> tuple[float, float, float, float]:
    """The lon/lat box (longitudes relative to the centre) that holds everything the rect can show, and more."""
    (w, e), (s, n) = frame.view.lon, frame.view.lat
    _, _, width, height = frame.rect
    lon_span, lat_span = e - w, n - s
    # How much more than the extent the rect shows along each axis (the fit leaves room on one of them).
    xs, ys = frame.project([w, e, (w + e) / 2, (w + e) / 2], [(s + n) / 2, (s + n) / 2, s, n])
    more_x = width / max(abs(xs[1] - xs[0]), 1.0)
    more_y = height / max(abs(ys[3] - ys[2]), 1.0)
    # Toward the pole a conic shows more longitude across the same pixels: half as much again covers it.
    half_lon = min(180.0, lon_span * (more_x / 2 + _MARGIN) * 1.5)
    half_lat = lat_span * (more_y / 2 + _MARGIN)
    mid = (s + n) / 2
    return -half_lon, mid - half_lat, half_lon, mid + half_lat


def _overlaps(box: NDArray[np.float64], lon0: float, window: tuple[float, float, float, float]) -> NDArray[np.bool_]:
    west, south, east, north = window
    lo = box[:, 0] - lon0
    hi = box[:, 2] - lon0
    hit = np.zeros(len(box), dtype=bool)
    for turn in (-360.0, 0.0, 360.0):
        hit |= (lo + turn <= east) & (hi + turn >= west)
    return hit & (box[:, 1] <= north) & (box[:, 3] >= south)


def _crosses_seam(box: NDArray[np.float64], lon0: float) -> NDArray[np.bool_]:
    """Shapes that straddle the meridian opposite the centre, where wrapped longitudes jump by 360."""
    seam = (lon0 + 360.0) % 360.0 - 180.0
    return (box[:, 0] < seam) & (seam < box[:, 2])


def _lowest_level(base: BaseMap, frame: Frame) -> int:
    """The detail level a point needs to be drawn in this frame (finer points would fall within a pixel)."""
    area = (DETAIL_PX * frame.degrees_per_pixel) ** 2
    lowest = math.floor(base.levels_per_octave * math.log2(max(area, 1e-30) / base.min_area)) + 1
    return min(max(lowest, 1), 255)


class _Arcs:
    """The points of the arcs in view, kept at the frame's detail level, projected once into one list of pairs."""

    def __init__(self, base: BaseMap, frame: Frame, needed: NDArray[np.bool_]) -> None:
        in_needed_arc = np.repeat(needed, np.diff(base.arc_start))
        kept = np.flatnonzero((base.level >= _lowest_level(base, frame)) & in_needed_arc)
        self.kept = kept
        self.starts = np.searchsorted(kept, base.arc_start).tolist()
        self.base = base
        self.frame = frame
        x, y = frame.project(base.lon[kept], base.lat[kept])
        self.xy: Line = np.column_stack([x, y]).tolist()  # lists slice far faster than arrays convert

    def polyline(self, refs: list[int], seam: bool) -> Line:
        if seam:
            return self._unwrapped(refs)
        starts, xy = self.starts, self.xy
        line: Line = []
        for ref in refs:
            arc = ref if ref >= 0 else ~ref
            part = xy[starts[arc]: starts[arc + 1]]
            if ref < 0:
                part.reverse()
            line.extend(part[1:] if line else part)  # each arc begins where the last one ended
        return line

    def _unwrapped(self, refs: list[int]) -> Line:
        """Unwrapped across the far meridian, so the shape stays whole (off the frame) instead of torn across it."""
        parts = []
        for k, ref in enumerate(refs):
            arc = ref if ref >= 0 else ~ref
            idx = self.kept[self.starts[arc]: self.starts[arc + 1]]
            idx = idx if ref >= 0 else idx[::-1]
            parts.append(idx if k == 0 else idx[1:])
        points = np.concatenate(parts)
        dlon = np.unwrap(relative_longitude(self.base.lon[points], self.frame.projection.lon0), period=360.0)
        dlon -= 360.0 * np.round(dlon.mean() / 360.0)
        x, y = self.frame.project_relative(dlon, self.base.lat[points])
        return np.column_stack([x, y]).tolist()  # type: ignore[no-any-return]


def project_map(base: BaseMap, frame: Frame, date: DateLike = None) -> MapLayers:
    """The base map in `frame`, with the borders in force at `date` (None: today's)."""
    day = iso_day(date)
    owners = base.owners(day)
    shown = set(owners.tolist())
    lon0 = frame.projection.lon0
    window = _window(frame)
    layers = MapLayers(frame, day, base=base)

    box = base.ring_box
    size_px = np.maximum((box[:, 2] - box[:, 0]) * np.cos(np.radians((box[:, 1] + box[:, 3]) / 2)),
                         box[:, 3] - box[:, 1]) / frame.degrees_per_pixel
    wanted = _overlaps(box, lon0, window) & (size_px >= MIN_RING_PX) & np.isin(base.ring_entity, list(shown))
    seam = _crosses_seam(box, lon0)
    users = base.arc_users
    first = owners[users[:, 0]]
    second = np.where(users[:, 1] >= 0, owners[np.maximum(users[:, 1], 0)], -1)
    arc_box = base.arc_box
    arc_px = np.maximum(arc_box[:, 2] - arc_box[:, 0], arc_box[:, 3] - arc_box[:, 1]) / frame.degrees_per_pixel
    lines = _overlaps(arc_box, lon0, window) & (first != second) & (arc_px >= MIN_RING_PX)
    needed = lines.copy()
    used = base.ring_refs[np.repeat(wanted, np.diff(base.ring_start))]
    needed[np.where(used >= 0, used, ~used)] = True
    arcs = _Arcs(base, frame, needed)
    all_refs, starts, entities, holes = base.rings
    for ring in np.flatnonzero(wanted).tolist():
        refs = all_refs[starts[ring]: starts[ring + 1]]
        crossing = bool(seam[ring])
        if crossing and _polar(base, refs):
            continue  # a ring round the pole (Antarctica) has no place in a view that crosses its seam
        line = arcs.polyline(refs, crossing)
        if len(line) < 3:
            continue
        outer, inner = layers.regions.setdefault(entities[ring], ([], []))
        (inner if holes[ring] else outer).append(line)
        (layers.holes if holes[ring] else layers.land).append(line)

    arc_seam = _crosses_seam(arc_box, lon0)
    for arc in np.flatnonzero(lines).tolist():
        line = arcs.polyline([arc], bool(arc_seam[arc]))
        (layers.coasts if second[arc] < 0 else layers.borders).append(line)
    layers.lakes = _lakes(base, frame, day, window)
    return layers


def _lakes(base: BaseMap, frame: Frame, day: str, window: tuple[float, float, float, float]) -> list[Line]:
    """The lakes of `day` in view and big enough to see, at the frame's detail."""
    box = base.lake_box
    size_px = np.maximum((box[:, 2] - box[:, 0]) * np.cos(np.radians((box[:, 1] + box[:, 3]) / 2)),
                         box[:, 3] - box[:, 1]) / frame.degrees_per_pixel
    shown = np.isin(np.asarray(base.lake_owner), base.lakes_at(day))
    wanted = np.flatnonzero(_overlaps(box, frame.projection.lon0, window) & (size_px >= 2 * MIN_RING_PX) & shown)
    lowest = _lowest_level(base, frame)
    lines: list[Line] = []
    for ring in wanted.tolist():
        start, end = base.lake_start[ring], base.lake_start[ring + 1]
        keep = np.flatnonzero(base.lake_level[start:end] >= lowest) + start
        if len(keep) >= 3:
            x, y = frame.project(base.lake_lon[keep], base.lake_lat[keep])
            lines.append(np.column_stack([x, y]).tolist())
    return lines


def _polar(base: BaseMap, refs: list[int]) -> bool:
    arcs = [r if r >= 0 else ~r for r in refs]
    idx = np.concatenate([np.arange(base.arc_start[a], base.arc_start[a + 1]) for a in arcs])
    turn = np.unwrap(base.lon[idx], period=360.0)
    return bool(abs(turn[-1] - turn[0]) > 180.0)


def regions_at(base: BaseMap, date: DateLike = None) -> list[Entity]:
    """The countries a scenario may highlight at `date` (for validation and did-you-mean hints)."""
    return base.active(date)
