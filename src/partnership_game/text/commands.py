"""The prompt's commands that only show something (counsel, meters, ledger, world, glossary, odds, timeline, help)."""

from __future__ import annotations

from collections.abc import Callable

from partnership_game.engine import LedgerEntry
from partnership_game.session import Session
from partnership_game.text import layout, render

HELP = """Commands at the prompt:
  1, 2, ...  choose that option
  d          the options in full, with what each means
  c          what your advisers say
  m          the meters: what each means, its thresholds, how it moved
  l          everything that changed since your last decision, and why
  w          the state of the world
  g WORD     the glossary entry for WORD (g alone lists the terms)
  o          the odds: how games went on from each option, simulated
  t          your decisions so far; t N goes back to decision N
  r          show this turn again
  b          step back one decision (the branch you leave is kept)
  s NAME     save a copy under NAME (s alone picks a name)
  q          quit (the game is saved and can be continued)
  ?  or h    this list"""

Shower = Callable[[Session, list[LedgerEntry], int], str]


def help_text(width: int) -> str:
    return layout.fit(HELP, width)


def _ledger(session: Session, entries: list[LedgerEntry], width: int) -> str:
    if not entries:
        return "Nothing has changed since your last decision."
    return render.ledger(session, entries, width)


# Each command that only shows something, by the name terminal_input gives it; the glossary takes its word apart.
SHOWERS: dict[str, Shower] = {
    "details": lambda session, entries, width: render.options(session, width, full=True),
    "counsel": lambda session, entries, width: render.counsel(session, width),
    "meters": lambda session, entries, width: render.meters(session, width, detailed=True),
    "ledger": _ledger,
    "world": lambda session, entries, width: render.world(session, width),
    "odds": lambda session, entries, width: render.odds(session, width),
}
