"""The words a player reads for a scenario text, chosen for the game as it stands (one place for every front end)."""

from __future__ import annotations

from partnership_game.session.session import Session


def shown(session: Session, value: str | None) -> str:
    """The text to show for `value` in this session's current state ('' for none).

    Every front end (terminal, window, reports) reads scenario prose through here, so text that follows the road
    taken (variants chosen by condition) is decided in one place.
    """
    del session  # plain texts read the same on every road; variants (issue 11) are chosen from the session's state
    return value or ""
