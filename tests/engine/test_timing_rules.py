"""When things happen: immediate endings as soon as they hold (mid-turn, before the next decision), random events
that skip a turn unless the scenario allows repeats, and what the ledger keeps of each event as it landed."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from partnership_game.engine import Engine, State, run_batch, uniform_random
from partnership_game.scenario import LoadedScenario, load_bytes

TIMING = """\
format_version: 1
id: timing_probe
title: Timing probe
description: An omen may end the game before the first decision; a rumour comes back now and then.
authors: [The test suite]
roles:
  - {id: kremlin, label: The Kremlin}
meters:
  - {id: anger, label: Anger, start: 80, good: down}
  - {id: luck, label: Luck, start: 50, good: up}
turns:
  - {id: t1, date: "2002-01-01", place: Moscow, title: One}
  - {id: t2, date: "2002-02-01", place: Moscow, title: Two}
  - {id: t3, date: "2002-03-01", place: Moscow, title: Three}
  - {id: t4, date: "2002-04-01", place: Moscow, title: Four}
  - {id: t5, date: "2002-05-01", place: Moscow, title: Five}
  - {id: t6, date: "2002-06-01", place: Moscow, title: Six}
  - {id: t7, date: "2002-07-01", place: Moscow, title: Seven}
events:
  - id: omen
    title: An omen
    trigger: {condition: turn == 1, chance: OMEN_CHANCE, until_turn: t1}
    accuracy: invented
    situation: The crowd is angry.
    effects:
      - {type: add, meter: anger, amount: 15}
  - id: rumour
    title: A rumour
    trigger: {condition: luck >= 0, chance: RUMOUR_CHANCE, from_turn: t2}
    repeat: REPEAT
    accuracy: invented
    situation: Something is said in the corridors.
    outcomes:
      - {weight: 1, text: A rumour of war., effects: [{type: add, meter: luck, amount: -1}]}
      - {weight: 1, text: A rumour of peace., effects: [{type: add, meter: luck, amount: 1}]}
  - id: ask
    title: The question
    turn: t1
    accuracy: invented
    situation: Calm them or not.
    options:
      - id: calm
        label: Calm them
        effects: [{type: add, meter: anger, amount: -5}]
      - id: wait
        label: Wait
endings:
  - {id: rage, title: Rage, text: The crowd wins., condition: anger >= 90, immediate: true}
  - {id: quiet, title: Quiet, text: Nothing much., fallback: true}
"""


def scenario(omen: float = 0.5, rumour: float = 0.9, repeat: str = "{max_times: 5}") -> LoadedScenario:
    text = TIMING.replace("OMEN_CHANCE", str(omen)).replace("RUMOUR_CHANCE", str(rumour))
    return load_bytes(text.replace("REPEAT", repeat).encode(), "timing.yaml")


def play(loaded: LoadedScenario, seed: int) -> tuple[State, list[str]]:
    engine = Engine(loaded.compiled)
    state = engine.start(np.array([seed], dtype=np.uint64), keep_ledger=True)
    asked: list[str] = []
    while (pending := engine.advance(state)) is not None:
        asked.append(pending.event.id)
        engine.choose(state, pending, np.array([1], dtype=np.int64))  # wait
    return state, asked


def rumour_turns(state: State) -> list[int]:
    assert state.ledger is not None
    return [h.turn for h in state.ledger.happened if h.event == "rumour"]


def test_an_immediate_ending_fires_before_the_next_decision_is_offered() -> None:
    loaded = scenario()
    ended_early = asked_seen = 0
    for seed in range(40):
        state, asked = play(loaded, seed)
        omen = int(state.fired[0, loaded.compiled.event_index("omen")])
        if omen:
            # The omen lands in turn 1 before its decision: anger 95 ends the game there, and nothing is asked.
            assert asked == []
            assert loaded.compiled.endings[int(state.ending[0])].id == "rage"
            assert int(state.ended_turn[0]) == 0
            assert float(state.meters[0, 0]) == 95
            ended_early += 1
        else:
            assert asked == ["ask"]
            asked_seen += 1
    assert ended_early and asked_seen  # both roads were taken


def test_batch_and_single_games_end_alike_mid_turn() -> None:
    loaded = scenario()
    seeds = np.arange(200, dtype=np.uint64)
    batch = run_batch(Engine(loaded.compiled), seeds, uniform_random).state
    for seed in range(0, 200, 7):
        engine = Engine(loaded.compiled)
        single = engine.start(np.array([seed], dtype=np.uint64))
        while (pending := engine.advance(single)) is not None:
            # uniform_random draws from the seed, turn and slot: the same pick as in the batch.
            engine.choose(single, pending, uniform_random(single, pending))
        assert int(single.ending[0]) == int(batch.ending[seed])
        assert int(single.ended_turn[0]) == int(batch.ended_turn[seed])
        np.testing.assert_array_equal(single.meters[0], batch.meters[seed])


@pytest.mark.parametrize("chance", [0.9, 0.1], ids=["most-games", "few-games"])
def test_random_events_do_not_fire_on_consecutive_turns(chance: float) -> None:
    loaded = scenario(omen=0.0, rumour=chance)
    fired_twice = 0
    for seed in range(60):
        turns = rumour_turns(play(loaded, seed)[0])
        assert all(b - a >= 2 for a, b in itertools.pairwise(turns)), turns
        fired_twice += len(turns) > 1
    assert fired_twice  # the rule was tested, not just a single firing
    # The batch (all games at once, or few games by index) follows the same rule: the same firings per seed.
    seeds = np.arange(60, dtype=np.uint64)
    batch = run_batch(Engine(loaded.compiled), seeds, uniform_random).state
    rumour = loaded.compiled.event_index("rumour")
    for seed in range(60):
        assert int(batch.fired[seed, rumour]) == len(rumour_turns(play(loaded, seed)[0]))


def test_consecutive_true_lets_a_random_event_come_back_next_turn() -> None:
    loaded = scenario(omen=0.0, repeat="{max_times: 5, consecutive: true}")
    runs = [rumour_turns(play(loaded, seed)[0]) for seed in range(30)]
    assert any(b - a == 1 for turns in runs for a, b in itertools.pairwise(turns))


def test_min_gap_spaces_a_random_event_out() -> None:
    loaded = scenario(omen=0.0, repeat="{max_times: 5, min_gap: 3}")
    runs = [rumour_turns(play(loaded, seed)[0]) for seed in range(30)]
    assert any(len(turns) > 1 for turns in runs)
    assert all(b - a >= 3 for turns in runs for a, b in itertools.pairwise(turns))


def test_a_trigger_without_dice_is_not_held_back() -> None:
    # Chance 1 is a rule, not luck: such an event may fire every turn its condition holds.
    loaded = scenario(omen=0.0, rumour=1)
    assert rumour_turns(play(loaded, 3)[0]) == [1, 2, 3, 4, 5]


def test_random_news_is_kept_with_the_outcome_the_dice_drew() -> None:
    loaded = scenario(omen=0.0)
    rumour = loaded.compiled.events[loaded.compiled.event_index("rumour")]
    assert rumour.random and rumour.shown_as == "news"
    assert loaded.compiled.events[loaded.compiled.event_index("ask")].shown_as == "decision"
    state, _ = play(loaded, 5)
    assert state.ledger is not None
    news = [h for h in state.ledger.happened if h.event == "rumour"]
    assert news
    luck = [e for e in state.ledger.entries if e.event == "rumour"]
    for item, entry in zip(news, luck, strict=True):
        assert item.news and item.random and item.kind == "random" and item.heading == "A rumour"
        # The words match the numbers: war took luck down, peace up.
        assert item.outcome == ("A rumour of war." if entry.delta < 0 else "A rumour of peace.")
        assert entry.cause == item.outcome
    decision = next(h for h in state.ledger.happened if h.event == "ask")
    assert not decision.news and decision.heading == "Wait" and decision.kind == "decision"


def test_turn_end_meters_close_the_turn_a_game_ended_in() -> None:
    loaded = scenario(omen=1.0)
    state, asked = play(loaded, 1)
    assert asked == [] and state.ledger is not None
    assert state.ledger.turn_end_meters == [(95.0, 50.0)]

