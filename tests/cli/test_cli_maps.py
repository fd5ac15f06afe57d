"""`regions` (the base map's states on a date) and `map` (a scenario's map to a PNG), and the validator's words for
a country on a date before the base map's era data."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from partnership_game.cli import main
from partnership_game.geo.basemap import base_map
from partnership_game.geo.states_on import drawn_day, states_on
from partnership_game.scenario import ScenarioError
from partnership_game.scenario.loader import load_bytes

REPO = Path(__file__).resolve().parents[2]
BERLIN = REPO / "docs" / "examples" / "berlin_airlift"
CARIBBEAN = REPO / "tests" / "data" / "caribbean_1962.yaml"

HEAD = """format_version: 1
id: mapped
title: Mapped
description: A scenario for map tests.
authors: [Tests]
roles: [{id: kremlin, label: The Kremlin}]
meters: [{id: tension, label: Tension, start: 40, good: down}]
turns: [{id: t1, date: "1948-06-28", place: Berlin, title: One}]
events:
  - id: e
    title: E
    turn: t1
    accuracy: invented
    situation: Something.
    options:
      - {id: a, label: A, effects: [{type: add, meter: tension, amount: 1}]}
      - {id: b, label: B, effects: [{type: add, meter: tension, amount: -1}]}
endings: [{id: end, title: End, text: Over., fallback: true}]
map:
  view: {region: europe}
  features:
    - {id: zone, kind: region, label: Zone, countries: [Prussia]}
"""


def test_on_1949_06_01_the_listing_says_deu_is_west_germany_and_ddr_east_germany(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["regions", "--date", "1949-06-01", "--search", "germ"]) == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines() if line.startswith("  ") and not line.startswith("      ")]
    assert [row[:3] for row in rows] == [["DDR", "East", "Germany;"], ["DEU", "West", "Germany;"]]
    said = " ".join(out.split())
    assert "part of today's Germany (DEU)" in said and "FRG" in said and "GDR" in said
    # The heading says which borders are drawn, in W009's terms: none before 1949-10-07.
    assert "no borders before 1949-10-07 and draws those of that day (validate warns W009)" in said
    assert all(len(line) <= 80 for line in out.splitlines())  # wrapped to the terminal (80 when not one)


def test_after_1990_deu_is_the_whole_of_germany_and_no_ddr_is_drawn() -> None:
    states = {s.code: s for s in states_on(base_map(), "2001-09-11", "germany")}
    assert list(states) == ["DEU"] and states["DEU"].name == "Germany" and states["DEU"].made_of == ""


def test_a_union_of_todays_countries_lists_them_and_a_search_finds_it_by_one(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["regions", "--date", "1962-10-16", "--search", "ukraine", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["borders_of"] == "1962-10-16"
    assert [s["code"] for s in found["states"]] == ["SUN"]
    assert "Ukraine (UKR)" in found["states"][0]["made_of"] and "USSR" in found["states"][0]["also"]


def test_every_name_listed_is_one_the_map_accepts_on_that_day() -> None:
    base = base_map()
    for state in states_on(base, "1975-01-01"):
        for word in state.words():
            entity = base.entity(word, "1975-01-01")
            assert entity is not None and entity.iso == state.code, (word, state)


def test_a_date_before_the_era_data_is_drawn_with_its_first_day() -> None:
    assert drawn_day(base_map(), "1948-06-28") == base_map().borders_from == "1949-10-07"
    assert drawn_day(base_map(), "1962-10-16") == "1962-10-16"


def test_bad_date_and_empty_search_are_told_without_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["regions", "--date", "1962-13-01"]) == 2
    assert "'1962-13-01' is not a date written YYYY-MM-DD" in capsys.readouterr().err
    assert main(["regions", "--search", "Atlantis"]) == 1
    assert "No state drawn today" in capsys.readouterr().out


def test_the_validator_says_which_borders_it_drew_for_an_early_date_as_w009_does() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_bytes(HEAD.encode(), "mapped.yaml")
    messages = [d.format() for d in caught.value.diagnostics]
    unknown = next(m for m in messages if "'Prussia'" in m)
    assert ("is not a country of the base map as drawn for 1948-06-28 (the borders of 1949-10-07, the earliest it "
            "knows)") in unknown
    assert "'partnership-game regions --date 1948-06-28' lists them" in unknown
    assert "with the borders of that day" not in unknown
    assert any("W009" in m and "not of 1948-06-28: it draws those of 1949-10-07" in m for m in messages)


def _image(path: Path) -> pygame.Surface:
    return pygame.image.load(str(path))


def test_map_writes_the_scenarios_map_at_the_size_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "caribbean.png"
    assert main(["map", str(CARIBBEAN), "--out", str(out), "--size", "800x450"]) == 0
    said = capsys.readouterr().out
    assert "borders of 1962-10-16" in said and "1 inset(s)" in said
    image = _image(out)
    assert image.get_size() == (800, 450)
    colours = {tuple(image.get_at((x, y)))[:3] for x in range(0, 800, 20) for y in range(0, 450, 20)}
    assert len(colours) > 3  # sea, land, borders and features, not an empty canvas


def test_map_of_a_folder_mod_follows_the_historical_road_to_the_turn(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    first, later = tmp_path / "first.png", tmp_path / "later.png"
    assert main(["map", str(BERLIN), "--out", str(first), "--size", "640x360"]) == 0
    assert main(["map", str(BERLIN), "--turn", "t7_channel", "--out", str(later), "--size", "640x360"]) == 0
    said = capsys.readouterr().out
    assert "turn 't1_blockade'" in said and "turn 't7_channel' (1949-02-15)" in said
    assert "borders of 1949-10-07 (none older are known; for 1948-06-28)" in said
    a, b = _image(first), _image(later)
    changed = sum(a.get_at((x, y)) != b.get_at((x, y)) for x in range(0, 640, 4) for y in range(0, 360, 4))
    assert changed > 20  # the bases and the corridor have opened by then on the historical road


def test_map_refuses_what_it_cannot_draw_or_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["map", str(CARIBBEAN), "--out", str(tmp_path / "map.jpg")]) == 1
    assert "give --out a name ending in .png" in capsys.readouterr().err
    assert main(["map", str(CARIBBEAN), "--turn", "t22", "--out", str(tmp_path / "m.png")]) == 2
    assert "'t22' is not a turn of" in capsys.readouterr().err
    assert main(["map", str(REPO / "docs" / "examples"), "--out", str(tmp_path / "m.png")]) == 1
    assert "the folder holds no scenario file" in capsys.readouterr().err
    (tmp_path / "taken.png").mkdir()
    assert main(["map", str(CARIBBEAN), "--out", str(tmp_path / "taken.png")]) == 1
    assert "taken.png: error: cannot write: is a folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["map", str(CARIBBEAN), "--out", str(tmp_path / "m.png"), "--size", "wide"])
    assert stopped.value.code == 2
    assert not (tmp_path / "m.png").exists()
