"""Build the base map (assets/map/) from Natural Earth's countries as npm's world-atlas package carries them.

    python scripts/build_map.py [--from DIR] [--out assets/map]

Without --from, fetches world-atlas@2.0.2 with `npm pack` into a temporary folder (needs npm and the network once);
with --from, reads countries-50m.json from DIR (an unpacked package). The large lakes come from
scripts/data/lakes_50m.json (picked from Natural Earth's lakes by scripts/map_lakes.py, committed). Writes world.bin
(the shared arcs, their points and each point's detail level; the rings of every country as arc references; the
lakes' rings: little-endian arrays back to back) and index.json (where each array lies in world.bin; the map's
units by ISO code and name, the era table of past states, the lakes, the named views). The asset is committed:
players and CI never need npm.

What it does: decodes the TopoJSON (delta-encoded arcs, quantization transform); cuts Germany, Yemen and Vietnam in
two along our own approximate dividing lines (map_split.py), so their divided years can be drawn; records which
units use each arc (an arc used by two is a border, by one a coast); builds the shapes of the era table's states
(map_codes.MERGES: the Soviet Union, Yugoslavia, Czechoslovakia, the two Germanys... and Serbia and Montenegro,
Sudan undivided for 2001) by cancelling the arcs their members share; ranks every point by its Visvalingam-Whyatt
area so a view keeps only the points that matter at its scale, drops detail finer than any view draws, and packs
the points as 16-bit grid coordinates.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from map_codes import BORDERS_FROM, BY_NAME, ISO3, MERGES, SPLITS, VIEWS, Merge
from map_lakes import read as read_lakes
from map_split import split

from partnership_game.geo.eras import Era, era_problems

PACKAGE = "world-atlas"
VERSION = "2.0.2"
SOURCE_FILE = "countries-50m.json"
# The finest detail any view needs: about 0.005 degrees a pixel (a 3-degree region across 600 pixels).
MIN_AREA = 0.5 * 0.005**2  # square degrees (longitude scaled by the cosine of latitude)
LEVELS_PER_OCTAVE = 8  # detail levels: 8 for each doubling of a point's area
GRID = 65535  # points are stored as 16-bit steps over 360 degrees of longitude and 180 of latitude


def fetch_package(folder: Path) -> Path:
    """`npm pack` the pinned world-atlas into `folder` and unpack it; returns the unpacked package folder."""
    try:
        done = subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=folder, check=True,
                              capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.SubprocessError) as exc:
        sys.exit(f"build_map: error: cannot fetch {PACKAGE}@{VERSION} with npm: {exc}")
    tarball = folder / done.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as archive:
        archive.extractall(folder, filter="data")
    return folder / "package"


def decode_arcs(topology: dict) -> list[np.ndarray]:
    """Each arc's points as quantized integers (n, 2): TopoJSON stores the first point and then the steps."""
    return [np.cumsum(np.asarray(arc, dtype=np.int64), axis=0) for arc in topology["arcs"]]


def country_code(geometry: dict) -> str:
    if "code" in geometry:
        return str(geometry["code"])
    name = geometry["properties"]["name"]
    if name in BY_NAME:
        return BY_NAME[name]
    ident = geometry.get("id")
    if ident not in ISO3:
        sys.exit(f"build_map: error: no ISO code for {name!r} (id {ident!r}); add it to scripts/map_codes.py")
    return ISO3[ident]


def polygons_of(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def ring_points(ring: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts = [arcs[r] if r >= 0 else arcs[~r][::-1] for r in ring]
    return np.concatenate([parts[0], *(p[1:] for p in parts[1:])])


def signed_area(points: np.ndarray) -> float:
    x, y = points[:, 0].astype(float), points[:, 1].astype(float)
    return float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2


def merged_rings(rings: list[list[int]], arcs: list[np.ndarray]) -> list[list[int]]:
    """The outline of several countries as one: arcs two members share cancel out, the rest chain into rings."""
    refs = [r for ring in rings for r in ring]
    used = {r if r >= 0 else ~r for r in refs}
    shared = {a for a in used if a in refs and ~a in refs}
    kept = [r for r in refs if (r if r >= 0 else ~r) not in shared]

    def ends(ref: int) -> tuple[tuple[int, int], tuple[int, int]]:
        pts = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        return tuple(pts[0]), tuple(pts[-1])  # type: ignore[return-value]

    starting = {ends(r)[0]: r for r in kept}
    if len(starting) != len(kept):
        sys.exit("build_map: error: a merge meets itself at a point; chain by hand")
    out: list[list[int]] = []
    left = set(kept)
    while left:
        first = next(r for r in kept if r in left)
        ring = [first]
        left.discard(first)
        while ends(ring[-1])[1] != ends(first)[0]:
            step = starting[ends(ring[-1])[1]]
            ring.append(step)
            left.discard(step)
        out.append(ring)
    return out


def visvalingam(points: np.ndarray) -> np.ndarray:
    """Each point's effective area (the triangle it makes with its neighbours when it is removed); ends: inf."""
    n = len(points)
    area = np.full(n, np.inf)
    if n <= 2:
        return area
    lat = points[:, 1]
    x = points[:, 0] * np.cos(np.radians(np.clip(lat, -85, 85)))
    y = lat
    prev = list(range(-1, n - 1))
    nxt = list(range(1, n + 1))

    def tri(i: int) -> float:
        a, b = prev[i], nxt[i]
        return abs((x[a] - x[i]) * (y[b] - y[i]) - (x[b] - x[i]) * (y[a] - y[i])) / 2

    heap = [(tri(i), i) for i in range(1, n - 1)]
    heapq.heapify(heap)
    current = {i: a for a, i in heap}
    floor = 0.0
    while heap:
        value, i = heapq.heappop(heap)
        if current.get(i) != value:
            continue  # a stale entry: the point's area changed after it was pushed
        del current[i]
        floor = max(floor, value)  # a point never ranks below one removed before it
        area[i] = floor
        a, b = prev[i], nxt[i]
        nxt[a], prev[b] = b, a
        for j in (a, b):
            if 0 < j < n - 1 and j in current:
                current[j] = tri(j)
                heapq.heappush(heap, (current[j], j))
    return area


def levels(area: np.ndarray) -> np.ndarray:
    """0 = finer than any view draws (dropped); 1..254 by octaves of area; 255 = an arc's ends, always kept."""
    out = np.zeros(len(area), dtype=np.uint8)
    finite = np.isfinite(area)
    big = finite & (area >= MIN_AREA)
    out[big] = np.clip(np.floor(LEVELS_PER_OCTAVE * np.log2(area[big] / MIN_AREA)) + 1, 1, 254)
    out[~finite] = 255
    return out


def simplified(lonlat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A line's points that some view draws, as 16-bit grid steps, and their detail levels."""
    level = levels(visvalingam(lonlat))
    keep = level > 0
    grid = np.empty((int(keep.sum()), 2), dtype=np.uint16)
    grid[:, 0] = np.round((lonlat[keep, 0] + 180) / 360 * GRID)
    grid[:, 1] = np.round((lonlat[keep, 1] + 90) / 180 * GRID)
    return grid, level[keep]


def check_eras(units: list[str], merges: tuple[Merge, ...]) -> None:
    """The era table against the map's units (partnership_game.geo.eras: the loader checks the same)."""
    problems = era_problems(units, [Era(m.name, m.members, m.since, m.until) for m in merges])
    if problems:
        sys.exit("build_map: error: " + "\nbuild_map: error: ".join(problems))


def pack_lakes(lakes: list[dict]) -> tuple[list[dict], dict[str, np.ndarray]]:
    """Each lake's rings as grid points with detail levels, like the arcs (a ring's first and last point kept)."""
    entries: list[dict] = []
    points: list[np.ndarray] = []
    level: list[np.ndarray] = []
    owner: list[int] = []
    for k, lake in enumerate(lakes):
        entries.append({"name": lake["name"], "since": lake.get("since"), "until": lake.get("until")})
        for ring in lake["rings"]:
            grid, ranks = simplified(np.asarray(ring, dtype=float))
            points.append(grid)
            level.append(ranks)
            owner.append(k)
    boxes = np.asarray([[p[:, 0].min(), p[:, 1].min(), p[:, 0].max(), p[:, 1].max()] for p in points], dtype=float)
    boxes = boxes / GRID * np.array([360, 180, 360, 180]) - np.array([180, 90, 180, 90])
    return entries, {
        "lake_points": np.concatenate(points),
        "lake_level": np.concatenate(level),
        "lake_start": np.concatenate([[0], np.cumsum([len(p) for p in points])]).astype(np.int32),
        "lake_owner": np.asarray(owner, dtype=np.int16),
        "lake_box": boxes.astype(np.float32),
    }


def build(topology: dict) -> tuple[dict[str, np.ndarray], dict]:
    transform = topology["transform"]
    scale, translate = np.asarray(transform["scale"]), np.asarray(transform["translate"])
    quantized = decode_arcs(topology)
    geometries = [g for g in topology["objects"]["countries"]["geometries"] if polygons_of(g)]
    for geometry in geometries:
        geometry["code"] = country_code(geometry)
    for spec in SPLITS:
        geometries = split(geometries, quantized, spec, scale, translate)

    entities: list[dict] = []
    ring_refs: list[list[int]] = []
    ring_entity: list[int] = []
    ring_hole: list[bool] = []
    users = np.full((len(quantized), 2), -1, dtype=np.int16)
    check_eras([country_code(g) for g in geometries], MERGES)
    exterior_sign = 0.0
    by_code: dict[str, int] = {}
    for index, geometry in enumerate(geometries):
        code = country_code(geometry)
        if code in by_code:
            sys.exit(f"build_map: error: two shapes share the code {code}")
        by_code[code] = index
        entities.append({"iso": code, "numeric": geometry.get("id"), "name": geometry["properties"]["name"],
                         "since": None, "until": None, "members": []})
        for polygon in polygons_of(geometry):
            for k, ring in enumerate(polygon):
                ring_refs.append(ring)
                ring_entity.append(index)
                ring_hole.append(k > 0)
                if k == 0 and not exterior_sign:
                    exterior_sign = math.copysign(1.0, signed_area(ring_points(ring, quantized)))
                for ref in ring:
                    arc = ref if ref >= 0 else ~ref
                    side = 0 if users[arc, 0] < 0 else 1
                    if users[arc, side] >= 0:
                        sys.exit(f"build_map: error: arc {arc} has more than two countries")
                    users[arc, side] = index
    # Today's countries end where a merge's members begin again (so a date picks exactly one shape for each place).
    for merge in MERGES:
        index = len(entities)
        entities.append({"iso": merge.iso, "numeric": merge.numeric, "name": merge.name, "since": merge.since,
                         "until": merge.until, "members": list(merge.members), "also": list(merge.also)})
        members = [by_code[m] for m in merge.members]
        member_rings = [r for r, e in zip(ring_refs, ring_entity, strict=True) if e in members]
        for ring in merged_rings(member_rings, quantized):
            ring_refs.append(ring)
            ring_entity.append(index)
            sign = math.copysign(1.0, signed_area(ring_points(ring, quantized)))
            ring_hole.append(sign != exterior_sign)

    # Simplify each arc once: shared arcs stay shared, so borders and coasts still meet at every scale.
    grid_points: list[np.ndarray] = []
    grid_levels: list[np.ndarray] = []
    for arc in quantized:
        grid, ranks = simplified(arc * scale + translate)
        grid_points.append(grid)
        grid_levels.append(ranks)
    lakes, lake_arrays = pack_lakes(read_lakes())
    arc_start = np.concatenate([[0], np.cumsum([len(p) for p in grid_points])]).astype(np.int32)
    points = np.concatenate(grid_points)
    lon = points[:, 0] / GRID * 360 - 180
    lat = points[:, 1] / GRID * 180 - 90
    boxes = np.empty((len(ring_refs), 4), dtype=np.float32)
    for i, ring in enumerate(ring_refs):
        idx = np.concatenate([np.arange(arc_start[r if r >= 0 else ~r], arc_start[(r if r >= 0 else ~r) + 1])
                              for r in ring])
        boxes[i] = (lon[idx].min(), lat[idx].min(), lon[idx].max(), lat[idx].max())
    arrays = {
        "points": points,
        "level": np.concatenate(grid_levels),
        "arc_start": arc_start,
        "arc_users": users,
        "ring_refs": np.concatenate([np.asarray(r, dtype=np.int32) for r in ring_refs]),
        "ring_start": np.concatenate([[0], np.cumsum([len(r) for r in ring_refs])]).astype(np.int32),
        "ring_entity": np.asarray(ring_entity, dtype=np.int16),
        "ring_hole": np.asarray(ring_hole, dtype=bool),
        "ring_box": boxes,
        **lake_arrays,
    }
    index_doc = {
        "format_version": 2,
        "source": {"data": "Natural Earth 1:50m admin-0 countries and lakes (public domain)",
                   "package": f"{PACKAGE}@{VERSION}", "file": SOURCE_FILE, "lakes": "scripts/data/lakes_50m.json"},
        "borders_from": BORDERS_FROM,
        "grid": GRID,
        "min_area": MIN_AREA,
        "levels_per_octave": LEVELS_PER_OCTAVE,
        "countries": len(geometries),
        "entities": entities,
        "lakes": lakes,
        "views": VIEWS,
    }
    return arrays, index_doc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, help="an unpacked world-atlas package folder")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "assets" / "map")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="build-map-") as temp:
        folder = args.source or fetch_package(Path(temp))
        try:
            topology = json.loads((folder / SOURCE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            sys.exit(f"{folder / SOURCE_FILE}: error: {exc}")
        arrays, index_doc = build(topology)
    args.out.mkdir(parents=True, exist_ok=True)
    # Raw arrays, not a zip: read with one frombuffer each in about a millisecond (the first turn screen waits).
    blob = bytearray()
    layout = {}
    for name, array in arrays.items():
        blob.extend(b"\0" * (-len(blob) % 8))
        data = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<"))
        layout[name] = {"dtype": data.dtype.str, "shape": list(data.shape), "offset": len(blob)}
        blob.extend(data.tobytes())
    index_doc["arrays"] = layout
    (args.out / "world.bin").write_bytes(bytes(blob))
    (args.out / "index.json").write_text(json.dumps(index_doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    size = (args.out / "world.bin").stat().st_size + (args.out / "index.json").stat().st_size
    print(json.dumps({"points": len(arrays["points"]), "arcs": len(arrays["arc_start"]) - 1,
                      "rings": len(arrays["ring_entity"]), "lake_points": len(arrays["lake_points"]),
                      "bytes": size}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
