"""The `map:` section of a scenario as strict models: the view, its insets, and the features drawn on the base map."""

from __future__ import annotations

import datetime
import math
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from partnership_game.scenario.model_base import Condition, Id, Model, ShortText, Text

MAX_FEATURES = 200
MAX_INSETS = 4
MAX_STATES = 10
MAX_PLACES = 50
MAX_PATH_POINTS = 500
MAX_COUNTRIES = 100
PRIORITY_MAX = 10

Shows = Literal["open", "closed", "alert", "hidden"]
Corner = Literal["bottom-left", "bottom-right", "top-left", "top-right"]
FeatureKind = Literal["point", "line", "region"]
Symbol = Literal["site", "city", "capital", "base", "station", "meeting", "route", "barrier", "highlight"]
# How each kind of feature may be drawn; the first is the default.
SYMBOLS: dict[str, tuple[str, ...]] = {
    "point": ("site", "city", "capital", "base", "station", "meeting"),
    "line": ("route", "barrier"),
    "region": ("highlight",),
}


def _lon_lat(value: list[float]) -> list[float]:
    lon, lat = value
    if not (math.isfinite(lon) and -180 <= lon <= 180):
        raise ValueError(f"longitude {lon:g} is not between -180 and 180 (write [longitude, latitude], east positive)")
    if not (math.isfinite(lat) and -90 <= lat <= 90):
        raise ValueError(f"latitude {lat:g} is not between -90 and 90 (write [longitude, latitude], north positive)")
    return value


def _extent(value: list[float]) -> list[float]:
    width, height = value
    if not (math.isfinite(width) and 0.1 <= width <= 360):
        raise ValueError(f"the view's width {width:g} must be from 0.1 to 360 degrees of longitude")
    if not (math.isfinite(height) and 0.1 <= height <= 180):
        raise ValueError(f"the view's height {height:g} must be from 0.1 to 180 degrees of latitude")
    return value


# [longitude, latitude] in degrees, east and north positive.
LonLat = Annotated[
    list[float],
    Field(min_length=2, max_length=2, description="[longitude, latitude] in degrees, east and north positive",
          json_schema_extra={"items": [{"type": "number", "minimum": -180, "maximum": 180},
                                       {"type": "number", "minimum": -90, "maximum": 90}]}),
    AfterValidator(_lon_lat),
]
Extent = Annotated[
    list[float],
    Field(min_length=2, max_length=2, description="[width, height] in degrees of longitude and latitude",
          json_schema_extra={"items": [{"type": "number", "minimum": 0.1, "maximum": 360},
                                       {"type": "number", "minimum": 0.1, "maximum": 180}]}),
    AfterValidator(_extent),
]


class View(Model):
    """`{region: eurasia}`, or `{centre: [55, 40], extent: [134, 64]}`: what part of the world a map shows."""

    region: Id | None = Field(default=None, description="a named region of the base map (eurasia, caribbean, ...)")
    centre: LonLat | None = Field(default=None, description="the middle of the view: [longitude, latitude] (with "
                                  "`extent`, not with `region`)")
    extent: Extent | None = Field(default=None, description="the view's [width, height] in degrees: at most 200 wide, "
                                  "not past a pole (with `centre`)")

    @model_validator(mode="after")
    def _one_way(self) -> View:
        if self.region is not None and (self.centre is not None or self.extent is not None):
            raise ValueError("a view is either a named 'region' or a 'centre' and an 'extent', not both")
        if self.region is None and self.centre is None and self.extent is None:
            raise ValueError("a view needs a named 'region', or a 'centre' and an 'extent'")
        if self.region is None and self.extent is None:
            raise ValueError("a view with a 'centre' also needs its 'extent': [width, height] in degrees")
        if self.region is None and self.centre is None:
            raise ValueError("a view with an 'extent' also needs its 'centre': [longitude, latitude]")
        return self


class Inset(Model):
    """A detail box over a corner of the map, with a view of its own (Cuba is half a world from Moscow)."""

    id: Id = Field(description="unique among insets; a feature's `inset` names it")
    title: ShortText = Field(description="the box's heading")
    view: View = Field(description="what part of the world the box shows")
    corner: Corner = Field(default="bottom-left", description="the corner of the map the box covers")
    width: Annotated[float, Field(ge=0.05, le=0.6, description="the box's width as a share of the map's")] = 0.25


class MapState(Model):
    """One state of a feature: shown while `when` holds (the first that holds wins; the last has no `when`)."""

    when: Condition | None = Field(default=None, description="the feature is in this state while this holds (the "
                                   "first state that holds wins); the last state has none")
    shows: Shows = Field(default="open", description="`open`: drawn as active; `closed`: faded or crossed out; "
                         "`alert`: drawn as urgent; `hidden`: not drawn")
    status: ShortText | None = Field(default=None, description="a word or two said beside the label ('closed')")
    note: Text | None = Field(default=None, description="why the feature is in this state, shown on hover")


class Place(Model):
    """One named point of a feature with several (the bases of a group, the cities of a meeting)."""

    name: ShortText = Field(description="the point's name")
    short: ShortText | None = Field(default=None, description="the name where the full one finds no room")
    at: LonLat = Field(description="where it is: [longitude, latitude]")


class Feature(Model):
    """Something the scenario draws: a point (or a group of points), a line, or a region of countries."""

    id: Id = Field(description="unique among the map's features; a flag's `map` link names it")
    kind: FeatureKind = Field(description="`point` (`at` or `places`), `line` (`path`) or `region` (`countries`)")
    label: ShortText = Field(description="the name drawn beside it")
    short: ShortText | None = Field(default=None, description="the label where the full one finds no room")
    description: Text | None = Field(default=None, description="what it is, shown on hover")
    symbol: Symbol | None = Field(default=None, description="point: site, city, capital, base, station, meeting; "
                                  "line: route, barrier; region: highlight")
    priority: Annotated[int, Field(ge=0, le=PRIORITY_MAX)] = Field(
        default=5, description="0 to 10: a higher one keeps its label when labels crowd")
    inset: Id | None = Field(default=None, description="the inset it is drawn in (the main map if left out)")
    at: LonLat | None = Field(default=None, description="a point's one position (not with `places`)")
    places: list[Place] = Field(default=[], max_length=MAX_PLACES, description="a point's several named positions "
                                "(not with `at`)")
    path: list[LonLat] = Field(default=[], max_length=MAX_PATH_POINTS, description="a line's positions, 2 or more")
    countries: list[ShortText] = Field(default=[], max_length=MAX_COUNTRIES,
                                       description="ISO codes (CUB) or names (Cuba) from the base map's index")
    label_at: LonLat | None = Field(default=None, description="a region's label position (regions only)")
    states: list[MapState] = Field(default=[], max_length=MAX_STATES, description="what it shows as the game goes: "
                                   "the first state whose `when` holds; without states, always open")

    @model_validator(mode="after")
    def _shape(self) -> Feature:
        symbols = SYMBOLS[self.kind]
        if self.symbol is not None and self.symbol not in symbols:
            raise ValueError(f"a {self.kind}'s symbol is one of {', '.join(symbols)}, not '{self.symbol}'")
        given = {key for key in ("at", "places", "path", "countries") if getattr(self, key)}
        wanted = {"point": {"at", "places"}, "line": {"path"}, "region": {"countries"}}[self.kind]
        stray = sorted(given - wanted)
        if stray:
            keys = " or ".join(f"'{k}'" for k in sorted(wanted))
            raise ValueError(f"'{stray[0]}' does not belong to a {self.kind} (a {self.kind} has {keys})")
        if self.kind == "point" and len(given) != 1:
            raise ValueError("a point needs either 'at' (one position) or 'places' (several), not both"
                             if given else "a point needs 'at: [longitude, latitude]' or 'places'")
        if self.kind == "line" and len(self.path) < 2:
            raise ValueError(f"a line's 'path' needs at least 2 positions, not {len(self.path)}")
        if self.kind == "region" and not self.countries:
            raise ValueError("a region needs 'countries': ISO codes or names from the base map")
        if self.label_at is not None and self.kind != "region":
            raise ValueError("'label_at' belongs to a region (a point's label goes beside it, a line's along it)")
        return self

    @property
    def drawn_as(self) -> str:
        """The symbol, or its kind's default."""
        return self.symbol or SYMBOLS[self.kind][0]


class GameMap(Model):
    """`map:`: the view, its insets and the features; positions are [longitude, latitude] in degrees."""

    view: View = Field(description="what part of the world the map shows")
    insets: list[Inset] = Field(default=[], max_length=MAX_INSETS, description="detail boxes over the map's corners")
    features: list[Feature] = Field(default=[], max_length=MAX_FEATURES, description="what the map draws over the "
                                    "base map")

    # --- the day whose borders the base map draws (engineer B1) ---
    borders: str | None = Field(default=None, description="YYYY-MM-DD, quoted: the day whose borders the base map "
                                "draws (the Soviet Union in 1962, Serbia and Montenegro in 2001); by default the "
                                "first turn's date", json_schema_extra={
                                    "pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"})

    @field_validator("borders")
    @classmethod
    def _borders_day(cls, value: str | None) -> str | None:
        if value is not None and (len(value) != 10 or not _is_day(value)):
            raise ValueError(f"'{value}' is not a date written YYYY-MM-DD")
        return value


def _is_day(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True
# --- end of the borders key ---
