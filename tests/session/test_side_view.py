"""Each side's view of the road: the other side's hidden choice never changes what this side's timeline, map,
branches or odds show, until it is revealed (session/side_view.py, session/side_odds.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.scenario import load_path
from partnership_game.session import Session
from partnership_game.session.map_states import map_now
from partnership_game.session.seating import hotseat, solo
from partnership_game.session.side_odds import side_odds_plan
from partnership_game.session.side_reload import reseat
from partnership_game.session.side_view import (
    hidden_nodes,
    side_branches_at,
    side_decisions,
    side_map,
    side_turn_marks,
)
from partnership_game.session.sides_play import SidesPlay

MAPPED = Path(__file__).parents[1] / "data" / "corridor_mapped_2001.yaml"
KREMLIN, WASHINGTON = 0, 1
PAY, REFUSE = 0, 1  # the Kremlin's hidden choice at 'k_generals' (no news), 'pay' the historical one

@pytest.fixture(scope="module")
def mapped():
    """The corridor with a map (the General Staff's mood, read from a meter the White House does not see; the
    corridor, from a flag both see), a historical mark on the Kremlin's hidden decision, and a third turn in which
    the White House decides after it."""
    return load_path(MAPPED)


def to_washingtons_last(scenario, hidden: int) -> SidesPlay:
    """A hot seat played to the White House's decision after the Kremlin's hidden one (`hidden`)."""
    play = SidesPlay(Session(scenario, 5), hotseat(scenario.compiled.sides, {}))
    play.run_counterparts()
    play.pick(KREMLIN, 0)
    play.pick(WASHINGTON, 0)  # the call: both open, revealed
    play.pick(WASHINGTON, 0)  # Chechnya: carries news to Moscow
    play.pick(KREMLIN, hidden)  # the generals: no news
    assert play.session.pending is not None and play.session.pending.event.id == "w_later"
    assert play.to_act() == WASHINGTON
    return play


def test_the_kremlins_hidden_choice_changes_nothing_washington_sees(mapped) -> None:
    paid, refused = to_washingtons_last(mapped, PAY), to_washingtons_last(mapped, REFUSE)
    a, b = paid.session, refused.session
    # The worlds differ (so the views below could differ): the generals' mood drives the feature's state.
    assert map_now(a)["staff"].state != map_now(b)["staff"].state
    assert side_decisions(a, WASHINGTON) == side_decisions(b, WASHINGTON)
    assert side_turn_marks(a, WASHINGTON) == side_turn_marks(b, WASHINGTON)
    assert side_branches_at(a, WASHINGTON) == side_branches_at(b, WASHINGTON)
    assert side_map(a, WASHINGTON) == side_map(b, WASHINGTON)
    # ... while the Kremlin's own view of its own choice differs.
    assert side_turn_marks(a, KREMLIN) != side_turn_marks(b, KREMLIN)
    assert side_map(a, KREMLIN)[0]["staff"].state != side_map(b, KREMLIN)[0]["staff"].state


def test_a_hidden_decision_is_named_by_its_capital_and_unmarked(mapped) -> None:
    session = to_washingtons_last(mapped, REFUSE).session
    told = side_decisions(session, WASHINGTON)
    assert [d.known for d in told] == [True, True, False]
    assert told[2].label == told[2].title == "a decision in Moscow"
    assert told[2].historical is None
    assert "Tell them the partnership is the payment" not in repr(told)
    assert side_decisions(session, KREMLIN)[2].label == "Tell them the partnership is the payment"
    # t2 holds Washington's own (historical) Chechnya line and Moscow's hidden choice: only its own counts.
    assert side_turn_marks(session, WASHINGTON) == {0: True, 1: True}
    assert side_turn_marks(session, KREMLIN) == {0: True, 1: False}


def test_news_makes_the_other_sides_decision_known(mapped) -> None:
    session = to_washingtons_last(mapped, PAY).session
    chechnya = side_decisions(session, KREMLIN)[1]
    assert chechnya.known and chechnya.label == "Link the Chechen leaders to al-Qaida, deny any deal"


def test_a_feature_read_from_an_unseen_meter_is_drawn_as_history_had_it(mapped) -> None:
    session = to_washingtons_last(mapped, REFUSE).session
    nows, believed = side_map(session, WASHINGTON)
    assert believed == frozenset({"staff"})
    assert "does not see" in nows["staff"].note and "angry" not in nows["staff"].note
    assert nows["staff"].status.endswith("?")
    assert nows["corridor"] == map_now(session)["corridor"]  # read from a flag it sees: as it is
    assert side_map(session, KREMLIN)[1] == frozenset()


def test_branches_at_a_hidden_decision_look_alike_to_the_other_side(mapped) -> None:
    play = to_washingtons_last(mapped, PAY)
    session = play.session
    assert play.back()  # to the Kremlin's hidden decision (the last a person took before Washington's)
    play.pick(KREMLIN, REFUSE)
    leaves = session.timeline.leaves()
    assert len(leaves) == 2
    views = []
    for leaf in leaves:
        path = session.timeline.path(leaf.id)
        play.goto(leaf.id)
        views.append(side_decisions(session, WASHINGTON))
        assert hidden_nodes(session, session, path, WASHINGTON) == {path[2].id}
        assert hidden_nodes(session, session, path, KREMLIN) == set()
    assert views[0] == views[1]
    assert side_branches_at(session, WASHINGTON) == {}  # the fork is at Moscow's hidden choice: not counted
    assert side_branches_at(session, KREMLIN) == {1: 1}


def test_washingtons_odds_ignore_the_kremlins_sealed_half(mapped) -> None:
    results = []
    for sealed in (0, 1):
        play = SidesPlay(Session(mapped, 9), hotseat(mapped.compiled.sides, {}))
        play.run_counterparts()
        play.pick(KREMLIN, sealed)
        assert play.to_act() == WASHINGTON
        plan = side_odds_plan(play.session, play.seating, WASHINGTON, futures=256)
        assert plan.lookahead_of(KREMLIN) == "random"  # a person's sealed half: drawn uniformly
        results.append([plan.odds(k) for k in range(plan.option_count)])
    assert results[0] == results[1]
    for odds in results[0]:
        assert odds.endings is not None and sum(odds.endings.values()) == pytest.approx(1.0)
        assert sum(odds.verdicts.values()) == pytest.approx(1.0)
        # Washington's verdicts: 'partners' is good for it, 'apart' mixed.
        assert odds.verdicts["good"] == pytest.approx(odds.endings["partners"])
        assert odds.verdicts["mixed"] == pytest.approx(odds.endings["apart"])


def test_a_counterparts_part_is_drawn_by_its_lookahead(mapped) -> None:
    seating = solo(mapped.compiled.sides, side="washington", temperament="hawkish")
    play = SidesPlay(Session(mapped, 9), seating)
    play.run_counterparts()
    plan = side_odds_plan(play.session, seating, WASHINGTON, futures=64)
    hawkish = mapped.compiled.sides.temperament(KREMLIN, "hawkish")
    assert plan.lookahead_of(KREMLIN) == hawkish.lookahead
    assert [o.role for o in plan.others] == [KREMLIN] and plan.others[0].temperament == hawkish


def test_a_reseated_reload_keeps_who_decided_and_the_unread_news(mapped) -> None:
    seating = solo(mapped.compiled.sides, side="kremlin", temperament="cautious")
    play = SidesPlay(Session(mapped, 3), seating)
    play.run_counterparts()
    play.pick(KREMLIN, 0)  # the call (Washington's half by its counterpart), then its Chechnya line with news
    play.run_counterparts()
    old = play.session
    bys = [n.by for n in old.timeline.path()]
    assert any(by.startswith("counterpart") or "+counterpart" in by for by in bys)
    fresh = Session(mapped, 3)
    for decision in old.decisions:
        fresh.choose(decision.option)
    again = reseat(old, fresh, seating, list(play.news))
    assert [n.by for n in fresh.timeline.path()] == bys
    assert [n.expected for n in fresh.timeline.path()] == [n.expected for n in old.timeline.path()]
    assert again.news_for(KREMLIN) == play.news_for(KREMLIN) and again.news_for(KREMLIN)
    assert fresh.seating is seating
