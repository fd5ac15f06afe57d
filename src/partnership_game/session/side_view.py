"""What one side knows of the game's road: which decisions it may name, its timeline marks, its branches and its
map, never shaped by another side's hidden choice (docs/design/sides.md §1 and §9)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from partnership_game.engine.belief import historical_belief
from partnership_game.scenario.conditions import Context
from partnership_game.scenario.sides import JOINT, Sides
from partnership_game.session.map_states import FeatureNow, map_now
from partnership_game.session.session import Decision, Session
from partnership_game.session.texts import decision_label, shown
from partnership_game.session.timeline import Node

# A feature whose state turns on what the side does not see is drawn as history had it at this point, and its
# hover card says so instead of the state's own reason (which would name what the side cannot know).
BELIEVED_NOTE = "{label} does not see what decides this: it is drawn as it stood on the historical road by now."
BELIEVED_MARK = "?"


def hidden_words(sides: Sides, decider: int) -> str:
    """How the others name a decision of `decider` they were not told of: "a decision in Washington"."""
    return f"a decision in {sides.roles[decider].seat}"


def known_to(sides: Sides, decision: Decision, role: int) -> bool:
    """Whether `role` may know what was chosen: its own decision, a joint one it took part in (after the reveal:
    a joint decision is on the road only once both sides chose), or another side's that carried news to it."""
    decider = sides.decides[decision.event.index] if decision.event.index < len(sides.decides) else None
    if decider == JOINT:
        joint = sides.joint.get(decision.event.index)
        return joint is not None and any(side.role == role for side in joint.sides)
    if decider is None or decider == role or len(sides.roles) < 2:
        return True
    return (decision.event.index, decision.option) in sides.news


def decider_of(sides: Sides, decision: Decision) -> int | None:
    """The single role that took a decision (None: a joint one, or a format without deciders)."""
    decider = sides.decides[decision.event.index] if decision.event.index < len(sides.decides) else None
    return decider if isinstance(decider, int) else None


@dataclass(frozen=True)
class SideDecision:
    """One decision of a branch as `role` may tell it: the turn, the event's title and the choice (both replaced by
    "a decision in Washington" when hidden), whether it is known, and whether it followed history (None: hidden,
    or history made no choice there)."""

    turn: int
    title: str
    label: str
    known: bool
    historical: bool | None


def side_decisions(session: Session, role: int) -> list[SideDecision]:
    """Every decision on `session`'s current branch as `role` may tell it, oldest first."""
    sides = session.compiled.sides
    found = []
    for index, decision in enumerate(session.decisions):
        if known_to(sides, decision, role):
            historical = decision.historical if decision.event.historical_option >= 0 else None
            found.append(SideDecision(decision.turn, shown(session, decision.event.title),
                                      decision_label(session, index), True, historical))
        else:
            decider = decider_of(sides, decision)
            words = hidden_words(sides, decider) if decider is not None else ""
            found.append(SideDecision(decision.turn, words, words, False, None))
    return found


def side_turn_marks(session: Session, role: int) -> dict[int, bool | None]:
    """Per turn with a decision `role` knows: True when every such decision followed history, False when one left
    it, None when history made no choice there. Turns with only hidden decisions are absent (no mark)."""
    marks: dict[int, bool | None] = {}
    for decision in side_decisions(session, role):
        if not decision.known:
            continue
        if decision.historical is None:
            marks.setdefault(decision.turn, None)
            continue
        previous = marks.get(decision.turn, True)
        marks[decision.turn] = (True if previous is None else previous) and decision.historical
    return marks


def side_branches_at(session: Session, role: int) -> dict[int, int]:
    """Per turn: how many other branches leave the current road at decisions `role` knows (a fork at another side's
    hidden decision is not counted: its other road would tell that the choice was different)."""
    timeline = session.timeline
    sides = session.compiled.sides
    path = timeline.path()
    parents = [None, *[n.id for n in path[:-1]]] if path else []
    counts: dict[int, int] = {}
    for parent, decision in zip(parents, session.decisions, strict=True):
        others = len(timeline.children(parent)) - 1
        if others > 0 and known_to(sides, decision, role):
            counts[decision.turn] = counts.get(decision.turn, 0) + others
    if session.pending is not None:
        others = len(timeline.children(timeline.current))
        if others:  # the pending decision is this side's own (it is on its turn), so its forks are its own
            counts[session.state.turn] = counts.get(session.state.turn, 0) + others
    return counts


def hidden_nodes(session: Session, replay: Session, path: list[Node], role: int) -> set[int]:
    """The ids of the nodes on `path` (a branch, with `replay` that branch replayed) whose choice `role` may not
    know."""
    sides = session.compiled.sides
    return {node.id for node, decision in zip(path, replay.decisions, strict=False)
            if not known_to(sides, decision, role)}


# ---- the map -------------------------------------------------------------------------------------------------


def _reads_seen(sides: Sides, role: int, reads: frozenset[str], meters: dict[str, int],
                flags: dict[str, int]) -> bool:
    for name in reads:
        if name in meters and not sides.sees_meter(role, meters[name]):
            return False
        if name in flags and not sides.sees_flag(role, flags[name]):
            return False
    return True


def side_map(session: Session, role: int) -> tuple[dict[str, FeatureNow], frozenset[str]]:
    """Every map feature as `role` may see it, and the ids of those drawn from belief. A feature whose states'
    conditions read only what the side sees is as it is; any other is in the state it would be in with every
    unseen meter and flag at its value on the historical road at this point (the belief a counterpart plans by:
    engine/belief.py), so another side's hidden choice never moves it; its note says why instead of the state's."""
    compiled = session.compiled
    sides = compiled.sides
    truth = map_now(session)
    meters = {m: k for k, m in enumerate(compiled.meter_ids)}
    flags = {f: k for k, f in enumerate(compiled.flag_ids)}
    unseen = [f for f in compiled.map.features
              if not all(_reads_seen(sides, role, s.when.reads, meters, flags) for s in f.states if s.when)]
    if not unseen:
        return truth, frozenset()
    state = session.state
    pending = session.pending
    belief = historical_belief(session.engine)
    road_meters, road_flags = belief.at(*((pending.turn, pending.slot) if pending is not None else (state.turn, 99)))
    seen_m = np.array([sides.sees_meter(role, m) for m in range(len(compiled.meter_ids))], dtype=np.bool_)
    seen_f = np.array([sides.sees_flag(role, f) for f in range(len(compiled.flag_ids))], dtype=np.bool_)
    believed_m = np.where(seen_m, state.meters[0], road_meters)[None, :]
    believed_f = np.where(seen_f, state.flags[0], road_flags)[None, :]
    context = Context(believed_m, believed_f, state.turn + 1)
    note = BELIEVED_NOTE.format(label=shown(session, sides.roles[role].label))
    found = dict(truth)
    for feature in unseen:
        index = int(feature.pick(context)[0])
        chosen = feature.states[index]
        status = shown(session, chosen.status)
        found[feature.id] = replace(truth[feature.id], shows=chosen.shows, state=index, note=note,
                                    status=f"{status}{BELIEVED_MARK}" if status else "")
    return found, frozenset(f.id for f in unseen)
