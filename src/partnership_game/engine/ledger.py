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


@dataclass(frozen=True)
class Happened:
    """One event that landed on the game, with its words chosen as it landed (a later change never rewrites them).

    `heading` is the option's label for a decision, else the event's title (or a delayed effect's text);
    `result` the chosen option's result text; `outcome` the text of the outcome the dice drew ('' for none);
    `news` is true for everything that is not a decision (front ends show it within the turn, never as its
    heading); `random` for an event fired by a trigger.
    """

    turn: int
    kind: CauseKind
    event: str
    option: str
    heading: str
    result: str
    outcome: str
    news: bool
    random: bool
    situation: str = ""  # a news event's own text as it landed (a decision's is read before it is chosen)


@dataclass
class Ledger:
    """Entries in order, what happened in order, and the meters at the end of each turn (for charts)."""

    entries: list[LedgerEntry] = field(default_factory=list)
    turn_end_meters: list[tuple[float, ...]] = field(default_factory=list)
    happened: list[Happened] = field(default_factory=list)

    def copy(self) -> Ledger:
        """A ledger that shares only its frozen entries."""
        return Ledger(list(self.entries), list(self.turn_end_meters), list(self.happened))

    def happened_in(self, turn: int) -> list[Happened]:
        return [h for h in self.happened if h.turn == turn]

    def for_turn(self, turn: int) -> list[LedgerEntry]:
        return [e for e in self.entries if e.turn == turn]
