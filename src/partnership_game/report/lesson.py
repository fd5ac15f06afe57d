"""The lesson a class played (where it starts and ends), and which of a game's decisions the class set for it."""

from __future__ import annotations

from dataclasses import dataclass

from partnership_game.engine import historical
from partnership_game.scenario import LoadedScenario
from partnership_game.scenario.models import Scenario
from partnership_game.session import Session


@dataclass(frozen=True)
class Lesson:
    """Where a class's students decide: from turn `start_turn` (the decisions of earlier turns are history's, set by
    the class) to turn `end_turn` (None: the campaign's end); indices into the scenario's turns."""

    start_turn: int = 0
    end_turn: int | None = None

    def start_label(self, model: Scenario) -> str:
        """The first turn the class plays as the scenario writes its date ('Oct 2–3, 2001')."""
        turn = model.turns[min(self.start_turn, len(model.turns) - 1)]
        return turn.date_label or turn.date

    def end_label(self, model: Scenario) -> str:
        if self.end_turn is None:
            return ""
        turn = model.turns[min(self.end_turn, len(model.turns) - 1)]
        return f"{turn.date_label or turn.date}, {turn.title}"


def turn_index(model: Scenario, point: str | None, last_on_or_before: bool) -> int | None:
    """The turn a class file's `start` or `end` names: the turn with that id, else for a start the first turn dated
    on or after the date and for an end the last turn dated on or before it; None when there is none."""
    if point is None:
        return None
    for k, turn in enumerate(model.turns):
        if turn.id == point:
            return k
    if last_on_or_before:
        dated = [k for k, turn in enumerate(model.turns) if turn.date <= point]
        return dated[-1] if dated else None
    return next((k for k, turn in enumerate(model.turns) if turn.date >= point), None)


def lesson_of(model: Scenario, start: str | None, end: str | None) -> Lesson:
    """The lesson a class file's `start` and `end` set on a scenario."""
    return Lesson(turn_index(model, start, last_on_or_before=False) or 0,
                  turn_index(model, end, last_on_or_before=True))


_ROADS: dict[tuple[str, int, int], tuple[tuple[str, str], ...]] = {}


def _class_road(scenario: LoadedScenario, seed: int, start: int) -> tuple[tuple[str, str], ...]:
    """The decisions the class takes for its students before `start`: history's, with the class's dice (the game
    takes them the same way when it opens a class with a later start). Kept per scenario text, seed and start: a
    class's saves share them."""
    key = (scenario.content_hash, seed, start)
    if key not in _ROADS:
        _ROADS[key] = _walk(scenario, seed, start)
    return _ROADS[key]


def _walk(scenario: LoadedScenario, seed: int, start: int) -> tuple[tuple[str, str], ...]:
    session = Session(scenario, seed)
    while session.pending is not None and session.pending.turn < start:
        session.choose(int(historical(session.state, session.pending)[0]))
    return tuple((n.event, n.option) for n in session.timeline.path())


@dataclass(frozen=True)
class Start:
    """How a game began against its lesson: how many leading decisions the class set, and what went wrong."""

    set_by_class: int = 0
    problem: str | None = None  # in words, for a flag: the game did not start where the class did


def _depths(session: Session) -> dict[int, int]:
    depth: dict[int, int] = {}
    for node in session.timeline.nodes:  # a parent always comes before its children
        depth[node.id] = 0 if node.parent is None else depth[node.parent] + 1
    return depth


def start_of(session: Session, lesson: Lesson) -> Start:
    """Which decisions of the branch in play the class set (history's, before the lesson's start), or why the game
    did not start where the class did: other choices before the start, or a step back behind it."""
    if lesson.start_turn <= 0:
        return Start()
    road = _class_road(session.scenario, session.seed, lesson.start_turn)
    played = [(n.event, n.option) for n in session.timeline.path()]
    model = session.scenario.model
    begins = lesson.start_label(model)
    if not road:
        return Start()
    if played[: len(road)] != list(road):
        first = model.turns[0]
        if len(played) < len(road) and all(p == r for p, r in zip(played, road, strict=False)):
            return Start(0, f"stopped before the class's start ({begins})")
        return Start(0, f"did not start where the class did: played from {first.date_label or first.date}, "
                        f"with its own choices before {begins}")
    depth = _depths(session)
    if sum(1 for d in depth.values() if d < len(road)) > len(road):
        return Start(len(road), f"went back behind the class's start ({begins}) and chose again there")
    return Start(len(road), None)


def reached_end(session: Session, lesson: Lesson) -> bool:
    """Whether the game got past the lesson's last turn (the game stops there), or the campaign ended."""
    if session.pending is None:
        return True
    return lesson.end_turn is not None and session.pending.turn > lesson.end_turn
