"""A branch's name: where and how it left the road it split from ("Sep 22: Veto the bases"); the first road keeps
its own name whatever is opened later, so no branch is ever renamed."""

from __future__ import annotations

from partnership_game.session import Session, texts
from partnership_game.session.timeline import Timeline
from partnership_game.ui.strings import t
from partnership_game.ui.views import short_date


def departure(timeline: Timeline, leaf: int) -> int | None:
    """The index, on the path to `leaf`, of the decision where this branch left an older one (the last such
    point: a branch of a branch is named by where it left its parent); None for the first road.

    Node ids grow as decisions are taken, so the lowest id among siblings is the road that was there first."""
    found = None
    for index, node in enumerate(timeline.path(leaf)):
        if min(n.id for n in timeline.children(node.parent)) != node.id:
            found = index
    return found


def branch_name(session: Session, leaf: int, replay: Session) -> str:
    """The name of the branch that ends at `leaf`; `replay` is that branch replayed (its words as they read)."""
    index = departure(session.timeline, leaf)
    if index is None or index >= len(replay.decisions):
        return t("branches.first_road")
    decision = replay.decisions[index]
    date = session.scenario.model.turns[decision.turn].date
    return t("branches.name", date=short_date(date), how=texts.decision_label(replay, index))


def count_decisions(count: int) -> str:
    """"1 decision", "17 decisions"."""
    return t("branches.count_one") if count == 1 else t("branches.count_many", count=count)
