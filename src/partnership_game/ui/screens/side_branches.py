"""The branches dialog for one side at a hot seat: its own choices and what was revealed to it; another side's
hidden choice is "a decision in Washington", unmarked, and the comparisons (every meter) wait for the debrief."""

from __future__ import annotations

from typing import Any

from partnership_game.session.side_view import hidden_nodes, side_decisions
from partnership_game.ui.branch_names import departure
from partnership_game.ui.branches_dialog import BranchesDialog
from partnership_game.ui.sides_game import SidesGame
from partnership_game.ui.strings import t
from partnership_game.ui.views import date_text, short_date


class SideBranchesScreen(BranchesDialog):
    """The branches dialog as `role` may see it."""

    def __init__(self, app: Any, game: SidesGame, role: int) -> None:
        self.role = role
        super().__init__(app, game)
        session = game.session
        self.hidden_ids: set[int] = set()
        self.told = {leaf: side_decisions(replay.session, role) for leaf, replay in self.replays.items()}
        for leaf, replay in self.replays.items():
            path = session.timeline.path(leaf)
            self.hidden_ids |= hidden_nodes(session, replay.session, path, role)
            index = departure(session.timeline, leaf)
            told = self.told[leaf]
            if index is not None and index < len(told) and not told[index].known:
                turn = session.scenario.model.turns[told[index].turn]
                self.names[leaf] = t("branches.name", date=short_date(turn.date), how=told[index].label)

    def node_words(self, row: int, column: int) -> str:
        told = self.told[self.leaves[row]][column]
        if told.known:
            return super().node_words(row, column)
        turn = self.game.scenario.model.turns[told.turn]
        return t("side_branches.node_hidden", date=date_text(self.game, turn), what=told.label)

    def act(self, action: str) -> None:
        if action in ("history", "current") and self.chosen() is not None:
            self.app.open("message", t("side_branches.no_compare_heading"), t("side_branches.no_compare"))
            return
        super().act(action)

