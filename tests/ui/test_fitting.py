"""Lines chosen by measured width (ui/fitting.py), the chart grid's choice of columns, and the smallest window size
the settings keep."""

from __future__ import annotations

import pygame
import pytest

from partnership_game.ui import fitting, theme
from partnership_game.ui.app import MIN_SIZE
from partnership_game.ui.settings import Settings
from partnership_game.ui.widgets.chart import text_height
from partnership_game.ui.widgets.chart_grid import PLOT_LINES, grid


@pytest.fixture(autouse=True, scope="module")
def fonts() -> None:
    pygame.font.init()  # fonts only: no display or sound is needed to measure text


HINTS = "Left/Right: tabs · Tab: move · PageDown: read · G: terms"


def width_of(text: str, size: int = 14) -> int:
    return int(theme.font(size).size(text)[0])


def test_a_hint_line_keeps_the_whole_hints_that_fit_and_never_cuts_one() -> None:
    assert fitting.hint_line(HINTS, 14, width_of(HINTS)) == HINTS
    two = "Left/Right: tabs · Tab: move"
    assert fitting.hint_line(HINTS, 14, width_of(two) + 3) == two
    assert fitting.hint_line(HINTS, 14, width_of("Left/Right: tabs") - 1) == ""  # Help lists them all


def test_a_row_takes_its_fullest_form_that_fits() -> None:
    forms = ["Brussels, 2001 · Built in · ready", "Brussels, 2001 · ready", "Brussels, 2001"]
    assert fitting.row_label(forms, 16, width_of(forms[0], 16)) == forms[0]
    assert fitting.row_label(forms, 16, width_of(forms[0], 16) - 1) == forms[1]
    assert fitting.row_label(forms, 16, width_of(forms[2], 16)) == forms[2]
    shortened = fitting.row_label(forms, 16, width_of("Brussels", 16))  # nothing fits: the shortest, cut
    assert shortened.endswith("…") and width_of(shortened, 16) <= width_of("Brussels", 16)


@pytest.mark.parametrize(("size", "expected_columns"), [((1200, 500), 3), ((700, 330), 3), ((560, 900), 2)])
def test_the_chart_grid_keeps_charts_readable(size: tuple[int, int], expected_columns: int) -> None:
    """Seven meters: three columns on a wide area; on a short one as many as keep each plot readable and each title
    whole; two on a narrow, tall one."""
    area = pygame.Rect((0, 0), size)
    title = width_of("Russian influence in Central Asia", 12)
    columns, cell_w, cell_h = grid(area, 7, 10, 12, title)
    assert columns == expected_columns
    assert cell_w >= title + 12
    rows = -(-7 // columns)
    assert rows * cell_h + (rows - 1) * 10 <= area.height and columns * cell_w + (columns - 1) * 10 <= area.width
    if size == (1200, 500):
        assert cell_h >= text_height(12) * (PLOT_LINES + 2)


def test_settings_keep_a_remembered_window_down_to_the_apps_minimum() -> None:
    assert MIN_SIZE == (920, 540)
    kept = Settings(width=MIN_SIZE[0], height=MIN_SIZE[1]).validated()
    assert (kept.width, kept.height) == MIN_SIZE
    assert (Settings(width=960, height=560).validated().width, Settings(width=960, height=560).height) == (960, 560)
    grown = Settings(width=300, height=200).validated()
    assert (grown.width, grown.height) == MIN_SIZE
