"""Sessions: the timeline of decisions, rollback and branches, and self-contained save files."""

from partnership_game.session.saves import SaveError, read_save, write_save
from partnership_game.session.session import Decision, ReplayError, Session
from partnership_game.session.timeline import Node, Timeline

__all__ = ["Decision", "Node", "ReplayError", "SaveError", "Session", "Timeline", "read_save", "write_save"]
