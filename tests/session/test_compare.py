"""Branches side by side: replaying a branch, the historical road, the divergence point and the differences."""

from __future__ import annotations

import itertools

from partnership_game.session import Session
from partnership_game.session.compare import branch, differences, divergence, historical_road
from partnership_game.text.play import scripted


def test_a_branch_replays_without_touching_the_session(tiny) -> None:  # type: ignore[no-untyped-def]
    session = Session(tiny, seed=3)
    scripted(session, "help,safe,sign")
    first_leaf = session.timeline.current
    session.goto(None)
    scripted(session, "wait,gamble,walk")
    current = session.timeline.current
    old = branch(session, first_leaf, "A")
    assert [d.event.options[d.option].id for d in old.decisions] == ["help", "safe", "sign"]
    assert old.session.ending is not None and old.session.ending.id == "partnership"
    assert session.timeline.current == current  # the live session stays where it was


def test_the_historical_road_takes_every_historical_option(tiny) -> None:  # type: ignore[no-untyped-def]
    road = historical_road(Session(tiny, seed=3))
    assert all(d.historical for d in road.decisions)
    assert road.session.over


def test_divergence_is_the_first_different_decision(tiny) -> None:  # type: ignore[no-untyped-def]
    session = Session(tiny, seed=3)
    scripted(session, "help,gamble,sign")
    mine = branch(session, session.timeline.current, "Mine")
    road = historical_road(session)
    assert divergence(mine, road) == 1
    assert divergence(road, road) == len(road.decisions)


def test_differences_name_the_changes_only_one_branch_had(tiny) -> None:  # type: ignore[no-untyped-def]
    session = Session(tiny, seed=3)
    scripted(session, "help,gamble,sign")
    mine = branch(session, session.timeline.current, "Mine")
    road = historical_road(session)
    found = differences(mine, road)
    assert found, "a different second decision must change something"
    assert {d.side for d in found} == {"a", "b"}
    # Nothing from before the divergence (the shared first decision) is listed.
    assert all(d.entry.turn >= 1 for d in found)
    assert any(d.side == "b" and d.entry.event == "second" and d.entry.option == "safe" for d in found)
    assert all(abs(x.entry.delta) >= abs(y.entry.delta) for x, y in itertools.pairwise(found))
