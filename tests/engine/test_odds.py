"""Odds from a pending decision: forks share the past, leave the game untouched, and count every future."""

from __future__ import annotations

import numpy as np
import pytest

from partnership_game.engine import POLICIES, Engine, play_out
from partnership_game.engine.odds import fork, future_seeds, odds_for_option
from partnership_game.session import Session


def test_a_fork_copies_the_game_and_leaves_it_untouched(tiny) -> None:  # type: ignore[no-untyped-def]
    session = Session(tiny, seed=5)
    session.choose(0)  # help: a delayed effect is now pending
    before = (session.state.meters.copy(), session.state.flags.copy(), session.state.due.copy())
    copy, pending = fork(session.state, session.pending, np.arange(7, dtype=np.uint64))
    assert copy.size == 7
    assert np.all(copy.meters == session.state.meters[0])
    assert np.all(copy.due == session.state.due[0])
    assert pending.active.shape == (7,) and pending.available.shape == (7, 2)
    copy.meters += 1
    copy.due[:] = 0
    assert np.array_equal(session.state.meters, before[0])
    assert np.array_equal(session.state.flags, before[1])
    assert np.array_equal(session.state.due, before[2])


def test_odds_shares_sum_to_one_and_the_session_can_still_play(tiny) -> None:  # type: ignore[no-untyped-def]
    session = Session(tiny, seed=5)
    pending = session.pending
    seeds = future_seeds(session.seed, pending.turn, pending.slot, 500)
    result = odds_for_option(session.engine, session.state, pending, 0, POLICIES["random"], seeds)
    assert result.shares is not None
    assert sum(result.shares.values()) == pytest.approx(1.0)
    session.choose(0)  # the pending decision was not consumed by the simulation
    assert session.decisions[0].event.id == "first"


def test_an_unavailable_option_has_no_odds(tiny) -> None:  # type: ignore[no-untyped-def]
    session = Session(tiny, seed=5)
    seeds = future_seeds(session.seed, 0, 0, 100)
    bases = [o.id for o in session.pending.event.options].index("bases")  # needs trust >= 60
    result = odds_for_option(session.engine, session.state, session.pending, bases, POLICIES["random"], seeds)
    assert result.shares is None


def test_odds_match_whole_games_that_take_the_same_option_first(tiny) -> None:  # type: ignore[no-untyped-def]
    """Futures forked at the first decision are the same games as fresh ones with those seeds and that choice."""
    session = Session(tiny, seed=5)
    seeds = future_seeds(session.seed, 0, 0, 400)
    # The fork keeps game 0's past: at the first decision that past is only the start, which every seed shares.
    result = odds_for_option(session.engine, session.state, session.pending, 1, POLICIES["random"], seeds)
    engine = Engine(tiny.compiled)
    state = engine.start(seeds)
    pending = engine.advance(state)
    engine.choose(state, pending, np.full(state.size, 1, dtype=np.int64))
    play_out(engine, state, POLICIES["random"])
    counts = np.bincount(state.ending.astype(np.int64), minlength=len(tiny.compiled.endings))
    expected = {e.id: counts[e.index] / state.size for e in tiny.compiled.endings}
    assert result.shares == pytest.approx(expected)


def test_the_same_futures_for_every_option_of_a_decision() -> None:
    assert np.array_equal(future_seeds(9, 3, 2), future_seeds(9, 3, 2))
    assert not np.array_equal(future_seeds(9, 3, 2), future_seeds(9, 4, 2))
