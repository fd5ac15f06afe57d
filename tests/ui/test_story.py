"""The window tells the story (issue 11): what happened before the numbers, the news and the warnings after; each
event's accuracy as a badge with its note on hover and on focus; random events as news under the turn's own
heading; decisions counted one way; the debrief opens with why. Most of it on tests/ui/data/story_probe.yaml, a
two-turn scenario built so that one choice brings a result, a drawn outcome, news with its own outcome and a
crossed warning."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pygame
import pytest

from partnership_game import paths
from partnership_game.scenario import LoadedScenario, load_path
from partnership_game.scenario.discovery import resolve
from partnership_game.session import Session
from partnership_game.ui.game import Game
from partnership_game.ui.screens.debrief import DebriefScreen
from partnership_game.ui.screens.turn import TurnScreen
from partnership_game.ui.screens.turn_header import counter_lines
from partnership_game.ui.strings import t

PROBE = Path(__file__).resolve().parent / "data" / "story_probe.yaml"

Driver = Any


def probe(tmp_path: Path, edit: tuple[str, str] | None = None) -> LoadedScenario:
    if edit is None:
        return load_path(PROBE)
    text = PROBE.read_text(encoding="utf-8")
    assert text.count(edit[0]) == 1
    path = tmp_path / "story_probe.yaml"
    path.write_text(text.replace(*edit), encoding="utf-8")
    return load_path(path)


def play(driver: Driver, scenario: LoadedScenario, seed: int = 1) -> TurnScreen:
    driver.app.push(TurnScreen(driver.app, Game.new(scenario, seed)))
    driver.settle()
    assert driver.top_name == "TurnScreen"
    return driver.top


def plain(markup: str) -> str:
    return re.sub(r"<[^>]*>", "", markup)


def positions(text: str, *needles: str) -> list[int]:
    """Where each needle first stands in `text`, after checking that it stands there exactly once."""
    for needle in needles:
        assert text.count(needle) == 1, f"{needle!r} appears {text.count(needle)} times in:\n{text}"
    return [text.index(needle) for needle in needles]


# ---- what happened, then the numbers ------------------------------------------------------------------------


def lines(markup: str) -> list[str]:
    """The text's lines as a player reads them (each <br> a new line), without markup."""
    return [line.strip() for line in plain(re.sub(r"<br\s*/?>", "\n", markup)).split("\n")]


def test_consequences_tell_what_happened_and_the_news_before_the_numbers_then_the_warning(driver: Driver) -> None:
    play(driver, load_path(PROBE))
    driver.digit(0)
    driver.key(pygame.K_RETURN)
    assert driver.top_name == "ConsequencesScreen"
    text = plain(driver.visible_text(driver.top))
    found = positions(
        text,
        "Washington answers at once and the General Staff protests.",  # the option's result
        "The dice fall one way and the protest grows loud.",  # the outcome the dice drew
        "News: A rumour in the capital",  # the random event that landed at the start of the next turn
        "The rumour spreads through the ministries.",
        "The drawn outcome of the rumour is that nobody believes it.",  # its drawn outcome, with its news
        t("consequences.numbers"),
        "Resistance +12",
        "The generals are openly restless",  # the threshold crossed (60 → 72 over 70)
    )
    assert found == sorted(found), text
    # The warning is marked by the word, not by colour alone.
    assert f"{t('consequences.warning').upper()}: The generals are openly restless" in text


def test_the_changes_are_grouped_by_cause_each_with_sign_arrow_and_a_word_for_good_or_bad(driver: Driver) -> None:
    play(driver, load_path(PROBE))
    driver.digit(0)
    driver.key(pygame.K_RETURN)
    shown = lines(driver.top.numbers())
    # Each cause once, its changes under it, one a line. Trust is good going up, resistance good going down: the
    # same sign and way read "good" on one and "bad" on the other. The news came on the next turn: its cause
    # carries its date, the choice's own does not.
    assert shown == [
        t("consequences.your_choice"),
        "Trust +5 ↑: good (now 55)",
        "Resistance +12 ↑: bad (now 72)",
        "A rumour in the capital (Feb 1, 2002)",
        "Trust −2 ↓: bad (now 53)",
    ]
    # The word carries the meaning; its colour only repeats it.
    good = "#{:02x}{:02x}{:02x}".format(*driver.app.palette.good)
    bad = "#{:02x}{:02x}{:02x}".format(*driver.app.palette.bad)
    markup = driver.top.numbers()
    assert f"<font color='{good}'><b>{t('consequences.good')}</b></font>" in markup
    assert f"<font color='{bad}'><b>{t('consequences.bad')}</b></font>" in markup


def test_a_meter_whose_good_way_is_down_falling_reads_good(driver: Driver, tmp_path: Path) -> None:
    scenario = probe(tmp_path, ("{type: add, meter: trust, amount: -5}", "{type: add, meter: resistance, amount: -5}"))
    play(driver, scenario)
    driver.digit(1)
    driver.key(pygame.K_RETURN)
    assert lines(driver.top.numbers()) == [t("consequences.your_choice"),
                                           "Resistance −5 ↓: good (now 55)"]


def test_a_choice_that_crosses_no_threshold_shows_no_warning_and_no_news(driver: Driver) -> None:
    play(driver, load_path(PROBE))
    driver.digit(1)  # hold back: trust down 5, nothing else
    driver.key(pygame.K_RETURN)
    text = plain(driver.visible_text(driver.top))
    assert "Nobody notices." in text
    assert t("consequences.warnings") not in text
    assert "News" not in text


def test_a_change_held_at_a_bound_says_so(driver: Driver, tmp_path: Path) -> None:
    scenario = probe(tmp_path, ("start: 60\n", "start: 100\n    min: 0\n    max: 100\n"))
    play(driver, scenario)
    driver.digit(0)
    driver.key(pygame.K_RETURN)
    text = plain(driver.visible_text(driver.top))
    assert "Resistance (no change: already at its ceiling, 100)" in text


# ---- accuracy in play ---------------------------------------------------------------------------------------


def test_the_badge_names_the_accuracy_and_its_note_shows_on_hover(driver: Driver) -> None:
    screen = play(driver, load_path(PROBE))
    badge = screen.event_title
    assert badge.badge_text() == t("accuracy.historical").upper()
    assert badge.badge_rect.width > 0 and screen.lay.title.contains(badge.badge_rect)
    assert badge.tip is None
    driver.move(badge.badge_rect.center)
    assert badge.tip is not None
    assert t("accuracy.note.historical") in badge.tip.text_block.html_text
    assert pygame.Rect((0, 0), driver.app.size).contains(badge.tip.rect)
    driver.move((2, 2))
    assert badge.tip is None


def test_tab_reaches_the_badge_after_the_options_and_its_note_shows_while_it_has_focus(driver: Driver) -> None:
    screen = play(driver, load_path(PROBE))
    driver.digit(0)
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)  # past the consequences: the envoy, a random, disputed event
    badge = screen.event_title
    assert badge.badge_text() == t("accuracy.disputed").upper()
    driver.key(pygame.K_TAB)
    driver.key(pygame.K_TAB)
    assert screen.selected == 1 and not badge.focus and badge.tip is None
    driver.key(pygame.K_TAB)
    assert badge.focus and badge.tip is not None
    # Why it is disputed: the first sentence of the event's note.
    assert badge.tip.text_block.html_text == "Disputed: This rests on a single claim."
    # Past the badge the focus goes on to the meters (their legend shows), then Shift+Tab comes back to it.
    driver.key(pygame.K_TAB)
    assert screen.focus.current is screen.meters_area and not badge.focus and badge.tip is None
    assert screen.legend_tip is not None
    driver.key(pygame.K_TAB, pygame.KMOD_LSHIFT)
    assert badge.focus, "Shift+Tab from the meters goes back to the badge"


def test_an_invented_event_says_it_was_written_for_the_game(driver: Driver, tmp_path: Path) -> None:
    scenario = probe(tmp_path, ("    accuracy: historical\n", "    accuracy: invented\n"))
    screen = play(driver, scenario)
    assert screen.event_title.badge_text() == "WRITTEN FOR THE GAME"
    driver.move(screen.event_title.badge_rect.center)
    assert screen.event_title.tip.text_block.html_text == "Written for the game, not on the record."


# ---- one clock ----------------------------------------------------------------------------------------------


def test_a_random_event_shows_as_news_under_the_turns_own_heading(driver: Driver) -> None:
    screen = play(driver, load_path(PROBE))
    assert screen.heading() == "The first turn" and not screen.event_title.is_news()
    driver.digit(0)
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    assert driver.game.session.pending.event.id == "envoy"
    assert screen.heading() == "The second turn"
    assert screen.event_title.is_news()
    # Its title stands once, in the row under the kicker, not again as a heading in the story.
    assert "An envoy at the border" not in driver.visible_text(screen)
    driver.digit(0)
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    assert driver.game.session.pending.event.id == "second"
    assert screen.heading() == "The second turn" and not screen.event_title.is_news()


def test_no_random_event_takes_the_heading_in_the_campaign(driver: Driver) -> None:
    """Random choices over several seeds: wherever a random event asks a decision, the heading is the turn's."""
    loaded = resolve("new_partnership", paths.builtin_scenarios_dir(), paths.mods_dir())
    seen = 0
    for seed in range(1, 30):
        session = Session(loaded, seed)
        rng = np.random.default_rng(seed)
        while session.pending is not None:
            if session.pending.event.random:
                game = Game(session)
                screen = TurnScreen(driver.app, game)
                turn = loaded.model.turns[session.state.turn]
                assert screen.heading() == turn.title
                assert screen.heading() != session.pending.event.title
                assert screen.event_title.is_news()
                seen += 1
            choices = [k for k, ok in enumerate(session.available()) if ok]
            session.choose(int(rng.choice(choices)))
        if seen >= 3:
            break
    assert seen, "no random decision came up in 29 seeds of random play"


# ---- the debrief starts with why ----------------------------------------------------------------------------


def finished_probe() -> Game:
    session = Session(load_path(PROBE), 1)
    for option in ("press", "hear", "sign"):
        assert session.pending is not None
        session.choose([o.id for o in session.pending.event.options].index(option))
    assert session.over
    return Game(session)


def test_the_debrief_opens_with_the_ending_then_why(driver: Driver) -> None:
    game = finished_probe()
    driver.app.push(DebriefScreen(driver.app, game))
    driver.settle()
    text = plain(driver.visible_text(driver.top))
    found = positions(
        text,
        "An uneasy peace",  # the ending's title
        "Nothing much came of it.",  # its epilogue
        t("debrief.why"),
        t("debrief.fallback"),
        "A partnership needed Resistance under 70; yours was 72.",  # the nearest ending and what it needed
        t("debrief.movers"),
        "“Press ahead”",
    )
    assert found == sorted(found), text
    # Decisions counted one way: the three taken on this branch, over the scenario's two turns, one of them asked by
    # news (the envoy); the envoy has no historical option, so it counts neither as following history nor as
    # leaving it.
    assert t("debrief.count", decisions=3, turns=2, news=t("decisions.news", count=1)) in text
    assert "You took 3 decisions over the 2 turns (1 asked by news)." in text
    assert t("debrief.diverged_count", count=0, total=2) in text


def test_the_header_counts_decisions_in_the_debriefs_words(driver: Driver) -> None:
    screen = play(driver, load_path(PROBE))
    assert screen.header and counter_lines(driver.game) == ["Turn 1 of 2", t("turn.decisions_none")]
    driver.digit(0)
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)  # the envoy: news that asks a decision, on turn 2
    assert counter_lines(driver.game) == ["Turn 2 of 2", "1 decision taken"]
    driver.digit(0)
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    # Two decisions on turn 2 of 2: the words say why the count passes the turn.
    assert counter_lines(driver.game) == ["Turn 2 of 2", "2 decisions taken (1 asked by news)"]


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_the_title_row_fits_its_panel_at_both_sizes(make_app: Any, size: tuple[int, int]) -> None:
    from partnership_game.ui.settings import Settings

    driver = make_app(Settings(width=size[0], height=size[1]))
    loaded = resolve("new_partnership", paths.builtin_scenarios_dir(), paths.mods_dir())
    screen = play(driver, loaded, 2001)
    lay = screen.lay
    # The event's title row sits in the header, above the story, and its badge inside it.
    assert lay.header.contains(lay.title) and lay.title.bottom <= lay.story.top and lay.story.height > 0
    assert lay.title.contains(screen.event_title.badge_rect)
