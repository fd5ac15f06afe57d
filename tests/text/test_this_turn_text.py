"""The terminal tells a choice taken earlier in the turn as the player's own decision, never as news; the news a game
opens with is told under the first turn's header (issue 15, finding 7)."""

from __future__ import annotations

from pathlib import Path

from partnership_game.scenario import load_path
from partnership_game.session import Session
from partnership_game.text import render

PROBE = Path(__file__).resolve().parent.parent / "data" / "two_decisions.yaml"


def test_the_second_decision_of_a_turn_names_the_first_as_the_players_own() -> None:
    session = Session(load_path(PROBE), 1)
    mark = len(session.state.ledger.entries)
    session.choose(0)
    text = render.full_turn(session, 80)
    told = "Your decision this turn: The first question, “Share the files”: Trust up 7 to\n  47."
    assert told in text
    assert text.index(told) < text.index("The second question")  # above the decision in hand
    assert "News: A telegram arrives" not in text  # told at the start of the game, not again
    # The folded view's summary: the choice as the player's own, not as what happened since it.
    summary = render.since_last(session, session.state.ledger.entries[mark:], 80)
    assert summary.startswith("Your decision this turn: The first question")
    assert "Since your last decision" not in summary and "News" not in summary


def test_the_news_a_game_opens_with_is_told_before_the_first_decision() -> None:
    session = Session(load_path(PROBE), 1)
    text = render.full_turn(session, 80)
    assert "News: A telegram arrives (written for the game)" in text
    assert "A telegram from the embassy says Washington is waiting for an answer." in text
    assert "What it changed: The generals' anger up 2 to 32." in text
    assert "Your decision this turn" not in text
    assert text.index("A telegram arrives") < text.index("The first question")


def test_a_new_turn_tells_what_came_since_as_before() -> None:
    session = Session(load_path(PROBE), 1)
    session.choose(0)
    mark = len(session.state.ledger.entries)
    session.choose(1)  # overrule the generals: the turn ends, the next one begins
    text = render.full_turn(session, 80)
    assert "Your decision this turn" not in text and "News:" not in text
    summary = render.since_last(session, session.state.ledger.entries[mark:], 80)
    assert summary.startswith("Since your last decision: The generals' anger up 6 to 38.")
