"""What the window keeps in memory: text pictures within a byte budget, pygame_gui's theme without its costly habits
(same pictures), dialog-motion buffers let go at rest. (The resident set itself is measured by benchmarks/ui.py.)"""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pygame_gui
import pytest
from pygame_gui.core.package_resource import PackageResource

from partnership_game.ui import drawing, motion
from partnership_game.ui.lean_gui import SHADOWS_KEPT_BYTES, LeanShadows, LeanUIManager
from partnership_game.ui.picture_cache import PictureCache, size_of


@pytest.fixture()
def display() -> Iterator[pygame.Surface]:
    pygame.display.init()
    pygame.font.init()
    yield pygame.display.set_mode((640, 400))
    pygame.quit()


def _picture(width: int, height: int) -> pygame.Surface:
    return pygame.Surface((width, height), pygame.SRCALPHA)  # 4 bytes a pixel


def test_picture_cache_lets_the_least_recently_used_go_past_its_budget() -> None:
    cache = PictureCache(budget=3 * 100 * 4)  # three 10×10 pictures
    made: list[str] = []

    def get(key: str) -> pygame.Surface:
        return cache.get(key, lambda: made.append(key) or _picture(10, 10))  # type: ignore[func-returns-value]

    first = get("a")
    get("b")
    get("c")
    assert get("a") is first and made == ["a", "b", "c"]  # a hit: nothing made, "a" is now the most recent
    get("d")  # over budget: "b", the least recently used, goes
    assert len(cache) == 3 and cache.held == 3 * 400
    get("a")
    get("c")
    assert made == ["a", "b", "c", "d"]
    get("b")
    assert made[-1] == "b"


def test_picture_cache_keeps_the_newest_even_past_its_budget() -> None:
    cache = PictureCache(budget=100)
    small = cache.get("small", lambda: _picture(2, 2))
    big = cache.get("big", lambda: _picture(50, 50))
    assert len(cache) == 1 and cache.held == size_of(big) and cache.get("big", lambda: _picture(1, 1)) is big
    assert cache.get("small", lambda: _picture(2, 2)) is not small
    cache.clear()
    assert len(cache) == 0 and cache.held == 0


def test_rendered_text_is_kept_within_its_budget(display: pygame.Surface) -> None:
    drawing.rendered.cache_clear()  # type: ignore[attr-defined]
    once = drawing.rendered("Moscow", 16, (0, 0, 0))
    assert drawing.rendered("Moscow", 16, (0, 0, 0)) is once
    for k in range(400):  # 400 wide paragraphs: far more than the budget holds
        drawing.rendered(f"paragraph {k} " * 40, 22, (0, 0, 0), False, 900)
    assert drawing._rendered.held <= drawing.RENDERED_BUDGET
    assert drawing.rendered("Moscow", 16, (0, 0, 0)) is not once  # let go long ago, made again on demand
    drawing.rendered.cache_clear()  # type: ignore[attr-defined]
    assert drawing._rendered.held == 0


def _draw_widgets(manager: pygame_gui.UIManager, surface: pygame.Surface) -> pygame.Surface:
    pygame_gui.elements.UIButton(pygame.Rect(10, 10, 200, 40), "Decide", manager)
    pygame_gui.elements.UITextBox("<b>Кремль</b> and <i>the White House</i>: " + "a long story. " * 60,
                                  pygame.Rect(10, 60, 400, 200), manager)
    pygame_gui.elements.UILabel(pygame.Rect(220, 10, 300, 40), "Suspicion in Washington", manager)
    for _ in range(3):
        manager.update(0.016)
    surface.fill((30, 30, 30))
    manager.draw_ui(surface)
    return surface.copy()


@pytest.mark.filterwarnings("ignore::UserWarning:pygame_gui")  # fonts not preloaded: a hint about speed
def test_the_lean_manager_draws_exactly_what_pygame_gui_draws(display: pygame.Surface) -> None:
    theme = {"defaults": {"font": {"name": "noto_sans", "size": "16"}}}
    library = pygame_gui.UIManager((640, 400), theme)
    expected = _draw_widgets(library, display)
    lean = LeanUIManager((640, 400), theme)
    assert pygame.image.tobytes(_draw_widgets(lean, display), "RGBA") == pygame.image.tobytes(expected, "RGBA")

    ids = (["text_box", "button"], ["text_box", "text_box.button"], [None, "@story"], ["#story", "#go"])
    lean_theme, library_theme = lean.get_theme(), library.get_theme()
    assert lean_theme.build_all_combined_ids(*ids) == library_theme.build_all_combined_ids(*ids)
    assert not lean_theme.unique_theming_ids  # pygame_gui's ~20 KB keys are not kept
    assert any(len(key) > 1000 for key in library_theme.unique_theming_ids)  # (they are, in the library's theme)

    fonts = lean_theme.get_font_dictionary()
    copied = [f.font_id for f in fonts.loaded_fonts.values() if isinstance(f.location, PackageResource)]
    assert fonts.loaded_fonts and not copied  # every face opened from its file


def test_the_lean_shadows_keep_a_few_mb(display: pygame.Surface) -> None:
    shadows = LeanShadows()
    for k in range(40):  # 40 window-sized shadows of different sizes (2.3 MB each)
        shadows.create_new_rectangle_shadow(800 + k, 700, 2, [2, 2, 2, 2])
    newest = shadows.create_new_rectangle_shadow(900, 700, 2, [2, 2, 2, 2])
    kept = sum(size_of(s) for s in shadows.short_term_rect_cache.values())
    assert kept <= SHADOWS_KEPT_BYTES + size_of(newest)
    assert shadows.create_new_rectangle_shadow(900, 700, 2, [2, 2, 2, 2]) is newest  # still shared


def test_dialog_motion_buffers_go_when_a_new_screen_cuts_the_movement_short(display: pygame.Surface) -> None:
    from partnership_game.ui.app import App
    from partnership_game.ui.run import Services
    from partnership_game.ui.screens.message import MessageScreen
    from partnership_game.ui.screens.title import TitleScreen
    from partnership_game.ui.settings import Settings

    app = App(Settings(width=1024, height=600, reduce_motion=False), Services())
    app.push(TitleScreen(app))
    app.frame(1 / 60)
    app.push(MessageScreen(app, "Heading", "A message."))
    app.frame(1 / 60)  # the first frame of its opening: the pictures are made
    assert app.motion is not None and motion._buffers
    app.replace(TitleScreen(app))  # no key ends the movement: a new screen takes the window
    app.frame(1 / 60)
    assert app.motion is None and not motion._buffers
