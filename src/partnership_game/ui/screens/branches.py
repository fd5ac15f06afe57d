"""The branches dialog of a one-player game: every branch of its timeline, to go to or to compare."""

from __future__ import annotations

from partnership_game.ui.branches_dialog import BranchesDialog


class BranchesScreen(BranchesDialog):
    """Every branch the player opened, as a list and a tree; go to one, or compare it (ui/branches_dialog.py)."""
