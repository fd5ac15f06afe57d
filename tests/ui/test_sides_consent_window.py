"""Issue 16 in the window: at a hot seat a step back (Ctrl+Z) asks the other side first on a cover of its own
(design §9), as the terminal does; played alone, Ctrl+Z steps back at once (tests/data/corridor_2001.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pytest

from partnership_game.scenario import load_path
from partnership_game.session.seating import hotseat, solo
from partnership_game.ui import audit
from partnership_game.ui.screens.sides_flow import advance
from partnership_game.ui.sides_game import SidesGame

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:pygame_gui")

CORRIDOR = Path(__file__).parents[1] / "data" / "corridor_2001.yaml"
SEED = 2001
KREMLIN, WASHINGTON = 0, 1
ASKS = "The Kremlin asks to take back its last decision."
YOURS_TOO = "If you allow it, your own decisions taken since then are undone too."

Driver = Any


def pick(d: Driver, k: int) -> None:
    """Past a hand-over or a reveal to a side's turn, then its option `k` and Enter."""
    while d.top_name in ("HandoverScreen", "RevealScreen"):
        d.key(pygame.K_RETURN)
    assert d.top_name == "SidesTurnScreen", d.names()
    d.digit(k)
    d.key(pygame.K_RETURN)


def at_kremlins_second_turn(d: Driver) -> SidesGame:
    """A hot seat past the joint call and the White House's own line on Chechnya, at the Kremlin's own decision:
    the Kremlin's last decision (the call) has one of the White House's after it."""
    scenario = load_path(CORRIDOR)
    game = SidesGame.seated(scenario, SEED, hotseat(scenario.compiled.sides))
    advance(d.app, game)
    d.settle()
    pick(d, 0)  # the Kremlin's half of the call
    pick(d, 0)  # the White House's half: the reveal
    pick(d, 0)  # the White House on Chechnya
    while d.top_name in ("HandoverScreen", "RevealScreen"):
        d.key(pygame.K_RETURN)
    assert d.top_name == "SidesTurnScreen" and d.top.role == KREMLIN, d.names()
    assert len(game.session.decisions) == 2
    return game


def drawn(d: Driver) -> list[str]:
    """Every text on the window now: what the top screen draws itself and its widgets' captions."""
    with audit.recording():
        own = [s.text for s in audit._drawn_by(d.top, d.app.size)]
    return own + [getattr(e, "text", "") for e in d.top.elements]


def to_consent(d: Driver) -> list[str]:
    """Ctrl+Z on the Kremlin's turn: the screen passes to the White House, which is asked; what it sees."""
    d.ctrl(pygame.K_z)
    assert d.top_name == "HandoverScreen" and d.top.label == "The White House", d.names()
    d.key(pygame.K_RETURN)
    assert d.top_name == "ConsentScreen", d.names()
    return drawn(d)


def test_ctrl_z_at_a_hot_seat_asks_the_other_side_and_shows_nothing_of_the_askers_hand(driver: Driver) -> None:
    d = driver
    game = at_kremlins_second_turn(d)
    hand = [o.label for o in d.top.options] + [game.play.situation(KREMLIN)]
    assert "Promise the army a bigger budget" in hand  # the Kremlin's own options, on its screen
    shown = to_consent(d)
    assert ASKS in shown and YOURS_TOO in shown and "Allow" in shown and "Refuse" in shown, shown
    assert d.app.visible_screens() == [d.top]  # a cover: nothing under it is drawn
    assert not any(words in text for words in hand for text in shown), shown
    assert not any(ch.isdigit() for text in shown for ch in text)  # no meter's value either
    assert len(game.session.decisions) == 2  # asking changes nothing


def test_the_question_says_nothing_of_the_others_decisions_when_none_go(driver: Driver) -> None:
    d = driver
    scenario = load_path(CORRIDOR)
    game = SidesGame.seated(scenario, SEED, hotseat(scenario.compiled.sides))
    advance(d.app, game)
    d.settle()
    pick(d, 0)
    pick(d, 0)  # the call revealed; the White House's line on Chechnya is next
    while d.top_name in ("HandoverScreen", "RevealScreen"):
        d.key(pygame.K_RETURN)
    assert d.top.role == WASHINGTON
    d.ctrl(pygame.K_z)
    assert d.top.label == "The Kremlin"
    d.key(pygame.K_RETURN)
    shown = drawn(d)
    assert "The White House asks to take back its last decision." in shown and YOURS_TOO not in shown, shown
    assert len(game.session.decisions) == 1


@pytest.mark.parametrize("how", ["n", "escape", "enter", "click"])
def test_a_refusal_changes_nothing_and_tells_the_asking_side(driver: Driver, how: str) -> None:
    d = driver
    game = at_kremlins_second_turn(d)
    before = (game.session.timeline.current, len(game.session.timeline.nodes), len(game.session.decisions))
    to_consent(d)
    if how == "click":
        d.click(d.top.refuse_button.rect.center)
    else:  # Enter presses the focused button, which is Refuse at first
        d.key({"n": pygame.K_n, "escape": pygame.K_ESCAPE, "enter": pygame.K_RETURN}[how])
    assert d.top_name == "HandoverScreen" and d.top.label == "The Kremlin", d.names()
    assert "The White House did not allow the step back" in d.top.note
    assert (game.session.timeline.current, len(game.session.timeline.nodes), len(game.session.decisions)) == before
    d.key(pygame.K_RETURN)
    assert d.top_name == "SidesTurnScreen" and d.top.role == KREMLIN and "did not allow" in d.top.status


@pytest.mark.parametrize("how", ["y", "click"])
def test_consent_steps_back_and_hands_the_screen_to_the_side_that_decides(driver: Driver, how: str) -> None:
    d = driver
    game = at_kremlins_second_turn(d)
    to_consent(d)
    if how == "click":
        d.click(d.top.allow_button.rect.center)
    else:
        d.key(pygame.K_y)
    assert len(game.session.decisions) == 0 and game.play.sealed == {}  # back to the call, both halves undone
    assert d.top_name == "HandoverScreen" and d.top.label == "The Kremlin", d.names()  # first to seal the call
    assert d.top.note == "The White House allowed the step back."
    d.key(pygame.K_RETURN)
    assert d.top_name == "SidesTurnScreen" and d.top.role == KREMLIN
    assert "Open the airspace and raise no objection" in [o.label for o in d.top.options]


def test_ctrl_z_played_alone_steps_back_without_asking(driver: Driver) -> None:
    d = driver
    scenario = load_path(CORRIDOR)
    game = SidesGame.seated(scenario, SEED, solo(scenario.compiled.sides, "kremlin", "cautious"))
    advance(d.app, game)
    d.settle()
    pick(d, 0)  # the call, the White House's half sealed by its counterpart
    while d.top_name == "RevealScreen":
        d.key(pygame.K_RETURN)
    assert d.top_name == "SidesTurnScreen" and len(game.session.decisions) >= 1
    d.ctrl(pygame.K_z)
    assert d.names() == ["SidesTurnScreen"] and d.top.role == KREMLIN  # no hand-over, nobody asked
    assert len(game.session.decisions) == 0
