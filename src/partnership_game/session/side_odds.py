"""A side's odds: for each of its own options, the world's endings and the side's verdicts over simulated futures
that start from what the side believes and never from another side's sealed choice."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from partnership_game.engine import POLICIES
from partnership_game.engine.batch import play_out
from partnership_game.engine.belief import believe, hidden_from, historical_belief
from partnership_game.engine.odds import fork, future_seeds
from partnership_game.engine.policies import IntArray, Policy
from partnership_game.engine.rules import Engine
from partnership_game.engine.side_policies import combine, greedy_sides_policy, other_half, side_available
from partnership_game.engine.state import Pending, State
from partnership_game.scenario.sides import JointEvent, Lookahead, Temperament
from partnership_game.session.seating import Seating
from partnership_game.session.session import Session

# Fewer futures than the ordinary odds (10,000): each one also plays the other side's counterpart, and a shift of
# a few points is still read right at this size.
SIDE_FUTURES = 2_000
VERDICT_WORDS = ("good", "mixed", "bad")


@dataclass(frozen=True)
class OtherSide:
    """How another side is played in the futures: its counterpart's temperament (None: a person, whose part of
    this joint decision is drawn uniformly and whose later decisions follow the odds' policy)."""

    role: int
    temperament: Temperament | None


@dataclass(frozen=True)
class SideOptionOdds:
    """Shares of the futures that began with one of the side's own options (None: not open now)."""

    option: int
    endings: dict[str, float] | None
    verdicts: dict[str, float]


@dataclass(frozen=True)
class SideOddsPlan:
    """A private copy of the live game at a side's decision, taken on the caller's thread (a worker thread then
    runs `odds` for each option without ever reading the live session)."""

    engine: Engine
    state: State
    pending: Pending
    role: int
    joint: JointEvent | None
    others: tuple[OtherSide, ...]
    policy: Policy
    seeds: npt.NDArray[np.uint64]
    open_: tuple[bool, ...]

    @property
    def option_count(self) -> int:
        return len(self.open_)

    def odds(self, own: int) -> SideOptionOdds:
        """Take `own` in every future (the other side's part of a joint decision drawn as `others` says), play the
        rest out, and count the endings and this side's verdicts on them."""
        if not self.open_[own]:
            return SideOptionOdds(own, None, {})
        scenario = self.engine.scenario
        copy, forked = fork(self.state, self.pending, self.seeds)
        believe(copy, historical_belief(self.engine), hidden_from(scenario, self.role), forked.turn, forked.slot)
        self.engine.choose(copy, forked, self._starts(own, copy, forked))
        play_out(self.engine, copy, self.policy)
        counts = np.bincount(copy.ending.astype(np.int64), minlength=len(scenario.endings))
        total = max(int(counts.sum()), 1)
        endings = {e.id: int(counts[e.index]) / total for e in scenario.endings}
        verdicts = dict.fromkeys(VERDICT_WORDS, 0.0)
        for ending in scenario.endings:
            verdict = scenario.sides.verdict(ending.id, self.role)
            if verdict is not None:
                verdicts[verdict.word] = verdicts.get(verdict.word, 0.0) + endings[ending.id]
        return SideOptionOdds(own, endings, verdicts if any(verdicts.values()) else {})

    def _starts(self, own: int, state: State, pending: Pending) -> IntArray:
        mine = np.full(state.size, own, dtype=np.int64)
        joint = self.joint
        if joint is None:
            return mine
        halves = []
        for position, side in enumerate(joint.sides):
            if side.role == self.role:
                halves.append(mine)
                continue
            allowed = side_available(joint, position, pending.available)
            halves.append(other_half(joint, position, allowed, self.lookahead_of(side.role), state, pending))
        return combine(joint, halves)

    def lookahead_of(self, role: int) -> Lookahead:
        """How another side's part of this joint decision is drawn: its counterpart's lookahead, else uniformly."""
        other = next((o for o in self.others if o.role == role), None)
        return other.temperament.lookahead if other is not None and other.temperament is not None else "random"


def side_odds_plan(session: Session, seating: Seating, role: int, policy: str = "historical",
                   futures: int = SIDE_FUTURES) -> SideOddsPlan:
    """The plan for `role`'s odds at the pending decision: `policy` ("historical" or "random") plays this side's
    later decisions and every person's; a counterpart side is played by its temperament one step ahead."""
    pending = session.pending
    if pending is None:
        raise ValueError("the game is over: there is no decision to weigh")
    sides = session.compiled.sides
    others = tuple(OtherSide(r.index, sides.temperament(r.index, seat.temperament)
                             if not seat.person and seat.temperament is not None else None)
                   for r in sides.roles if r.index != role for seat in [seating.of(r.index)])
    temperaments = {o.role: o.temperament for o in others if o.temperament is not None}
    rest = (greedy_sides_policy(session.compiled, temperaments, others=policy)  # type: ignore[arg-type]
            if temperaments else POLICIES[policy])
    template, forked = fork(session.state, pending, np.array([session.seed % 2**64], dtype=np.uint64))
    joint = sides.joint.get(pending.event.index)
    if joint is None:
        open_ = tuple(bool(a) for a in pending.available[0])
    else:
        position = [side.role for side in joint.sides].index(role)
        open_ = tuple(bool(a) for a in side_available(joint, position, pending.available[:1])[0])
    seeds = future_seeds(session.seed, pending.turn, pending.slot, futures)
    return SideOddsPlan(session.engine, template, forked, role, joint, others, rest, seeds, open_)
