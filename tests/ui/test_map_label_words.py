"""Map labels are never fragments: at the turn screen's map sizes (1024×600 and 1280×720, at the text sizes it can
show a map with) and a large one, in every combination of the features' states, in both campaigns and the 1962
example, every drawn label is its feature's name or declared short name, with the state word when it has one (on
one line or two), or it is absent; never the state word alone, never a cut word, and wholly inside its frame."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from partnership_game import paths
from partnership_game.scenario import load_path
from partnership_game.scenario.compiled_map import CompiledMap
from partnership_game.scenario.discovery import resolve
from partnership_game.session import Session
from partnership_game.session.map_states import FeatureNow
from partnership_game.ui.theme import DOSSIER
from partnership_game.ui.views import marks_from
from partnership_game.ui.widgets.map_inset import Picture, render
from partnership_game.ui.widgets.map_labels import EDGE
from partnership_game.ui.widgets.pen_text import text_width

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "caribbean_1962.yaml"
# The turn screen's map rect and text size at 1024×600 and 1280×720 (test_map_window.py checks these against the
# window; with larger text the screen gives the map no room), those rects with the next text size up, and a large map.
SIZES = [((367, 114), 10), ((459, 134), 12), ((367, 114), 12), ((459, 134), 14), ((760, 380), 14)]


@pytest.fixture(autouse=True, scope="module")
def _display() -> Iterator[None]:
    # Display and fonts only, left open: the widgets' text caches hold fonts that pygame.quit() would kill.
    pygame.display.init()
    pygame.font.init()
    yield


def _game_map(scenario: str) -> CompiledMap:
    if scenario.endswith(".yaml"):
        return Session(load_path(EXAMPLE), 1).compiled.map
    return Session(resolve(scenario, paths.builtin_scenarios_dir(), paths.mods_dir()), 2001).compiled.map


def _every_combination(game_map: CompiledMap) -> Iterator[dict[str, FeatureNow]]:
    features = game_map.features
    for picks in itertools.product(*(range(len(f.states)) for f in features)):
        yield {f.id: FeatureNow(f, f.states[k].shows, f.states[k].status or "", f.description or "",
                                f.states[k].note or "", k) for f, k in zip(features, picks, strict=True)}


def _allowed(key: str, nows: dict[str, FeatureNow]) -> set[str]:
    """What the scenario lets a label say, straight from its file: a name or a declared short name, each followed
    by the state word (after a colon, or on a line of its own) when the feature's state has one."""
    feature_id, _, place = key.partition("/")
    now = nows[feature_id]
    if place:
        member = now.feature.places[int(place)]
        return {name for name in (member.name, member.short) if name}
    names = {name for name in (now.feature.label, now.feature.short) if name}
    if not now.status:
        return names
    return {f"{name}{joint}{now.status}" for name in names for joint in (": ", "\n")}


def _check(picture: Picture, nows: dict[str, FeatureNow]) -> list[str]:
    """Every drawn label's words, after checking each is a whole allowed form that fits its box in its frame."""
    said = []
    for frame, placement in picture.placements.items():
        inner = picture.layout.panes[frame].inner.inflate(-2 * EDGE, -2 * EDGE)
        styles = {label.key: style for label, style in picture.drawn.labels[frame]}
        for placed in placement.placed:
            style = styles[placed.key]
            words = style.wordings[placed.wording]
            assert words in _allowed(placed.key, nows), (frame, placed.key, words)
            box = placed.box
            assert inner.left <= box.x and box.right <= inner.right, (frame, placed.key, box, inner)
            assert inner.top <= box.y and box.bottom <= inner.bottom, (frame, placed.key, box, inner)
            for row in words.split("\n"):
                assert text_width(row, style.px, style.bold) + 2 <= box.w, (placed.key, row, box)
            said.append(words)
    return said


@pytest.mark.parametrize("scenario", ["new_partnership", "brussels_2001", "caribbean_1962.yaml"])
@pytest.mark.parametrize(("size", "text_px"), SIZES)
def test_every_drawn_map_label_is_a_whole_name_with_its_state_or_absent(
        scenario: str, size: tuple[int, int], text_px: int) -> None:
    game_map = _game_map(scenario)
    combinations = 0
    for nows in _every_combination(game_map):
        combinations += 1
        _check(render(game_map, marks_from(nows), size, DOSSIER, text_px), nows)
    assert combinations >= 4


@pytest.mark.parametrize(("size", "text_px"), SIZES[:2])
def test_lourdes_closing_in_the_cuba_inset_keeps_its_name(size: tuple[int, int], text_px: int) -> None:
    """The case that was seen: the inset is too narrow for "Lourdes: closing" and showed "closing" alone."""
    game_map = _game_map("new_partnership")
    for nows in _every_combination(game_map):
        if nows["lourdes"].shows != "closed":
            continue
        picture = render(game_map, marks_from(nows), size, DOSSIER, text_px)
        styles = {label.key: style for label, style in picture.drawn.labels["caribbean"]}
        words = {styles[p.key].wordings[p.wording] for p in picture.placements["caribbean"].placed
                 if p.key == "lourdes"}
        assert words and all("Lourdes" in w and "closing" in w for w in words), words


def test_an_inset_title_too_wide_for_its_box_is_left_out_not_cut() -> None:
    from partnership_game.ui.widgets import map_draw

    game_map = _game_map("new_partnership")
    inset = game_map.insets[0]
    long_title = replace(game_map, insets=(replace(inset, title="Cuba and the Florida Straits in October"),))
    size, text_px = SIZES[0]
    pane = map_draw.layout(long_title, size, text_px).panes[inset.id]
    assert text_width(pane.title, map_draw.small_px(text_px), True) > pane.box.w - 4, "the title should not fit"
    cut = map_draw.base_layers(long_title, size, DOSSIER, text_px).image
    whole = map_draw.base_layers(game_map, size, DOSSIER, text_px).image
    title_row = pygame.Rect(pane.box.left + 1, pane.box.top + 1, pane.box.w - 2, pane.inner.top - pane.box.top - 1)
    ink = [cut.get_at((x, y)) == DOSSIER.ink for x in range(title_row.left, title_row.right)
           for y in range(title_row.top, title_row.bottom)]
    assert not any(ink), "a title that does not fit is not drawn (no cut word)"
    assert any(whole.get_at((x, y)) == DOSSIER.ink for x in range(title_row.left, title_row.right)
               for y in range(title_row.top, title_row.bottom)), "a title that fits is drawn"
