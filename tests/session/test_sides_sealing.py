"""A counterpart's half of a joint decision is sealed before a person's pick completes the pair, however the game
reached the decision, so the pick returns the Reveal; a refused pick keeps the other halves and asks again."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.scenario import load_path
from partnership_game.session import Session
from partnership_game.session import timeline as timeline_module
from partnership_game.session.limits import DecisionCapReached
from partnership_game.session.seating import hotseat, solo
from partnership_game.session.sides_play import SidesPlay

CORRIDOR = Path(__file__).parents[1] / "data" / "corridor_2001.yaml"
KREMLIN, WASHINGTON = 0, 1


@pytest.fixture(scope="module")
def corridor():
    return load_path(CORRIDOR)


def test_a_person_completing_a_pair_gets_the_reveal_without_run_counterparts_first(corridor) -> None:
    play = SidesPlay(Session(corridor, 5), solo(corridor.compiled.sides, "kremlin", "cautious"))
    assert play.to_act() == KREMLIN and play.sealed == {}  # nothing has run the counterpart yet
    reveal = play.pick(KREMLIN, 1)
    assert reveal is not None and [role for role, _ in reveal.picks] == [KREMLIN, WASHINGTON]
    assert len(play.session.decisions) == 1
    moves = play.run_counterparts()  # the half sealed inside pick is still reported, once
    assert moves[0].role == WASHINGTON and moves[0].title == reveal.title
    assert all(m.title != reveal.title for m in play.run_counterparts())


def test_after_a_step_back_onto_a_joint_decision_the_pick_still_reveals(corridor) -> None:
    play = SidesPlay(Session(corridor, 5), solo(corridor.compiled.sides, "washington", "hawkish"))
    play.run_counterparts()
    first = play.pick(WASHINGTON, 0)
    assert first is not None
    play.run_counterparts()
    assert play.back()  # back onto the joint call: the sealed halves are dropped
    assert play.sealed == {} and play.to_act() == WASHINGTON
    again = play.pick(WASHINGTON, 0)
    assert again is not None and again.picks == first.picks  # the counterpart seals the same half again


def test_a_refused_pick_keeps_the_other_sides_half_and_asks_again(corridor, monkeypatch) -> None:
    play = SidesPlay(Session(corridor, 5), hotseat(corridor.compiled.sides))
    assert play.pick(KREMLIN, 0) is None
    monkeypatch.setattr(timeline_module, "MAX_NODES", 0)  # the save is full: no new decision fits
    with pytest.raises(DecisionCapReached):
        play.pick(WASHINGTON, 1)
    assert play.sealed == {KREMLIN: 0} and play.to_act() == WASHINGTON and play.session.decisions == []
    monkeypatch.setattr(timeline_module, "MAX_NODES", 2_000)
    assert play.pick(WASHINGTON, 1) is not None
