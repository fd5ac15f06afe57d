"""Map projections on the unit sphere: Albers equal-area conic for wide views, Lambert azimuthal for small ones."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

Floats = NDArray[np.float64]
# A view whose wider side spans more than this (in degrees along the ground) gets the conic projection.
CONIC_FROM_DEGREES = 20.0
# Below this cone constant the standard parallels straddle the equator and the cone flattens out: use the azimuthal.
MIN_CONE = 0.1


def relative_longitude(lon: ArrayLike, lon0: float) -> Floats:
    """Longitude east of `lon0`, wrapped into [-180, 180): the view's centre is the middle of the world."""
    return np.mod(np.asarray(lon, dtype=np.float64) - lon0 + 180.0, 360.0) - 180.0


@dataclass(frozen=True)
class Albers:
    """Albers equal-area conic: areas true everywhere, shapes true along the two standard parallels."""

    lon0: float
    lat0: float
    lat1: float
    lat2: float

    def forward(self, dlon: ArrayLike, lat: ArrayLike) -> tuple[Floats, Floats]:
        """`dlon`: degrees east of the central meridian (see relative_longitude); returns x east, y north."""
        p1, p2, p0 = (math.radians(v) for v in (self.lat1, self.lat2, self.lat0))
        n = (math.sin(p1) + math.sin(p2)) / 2
        c = math.cos(p1) ** 2 + 2 * n * math.sin(p1)
        rho0 = math.sqrt(max(c - 2 * n * math.sin(p0), 0.0)) / n
        phi = np.radians(np.asarray(lat, dtype=np.float64))
        rho = np.sqrt(np.maximum(c - 2 * n * np.sin(phi), 0.0)) / n
        theta = n * np.radians(np.asarray(dlon, dtype=np.float64))
        return rho * np.sin(theta), rho0 - rho * np.cos(theta)


@dataclass(frozen=True)
class Azimuthal:
    """Lambert azimuthal equal-area centred on the view: little distortion anywhere near the centre."""

    lon0: float
    lat0: float

    def forward(self, dlon: ArrayLike, lat: ArrayLike) -> tuple[Floats, Floats]:
        p0 = math.radians(self.lat0)
        phi = np.radians(np.asarray(lat, dtype=np.float64))
        lam = np.radians(np.asarray(dlon, dtype=np.float64))
        cos_c = math.sin(p0) * np.sin(phi) + math.cos(p0) * np.cos(phi) * np.cos(lam)
        k = np.sqrt(2.0 / np.maximum(1.0 + cos_c, 1e-9))  # the antipode alone is undefined; it is never in view
        north = math.cos(p0) * np.sin(phi) - math.sin(p0) * np.cos(phi) * np.cos(lam)
        return k * np.cos(phi) * np.sin(lam), k * north


Projection = Albers | Azimuthal


def projection_for(lon: tuple[float, float], lat: tuple[float, float]) -> Projection:
    """The projection suited to a view spanning `lon` (west, east; east may pass 180) and `lat` (south, north)."""
    lon0 = (lon[0] + lon[1]) / 2
    lat0 = (lat[0] + lat[1]) / 2
    ground = max((lon[1] - lon[0]) * math.cos(math.radians(lat0)), lat[1] - lat[0])
    if ground > CONIC_FROM_DEGREES:
        # The standard parallels a sixth of the way in from each edge (the usual rule of thumb for a conic).
        lat1 = lat[0] + (lat[1] - lat[0]) / 6
        lat2 = lat[1] - (lat[1] - lat[0]) / 6
        if abs(math.sin(math.radians(lat1)) + math.sin(math.radians(lat2))) / 2 >= MIN_CONE:
            return Albers(_wrap(lon0), lat0, lat1, lat2)
    return Azimuthal(_wrap(lon0), lat0)


def _wrap(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0
