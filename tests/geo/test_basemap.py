"""The Natural Earth base map: the asset loads, projects where it should, and draws the borders of 2001."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from partnership_game.geo import basemap
from partnership_game.geo.basemap import MapAssetError, base_map
from partnership_game.geo.layers import Line, project_map
from partnership_game.geo.projection import Albers, Azimuthal
from partnership_game.geo.view import View, ViewError, fit

RECT = (10, 20, 475, 150)  # the turn screen's map at 1280×720, set off from the corner


def inside(point: tuple[float, float], rings: list[Line]) -> bool:
    """Even-odd rule over every ring."""
    x, y = point
    hits = 0
    for ring in rings:
        pts = np.asarray(ring)
        x1, y1 = pts[:, 0], pts[:, 1]
        x2, y2 = np.roll(x1, -1), np.roll(y1, -1)
        crosses = (y1 > y) != (y2 > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            at = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
        hits += int(np.sum(crosses & (x < at)))
    return hits % 2 == 1


def area(rings: list[Line]) -> float:
    total = 0.0
    for ring in rings:
        pts = np.asarray(ring)
        total += abs(float(np.dot(pts[:, 0], np.roll(pts[:, 1], -1)) - np.dot(pts[:, 1], np.roll(pts[:, 0], -1)))) / 2
    return total


def test_the_asset_is_small_and_names_its_countries() -> None:
    folder = basemap.default_folder()
    size = sum((folder / name).stat().st_size for name in ("world.bin", "index.json"))
    assert size < 1_500_000
    assert (folder / "SOURCE.md").read_text(encoding="utf-8").count("public domain") >= 1
    world = base_map()
    for code in ("RUS", "UZB", "AFG", "CUB", "USA", "KAZ", "TJK", "KGZ", "VNM", "BEL"):
        entity = world.entity(code, "2001-09-11")
        assert entity is not None and entity.iso == code
    assert world.entity("cuba") == world.entity("CUB")  # by Natural Earth's name, in any case
    assert world.entity("Atlantis") is None
    assert "Cuba" in world.suggest("Cubaa")


def test_places_project_into_their_countries() -> None:
    world = base_map()
    cases = [("eurasia", "RUS", (37.6, 55.75)), ("eurasia", "AFG", (69.2, 34.5)), ("eurasia", "UZB", (65.5, 38.8)),
             ("eurasia", "BEL", (4.35, 50.85)), ("cuba", "CUB", (-82.4, 23.1)), ("caribbean", "CUB", (-82.4, 23.1))]
    for view, code, (lon, lat) in cases:
        layers = project_map(world, fit(world.view(view), RECT), "2001-09-11")
        outer, holes = layers.region(code)
        point = layers.point(lon, lat)
        assert outer, f"{code} has no shape in {view}"
        assert inside(point, outer) and not inside(point, holes), f"{code} in {view}"
        left, top, w, h = RECT
        assert left <= point[0] <= left + w and top <= point[1] <= top + h
        # ...and not inside a neighbour: Moscow is not in Belarus.
        assert not inside(point, layers.region("BLR")[0])


def test_2001_draws_serbia_and_montenegro_and_sudan_as_one_state_each() -> None:
    world = base_map()
    then = project_map(world, fit(world.view("europe"), RECT), "2001-09-11")
    now = project_map(world, fit(world.view("europe"), RECT), "2024-01-01")
    assert then.region("SCG")[0] and not now.region("SCG")[0]
    for code in ("SRB", "MNE", "XKX"):
        assert not then.region(code)[0] and now.region(code)[0]
    merged = area(then.region("SCG")[0]) - area(then.region("SCG")[1])
    parts = sum(area(now.region(code)[0]) - area(now.region(code)[1]) for code in ("SRB", "MNE", "XKX"))
    assert merged == pytest.approx(parts, rel=0.03)
    assert len(then.borders) < len(now.borders)  # the lines between them are gone
    africa = View((10, 45), (-5, 25))
    then = project_map(world, fit(africa, RECT), "2001-09-11")
    now = project_map(world, fit(africa, RECT), None)
    assert world.entity("SSD", "2001-09-11") is None and world.entity("SSD") is not None
    juba = (31.6, 4.85)
    assert inside(then.point(*juba), then.region("SDN")[0])
    assert not inside(now.point(*juba), now.region("SDN")[0]) and inside(now.point(*juba), now.region("SSD")[0])
    # Between Montenegro's independence and Kosovo's declaration, Serbia includes Kosovo.
    assert world.entity("XKX", "2007-01-01") is None and world.entity("MNE", "2007-01-01") is not None


def test_wide_views_are_conic_small_ones_azimuthal_and_the_extent_fits() -> None:
    world = base_map()
    assert isinstance(fit(world.view("eurasia"), RECT).projection, Albers)
    assert isinstance(fit(world.view("cuba"), RECT).projection, Azimuthal)
    for name, view in world.views.items():
        frame = fit(view, RECT)
        (w, e), (s, n) = view.lon, view.lat
        xs, ys = frame.project([w, e, w, e, (w + e) / 2], [s, s, n, n, (s + n) / 2])
        left, top, width, height = RECT
        assert np.all(xs >= left - 0.01) and np.all(xs <= left + width + 0.01), name
        assert np.all(ys >= top - 0.01) and np.all(ys <= top + height + 0.01), name
        assert ys[2] < ys[0], f"{name}: north is up"


def test_the_conic_keeps_areas_true() -> None:
    """Equal area: a one-degree cell near the Arctic covers as many pixels as the sphere says, against one in the
    south, within half a percent."""
    frame = fit(base_map().view("eurasia"), RECT)

    def cell(lon: float, lat: float) -> float:
        xs, ys = frame.project([lon, lon + 1, lon + 1, lon], [lat, lat, lat + 1, lat + 1])
        return area([np.column_stack([xs, ys]).tolist()])

    sphere = (np.sin(np.radians(71)) - np.sin(np.radians(70))) / (np.sin(np.radians(11)) - np.sin(np.radians(10)))
    assert cell(100, 70) / cell(20, 10) == pytest.approx(sphere, rel=0.005)


def test_a_view_across_the_date_line_keeps_chukotka_whole() -> None:
    world = base_map()
    layers = project_map(world, fit(View((160, -160), (55, 75)), RECT))
    outer, _ = layers.region("RUS")
    assert inside(layers.point(-175, 66.5), outer) and inside(layers.point(175, 66.5), outer)
    assert inside(layers.point(-160, 64), layers.region("USA")[0])


@pytest.mark.parametrize(("lon", "lat", "message"), [
    ((10, 20), (50, 40), "south must be below north"),
    ((-170, 170), (0, 10), "at most 200 degrees"),
    ((float("nan"), 20), (0, 10), "must be numbers"),
])
def test_a_bad_view_says_why(lon: tuple[float, float], lat: tuple[float, float], message: str) -> None:
    with pytest.raises(ViewError, match=message):
        View(lon, lat)


def test_views_by_centre_and_name() -> None:
    view = View.around(-80, 22, 20, 12)
    assert view.lon == (-90, -70) and view.lat == (16, 28)
    assert view.contains(-82.4, 23.1) and not view.contains(37.6, 55.7)
    assert View.around(180, 60, 20, 10).contains(-175, 62)
    with pytest.raises(ViewError, match=r"no named view 'atlantis'.*eurasia"):
        base_map().view("atlantis")


def test_a_missing_or_damaged_asset_is_named_in_the_message(tmp_path: Path) -> None:
    with pytest.raises(MapAssetError, match=r"index\.json: error: no such file"):
        basemap.load(tmp_path)
    folder = basemap.default_folder()
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    blob = (folder / "world.bin").read_bytes()
    shutil.copy(folder / "index.json", tmp_path / "index.json")
    with pytest.raises(MapAssetError, match=r"world\.bin: error: no such file"):
        basemap.load(tmp_path)
    (tmp_path / "world.bin").write_bytes(blob[: len(blob) // 2])
    with pytest.raises(MapAssetError, match=r"world\.bin: error: the file ends before '\w+' does"):
        basemap.load(tmp_path)
    refs = index["arrays"]["ring_refs"]["offset"]
    damaged = bytearray(blob)
    damaged[refs: refs + 4] = (10_000_000).to_bytes(4, "little")  # a ring made of an arc that does not exist
    (tmp_path / "world.bin").write_bytes(bytes(damaged))
    with pytest.raises(MapAssetError, match="tables do not agree"):
        basemap.load(tmp_path)
    index["arrays"]["points"]["dtype"] = "<f8"
    (tmp_path / "index.json").write_text(json.dumps(index), encoding="utf-8")
    with pytest.raises(MapAssetError, match="'points' is missing or not <u2"):
        basemap.load(tmp_path)
    (tmp_path / "index.json").write_text('{"format_version": 1}', encoding="utf-8")
    with pytest.raises(MapAssetError, match="not a version 2 map index"):
        basemap.load(tmp_path)
    (tmp_path / "index.json").write_text('{"format_version": 1,', encoding="utf-8")
    with pytest.raises(MapAssetError, match=r"index\.json: error: "):
        basemap.load(tmp_path)
