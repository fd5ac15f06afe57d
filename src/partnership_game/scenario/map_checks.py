"""Checks of a scenario's map: named regions, insets, positions within the view, countries, states and flag links."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from partnership_game.scenario.conditions import Kind
from partnership_game.scenario.diagnostics import did_you_mean
from partnership_game.scenario.map_models import Feature, GameMap, View
from partnership_game.scenario.map_regions import MAX_SPAN_LON, Box, borders_from, find_country, named_regions
from partnership_game.scenario.models import Scenario
from partnership_game.scenario.yaml_tree import Path

W_MAP_LINK = "W006"
W_MAP_BORDERS = "W009"  # the map's date lies before the base map's era data
MAIN = "main"


class Reporter(Protocol):
    """What the map checks need of the scenario checker."""

    s: Scenario

    def report(self, path: Path, message: str, severity: str = "error", code: str = "",
               offset: int | None = None) -> None: ...

    def condition(self, source: str | None, path: Path, want: Kind = "bool") -> None: ...

    def unique(self, items: Iterable[tuple[str, Path]], what: str) -> None: ...

    def ref(self, ident: str, known: Sequence[str], path: Path, what: str) -> None: ...


def view_box(view: View) -> Box | None:
    """The stretch of the globe a view shows (None for a region name the base map does not know)."""
    if view.region is not None:
        return named_regions().get(view.region)
    assert view.centre is not None and view.extent is not None
    return Box.around(view.centre, view.extent)


def check_map(c: Reporter) -> None:
    """Every problem of the scenario's `map:` section, and of the flags' map links, with positions."""
    game_map = c.s.map
    if game_map is None:
        for i, flag in enumerate(c.s.flags):
            if flag.map is not None:
                c.report(("flags", i, "map", "feature"), f"flag '{flag.id}' links to map feature '{flag.map.feature}',"
                         " but this scenario declares no 'map': the game's map has no features of its own; declare "
                         "it under 'map: features:' (MODDING.md, Maps), or remove the link", "warning", W_MAP_LINK)
        return
    _borders_known(c)
    frames = {MAIN: _frame(c, game_map.view, ("map", "view"))}
    c.unique(((inset.id, ("map", "insets", i, "id")) for i, inset in enumerate(game_map.insets)), "inset")
    for i, inset in enumerate(game_map.insets):
        if inset.id == MAIN:
            c.report(("map", "insets", i, "id"), f"'{MAIN}' names the main map; give the inset another id")
        frames.setdefault(inset.id, _frame(c, inset.view, ("map", "insets", i, "view")))
    c.unique(((f.id, ("map", "features", i, "id")) for i, f in enumerate(game_map.features)), "map feature")
    for i, feature in enumerate(game_map.features):
        _feature(c, game_map, frames, i, feature)
    _links(c, game_map)


def _frame(c: Reporter, view: View, path: Path) -> Box | None:
    """The view's box, after checking it names a known region or stays on the globe."""
    if view.region is not None:
        regions = named_regions()
        if view.region not in regions:
            c.report((*path, "region"), f"'{view.region}' is not a named region of the base map"
                     f"{did_you_mean(view.region, regions)} (regions: {', '.join(sorted(regions))})")
            return None
        return regions[view.region]
    box = view_box(view)
    assert box is not None
    if box.lat[0] < -90 or box.lat[1] > 90:
        c.report((*path, "extent"), f"the view reaches latitude {box.lat[0] if box.lat[0] < -90 else box.lat[1]:g}, "
                 "past a pole: make the extent's height smaller or move the centre")
        return None
    if box.extent[0] > MAX_SPAN_LON:
        c.report((*path, "extent"), f"the view is {box.extent[0]:g} degrees wide; the map shows at most "
                 f"{MAX_SPAN_LON:g} degrees of longitude (wider, the far side of the world folds into it)")
        return None
    return box


def _feature(c: Reporter, game_map: GameMap, frames: dict[str, Box | None], i: int, f: Feature) -> None:
    here: Path = ("map", "features", i)
    frame = MAIN
    if f.inset is not None:
        insets = [inset.id for inset in game_map.insets]
        if f.inset not in insets:
            c.ref(f.inset, insets, (*here, "inset"), "inset")
            return
        frame = f.inset
    box = frames.get(frame)
    positions: list[tuple[list[float], Path]] = []
    if f.at is not None:
        positions.append((f.at, (*here, "at")))
    positions += [(p.at, (*here, "places", k, "at")) for k, p in enumerate(f.places)]
    positions += [(point, (*here, "path", k)) for k, point in enumerate(f.path)]
    if f.label_at is not None:
        positions.append((f.label_at, (*here, "label_at")))
    if box is not None:
        for (lon, lat), path in positions:
            if not box.holds(lon, lat):
                c.report(path, _off_map(lon, lat, frame, box, frames))
    _countries(c, f, here)
    _states(c, f, here)


def _off_map(lon: float, lat: float, frame: str, box: Box, frames: dict[str, Box | None]) -> str:
    where = "the map's view" if frame == MAIN else f"inset '{frame}'"
    message = f"position [{lon:g}, {lat:g}] lies outside {where} ({box.describe()})"
    elsewhere = [name for name, other in frames.items()
                 if name != frame and other is not None and other.holds(lon, lat)]
    if elsewhere and elsewhere[0] != MAIN:
        return f"{message}; it lies in inset '{elsewhere[0]}': give the feature 'inset: {elsewhere[0]}'"
    if elsewhere:
        return f"{message}; it lies in the main view: leave 'inset' out"
    return f"{message}: check the order [longitude, latitude], or widen the view"


def _countries(c: Reporter, f: Feature, here: Path) -> None:
    date = map_date(c.s)
    seen: dict[str, int] = {}
    for k, name in enumerate(f.countries):
        country = find_country(name, date)
        if country is None:
            return  # without the base map's asset a country's name cannot be checked (the window reports the asset)
        if country.iso is None:
            hint = f" (did you mean '{country.suggestions[0]}'?)" if country.suggestions else ""
            c.report((*here, "countries", k), f"'{name}' is not a country of the base map {_drawn_on(date)}{hint}: "
                     "use its ISO code (CUB) or its name as the base map has it (Cuba); 'partnership-game regions "
                     f"--date {date}' lists them")
        elif country.iso in seen:
            c.report((*here, "countries", k), f"'{name}' is already in this region (item {seen[country.iso] + 1})")
        else:
            seen[country.iso] = k


def _drawn_on(date: str) -> str:
    """The day whose borders are drawn, in words: the date itself, or the era data's first day for an earlier one
    (as W009 says)."""
    earliest = borders_from()
    if earliest is None or date >= earliest:
        return f"on {date}"
    return f"as drawn for {date} (the borders of {earliest}, the earliest it knows)"


def map_date(scenario: Scenario) -> str:
    """The day whose borders the map draws: the map's `borders`, or the scenario's first turn."""
    if scenario.map is not None and scenario.map.borders is not None:
        return scenario.map.borders
    return scenario.turns[0].date


def _borders_known(c: Reporter) -> None:
    """A warning when the map's date lies before the base map's era data (it then draws that data's first day)."""
    earliest = borders_from()
    date = map_date(c.s)
    if earliest is None or date >= earliest:
        return
    given = c.s.map is not None and c.s.map.borders is not None
    c.report(("map", "borders") if given else ("turns", 0, "date"),
             f"the base map knows the borders of {earliest} and later, not of {date}: it draws those of {earliest}"
             " (the two Germanys, the Soviet Union...); older borders are not in it", "warning", W_MAP_BORDERS)


def _states(c: Reporter, f: Feature, here: Path) -> None:
    count = len(f.states)
    for k, state in enumerate(f.states):
        path = (*here, "states", k)
        if k < count - 1 and state.when is None:
            c.report(path, f"state {k + 1} of {count} has no 'when': only the last state goes without one "
                     "(it is shown while no other holds)")
        if k == count - 1 and state.when is not None:
            c.report((*path, "when"), f"the last state (number {count}) has a 'when': the last one must have none, "
                     "so that the feature is always in some state")
        c.condition(state.when, (*path, "when"))


def _links(c: Reporter, game_map: GameMap) -> None:
    """A flag's `map` link is the short form of a state; it names a feature of this map that has no `states`."""
    features = {f.id: f for f in game_map.features}
    for i, flag in enumerate(c.s.flags):
        if flag.map is None:
            continue
        path = ("flags", i, "map", "feature")
        feature = features.get(flag.map.feature)
        if feature is None:
            c.report(path, f"'{flag.map.feature}' is not a feature of this scenario's map"
                     f"{did_you_mean(flag.map.feature, features)}")
        elif feature.states:
            c.report(path, f"feature '{feature.id}' has its own 'states', which a flag's link would compete with: "
                     f"give the feature a state '{{when: {flag.id}, shows: {flag.map.shows}}}' instead")
