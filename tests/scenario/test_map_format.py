"""Maps in the scenario format: the view, insets and features load, compile and change state with the game, and
every mistake (an unknown region, inset, flag or country, a position off the map) is reported where it is."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import numpy as np
import pytest

from partnership_game.scenario import ScenarioError, load_bytes, load_path
from partnership_game.scenario.compiled_map import CompiledMap
from partnership_game.scenario.conditions import Context
from partnership_game.scenario.map_regions import find_country
from partnership_game.scenario.schema import scenario_schema
from partnership_game.scenario.yaml_tree import read_document
from partnership_game.session.map_states import map_now
from partnership_game.session.session import Session

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "tests" / "data" / "caribbean_1962.yaml"

# A scenario with every required key and nothing else, to which each test adds its map (or its flags' links).
HEAD = """format_version: 1
id: mapped
title: Mapped
description: A scenario for map tests.
authors: [Tests]
roles: [{id: kremlin, label: The Kremlin}]
meters: [{id: tension, label: Tension, start: 40, good: down}]
flags:
  - {id: found, label: Found}
  - {id: gone, label: Gone}
turns: [{id: t1, date: "1962-10-16", place: Moscow, title: One}]
events:
  - id: e
    title: E
    turn: t1
    accuracy: invented
    situation: Something.
    options:
      - {id: a, label: A, effects: [{type: set_flag, flag: found}]}
      - {id: b, label: B, effects: [{type: set_flag, flag: gone}]}
endings: [{id: end, title: End, text: Over., fallback: true}]
"""

MAP = """map:
  view: {region: caribbean}
  insets:
    - {id: turkey, title: Turkey, view: {centre: [33, 39], extent: [20, 10]}}
  features:
    - id: sites
      kind: point
      label: Sites
      places:
        - {name: San Cristobal, at: [-83.05, 22.72]}
      states:
        - {when: gone, shows: closed, status: dismantled}
        - {when: found, shows: alert}
        - {shows: hidden}
"""


def load(text: str) -> CompiledMap:
    return load_bytes(text.encode(), "mapped.yaml").compiled.map


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_bytes(text.encode(), "mapped.yaml")
    return [d.format() for d in caught.value.diagnostics]


def where(text: str, needle: str, nth: int = 0) -> str:
    """`line:col` of the nth occurrence of `needle` in the text (1-based, as the messages give it)."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{line}:{col}"


def context(game_map_flags: dict[str, bool], flag_ids: tuple[str, ...], tension: float = 40.0) -> Context:
    flags = np.array([[game_map_flags.get(f, False) for f in flag_ids]], dtype=np.bool_)
    return Context(np.array([[tension]]), flags, 1)


# ---------------------------------------------------------------------------------------------------------------
# What loads, and what the window reads
# ---------------------------------------------------------------------------------------------------------------


def test_the_1962_example_loads_clean_and_its_features_follow_the_game() -> None:
    loaded = load_path(EXAMPLE)
    assert loaded.warnings == ()
    game_map = loaded.compiled.map
    assert game_map.declared and game_map.view.region == "caribbean" and game_map.date == "1962-10-16"
    assert [f.id for f in game_map.features] == ["havana", "cuba", "missile_sites", "quarantine_line", "jupiters"]
    assert game_map.feature("jupiters").frame == "turkey"
    assert game_map.frame("turkey").lon == (23.0, 43.0) and game_map.frame("turkey").lat == (34.0, 44.0)
    assert game_map.feature("quarantine_line").path[0] == (-77.0, 30.0)

    session = Session(loaded, 1)  # the first turn's happening has run: the sites are found
    now = map_now(session)
    assert (now["missile_sites"].shows, now["missile_sites"].status) == ("alert", "found")
    assert now["quarantine_line"].shows == "hidden"
    assert now["cuba"].shows == "open" and now["jupiters"].shows == "open"
    assert now["missile_sites"].description == "Launch sites for Soviet medium-range missiles."

    session.choose(1)  # sail on: the quarantine holds and the danger passes 80
    now = map_now(session)
    assert now["quarantine_line"].shows == "open"
    assert (now["cuba"].shows, now["cuba"].status) == ("alert", "on alert")

    session.choose(0)  # the deal
    now = map_now(session)
    assert (now["missile_sites"].shows, now["missile_sites"].status) == ("closed", "dismantled")
    assert (now["quarantine_line"].shows, now["quarantine_line"].note) == (
        "closed", "With the missiles leaving, the ships will stand down.")
    assert now["jupiters"].status == "to be withdrawn"
    assert now["missile_sites"].state == 0 and now["havana"].state == 0


def test_the_example_passes_the_json_schema_and_the_schema_file_knows_maps() -> None:
    data = read_document(EXAMPLE.read_bytes(), str(EXAMPLE)).data
    errors = [e.message for e in jsonschema.Draft7Validator(scenario_schema()).iter_errors(data)]
    assert errors == []
    bad = {**data, "map": {"view": {"region": "caribbean"}, "features": [{"id": "x", "kind": "blob", "label": "X"}]}}
    assert list(jsonschema.Draft7Validator(scenario_schema()).iter_errors(bad))


@pytest.mark.parametrize("name", ["new_partnership", "brussels_2001"])
def test_the_2001_scenarios_carry_their_own_map(name: str) -> None:
    loaded = load_path(REPO / "scenarios" / f"{name}.yaml")
    game_map = loaded.compiled.map
    assert game_map.declared and game_map.view.region == "eurasia"
    assert [i.id for i in game_map.insets] == ["caribbean"]
    assert game_map.feature("lourdes").frame == "caribbean"
    assert not any(f.map for f in loaded.model.flags)  # the old links moved into the features' states
    flags = loaded.compiled.flag_ids
    closer = "lourdes_closed" if name == "new_partnership" else "stations_closed"
    lourdes = game_map.feature("lourdes")
    assert lourdes.state(context({}, flags)).shows == "open"
    assert lourdes.state(context({closer: True}, flags)).status == "closing"


def test_the_campaigns_bases_open_with_any_of_their_three_flags() -> None:
    loaded = load_path(REPO / "scenarios" / "new_partnership.yaml")
    bases, flags = loaded.compiled.map.feature("us_bases"), loaded.compiled.flag_ids
    assert [p.short or p.name for p in bases.places] == ["K2", "Kulob", "Manas"]
    assert bases.state(context({}, flags)).status == "no access"
    for flag in ("bases_k2", "bases_tajik", "bases_manas"):
        assert bases.state(context({flag: True}, flags)).shows == "open"


def test_states_pick_over_many_games_at_once() -> None:
    game_map = load(HEAD + MAP)
    flags = np.array([[False, False], [True, False], [True, True], [False, True]])
    picked = game_map.feature("sites").pick(Context(np.full((4, 1), 40.0), flags, 1))
    assert picked.tolist() == [2, 1, 0, 0]


def test_a_scenario_without_a_map_gets_the_default_view_and_no_features() -> None:
    game_map = load(HEAD)
    assert not game_map.declared and game_map.features == ()
    assert game_map.view.region == "eurasia" and game_map.date == "1962-10-16"


def test_a_view_by_centre_and_extent_may_cross_the_date_line() -> None:
    text = HEAD + """map:
  view: {centre: [180, 60], extent: [40, 30]}
  features:
    - {id: anadyr, kind: point, label: Anadyr, at: [177.5, 64.7]}
    - {id: nome, kind: point, label: Nome, at: [-165.4, 64.5]}
"""
    game_map = load(text)
    assert game_map.view.lon == (160.0, 200.0) and game_map.view.centre == (180.0, 60.0)


# ---------------------------------------------------------------------------------------------------------------
# The short form: a flag's `map` link
# ---------------------------------------------------------------------------------------------------------------


def test_flag_links_give_a_feature_without_states_its_states() -> None:
    text = HEAD.replace("  - {id: found, label: Found}", "  - {id: found, label: Found, map: {feature: station, "
                        "shows: closed}}") + """map:
  view: {region: cuba}
  features:
    - {id: station, kind: point, symbol: station, label: Station, at: [-82.45, 22.98]}
"""
    loaded = load_bytes(text.encode(), "mapped.yaml")
    station, flags = loaded.compiled.map.feature("station"), loaded.compiled.flag_ids
    assert station.state(context({}, flags)).shows == "open"  # the opposite of what its only link shows
    found = station.state(context({"found": True}, flags))
    assert (found.shows, found.flag, found.note) == ("closed", "found", "Found")  # why: the flag's label


def test_a_later_flag_link_wins_over_an_earlier_one() -> None:
    text = HEAD.replace("  - {id: found, label: Found}", "  - {id: found, label: Found, map: {feature: station, "
                        "shows: closed}}").replace(
        "  - {id: gone, label: Gone}", "  - {id: gone, label: Gone, map: {feature: station, shows: open}}") + """map:
  view: {region: cuba}
  features:
    - {id: station, kind: point, label: Station, at: [-82.45, 22.98]}
"""
    loaded = load_bytes(text.encode(), "mapped.yaml")
    station, flags = loaded.compiled.map.feature("station"), loaded.compiled.flag_ids
    assert station.state(context({"found": True, "gone": True}, flags)).shows == "open"
    assert station.state(context({}, flags)).shows == "closed"  # a link shows it open: it rests closed


def test_an_older_file_with_links_and_no_map_still_loads_with_a_warning() -> None:
    text = HEAD.replace("  - {id: found, label: Found}", "  - {id: found, label: Found, map: {feature: lourdes, "
                        "shows: closed}}")
    loaded = load_bytes(text.encode(), "old.yaml")
    [warning] = loaded.warnings
    assert warning.code == "W006" and f"{warning.line}:{warning.col}" == where(text, "lourdes")
    assert "declares no 'map'" in warning.message and "MODDING.md, Maps" in warning.message
    assert loaded.compiled.map.features == ()


def test_a_link_to_an_unknown_feature_or_to_one_with_states_is_an_error() -> None:
    text = HEAD.replace("  - {id: found, label: Found}", "  - {id: found, label: Found, map: {feature: site, "
                        "shows: closed}}").replace(
        "  - {id: gone, label: Gone}", "  - {id: gone, label: Gone, map: {feature: sites}}") + MAP
    found = problems(text)
    assert found == [
        f"mapped.yaml:{where(text, 'site,')}: error: 'site' is not a feature of this scenario's map "
        "(did you mean 'sites'?)",
        f"mapped.yaml:{where(text, 'sites}')}: error: feature 'sites' has its own 'states', which a flag's link "
        "would compete with: give the feature a state '{when: gone, shows: open}' instead",
    ]


# ---------------------------------------------------------------------------------------------------------------
# Mistakes, each reported where it is
# ---------------------------------------------------------------------------------------------------------------


def test_a_position_off_the_map_is_reported_at_the_position_and_names_the_inset_it_lies_in() -> None:
    text = HEAD + MAP + """    - {id: izmir, kind: point, label: Izmir, at: [27.1, 38.4]}
    - {id: swapped, kind: point, label: Havana, inset: turkey, at: [23.13, -82.37]}
"""
    found = problems(text)
    assert found == [
        f"mapped.yaml:{where(text, '[27.1')}: error: position [27.1, 38.4] lies outside the map's view (longitude "
        "-90 to -58, latitude 9 to 31); it lies in inset 'turkey': give the feature 'inset: turkey'",
        f"mapped.yaml:{where(text, '[23.13')}: error: position [23.13, -82.37] lies outside inset 'turkey' "
        "(longitude 23 to 43, latitude 34 to 44): check the order [longitude, latitude], or widen the view",
    ]


def test_a_point_of_a_line_off_the_map_is_reported_at_that_point() -> None:
    text = HEAD + MAP + """    - id: line
      kind: line
      label: Line
      path: [[-76, 29.5], [-70, 26], [-50, 21]]
"""
    [message] = problems(text)
    assert message.startswith(f"mapped.yaml:{where(text, '[-50')}: error: position [-50, 21] lies outside the "
                               "map's view")


def test_numbers_outside_the_globe_are_refused_with_their_position() -> None:
    text = HEAD + MAP + "    - {id: far, kind: point, label: Far, at: [-200, 22]}\n"
    [message] = problems(text)
    assert message == (f"mapped.yaml:{where(text, '[-200')}: error: longitude -200 is not between -180 and 180 "
                       "(write [longitude, latitude], east positive)")


def test_unknown_region_inset_flag_and_duplicate_ids() -> None:
    text = HEAD + MAP.replace("{region: caribbean}", "{region: carribean}") + """    - id: sites
      kind: point
      label: Again
      inset: turky
      at: [27.1, 38.4]
      states:
        - {when: fuond, shows: alert}
        - {shows: open}
"""
    found = problems(text)
    assert f"mapped.yaml:{where(text, 'carribean')}: error: 'carribean' is not a named region of the base map " \
           "(did you mean 'caribbean'?)" in found[0]
    assert found[1] == f"mapped.yaml:{where(text, 'sites', 1)}: error: duplicate map feature id 'sites' " \
                       f"(first used at line {where(text, 'sites').split(':')[0]})"
    assert found[2] == f"mapped.yaml:{where(text, 'turky')}: error: 'turky' is not a declared inset " \
                       "(did you mean 'turkey'?)"
    assert len(found) == 3  # a feature in an unknown inset is not checked further: its frame is unknown


def test_a_state_reading_an_undeclared_flag_points_into_the_condition() -> None:
    text = HEAD + MAP.replace("{when: found, shows: alert}", "{when: tension > 50 and fuond, shows: alert}")
    [message] = problems(text)
    line, col = where(text, "tension > 50").split(":")
    assert message == (f"mapped.yaml:{line}:{int(col) + len('tension > 50 and ')}: error: in condition: 'fuond' is "
                       "not a declared meter or flag (did you mean 'found'?)")


def test_states_need_when_on_all_but_the_last() -> None:
    text = HEAD + MAP.replace("{when: found, shows: alert}", "{shows: alert}").replace(
        "{shows: hidden}", "{when: gone, shows: hidden}")
    found = problems(text)
    assert found == [
        f"mapped.yaml:{where(text, '{shows: alert}')}: error: state 2 of 3 has no 'when': only the last state goes "
        "without one (it is shown while no other holds)",
        f"mapped.yaml:{where(text, 'gone, shows: hidden')}: error: the last state (number 3) has a 'when': the last "
        "one must have none, so that the feature is always in some state",
    ]


@pytest.mark.parametrize(("view", "message"), [
    ("{region: caribbean, centre: [0, 0]}", "a view is either a named 'region' or a 'centre' and an 'extent'"),
    ("{centre: [0, 0]}", "a view with a 'centre' also needs its 'extent': [width, height] in degrees"),
    ("{}", "a view needs a named 'region', or a 'centre' and an 'extent'"),
    ("{centre: [0, 80], extent: [40, 30]}", "the view reaches latitude 95, past a pole"),
    ("{centre: [0, 0], extent: [250, 30]}", "the view is 250 degrees wide; the map shows at most 200 degrees"),
])
def test_a_view_must_say_one_stretch_of_the_globe(view: str, message: str) -> None:
    text = HEAD + f"map:\n  view: {view}\n"
    [found] = problems(text)
    assert message in found and found.startswith("mapped.yaml:")


@pytest.mark.parametrize(("feature", "message"), [
    ("{id: p, kind: point, label: P}", "a point needs 'at: [longitude, latitude]' or 'places'"),
    ("{id: p, kind: point, label: P, at: [-80, 20], places: [{name: Q, at: [-81, 21]}]}",
     "a point needs either 'at' (one position) or 'places' (several), not both"),
    ("{id: p, kind: point, label: P, path: [[-80, 20], [-81, 21]]}", "'path' does not belong to a point"),
    ("{id: l, kind: line, label: L, path: [[-80, 20]]}", "a line's 'path' needs at least 2 positions, not 1"),
    ("{id: r, kind: region, label: R, countries: [CUB], symbol: base}", "a region's symbol is one of highlight"),
    ("{id: p, kind: point, label: P, at: [-80, 20], label_at: [-80, 21]}", "'label_at' belongs to a region"),
    ("{id: p, kind: blob, label: P}", "expected 'point', 'line' or 'region'"),
    ("{id: p, kind: point, label: P, at: [-80, 20], priority: 11}", "'priority' must be 10 or less (got 11)"),
    ("{id: p, kind: point, label: P, at: [-80, 20], states: [{shows: glowing}]}", "expected 'open', 'closed'"),
])
def test_a_feature_has_the_keys_of_its_kind(feature: str, message: str) -> None:
    text = HEAD + f"map:\n  view: {{region: caribbean}}\n  features:\n    - {feature}\n"
    found = problems(text)
    assert any(message in f for f in found), found


@pytest.mark.skipif(find_country("Cuba", "1962-10-16") is None, reason="the base map (assets/map/) is not built")
def test_countries_are_checked_against_the_base_map_at_the_scenarios_date() -> None:
    text = HEAD + """map:
  view: {region: eurasia}
  features:
    - {id: cuban, kind: region, label: Cuba, countries: [cub, Cubaa]}
    - {id: yugoslavia, kind: region, label: Serbia, countries: [SRB, SCG, Serbia and Montenegro]}
"""
    text = text.replace("{region: eurasia}", "{centre: [0, 20], extent: [180, 60]}")
    found = problems(text.replace('"1962-10-16"', '"2001-09-11"'))
    shifted = text.replace('"1962-10-16"', '"2001-09-11"')
    assert found[0].startswith(f"mapped.yaml:{where(shifted, 'Cubaa')}: error: 'Cubaa' is not a country of the base "
                               "map on 2001-09-11 (did you mean 'Cuba'?)")
    assert found[1].startswith(f"mapped.yaml:{where(shifted, 'SRB')}: error: 'SRB' is not a country of the base map "
                               "on 2001-09-11")
    assert found[2] == (f"mapped.yaml:{where(shifted, 'Serbia and')}: error: 'Serbia and Montenegro' is already in "
                        "this region (item 2)")
    assert len(found) == 3
    clean = text.replace("Cubaa", "USA").replace("[SRB, SCG, Serbia and Montenegro]", "[SCG]")
    assert load(clean.replace('"1962-10-16"', '"2001-09-11"')).feature("cuban").countries == ("CUB", "USA")


def test_a_hidden_flag_read_only_by_the_map_is_read() -> None:
    text = HEAD.replace("  - {id: gone, label: Gone}", "  - {id: gone, label: Gone, hidden: true}") + MAP
    assert load_bytes(text.encode(), "mapped.yaml").warnings == ()
    unread = HEAD.replace("  - {id: gone, label: Gone}", "  - {id: gone, label: Gone, hidden: true}")
    assert [w.code for w in load_bytes(unread.encode(), "mapped.yaml").warnings] == ["W001"]


def test_without_a_readable_base_map_views_still_check_and_countries_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    from partnership_game.geo import basemap
    from partnership_game.scenario import map_regions

    def broken() -> basemap.BaseMap:
        raise basemap.MapAssetError("assets/map/index.json: error: damaged")

    monkeypatch.setattr(basemap, "base_map", broken)
    map_regions.named_regions.cache_clear()
    try:
        text = HEAD + MAP + "    - {id: cuban, kind: region, label: Cuba, countries: [Cubba]}\n"
        assert load(text).feature("cuban").countries == ("Cubba",)  # kept as written, for the window to resolve
        assert "is not a named region" in problems(text.replace("{region: caribbean}", "{region: carribean}"))[0]
    finally:
        map_regions.named_regions.cache_clear()
