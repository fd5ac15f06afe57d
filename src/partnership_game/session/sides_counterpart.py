"""The one place a live game asks a counterpart (engine/counterpart.py) for a side's decision, seeded by the game."""

from __future__ import annotations

from partnership_game.engine.counterpart import choose_for
from partnership_game.scenario.sides import Temperament
from partnership_game.session.session import Session
from partnership_game.session.timeline import Expected


def counterpart_decision(session: Session, role: int, temperament: Temperament) -> tuple[int, Expected]:
    """The compiled option the counterpart takes at the pending decision for `role` (in a joint decision, read its
    own half with `joint.choices_of`), and what it expected: each goal's and each ending's share of its futures.
    The futures and the draw among near-ties come from the game's seed, so the same seed gives the same game."""
    pending = session.pending
    assert pending is not None
    decision = choose_for(session.engine, session.state, pending, role, temperament, session.seed)
    goals = tuple((goal.id, round(goal.share, 4)) for goal in decision.goals)
    endings = tuple((ending, round(share, 4)) for ending, share in decision.ending_shares.items())
    return decision.option, Expected(goals, endings)
