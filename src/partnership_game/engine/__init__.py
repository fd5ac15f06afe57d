"""The engine: pure rules over numpy arrays with a leading axis of games (no pygame, no I/O)."""

from partnership_game.engine.batch import BatchResult, play_out, run_batch, summarize
from partnership_game.engine.ledger import Ledger, LedgerEntry
from partnership_game.engine.policies import POLICIES, historical, uniform_random
from partnership_game.engine.rules import Engine, IllegalChoice
from partnership_game.engine.state import NO_ENDING, Pending, State

__all__ = [
    "NO_ENDING",
    "POLICIES",
    "BatchResult",
    "Engine",
    "IllegalChoice",
    "Ledger",
    "LedgerEntry",
    "Pending",
    "State",
    "historical",
    "play_out",
    "run_batch",
    "summarize",
    "uniform_random",
]
