"""Faces for the offices: the built-in emblems draw at every size and differ; a mod's picture sits in the same
frame; the turn screen shows a card for each speaker of the counsel."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pygame
import pytest

from partnership_game.scenario import load_path
from partnership_game.scenario.emblems import BUILTIN_EMBLEMS
from partnership_game.ui.game import Game
from partnership_game.ui.screens.turn import TurnScreen
from partnership_game.ui.theme import COLOUR_SAFE, DOSSIER
from partnership_game.ui.widgets import emblem
from partnership_game.ui.widgets.counsel_card import card, card_file

SIZES = (32, 48, 64, 96)


@pytest.fixture
def display() -> Iterator[None]:
    # Display and fonts only: pygame.init() would also open an audio device.
    pygame.display.init()
    pygame.font.init()
    yield


def alpha(surface: pygame.Surface) -> np.ndarray:
    return np.asarray(pygame.surfarray.array_alpha(surface), dtype=np.int16)


def test_the_window_draws_exactly_the_names_the_format_allows() -> None:
    assert set(emblem.names()) == set(BUILTIN_EMBLEMS)


@pytest.mark.parametrize("size", SIZES)
def test_every_emblem_draws_at_each_size_with_ink_and_room(display: None, size: int) -> None:
    for name in BUILTIN_EMBLEMS:
        picture = emblem.emblem(name, size, DOSSIER.ink, DOSSIER.paper_shade)
        assert picture.get_size() == (size, size), name
        inked = (alpha(picture) > 128).mean()
        # Neither blank nor a filled square: a shape that leaves room around it.
        assert 0.08 < inked < 0.75, (name, size, inked)


def inked(name: str, size: int = 48) -> np.ndarray:
    """Where the emblem is dark, laid on its ground: what the eye sees, in one colour (no hue to tell them apart)."""
    ground = pygame.Surface((size, size))
    ground.fill(DOSSIER.paper_shade)
    ground.blit(emblem.emblem(name, size, DOSSIER.ink, DOSSIER.paper_shade), (0, 0))
    return np.asarray(pygame.surfarray.array3d(ground).sum(axis=2) < 3 * 128)


def test_emblems_differ_from_each_other_by_shape(display: None) -> None:
    shapes = {name: inked(name) for name in BUILTIN_EMBLEMS}
    for a, b in itertools.combinations(BUILTIN_EMBLEMS, 2):
        differing = (shapes[a] != shapes[b]).mean()
        assert differing > 0.08, f"{a} and {b} differ in only {differing:.1%} of their pixels"


def test_a_tile_is_cached_per_size_and_follows_the_palette(display: None) -> None:
    first = emblem.tile("duma", "Duma", 48, DOSSIER)
    assert emblem.tile("duma", "Duma", 48, DOSSIER) is first
    assert emblem.tile("duma", "Duma", 64, DOSSIER).get_size() == (64, 64)
    other = pygame.surfarray.array3d(emblem.tile("duma", "Duma", 48, COLOUR_SAFE))
    assert (other != pygame.surfarray.array3d(first)).any()


def test_a_mod_picture_is_fitted_into_the_frame_and_a_bad_one_falls_back(display: None, tmp_path: Path) -> None:
    wide = pygame.Surface((120, 40))
    wide.fill((200, 30, 30))
    path = tmp_path / "face.png"
    pygame.image.save(wide, str(path))
    framed = pygame.surfarray.array3d(emblem.tile(path, "Envoy", 64, DOSSIER))
    red = (framed[:, :, 0] > 180) & (framed[:, :, 1] < 80)
    columns, rows = np.nonzero(red.any(axis=1))[0], np.nonzero(red.any(axis=0))[0]
    # Its proportions kept (3:1), inside the frame (never touching the edge).
    assert 2.5 < (np.ptp(columns) + 1) / (np.ptp(rows) + 1) < 3.5
    assert columns.min() > 0 and columns.max() < 63
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not really")
    fallback = emblem.tile(broken, "Envoy", 64, DOSSIER)
    monogram = emblem.tile(None, "Envoy", 64, DOSSIER)
    assert (pygame.surfarray.array3d(fallback) == pygame.surfarray.array3d(monogram)).all()


def test_a_monogram_takes_the_office_s_main_words() -> None:
    assert emblem.monogram_letters("Minister of Defence") == "MD"
    assert emblem.monogram_letters("A voice from business and the universities") == "VB"
    assert emblem.monogram_letters("—") == "?"


def test_a_card_holds_the_emblem_and_is_written_once(display: None) -> None:
    picture = card("pentagon", "Secretary of Defense", "Pentagon", 1.0, DOSSIER)
    assert picture.get_height() < 2 * 28  # under two rows of the story at 100 % text
    path = card_file("pentagon", "Secretary of Defense", "Pentagon", 1.0, DOSSIER)
    stamp = path.stat().st_mtime_ns
    assert card_file("pentagon", "Secretary of Defense", "Pentagon", 1.0, DOSSIER) == path
    assert path.stat().st_mtime_ns == stamp
    assert pygame.image.load(str(path)).get_size() == picture.get_size()


# ---- on the turn screen ---------------------------------------------------------------------------------------


def _cards(screen: Any) -> list[Any]:
    from pygame_gui.core.text.image_layout_rect import ImageLayoutRect

    rows = screen.story_box.text_box_layout.layout_rows
    found = [item for row in rows for item in row.items if isinstance(item, ImageLayoutRect)]
    return found + [f for f in screen.story_box.text_box_layout.floating_rects if f not in found]


@pytest.mark.parametrize("scenario", ["new_partnership", "brussels_2001"])
def test_the_turn_screen_shows_a_card_for_each_speaker(driver: Any, scenario: str) -> None:
    driver.start(scenario, 2001)
    screen = driver.top
    assert isinstance(screen, TurnScreen)
    event = driver.game.session.pending.event.model
    advisors = {a.id: a for a in driver.game.scenario.model.advisors}
    speakers = [advisors[c.advisor] for c in event.advisors]
    assert speakers
    html = screen.story_box.html_text
    sources = re.findall(r"<img src='([^']+)' float=left", html)
    assert len(sources) == len(speakers)
    floats = screen.story_box.text_box_layout.floating_rects
    assert len(floats) == len(speakers)
    for source, who, placed in zip(sources, speakers, floats, strict=True):
        expected = card(who.emblem, who.office, who.faction, round(driver.app.px(8) / 8, 3), driver.app.palette)
        assert placed.image_surf.get_size() == expected.get_size()
        assert Path(source).is_file()
    # No two cards side by side: each starts below the one before.
    assert all(b.top >= a.bottom for a, b in itertools.pairwise(floats))


def test_a_mod_s_own_picture_is_on_its_speaker_s_card(driver: Any, tmp_path: Path, tiny_path: Path) -> None:
    folder = tmp_path / "mod"
    (folder / "faces").mkdir(parents=True)
    face = pygame.Surface((30, 30))
    face.fill((10, 160, 40))
    pygame.image.save(face, str(folder / "faces" / "minister.png"))
    text = tiny_path.read_text(encoding="utf-8").replace("faction: military}", "faction: military, emblem: "
                                                         "faces/minister.png}")
    (folder / "tiny.yaml").write_text(text, encoding="utf-8")
    driver.app.push(TurnScreen(driver.app, Game.new(load_path(folder / "tiny.yaml"), 1)))
    driver.settle()
    [placed] = driver.top.story_box.text_box_layout.floating_rects
    pixels = pygame.surfarray.array3d(placed.image_surf)
    assert ((pixels[:, :, 1] > 130) & (pixels[:, :, 0] < 60)).sum() > 100  # the mod's green face is on the card


def test_twelve_lines_of_story_still_show_at_1280x720(driver: Any) -> None:
    driver.start("new_partnership", 2001)
    assert driver.app.size == (1280, 720)
    for _ in range(3):
        assert driver.top.story_lines_visible() >= 12
        driver.decide(driver.historical_choice())
        while driver.top_name != "TurnScreen":
            driver.key(pygame.K_RETURN)
