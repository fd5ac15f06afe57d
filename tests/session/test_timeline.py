"""The timeline: choose, back and branch; goto any node; stepping back never re-rolls the dice."""

from __future__ import annotations

import numpy as np
import pytest

from partnership_game.engine import Engine, IllegalChoice
from partnership_game.session import Session, Timeline


def option(session: Session, option_id: str) -> int:
    assert session.pending is not None
    return [o.id for o in session.pending.event.options].index(option_id)


def pick(session: Session, *option_ids: str) -> None:
    for option_id in option_ids:
        session.choose(option(session, option_id))


def snapshot(session: Session) -> tuple[object, ...]:
    ledger = session.state.ledger
    assert ledger is not None
    return (
        session.state.meters.tobytes(),
        session.state.flags.tobytes(),
        session.state.ending.tobytes(),
        tuple(ledger.entries),
        tuple(ledger.turn_end_meters),
        None if session.pending is None else (session.pending.turn, session.pending.event.id),
    )


def fresh(tiny, seed: int, *option_ids: str) -> Session:
    session = Session(tiny, seed)
    pick(session, *option_ids)
    return session


def direct(tiny, seed: int, *option_ids: str) -> tuple[object, ...]:
    """The same game straight through the engine, without the session or its timeline."""
    engine = Engine(tiny.compiled)
    state = engine.start(np.array([seed], dtype=np.uint64), keep_ledger=True)
    pending = engine.advance(state)
    for option_id in option_ids:
        assert pending is not None
        k = [o.id for o in pending.event.options].index(option_id)
        engine.choose(state, pending, np.array([k], dtype=np.int64))
        pending = engine.advance(state)
    assert state.ledger is not None
    return (state.meters.tobytes(), state.flags.tobytes(), state.ending.tobytes(), tuple(state.ledger.entries),
            tuple(state.ledger.turn_end_meters), None if pending is None else (pending.turn, pending.event.id))


def test_choose_back_and_branch(tiny) -> None:
    s = Session(tiny, 21)
    assert s.timeline.nodes == [] and s.timeline.current is None
    pick(s, "help", "gamble")
    assert [(n.id, n.parent, n.event, n.option) for n in s.timeline.nodes] == [
        (0, None, "first", "help"), (1, 0, "second", "gamble")]
    assert s.timeline.current == 1

    assert s.back() is True
    assert s.timeline.current == 0
    assert s.pending is not None and s.pending.event.id == "second"
    assert len(s.timeline.nodes) == 2  # stepping back loses nothing

    pick(s, "safe")  # a different choice opens a new branch beside the old one
    assert len(s.timeline.nodes) == 3
    assert s.timeline.nodes[2].parent == 0 and s.timeline.nodes[2].option == "safe"
    assert sorted(n.id for n in s.timeline.leaves()) == [1, 2]
    assert [n.option for n in s.timeline.path()] == ["help", "safe"]
    assert [n.id for n in s.timeline.children(0)] == [1, 2]

    s.back()
    pick(s, "gamble")  # the same choice again follows the old branch
    assert len(s.timeline.nodes) == 3
    assert s.timeline.current == 1

    s.back()
    s.back()
    assert s.timeline.current is None
    assert s.back() is False  # at the start
    pick(s, "wait")
    assert len(s.timeline.nodes) == 4
    assert s.timeline.nodes[3].parent is None
    assert sorted(n.id for n in s.timeline.leaves()) == [1, 2, 3]
    assert [n.id for n in s.timeline.children(None)] == [0, 3]


def test_back_restores_the_earlier_state(tiny) -> None:
    s = Session(tiny, 8)
    states = [snapshot(s)]
    for option_id in ("help", "safe", "sign"):
        pick(s, option_id)
        states.append(snapshot(s))
    assert s.over and s.ending is not None
    for expected in reversed(states[:-1]):
        assert s.back()
        assert snapshot(s) == expected
    assert not s.back()


def test_goto_any_node_replays_that_state(tiny) -> None:
    s = Session(tiny, 77)
    pick(s, "help", "gamble", "sign")
    s.back()
    pick(s, "walk")
    s.goto(0)
    pick(s, "safe", "walk")
    s.goto(None)
    pick(s, "wait", "gamble")
    timeline = s.timeline
    assert len(timeline.nodes) == 8
    for node in [None, *range(len(timeline.nodes))]:
        s.goto(node)
        assert s.timeline.current == node
        path = [n.option for n in timeline.path(node)] if node is not None else []
        assert snapshot(s) == direct(tiny, 77, *path), node
        assert snapshot(s) == snapshot(fresh(tiny, 77, *path)), node
        assert len(s.decisions) == len(path)
    assert len(s.timeline.nodes) == 8  # visiting changes nothing


def test_goto_keeps_the_timeline_intact(tiny) -> None:
    s = Session(tiny, 5)
    pick(s, "help", "safe")
    s.goto(None)
    pick(s, "wait")
    before = list(s.timeline.nodes)
    s.goto(1)
    assert s.timeline.nodes == before
    assert [n.option for n in s.timeline.path()] == ["help", "safe"]


def _gamble_entry(session: Session) -> list[tuple[object, ...]]:
    ledger = session.state.ledger
    assert ledger is not None
    return [(e.cause, e.meter, e.delta) for e in ledger.entries if e.event == "second"]


def test_stepping_back_never_rerolls_the_dice(tiny) -> None:
    seen = set()
    for seed in range(12):
        s = Session(tiny, seed)
        pick(s, "help", "gamble")
        outcome, meters = _gamble_entry(s), s.meters()
        seen.add(outcome[0][0])
        for _ in range(3):
            s.back()
            pick(s, "gamble")
            assert _gamble_entry(s) == outcome and s.meters() == meters
        # A detour through another branch does not re-roll either.
        s.back()
        pick(s, "safe", "sign")
        s.goto(1)
        assert _gamble_entry(s) == outcome and s.meters() == meters
        # Going all the way back and changing the first decision keeps the gamble's draw.
        s.goto(None)
        pick(s, "wait", "gamble")
        assert _gamble_entry(s)[0][0] == outcome[0][0]
    assert seen == {"It works.", "It fails."}  # the gamble really is random across seeds


def test_unavailable_option_is_refused_and_not_recorded(tiny) -> None:
    s = Session(tiny, 1)
    bases = option(s, "bases")
    assert s.available()[bases] is False
    with pytest.raises(IllegalChoice):
        s.choose(bases)
    assert s.timeline.nodes == [] and s.timeline.current is None
    assert s.pending is not None and s.pending.event.id == "first"


def test_choose_after_the_end_is_refused(tiny) -> None:
    s = fresh(tiny, 2, "help", "safe", "sign")
    assert s.over and s.available() == []
    with pytest.raises(ValueError):
        s.choose(0)
    assert len(s.timeline.nodes) == 3


def test_negative_option_index_is_refused(tiny) -> None:
    s = fresh(tiny, 2, "help")
    with pytest.raises((IllegalChoice, IndexError, ValueError)):
        s.choose(-1)
    assert len(s.timeline.nodes) == 1


def test_timeline_path_and_leaves_on_a_hand_built_tree() -> None:
    t = Timeline()
    a = t.choose("first", "help")
    b = t.choose("second", "safe")
    assert t.back() and t.current == a.id
    c = t.choose("second", "gamble")
    assert c.id == 2
    t.current = None
    d = t.choose("first", "wait")
    assert [n.id for n in t.path(b.id)] == [a.id, b.id]
    assert [n.id for n in t.path(c.id)] == [a.id, c.id]
    assert [n.id for n in t.path(d.id)] == [d.id]
    assert {n.id for n in t.leaves()} == {b.id, c.id, d.id}
    t.current = a.id
    assert t.choose("second", "safe") is b  # reused, not duplicated
    assert len(t.nodes) == 4
