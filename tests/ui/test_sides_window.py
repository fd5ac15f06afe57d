"""Issue 16 in the window: choosing sides, the hand-over, each side's own turn, the reveal and both verdicts, on
tests/data/corridor_2001.yaml (a small scenario of two sides: one joint call, then one decision each)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
import pytest

from partnership_game.ui import audit, theme

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:pygame_gui")

CORRIDOR = str(Path(__file__).parents[1] / "data" / "corridor_2001.yaml")
SEED = 2001
KREMLIN_SEALED = "Offer sympathy, nothing on the ground"  # the Kremlin's second option at the joint call
METER_LABELS = ("Trust between the governments", "The generals' anger", "Support in Congress")

Driver = Any


class Seen:
    """Every text the game renders with its fonts while recording, plus every widget's text after each step."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def font_class(self) -> type:
        seen = self

        class Font(audit._RecordingFont):
            def render(self, text: Any, *args: Any, **kwargs: Any) -> pygame.Surface:
                if isinstance(text, str) and text:
                    seen.texts.append(text)
                return super().render(text, *args, **kwargs)

        return Font

    def widgets(self, app: Any) -> None:
        for element in app.manager.get_sprite_group().sprites():
            if isinstance(element, pygame_gui.elements.UITextBox):
                self.texts.append(element.html_text)
            elif isinstance(element, pygame_gui.elements.UISelectionList):
                self.texts += [item["text"] for item in element.item_list]
            elif isinstance(element, pygame_gui.elements.UITextEntryLine):
                self.texts.append(element.get_text())
            elif hasattr(element, "text") and isinstance(element.text, str):
                self.texts.append(element.text)

    def any(self, words: str) -> bool:
        return any(words in text for text in self.texts)


@pytest.fixture
def seen() -> Iterator[Seen]:
    record = Seen()
    with audit.recording():
        theme.font_class = record.font_class()
        theme.font.cache_clear()
        yield record


def step(d: Driver, seen: Seen, key: int, unicode: str = "") -> None:
    d.key(key, unicode=unicode)
    d.app.draw()
    seen.widgets(d.app)


def shown_on(d: Driver) -> list[str]:
    """What the top screen alone draws itself (as the layout audit reads it), with fresh caches."""
    with audit.recording():
        return [s.text for s in audit._drawn_by(d.top, d.app.size)]


def test_a_hot_seat_game_never_draws_the_first_sides_sealed_choice_before_the_reveal(
        driver: Driver, seen: Seen) -> None:
    d = driver
    d.start(CORRIDOR, SEED)
    assert d.top_name == "SidesChoiceScreen", d.names()
    step(d, seen, pygame.K_DOWN)
    step(d, seen, pygame.K_DOWN)  # "Two players, one screen"
    assert d.top.hot
    step(d, seen, pygame.K_RETURN)
    assert d.top_name == "HandoverScreen" and d.top.label == "The Kremlin"
    step(d, seen, pygame.K_RETURN)
    assert d.top_name == "SidesTurnScreen" and d.top.role == 0
    assert [o.label for o in d.top.options][1] == KREMLIN_SEALED
    game = d.game
    step(d, seen, pygame.K_2, "2")
    assert seen.any(KREMLIN_SEALED)  # on the Kremlin's own screen, while it chooses
    seen.texts.clear()  # from here on the Kremlin has chosen: its label must not appear until the reveal
    step(d, seen, pygame.K_RETURN)
    assert d.top_name == "HandoverScreen" and d.top.label == "The White House"
    assert game.play.sealed == {0: 1}
    step(d, seen, pygame.K_RETURN)
    assert d.top_name == "SidesTurnScreen" and d.top.role == 1
    step(d, seen, pygame.K_1, "1")
    assert seen.texts and seen.any("Moscow is calling"), "the recorder saw the White House's own view"
    assert not seen.any(KREMLIN_SEALED), [t for t in seen.texts if KREMLIN_SEALED in t]
    step(d, seen, pygame.K_RETURN)
    assert d.top_name == "RevealScreen"
    assert seen.any(KREMLIN_SEALED), "the reveal shows both choices (so the check above could fail)"
    assert seen.any("Moscow offers words")  # the pair's result
    step(d, seen, pygame.K_RETURN)  # the White House decides its own line on Chechnya next
    step(d, seen, pygame.K_1, "1")
    seen.texts.clear()
    step(d, seen, pygame.K_RETURN)
    assert d.top_name == "RevealScreen" and d.top.viewers == (1,)
    assert seen.any("Support in Congress") and not seen.any("The generals' anger")  # its own meters only


def test_the_hand_over_draws_no_meter_and_nothing_of_the_last_screen(driver: Driver) -> None:
    d = driver
    d.start(CORRIDOR, SEED)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    turn = shown_on(d)
    assert "Trust between the governments" in turn and "Support in Congress" not in turn  # the Kremlin's meters
    d.digit(0)
    d.key(pygame.K_RETURN)
    assert d.top_name == "HandoverScreen"
    assert d.app.visible_screens() == [d.top] and not d.top.elements  # opaque, and no widget of its own
    drawn = shown_on(d)
    assert drawn[0] == "Pass to the White House", drawn
    assert not any(label in text for text in drawn for label in METER_LABELS)
    assert not any(text in drawn for text in turn if text not in ("Pass to the White House",))
    assert not any(ch.isdigit() for text in drawn for ch in text)  # no value of any meter


def test_solo_as_washington_against_a_counterpart_reaches_the_debrief_with_verdicts(driver: Driver) -> None:
    d = driver
    d.start(CORRIDOR, SEED)
    d.key(pygame.K_DOWN)  # Play as the White House
    assert d.top.mode == 1 and not d.top.hot
    d.key(pygame.K_TAB)  # to the Kremlin's temperaments
    d.key(pygame.K_DOWN)  # balanced
    assert d.top.temperaments()[d.top.temperament].id == "balanced"
    d.key(pygame.K_RETURN)
    assert d.top_name == "SidesTurnScreen" and d.top.role == 1, d.names()  # no hand-over when one person plays
    assert d.game.play.seating.of(0).temperament == "balanced"
    # The Kremlin's half is sealed by the counterpart when the person's pick completes the pair (SidesPlay), so
    # the joint call still ends in a reveal below.
    passed = []
    for _ in range(6):
        passed.append(d.top_name)
        if d.top_name == "DebriefScreen":
            break
        if d.top_name == "SidesTurnScreen":
            d.digit(0)
        d.key(pygame.K_RETURN)
    assert d.top_name == "DebriefScreen", d.names()
    assert passed.count("RevealScreen") == 2 and "HandoverScreen" not in passed, passed  # the call, the podium
    html = d.visible_text(d.top)
    own, other = html.find("Your verdict (The White House)"), html.find("The verdict of the Kremlin")
    assert 0 <= own < other, html
    assert "Moscow chose" in html  # the counterpart's decisions with what it expected


def test_ctrl_z_steps_back_over_both_halves_of_a_joint_decision(driver: Driver) -> None:
    d = driver
    d.start(CORRIDOR, SEED)
    d.key(pygame.K_DOWN)
    d.key(pygame.K_RETURN)  # as the White House; the Kremlin a historical counterpart
    d.digit(1)
    d.key(pygame.K_RETURN)
    assert d.top_name == "RevealScreen"
    d.key(pygame.K_RETURN)
    game = d.game
    assert d.top_name == "SidesTurnScreen" and len(game.session.decisions) == 1
    d.ctrl(pygame.K_z)
    assert d.top_name == "SidesTurnScreen" and d.top.role == 1
    assert len(game.session.decisions) == 0 and game.play.sealed == {}  # both halves undone
    assert "Moscow is calling" in d.visible_text(d.top)
    d.digit(1)
    d.key(pygame.K_RETURN)
    assert d.top_name == "RevealScreen" and len(game.session.decisions) == 1  # the counterpart's half sealed again


KREMLIN_ONLY, WASHINGTON_ONLY, SHARED = "The generals' anger", "Support in Congress", "Trust between the governments"


def drew(seen: Seen, words: str) -> bool:
    """Whether `words` were drawn, as plain text or as a text box's markup (where "'" is "&#x27;")."""
    return seen.any(words) or seen.any(html.escape(words))


def test_a_hot_seat_reveal_draws_only_what_both_see_and_each_side_then_reads_its_own(
        driver: Driver, seen: Seen) -> None:
    d = driver
    d.start(CORRIDOR, SEED)
    step(d, seen, pygame.K_DOWN)
    step(d, seen, pygame.K_DOWN)
    step(d, seen, pygame.K_RETURN)  # a hot seat: the Kremlin first
    step(d, seen, pygame.K_RETURN)
    step(d, seen, pygame.K_1, "1")  # open the airspace: the generals' anger +8
    step(d, seen, pygame.K_RETURN)
    step(d, seen, pygame.K_RETURN)  # past the hand-over, the White House
    step(d, seen, pygame.K_2, "2")  # a written limit: Congress -4; the pair: trust +8, the generals -3
    seen.texts.clear()
    step(d, seen, pygame.K_RETURN)
    assert d.top_name == "RevealScreen" and d.top.viewers == (0, 1)
    assert seen.any("What both sides see change") and seen.any(SHARED), seen.texts
    assert not drew(seen, KREMLIN_ONLY) and not drew(seen, WASHINGTON_ONLY), seen.texts
    assert not seen.any("sees change")
    game = d.game
    assert game.session.meters()["generals"] != 30 and game.session.meters()["congress"] != 55  # both moved
    step(d, seen, pygame.K_RETURN)  # the White House's own decision comes next, at the same seat
    assert d.top_name == "SidesTurnScreen" and d.top.role == 1
    story = d.top.story.html_text
    assert "also changed, that only you see" in story and f"{WASHINGTON_ONLY} −4" in story, story
    assert html.escape(KREMLIN_ONLY) not in story
    step(d, seen, pygame.K_1, "1")
    step(d, seen, pygame.K_RETURN)  # its outcome, its own view
    step(d, seen, pygame.K_RETURN)
    assert d.top_name == "HandoverScreen" and d.top.label == "The Kremlin"
    seen.texts.clear()
    step(d, seen, pygame.K_RETURN)
    assert d.top_name == "SidesTurnScreen" and d.top.role == 0
    story = d.top.story.html_text
    assert "also changed, that only you see" in story and html.escape(f"{KREMLIN_ONLY} +5") in story, story
    assert not drew(seen, WASHINGTON_ONLY), [t for t in seen.texts if WASHINGTON_ONLY in t]
    d.top.story_html()  # told once: a rebuilt screen keeps its news, the next one does not repeat it
    assert game.news(0) == []


def test_a_solo_reveal_shows_the_persons_side_only(driver: Driver, seen: Seen) -> None:
    d = driver
    d.start(CORRIDOR, SEED)
    d.key(pygame.K_DOWN)  # Play as the White House; the Kremlin a counterpart (historical: it opens the airspace)
    d.key(pygame.K_RETURN)
    step(d, seen, pygame.K_2, "2")
    seen.texts.clear()
    step(d, seen, pygame.K_RETURN)
    assert d.top_name == "RevealScreen" and d.top.viewers == (1,)
    assert d.game.session.meters()["generals"] != 30  # the Kremlin's hidden meter did move
    assert seen.any("Changes the White House sees") and drew(seen, WASHINGTON_ONLY) and drew(seen, SHARED)
    assert not drew(seen, KREMLIN_ONLY), [t for t in seen.texts if KREMLIN_ONLY in t]
    step(d, seen, pygame.K_RETURN)
    assert "that only you see" not in d.top.story.html_text  # the reveal already told it all
