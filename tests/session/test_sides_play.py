"""Two sides in a session: who decides, the counterpart's determinism, joint decisions as one step, news, saves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partnership_game.scenario import load_path
from partnership_game.scenario.sides import JOINT
from partnership_game.session import Session, read_save, write_save
from partnership_game.session.saves import parse_save
from partnership_game.session.seating import SeatingError, hotseat, solo
from partnership_game.session.sides_play import NotYourTurn, SidesPlay

CORRIDOR = Path(__file__).parents[1] / "data" / "corridor_2001.yaml"
KREMLIN, WASHINGTON = 0, 1


@pytest.fixture(scope="module")
def corridor():
    return load_path(CORRIDOR)


def hot(corridor, seed: int = 11) -> SidesPlay:
    play = SidesPlay(Session(corridor, seed), hotseat(corridor.compiled.sides, {"kremlin": "Team A"}))
    play.run_counterparts()
    return play


def test_the_pending_decision_says_who_decides(corridor) -> None:
    play = hot(corridor)
    assert play.decider() == JOINT
    assert play.deciding_roles() == (KREMLIN, WASHINGTON)
    assert play.to_act() == KREMLIN
    assert play.pick(KREMLIN, 0) is None  # sealed: nothing happens yet
    assert play.to_act() == WASHINGTON
    assert play.session.decisions == []
    with pytest.raises(NotYourTurn):
        play.pick(KREMLIN, 1)  # a sealed half cannot be changed
    reveal = play.pick(WASHINGTON, 0)
    assert reveal is not None
    assert [label for _, label in reveal.picks] == ["Open the airspace and raise no objection",
                                                    "Take what is offered, promise nothing in writing"]
    assert "handshake" in reveal.result
    assert play.decider() == WASHINGTON and play.to_act() == WASHINGTON
    with pytest.raises(NotYourTurn):
        play.pick(KREMLIN, 0)


def test_each_side_sees_only_its_own_options_and_meters(corridor) -> None:
    play = hot(corridor)
    kremlin = [o.label for o in play.options(KREMLIN)]
    washington = [o.label for o in play.options(WASHINGTON)]
    assert kremlin == ["Open the airspace and raise no objection", "Offer sympathy, nothing on the ground"]
    assert not set(kremlin) & set(washington)
    assert "What do you offer" in play.situation(KREMLIN) and "What do you ask" in play.situation(WASHINGTON)
    meters = play.session.compiled.meter_ids
    assert [meters[m] for m in play.visible_meters(KREMLIN)] == ["trust", "generals"]
    assert [meters[m] for m in play.visible_meters(WASHINGTON)] == ["trust", "congress"]


def test_a_joint_decision_is_one_node_and_one_step_back_undoes_both_halves(corridor) -> None:
    play = hot(corridor)
    play.pick(KREMLIN, 1)
    play.pick(WASHINGTON, 1)
    nodes = play.session.timeline.nodes
    assert [(n.event, n.option, n.by) for n in nodes] == [("j_call", "hold+in_writing", "player+player")]
    assert play.back()
    assert play.session.timeline.current is None and play.session.decisions == []
    assert play.to_act() == KREMLIN and play.sealed == {}
    assert not play.back()


def test_stepping_back_drops_a_sealed_half(corridor) -> None:
    play = hot(corridor)
    play.pick(KREMLIN, 0)
    play.pick(WASHINGTON, 0)
    play.pick(WASHINGTON, 0)  # the Chechnya line
    play.back()
    assert play.to_act() == WASHINGTON and play.session.pending.event.id == "w_chechnya"
    play.back()
    assert play.sealed == {} and play.to_act() == KREMLIN


def test_news_is_queued_for_the_other_side_only_and_dropped_when_undone(corridor) -> None:
    play = hot(corridor)
    play.pick(KREMLIN, 0)
    play.pick(WASHINGTON, 0)
    assert play.news == []  # a joint decision's news is its reveal
    play.pick(WASHINGTON, 1)
    assert play.news_for(WASHINGTON) == []
    [item] = play.news_for(KREMLIN)
    assert item.from_role == WASHINGTON and "concern about civilians" in item.text
    assert play.take_news(KREMLIN) == [item] and play.news_for(KREMLIN) == []
    play.pick(KREMLIN, 0)
    play.back()
    play.back()  # undoes the Chechnya line: its news is gone too
    play.pick(WASHINGTON, 1)
    play.back()
    assert play.news_for(KREMLIN) == []


def counterpart_game(corridor, seed: int) -> SidesPlay:
    play = SidesPlay(Session(corridor, seed), solo(corridor.compiled.sides, "kremlin", "cautious"))
    moves = play.run_counterparts()
    assert [m.role for m in moves] == [WASHINGTON] and WASHINGTON in play.sealed  # sealed before the Kremlin's turn
    play.pick(KREMLIN, 1)
    play.run_counterparts()
    play.pick(KREMLIN, 0)
    assert play.session.over
    return play


def test_the_counterpart_decides_the_same_way_for_the_same_seed(corridor) -> None:
    first, again = counterpart_game(corridor, 5), counterpart_game(corridor, 5)
    nodes = [(n.event, n.option, n.by, n.expected) for n in first.session.timeline.nodes]
    assert nodes == [(n.event, n.option, n.by, n.expected) for n in again.session.timeline.nodes]
    assert [n.by for n in first.session.timeline.nodes] == ["player+counterpart:cautious", "counterpart:cautious",
                                                            "player"]
    expected = first.session.timeline.nodes[1].expected
    assert expected is not None and abs(sum(share for _, share in expected.endings) - 1) < 1e-3


def test_the_debrief_reads_what_the_counterpart_expected(corridor) -> None:
    play = counterpart_game(corridor, 5)
    moves = play.counterpart_moves()
    assert [(m.role, m.temperament, m.title) for m in moves] == [
        (WASHINGTON, "cautious", "One call, two positions"), (WASHINGTON, "cautious", "A line on Chechnya")]
    line = play.expectation(moves[1])
    assert line.startswith(f"Washington chose {moves[1].label}: ") and " % " in line
    assert play.verdict(KREMLIN) is not None and play.verdict(WASHINGTON) is not None


def test_unknown_sides_and_temperaments_are_named(corridor) -> None:
    sides = corridor.compiled.sides
    with pytest.raises(SeatingError, match=r"no side 'moscow' .*kremlin, washington"):
        solo(sides, "moscow")
    with pytest.raises(SeatingError, match="washington has no temperament 'hawkish'"):
        solo(sides, "kremlin", "hawkish")


def test_a_two_sided_save_round_trips(corridor, tmp_path: Path) -> None:
    play = SidesPlay(Session(corridor, 9), solo(corridor.compiled.sides, "kremlin", "cautious", name="Ana"))
    play.run_counterparts()
    play.pick(KREMLIN, 0)
    play.run_counterparts()
    path = tmp_path / "two.json"
    write_save(path, play.session)
    raw = json.loads(path.read_text())
    assert raw["version"] == 2
    assert raw["sides"] == {"kremlin": "player", "washington": "counterpart:cautious"}
    assert raw["players"] == {"kremlin": "Ana"}
    first = raw["timeline"]["nodes"][0]
    assert first["choices"]["kremlin"] == "open" and first["by"] == "player+counterpart:cautious"
    assert set(first["expected"]["endings"]) == {"partners", "apart"}
    loaded = read_save(path)
    assert loaded.timeline.nodes == play.session.timeline.nodes
    assert loaded.seating == play.session.seating
    again = SidesPlay(loaded, loaded.seating)
    assert again.to_act() == KREMLIN and [m.label for m in again.counterpart_moves()] == [
        m.label for m in play.counterpart_moves()]


def test_a_sealed_half_is_never_saved(corridor, tmp_path: Path) -> None:
    play = hot(corridor)
    play.pick(KREMLIN, 1)
    path = tmp_path / "sealed.json"
    write_save(path, play.session)
    text = path.read_text()
    assert json.loads(text)["timeline"]["nodes"] == []
    assert "\"hold" not in text and "by" not in json.loads(text)["timeline"]  # nothing of the sealed choice
    loaded = SidesPlay(read_save(path), hotseat(corridor.compiled.sides))
    assert loaded.to_act() == KREMLIN and loaded.sealed == {}


def test_a_version_1_save_stays_version_1(tmp_path: Path) -> None:
    tiny = load_path(Path(__file__).parents[1] / "data" / "tiny.yaml")
    session = Session(tiny, 3)
    session.choose(0)
    path = tmp_path / "one.json"
    write_save(path, session)
    raw = json.loads(path.read_text())
    assert raw["version"] == 1 and "sides" not in raw and set(raw["timeline"]["nodes"][0]) == {
        "id", "parent", "event", "option"}
    raw["version"] = 2
    with pytest.raises(Exception, match="who plays each side"):
        parse_save(json.dumps(raw).encode())
