"""A counterpart with a temperament: each of its side's options rated by futures simulated from what that side
believes of the world, the best taken, near-ties drawn from the game's seed (docs/design/sides.md §4)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from partnership_game.engine import rng
from partnership_game.engine.batch import play_out
from partnership_game.engine.belief import believe, hidden_from, historical_belief
from partnership_game.engine.odds import fork, future_seeds
from partnership_game.engine.policies import IntArray
from partnership_game.engine.rules import Engine
from partnership_game.engine.side_policies import (
    NEAR_TIE,
    STREAM_COUNTERPART,
    combine,
    lookahead_policy,
    other_half,
    side_available,
)
from partnership_game.engine.side_values import side_values
from partnership_game.engine.state import Pending, State
from partnership_game.scenario import sides as format_sides

__all__ = ["LIVE_FUTURES", "Decision", "GoalShare", "choose_for"]

# Futures per option of a live decision: enough that a 5-point difference in a share is rarely noise, few enough
# that one decision stays well under 100 ms on the campaign (benchmarks/engine.py, ai_decision_ms).
LIVE_FUTURES = 256


@dataclass(frozen=True)
class GoalShare:
    """One goal of the temperament (its id and phrase as the scenario wrote them) and the share of the chosen
    option's futures in which its condition held at the end."""

    id: str
    says: str
    weight: float
    share: float


@dataclass(frozen=True)
class Decision:
    """What the counterpart took and why. `own` is the side's own option (a role-owned event: the compiled option;
    a joint event: the index into `sides.joint[e].side_of(role).options`); `option` is a compiled option (a joint
    event: `own` with the other side's half the counterpart thought likeliest); `values` per own option."""

    own: int
    option: int
    values: dict[int, float]
    goals: tuple[GoalShare, ...]
    ending_shares: dict[str, float]
    verdict_shares: dict[str, float]


def _own_options(scenario_sides: format_sides.Sides, pending: Pending, role: int,
                 ) -> tuple[format_sides.JointEvent | None, int, list[int], int]:
    """(joint event or None, the role's position in it, its open options in game 0, its historical option)."""
    joint = scenario_sides.joint.get(pending.event.index)
    if joint is None:
        open_ = [k for k in range(len(pending.event.options)) if bool(pending.available[0, k])]
        return None, 0, open_, pending.event.historical_option
    position = [side.role for side in joint.sides].index(role)
    allowed = side_available(joint, position, pending.available[:1])[0]
    options = joint.sides[position].options
    marked = next((k for k, option in enumerate(options) if option.historical), -1)
    return joint, position, [k for k in range(len(options)) if bool(allowed[k])], marked


def _choices(joint: format_sides.JointEvent | None, position: int, own: int, temperament: format_sides.Temperament,
             state: State, pending: Pending) -> IntArray:
    """(N,) the compiled option each future starts with: `own`, and in a joint event the other sides' halves drawn
    by the temperament's lookahead (the counterpart cannot know a sealed choice)."""
    mine = np.full(state.size, own, dtype=np.int64)
    if joint is None:
        return mine
    halves = [mine if p == position else
              other_half(joint, p, side_available(joint, p, pending.available), temperament.lookahead, state, pending)
              for p in range(len(joint.sides))]
    return combine(joint, halves)


def choose_for(engine: Engine, state: State, pending: Pending, role: int, temperament: format_sides.Temperament,
               game_seed: int, futures: int = LIVE_FUTURES) -> Decision:
    """The counterpart's decision for `role` at the pending decision of game 0 of `state` (the live game). Each
    open option of the side is played into `futures` futures (the same dice for every option) that start from the
    side's belief: what it does not see is taken at its value on the historical road at this point
    (engine/belief.py); in a joint decision the other sides' halves are drawn by the lookahead. The rest of each
    future is played by the temperament's lookahead for every side. The best mean value wins; `historical` takes
    the side's marked option where open. Near-ties (within NEAR_TIE of the temperament's whole range) are drawn
    from (game_seed, turn, slot), so the same seed gives the same game."""
    scenario = engine.scenario
    if temperament.role != role:
        raise ValueError(f"temperament '{temperament.id}' plays role {temperament.role}, not {role}")
    joint, position, open_, marked = _own_options(scenario.sides, pending, role)
    if not open_:
        raise ValueError(f"role {role} has no open option at '{pending.event.id}'")
    valuer = side_values(scenario, temperament)
    rollout = lookahead_policy(temperament.lookahead)
    belief, hidden = historical_belief(engine), hidden_from(scenario, role)
    seeds = future_seeds(game_seed, pending.turn, pending.slot, futures)
    if temperament.id == "historical" and marked in open_:
        open_ = [marked]  # it takes history's choice whatever the others are worth: only that one is played out
    # Every option's futures in one batch (block k: option open_[k], the same dice in every block): the engine's
    # cost is mostly per step, not per game, so one batch of O x K games is several times faster than O of K.
    copy, forked = fork(state, pending, np.tile(seeds, len(open_)))
    believe(copy, belief, hidden, pending.turn, pending.slot)
    blocks = [slice(k * futures, (k + 1) * futures) for k in range(len(open_))]
    starts = np.concatenate([_choices(joint, position, own, temperament, copy, forked)[block]
                             for own, block in zip(open_, blocks, strict=True)])
    engine.choose(copy, forked, starts)
    play_out(engine, copy, rollout)
    worth = valuer.value(copy)
    values = {own: float(worth[block].mean()) for own, block in zip(open_, blocks, strict=True)}
    if temperament.id == "historical" and marked in values:
        chosen = marked
    else:
        best = max(values.values())
        near = [k for k in open_ if values[k] >= best - NEAR_TIE * valuer.span]
        words = rng.seed_words(np.array([game_seed % 2**64], dtype=np.uint64))
        draw = float(rng.uniform(words, pending.turn, pending.slot, STREAM_COUNTERPART)[0])
        chosen = near[min(int(draw * len(near)), len(near) - 1)]
    block = blocks[open_.index(chosen)]
    final_ending = copy.ending[block]
    held = [valuer.goal_held(goal, copy)[block] for goal in temperament.goals]
    goals = tuple(GoalShare(goal.id, goal.says, goal.weight, float(h.mean()))
                  for goal, h in zip(temperament.goals, held, strict=True))
    counts = np.bincount(final_ending.astype(np.int64), minlength=len(scenario.endings))
    endings = {e.id: int(counts[e.index]) / futures for e in scenario.endings}
    verdicts: dict[str, float] = {}
    for ending in scenario.endings:
        verdict = scenario.sides.verdict(ending.id, role)
        if verdict is not None:
            verdicts[verdict.word] = verdicts.get(verdict.word, 0.0) + endings[ending.id]
    option = int(np.bincount(starts[block]).argmax())
    return Decision(chosen, option, values, goals, endings, verdicts)
