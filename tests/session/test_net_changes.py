"""A side's net changes (session/sides_news.py net_changes), which the window and the terminal both tell."""

from __future__ import annotations

from partnership_game.engine import LedgerEntry
from partnership_game.session.sides_news import NetChange, net_changes


def moved(meter: str, before: float, after: float) -> LedgerEntry:
    return LedgerEntry(0, meter, before, after, "decision", "ev", "opt", "test")


def test_each_meter_nets_from_its_first_value_to_its_last_in_the_order_it_first_moved() -> None:
    entries = [moved("trust", 50, 55), moved("resistance", 30, 34), moved("trust", 55, 53)]
    assert net_changes(entries) == [NetChange("trust", 50, 53), NetChange("resistance", 30, 34)]


def test_a_meter_back_where_it_started_is_left_out() -> None:
    entries = [moved("trust", 50, 55), moved("gains", 10, 12), moved("trust", 55, 50)]
    assert net_changes(entries) == [NetChange("gains", 10, 12)]


def test_only_the_meters_asked_for_are_told() -> None:
    entries = [moved("trust", 50, 55), moved("gains", 10, 12)]
    assert net_changes(entries, {"gains"}) == [NetChange("gains", 10, 12)]
    assert net_changes(entries, set()) == []
