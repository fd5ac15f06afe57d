"""Issue 16 in the window, continued: a side's turn has the menu, Save and Help and its own advisers' counsel; a
class file seats the sides; a full save is said; jumps drop undone news; each person's verdict and count; a saved
game of sides resumes at the right side, never with a sealed half (tests/data/corridor_2001.yaml)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pygame
import pytest

from partnership_game.scenario import load_path
from partnership_game.session import timeline as timeline_module
from partnership_game.session.seating import hotseat, solo
from partnership_game.ui.run import open_first_screens
from partnership_game.ui.screens.saves import open_save
from partnership_game.ui.screens.sides_flow import advance
from partnership_game.ui.sides_game import SidesGame

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:pygame_gui")

DATA = Path(__file__).parents[1] / "data"
CORRIDOR = DATA / "corridor_2001.yaml"
SEED = 2001
KREMLIN, WASHINGTON = 0, 1
KREMLIN_WORDS = "The General Staff will count every flight."
WASHINGTON_WORDS = "Ask for what the bases need and nothing more."

Driver = Any


def seat(d: Driver, seating_of: Any, path: Path = CORRIDOR) -> SidesGame:
    """A game of the corridor with the given seating, on at its first screen (as the side choice starts one)."""
    scenario = load_path(path)
    game = SidesGame.seated(scenario, SEED, seating_of(scenario.compiled.sides))
    advance(d.app, game)
    d.settle()
    return game


def through_handover(d: Driver) -> None:
    if d.top_name == "HandoverScreen":
        d.key(pygame.K_RETURN)
    assert d.top_name == "SidesTurnScreen", d.names()


def pick(d: Driver, k: int) -> None:
    """On a side's turn: the digit, then Enter (the screen after is whatever the game shows next)."""
    through_handover(d)
    d.digit(k)
    d.key(pygame.K_RETURN)


def test_a_sides_turn_opens_the_menu_save_and_help_by_their_keys(driver: Driver) -> None:
    d = driver
    seat(d, lambda sides: solo(sides, "kremlin", "cautious"))
    assert d.top_name == "SidesTurnScreen"
    for key, mod, dialog in ((pygame.K_ESCAPE, 0, "MenuScreen"), (pygame.K_s, pygame.KMOD_LCTRL, "SaveScreen"),
                             (pygame.K_F1, 0, "HelpScreen")):
        d.key(key, mod)
        assert d.top_name == dialog, d.names()
        assert d.names()[-2] == "SidesTurnScreen"  # a dialog over the side's turn, not instead of it
        d.key(pygame.K_ESCAPE)
        assert d.top_name == "SidesTurnScreen", d.names()
    d.click(d.top.menu_button.rect.center)
    assert d.top_name == "MenuScreen"


def advised(tmp_path: Path) -> Path:
    """The corridor with an adviser on each side of the joint call."""
    text = CORRIDOR.read_text(encoding="utf-8")
    text = text.replace("turns:\n", "advisors:\n  - {id: staff, office: Chief of the General Staff, faction: army}\n"
                                    "  - {id: state, office: Secretary of State, faction: diplomats}\nturns:\n", 1)
    for asks, adviser, words in (("What do you offer on the phone?", "staff", KREMLIN_WORDS),
                                 ("What do you ask for?", "state", WASHINGTON_WORDS)):
        text = text.replace(f"{asks}\n", f"{asks}\n        advisors: [{{advisor: {adviser}, text: {words}}}]\n")
    path = tmp_path / "corridor_2001.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_each_side_hears_its_own_advisers_and_not_the_others(driver: Driver, tmp_path: Path) -> None:
    d = driver
    seat(d, hotseat, advised(tmp_path))
    through_handover(d)
    kremlin = d.visible_text(d.top)
    assert KREMLIN_WORDS in kremlin and "Chief of the General Staff" not in kremlin  # the name is on the card
    assert "<img" in kremlin and WASHINGTON_WORDS not in kremlin
    pick(d, 0)
    through_handover(d)
    washington = d.visible_text(d.top)
    assert WASHINGTON_WORDS in washington and KREMLIN_WORDS not in washington


def test_a_full_save_is_said_on_the_sides_turn_and_nothing_is_taken(driver: Driver, monkeypatch) -> None:
    d = driver
    game = seat(d, lambda sides: solo(sides, "washington", "hawkish"))
    monkeypatch.setattr(timeline_module, "MAX_NODES", 0)
    pick(d, 0)
    assert d.top_name == "SidesTurnScreen" and d.top.role == WASHINGTON, d.names()
    assert "holds" in d.top.status and game.session.decisions == []
    monkeypatch.setattr(timeline_module, "MAX_NODES", 2_000)
    d.key(pygame.K_RETURN)  # the same option, still selected, once there is room
    assert d.top_name == "RevealScreen" and len(game.session.decisions) == 1


def test_a_jump_to_another_decision_drops_the_news_of_the_decisions_undone(driver: Driver) -> None:
    d = driver
    game = seat(d, hotseat)
    pick(d, 0)
    pick(d, 0)
    assert d.top_name == "RevealScreen"
    d.key(pygame.K_RETURN)
    pick(d, 1)  # the White House criticises: news for the Kremlin
    assert game.play.news_for(KREMLIN), "the White House's line should be news for the Kremlin"
    call = game.session.timeline.path()[0].id
    assert game.go_to_node(call)  # what the branches tree does with a decision picked there
    # Left: only what the call itself changed that the Kremlin alone sees (the hot seat's reveal kept it back).
    assert [n.from_role for n in game.play.news_for(KREMLIN)] in ([], [KREMLIN])
    assert len(game.session.decisions) == 1
    d.key(pygame.K_RETURN)
    through_handover(d)
    d.top._after_modal("rebuild")  # the menu's answer after the branches moved the game
    d.settle()
    assert d.top_name == "HandoverScreen", d.names()  # whoever sits there now, the screen is handed over first


def play_to_the_end(d: Driver) -> None:
    for _ in range(12):
        if d.top_name == "DebriefScreen":
            return
        if d.top_name == "SidesTurnScreen":
            d.digit(0)
        d.key(pygame.K_RETURN)
    assert d.top_name == "DebriefScreen", d.names()


def test_a_hot_seat_debrief_heads_each_verdict_with_its_side_and_counts_each_persons_decisions(
        driver: Driver) -> None:
    d = driver
    seat(d, lambda sides: hotseat(sides, {"kremlin": "Team A"}))
    play_to_the_end(d)
    html = d.visible_text(d.top)
    assert "Your verdict" not in html and "You took" not in html, html
    kremlin = html.find("The verdict of the Kremlin (Team A):")
    washington = html.find("The verdict of the White House:")
    assert 0 <= kremlin < washington, html
    assert "The Kremlin (Team A) took 2 decisions and left the historical road at 0 of the 1" in html, html
    assert "The White House took 2 decisions and left the historical road at 0 of the 2" in html, html


def test_a_solo_debrief_counts_only_the_persons_decisions(driver: Driver) -> None:
    d = driver
    game = seat(d, lambda sides: solo(sides, "washington", "hawkish"))
    play_to_the_end(d)
    assert len(game.session.decisions) == 3  # the call, Washington's line, the Kremlin's generals
    html = d.visible_text(d.top)
    assert "You took 2 decisions" in html and "at 0 of the 2 decisions" in html, html


def test_a_hot_seat_save_with_a_sealed_half_loads_at_the_first_sides_hand_over(driver: Driver) -> None:
    d = driver
    game = seat(d, hotseat)
    pick(d, 1)  # the Kremlin's half, sealed
    assert game.play.sealed == {KREMLIN: 1} and d.top_name == "HandoverScreen"
    game.autosave()
    path = game.autosave_path
    assert "hold" not in path.read_text(encoding="utf-8")  # nothing of the sealed half in the file
    assert open_save(d.app, path)
    d.settle()
    assert d.top_name == "HandoverScreen" and d.top.label == "The Kremlin", d.names()
    loaded = d.game
    assert loaded is not game and loaded.play.sealed == {} and loaded.play.to_act() == KREMLIN
    d.key(pygame.K_RETURN)
    assert d.top_name == "SidesTurnScreen" and d.top.role == KREMLIN and d.top.selected is None


def test_a_hot_seat_save_after_the_call_loads_at_the_white_houses_hand_over(driver: Driver, tmp_path: Path) -> None:
    d = driver
    game = seat(d, hotseat)
    pick(d, 0)
    pick(d, 0)
    d.key(pygame.K_RETURN)  # past the reveal: the White House's own line is next
    path = tmp_path / "mid.json"
    game.save_as(path)
    d.start(None, None, load=path)  # --load: the same way in
    assert d.top_name == "HandoverScreen" and d.top.label == "The White House", d.names()
    assert len(d.game.session.decisions) == 1


def test_a_solo_save_loads_at_the_persons_turn_without_a_hand_over(driver: Driver, tmp_path: Path) -> None:
    d = driver
    game = seat(d, lambda sides: solo(sides, "kremlin", "cautious"))
    pick(d, 1)
    d.key(pygame.K_RETURN)
    path = tmp_path / "solo.json"
    game.save_as(path)
    assert open_save(d.app, path)
    d.settle()
    assert d.top_name == "SidesTurnScreen" and d.top.role == KREMLIN, d.names()
    assert d.game.play.seating.of(WASHINGTON).temperament == "cautious"
    assert d.game.session.pending.event.id == "k_generals"  # Washington's line was played by its counterpart


def class_file(tmp_path: Path, seats: str, extra: str = "") -> Path:
    shutil.copy(CORRIDOR, tmp_path / "corridor_2001.yaml")
    path = tmp_path / "class.yaml"
    path.write_text("format_version: 1\ntitle: Two teams\nscenario: corridor_2001.yaml\nseed: 7\nask_name: false\n"
                    f"sides: {seats}\n{extra}", encoding="utf-8")
    return path


def begin_class(d: Driver, path: Path) -> None:
    open_first_screens(d.app, None, None, None, classroom=path)
    d.settle()
    assert d.top_name == "BriefingScreen", d.names()
    d.key(pygame.K_RETURN)


def test_a_class_file_that_seats_the_sides_skips_the_side_choice(driver: Driver, tmp_path: Path) -> None:
    d = driver
    begin_class(d, class_file(tmp_path, "{kremlin: counterpart, washington: player}", "temperament: hawkish\n"))
    assert d.top_name == "SidesTurnScreen" and d.top.role == WASHINGTON, d.names()
    game = d.game
    assert game.session.classroom is not None and game.session.seed == 7
    assert game.play.seating.of(KREMLIN).temperament == "hawkish" and game.play.seating.people == (WASHINGTON,)
    assert "The generals' anger" not in [row.label for row in d.top.meter_rows()]


def test_a_class_hot_seat_showing_the_other_side_starts_at_a_hand_over(driver: Driver, tmp_path: Path) -> None:
    d = driver
    begin_class(d, class_file(tmp_path, "{kremlin: player, washington: player}", "show: {other_side: true}\n"))
    assert d.top_name == "HandoverScreen" and d.top.label == "The Kremlin", d.names()
    d.key(pygame.K_RETURN)
    labels = [row.label for row in d.top.meter_rows()]
    assert "Support in Congress" in labels and "The generals' anger" in labels  # the class shows both sides'


def test_a_class_that_leaves_the_sides_open_asks_for_them_and_plays_the_class_game(
        driver: Driver, tmp_path: Path) -> None:
    d = driver
    path = class_file(tmp_path, "null")
    begin_class(d, path)
    assert d.top_name == "SidesChoiceScreen", d.names()
    d.key(pygame.K_RETURN)  # as the Kremlin
    assert d.top_name == "SidesTurnScreen" and d.game.session.classroom is not None and d.game.session.seed == 7
