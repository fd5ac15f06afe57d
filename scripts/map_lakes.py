"""The large lakes of the base map: picked once from Natural Earth's 1:50m lakes into scripts/data/lakes_50m.json.

    python scripts/map_lakes.py ne_50m_lakes.geojson   # rewrites scripts/data/lakes_50m.json

build_map.py reads that small file (committed, so a rebuild needs neither the original nor the network) and packs
each lake's outline like a country's: 16-bit grid points ranked by Visvalingam-Whyatt area.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from pathlib import Path

LAKES_FILE = Path(__file__).resolve().parent / "data" / "lakes_50m.json"
MIN_KM2 = 3000.0  # smaller lakes are a few pixels on the game's views
# Left out: salt flats of Australia, dry most years (Natural Earth files them as lakes; a map of water should not),
# and Sarygamysh, filled by irrigation drainage only from the 1960s on.
LEFT_OUT = {"Lake Eyre North", "Lake Torrens", "Lake Gairdner", "Lake Mackay", "Sarygamysh Köli"}
KM_PER_DEGREE = 111.32


def _km2(ring: list[list[float]]) -> float:
    lat0 = sum(p[1] for p in ring) / len(ring)
    k = math.cos(math.radians(lat0))
    twice = sum(x1 * k * y2 - x2 * k * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
    return abs(twice) / 2 * KM_PER_DEGREE**2


def extract(source: Path) -> dict:
    """Natural lakes of at least MIN_KM2 (reservoirs left out: each has a date the map does not know)."""
    raw = source.read_bytes()
    doc = json.loads(raw)
    lakes: dict[str, list[list[list[float]]]] = {}
    for feature in doc["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        name = props.get("name")
        if not name or name in LEFT_OUT or props.get("featurecla") == "Reservoir" or name in lakes:
            continue
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings = [[[round(x, 4), round(y, 4)] for x, y in polygon[0]] for polygon in polygons]
        if sum(_km2(ring) for ring in rings) >= MIN_KM2:
            lakes[name] = rings
    return {
        "source": {"data": "Natural Earth 1:50m lakes (public domain)", "file": source.name,
                   "sha256": hashlib.sha256(raw).hexdigest(),
                   "picked": f"natural lakes of at least {MIN_KM2:g} km2, outer rings only, 4 decimals"},
        "lakes": [{"name": name, "rings": rings} for name, rings in sorted(lakes.items())],
    }


def read() -> list[dict]:
    """The committed pick: [{"name", "rings", optional "since"/"until"}]."""
    try:
        return list(json.loads(LAKES_FILE.read_text(encoding="utf-8"))["lakes"])
    except (OSError, ValueError, KeyError) as exc:
        sys.exit(f"{LAKES_FILE}: error: {exc}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        sys.exit("usage: python scripts/map_lakes.py ne_50m_lakes.geojson")
    picked = extract(Path(argv[0]))
    LAKES_FILE.parent.mkdir(parents=True, exist_ok=True)
    LAKES_FILE.write_text(json.dumps(picked, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(json.dumps({"lakes": len(picked["lakes"]), "points": sum(len(r) for lake in picked["lakes"]
                                                                 for r in lake["rings"])}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
