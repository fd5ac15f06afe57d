"""The state of N games as a handful of arrays with a leading axis of games; N = 1 is the interactive game."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from partnership_game.engine.ledger import Ledger
from partnership_game.scenario.compiled import CompiledEvent

NO_ENDING = -1
NEVER_FIRED = -100  # last_fired before any firing: far enough back for any gap (at most 50 turns)
MAX_TURNS = 64  # a scheduled landing is one bit of a 64-bit word per game and event


@dataclass
class State:
    """All games advance in lock-step, turn by turn and slot by slot; a game that has ended is masked out."""

    seeds: npt.NDArray[np.uint64]  # (N,)
    seed_words: npt.NDArray[np.uint32]  # (N,): the seeds hashed once, where every draw starts
    meters: npt.NDArray[np.float64]  # (N, M)
    flags: npt.NDArray[np.bool_]  # (N, F)
    fired: npt.NDArray[np.int16]  # (N, E): how often each event has fired
    due: npt.NDArray[np.uint64]  # (N, E): bit t set when the event is due to land on turn t
    ending: npt.NDArray[np.int16]  # (N,): index into the compiled endings, or NO_ENDING while playing
    ended_turn: npt.NDArray[np.int16]  # (N,)
    playing: npt.NDArray[np.bool_]  # (N,): ending == NO_ENDING, kept in step by the rules
    # (N, K): the turn each random event with a gap (CompiledEvent.min_gap) last fired, one column per such event
    last_fired: npt.NDArray[np.int16]
    turn: int = 0
    slot: int = 0
    decisions_made: int = 0  # game-decisions, summed over games
    ledger: Ledger | None = None
    # For each event, the turns on which some game has it scheduled: lets the rules skip empty slots cheaply.
    due_turns: dict[int, set[int]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.seeds)

    @property
    def over(self) -> bool:
        return not bool(self.playing.any())


@dataclass(frozen=True)
class Pending:
    """A decision waiting for choices: which event, for which games, and which options each game may take."""

    turn: int
    slot: int
    event: CompiledEvent
    active: npt.NDArray[np.bool_]  # (N,)
    available: npt.NDArray[np.bool_]  # (N, O), all false for inactive games
