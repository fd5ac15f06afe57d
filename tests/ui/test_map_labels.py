"""Map labels never collide: at the turn screen's map sizes (1024×600 and 1280×720) and a large one, in every
combination of the features' states, no two labels overlap, none covers a marker or an inset box or leaves its
frame, a leader line runs through no other label, the top features keep their labels, and a closed or alert
feature's label says its state in words."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pygame
import pytest

from partnership_game import paths
from partnership_game.geo.labels import Box
from partnership_game.scenario.compiled_map import CompiledMap
from partnership_game.scenario.discovery import resolve
from partnership_game.session import Session
from partnership_game.session.map_states import FeatureNow
from partnership_game.ui.theme import DOSSIER
from partnership_game.ui.views import marks_from
from partnership_game.ui.widgets.map_inset import Picture, render
from partnership_game.ui.widgets.map_labels import EDGE


@pytest.fixture(autouse=True, scope="module")
def _display() -> Iterator[None]:
    # Display and fonts only, left open: the widgets' text caches hold fonts that pygame.quit() would kill.
    pygame.display.init()
    pygame.font.init()
    yield


# The map's rect and text size on the turn screen at 1024×600 and 1280×720 (see test_map_window.py, which checks
# these against the window), and a larger one.
SIZES = [((367, 114), 10), ((459, 134), 12), ((760, 380), 14)]
KEEP_FROM_PRIORITY = 7  # labels of features this important are never dropped


def _game_map(scenario: str) -> CompiledMap:
    return Session(resolve(scenario, paths.builtin_scenarios_dir(), paths.mods_dir()), 2001).compiled.map


def _every_combination(game_map: CompiledMap) -> Iterator[dict[str, FeatureNow]]:
    features = game_map.features
    for picks in itertools.product(*(range(len(f.states)) for f in features)):
        yield {f.id: FeatureNow(f, f.states[k].shows, f.states[k].status or "", f.description or "",
                                f.states[k].note or "", k) for f, k in zip(features, picks, strict=True)}


def _check(picture: Picture, nows: dict[str, FeatureNow]) -> int:
    """Every rule for one drawn map; returns how many leader lines it has."""
    leaders = 0
    words = {label.key: style.wordings for labels in picture.drawn.labels.values() for label, style in labels}
    for frame, placement in picture.placements.items():
        inner = picture.layout.panes[frame].inner
        bounds = Box(inner.x + EDGE, inner.y + EDGE, inner.w - 2 * EDGE, inner.h - 2 * EDGE)
        boxes = [p.box for p in placement.placed]
        for a, b in itertools.combinations(boxes, 2):
            assert not a.overlaps(b), (frame, a, b)
        for placed in placement.placed:
            assert placed.box.within(bounds), (frame, placed)
            assert not any(placed.box.overlaps(o) for o in picture.drawn.obstacles.get(frame, ())), placed
            if placed.leader is not None:
                leaders += 1
                crossed = [p.key for p in placement.placed if p.box.crossed_by(*placed.leader)]
                assert crossed in ([], [placed.key]), (placed.key, crossed)
        for key in placement.dropped:
            feature = nows[key.split("/")[0]].feature
            assert "/" in key or feature.priority < KEEP_FROM_PRIORITY, f"{key} lost its label in {frame}"
        for placed in placement.placed:
            now = nows.get(placed.key)
            if now is not None and now.shows in ("closed", "alert"):
                assert now.status and now.status in words[placed.key][placed.wording], (placed.key, placed.wording)
    return leaders


@pytest.mark.parametrize("scenario", ["new_partnership", "brussels_2001"])
@pytest.mark.parametrize(("size", "text_px"), SIZES)
def test_no_label_overlaps_another_a_marker_or_an_inset_in_any_combination_of_states(
        scenario: str, size: tuple[int, int], text_px: int) -> None:
    game_map = _game_map(scenario)
    combinations = 0
    for nows in _every_combination(game_map):
        combinations += 1
        picture = render(game_map, marks_from(nows), size, DOSSIER, text_px)
        assert picture.placements["main"].placed, "the main map shows no label at all"
        _check(picture, nows)
    assert combinations >= 2 ** 3, "the campaign's map should switch several features"


def test_a_crowded_small_map_moves_labels_off_with_a_leader_or_shortens_them() -> None:
    """On the smallest map the US bases' three airfields crowd together: the placement must do more than put each
    label beside its point (else the test above checks a placement that never had to try)."""
    game_map = _game_map("new_partnership")
    size, text_px = SIZES[0]
    tried = 0
    for nows in _every_combination(game_map):
        picture = render(game_map, marks_from(nows), size, DOSSIER, text_px)
        main = picture.placements["main"]
        tried += _check(picture, nows) + sum(1 for p in main.placed if p.wording > 0) + len(main.dropped)
    assert tried > 0
