"""The window's words for two sides: one key, one text, whatever screen was imported first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from partnership_game.ui import audit

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:pygame_gui")

CORRIDOR = str(Path(__file__).parents[1] / "data" / "corridor_2001.yaml")


def test_the_seat_choice_keeps_its_key_hint_after_a_turn_of_sides_was_shown(driver: Any) -> None:
    """Regression: sides_turn.py's catalog entry 'sides.keys' replaced the seat choice's hint once a turn of sides
    had been shown (its module imported), so the next game's choice screen read '1–{count} pick · …'."""
    import partnership_game.ui.screens.sides_turn  # noqa: F401  (what showing the first turn of sides imports)

    driver.start(CORRIDOR, 2001)
    assert driver.top_name == "SidesChoiceScreen", driver.names()
    with audit.recording():
        drawn = [s.text for s in audit._drawn_by(driver.top, driver.app.size)]
    assert any("Enter" in text for text in drawn), drawn  # the hint is drawn (so the check below could fail)
    assert not any("{count}" in text or "pick" in text for text in drawn), drawn
