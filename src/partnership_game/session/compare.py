"""Branches side by side: replay any branch of a timeline (or the historical road) and find where two differ."""

from __future__ import annotations

from dataclasses import dataclass

from partnership_game.engine import LedgerEntry, historical
from partnership_game.session.session import Decision, Session
from partnership_game.session.timeline import Timeline


@dataclass(frozen=True)
class Branch:
    """One road through the campaign, replayed: its decisions, meters per turn, ledger and ending (if it ended)."""

    label: str
    leaf: int | None  # the timeline node it ends at; None for the historical road
    session: Session

    @property
    def decisions(self) -> list[Decision]:
        return self.session.decisions

    @property
    def meters_by_turn(self) -> list[tuple[float, ...]]:
        ledger = self.session.state.ledger
        return list(ledger.turn_end_meters) if ledger else []

    @property
    def entries(self) -> list[LedgerEntry]:
        ledger = self.session.state.ledger
        return list(ledger.entries) if ledger else []


def branch(session: Session, leaf: int | None, label: str) -> Branch:
    """The branch of `session` that ends at node `leaf`, replayed on its own (the session is not changed)."""
    replay = Session(session.scenario, session.seed, Timeline(session.timeline.nodes, leaf), session.player)
    return Branch(label, leaf, replay)


def historical_road(session: Session, label: str = "History") -> Branch:
    """The road history took, with the same seed: the historical option wherever one is marked and available."""
    replay = Session(session.scenario, session.seed)
    while replay.pending is not None:
        replay.choose(int(historical(replay.state, replay.pending)[0]))
    return Branch(label, None, replay)


def divergence(a: Branch, b: Branch) -> int:
    """The index of the first decision where the two branches differ (the length of the shorter if none does)."""
    for index, (x, y) in enumerate(zip(a.decisions, b.decisions, strict=False)):
        if x.event.id != y.event.id or x.option != y.option:
            return index
    return min(len(a.decisions), len(b.decisions))


@dataclass(frozen=True)
class Difference:
    """A meter change one branch had and the other did not (or had at another size), from the divergence on."""

    side: str  # "a" or "b"
    entry: LedgerEntry


def differences(a: Branch, b: Branch, most: int = 12) -> list[Difference]:
    """The ledger entries that made the difference: those only one branch has after they diverge, largest first."""
    split = divergence(a, b)
    turn = min(
        (a.decisions[split].turn if split < len(a.decisions) else 10_000),
        (b.decisions[split].turn if split < len(b.decisions) else 10_000),
    )

    def key(entry: LedgerEntry) -> tuple[int, str, str, str, float]:
        return (entry.turn, entry.meter, entry.event, entry.option, round(entry.delta, 6))

    a_keys = {key(e) for e in a.entries}
    b_keys = {key(e) for e in b.entries}
    only = [Difference("a", e) for e in a.entries if e.turn >= turn and key(e) not in b_keys and e.kind != "drift"]
    only += [Difference("b", e) for e in b.entries if e.turn >= turn and key(e) not in a_keys and e.kind != "drift"]
    only.sort(key=lambda d: -abs(d.entry.delta))
    return only[:most]
