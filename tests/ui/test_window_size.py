"""The window's size: it opens within 90 % of the desktop, remembers the last size, and never gets smaller than the
size every screen is laid out for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame
import pytest

from partnership_game.ui import app as app_module
from partnership_game.ui.app import MIN_SIZE, fit_to_desktop
from partnership_game.ui.run import Services, open_app
from partnership_game.ui.settings import Settings, load_settings, save_settings

# pygame_gui notes each font size it loads on demand: a hint about speed, not a fault here.
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:pygame_gui")

Driver = Any  # conftest.Driver (test modules cannot import conftest under --import-mode=importlib)


@pytest.mark.parametrize(("desktop", "wanted", "expected"), [
    ((1024, 600), (1280, 720), (921, 540)),  # a netbook: never the 1280×720 default, partly off-screen
    ((1366, 768), (1280, 720), (1229, 691)),
    ((1920, 1080), (1280, 720), (1280, 720)),  # room enough: the remembered size
    ((2560, 1440), (1920, 1080), (1920, 1080)),
    ((800, 480), (1280, 720), MIN_SIZE),  # smaller than any supported screen: the minimum, the player can go F11
])
def test_the_window_opens_within_90_percent_of_the_desktop(desktop: tuple[int, int], wanted: tuple[int, int],
                                                           expected: tuple[int, int]) -> None:
    assert fit_to_desktop(wanted, [desktop]) == expected
    width, height = fit_to_desktop(wanted, [desktop])
    if desktop[0] * 0.9 >= MIN_SIZE[0] and desktop[1] * 0.9 >= MIN_SIZE[1]:
        assert width <= desktop[0] * 0.9 and height <= desktop[1] * 0.9


def test_no_desktop_known_keeps_the_wanted_size() -> None:
    assert fit_to_desktop((1280, 720), []) == (1280, 720)


def test_a_1024x600_desktop_gets_a_window_that_fits(make_app: Callable[..., Driver],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The real start-up path (run.open_app) on a small desktop, with the default 1280×720 in the settings."""
    make_app()  # opens the display the way the fixtures do
    monkeypatch.setattr(app_module, "desktop_sizes", lambda: [(1024, 600)])
    app = open_app(Settings(), Services())
    width, height = app.window.get_size()
    assert (width, height) == app.size == (921, 540)
    assert width <= 1024 * 0.9 and height <= 600 * 0.9


def test_the_last_size_is_remembered_on_quit(make_app: Callable[..., Driver]) -> None:
    driver = make_app(Settings(width=1280, height=720))
    driver.start()
    driver.resize(1366, 768)
    driver.app.quit()
    assert (load_settings().width, load_settings().height) == (1366, 768)


def test_a_fullscreen_size_is_not_remembered_as_the_window_size(make_app: Callable[..., Driver]) -> None:
    save_settings(Settings(width=1280, height=720, fullscreen=True))
    driver = make_app(load_settings())
    driver.start()
    driver.resize(1920, 1080)
    driver.app.quit()
    assert (load_settings().width, load_settings().height) == (1280, 720)


def test_a_window_dragged_below_the_minimum_grows_back(make_app: Callable[..., Driver]) -> None:
    """A window manager that ignores SDL's minimum: the game takes the minimum again, and every screen still fits."""
    driver = make_app()
    driver.start("new_partnership", 2001)
    driver.resize(1000, 420)
    assert driver.app.size == driver.app.window.get_size() == (1000, MIN_SIZE[1])
    driver.resize(600, 300)
    assert driver.app.size == MIN_SIZE
    assert len(driver.top.card_rects) == len(driver.game.session.pending.event.options)
    window = pygame.Rect((0, 0), driver.app.size)
    assert all(window.contains(card) for card in driver.top.card_rects), driver.top.card_rects


def test_sdl_holds_the_minimum_size(make_app: Callable[..., Driver]) -> None:
    if not hasattr(pygame, "Window"):
        pytest.skip("pygame-ce without the Window API")
    import warnings

    driver = make_app()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        window = pygame.Window.from_display_module()
    assert tuple(window.minimum_size) == MIN_SIZE
    driver.key(pygame.K_F11)
    driver.key(pygame.K_F11)  # fullscreen and back: two new SDL modes, the minimum set again after each
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        window = pygame.Window.from_display_module()
    assert tuple(window.minimum_size) == MIN_SIZE
