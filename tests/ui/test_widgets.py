"""The drawing widgets: they stay inside their rect, show data the right way round, and scale from 1024×600 to 4K."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator

import numpy as np
import pygame
import pytest

from partnership_game import paths
from partnership_game.ui.theme import COLOUR_SAFE, DOSSIER, Palette
from partnership_game.ui.widgets.chart import Series, draw_line_chart, fit_text, text_width
from partnership_game.ui.widgets.map_inset import draw_map
from partnership_game.ui.widgets.meters import MeterView, draw_meters, meters_height
from partnership_game.ui.widgets.timeline_strip import TimelineMark, draw_timeline

SENTINEL = (255, 0, 255)
MARGIN = 12


@pytest.fixture(autouse=True, scope="module")
def _display() -> Iterator[None]:
    # Display and fonts only: pygame.init() would also open an audio device.
    pygame.display.init()
    pygame.font.init()
    yield


def _meter(value: float = 62, delta: float = 5, **changes: object) -> MeterView:
    fields: dict[str, object] = dict(
        id="trust", label="Trust between the governments", value=value, minimum=0, maximum=100, good="up",
        start=35, delta=delta, history=[40, 48, 57, value], ghost=[40, 47, 53, 57, 60, 62, 65, 67, 66, 70],
        thresholds=(25, 50, 70))
    fields.update(changes)
    return MeterView(**fields)  # type: ignore[arg-type]


def _meters() -> list[MeterView]:
    return [_meter(), _meter(66, 5, id="elite", label="Elite resistance", good="down"),
            _meter(27, -2, id="susp", label="Suspicion in Washington", good="down"), _meter(44, 0, id="south")]


def _marks(count: int = 14, now: int = 6) -> list[TimelineMark]:
    labels = ["Sep 11", "Sep 19", "Sep 22", "Sep 24", "Sep 24", "Sep 26", "Oct 3", "Oct 17", "Nov 13", "Nov 13",
              "Dec 13", "Mar 1", "Mar 10", "May 24"]
    return [TimelineMark(i, labels[i % len(labels)], "past" if i < now else "current" if i == now else "future",
                         (i % 3 != 1) if i < now else None, branches=2 if i == 2 else 0) for i in range(count)]


def _series(palette: Palette) -> list[Series]:
    return [Series("Trust (you)", [40, 48, 57, 62], palette.series[0], "solid", "circle"),
            Series("Trust (history)", [40, 47, 53, 57, 60, 62, 65, 67, 66, 70], palette.ghost, "dotted", "none"),
            Series("Resistance", [30, 35, math.nan, 52], palette.series[1], "dashed", "square")]


Draw = Callable[[pygame.Surface, pygame.Rect, Palette, int], None]


def _draw_chart(surface: pygame.Surface, rect: pygame.Rect, palette: Palette, px: int) -> None:
    labels = ["Sep 11", "Sep 19", "Sep 22", "Sep 24", "Oct 3", "Oct 17", "Nov 13", "Dec 13", "Mar 1", "May 24"]
    draw_line_chart(surface, rect, _series(palette), (0, 100), labels, palette, px, title="Trust")


def _draw_meters(surface: pygame.Surface, rect: pygame.Rect, palette: Palette, px: int) -> None:
    draw_meters(surface, rect, _meters(), palette, px, legend=True)


def _draw_timeline(surface: pygame.Surface, rect: pygame.Rect, palette: Palette, px: int) -> None:
    draw_timeline(surface, rect, _marks(), palette, px, hovered=1)


def _draw_map(surface: pygame.Surface, rect: pygame.Rect, palette: Palette, px: int) -> None:
    from partnership_game.scenario.discovery import resolve
    from partnership_game.session import Session
    from partnership_game.session.map_states import map_now
    from partnership_game.ui.views import marks_from

    session = Session(resolve("new_partnership", paths.builtin_scenarios_dir(), paths.mods_dir()), 2001)
    draw_map(surface, rect, session.compiled.map, marks_from(map_now(session)), palette, px)


# Each widget's share of the window, as a turn screen might lay it out.
WIDGETS: dict[str, tuple[Draw, tuple[float, float]]] = {
    "chart": (_draw_chart, (0.6, 0.5)),
    "meters": (_draw_meters, (0.33, 0.45)),
    "timeline": (_draw_timeline, (0.96, 0.07)),
    "map": (_draw_map, (0.33, 0.33)),
}


def _canvas(size: tuple[int, int]) -> tuple[pygame.Surface, pygame.Rect]:
    surface = pygame.Surface((size[0] + 2 * MARGIN, size[1] + 2 * MARGIN))
    surface.fill(SENTINEL)
    return surface, pygame.Rect(MARGIN, MARGIN, *size)


def _changed(surface: pygame.Surface) -> np.ndarray:
    """A mask of the pixels that no longer hold the sentinel colour."""
    pixels = pygame.surfarray.array3d(surface)
    changed: np.ndarray = np.any(pixels != np.array(SENTINEL, dtype=pixels.dtype), axis=2)
    return changed


@pytest.mark.parametrize("window", [(1024, 600), (3840, 2160)], ids=["1024x600", "3840x2160"])
@pytest.mark.parametrize("text_px", [10, 28])
@pytest.mark.parametrize("name", list(WIDGETS))
def test_widget_draws_inside_its_rect_only(name: str, window: tuple[int, int], text_px: int) -> None:
    draw, (fw, fh) = WIDGETS[name]
    size = (round(window[0] * fw), max(round(window[1] * fh), 3 * text_px))
    surface, rect = _canvas(size)
    draw(surface, rect, DOSSIER, text_px)
    changed = _changed(surface)
    inside = np.zeros_like(changed)
    inside[rect.left:rect.right, rect.top:rect.bottom] = True
    assert changed[inside].any(), "nothing was drawn inside the rect"
    assert not changed[~inside].any(), "the widget drew outside its rect"


@pytest.mark.parametrize("name", list(WIDGETS))
def test_widget_leaves_the_callers_clip_as_it_was(name: str) -> None:
    draw, _ = WIDGETS[name]
    surface, rect = _canvas((400, 240))
    clip = pygame.Rect(5, 5, 300, 200)
    surface.set_clip(clip)
    draw(surface, rect, COLOUR_SAFE, 14)
    assert surface.get_clip() == clip


@pytest.mark.parametrize("name", list(WIDGETS))
def test_widget_survives_tiny_and_empty_rects(name: str) -> None:
    draw, _ = WIDGETS[name]
    surface = pygame.Surface((50, 50))
    for rect in (pygame.Rect(0, 0, 0, 0), pygame.Rect(10, 10, 3, 3), pygame.Rect(0, 0, 40, 12)):
        draw(surface, rect, DOSSIER, 14)


def _series_rows(value: float, column: int) -> np.ndarray:
    red = (255, 0, 0)
    surface, rect = _canvas((400, 240))
    draw_line_chart(surface, rect, [Series("", [value] * 5, red, "solid", "none")], (0, 100), [], DOSSIER, 14)
    pixels = pygame.surfarray.array3d(surface)[rect.left + column]
    return np.flatnonzero(np.all(pixels == np.array(red, dtype=pixels.dtype), axis=1))


def test_chart_draws_a_higher_value_higher() -> None:
    high, low = _series_rows(80, 200), _series_rows(20, 200)
    assert high.size and low.size, "the series line is missing from the sampled column"
    assert high.max() < low.min()


def test_chart_skips_x_labels_that_would_overlap() -> None:
    """Forty turns in 300 px cannot all be labelled; the chart shows a few and still draws inside its rect."""
    surface, rect = _canvas((300, 180))
    labels = [f"Day {i}" for i in range(40)]
    draw_line_chart(surface, rect, [Series("a", list(range(40)), (0, 0, 200))], (0, 40), labels, DOSSIER, 12)
    assert not _changed(surface)[: rect.left].any()


def test_chart_accepts_a_flat_or_empty_range() -> None:
    surface, rect = _canvas((300, 180))
    draw_line_chart(surface, rect, [], (5, 5), [], DOSSIER, 12)
    draw_line_chart(surface, rect, [Series("x", [], (0, 0, 0))], (0, 1), ["a"], DOSSIER, 12)


def _dark_bar_pixels(value: float) -> int:
    surface, rect = _canvas((420, meters_height(1, 14)))
    surface.fill(DOSSIER.paper)  # on paper, as in the game: only the bar's fill is darker than the track
    meter = _meter(value, 0, history=[], ghost=[], thresholds=())
    draw_meters(surface, rect, [meter], DOSSIER, 14, show_ghost=False)
    pixels = pygame.surfarray.array3d(surface).astype(int)
    # The bar runs along the lower half of the row, left of the trend line.
    region = pixels[rect.left: rect.left + rect.w // 2, rect.centery: rect.bottom]
    return int((region.sum(axis=2) < sum(DOSSIER.paper_shade) - 60).sum())


def test_meter_bar_fills_further_at_the_maximum_than_at_the_minimum() -> None:
    full, empty = _dark_bar_pixels(100), _dark_bar_pixels(0)
    assert full > 3 * max(empty, 1)


def test_meter_redraws_when_the_value_changes() -> None:
    """Guards the plan cache: a new value must never replay the old picture."""
    images = []
    for value in (30, 70):
        surface, rect = _canvas((420, meters_height(1, 14)))
        draw_meters(surface, rect, [_meter(value)], DOSSIER, 14)
        images.append(pygame.surfarray.array3d(surface))
    assert (images[0] != images[1]).any()


def test_meters_height_grows_with_text_and_rows() -> None:
    assert meters_height(7, 28) > meters_height(7, 14) > meters_height(7, 10) > meters_height(3, 10) > 0
    assert meters_height(4, 14, legend=True) > meters_height(4, 14)


@pytest.mark.parametrize("fraction", [0.85, 0.4], ids=["a-little-short", "one-line-rows"])
def test_meters_squeeze_into_a_short_rect_without_spilling(fraction: float) -> None:
    meters = _meters() * 2
    surface, rect = _canvas((360, round(meters_height(len(meters), 14, legend=True) * fraction)))
    draw_meters(surface, rect, meters, DOSSIER, 14, legend=True)
    changed = _changed(surface)
    assert changed[rect.left:rect.right, rect.top:rect.bottom].any()
    assert not changed[:, rect.bottom:].any()


def _window(surface: pygame.Surface, centre: tuple[int, int], radius: int = 6) -> np.ndarray:
    x, y = centre
    return pygame.surfarray.array3d(surface)[x - radius: x + radius, y - radius: y + radius]


def test_draw_timeline_returns_a_hit_rect_per_past_mark_inside_the_strip() -> None:
    surface, rect = _canvas((1200, 40))
    marks = _marks(14, now=6)
    hits = draw_timeline(surface, rect, marks, DOSSIER, 14)
    assert [index for _, index in hits] == [m.index for m in marks if m.state == "past"]
    for box, _ in hits:
        assert rect.contains(box) and box.w > 0 and box.h > 0
    boxes = [box for box, _ in hits]
    assert all(a.right <= b.left for a, b in itertools.pairwise(boxes)), "hit rects overlap"


def test_draw_timeline_hover_changes_the_picture_and_keeps_the_targets() -> None:
    images, targets = [], []
    for hovered in (None, 2):
        surface, rect = _canvas((900, 44))
        targets.append(draw_timeline(surface, rect, _marks(), DOSSIER, 14, hovered=hovered))
        images.append(pygame.surfarray.array3d(surface))
    assert (images[0] != images[1]).any()
    assert targets[0] == targets[1]


def test_fit_text_shortens_with_an_ellipsis_within_the_width() -> None:
    label = "Russian influence in Central Asia"
    short = fit_text(label, 14, 80)
    assert short.endswith("…") and text_width(short, 14) <= 80
    assert fit_text(label, 14, 10_000) == label
    assert fit_text(label, 14, 1) == ""
