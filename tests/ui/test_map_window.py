"""The turn screen's map in the window: drawn from the scenario's map on the Natural Earth base, hover and keyboard
focus explain a feature, a change of state fades in unless motion is reduced, and the 1962 example renders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pygame
import pytest

from partnership_game.scenario import load_path
from partnership_game.session import Session
from partnership_game.session.map_states import FeatureNow, map_now
from partnership_game.ui.settings import Settings
from partnership_game.ui.theme import DOSSIER
from partnership_game.ui.views import marks_from
from partnership_game.ui.widgets.map_inset import TRANSITION_S, render

Driver = Any
SEED = 2001
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "caribbean_1962.yaml"
# The turn screen's map (its rect inside the paper, and the text size) at 1024×600 and 1280×720, as measured by
# test_the_map_sizes_the_label_tests_use_are_the_turn_screens below.
TURN_SCREEN_MAPS = {(1024, 600): ((367, 114), 10), (1280, 720): ((459, 134), 12)}


def _turn(make_app: Callable[..., Driver], size: tuple[int, int] = (1280, 720), **settings: Any) -> Driver:
    d = make_app(Settings(width=size[0], height=size[1], **settings))
    d.start("new_partnership", SEED)
    assert d.top_name == "TurnScreen"
    d.settle()
    return d


def _above_map(d: Driver) -> np.ndarray:
    """The window over the map, where its hover card goes (the feature it explains stays in sight)."""
    rect = d.top.map_inset.rect
    return pygame.surfarray.array3d(d.app.window)[rect.left:rect.right, :rect.top].copy()


@pytest.mark.parametrize("size", sorted(TURN_SCREEN_MAPS))
def test_the_map_sizes_the_label_tests_use_are_the_turn_screens(make_app: Callable[..., Driver],
                                                                size: tuple[int, int]) -> None:
    d = _turn(make_app, size)
    inset = d.top.map_inset
    assert inset.picture is not None, "the turn screen drew no map"
    assert (inset.rect.size, inset.text_px) == TURN_SCREEN_MAPS[size]
    assert d.top.map_inset.picture.layout.panes.keys() == {"main", "caribbean"}


def test_the_window_draws_the_scenarios_features_with_their_state_words(make_app: Callable[..., Driver]) -> None:
    d = _turn(make_app)
    picture = d.top.map_inset.picture
    placed = {p.key for placement in picture.placements.values() for p in placement.placed}
    # At the start every station is open and the corridor closed: its label says so in words, not colour alone.
    assert "air_corridor" in placed and "lourdes" in placed
    words = {label.key: style.wordings for frame in picture.drawn.labels.values() for label, style in frame}
    assert all("closed" in w for w in words["air_corridor"]), words["air_corridor"]
    assert not any(":" in w for w in words["lourdes"])


def test_hovering_a_feature_shows_what_it_is_and_why_it_is_in_its_state(make_app: Callable[..., Driver]) -> None:
    d = _turn(make_app)
    inset = d.top.map_inset
    before = _above_map(d)
    spot = inset.picture.where("lourdes").move(inset.rect.topleft)
    d.move(spot.center)
    assert inset.hovered == "lourdes"
    lines = [words for words, _ in inset.card_lines()]
    assert lines[0] == "Lourdes station"
    assert "A Russian signals-intelligence station near Havana, run since Soviet times." in lines
    assert "Now: Russia still runs the station." in lines
    # The card is drawn over the map's top edge.
    assert not np.array_equal(before, _above_map(d))
    d.move((2, 2))
    assert inset.hovered is None and inset.card_lines() == []
    assert np.array_equal(before, _above_map(d))


def test_keyboard_focus_on_the_map_walks_its_features_and_explains_each(make_app: Callable[..., Driver]) -> None:
    d = _turn(make_app)
    screen = d.top
    screen.focus.focus(screen.map_area)
    screen._sync_focus()
    d.settle()
    first = screen.map_inset.card_lines()
    assert first[0][0] == "Moscow", first
    seen = []
    for _ in range(len(screen.map_inset.picture.marks)):
        d.key(pygame.K_RIGHT)
        seen.append(screen.map_inset.card_lines()[0][0])
    assert "Air corridor: closed" in seen and "US bases: no access" in seen
    assert seen[-1] == "Moscow", "Right wraps round to the first feature"
    d.key(pygame.K_LEFT)
    assert screen.map_inset.card_lines()[0][0] == "NATO–Russia Council: not convened"


def _open_corridor(d: Driver) -> None:
    """Decide the way that opens Russian airspace (the flag the corridor's state reads), as the game would."""
    session = d.top.game.session
    flags = [f.id for f in session.scenario.model.flags]
    index = flags.index("air_corridor_open")
    session.state.flags[0, index] = True


@pytest.mark.parametrize("reduce", [False, True])
def test_a_change_of_state_fades_in_unless_motion_is_reduced(make_app: Callable[..., Driver], reduce: bool) -> None:
    d = _turn(make_app, reduce_motion=reduce)
    inset = d.top.map_inset
    _open_corridor(d)
    d.app.dirty = True
    d.app.frame(0.0)
    assert inset.states is not None and ("air_corridor", 0, "open") in inset.states
    if reduce:
        assert not inset.moving, "reduce motion draws the new state at once"
        return
    assert inset.moving, "a change of state fades in"
    d.app.frame(TRANSITION_S / 2)
    assert inset.moving
    d.key(pygame.K_LSHIFT)  # any key finishes it
    assert not inset.moving


def test_the_fade_ends_on_its_own_within_its_time(make_app: Callable[..., Driver]) -> None:
    d = _turn(make_app)
    inset = d.top.map_inset
    _open_corridor(d)
    d.app.dirty = True
    d.app.frame(0.0)
    assert inset.moving
    for _ in range(4):
        d.app.frame(0.1)
    assert not inset.moving
    assert TRANSITION_S < 0.4


def test_the_1962_example_renders_its_features_in_their_states() -> None:
    pygame.display.init()
    pygame.font.init()
    session = Session(load_path(EXAMPLE), 1)
    game_map = session.compiled.map
    missiles = game_map.feature("missile_sites")
    found = missiles.states.index(next(s for s in missiles.states if s.shows == "alert"))
    nows = dict(map_now(session))
    nows["missile_sites"] = FeatureNow(missiles, "alert", "found", "", "", found)
    picture = render(game_map, marks_from(nows), (640, 420), DOSSIER, 13)
    assert picture.layout.panes.keys() == {"main", "turkey"}
    keys = {p.key for placement in picture.placements.values() for p in placement.placed}
    assert {"havana", "cuba", "missile_sites", "jupiters"} <= keys
    pixels = pygame.surfarray.array3d(picture.image)
    # Land and sea both drawn, and the alert's red is on the map near the sites.
    assert (pixels == DOSSIER.land).all(axis=2).sum() > 1000
    assert (pixels == DOSSIER.water).all(axis=2).sum() > 1000
    spot = picture.where("missile_sites")
    assert spot.w > 0
    reds = (np.abs(pixels.astype(int) - DOSSIER.stamp).sum(axis=2) < 40).sum()
    assert reds > 20
