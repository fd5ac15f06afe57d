"""After a scenario is reloaded from disk (an author's F5), the game of two sides keeps its seats: who took each
decision and what a counterpart expected are carried onto the replayed road, and the news not yet read stays."""

from __future__ import annotations

from dataclasses import replace

from partnership_game.session.seating import Seating
from partnership_game.session.session import Session
from partnership_game.session.sides_play import NewsItem, SidesPlay


def reseat(old: Session, fresh: Session, seating: Seating, news: list[NewsItem]) -> SidesPlay:
    """`fresh` (the scenario reloaded, the old road replayed as far as it goes) seated as `old` was: each
    replayed node keeps the `by` and `expected` of the node it replays; news of decisions still on the road stays
    queued. Counterparts are not asked here: the caller runs them when nobody is asked."""
    present = old.present_node
    before = old.timeline.path(present) if present is not None else []
    timeline = fresh.timeline
    for was, node in zip(before, timeline.path(), strict=False):
        timeline.nodes[node.id] = replace(node, by=was.by, expected=was.expected)
    play = SidesPlay(fresh, seating)
    play.news = [n for n in news if n.depth < len(fresh.decisions)]
    return play
