"""The guided first turn: offered on the first game only, one framed part of the real turn screen per step, moved by
keys and clicks, left at any moment with the turn screen exactly as it was, and started again from Help."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame
import pytest

from partnership_game.ui.focus import RING_INK
from partnership_game.ui.screens import guide
from partnership_game.ui.screens.guide import DIM, GuideScreen, frame_rect, place_box
from partnership_game.ui.settings import Settings, load_settings

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:pygame_gui")
Driver = Any  # tests/ui/conftest.py's Driver: keys, clicks and frames through App.dispatch

# Every part the issue names, in the tour of the main campaign's first decision at both sizes.
PARTS = {"story", "counsel", "options", "preview", "meters", "timeline", "map", "odds", "rollback"}


@pytest.fixture(autouse=True)
def _guide_offer_answered() -> None:
    """Here the player is new: the offer is not answered in advance (see conftest.py)."""


def first_turn(driver: Driver) -> None:
    """Title → picker (the main campaign is offered first) → briefing → the first turn, as a new player goes."""
    driver.app.services.new_seed = lambda: 2001
    driver.start(None, None, None)
    driver.key(pygame.K_RETURN)
    assert driver.top_name == "PickerScreen", driver.names()
    assert driver.top.entries[driver.top.index].id == "new_partnership"
    driver.key(pygame.K_RETURN)
    assert driver.top_name == "BriefingScreen", driver.names()
    driver.key(pygame.K_RETURN)


def tour(driver: Driver) -> GuideScreen:
    first_turn(driver)
    assert driver.names() == ["TurnScreen", "GuideOffer"]
    driver.key(pygame.K_RETURN)  # "Show me around" has the focus
    assert driver.names() == ["TurnScreen", "GuideScreen"]
    return driver.top


def turn_state(turn: Any) -> tuple[Any, ...]:
    """Everything a tour could disturb on the turn screen, and the game under it."""
    session = turn.game.session
    bar = turn.story_box.scroll_bar
    return (turn.selected, turn.hovered, turn.focus.index, round(bar.start_percentage, 6), turn.status,
            len(session.decisions), session.timeline.current, turn._pending_key(), turn.effects_shown(),
            turn.game.outcome)


def center(element: Any) -> tuple[int, int]:
    return element.rect.center


# ---- the offer ------------------------------------------------------------------------------------------------

def test_the_offer_comes_on_the_first_game_only(make_app: Callable[..., Driver]) -> None:
    driver = make_app()
    first_turn(driver)
    assert driver.names() == ["TurnScreen", "GuideOffer"]
    offer = driver.top
    assert offer.focus.current is offer.start_button  # Enter takes the tour, Esc declines
    driver.key(pygame.K_ESCAPE)
    assert driver.names() == ["TurnScreen"]
    assert driver.app.settings.guide_seen and load_settings().guide_seen  # kept for the next start
    # A second game in the same run, by the menu and the title: no offer.
    driver.key(pygame.K_ESCAPE)
    assert driver.top_name == "MenuScreen"
    driver.click(center(next(b for b, item in driver.top.buttons.items() if item == "title")))
    assert driver.names() == ["TitleScreen"]
    first_turn(driver)
    assert driver.names() == ["TurnScreen"]
    # A fresh start of the game reads the setting back: still no offer.
    again = make_app(load_settings())
    first_turn(again)
    assert again.names() == ["TurnScreen"]


def test_declining_by_click_outside_or_not_now_counts_as_answered(make_app: Callable[..., Driver]) -> None:
    driver = make_app()
    first_turn(driver)
    driver.click((5, driver.app.size[1] - 5))  # outside the dialog
    assert driver.names() == ["TurnScreen"] and driver.app.settings.guide_seen
    other = make_app(Settings(width=1280, height=720))
    first_turn(other)
    other.click(center(other.top.close_button))
    assert other.names() == ["TurnScreen"] and other.app.settings.guide_seen


def test_show_me_around_by_click(driver: Driver) -> None:
    first_turn(driver)
    driver.click(center(driver.top.start_button))
    assert driver.names() == ["TurnScreen", "GuideScreen"]
    assert driver.top.index == 0


# ---- every step -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_every_step_frames_a_part_inside_the_window_and_its_box_stays_off_it(
        make_app: Callable[..., Driver], size: tuple[int, int]) -> None:
    driver = make_app(Settings(width=size[0], height=size[1]))
    screen = tour(driver)
    window = pygame.Rect((0, 0), size)
    keys = screen.keys
    assert set(keys) >= PARTS, keys
    seen = []
    for index, key in enumerate(keys):
        screen = driver.top
        assert isinstance(screen, GuideScreen) and screen.index == index
        step = screen.step
        assert step.key == key
        seen.append(key)
        assert step.rect.width > 0 and step.rect.height > 0, key
        assert window.contains(step.rect), (key, step.rect)
        veil, box = screen.elements[0], screen.elements[1]
        thickness = max(4, driver.app.px(5))
        frame = frame_rect(step.rect, thickness, window)
        assert window.contains(box.rect), (key, box.rect)
        assert not box.rect.colliderect(step.rect), (key, box.rect, step.rect)
        for button in screen.buttons.values():
            assert box.rect.contains(button.rect), (key, button.rect)
        # The part shows at full strength inside a thick dark frame; the rest of the window is dimmed.
        picture = veil.image
        assert picture.get_at(step.rect.center).a == 0, key
        assert picture.get_at((frame.left + 1, frame.centery))[:3] == RING_INK, key
        far = next(p for p in ((2, 2), (size[0] - 3, 2), (2, size[1] - 3), (size[0] - 3, size[1] - 3))
                   if not frame.collidepoint(p) and not box.rect.collidepoint(p))
        assert picture.get_at(far).a == DIM[3], key
        assert step.title and step.text
        driver.key(pygame.K_RIGHT)
    assert seen == keys
    assert driver.names() == ["TurnScreen"]  # Right on the last step ends the tour


def test_the_preview_step_shows_an_example_without_choosing_it(driver: Driver) -> None:
    screen = tour(driver)
    turn = driver.app.stack[0]
    assert turn.effects_shown().startswith("Pick an option")
    while screen.step.key != "preview":
        driver.key(pygame.K_RIGHT)
        screen = driver.top
    assert turn.hovered == 0 and turn.selected is None
    assert turn.effects_shown().startswith("1. ")  # the real preview of option 1, in words
    assert "option 1" in screen.step.text
    driver.key(pygame.K_ESCAPE)
    assert turn.hovered is None and turn.effects_shown().startswith("Pick an option")


def test_the_counsel_step_scrolls_to_the_counsel_and_puts_the_story_back(driver: Driver) -> None:
    screen = tour(driver)
    turn = driver.app.stack[0]
    assert turn.story_box.scroll_bar.start_percentage == 0
    while screen.step.key != "counsel":
        driver.key(pygame.K_RIGHT)
        screen = driver.top
    assert turn.story_box.scroll_bar.start_percentage > 0
    story = turn.story_box.rect
    assert story.contains(screen.step.rect) and screen.step.rect.top <= story.top + driver.app.px(20)
    driver.key(pygame.K_ESCAPE)
    assert turn.story_box.scroll_bar.start_percentage == 0


# ---- keys and clicks ------------------------------------------------------------------------------------------

def test_keys_move_back_and_skip(driver: Driver) -> None:
    screen = tour(driver)
    turn = driver.app.stack[0]
    before = turn_state(turn)
    driver.key(pygame.K_LEFT)
    assert driver.top.index == 0  # nothing before the first step
    driver.key(pygame.K_RIGHT)
    assert driver.top.index == 1
    driver.key(pygame.K_RETURN)
    assert driver.top.index == 2
    driver.key(pygame.K_LEFT)
    assert driver.top.index == 1
    driver.key(pygame.K_TAB)  # from Next to Skip; Enter now presses Skip
    assert driver.top.focus.current is driver.top.buttons["skip"]
    driver.key(pygame.K_RETURN)
    assert driver.names() == ["TurnScreen"]
    assert turn_state(turn) == before
    screen = tour_again(driver)
    driver.key(pygame.K_RIGHT)
    driver.key(pygame.K_ESCAPE)  # Esc at any step
    assert driver.names() == ["TurnScreen"] and turn_state(turn) == before
    assert isinstance(screen, GuideScreen)


def tour_again(driver: Driver) -> GuideScreen:
    """From Help (F1), by keyboard: Tab to "Tour of this screen", Enter."""
    driver.key(pygame.K_F1)
    assert driver.top_name == "HelpScreen"
    help_screen = driver.top
    assert help_screen.tour_button is not None
    while help_screen.focus.current is not help_screen.tour_button:
        driver.key(pygame.K_TAB)
    driver.key(pygame.K_RETURN)
    assert driver.names() == ["TurnScreen", "GuideScreen"]
    return driver.top


def test_clicks_move_back_and_skip(driver: Driver) -> None:
    tour(driver)
    turn = driver.app.stack[0]
    before = turn_state(turn)
    driver.click(center(driver.top.buttons["next"]))
    driver.click(center(driver.top.buttons["next"]))
    assert driver.top.index == 2
    driver.click(center(driver.top.buttons["back"]))
    assert driver.top.index == 1
    driver.click(center(driver.top.buttons["skip"]))
    assert driver.names() == ["TurnScreen"] and turn_state(turn) == before


def test_the_tour_never_decides_and_leaves_the_turn_as_it_was(driver: Driver) -> None:
    first_turn(driver)
    driver.key(pygame.K_ESCAPE)  # not now
    turn = driver.top
    driver.digit(1)  # the player has selected option 2 and scrolled the story a little
    driver.key(pygame.K_PAGEDOWN)
    before = turn_state(turn)
    assert before[0] == 1 and before[3] > 0
    cards = [pygame.Rect(r) for r in turn.card_rects]
    decide = center(turn.decide_button)
    odds = center(turn.odds_button)
    tour_again(driver)
    for _ in range(len(driver.top.keys) - 1):
        # What would select, decide or open something on the turn screen does nothing while the tour is up.
        for press in (pygame.K_1, pygame.K_3, pygame.K_o, pygame.K_b, pygame.K_PAGEDOWN, pygame.K_DOWN):
            driver.key(press)
        driver.key(pygame.K_z, pygame.KMOD_LCTRL)
        box = driver.top.elements[1].rect  # the tour's own box and buttons may stand over a card
        for pos in (cards[2].center, cards[3].center, decide, odds):
            if not box.collidepoint(pos):
                driver.click(pos)
        assert driver.top_name == "GuideScreen", driver.names()
        driver.key(pygame.K_RIGHT)
    assert driver.top.buttons["next"].text == "Done"
    driver.key(pygame.K_RETURN)  # Done
    assert driver.names() == ["TurnScreen"]
    assert turn_state(turn) == before


# ---- from Help ------------------------------------------------------------------------------------------------

def test_help_starts_the_tour_again_by_click_and_from_the_menu(driver: Driver) -> None:
    first_turn(driver)
    driver.key(pygame.K_ESCAPE)
    driver.key(pygame.K_F1)
    driver.click(center(driver.top.tour_button))
    assert driver.names() == ["TurnScreen", "GuideScreen"] and driver.top.index == 0
    driver.key(pygame.K_ESCAPE)
    driver.key(pygame.K_ESCAPE)  # the menu, then its Help
    assert driver.top_name == "MenuScreen"
    driver.click(center(next(b for b, item in driver.top.buttons.items() if item == "help")))
    assert driver.names() == ["TurnScreen", "MenuScreen", "HelpScreen"]
    driver.click(center(driver.top.tour_button))
    assert driver.names() == ["TurnScreen", "GuideScreen"]


def test_help_without_a_turn_has_no_tour(driver: Driver) -> None:
    driver.start(None, None, None)
    driver.key(pygame.K_F1)
    assert driver.top_name == "HelpScreen"
    assert driver.top.tour_button is None
    assert guide.start(driver.app) is False


def test_the_tour_follows_a_resize(driver: Driver) -> None:
    tour(driver)
    driver.key(pygame.K_RIGHT)
    driver.key(pygame.K_RIGHT)
    driver.resize(1024, 600)
    screen = driver.top
    assert isinstance(screen, GuideScreen) and screen.index == 2
    assert pygame.Rect(0, 0, 1024, 600).contains(screen.step.rect)
    assert not screen.elements[1].rect.colliderect(screen.step.rect)


# ---- where the box goes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("target", [pygame.Rect(10, 10, 1260, 50), pygame.Rect(10, 100, 775, 420),
                                    pygame.Rect(795, 100, 475, 380), pygame.Rect(10, 660, 775, 50),
                                    pygame.Rect(1140, 674, 130, 36)])
def test_the_box_goes_beside_the_part_inside_the_window(target: pygame.Rect) -> None:
    window = pygame.Rect(0, 0, 1280, 720)
    box = place_box(target, (400, 300), window, 14)
    assert window.contains(box) and not box.colliderect(target)


# ---- no clipped or overlapping text, at every size and text size ----------------------------------------------

SIZES = ((920, 540), (1024, 600), (1280, 720), (1366, 768), (1920, 1080))
TEXT_SCALES = (1.0, 1.2, 1.4)


@pytest.mark.parametrize("where", ["offer", "tour"])
def test_the_offer_and_every_step_lay_out_without_clipped_text(driver: Driver, where: str) -> None:
    from dataclasses import replace

    from partnership_game.ui.audit import audit

    first_turn(driver)
    if where == "tour":
        driver.key(pygame.K_RETURN)
    expected = "GuideOffer" if where == "offer" else "GuideScreen"
    found: dict[str, list[str]] = {}
    for scale in TEXT_SCALES:
        driver.app.apply_settings(replace(driver.app.settings, text_scale=scale))
        for width, height in SIZES:
            driver.resize(width, height)
            steps = len(driver.top.keys) if where == "tour" else 1
            for index in range(steps):
                if where == "tour":
                    driver.top.index = index
                    driver.top.rebuild()
                    driver.settle()
                    box = driver.top.elements[1].rect
                    window = pygame.Rect(0, 0, width, height)
                    assert window.contains(box), (width, height, scale, index)
                    if box.colliderect(driver.top.step.rect):
                        found.setdefault("box over the part", []).append(f"{width}×{height} {scale} {index}")
                driver.app.draw()
                for problem in audit(driver.app):
                    if problem.screen == expected:
                        found.setdefault(str(problem), []).append(f"{width}×{height} {round(scale * 100)}%")
    assert not found, "\n".join(f"{p} {w[:3]}" for p, w in found.items())
