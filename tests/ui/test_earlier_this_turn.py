"""The turn screen names a choice taken earlier in the same turn as the player's own decision, never as news, and
shows the news a game opens with before its first decision (issue 15, finding 7)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pygame

from partnership_game.scenario import load_path
from partnership_game.ui.game import Game
from partnership_game.ui.screens.turn import TurnScreen
from partnership_game.ui.strings import t

PROBE = Path(__file__).resolve().parent.parent / "data" / "two_decisions.yaml"


def plain(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


def test_the_second_decision_names_the_first_as_the_players_own(driver: Any) -> None:
    driver.app.push(TurnScreen(driver.app, Game.new(load_path(PROBE), 1)))
    driver.settle()
    first = plain(driver.visible_text(driver.top))
    assert f"{t('turn.earlier_news')}: A telegram arrives" in first
    assert "waiting for an answer" in first and "The generals' anger +2" in first
    assert t("turn.earlier_choice") not in first
    driver.digit(0)
    driver.key(pygame.K_RETURN)
    assert driver.top_name == "ConsequencesScreen"
    driver.key(pygame.K_RETURN)
    assert driver.top_name == "TurnScreen" and driver.game.session.pending.event.id == "second_question"
    second = plain(driver.visible_text(driver.top))
    assert f"{t('turn.earlier_choice')}: The first question, “Share the files” · Trust +7" in second
    assert "A telegram arrives" not in second  # told before the first decision, not again
    assert second.index(t("turn.earlier_choice")) < second.index("The General Staff asks to be heard")
    driver.digit(0)
    driver.key(pygame.K_RETURN)
    driver.key(pygame.K_RETURN)
    assert driver.game.session.pending.event.id == "last_question"
    assert t("turn.earlier_choice") not in plain(driver.visible_text(driver.top))  # a new turn starts clean
