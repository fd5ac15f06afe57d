"""Views (an extent in degrees, or a centre and a size) and their fit to a pixel rectangle: lon/lat to pixels."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from partnership_game.geo.projection import Floats, Projection, projection_for, relative_longitude

MAX_SPAN_LON = 200.0  # wider and the far side of the world folds into the view
_EDGE_SAMPLES = 24


class ViewError(ValueError):
    """A view that cannot be drawn; the message says why in plain words."""


@dataclass(frozen=True)
class View:
    """What a map shows: longitudes west..east (east may pass 180 for a view across the date line), latitudes
    south..north, in degrees. The whole extent is always shown; a rect of another shape shows more around it."""

    lon: tuple[float, float]
    lat: tuple[float, float]

    def __post_init__(self) -> None:
        west, east = self.lon
        south, north = self.lat
        if not all(math.isfinite(v) for v in (west, east, south, north)):
            raise ViewError("a view's longitudes and latitudes must be numbers")
        if not -90 <= south < north <= 90:
            raise ViewError(f"latitudes {south:g} to {north:g}: south must be below north, both within -90..90")
        if not -180 <= west <= 180:
            raise ViewError(f"west longitude {west:g} must be within -180..180")
        if east <= west:
            east += 360  # across the date line: [170, -170] is 20 degrees wide
        if east - west > MAX_SPAN_LON:
            raise ViewError(f"a view spans at most {MAX_SPAN_LON:g} degrees of longitude, not {east - west:g}")
        object.__setattr__(self, "lon", (float(west), float(east)))
        object.__setattr__(self, "lat", (float(south), float(north)))

    @classmethod
    def around(cls, lon: float, lat: float, width: float, height: float) -> View:
        """A view centred on (lon, lat), `width` degrees of longitude by `height` of latitude."""
        west = (lon - width / 2 + 180) % 360 - 180
        return cls((west, west + width), (max(-90.0, lat - height / 2), min(90.0, lat + height / 2)))

    def contains(self, lon: float, lat: float) -> bool:
        """Whether a point lies within the extent (a feature off the map is a scenario error)."""
        dlon = (lon - self.lon[0]) % 360
        return dlon <= self.lon[1] - self.lon[0] and self.lat[0] <= lat <= self.lat[1]


@dataclass(frozen=True)
class Frame:
    """A view fitted into a pixel rectangle (left, top, width, height): projects lon/lat to pixels, y down."""

    view: View
    rect: tuple[int, int, int, int]
    projection: Projection = field(init=False)
    scale: float = field(init=False)  # pixels per unit of the unit sphere
    origin: tuple[float, float] = field(init=False)  # the projected point at the rect's centre

    def __post_init__(self) -> None:
        _, _, width, height = self.rect
        if width <= 0 or height <= 0:
            raise ViewError(f"a map needs a positive size, not {width}x{height}")
        projection = projection_for(self.view.lon, self.view.lat)
        t = np.linspace(0.0, 1.0, _EDGE_SAMPLES)
        (w, e), (s, n) = self.view.lon, self.view.lat
        lons = np.concatenate([w + (e - w) * t, np.full_like(t, e), w + (e - w) * t, np.full_like(t, w)])
        lats = np.concatenate([np.full_like(t, s), s + (n - s) * t, np.full_like(t, n), s + (n - s) * t])
        x, y = projection.forward(relative_longitude(lons, projection.lon0), lats)
        scale = min(width / float(np.ptp(x)), height / float(np.ptp(y)))
        object.__setattr__(self, "projection", projection)
        object.__setattr__(self, "scale", scale)
        middle = ((float(x.max()) + float(x.min())) / 2, (float(y.max()) + float(y.min())) / 2)
        object.__setattr__(self, "origin", middle)

    @property
    def degrees_per_pixel(self) -> float:
        return math.degrees(1.0 / self.scale)

    def project(self, lon: ArrayLike, lat: ArrayLike) -> tuple[Floats, Floats]:
        """Pixels (x right, y down) of points given in degrees; arrays in, arrays out."""
        return self.project_relative(relative_longitude(lon, self.projection.lon0), lat)

    def project_relative(self, dlon: ArrayLike, lat: ArrayLike) -> tuple[Floats, Floats]:
        """As project, for longitudes already given east of the central meridian (unwrapped rings)."""
        x, y = self.projection.forward(dlon, lat)
        left, top, width, height = self.rect
        return (left + width / 2 + (x - self.origin[0]) * self.scale,
                top + height / 2 - (y - self.origin[1]) * self.scale)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        """One place's pixel position."""
        x, y = self.project([lon], [lat])
        return float(x[0]), float(y[0])


def fit(view: View, rect: tuple[int, int, int, int]) -> Frame:
    """The view fitted into `rect`, its whole extent visible and centred."""
    return Frame(view, (int(rect[0]), int(rect[1]), int(rect[2]), int(rect[3])))
