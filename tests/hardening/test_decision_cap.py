"""The decision cap is a rule of the session: a new decision past it is refused with words, the game in memory
stays whole and still saves, and a save is never refused after the fact. Player names are checked as they enter."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.engine import IllegalChoice
from partnership_game.scenario import LoadedScenario, load_bytes
from partnership_game.session import (
    MAX_NODES,
    MAX_PLAYER_CHARS,
    DecisionCapReached,
    Node,
    Session,
    Timeline,
    check_player_name,
    decisions_left_notice,
    read_save,
    write_save,
)
from partnership_game.session.saves import SaveFile

DEPTH = 5  # five decisions of five options: 3,905 roads' worth of nodes, more than the cap


def wide_scenario() -> LoadedScenario:
    """Five turns, each with one decision of five options always open: every tree of choices is legal."""
    turns = "\n".join(f'  - {{id: t{k}, date: "2001-0{k}-01", place: Moscow, title: Turn {k}}}'
                      for k in range(1, DEPTH + 1))
    options = "\n".join(f"      - {{id: o{j}, label: Option {j}, effects: [{{type: add, meter: trust, amount: {j}}}]}}"
                        for j in range(5))
    events = "\n".join(f"""  - id: d{k}
    title: Decision {k}
    turn: t{k}
    accuracy: invented
    situation: Choose.
    options:
{options}""" for k in range(1, DEPTH + 1))
    text = f"""format_version: 1
id: wide
title: Wide test scenario
description: Every decision open, so the timeline can grow to the cap.
authors: [The test suite]
roles:
  - {{id: kremlin, label: The Kremlin}}
meters:
  - {{id: trust, label: Trust, start: 40, good: up}}
turns:
{turns}
events:
{events}
endings:
  - {{id: done, title: Done, text: It is over., fallback: true}}
"""
    return load_bytes(text.encode("utf-8"), "<wide>")


def near_the_cap(scenario: LoadedScenario, left: int) -> Session:
    """A session whose timeline holds MAX_NODES - left legal decisions (breadth first), standing at the start of
    a branch that has room below it."""
    nodes: list[Node] = []
    frontier: list[int | None] = [None]
    while len(nodes) < MAX_NODES - left:
        parent = frontier.pop(0)
        depth = 0 if parent is None else len(Timeline(nodes).path(parent))
        for j in range(5):
            if len(nodes) == MAX_NODES - left:
                break
            nodes.append(Node(len(nodes), parent, f"d{depth + 1}", f"o{j}"))
            if depth + 1 < DEPTH:
                frontier.append(len(nodes) - 1)
    # Stand on a decision of the last full level that no branch has gone past yet.
    timeline = Timeline(nodes)
    parents = {n.parent for n in nodes}
    current = next(n.id for n in reversed(nodes) if len(timeline.path(n.id)) == DEPTH - 1 and n.id not in parents)
    return Session(scenario, 11, Timeline(nodes, current), player="Tester")


@pytest.fixture(scope="module")
def wide() -> LoadedScenario:
    return wide_scenario()


def snapshot(session: Session) -> tuple[object, ...]:
    ledger = session.state.ledger
    assert ledger is not None
    return (tuple(session.timeline.nodes), session.timeline.current, session.state.meters.tobytes(),
            len(ledger.entries), None if session.pending is None else session.pending.event.id,
            len(session.decisions))


def new_option(session: Session) -> int:
    """An option of the pending decision that no branch has taken here yet."""
    assert session.pending is not None
    taken = {c.option for c in session.timeline.children(session.timeline.current)}
    return next(k for k, o in enumerate(session.pending.event.options) if o.id not in taken)


def test_decisions_left_counts_down_to_the_cap_and_a_new_one_past_it_is_refused(wide, tmp_path: Path) -> None:
    session = near_the_cap(wide, 3)
    assert session.decisions_left == 3
    counts = []
    while session.decisions_left:
        session.goto(session.timeline.current)
        session.choose(new_option(session))
        counts.append(session.decisions_left)
        session.back()  # to the fork again, to open another new branch
    assert counts == [2, 1, 0]
    assert len(session.timeline.nodes) == MAX_NODES
    before = snapshot(session)
    with pytest.raises(DecisionCapReached) as caught:
        session.choose(new_option(session))
    assert isinstance(caught.value, IllegalChoice)
    assert str(caught.value) == (
        "this save holds 2,000 decisions, the most it can: start a new game, "
        "or step back onto a branch you already made and follow it again"
    )
    assert snapshot(session) == before  # the game in memory is whole
    # Following a branch already made adds nothing, so it is still allowed.
    taken = session.timeline.children(session.timeline.current)[0]
    assert session.pending is not None
    session.choose([o.id for o in session.pending.event.options].index(taken.option))
    assert session.timeline.current == taken.id and session.decisions_left == 0
    # The full game saves and loads: a save is never refused after the fact.
    path = tmp_path / "full.json"
    write_save(path, session)
    loaded = read_save(path)
    assert len(loaded.timeline.nodes) == MAX_NODES
    assert loaded.timeline.current == session.timeline.current
    assert loaded.meters() == session.meters()
    assert loaded.decisions_left == 0
    assert loaded.back()
    with pytest.raises(DecisionCapReached):
        loaded.choose(new_option(loaded))


def test_the_save_format_and_the_session_share_the_caps() -> None:
    nodes = SaveFile.model_fields["timeline"].annotation.model_fields["nodes"]  # type: ignore[union-attr]
    assert any(getattr(m, "max_length", None) == MAX_NODES for m in nodes.metadata)
    player = SaveFile.model_fields["player"]
    assert f"max_length={MAX_PLAYER_CHARS})" in repr(player.annotation)


def test_the_notice_comes_near_the_cap_only() -> None:
    assert decisions_left_notice(26) is None
    assert decisions_left_notice(MAX_NODES) is None
    assert decisions_left_notice(12) == (
        "12 decisions left in this save: start a new game or step back onto a branch you already made")
    assert decisions_left_notice(1) == (
        "1 decision left in this save: start a new game or step back onto a branch you already made")
    assert decisions_left_notice(0) == (
        "This save holds 2,000 decisions, the most it can: start a new game, "
        "or step back onto a branch you already made")


def test_player_names_are_checked_where_they_enter(tiny, tmp_path: Path) -> None:
    longest = "n" * MAX_PLAYER_CHARS
    assert check_player_name(longest) is None
    assert check_player_name("Ада Лавлейс") is None
    assert check_player_name(longest + "n") == "the player name is 101 characters long; at most 100 fit in a save"
    assert check_player_name("  ") == "the player name is empty"
    assert check_player_name("Eve\x1b]0;pwned\x07") == (
        "the player name holds a control character (\\x1b) at character 4")
    # The session itself refuses a name no save could hold, so writing never fails on it later.
    with pytest.raises(ValueError, match="longer than 100 characters"):
        Session(tiny, 1, player=longest + "n")
    session = Session(tiny, 1, player=longest)
    write_save(tmp_path / "named.json", session)
    assert read_save(tmp_path / "named.json").player == longest


def test_the_window_says_so_and_keeps_the_game(wide) -> None:
    import pygame

    from partnership_game.ui.app import App
    from partnership_game.ui.game import Game
    from partnership_game.ui.run import Services
    from partnership_game.ui.screens.turn import TurnScreen
    from partnership_game.ui.settings import Settings

    session = near_the_cap(wide, 1)
    game = Game(session)
    assert game.note == "1 decision left in this save: start a new game or step back onto a branch you already made"
    pygame.display.init()
    pygame.font.init()
    try:
        app = App(Settings(width=1280, height=720), Services())
        screen = TurnScreen(app, game)
        app.push(screen)
        app.frame(0.016)
        game.choose(new_option(session))  # the last decision the save can hold
        assert session.back() and session.decisions_left == 0
        assert game.note is not None and game.note.startswith("This save holds 2,000 decisions")
        screen.rebuild()
        before = snapshot(session)
        screen.selected = new_option(session)
        screen.decide()
        app.frame(0.016)
        assert [type(s).__name__ for s in app.stack] == ["TurnScreen"]  # no consequences: nothing happened
        assert screen.status == ("This save holds 2,000 decisions, the most it can: start a new game, "
                                 "or step back onto a branch you already made and follow it again.")
        assert snapshot(session) == before
        assert read_save(game.autosave_path).timeline.nodes == session.timeline.nodes
    finally:
        pygame.quit()
