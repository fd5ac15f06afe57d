"""The class at a glance, for the projector: who played, how games ended, where the class split, the meters against
history, where unfinished games stopped."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from partnership_game.report.formats import number
from partnership_game.report.history import history_meters
from partnership_game.report.lesson import Lesson
from partnership_game.report.reference import Reference
from partnership_game.report.tally import ClassTally, DecisionTally, Game

SPLITS = 3


def minority(decision: DecisionTally) -> float:
    """The share of games that did not take the option most games took: 0 when all agreed, 0.5 for an even split."""
    reached = decision.reached
    return 1 - max((o.count for o in decision.options), default=0) / reached if reached else 0.0


def splits(result: ClassTally, how_many: int = SPLITS) -> list[DecisionTally]:
    """The decisions where the class split most (at least two games, not all of one mind); ties go to the decision
    more games reached, then to the earlier one."""
    split = [d for d in result.decisions if d.reached >= 2 and minority(d) > 0]
    ranked = sorted(split, key=lambda d: (-round(minority(d), 9), -d.reached, result.decisions.index(d)))
    return ranked[:how_many]


@dataclass(frozen=True)
class MeterLine:
    """One meter at the end of the class's games, against history's road with the class's dice at the same point."""

    meter_id: str
    label: str
    good: str  # "up" or "down"
    games: int  # how many games the class's figures are over
    mean: float | None
    low: float | None
    high: float | None
    history: float | None


def game_end_meters(game: Game, lesson: Lesson) -> dict[str, float]:
    """A game's meters where it stopped: the lesson's last turn, or its own ending if that came first."""
    session = game.session
    ids = session.compiled.meter_ids
    path = session.state.ledger.turn_end_meters if session.state.ledger else []
    if session.pending is not None and lesson.end_turn is not None and len(path) > lesson.end_turn:
        return dict(zip(ids, path[lesson.end_turn], strict=True))
    return session.meters()


def meters_against_history(reference: Reference, games: Sequence[Game], lesson: Lesson) -> list[MeterLine]:
    """Over the games that got to their end (the campaign's or the lesson's): each meter's mean, lowest and highest,
    and where history's road stands at the same point with the class's dice."""
    done = [game_end_meters(g, lesson) for g in games if g.at_lesson_end]
    compiled = reference.scenario.compiled
    history: dict[str, float] = {}
    if reference.seed is not None:
        road = history_meters(compiled, reference.seed)
        if road:
            point = road[lesson.end_turn] if lesson.end_turn is not None and len(road) > lesson.end_turn else road[-1]
            history = dict(zip(compiled.meter_ids, point, strict=True))
    lines = []
    for meter in reference.scenario.model.meters:
        values = [d[meter.id] for d in done if meter.id in d]
        lines.append(MeterLine(
            meter.id, meter.label, meter.good, len(values),
            sum(values) / len(values) if values else None, min(values, default=None), max(values, default=None),
            history.get(meter.id)))
    return lines


def stops(games: Sequence[Game]) -> list[tuple[str, int]]:
    """Where the games that did not get to their end stopped: the decision they were waiting at, most common first
    (then in campaign order)."""
    waiting: Counter[tuple[int, str]] = Counter()
    for game in games:
        session = game.session
        if game.at_lesson_end or session.pending is None:
            continue
        turn = session.scenario.model.turns[session.pending.turn]
        label = f"{turn.date_label or turn.date}: {session.pending.event.title}"
        waiting[(session.pending.turn, label)] += 1
    ranked = sorted(waiting.items(), key=lambda item: (-item[1], item[0][0]))
    return [(label, count) for (_, label), count in ranked]


def verdict(line: MeterLine) -> str:
    """'higher than history (better)' and the like, so a colour is never the only sign."""
    if line.mean is None or line.history is None:
        return ""
    gap = line.mean - line.history
    if abs(gap) < 1.5:  # the meters move in steps of several points; a point or so is no difference to discuss
        return "about as history"
    higher = gap > 0
    better = higher == (line.good == "up")
    return f"{'higher' if higher else 'lower'} than history, {number(abs(gap))} {'better' if better else 'worse'}"
