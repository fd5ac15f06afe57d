"""A dry run for scenario authors: what fires, what is ever available, which endings are reached, what pins, what
sits at a bound, which texts contradict the state they are read in, and which decisions come too late."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from partnership_game.engine.coherence import BOUND_SHARE, BOUND_TURNS, Watch, WatchedEngine
from partnership_game.engine.policies import Policy
from partnership_game.engine.rules import Engine
from partnership_game.engine.side_analysis import side_lines, side_report
from partnership_game.engine.state import State
from partnership_game.scenario.compiled import CompiledEvent

PINNED_SHARE = 0.2  # a meter that ends at a bound in this share of games or more is reported


@dataclass
class DryRun:
    """What one policy's games did, summed over all of them."""

    games: int
    fired: npt.NDArray[np.int64]  # per event: how many games it fired in
    available: dict[str, set[str]] = field(default_factory=dict)  # decision id -> options available at least once
    endings: dict[str, int] = field(default_factory=dict)
    at_bound: dict[str, float] = field(default_factory=dict)  # meter -> share of games ending at min or max
    # meter -> share of games where it sat at a bound for more than BOUND_TURNS turns in a row
    held_at_bound: dict[str, float] = field(default_factory=dict)
    late: dict[tuple[str, str], int] = field(default_factory=dict)  # (decision, immediate ending) -> games
    incoherent: dict[tuple[str, str], int] = field(default_factory=dict)  # (text's place, owner id) -> games
    incoherent_variants: dict[tuple[str, int], int] = field(default_factory=dict)  # (place, variant) -> games
    lost: dict[str, int] = field(default_factory=dict)  # what would have landed -> landings lost


def _named(event: CompiledEvent) -> str:
    """An event as the author knows it: a delayed effect is named by the option that caused it."""
    return f"{event.origin[0]}/{event.origin[1]} (delayed)" if event.origin is not None else event.id


class _LandingsEngine(WatchedEngine):
    """The watched rules, also counting the landings that would come after the last turn (the rules drop them)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.lost: Counter[str] = Counter()

    def _schedule(self, state: State, event: CompiledEvent, rows: Any, idx: Any) -> None:
        for schedule in event.schedules:
            if state.turn + schedule.after_turns >= self.scenario.turn_count:
                hit = int(np.count_nonzero(rows == schedule.row))
                if hit:
                    target = self.scenario.events[schedule.target]
                    what = (f"the delayed effect of {target.origin[0]}/{target.origin[1]}" if target.origin
                            is not None else f"event '{target.id}' scheduled by {_named(event)}")
                    self.lost[what] += hit
        super()._schedule(state, event, rows, idx)


def dry_run(engine: Engine, seeds: npt.NDArray[np.uint64], policy: Policy) -> DryRun:
    scenario = engine.scenario
    watched = engine if isinstance(engine, _LandingsEngine) else _LandingsEngine(scenario)
    watched.lost.clear()
    watch = watched.watch = Watch(scenario, len(seeds))
    state = watched.start(seeds)
    available: dict[str, set[str]] = {e.id: set() for e in scenario.events if e.is_decision}
    while (pending := watched.advance(state)) is not None:
        seen: list[bool] = np.asarray(pending.available.any(axis=0), dtype=bool).tolist()
        available[pending.event.id] |= {o.id for o, yes in zip(pending.event.options, seen, strict=True) if yes}
        watch.offered_decision(state, pending)
        watched.choose(state, pending, policy(state, pending))
    watch.game_over(state)
    watched.watch = None
    counts = np.bincount(state.ending.astype(np.int64), minlength=len(scenario.endings))
    at_bound = {}
    for m, meter in enumerate(scenario.meter_ids):
        values = state.meters[:, m]
        at_bound[meter] = float(np.mean((values <= scenario.meter_min[m]) | (values >= scenario.meter_max[m])))
    return DryRun(
        games=state.size,
        fired=(state.fired > 0).sum(axis=0).astype(np.int64),
        available=available,
        endings={e.id: int(counts[e.index]) for e in scenario.endings},
        at_bound=at_bound,
        held_at_bound={meter: float(np.mean(watch.longest[:, m] > BOUND_TURNS))
                       for m, meter in enumerate(scenario.meter_ids)},
        late=dict(watch.late),
        incoherent=dict(watch.incoherent),
        incoherent_variants=dict(watch.variants),
        lost=dict(watched.lost),
    )


def report(engine: Engine, runs: dict[str, DryRun]) -> dict[str, object]:
    """The `analyze --json` object: every ending with its share under each policy, and what never happened."""
    scenario = engine.scenario
    story_events = [e for e in scenario.events if e.origin is None]
    endings = {e.id: {name: round(run.endings[e.id] / run.games, 4) for name, run in runs.items()}
               for e in scenario.endings}
    never_fired = [e.id for e in story_events if all(run.fired[e.index] == 0 for run in runs.values())]
    never_available = [f"{e.id}/{o.id}" for e in story_events if e.is_decision for o in e.options
                       if all(o.id not in run.available[e.id] for run in runs.values())]
    pinned = [{"meter": meter, **{name: round(run.at_bound[meter], 4) for name, run in runs.items()}}
              for meter in scenario.meter_ids if any(run.at_bound[meter] >= PINNED_SHARE for run in runs.values())]
    return {
        "scenario": scenario.model.id,
        "runs": {name: run.games for name, run in runs.items()},
        "endings": endings,
        "unreachable_endings": [e for e, shares in endings.items() if all(v == 0 for v in shares.values())],
        "never_fired_events": never_fired,
        "never_available_options": never_available,
        "pinned_meters": pinned,
        "bounds": _bounds(engine, runs),
        "late_immediate_endings": [
            {"policy": name, "decision": decision, "ending": ending, "games": games}
            for name, run in runs.items() for (decision, ending), games in sorted(run.late.items())],
        "incoherent_texts": [
            {"policy": name, "text": text, "owner": owner, "games": games,
             "variants": [{"variant": k + 1, "games": n} for (place, k), n in sorted(run.incoherent_variants.items())
                          if place == text]}
            for name, run in runs.items() for (text, owner), games in sorted(run.incoherent.items())],
        "lost_landings": [
            {"policy": name, "what": what, "landings": count}
            for name, run in runs.items() for what, count in sorted(run.lost.items())],
        **side_report(scenario, runs),  # per side (two-sided scenarios): verdicts, options never open
    }


def _bounds(engine: Engine, runs: dict[str, DryRun]) -> dict[str, object]:
    """Per meter and policy, the share of games where the meter sat at its min or max for more than BOUND_TURNS
    turns in a row (at a decision or a turn's end), and the pairs over BOUND_SHARE."""
    shares = {meter: {name: round(run.held_at_bound[meter], 4) for name, run in runs.items()}
              for meter in engine.scenario.meter_ids}
    return {
        "turns": BOUND_TURNS,
        "limit": BOUND_SHARE,
        "shares": shares,
        "over_limit": [{"meter": meter, "policy": name, "share": share}
                       for meter, by_policy in shares.items() for name, share in by_policy.items()
                       if share > BOUND_SHARE],
    }


def report_text(result: dict[str, Any]) -> str:
    """The `analyze` report for reading: the same figures as the JSON, a line per finding."""
    names = list(result["runs"])
    width = max(len(e) for e in result["endings"]) + 2
    lines = ["Endings (share of games): " + ", ".join(names)]
    for ending_id, shares in result["endings"].items():
        lines.append(f"  {ending_id:{width}}" + " ".join(f"{100 * shares[n]:6.1f}%" for n in names))
    for key, title in (("unreachable_endings", "Endings never reached"),
                       ("never_fired_events", "Events that never fired"),
                       ("never_available_options", "Options never available")):
        lines.append(f"{title}: {', '.join(result[key]) or 'none'}")
    pinned = [f"{p['meter']} (" + ", ".join(f"{n} {100 * float(p[n]):.0f}%" for n in names) + ")"
              for p in result["pinned_meters"]]
    lines.append(f"Meters that end at a bound in {100 * PINNED_SHARE:.0f}% of games or more: "
                 + (", ".join(pinned) or "none"))
    bounds = result["bounds"]
    over = bounds["over_limit"]
    lines.append(f"Meters held at a bound for more than {bounds['turns']} turns in a row, in more than "
                 f"{100 * bounds['limit']:.0f}% of games: " + ("none" if not over else ""))
    lines += [f"  {o['meter']} under {o['policy']}: {100 * o['share']:.1f}% of games" for o in over]
    late = result["late_immediate_endings"]
    lines.append("Decisions offered after an immediate ending should have ended the game: "
                 + ("none" if not late else ""))
    lines += [f"  {x['decision']} under {x['policy']}, in {x['games']:,} games ({x['ending']} already held)"
              for x in late]
    texts = result["incoherent_texts"]
    lines.append("Texts read while what they assume was false: " + ("none" if not texts else ""))
    lines += [line for x in texts for line in _incoherent_lines(x)]
    lost = result.get("lost_landings", [])
    lines.append("Delayed effects and schedules due after the last turn (they never land): "
                 + ("none" if not lost else ""))
    lines += [f"  {x['what']} under {x['policy']}: {x['landings']:,} landing{'s' * (x['landings'] != 1)} lost"
              for x in lost]
    lines += side_lines(result)
    return "\n".join(line.rstrip() for line in lines)


def _incoherent_lines(found: dict[str, Any]) -> list[str]:
    """One text read while its assumption was false: where it is in the file (`file:line:col` and in words, once
    the command has placed it; else its path) and, for a text with variants, which one was read."""
    where = f"{found['where']}: {found['in_words']}" if "where" in found else f"{found['text']} ({found['owner']})"
    lines = [f"  {where}, under {found['policy']}, in {found['games']:,} games"]
    for variant in found.get("variants", []):
        if variant.get("of", 2) < 2:
            continue  # a plain text: there is no variant to name
        line = f", line {variant['line']}" if "line" in variant else ""
        lines.append(f"    variant {variant['variant']} of {variant.get('of', '?')}{line}, read in "
                     f"{variant['games']:,} games")
        if "line" in variant:
            said = [f"when: {variant['when']}" if variant.get("when") else "the one without 'when'"]
            said += [f"assumes: {variant['assumes']}"] if variant.get("assumes") else []
            lines.append(f"      {'; '.join(said)}")
        if variant.get("start"):
            lines.append(f"      begins \"{variant['start']}\"")
    return lines
