"""What a save can hold (decisions, the player's name), checked where it enters the game, never at save time."""

from __future__ import annotations

from partnership_game.engine import IllegalChoice
from partnership_game.inert import first_control

MAX_NODES = 2_000  # decisions in one save, every branch counted: far more than a class ever makes
MAX_PLAYER_CHARS = 100  # the longest player name a save holds
WARN_DECISIONS_LEFT = 25  # about one more campaign: from here on, front ends say how many are left


class DecisionCapReached(IllegalChoice):
    """A new decision that the save could not hold; the game in memory is unchanged and still saves."""

    def __init__(self) -> None:
        super().__init__(
            f"this save holds {MAX_NODES:,} decisions, the most it can: start a new game, "
            "or step back onto a branch you already made and follow it again"
        )


def decisions_left_notice(left: int) -> str | None:
    """What to tell the player when the save is nearly full (None while there is plenty of room)."""
    if left > WARN_DECISIONS_LEFT:
        return None
    if left <= 0:
        return (f"This save holds {MAX_NODES:,} decisions, the most it can: start a new game, "
                "or step back onto a branch you already made")
    plural = "decision" if left == 1 else "decisions"
    return f"{left} {plural} left in this save: start a new game or step back onto a branch you already made"


def check_player_name(name: str) -> str | None:
    """Why `name` cannot be a player's name, in plain words, or None when it can."""
    if not name.strip():
        return "the player name is empty"
    if len(name) > MAX_PLAYER_CHARS:
        return f"the player name is {len(name):,} characters long; at most {MAX_PLAYER_CHARS} fit in a save"
    where = first_control(name)
    if where >= 0:
        return f"the player name holds a control character (\\x{ord(name[where]):02x}) at character {where + 1}"
    return None
