"""The map a front end draws for a scenario: frames in degrees, features, and each feature's state in a game."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from partnership_game.scenario.conditions import Compiled, Context, Names, compile_condition
from partnership_game.scenario.map_checks import MAIN, map_date, view_box
from partnership_game.scenario.map_models import FeatureKind, Shows
from partnership_game.scenario.map_regions import Box, find_country, named_regions
from partnership_game.scenario.models import Scenario
from partnership_game.scenario.yaml_tree import Path

IntArray = npt.NDArray[np.int64]
LonLat = tuple[float, float]
DEFAULT_REGION = "eurasia"  # what a scenario that declares no map looks at


@dataclass(frozen=True)
class MapFrame:
    """The main view (`id` "main") or an inset: the stretch of the globe it shows, in degrees."""

    id: str
    lon: tuple[float, float]
    lat: tuple[float, float]
    region: str | None = None  # the named region it was given as, if any
    title: str = ""
    corner: str = ""  # an inset's corner of the map: bottom-left, bottom-right, top-left or top-right
    width: float = 0.0  # an inset's width as a share of the map's

    @property
    def centre(self) -> LonLat:
        return ((self.lon[0] + self.lon[1]) / 2, (self.lat[0] + self.lat[1]) / 2)

    @property
    def extent(self) -> tuple[float, float]:
        """[width, height] in degrees of longitude and latitude."""
        return (self.lon[1] - self.lon[0], self.lat[1] - self.lat[0])


@dataclass(frozen=True)
class MapPlace:
    name: str
    short: str | None
    lon: float
    lat: float


@dataclass(frozen=True)
class FeatureState:
    """How a feature is drawn (`shows`: open, closed, alert or hidden), the word said beside its label in this state,
    and why it is in it (for hover and focus). `flag` names the flag whose `map` link made the state, if one did.
    `status` and `note` are scenario texts: show them through session.texts.shown."""

    shows: Shows
    status: str | None = None
    note: str | None = None
    when: Compiled | None = None
    flag: str | None = None


@dataclass(frozen=True)
class MapFeature:
    """A point (one or several `places`), a line (`path`) or a region (`countries`, ISO codes where the base map's
    index knows them), drawn in `frame`; `priority` 0-10, higher keeps its label first."""

    id: str
    kind: FeatureKind
    symbol: str
    label: str
    short: str | None
    description: str | None
    priority: int
    frame: str
    places: tuple[MapPlace, ...]
    path: tuple[LonLat, ...]
    countries: tuple[str, ...]
    label_at: LonLat | None
    states: tuple[FeatureState, ...]

    def pick(self, context: Context) -> IntArray:
        """(N,): the index of the state each game is in (the first whose `when` holds; the last otherwise)."""
        n = context.meters.shape[0]
        chosen = np.full(n, len(self.states) - 1, dtype=np.int64)
        open_ = np.ones(n, dtype=np.bool_)
        for k, state in enumerate(self.states[:-1]):
            if state.when is None:
                hit = open_.copy()
            else:
                value = state.when.evaluate(context)
                hit = open_ & (value if isinstance(value, np.ndarray) else np.full(n, bool(value)))
            chosen[hit] = k
            open_ &= ~hit
        return chosen

    def state(self, context: Context, game: int = 0) -> FeatureState:
        return self.states[int(self.pick(context)[game])]


@dataclass(frozen=True)
class CompiledMap:
    """What the window draws over the base map. `declared` is false for a scenario without a `map:` section: it
    looks at the default region and has no features."""

    declared: bool
    view: MapFrame
    insets: tuple[MapFrame, ...]
    features: tuple[MapFeature, ...]
    date: str | None = None  # the day whose borders the base map draws (the first turn's); None: today's

    def frame(self, frame_id: str) -> MapFrame:
        if frame_id == MAIN:
            return self.view
        return next(f for f in self.insets if f.id == frame_id)

    def feature(self, feature_id: str) -> MapFeature:
        return next(f for f in self.features if f.id == feature_id)

    def states(self, context: Context, game: int = 0) -> dict[str, FeatureState]:
        """Every feature's state in game `game`: `Context(state.meters[:1], state.flags[:1], state.turn + 1)`."""
        return {f.id: f.state(context, game) for f in self.features}


def undeclared_map(date: str | None = None) -> CompiledMap:
    """The map of a scenario that declares none: the default region, no features."""
    box = named_regions()[DEFAULT_REGION]
    return CompiledMap(False, MapFrame(MAIN, box.lon, box.lat, DEFAULT_REGION), (), (), date)


def compile_map(scenario: Scenario, conditions: Mapping[Path, Compiled]) -> CompiledMap:
    """The map of a scenario that passed every check (its states' conditions compiled by the checks)."""
    game_map = scenario.map
    if game_map is None:
        return undeclared_map(map_date(scenario))
    view = _frame(MAIN, game_map.view.region, view_box(game_map.view))
    insets = tuple(
        _frame(inset.id, inset.view.region, view_box(inset.view), inset.title, inset.corner, inset.width)
        for inset in game_map.insets
    )
    links = _link_states(scenario)
    date = map_date(scenario)
    features = []
    for i, f in enumerate(game_map.features):
        states = tuple(
            FeatureState(s.shows, s.status, s.note, conditions.get(("map", "features", i, "states", k, "when")))
            for k, s in enumerate(f.states)
        ) or links.get(f.id, (FeatureState("open"),))
        places = tuple(MapPlace(p.name, p.short, p.at[0], p.at[1]) for p in f.places)
        if f.at is not None:
            places = (MapPlace(f.label, f.short, f.at[0], f.at[1]),)
        features.append(MapFeature(
            id=f.id, kind=f.kind, symbol=f.drawn_as, label=f.label, short=f.short,
            description=f.description, priority=f.priority, frame=f.inset or MAIN, places=places,
            path=tuple((p[0], p[1]) for p in f.path),
            countries=tuple(_iso(name, date) for name in f.countries),
            label_at=(f.label_at[0], f.label_at[1]) if f.label_at is not None else None, states=states,
        ))
    return CompiledMap(True, view, insets, tuple(features), date)


def _iso(name: str, date: str) -> str:
    """The base map's code for a country name, or the name as written without the base map."""
    country = find_country(name, date)
    return country.iso if country is not None and country.iso is not None else name


def _frame(frame_id: str, region: str | None, box: Box | None, title: str = "", corner: str = "",
           width: float = 0.0) -> MapFrame:
    assert box is not None  # the checks refused a region the base map does not know
    return MapFrame(frame_id, box.lon, box.lat, region, title, corner, width)


def _link_states(scenario: Scenario) -> dict[str, tuple[FeatureState, ...]]:
    """The states flags' `map` links give their features: while a linked flag is true the feature shows what the
    link says (a later flag over an earlier one); while none is, it rests open if every link shows it closed (a
    station whose flag says "closed" is open until then), and closed otherwise."""
    names = Names(meters={m.id: i for i, m in enumerate(scenario.meters)},
                  flags={f.id: i for i, f in enumerate(scenario.flags)})
    rules: dict[str, list[FeatureState]] = {}
    for flag in reversed(scenario.flags):
        if flag.map is not None:
            when = compile_condition(flag.id, names, "bool")
            rules.setdefault(flag.map.feature, []).append(
                FeatureState(flag.map.shows, None, flag.label, when, flag.id))
    result: dict[str, tuple[FeatureState, ...]] = {}
    for feature, states in rules.items():
        resting: Shows = "open" if all(s.shows == "closed" for s in states) else "closed"
        result[feature] = (*states, FeatureState(resting))
    return result
