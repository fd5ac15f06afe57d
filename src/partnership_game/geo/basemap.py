"""The base map asset (assets/map/): Natural Earth's countries as shared arcs and its large lakes, read once and kept,
with the states of past dates."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from partnership_game.files import FileProblem, TextProblem, loads_strict_json, read_regular
from partnership_game.geo.eras import Era, era_problems
from partnership_game.geo.view import View, ViewError

MAX_ASSET_BYTES = 8 * 1024 * 1024
_ARRAYS = {  # name: (dtype, dimensions)
    "points": ("<u2", 2), "level": ("|u1", 1), "arc_start": ("<i4", 1), "arc_users": ("<i2", 2),
    "ring_refs": ("<i4", 1), "ring_start": ("<i4", 1), "ring_entity": ("<i2", 1),
    "ring_hole": ("|b1", 1), "ring_box": ("<f4", 2),
    "lake_points": ("<u2", 2), "lake_level": ("|u1", 1), "lake_start": ("<i4", 1), "lake_owner": ("<i2", 1),
    "lake_box": ("<f4", 2),
}
FORMAT_VERSION = 2
DateLike = str | dt.date | None


class MapAssetError(ValueError):
    """The map asset is missing or damaged: `path: error: reason`, for the player and the log."""


@dataclass(frozen=True)
class Entity:
    """A country as the map draws it: today's, or a state of the past made of today's (`members`) for its dates."""

    index: int
    iso: str  # ISO 3166-1 alpha-3, or Natural Earth's own code for places without one (Kosovo: XKX)
    name: str
    numeric: str | None
    since: str | None  # ISO day it begins, None for always
    until: str | None  # ISO day it ends (not included), None for still
    members: tuple[str, ...]
    also: tuple[str, ...] = ()  # other codes and names it answers to (USSR, FRG, Serbia and Montenegro...)

    def in_force(self, day: str) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)

    def answers_to(self, wanted: str) -> bool:
        """Whether `wanted` (casefolded) is its code, name or one of its other names."""
        return any(wanted == word.casefold() for word in (self.iso, self.name, *self.also))


@dataclass(frozen=True)
class Lake:
    """A large lake, drawn in the water's colour over the land; `since`/`until` as for an entity."""

    name: str
    since: str | None
    until: str | None

    def in_force(self, day: str) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


def iso_day(date: DateLike) -> str:
    """A date as an ISO day string; None is today's map (every merge over)."""
    if date is None:
        return "9999-12-31"
    if isinstance(date, dt.date):
        return date.isoformat()
    try:
        return dt.date.fromisoformat(date).isoformat()
    except ValueError:
        raise ViewError(f"{date!r} is not a date written YYYY-MM-DD") from None


class BaseMap:
    """The asset in memory: points in degrees, arcs, rings, entities, named views. Read with `base_map()`."""

    def __init__(self, arrays: dict[str, NDArray[Any]], index: dict[str, Any], label: str) -> None:
        self.label = label
        self.points = arrays["points"]
        grid = float(index["grid"])
        self.lon = self.points[:, 0] / grid * 360.0 - 180.0
        self.lat = self.points[:, 1] / grid * 180.0 - 90.0
        self.level = arrays["level"]
        self.arc_start = arrays["arc_start"].astype(np.int64)
        self.arc_users = arrays["arc_users"].astype(np.int64)
        self.ring_refs = arrays["ring_refs"]
        self.ring_start = arrays["ring_start"]
        self.ring_entity = arrays["ring_entity"].astype(np.int64)
        self.ring_hole = arrays["ring_hole"]
        self.ring_box = arrays["ring_box"].astype(np.float64)
        self.min_area = float(index["min_area"])
        self.levels_per_octave = float(index["levels_per_octave"])
        # Entities 0..countries-1 are the units (today's countries, or pieces of a divided one); the rest are the
        # states of past dates made of them, and today's states made of pieces (Germany: DEU.W and DEU.E).
        self.countries = int(index["countries"])
        self.entities = tuple(
            Entity(i, str(e["iso"]), str(e["name"]), e.get("numeric"), e.get("since"), e.get("until"),
                   tuple(e.get("members") or ()), tuple(str(a) for a in e.get("also") or ()))
            for i, e in enumerate(index["entities"]))
        self.borders_from = str(index["borders_from"])  # the earliest day whose borders the era data knows
        self.lakes = tuple(Lake(str(k["name"]), k.get("since"), k.get("until")) for k in index["lakes"])
        self.lake_lon = arrays["lake_points"][:, 0] / grid * 360.0 - 180.0
        self.lake_lat = arrays["lake_points"][:, 1] / grid * 180.0 - 90.0
        self.lake_level = arrays["lake_level"]
        self.lake_start = arrays["lake_start"].tolist()
        self.lake_owner = arrays["lake_owner"].tolist()
        self.lake_box = arrays["lake_box"].astype(np.float64)
        self.views = {name: View(tuple(v["lon"]), tuple(v["lat"])) for name, v in index["views"].items()}
        starts = self.arc_start[:-1]
        self.arc_box = np.stack([np.minimum.reduceat(self.lon, starts), np.minimum.reduceat(self.lat, starts),
                                 np.maximum.reduceat(self.lon, starts), np.maximum.reduceat(self.lat, starts)], 1)
        # The rings as plain lists (refs, starts, entity, hole): the drawing loop reads them item by item.
        self.rings: tuple[list[int], list[int], list[int], list[bool]] = (
            self.ring_refs.tolist(), self.ring_start.tolist(), self.ring_entity.tolist(), self.ring_hole.tolist())
        self._by_iso = {e.iso: i for i, e in enumerate(self.entities[: self.countries])}

    def owners(self, date: DateLike = None) -> NDArray[np.int64]:
        """For each of today's countries, the entity drawn for it at `date` (itself, or the merge it was part of)."""
        return self._owners(iso_day(date))

    @functools.lru_cache(maxsize=8)  # noqa: B019 - one BaseMap lives for the whole run
    def _owners(self, day: str) -> NDArray[np.int64]:
        owner = np.arange(self.countries, dtype=np.int64)
        for entity in self.entities[self.countries:]:
            if entity.in_force(day):
                for member in entity.members:
                    owner[self._by_iso[member]] = entity.index
        return owner

    def active(self, date: DateLike = None) -> list[Entity]:
        """The countries the map shows at `date`."""
        return [self.entities[i] for i in sorted(set(self.owners(date).tolist()))]

    def entity(self, code: str, date: DateLike = None) -> Entity | None:
        """The country with this ISO code (any case), name or other name, as drawn at `date`; None if none is."""
        wanted = code.strip().casefold()
        for entity in self.active(date):
            if entity.answers_to(wanted):
                return entity
        return None

    def suggest(self, code: str, date: DateLike = None) -> list[str]:
        """Close ISO codes or names, for a did-you-mean hint; first the state a country was part of at `date`
        (Ukraine in 1962: SUN, the Soviet Union)."""
        wanted = code.strip().casefold()
        owners = self.owners(date)
        within = [self.entities[owners[self._by_iso[m]]].iso
                  for e in self.entities if e.answers_to(wanted)
                  for m in (e.members or (e.iso,)) if m in self._by_iso][:1]
        words = [w for e in self.active(date) for w in (e.iso, e.name)]
        return within + [w for w in difflib.get_close_matches(code, words, n=3, cutoff=0.6) if w not in within]

    def lakes_at(self, date: DateLike = None) -> list[int]:
        """The lakes drawn at `date` (their indices)."""
        day = iso_day(date)
        return [k for k, lake in enumerate(self.lakes) if lake.in_force(day)]

    def view(self, name: str) -> View:
        """A named view (eurasia, europe, russia, central_asia, middle_east, south_asia, caribbean, cuba)."""
        if name not in self.views:
            raise ViewError(f"no named view '{name}' (there are: {', '.join(sorted(self.views))})")
        return self.views[name]


def default_folder() -> Path:
    from partnership_game.paths import assets_dir

    return assets_dir() / "map"


def load(folder: Path) -> BaseMap:
    """Read world.bin and index.json from `folder`; MapAssetError names the file and what is wrong."""
    blob_path, index_path = folder / "world.bin", folder / "index.json"
    try:
        index = loads_strict_json(read_regular(index_path, MAX_ASSET_BYTES, "map index"))
    except (FileProblem, TextProblem) as exc:
        raise MapAssetError(f"{index_path}: error: {exc}") from None
    if (not isinstance(index, dict) or index.get("format_version") != FORMAT_VERSION
            or not isinstance(index.get("entities"), list) or not isinstance(index.get("lakes"), list)):
        raise MapAssetError(f"{index_path}: error: not a version {FORMAT_VERSION} map index; rebuild it with "
                            "scripts/build_map.py")
    try:
        blob = read_regular(blob_path, MAX_ASSET_BYTES, "map file")
    except FileProblem as exc:
        raise MapAssetError(f"{blob_path}: error: {exc}") from None
    arrays = _arrays(blob, index.get("arrays"), blob_path, index_path)
    _check(arrays, index, blob_path)
    _check_eras(index, index_path)
    try:
        return BaseMap(arrays, index, str(folder))
    except (KeyError, TypeError, ValueError) as exc:
        raise MapAssetError(f"{index_path}: error: the index does not fit the map file ({exc})") from None


def _arrays(blob: bytes, layout: object, blob_path: Path, index_path: Path) -> dict[str, NDArray[Any]]:
    """Each array as a read-only view of the file's bytes, where the index says it lies."""
    if not isinstance(layout, dict):
        raise MapAssetError(f"{index_path}: error: no 'arrays' table")
    arrays = {}
    for name, (dtype, dims) in _ARRAYS.items():
        entry = layout.get(name)
        if not isinstance(entry, dict) or entry.get("dtype") != dtype:
            raise MapAssetError(f"{index_path}: error: '{name}' is missing or not {dtype}")
        shape, offset = entry.get("shape"), entry.get("offset")
        if (not isinstance(shape, list) or len(shape) != dims or not isinstance(offset, int)
                or not all(isinstance(n, int) and n >= 0 for n in shape) or offset < 0):
            raise MapAssetError(f"{index_path}: error: '{name}' has no proper shape and offset")
        count = int(np.prod(shape))
        end = offset + count * np.dtype(dtype).itemsize
        if end > len(blob):
            raise MapAssetError(f"{blob_path}: error: the file ends before '{name}' does (cut short?)")
        arrays[name] = np.frombuffer(blob, dtype=dtype, count=count, offset=offset).reshape(shape)
    return arrays


def _check(arrays: dict[str, NDArray[Any]], index: dict[str, Any], blob_path: Path) -> None:
    points, arcs, rings = len(arrays["points"]), len(arrays["arc_start"]) - 1, len(arrays["ring_start"]) - 1
    refs = arrays["ring_refs"]
    arc_ids = np.where(refs >= 0, refs, ~refs)
    problems = [
        len(arrays["level"]) != points,
        arcs < 1 or arrays["arc_start"][0] != 0 or arrays["arc_start"][-1] != points,
        bool(np.any(np.diff(arrays["arc_start"]) < 2)),
        arrays["arc_users"].shape != (arcs, 2),
        rings < 1 or arrays["ring_start"][0] != 0 or arrays["ring_start"][-1] != len(refs),
        bool(np.any(np.diff(arrays["ring_start"]) < 1)),
        len(refs) and (arc_ids.min() < 0 or arc_ids.max() >= arcs),
        len(arrays["ring_entity"]) != rings or len(arrays["ring_hole"]) != rings,
        arrays["ring_box"].shape != (rings, 4),
        rings and (arrays["ring_entity"].min() < 0 or arrays["ring_entity"].max() >= len(index["entities"])),
        bool(np.any(arrays["arc_users"] >= len(index["entities"]))),
        len(arrays["lake_level"]) != len(arrays["lake_points"]),
        len(arrays["lake_start"]) < 1 or arrays["lake_start"][0] != 0
        or arrays["lake_start"][-1] != len(arrays["lake_points"]) or bool(np.any(np.diff(arrays["lake_start"]) < 3)),
        len(arrays["lake_owner"]) != len(arrays["lake_start"]) - 1 or arrays["lake_box"].shape != (
            len(arrays["lake_owner"]), 4),
        len(arrays["lake_owner"]) and (arrays["lake_owner"].min() < 0
                                       or arrays["lake_owner"].max() >= len(index["lakes"])),
    ]
    if any(problems):
        raise MapAssetError(f"{blob_path}: error: the map file's tables do not agree; rebuild it with "
                            "scripts/build_map.py")


def _check_eras(index: dict[str, Any], index_path: Path) -> None:
    """The era table names only units of the map, and gives each unit at most one state a day."""
    try:
        entities = index["entities"]
        count = int(index["countries"])
        units = [str(e["iso"]) for e in entities[:count]]
        eras = [Era(str(e["name"]), tuple(str(m) for m in e["members"]), e.get("since"), e.get("until"))
                for e in entities[count:]]
        dates = [d for era in eras for d in (era.since, era.until) if d is not None] + [index["borders_from"]]
        for day in dates:
            dt.date.fromisoformat(day)
    except (KeyError, TypeError, ValueError) as exc:
        raise MapAssetError(f"{index_path}: error: the era table is not readable ({exc})") from None
    problems = era_problems(units, eras)
    if problems:
        raise MapAssetError(f"{index_path}: error: the era table is wrong: {problems[0]}")


@functools.lru_cache(maxsize=1)
def base_map() -> BaseMap:
    """The built-in base map, read on first use (never at startup) and kept for the run."""
    return load(default_folder())
