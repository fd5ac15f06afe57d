"""What landed earlier in the turn of the decision in hand: the player's own choice is told as theirs, news as news
(issue 15, finding 7: with two decisions in one turn the first choice read as news)."""

from __future__ import annotations

from pathlib import Path

from partnership_game.scenario import load_path
from partnership_game.session import Session
from partnership_game.session.this_turn import choice_entries, earlier_this_turn

PROBE = Path(__file__).resolve().parent.parent / "data" / "two_decisions.yaml"


def test_the_first_choice_of_a_turn_is_the_players_own_and_the_news_stays_news() -> None:
    session = Session(load_path(PROBE), 1)
    assert session.pending is not None and session.pending.event.id == "first_question"
    opening = earlier_this_turn(session)
    assert [(e.kind, e.event) for e in opening] == [("news", "morning_news")]
    assert opening[0].title == "A telegram arrives" and "waiting for an answer" in opening[0].text
    assert [(c.meter, c.delta) for c in opening[0].changes] == [("generals", 2.0)]

    session.choose(0)  # share the files: trust +7, and the second question of the same turn waits
    assert session.pending is not None and session.pending.event.id == "second_question"
    earlier = earlier_this_turn(session)
    assert [(e.kind, e.event) for e in earlier] == [("news", "morning_news"), ("choice", "first_question")]
    choice = earlier[1]
    assert (choice.title, choice.label) == ("The first question", "Share the files")
    assert choice.text == "The files go out by courier before noon."
    assert [(c.meter, c.delta, c.after) for c in choice.changes] == [("trust", 7.0, 47.0)]
    own = choice_entries(session)
    assert own == {id(e) for e in choice.entries} and len(own) == 1
    assert all(e.kind in ("decision", "outcome") for e in choice.entries)

    session.choose(0)  # the turn is over: the next one has had nothing yet
    assert session.pending is not None and session.pending.event.id == "last_question"
    assert earlier_this_turn(session) == [] and choice_entries(session) == set()


def test_nothing_is_told_once_the_game_is_over() -> None:
    session = Session(load_path(PROBE), 1)
    session.choose(1)  # keep the files: trust -3
    session.choose(0)
    session.choose(1)
    assert session.pending is None
    assert earlier_this_turn(session) == []  # the game is over: no decision waits
