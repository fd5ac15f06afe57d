"""`analyze` per side: how often each side's verdict is good, mixed or bad under each way of playing, and which of
a side's own options are never open (its halves of joint decisions included)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from partnership_game.scenario.compiled import CompiledScenario

WORDS = ("good", "mixed", "bad")


class _Run(Protocol):
    games: int
    endings: dict[str, int]
    available: dict[str, set[str]]


def side_report(scenario: CompiledScenario, runs: Mapping[str, _Run]) -> dict[str, Any]:
    """`verdicts`: role id -> policy -> verdict word -> share of games (endings without a verdict for the side are
    counted as `none`); `never_available_by_side`: role id -> "event/option" of its own never open. Empty for a
    scenario of one side without verdicts."""
    sides = scenario.sides
    if len(sides.roles) < 2 and not sides.verdicts:
        return {}
    verdicts: dict[str, dict[str, dict[str, float]]] = {}
    for role in sides.roles:
        by_policy: dict[str, dict[str, float]] = {}
        for name, run in runs.items():
            shares = dict.fromkeys(WORDS, 0.0)
            for ending in scenario.endings:
                verdict = sides.verdict(ending.id, role.index)
                word = verdict.word if verdict is not None else "none"
                shares[word] = shares.get(word, 0.0) + run.endings[ending.id] / max(run.games, 1)
            by_policy[name] = {word: round(share, 4) for word, share in shares.items()}
        verdicts[role.id] = by_policy
    never: dict[str, list[str]] = {role.id: [] for role in sides.roles}
    for event in scenario.events:
        if not event.is_decision or event.origin is not None:
            continue
        seen = set().union(*(run.available.get(event.id, set()) for run in runs.values()))
        joint = sides.joint.get(event.index)
        if joint is None:
            decider = sides.decides[event.index] if event.index < len(sides.decides) else None
            if isinstance(decider, int):
                never[sides.roles[decider].id] += [f"{event.id}/{o.id}" for o in event.options if o.id not in seen]
            continue
        open_ids = {k for k, option in enumerate(event.options) if option.id in seen}
        for position, side in enumerate(joint.sides):
            reached = {key[position] for key, option in joint.combined.items() if option in open_ids}
            never[sides.roles[side.role].id] += [f"{event.id}/{o.id}" for k, o in enumerate(side.options)
                                                 if k not in reached]
    return {"verdicts": verdicts, "never_available_by_side": never}


def side_lines(result: Mapping[str, Any]) -> list[str]:
    """The per-side part of the readable report (nothing for a one-sided scenario)."""
    verdicts = result.get("verdicts")
    if not verdicts:
        return []
    lines = ["Verdicts per side (share of games good / mixed / bad):"]
    for role_id, by_policy in verdicts.items():
        parts = [f"{name} " + " / ".join(f"{100 * shares.get(word, 0.0):.0f}%" for word in WORDS)
                 + (f" (no verdict {100 * shares['none']:.0f}%)" if shares.get("none") else "")
                 for name, shares in by_policy.items()]
        lines.append(f"  {role_id}: " + "; ".join(parts))
    for role_id, options in result.get("never_available_by_side", {}).items():
        lines.append(f"Options of {role_id} never available: {', '.join(options) or 'none'}")
    return lines
