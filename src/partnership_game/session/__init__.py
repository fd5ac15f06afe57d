"""Sessions: the timeline of decisions, rollback and branches, and self-contained save files."""

from partnership_game.session.limits import (
    MAX_NODES,
    MAX_PLAYER_CHARS,
    WARN_DECISIONS_LEFT,
    DecisionCapReached,
    check_player_name,
    decisions_left_notice,
)
from partnership_game.session.saves import SaveError, read_save, write_save
from partnership_game.session.session import Decision, ReplayError, Session
from partnership_game.session.timeline import Node, Timeline

__all__ = [
    "MAX_NODES",
    "MAX_PLAYER_CHARS",
    "WARN_DECISIONS_LEFT",
    "Decision",
    "DecisionCapReached",
    "Node",
    "ReplayError",
    "SaveError",
    "Session",
    "Timeline",
    "check_player_name",
    "decisions_left_notice",
    "read_save",
    "write_save",
]
