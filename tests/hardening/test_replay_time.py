"""Replay time: opening a save replays each decision once (depth first from each fork's state), never each branch
from the start, and still refuses a tampered decision on any branch."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from partnership_game.engine import Engine
from partnership_game.session import SaveError, Session, read_save, write_save
from partnership_game.session.session import copy_state


def full_tree(tiny) -> Session:  # type: ignore[no-untyped-def]
    """Every road through the tiny scenario (8 leaves of 3 decisions, 14 nodes), standing on a side branch."""
    session = Session(tiny, 4242, player="Tester")

    def grow(node: int | None) -> None:
        session.goto(node)
        if session.pending is None:
            return
        for index, free in enumerate(session.available()):
            if free:
                session.goto(node)
                session.choose(index)
                grow(session.timeline.current)

    grow(None)
    session.goto(session.timeline.leaves()[5].parent)  # a fork on a side branch, its last decision pending
    return session


def fingerprint(session: Session) -> tuple[object, ...]:
    ledger = session.state.ledger
    assert ledger is not None
    return (session.state.meters.tobytes(), session.state.flags.tobytes(), session.state.ending.tobytes(),
            tuple(ledger.entries), tuple(ledger.turn_end_meters),
            None if session.pending is None else session.pending.event.id,
            [(d.turn, d.event.id, d.option) for d in session.decisions])


def rules_state(state) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    """Everything in a state the rules read (the ledger is a record, not a rule)."""
    return (state.meters.tobytes(), state.flags.tobytes(), state.fired.tobytes(), state.due.tobytes(),
            state.ending.tobytes(), state.ended_turn.tobytes(), state.playing.tobytes(), state.turn, state.slot,
            {k: frozenset(v) for k, v in state.due_turns.items() if v})


@pytest.fixture
def saved(tiny, tmp_path: Path) -> tuple[Session, Path]:  # type: ignore[no-untyped-def]
    session = full_tree(tiny)
    path = tmp_path / "tree.json"
    write_save(path, session)
    return session, path


def test_each_decision_is_replayed_once_on_load(saved, monkeypatch: pytest.MonkeyPatch) -> None:
    session, path = saved
    nodes = len(session.timeline.nodes)
    current_path = len(session.timeline.path())
    from_the_start = sum(len(session.timeline.path(leaf.id)) for leaf in session.timeline.leaves())
    # The old way (every leaf's branch from the start, then the current one) would exceed the bound checked below.
    assert from_the_start > nodes
    applied = []
    chosen = []
    original_apply = Session._apply
    original_choose = Engine.choose
    monkeypatch.setattr(Session, "_apply", lambda self, node: (applied.append(node.id), original_apply(self, node)))
    monkeypatch.setattr(Engine, "choose", lambda self, *a: (chosen.append(1), original_choose(self, *a)))
    loaded = read_save(path)
    assert len(applied) <= nodes + current_path
    assert len(chosen) <= nodes + current_path
    assert set(applied) == set(range(nodes))  # every decision of every branch was checked
    assert fingerprint(loaded) == fingerprint(session)


def test_the_depth_first_replay_sees_at_every_node_what_a_replay_from_the_start_sees(
    saved, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, path = saved
    seen: dict[int, tuple[object, ...]] = {}
    original_apply = Session._apply

    def recording(self: Session, node) -> None:  # type: ignore[no-untyped-def]
        original_apply(self, node)
        seen.setdefault(node.id, rules_state(self.state))

    monkeypatch.setattr(Session, "_apply", recording)
    read_save(path)
    monkeypatch.setattr(Session, "_apply", original_apply)
    assert len(seen) == len(session.timeline.nodes)
    for node in session.timeline.nodes:
        session.goto(node.id)
        assert seen[node.id] == rules_state(session.state), node


def test_the_loaded_session_is_the_saved_one(saved) -> None:
    session, path = saved
    loaded = read_save(path)
    assert loaded.timeline.nodes == session.timeline.nodes
    assert loaded.timeline.current == session.timeline.current
    assert loaded.player == "Tester"
    assert loaded.meters() == session.meters()
    assert session.state.ledger is not None and loaded.state.ledger is not None
    assert len(loaded.state.ledger.entries) == len(session.state.ledger.entries)
    assert loaded.pending is not None and session.pending is not None
    assert loaded.pending.event.id == session.pending.event.id
    assert [(d.turn, d.event.id, d.option) for d in loaded.decisions] == \
        [(d.turn, d.event.id, d.option) for d in session.decisions]
    assert fingerprint(loaded) == fingerprint(session)
    # It plays on like the original.
    loaded.choose(0)
    session.choose(0)
    assert fingerprint(loaded) == fingerprint(session)


@pytest.mark.parametrize("change", ["option", "event"])
def test_a_tampered_decision_deep_in_a_side_branch_is_refused(saved, change: str) -> None:
    session, path = saved
    on_path = {n.id for n in session.timeline.path()}
    raw = json.loads(path.read_text(encoding="utf-8"))
    # The last decision of a branch away from the current one, three decisions deep.
    victim = next(n for n in reversed(raw["timeline"]["nodes"])
                  if n["id"] not in on_path and len(session.timeline.path(n["id"])) == 3)
    if change == "option":
        victim["option"] = "help"  # an option of the first decision, not of the third
    else:
        victim["event"] = "second"  # the second decision came already
    before = json.dumps(raw).encode("utf-8")
    path.write_bytes(before)
    with pytest.raises(SaveError) as caught:
        read_save(path)
    assert str(caught.value).startswith("the save's decisions do not replay in its scenario: ")
    expected = "event 'third' has no option 'help'" if change == "option" else \
        "decision 'second/" + victim["option"] + "' does not fit here (the game is at third)"
    assert str(caught.value).endswith(expected)
    assert path.read_bytes() == before  # refusing a save never touches it


def test_an_unavailable_option_on_a_side_branch_is_refused(saved) -> None:
    session, path = saved
    on_path = {n.id for n in session.timeline.path()}
    raw = json.loads(path.read_text(encoding="utf-8"))
    # 'bases' needs trust >= 60; nobody starts with it.
    victim = next(n for n in raw["timeline"]["nodes"] if n["id"] not in on_path and n["parent"] is None)
    victim["option"] = "bases"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(SaveError, match="option 'bases' of 'first' was not available then"):
        read_save(path)


def test_a_copied_state_shares_nothing_the_rules_change(tiny) -> None:
    session = Session(tiny, 7)
    session.choose(0)
    state = session.state
    copy = copy_state(state)
    assert rules_state(copy) == rules_state(state)
    for field in dataclasses.fields(state):
        value = getattr(state, field.name)
        if isinstance(value, int | float | str | None):
            continue  # immutable
        assert getattr(copy, field.name) is not value, field.name
    assert copy.ledger is not None and state.ledger is not None
    assert copy.ledger.entries is not state.ledger.entries
    assert copy.ledger.turn_end_meters is not state.ledger.turn_end_meters
    assert all(copy.due_turns[k] is not v for k, v in state.due_turns.items())
    # Playing on in the copy leaves the original as it was.
    before = rules_state(state), len(state.ledger.entries)
    pending = session.pending
    assert pending is not None
    session.engine.choose(copy, pending, np.array([0], dtype=np.int64))
    session.engine.advance(copy)
    assert (rules_state(state), len(state.ledger.entries)) == before
    assert rules_state(copy) != rules_state(state)
