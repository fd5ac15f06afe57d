"""The one place a live game asks a counterpart (engine/counterpart.py) for a side's decision, seeded by the game."""

from __future__ import annotations

import numpy as np

from partnership_game.engine import counterpart
from partnership_game.scenario.sides import Temperament
from partnership_game.session.session import Session
from partnership_game.session.timeline import Expected


def _seeds(session: Session) -> np.ndarray:
    """The futures' seeds: from the game's seed and the decision's place, so the same seed gives the same game."""
    pending = session.pending
    assert pending is not None
    entropy = [session.seed % 2**64, pending.turn, pending.slot, pending.event.index]
    return np.random.SeedSequence(entropy).generate_state(counterpart.LIVE_FUTURES, dtype=np.uint64)


def _engine_temperament(session: Session, role: int, temperament: Temperament) -> counterpart.Temperament:
    """The scenario's temperament in the engine counterpart's terms: meter weights turned the way the side's
    `good` points, flag weights as they are, each ending worth its verdict's value for the side."""
    compiled = session.compiled
    sides = compiled.sides
    good = sides.roles[role].good
    meters = {m: w * (good[k] or 1) for k, m in enumerate(compiled.meter_ids)
              if (w := temperament.weights.get(m)) is not None}
    flags = {f: w for f in compiled.flag_ids if (w := temperament.weights.get(f)) is not None}
    endings: dict[str, float] = {}
    for ending in compiled.endings:
        verdict = sides.verdict(ending.id, role)
        if verdict is not None:
            endings[ending.id] = temperament.verdict_values.get(verdict.word, 0.0)
    return counterpart.Temperament(temperament.id, meters, flags, endings, historical=temperament.id == "historical")


def counterpart_decision(session: Session, role: int, temperament: Temperament) -> tuple[int, Expected]:
    """The compiled option the counterpart takes at the pending decision for `role` (in a joint decision, read its
    own half with `joint.choices_of`), and what it expected: each goal's and each ending's share of its futures."""
    pending = session.pending
    assert pending is not None
    decision = counterpart.decide(session.engine, session.state, pending,
                                  _engine_temperament(session, role, temperament), _seeds(session))
    goals = tuple((goal.id, round(goal.share, 4)) for goal in decision.goals)
    endings = tuple((ending, round(share, 4)) for ending, share in decision.ending_shares.items())
    return decision.option, Expected(goals, endings)
