"""A side's turn in the window: its timeline, map, odds (O) and branches (B) never draw the other side's hidden
choice; F5 reloads and keeps the seats."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pytest

from partnership_game.scenario import load_path
from partnership_game.session.seating import hotseat
from partnership_game.ui import audit
from partnership_game.ui.screens.sides_flow import advance
from partnership_game.ui.sides_game import SidesGame

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:pygame_gui")

MAPPED = Path(__file__).parents[1] / "data" / "corridor_mapped_2001.yaml"
KREMLIN, WASHINGTON = 0, 1
HIDDEN = "Tell them the partnership is the payment"  # the Kremlin's choice at 'k_generals': it carries no news
Driver = Any


def drawn(d: Driver) -> list[str]:
    """Every text the top screen draws itself (its boxes' markup is checked apart)."""
    with audit.recording():
        return [s.text for s in audit._drawn_by(d.top, d.app.size)]


def to_washingtons_turn_after_the_hidden_choice(d: Driver) -> SidesGame:
    scenario = load_path(MAPPED)
    game = SidesGame.seated(scenario, 5, hotseat(scenario.compiled.sides, {}))
    advance(d.app, game)
    d.settle()
    for role, k in ((KREMLIN, 0), (WASHINGTON, 0), (WASHINGTON, 0), (KREMLIN, 1)):
        while d.top_name != "SidesTurnScreen":
            d.key(pygame.K_RETURN)  # hand-overs, reveals, outcomes
        assert d.top.role == role, d.names()
        d.digit(k)
        d.key(pygame.K_RETURN)
    while d.top_name != "SidesTurnScreen":
        d.key(pygame.K_RETURN)
    assert d.top.role == WASHINGTON and game.session.pending.event.id == "w_later"
    return game


def test_washingtons_turn_and_branches_never_draw_the_kremlins_hidden_choice(driver: Driver) -> None:
    d = driver
    game = to_washingtons_turn_after_the_hidden_choice(d)
    assert game.session.decisions[-1].event.options[1].label == HIDDEN  # it was taken
    words = drawn(d)
    assert "Oct 2" in words or any("Oct" in w for w in words)  # the timeline is drawn
    inset = d.top.map_inset  # the map is drawn, the General Staff's mood as history had it, and its card says so
    assert inset.picture is not None and {m.id for m in inset.picture.marks} == {"staff", "corridor"}
    inset.hovered = "staff"
    card = " ".join(text for text, _ in inset.card_lines())
    assert "does not see" in card and "The generals are" not in card
    assert not any(HIDDEN in w for w in words) and HIDDEN not in d.visible_text(d.top)
    d.key(pygame.K_b, unicode="b")
    assert d.top_name == "SideBranchesScreen", d.names()
    # The tree is painted onto the dialog's own picture: what it tells is read from the words it paints.
    told = [d.top.node_words(0, column) for column in range(3)] + [str(label) for label in d.top.labels]
    assert not any(HIDDEN in words for words in told)
    assert told[2].endswith("a decision in Moscow"), told  # the hidden one, by its capital
    assert d.top.hidden_ids == {game.session.timeline.current}  # and left unmarked on the tree
    d.key(pygame.K_ESCAPE)
    assert d.top_name == "SidesTurnScreen"


def test_the_kremlin_sees_its_own_choice_in_its_branches(driver: Driver) -> None:
    d = driver
    game = to_washingtons_turn_after_the_hidden_choice(d)
    d.key(pygame.K_o, unicode="o")
    assert d.top_name == "SideOddsScreen" and d.top.role == WASHINGTON, d.names()
    d.key(pygame.K_ESCAPE)
    d.app.open("side_branches", game, KREMLIN)
    d.settle()
    assert HIDDEN in d.top.node_words(0, 2) and not d.top.hidden_ids  # the control: its own side is told it


def test_f5_on_a_sides_turn_reloads_and_keeps_the_seats(driver: Driver) -> None:
    d = driver
    game = to_washingtons_turn_after_the_hidden_choice(d)
    seating, bys = game.play.seating, [n.by for n in game.session.timeline.path()]
    old = game.session
    d.key(pygame.K_F5)
    while d.top_name == "HandoverScreen":
        d.key(pygame.K_RETURN)
    assert d.top_name == "SidesTurnScreen" and d.top.role == WASHINGTON, d.names()
    assert game.session is not old and game.session.seating is seating and game.play.seating.hotseat
    assert [n.by for n in game.session.timeline.path()] == bys
    assert "Reloaded" in (game.note or "")
