"""Base map benchmark: the asset's size, reading it, and projecting each named view at the turn screen's map sizes.

    python benchmarks/map.py

Prints JSON. Targets: asset under 1.5 MB; read + project the 2001 inset (eurasia) under 30 ms; the window's
startup untouched (the map is read on first draw, not at import). Each time is given as wall time and as the
process's CPU time (`cpu_`): on a shared machine the CPU time is the fair figure.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

from partnership_game.geo import basemap
from partnership_game.geo.labels import Box, Label, place_labels
from partnership_game.geo.layers import project_map
from partnership_game.geo.view import fit

SIZES = {"1024x600": (380, 127), "1280x720": (475, 150), "large": (700, 320)}


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def _cold_read_and_project() -> dict[str, float]:
    """In a fresh interpreter: import, read, project the eurasia view (what the first turn screen pays once)."""
    code = ("import time; c = time.process_time; t0, c0 = time.perf_counter(), c()\n"
            "from partnership_game.geo import basemap, layers, view\n"
            "t1, c1 = time.perf_counter(), c(); world = basemap.load(basemap.default_folder())\n"
            "t2, c2 = time.perf_counter(), c()\n"
            "layers.project_map(world, view.fit(world.view('eurasia'), (0, 0, 475, 150)), '2001-09-11')\n"
            "t3, c3 = time.perf_counter(), c(); print(t1 - t0, t2 - t1, t3 - t2, c2 - c1 + c3 - c2)")
    runs = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", "import numpy\n" + code], capture_output=True, text=True,
                             check=True).stdout.split()
        runs.append([float(v) for v in out])
    return {"import_ms": _ms(statistics.median(r[0] for r in runs)),
            "read_ms": _ms(statistics.median(r[1] for r in runs)),
            "project_eurasia_ms": _ms(statistics.median(r[2] for r in runs)),
            "read_and_project_ms": _ms(statistics.median(r[1] + r[2] for r in runs)),
            "cpu_read_and_project_ms": _ms(statistics.median(r[3] for r in runs))}


def main() -> int:
    folder = basemap.default_folder()
    result: dict[str, object] = {
        "asset_bytes": sum((folder / name).stat().st_size for name in ("world.bin", "index.json")),
        "cold": _cold_read_and_project(),
    }
    world = basemap.load(folder)
    views: dict[str, dict[str, float]] = {}
    for name, view in sorted(world.views.items()):
        for label, (w, h) in SIZES.items():
            times, cpu = [], []
            for _ in range(7):
                start, start_cpu = time.perf_counter(), time.process_time()
                layers = project_map(world, fit(view, (0, 0, w, h)), "2001-09-11")
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            points = sum(len(r) for r in layers.land) + sum(len(r) for r in (*layers.coasts, *layers.borders))
            views[f"{name}@{label}"] = {"ms": _ms(statistics.median(times)), "cpu_ms": _ms(statistics.median(cpu)),
                                        "points": points}
    result["project_warm"] = views
    frame = fit(world.view("eurasia"), (0, 0, 475, 150))
    labels = [Label(str(i), frame.point(40 + i * 1.5, 35 + (i * 7) % 25), ((60, 14), (24, 14)), i % 4)
              for i in range(40)]
    start = time.perf_counter()
    for _ in range(20):
        place_labels(labels, Box(0, 0, 475, 150))
    result["place_40_labels_ms"] = _ms((time.perf_counter() - start) / 20)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
