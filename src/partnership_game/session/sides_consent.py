"""What a step back in a hot seat asks of the other side (design §9): whether its own later decisions go too."""

from __future__ import annotations

from partnership_game.session.session import Session
from partnership_game.session.sides_news import deciders


def undoes_later_of(session: Session, asking: int, other: int) -> bool:
    """Whether `asking` stepping back to its last decision also undoes decisions `other` took after it."""
    who = [deciders(session, d.event.index) for d in session.decisions]
    last = max((k for k, roles in enumerate(who) if asking in roles), default=len(who))
    return any(other in roles for roles in who[last + 1:])
