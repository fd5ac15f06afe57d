"""The historical road with the player's own dice: the meters at the end of each turn, for the charts."""

from __future__ import annotations

import numpy as np

from partnership_game.engine import Engine, historical, play_out
from partnership_game.scenario import CompiledScenario
from partnership_game.session import Session


def historical_path(session: Session) -> list[tuple[float, ...]]:
    """Every decision taken as history did, with the session's seed (the same dice the player faced)."""
    return history_meters(session.compiled, session.seed)


def history_meters(compiled: CompiledScenario, seed: int) -> list[tuple[float, ...]]:
    """The meters at the end of each turn when every decision is taken as history did, with these dice."""
    engine = Engine(compiled)
    state = engine.start(np.array([seed % 2**64], dtype=np.uint64), keep_ledger=True)
    play_out(engine, state, historical)
    return list(state.ledger.turn_end_meters) if state.ledger else []


def player_path(session: Session) -> list[tuple[float, ...]]:
    """The meters at the end of each turn the player has played on the branch in play."""
    return list(session.state.ledger.turn_end_meters) if session.state.ledger else []
