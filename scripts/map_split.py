"""Cut a country of the TopoJSON in two along a dividing line (map_codes.SPLITS), keeping the arcs shared.

The line's ends snap to points of the country's outline; the arcs there are cut in two (in every shape that uses
them, so neighbours still meet), and the line becomes a new arc that both pieces use: a border like any other.
"""

from __future__ import annotations

import sys

import numpy as np
from map_codes import Split

Arcs = list[np.ndarray]  # each arc's quantized points (n, 2)


def _fail(message: str) -> None:
    sys.exit(f"build_map: error: {message}")


def _polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    return list(geometry["arcs"]) if geometry["type"] == "MultiPolygon" else []


def _oriented(ref: int, arcs: Arcs) -> np.ndarray:
    return arcs[ref] if ref >= 0 else arcs[~ref][::-1]


def _ring_points(ring: list[int], arcs: Arcs) -> np.ndarray:
    parts = [_oriented(r, arcs) for r in ring]
    return np.concatenate([parts[0], *(p[1:] for p in parts[1:])])


def _area(points: np.ndarray) -> float:
    x, y = points[:, 0].astype(float), points[:, 1].astype(float)
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2


def _inside(point: np.ndarray, ring: np.ndarray) -> bool:
    x, y = float(point[0]), float(point[1])
    x1, y1 = ring[:, 0].astype(float), ring[:, 1].astype(float)
    x2, y2 = np.roll(x1, -1), np.roll(y1, -1)
    crosses = (y1 > y) != (y2 > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
    return int(np.sum(crosses & (x < at))) % 2 == 1


def _cut_arc(arcs: Arcs, geometries: list[dict], arc: int, k: int) -> None:
    """Arc `arc` becomes its points 0..k and a new arc k..end; every ring that used it now uses both."""
    points = arcs[arc]
    arcs[arc] = points[: k + 1]
    arcs.append(points[k:])
    new = len(arcs) - 1
    for geometry in geometries:
        for polygon in _polygons(geometry):
            for ring in polygon:
                out: list[int] = []
                for ref in ring:
                    if ref == arc:
                        out += [arc, new]
                    elif ref == ~arc:
                        out += [~new, ~arc]
                    else:
                        out.append(ref)
                ring[:] = out


def _snap(arcs: Arcs, geometries: list[dict], ring: list[int], target: np.ndarray) -> tuple[int, int]:
    """Cut the ring's arcs at its point nearest `target`; returns that point as a tuple (an arc now starts there)."""
    best: tuple[float, int, int] = (np.inf, 0, 0)
    for ref in ring:
        pts = _oriented(ref, arcs)
        d = np.hypot(*(pts - target).T.astype(float))
        i = int(d.argmin())
        if d[i] < best[0]:
            best = (float(d[i]), ref, i)
    _, ref, i = best
    arc = ref if ref >= 0 else ~ref
    k = i if ref >= 0 else len(arcs[arc]) - 1 - i
    if 0 < k < len(arcs[arc]) - 1:
        _cut_arc(arcs, geometries, arc, k)
    return int(arcs[arc][k][0]), int(arcs[arc][k][1])


def split(geometries: list[dict], arcs: Arcs, spec: Split, scale: np.ndarray, translate: np.ndarray) -> list[dict]:
    """`geometries` (each with its code in "code") with the country `spec.country` replaced by its two pieces;
    `arcs` gains the dividing line and the cut arcs. `scale` and `translate`: the TopoJSON's quantization."""
    where = [i for i, g in enumerate(geometries) if g["code"] == spec.country]
    if len(where) != 1:
        _fail(f"the split of {spec.country} finds {len(where)} shapes with that code")
    country = geometries[where[0]]
    polygons = _polygons(country)
    main = max(range(len(polygons)), key=lambda p: _area(_ring_points(polygons[p][0], arcs)))
    quantized = np.round((np.asarray(spec.line, dtype=float) - translate) / scale).astype(np.int64)
    start = _snap(arcs, geometries, polygons[main][0], quantized[0])
    end = _snap(arcs, geometries, polygons[main][0], quantized[-1])
    outline = polygons[main][0]
    outline_points = _ring_points(outline, arcs)
    for k, point in enumerate(quantized[1:-1], 1):
        if not _inside(point, outline_points):
            lon, lat = spec.line[k]
            _fail(f"point {k} ({lon}, {lat}) of the line dividing {spec.country} lies outside it")
    starts = [tuple(int(v) for v in _oriented(r, arcs)[0]) for r in outline]
    if start not in starts or end not in starts or start == end:
        _fail(f"the line dividing {spec.country} does not meet its outline at two points")
    a = starts.index(start)
    rotated = outline[a:] + outline[:a]
    b = [tuple(int(v) for v in _oriented(r, arcs)[0]) for r in rotated].index(end)
    line = np.concatenate([[start], quantized[1:-1], [end]]).astype(np.int64)
    arcs.append(line)
    divider = len(arcs) - 1
    rings = [[*rotated[:b], ~divider], [*rotated[b:], divider]]  # start..end then back; end..start then across
    probe = np.round((np.asarray(spec.probe) - translate) / scale)
    if not _inside(probe, _ring_points(rings[0], arcs)):
        rings.reverse()
    if not _inside(probe, _ring_points(rings[0], arcs)):
        _fail(f"the probe point of {spec.pieces[0]} lies in neither piece of {spec.country}")
    pieces: list[list[list[list[int]]]] = [[[rings[0]]], [[rings[1]]]]
    cores = [_ring_points(r, arcs) for r in rings]
    for p, polygon in enumerate(polygons):
        if p == main:
            continue
        if len(polygon) > 1:
            _fail(f"{spec.country} has a hole outside its main shape; split it by hand")
        centre = _ring_points(polygon[0], arcs).mean(axis=0)
        near = [float(np.min(np.hypot(*(core - centre).T.astype(float)))) for core in cores]
        pieces[int(np.argmin(near))].append(polygon)
    if len(polygons[main]) > 1:
        _fail(f"{spec.country}'s main shape has holes; split it by hand")
    out = [g for i, g in enumerate(geometries) if i != where[0]]
    for code, piece in zip(spec.pieces, pieces, strict=True):
        out.append({"type": "MultiPolygon", "arcs": piece, "id": None, "code": code,
                    "properties": {"name": f"{country['properties']['name']} ({code})"}})
    return out
