"""The debrief's words for a game of two sides: this side's verdict first, the other's after, and what each
counterpart decision expected."""

from __future__ import annotations

from typing import Any

from partnership_game.inert import inert_line
from partnership_game.session import texts
from partnership_game.ui import rich
from partnership_game.ui.strings import t


def verdict_parts(game: Any, title_px: int) -> list[str]:
    """Paragraphs (markup) for the ending tab, or none for a game without seated sides or before an ending."""
    play = getattr(game, "play", None)
    if play is None or game.session.ending is None:
        return []
    people = list(play.seating.people)
    order = people + [r.index for r in play.sides.roles if r.index not in people]
    parts = []
    for place, role in enumerate(order):
        verdict = play.verdict(role)
        if verdict is None:
            continue
        label = inert_line(texts.shown(game.session, play.sides.roles[role].label))
        word = t(f"verdict.{verdict.word}")
        key = "debrief.verdict_own" if place == 0 or role in people else "debrief.verdict_other"
        heading = rich.escape(t(key, label=label, word=word))
        size = title_px if place == 0 else max(title_px * 3 // 4, 1)
        parts.append(f"<font pixel_size={size}><b>{heading}</b></font><br>"
                     f"{rich.escape(inert_line(texts.shown(game.session, verdict.text)))}")
    moves = play.counterpart_moves()
    if moves:
        lines = [rich.escape(inert_line(play.expectation(move))) for move in moves]
        parts.append(f"<b>{rich.escape(t('debrief.counterpart'))}</b><br>" + "<br>".join(lines))
    return parts
