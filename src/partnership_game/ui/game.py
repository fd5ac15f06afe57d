"""A game in the window: the session, its historical ghost, and autosaves. Glue only; the rules stay in the engine."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from partnership_game import paths
from partnership_game.engine import Engine, LedgerEntry, historical, play_out
from partnership_game.scenario import LoadedScenario
from partnership_game.session import Session, write_save
from partnership_game.session.preview import OptionPreview, preview_option


@dataclass
class Turnpoint:
    """Where the current branch stood at the start of a turn: the node to go back to (None: the beginning)."""

    turn: int
    node: int | None


class Game:
    def __init__(self, session: Session, note: str | None = None) -> None:
        self.session = session
        self.note = note  # shown once, e.g. "this save's scenario has changed since"
        self.ghost = self._historical_ghost()
        self.autosave_path = paths.saves_dir() / f"autosave-{session.scenario.model.id}.json"
        self.last_autosave_error: str | None = None
        self.opened_branch = False

    @classmethod
    def new(cls, scenario: LoadedScenario, seed: int, player: str | None = None) -> Game:
        return cls(Session(scenario, seed, player=player))

    @property
    def scenario(self) -> LoadedScenario:
        return self.session.scenario

    def _historical_ghost(self) -> list[tuple[float, ...]]:
        """The meters at the end of each turn on the historical road, with the same dice."""
        engine = Engine(self.session.compiled)
        state = engine.start(np.array([self.session.seed % 2**64], dtype=np.uint64), keep_ledger=True)
        play_out(engine, state, historical)
        return list(state.ledger.turn_end_meters) if state.ledger else []

    def history(self) -> list[tuple[float, ...]]:
        """The meters at the end of each turn played so far on this branch."""
        ledger = self.session.state.ledger
        return list(ledger.turn_end_meters) if ledger else []

    def entries(self) -> list[LedgerEntry]:
        ledger = self.session.state.ledger
        return list(ledger.entries) if ledger else []

    def preview(self, option: int) -> OptionPreview | None:
        pending = self.session.pending
        if pending is None:
            return None
        return preview_option(self.session.compiled, pending.event, option)

    def choose(self, option: int) -> list[LedgerEntry]:
        """Take an option; returns the ledger entries it and what followed produced, up to the next decision."""
        before = len(self.entries())
        known = {n.id for n in self.session.timeline.children(self.session.timeline.current)}
        self.session.choose(option)
        # A choice that differs from every earlier one made here opens a branch; the old ones stay on the timeline.
        self.opened_branch = bool(known) and self.session.timeline.current not in known
        self.autosave()
        return self.entries()[before:]

    def autosave(self) -> None:
        try:
            write_save(self.autosave_path, self.session)
            self.last_autosave_error = None
        except OSError as exc:
            self.last_autosave_error = str(exc.strerror or exc)

    def save_as(self, path: Path) -> None:
        write_save(path, self.session)

    def turn_points(self) -> list[Turnpoint]:
        """For each turn on the current branch that had a decision: the node to return to for its first decision."""
        points: list[Turnpoint] = []
        previous: int | None = None
        path = self.session.timeline.path()
        for node, decision in zip(path, self.session.decisions, strict=True):
            if not points or points[-1].turn != decision.turn:
                points.append(Turnpoint(decision.turn, previous))
            previous = node.id
        return points

    def go_to_turn(self, turn: int) -> bool:
        """Step back to the first decision of a past turn on this branch; False when there is none."""
        for point in self.turn_points():
            if point.turn == turn:
                self.session.goto(point.node)
                self.autosave()
                return True
        return False

    def back(self) -> bool:
        moved = self.session.back()
        if moved:
            self.autosave()
        return moved

    def branches_at(self) -> dict[int, int]:
        """For each turn: how many other branches leave the current path at that turn's decisions."""
        timeline = self.session.timeline
        counts: dict[int, int] = {}
        path = timeline.path()
        parents = [None, *[n.id for n in path[:-1]]] if path else []
        for parent, decision in zip(parents, self.session.decisions, strict=True):
            others = len(timeline.children(parent)) - 1
            if others > 0:
                counts[decision.turn] = counts.get(decision.turn, 0) + others
        if self.session.pending is not None:
            others = len(timeline.children(timeline.current))
            if others:
                counts[self.session.state.turn] = counts.get(self.session.state.turn, 0) + others
        return counts
