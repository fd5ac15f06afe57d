"""What each side is told as the game goes: the other side's announced decisions and the happenings shown to it,
derived from the game's own record (the timeline and the ledger), so a loaded save tells the same news."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from partnership_game.engine import LedgerEntry
from partnership_game.engine.ledger import Happened
from partnership_game.scenario.sides import JOINT
from partnership_game.session.session import Session
from partnership_game.session.texts import happened, shown_at
from partnership_game.session.timeline import Timeline


@dataclass(frozen=True)
class NewsItem:
    """What side `for_role` is told: a decision of side `from_role` (None: a happening of the world; `for_role`
    itself: what its joint decision changed that only it sees, with no text), its title,
    its text, the changes it made to the meters that side sees, `depth`, how many decisions came before it, and
    the event's id."""

    for_role: int
    from_role: int | None
    title: str
    text: str
    depth: int
    changes: tuple[LedgerEntry, ...] = ()
    event: str = ""


# The text of a decision's `news` at the node that took it (chosen in the state it was taken in).
NewsText = Callable[[int, int], str]


def deciders(session: Session, event_index: int) -> tuple[int, ...]:
    """The roles that decided a decision event (both sides of a joint one)."""
    sides = session.compiled.sides
    who = sides.decides[event_index]
    if who == JOINT:
        return tuple(side.role for side in sides.joint[event_index].sides)
    return () if who is None else (who,)


def audience(session: Session, event_id: str) -> tuple[int, ...]:
    """The roles shown a happening: its own audience, or for a delayed effect the audience of the decision that
    caused it (a side's own decision's later effects are its own business)."""
    compiled = session.compiled
    event = compiled.events[compiled.event_index(event_id)]
    if event.origin is not None:
        event = compiled.events[compiled.event_index(event.origin[0])]
        if event.is_decision:
            return deciders(session, event.index)
    return compiled.sides.audience[event.index]


def after_last_act(session: Session, role: int, joint_too: bool = False) -> int:
    """The place in `happened(session)` just after `role`'s last decision on this branch (0: it has not decided);
    with `joint_too`, the place of that decision itself when it was a joint one (its changes that only `role` sees
    were not in a reveal shown to both sides, so they are still to be told)."""
    told = happened(session)
    depth = 0
    mark = 0
    for place, item in enumerate(told):
        if item.news:
            continue
        if depth < len(session.decisions):
            who = deciders(session, session.decisions[depth].event.index)
            if role in who:
                mark = place if joint_too and len(who) > 1 else place + 1
        depth += 1
    return mark


def news_since(session: Session, role: int, start: int, text_of: NewsText,
               views: Mapping[int, set[int]], private: bool = False) -> list[NewsItem]:
    """What `role` is told of everything that landed from place `start` of `happened(session)` on, with the
    changes to the meters it sees (`views`: the meter indices each person sees). With `private`, a joint decision
    of `role` from there on is told by the changes only `role` sees of the people who decided it (for a reveal
    that showed only what they all see)."""
    ids = session.compiled.meter_ids
    meters = {ids[m] for m in views[role]}
    told = happened(session)
    depth = sum(1 for item in told[:start] if not item.news)
    items: list[NewsItem] = []
    for item in told[start:]:
        if item.news:
            if role in audience(session, item.event):
                items.append(NewsItem(role, None, item.heading, item.situation or item.result or item.outcome,
                                      depth, _changes(session, meters, item), item.event))
            continue
        decision = session.decisions[depth] if depth < len(session.decisions) else None
        if decision is not None:
            who = deciders(session, decision.event.index)
            if private and role in who and len(who) > 1:
                shared = set.intersection(*(views[r] for r in who if r in views))
                only_mine = {ids[m] for m in views[role] - shared}
                changes = _changes(session, only_mine, item)
                if changes:
                    title = shown_at(session.compiled, session.state, decision.event.title)
                    items.append(NewsItem(role, role, title, "", depth, changes, item.event))
            text = "" if role in who or not who else text_of(depth, decision.option)
            if text:
                title = shown_at(session.compiled, session.state, decision.event.title)
                items.append(NewsItem(role, who[0], title, text, depth, _changes(session, meters, item), item.event))
        depth += 1
    return items


_TOLD = ("happening", "random", "scheduled", "delayed")  # ledger kinds of what lands by itself


def own_changes(session: Session, roles: Sequence[int], entries: Iterable[LedgerEntry]) -> tuple[LedgerEntry, ...]:
    """The entries that follow a decision of `roles`, less the happenings any of them is told as news (those
    are shown with their news, so they are not counted twice): the decision's own changes and the turn's drift."""
    return tuple(e for e in entries
                 if e.kind not in _TOLD or not set(roles) & set(audience(session, e.event)))


@dataclass(frozen=True)
class NetChange:
    """One meter's net change over a run of ledger entries: where it stood before the first, and after the last."""

    meter: str
    before: float
    after: float


def net_changes(entries: Iterable[LedgerEntry], meters: Collection[str] | None = None) -> list[NetChange]:
    """Each meter's net change over `entries` (only the meter ids in `meters`, when given), in the order the meters
    first moved; a meter that ended where it started is left out (both front ends tell a side's changes so)."""
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    for entry in entries:
        first.setdefault(entry.meter, entry.before)
        last[entry.meter] = entry.after
    return [NetChange(meter, before, last[meter]) for meter, before in first.items()
            if abs(last[meter] - before) > 1e-9 and (meters is None or meter in meters)]


def _changes(session: Session, seen: set[str], item: Happened) -> tuple[LedgerEntry, ...]:
    """The ledger entries of what `item` made land on the meters (ids) `seen`."""
    ledger = session.state.ledger
    if ledger is None:
        return ()
    return tuple(e for e in ledger.entries if e.turn == item.turn and e.event == item.event and e.kind != "drift"
                 and e.meter in seen)


def news_text_at(session: Session, depth: int, option: int) -> str:
    """A decision's `news` as it read when it was taken: the game replayed to just before it when the text has
    variants (a plain text needs no replay)."""
    decision = session.decisions[depth]
    prose = session.compiled.sides.news.get((decision.event.index, option))
    if prose is None or isinstance(prose, str):
        return prose or ""
    path = session.timeline.path()
    before = Session(session.scenario, session.seed, Timeline(session.timeline.nodes, path[depth].parent))
    return shown_at(before.compiled, before.state, prose)


def common_prefix(old: Sequence[Happened], new: Sequence[Happened]) -> int:
    """How many items two records share from the start (what a step back or a jump left as it was)."""
    count = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        count += 1
    return count
