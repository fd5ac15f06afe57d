"""Borders of the scenario's date: the era table, the divided and merged states it draws, and the lakes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pygame
import pytest

from partnership_game.geo import basemap
from partnership_game.geo.basemap import MapAssetError, base_map
from partnership_game.geo.eras import Era, era_problems
from partnership_game.geo.layers import MapLayers, project_map
from partnership_game.geo.view import View, fit
from partnership_game.scenario import ScenarioError, load_bytes

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "caribbean_1962.yaml"
WIDE = (0, 0, 1280, 720)
EUROPE = View((-12.0, 60.0), (30.0, 66.0))
SOVIET = ("RUS", "UKR", "BLR", "MDA", "GEO", "ARM", "AZE", "KAZ", "UZB", "TKM", "KGZ", "TJK", "EST", "LVA", "LTU")


def layers_at(day: str, view: View = EUROPE) -> MapLayers:
    return project_map(base_map(), fit(view, WIDE), day)


def border_between(layers: MapLayers, a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether a drawn border crosses the straight segment between two places (pixels of the layers' frame)."""
    (x1, y1), (x2, y2) = layers.point(*a), layers.point(*b)
    for line in layers.borders:
        pts = np.asarray(line)
        p, q = pts[:-1], pts[1:]
        d1 = (x2 - x1) * (p[:, 1] - y1) - (y2 - y1) * (p[:, 0] - x1)
        d2 = (x2 - x1) * (q[:, 1] - y1) - (y2 - y1) * (q[:, 0] - x1)
        d3 = (q[:, 0] - p[:, 0]) * (y1 - p[:, 1]) - (q[:, 1] - p[:, 1]) * (x1 - p[:, 0])
        d4 = (q[:, 0] - p[:, 0]) * (y2 - p[:, 1]) - (q[:, 1] - p[:, 1]) * (x2 - p[:, 0])
        if np.any((d1 * d2 < 0) & (d3 * d4 < 0)):
            return True
    return False


KYIV, MOSCOW, MINSK = (30.52, 50.45), (37.62, 55.75), (27.56, 53.9)
BONN, BERLIN_EAST = (7.1, 50.73), (13.41, 52.52)


def test_1962_draws_the_soviet_union_as_one_state_with_no_border_inside() -> None:
    world = base_map()
    soviet = world.entity("SUN", "1962-10-22")
    assert soviet is not None and soviet.name == "Soviet Union" and set(soviet.members) == set(SOVIET)
    assert world.entity("USSR", "1962-10-22") == soviet  # by its other name too
    for code in SOVIET:
        assert world.entity(code, "1962-10-22") is None, f"{code} is drawn alone in 1962"
    then, now = layers_at("1962-10-22"), layers_at("2020-01-01")
    assert then.region("SUN")[0] and not then.region("UKR")[0]
    assert not border_between(then, KYIV, MOSCOW) and not border_between(then, MINSK, MOSCOW)
    assert border_between(now, KYIV, MOSCOW) and border_between(now, MINSK, MOSCOW)
    assert border_between(then, KYIV, (21.0, 52.23))  # ...while its border with Poland (Warsaw) stays


def test_1962_divides_germany_and_draws_yugoslavia_and_czechoslovakia_whole() -> None:
    world = base_map()
    then, now = layers_at("1962-10-22"), layers_at("2020-01-01")
    for code, name in (("DEU", "West Germany"), ("DDR", "East Germany"), ("YUG", "Yugoslavia"),
                       ("CSK", "Czechoslovakia")):
        entity = world.entity(code, "1962-10-22")
        assert entity is not None and entity.name == name
        assert then.region(code)[0], f"{code} has no shape in 1962"
    assert world.entity("FRG", "1962-10-22") == world.entity("DEU", "1962-10-22")
    assert border_between(then, BONN, BERLIN_EAST) and not border_between(now, BONN, BERLIN_EAST)
    assert not border_between(then, (16.61, 49.19), (21.26, 48.72))  # Brno to Kosice: one state
    assert not border_between(then, (20.46, 44.82), (15.98, 45.81))  # Belgrade to Zagreb: one state
    assert world.entity("DEU", "2020-01-01").name == "Germany"  # type: ignore[union-attr]
    assert world.entity("DDR", "2020-01-01") is None


def test_2001_keeps_serbia_and_montenegro_and_sudan_and_today_has_neither() -> None:
    world = base_map()
    for day, shown, gone in (("2001-09-11", ("SCG", "SDN", "DEU", "RUS", "UKR", "CZE", "SVK", "HRV"),
                              ("SRB", "SSD", "SUN", "DDR", "CSK", "YUG")),
                             ("2020-01-01", ("SRB", "MNE", "XKX", "SDN", "SSD", "DEU", "YEM", "VNM"),
                              ("SCG", "SUN", "DDR", "YMD", "VDR"))):
        active = {e.iso for e in world.active(day)}
        assert set(shown) <= active, day
        assert not set(gone) & active, day
    assert world.entity("Serbia and Montenegro", "2001-09-11") == world.entity("SCG", "2001-09-11")
    assert world.entity("SCG", "2001-09-11").name == "Yugoslavia"  # type: ignore[union-attr]
    assert world.entity("SCG", "2004-01-01").name == "Serbia and Montenegro"  # type: ignore[union-attr]


def test_the_dates_between_follow_the_record() -> None:
    world = base_map()
    assert world.entity("SUN", "1991-12-25") is not None and world.entity("SUN", "1991-12-26") is None
    assert world.entity("EST", "1991-12-01") is not None  # the Baltic states left first
    assert world.entity("PAK", "1971-01-01").members == ("PAK", "BGD")  # type: ignore[union-attr]
    assert world.entity("BGD", "1972-01-01") is not None
    assert world.entity("VDR", "1975-05-01") is not None and world.entity("VDR", "1976-07-02") is None
    assert world.entity("YMD", "1989-01-01").name == "South Yemen"  # type: ignore[union-attr]
    assert world.entity("ERI", "1960-01-01") is None and world.entity("ERI", "1950-01-01") is not None


def test_a_country_within_a_state_of_that_date_is_pointed_to_it() -> None:
    world = base_map()
    assert world.suggest("Ukraine", "1962-10-22")[0] == "SUN"
    assert world.suggest("SRB", "2001-09-11")[0] == "SCG"
    assert world.suggest("Kosovo", "2001-09-11")[0] == "SCG"
    assert world.suggest("Cubaa", "1962-10-22")[0] == "Cuba"  # a country shown itself: only close names


def test_every_unit_belongs_to_one_state_at_most_on_any_day() -> None:
    world = base_map()
    for day in ("1950-01-01", "1962-10-22", "1991-10-01", "1992-03-15", "2001-09-11", "2007-01-01", "2030-01-01"):
        owners = world.owners(day)
        for unit, owner in enumerate(owners.tolist()):
            entity = world.entities[owner]
            assert entity.in_force(world_day(day))
            if owner != unit:
                assert world.entities[unit].iso in entity.members
            else:
                assert "." not in entity.iso, f"the piece {entity.iso} is drawn alone on {day}"


def world_day(day: str) -> str:
    return basemap.iso_day(day)


def test_the_era_table_names_only_units_of_the_map_and_never_two_states_at_once() -> None:
    units = ["RUS", "UKR", "DEU.W", "DEU.E"]
    good = [Era("Soviet Union", ("RUS", "UKR"), None, "1991-12-26"),
            Era("West Germany", ("DEU.W",), None, "1990-10-03"), Era("East Germany", ("DEU.E",), None, "1990-10-03"),
            Era("Germany", ("DEU.W", "DEU.E"), "1990-10-03", None)]
    assert era_problems(units, good) == []
    assert era_problems(units, [*good, Era("Atlantis", ("ATL",), None, None)]) == [
        "Atlantis (start to now) names ATL, which is not a country of the map"]
    overlap = era_problems(units, [*good, Era("Rus", ("RUS", "BLR"), "1990-01-01", "1995-01-01")])
    assert "on 1990-01-01 RUS is in both Soviet Union and Rus" in overlap
    assert any("BLR" in p for p in overlap)
    gap = [good[0], good[1], good[2], Era("Germany", ("DEU.W", "DEU.E"), "1990-10-04", None)]
    assert era_problems(units, gap) == ["on 1990-10-03 the piece DEU.W belongs to no state",
                                        "on 1990-10-03 the piece DEU.E belongs to no state"]
    assert era_problems(units, [Era("Back", ("RUS",), "2000-01-01", "1999-01-01")])[0].startswith("Back ends")


def test_an_asset_whose_era_table_names_an_unknown_country_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    shutil.copytree(basemap.default_folder(), folder)
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    soviet = next(e for e in index["entities"] if e["iso"] == "SUN")
    soviet["members"].append("ATL")
    (folder / "index.json").write_text(json.dumps(index), encoding="utf-8")
    with pytest.raises(MapAssetError, match=r"era table is wrong: Soviet Union .* names ATL"):
        basemap.load(folder)


def test_large_lakes_are_water_on_the_map() -> None:
    world = base_map()
    names = {lake.name for lake in world.lakes}
    assert {"Lake Baikal", "Lake Ladoga", "Lake Victoria", "Lake Superior", "Lake Balkhash"} <= names
    layers = layers_at("2001-09-11", View((90.0, 120.0), (45.0, 60.0)))
    assert len(layers.lakes) >= 1
    land, water = (200, 190, 160), (180, 200, 210)
    image = pygame.Surface(WIDE[2:])
    image.fill(land)
    for ring in layers.lakes:
        pygame.draw.polygon(image, water, ring)
    baikal, irkutsk = layers.point(108.0, 53.5), layers.point(104.3, 52.3)
    assert tuple(image.get_at((round(baikal[0]), round(baikal[1]))))[:3] == water
    assert tuple(image.get_at((round(irkutsk[0]), round(irkutsk[1]))))[:3] == land
    assert not layers_at("2001-09-11", View((0.0, 20.0), (18.0, 30.0))).lakes  # none in the Sahara


def _scenario(extra: str = "", first: str = "1962-10-16") -> str:
    text = EXAMPLE.read_text(encoding="utf-8").replace('date: "1962-10-16"', f'date: "{first}"')
    return text.replace("map:\n", f"map:\n{extra}", 1)


def test_the_map_draws_the_first_turns_borders_or_its_own_borders_date() -> None:
    plain = load_bytes(_scenario().encode(), "c.yaml")
    assert plain.compiled.map.date == "1962-10-16"
    dated = load_bytes(_scenario('  borders: "2001-09-11"\n').encode(), "c.yaml")
    assert dated.compiled.map.date == "2001-09-11"
    with pytest.raises(ScenarioError) as caught:
        load_bytes(_scenario('  borders: "1962-02-30"\n').encode(), "c.yaml")
    assert "'1962-02-30' is not a date written YYYY-MM-DD" in str(caught.value)


def test_a_date_before_the_era_data_is_warned_about_where_it_is_written() -> None:
    early = load_bytes(_scenario(first="1948-06-24").replace('"1962-10-22"', '"1948-07-01"').replace(
        '"1962-10-28"', '"1948-07-02"').encode(), "c.yaml")
    found = [w.format() for w in early.warnings if w.code == "W009"]
    assert len(found) == 1 and found[0].startswith("c.yaml:"), early.warnings
    assert "knows the borders of 1949-10-07 and later, not of 1948-06-24" in found[0]
    overridden = load_bytes(_scenario('  borders: "1930-01-01"\n').encode(), "c.yaml")
    assert next(w.message for w in overridden.warnings if w.code == "W009").startswith(
        "the base map knows the borders of 1949-10-07 and later, not of 1930-01-01")
    assert not [w for w in load_bytes(_scenario().encode(), "c.yaml").warnings if w.code == "W009"]


def test_a_region_naming_a_country_of_today_is_pointed_to_the_state_of_the_maps_date() -> None:
    text = _scenario().replace("countries: [CUB]", "countries: [UKR]")
    with pytest.raises(ScenarioError) as caught:
        load_bytes(text.encode(), "c.yaml")
    assert "'UKR' is not a country of the base map on 1962-10-16 (did you mean 'SUN'?)" in str(caught.value)
