"""A meter's name: the full label where it fits, the scenario's short label where it does not, cut only after that."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from partnership_game.ui.widgets.chart import text_width
from partnership_game.ui.widgets.meters import MeterView, meter_name

PX = 20


@pytest.fixture(autouse=True, scope="module")
def _display() -> Iterator[None]:
    pygame.display.init()
    pygame.font.init()
    yield


def _meter(short: str | None) -> MeterView:
    return MeterView(id="trust", label="Trust between the governments", value=40, minimum=0, maximum=100, good="up",
                     start=35, delta=0, history=[40], ghost=[40], short=short)


def test_full_label_when_it_fits() -> None:
    meter = _meter("Trust")
    assert meter_name(meter, PX, text_width(meter.label, PX)) == meter.label


def test_short_label_when_the_full_one_does_not_fit() -> None:
    meter = _meter("Trust")
    assert meter_name(meter, PX, text_width(meter.label, PX) - 1) == "Trust"


def test_full_label_kept_for_cutting_when_there_is_no_short_one() -> None:
    meter = _meter(None)
    assert meter_name(meter, PX, text_width("Trust", PX)) == meter.label
