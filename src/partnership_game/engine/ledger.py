"""The ledger: every change to a meter with its cause, so a player can see why things went as they did."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

CauseKind = Literal["decision", "outcome", "happening", "random", "scheduled", "delayed", "drift"]


@dataclass(frozen=True)
class LedgerEntry:
    """One meter change: on which turn, which meter, from and to, and what caused it."""

    turn: int
    meter: str
    before: float
    after: float
    kind: CauseKind
    event: str
    option: str
    cause: str
    origin: tuple[str, str] | None = None

    @property
    def delta(self) -> float:
        return self.after - self.before


@dataclass
class Ledger:
    """Entries in order, and the meters at the end of each turn (for charts)."""

    entries: list[LedgerEntry] = field(default_factory=list)
    turn_end_meters: list[tuple[float, ...]] = field(default_factory=list)

    def for_turn(self, turn: int) -> list[LedgerEntry]:
        return [e for e in self.entries if e.turn == turn]
