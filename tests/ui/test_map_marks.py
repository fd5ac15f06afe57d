"""Map marks never crowd: at the turn screen's map sizes (1024×600 and 1280×720) and a large one, in every
combination of the features' states, no two marks (point symbols with their counts, a line's cross or ring) overlap
or leave their frame; every place is in exactly one mark; a mark off its place is tied to it by a leader line;
the mouse finds each mark's feature, and the card names a group's places."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from types import SimpleNamespace

import pygame
import pytest

from partnership_game import paths
from partnership_game.scenario.compiled_map import CompiledMap
from partnership_game.scenario.discovery import resolve
from partnership_game.session import Session
from partnership_game.session.map_states import FeatureNow
from partnership_game.ui.theme import DOSSIER
from partnership_game.ui.views import marks_from
from partnership_game.ui.widgets.map_inset import MapInset, Picture, render
from partnership_game.ui.widgets.map_marks import Wanted, arrange


@pytest.fixture(autouse=True, scope="module")
def _display() -> Iterator[None]:
    pygame.display.init()
    pygame.font.init()
    yield


# The map's rect and text size on the turn screen at 1024×600 and 1280×720 (as in test_map_labels.py), and larger.
SIZES = [((367, 114), 10), ((459, 134), 12), ((760, 380), 14)]


def _game_map(scenario: str) -> CompiledMap:
    return Session(resolve(scenario, paths.builtin_scenarios_dir(), paths.mods_dir()), 2001).compiled.map


def _every_combination(game_map: CompiledMap, alert: bool = False) -> Iterator[dict[str, FeatureNow]]:
    """Each feature in each of its states; with `alert`, each point or line also on alert (the biggest mark)."""
    features = game_map.features
    choices = [[(f.states[k].shows, k) for k in range(len(f.states))] + ([("alert", 0)] if alert else [])
               for f in features]
    for picks in itertools.product(*choices):
        yield {f.id: FeatureNow(f, shows, f.states[k].status or "", f.description or "", f.states[k].note or "", k)
               for f, (shows, k) in zip(features, picks, strict=True)}


def _check(picture: Picture, game_map: CompiledMap) -> tuple[int, int]:
    """Every rule for one drawn map; returns how many marks stood off their place and how many merged places."""
    moved = merged = 0
    marks = {m.id: m for m in picture.marks}
    for frame, pane in picture.layout.panes.items():
        spots = picture.drawn.marks.get(frame, [])
        boxes = [(s.feature, s.box) for s in spots] + picture.drawn.line_marks.get(frame, [])
        for (a_id, a), (b_id, b) in itertools.combinations(boxes, 2):
            assert not a.colliderect(b), (frame, a_id, a, b_id, b)
        for feature_id, box in boxes:
            assert pane.inner.contains(box), (frame, feature_id, box)
        for spot in spots:
            mark = marks[spot.feature]
            places = [pane.frame.point(lon, lat) for _, _, lon, lat in mark.places]
            home = (sum(places[k][0] for k in spot.members) / len(spot.members),
                    sum(places[k][1] for k in spot.members) / len(spot.members))
            assert math.dist(home, spot.home) < 1e-6, spot
            leader = spot.leader()
            if spot.moved:
                moved += 1
                assert leader is not None and leader[0] == spot.home and spot.symbol.collidepoint(leader[1])
            else:
                assert leader is None and spot.symbol.collidepoint(round(home[0]), round(home[1]))
            merged += len(spot.members) - 1
            assert (spot.badge is not None) == (len(spot.members) > 1), spot
            assert picture.feature_at(spot.symbol.center) == spot.feature, spot
    for mark in picture.marks:
        if mark.kind == "point":
            members = sorted(k for spot in picture.drawn.marks.get(mark.frame, []) if spot.feature == mark.id
                             for k in spot.members)
            assert members == list(range(len(mark.places))), (mark.id, members)
    return moved, merged


@pytest.mark.parametrize("scenario", ["new_partnership", "brussels_2001"])
@pytest.mark.parametrize(("size", "text_px"), SIZES)
def test_no_mark_overlaps_another_in_any_combination_of_states(scenario: str, size: tuple[int, int],
                                                               text_px: int) -> None:
    game_map = _game_map(scenario)
    combinations = 0
    for nows in _every_combination(game_map, alert=True):
        combinations += 1
        _check(render(game_map, marks_from(nows), size, DOSSIER, text_px), game_map)
    assert combinations >= 3 ** 3


def test_the_crowded_bases_merge_with_a_count_and_a_covered_place_stands_off() -> None:
    """At 1024×600 the three airfields of the US bases and Kabul lie within a few pixels: the placement has to merge
    or move marks there (else the test above checks a map that never crowded)."""
    game_map = _game_map("new_partnership")
    size, text_px = SIZES[0]
    moved = merged = 0
    for nows in _every_combination(game_map):
        picture = render(game_map, marks_from(nows), size, DOSSIER, text_px)
        m, g = _check(picture, game_map)
        moved, merged = moved + m, merged + g
    assert moved > 0 and merged > 0


def test_the_highest_rank_keeps_its_place_and_the_others_stand_off_clear_of_each_other() -> None:
    bounds = pygame.Rect(0, 0, 200, 100)
    wanted = [Wanted(f"f{k}", ((100.0, 50.0),), 4.0, rank, 8) for k, rank in enumerate((1, 5, 3, 3))]
    spots = arrange(wanted, bounds)
    by_id = {s.feature: s for s in spots}
    assert not by_id["f1"].moved and all(by_id[f].moved for f in ("f0", "f2", "f3"))
    for a, b in itertools.combinations(spots, 2):
        assert not a.box.colliderect(b.box)
    # A group whose places touch is one mark, at their mean, with their count.
    group = arrange([Wanted("g", ((50.0, 50.0), (53.0, 51.0), (150.0, 50.0)), 4.0, 1, 8)], bounds)
    assert sorted(s.members for s in group) == [(0, 1), (2,)]
    pair = next(s for s in group if len(s.members) == 2)
    assert pair.home == (51.5, 50.5) and pair.badge is not None and not pair.moved


def test_the_card_names_a_groups_places() -> None:
    game_map = _game_map("new_partnership")
    nows = next(_every_combination(game_map))
    picture = render(game_map, marks_from(nows), *SIZES[0][:1], DOSSIER, SIZES[0][1])
    inset = MapInset(SimpleNamespace(dirty=False), None)
    inset.picture, inset.hovered = picture, "us_bases"
    lines = [words for words, _ in inset.card_lines()]
    bases = next(m for m in picture.marks if m.id == "us_bases")
    assert " · ".join(name for name, _, _, _ in bases.places) in lines
    assert "Karshi-Khanabad (K2)" in lines[2] and "Manas" in lines[2]
