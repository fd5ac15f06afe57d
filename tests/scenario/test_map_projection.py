"""A scenario's compiled map fits the base map's projections: every position of the 1962 example and of the 2001
scenarios lands inside its frame's rectangle at the turn screen's map sizes, including a view across the date line."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.geo.view import View, fit
from partnership_game.scenario import load_bytes, load_path
from partnership_game.scenario.compiled_map import CompiledMap

REPO = Path(__file__).resolve().parents[2]
FILES = [REPO / "tests" / "data" / "caribbean_1962.yaml", REPO / "scenarios" / "new_partnership.yaml",
         REPO / "scenarios" / "brussels_2001.yaml"]
# The map's share of the turn screen at 1280×720 and 1024×600, and an inset a quarter of the first one wide.
RECTS = [(0, 0, 420, 260), (0, 0, 330, 200), (0, 0, 105, 90)]


def positions(game_map: CompiledMap, frame: str) -> list[tuple[float, float]]:
    found: list[tuple[float, float]] = []
    for feature in game_map.features:
        if feature.frame != frame:
            continue
        found += [(p.lon, p.lat) for p in feature.places] + list(feature.path)
        if feature.label_at is not None:
            found.append(feature.label_at)
    return found


def assert_inside(game_map: CompiledMap) -> int:
    checked = 0
    for frame in (game_map.view, *game_map.insets):
        points = positions(game_map, frame.id)
        for rect in RECTS:
            projected = fit(View(frame.lon, frame.lat), rect)
            for lon, lat in points:
                x, y = projected.point(lon, lat)
                assert 0 <= x <= rect[2] and 0 <= y <= rect[3], (frame.id, lon, lat, rect, x, y)
                checked += 1
    return checked


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_position_lands_inside_its_frame(path: Path) -> None:
    assert assert_inside(load_path(path).compiled.map) >= 3 * 4


def test_a_view_across_the_date_line_projects_both_sides_inside() -> None:
    text = (REPO / "tests" / "data" / "tiny.yaml").read_text(encoding="utf-8") + """
map:
  view: {centre: [180, 60], extent: [40, 30]}
  features:
    - {id: anadyr, kind: point, label: Anadyr, at: [177.5, 64.7]}
    - {id: nome, kind: point, label: Nome, at: [-165.4, 64.5]}
"""
    game_map = load_bytes(text.encode(), "bering.yaml").compiled.map
    assert assert_inside(game_map) == 2 * len(RECTS)
    frame = fit(View(game_map.view.lon, game_map.view.lat), RECTS[0])
    assert frame.point(177.5, 64.7)[0] < frame.point(-165.4, 64.5)[0]  # Anadyr west of Nome, across the line
