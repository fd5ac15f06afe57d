"""Each side's news in a game of two sides: the happenings of its audience, the other side's announced decisions,
read once, kept across a save; each side's own counsel; who must consent to a step back."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.scenario import load_path
from partnership_game.scenario.sides import JOINT
from partnership_game.session import Session, read_save, write_save
from partnership_game.session.seating import hotseat, solo
from partnership_game.session.sides_news import NewsItem, audience
from partnership_game.session.sides_play import SidesPlay
from partnership_game.session.texts import happened

CAMPAIGN = Path(__file__).parents[2] / "scenarios" / "new_partnership_two_sides.yaml"
KREMLIN, WASHINGTON = 0, 1


@pytest.fixture(scope="module")
def campaign():
    return load_path(CAMPAIGN)


def hot(campaign, seed: int = 2001) -> SidesPlay:
    play = SidesPlay(Session(campaign, seed), hotseat(campaign.compiled.sides))
    play.run_counterparts()
    return play


def first_open(play: SidesPlay, role: int) -> int:
    return next(o.index for o in play.options(role) if o.available)


def play_reading(play: SidesPlay, decisions: int) -> dict[int, list[NewsItem]]:
    """Take `decisions` picks in a hot seat, each side reading its news before it picks, as the front ends do."""
    read: dict[int, list[NewsItem]] = {KREMLIN: [], WASHINGTON: []}
    for _ in range(decisions):
        role = play.to_act()
        assert role is not None
        read[role] += play.take_news(role)
        play.pick(role, first_open(play, role))
        play.run_counterparts()
    return read


def test_each_side_reads_the_happenings_of_its_audience_once_with_the_changes_it_sees(campaign) -> None:
    play = hot(campaign)
    read = play_reading(play, 14)
    landed = [h for h in happened(play.session) if h.news]
    assert landed, "the opening turns have happenings"
    for role in (KREMLIN, WASHINGTON):
        told = [item.event for item in read[role] + play.news_for(role) if item.from_role is None]
        meant = [h.event for h in landed if role in audience(play.session, h.event)]
        assert told == meant  # every happening of its audience, in order, and each once
        seen = {play.session.compiled.meter_ids[m] for m in play.visible_meters(role)}
        assert all(e.meter in seen for item in read[role] for e in item.changes)
    both = [h.event for h in landed if audience(play.session, h.event) == (KREMLIN, WASHINGTON)]
    kremlin_only = [h.event for h in landed if audience(play.session, h.event) == (KREMLIN,)]
    assert both and kremlin_only  # the test passes through both kinds of audience
    assert not {item.event for item in read[WASHINGTON]} & set(kremlin_only)
    condolences = next(item for item in read[WASHINGTON] if item.event == both[0])
    assert condolences.text and any(e.delta for e in condolences.changes)


def test_the_other_sides_decision_with_news_is_told_and_ones_own_is_not(campaign) -> None:
    play = hot(campaign)
    assert play.to_act() == KREMLIN
    play.pick(KREMLIN, 0)
    play.run_counterparts()
    from_kremlin = [item for item in play.news_for(WASHINGTON) if item.from_role == KREMLIN]
    assert [item.event for item in from_kremlin] == ["e01_alert"] and from_kremlin[0].text
    assert not [item for item in play.news_for(KREMLIN) if item.from_role is not None]


def test_news_waiting_for_a_side_survives_a_save_and_is_read_once(campaign, tmp_path: Path) -> None:
    play = hot(campaign)
    play.pick(KREMLIN, 0)  # the Kremlin's decision, with news for the White House
    play.run_counterparts()
    waiting = play.news_for(WASHINGTON)
    assert any(item.from_role == KREMLIN for item in waiting)
    write_save(tmp_path / "hot.json", play.session)
    session = read_save(tmp_path / "hot.json")
    assert session.seating is not None
    loaded = SidesPlay(session, session.seating)
    loaded.run_counterparts()
    assert loaded.to_act() == WASHINGTON
    assert loaded.take_news(WASHINGTON) == waiting
    assert loaded.take_news(WASHINGTON) == []


def test_a_step_back_keeps_read_news_read_and_drops_undone_news(campaign) -> None:
    play = hot(campaign)
    play.pick(KREMLIN, 0)
    play.run_counterparts()
    assert play.take_news(WASHINGTON)
    play.pick(WASHINGTON, first_open(play, WASHINGTON))
    play.run_counterparts()
    assert play.back()  # back to the White House's decision: what it had read stays read
    assert play.to_act() == WASHINGTON and play.news_for(WASHINGTON) == []
    assert play.back()  # back over the Kremlin's decision: its news is gone with it
    assert play.to_act() == KREMLIN and play.news_for(WASHINGTON) == []


def test_counsel_is_the_acting_sides_own(campaign) -> None:
    play = hot(campaign)
    model = play.session.pending.event.model
    assert play.decider() == KREMLIN and model is not None
    assert play.counsel(KREMLIN) == tuple(model.advisors) and play.counsel(KREMLIN)
    assert play.counsel(WASHINGTON) == ()
    while play.decider() != JOINT:
        role = play.to_act()
        assert role is not None
        play.pick(role, first_open(play, role))
        play.run_counterparts()
    joint = play.joint()
    assert joint is not None
    for role in (KREMLIN, WASHINGTON):
        assert play.counsel(role) == joint.side_of(role).advisors
    assert {c.advisor for c in play.counsel(KREMLIN)}.isdisjoint({c.advisor for c in play.counsel(WASHINGTON)})


def test_only_the_other_people_consent_to_a_step_back(campaign) -> None:
    assert hot(campaign).other_people(KREMLIN) == (WASHINGTON,)
    alone = SidesPlay(Session(campaign, 1), solo(campaign.compiled.sides, "kremlin", "historical"))
    assert alone.other_people(KREMLIN) == ()


def test_a_hot_seat_tells_each_side_what_only_it_saw_change_in_a_joint_decision() -> None:
    corridor = load_path(Path(__file__).parents[1] / "data" / "corridor_2001.yaml")
    play = SidesPlay(Session(corridor, 3), hotseat(corridor.compiled.sides))
    play.private_after_reveal = True  # as the terminal's reveal, which shows only what both sides see
    play.run_counterparts()
    play.pick(KREMLIN, 0)  # open the airspace: the generals' anger, which only the Kremlin sees, rises
    reveal = play.pick(WASHINGTON, 1)  # a written limit: Support in Congress, which only Washington sees, falls
    assert reveal is not None
    assert {e.meter for e in reveal.entries} <= {"trust", "generals", "congress"}
    [kremlin] = play.news_for(KREMLIN)
    assert kremlin.from_role == KREMLIN and {e.meter for e in kremlin.changes} == {"generals"}
    [washington] = [n for n in play.news_for(WASHINGTON) if n.from_role == WASHINGTON]
    assert {e.meter for e in washington.changes} == {"congress"}
    play.take_news(KREMLIN)
    assert play.news_for(KREMLIN) == []  # told once
    play.private_after_reveal = False  # a reveal that showed each side all it sees: nothing more to tell
    assert [n for n in play.news_for(WASHINGTON) if n.from_role == WASHINGTON] == []
