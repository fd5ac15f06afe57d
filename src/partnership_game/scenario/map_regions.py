"""What a scenario's map may name on the base map: the named regions a view can be, and the countries of the index."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from partnership_game.geo.basemap import BaseMap

MAX_SPAN_LON = 200.0  # the base map draws at most this many degrees of longitude (wider folds the far side in)


@dataclass(frozen=True)
class Box:
    """A stretch of the globe in degrees: west to east (east may pass 180 for a view across the date line), south to
    north."""

    lon: tuple[float, float]
    lat: tuple[float, float]

    @classmethod
    def around(cls, centre: Sequence[float], extent: Sequence[float]) -> Box:
        (lon, lat), (width, height) = centre, extent
        west = (lon - width / 2 + 180) % 360 - 180
        return cls((west, west + width), (lat - height / 2, lat + height / 2))

    @property
    def centre(self) -> tuple[float, float]:
        lon = (self.lon[0] + self.lon[1]) / 2
        return ((lon + 180) % 360 - 180, (self.lat[0] + self.lat[1]) / 2)

    @property
    def extent(self) -> tuple[float, float]:
        return (self.lon[1] - self.lon[0], self.lat[1] - self.lat[0])

    def holds(self, lon: float, lat: float) -> bool:
        return (lon - self.lon[0]) % 360 <= self.lon[1] - self.lon[0] and self.lat[0] <= lat <= self.lat[1]

    def describe(self) -> str:
        east = (self.lon[1] + 180) % 360 - 180 if self.lon[1] > 180 else self.lon[1]
        return f"longitude {self.lon[0]:g} to {east:g}, latitude {self.lat[0]:g} to {self.lat[1]:g}"


# The views a scenario can name when the base map's asset (assets/map/) cannot be read; the base map's own named views
# are used whenever it can. They are the base map's vocabulary, not any scenario's content.
_FALLBACK_REGIONS: dict[str, Box] = {
    "eurasia": Box((-12.0, 122.0), (8.0, 72.0)),
    "europe": Box((-12.0, 42.0), (34.0, 66.0)),
    "central_asia": Box((46.0, 88.0), (30.0, 52.0)),
    "middle_east": Box((24.0, 64.0), (12.0, 42.0)),
    "caribbean": Box((-90.0, -58.0), (9.0, 31.0)),
    "cuba": Box((-88.0, -73.0), (19.5, 31.5)),
}


@functools.cache
def named_regions() -> Mapping[str, Box]:
    """Every named view: the base map's, or the fallback list when its asset cannot be read."""
    base = _base_map()
    if base is None:
        return dict(_FALLBACK_REGIONS)
    return {name: Box(view.lon, view.lat) for name, view in base.views.items()} or dict(_FALLBACK_REGIONS)


def _base_map() -> BaseMap | None:
    """The base map (partnership_game.geo, read on first use), or None when its asset cannot be read."""
    from partnership_game.geo.basemap import base_map

    try:
        return base_map()
    except ValueError:  # MapAssetError: the window reports a damaged asset; the scenario checks go on without it
        return None


@dataclass(frozen=True)
class Country:
    """What the base map says of a name a region feature uses: the country's code at the date, or close names."""

    iso: str | None
    suggestions: tuple[str, ...] = ()


def borders_from() -> str | None:
    """The earliest day whose borders the base map knows, or None when its asset cannot be read."""
    base = _base_map()
    return None if base is None else base.borders_from


def find_country(name: str, date: str) -> Country | None:
    """The country an ISO code or a name means on the base map at `date` (borders of that day: 'SCG' in 2001, not
    'SRB'), or None when the base map's asset cannot be read."""
    base = _base_map()
    if base is None:
        return None
    entity = base.entity(name, date)
    if entity is not None:
        return Country(entity.iso)
    return Country(None, tuple(base.suggest(name, date)))
