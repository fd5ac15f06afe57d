"""A save's class restored: its class file (checked against its hash), the lesson's span, its rules and its clock."""

from __future__ import annotations

from pathlib import Path

from partnership_game.classroom.classfile import parse_class_bytes
from partnership_game.classroom.clock import ClassClock
from partnership_game.classroom.inplay import ClassInPlay
from partnership_game.classroom.lesson import lesson_for
from partnership_game.scenario import LoadedScenario, ScenarioError, content_hash
from partnership_game.session.saves import SavedClass, SavedRules, SaveError


def class_from_save(saved: SavedClass, seed: int, scenario: LoadedScenario) -> ClassInPlay:
    """The class rules a save was played under, as they were; SaveError when its class part was altered."""
    data = saved.text.encode("utf-8")
    if content_hash(data) != saved.hash:
        raise SaveError("the save's class file does not match its recorded hash (the save was altered)")
    try:
        loaded = parse_class_bytes(data, Path(saved.file))
        lesson = lesson_for(loaded, scenario)
    except ScenarioError as exc:
        first = exc.diagnostics[0].message if exc.diagnostics else "invalid"
        raise SaveError(f"the save's class file does not apply to its scenario: {first}") from None
    model = loaded.model
    turns = scenario.model.turns
    rules = SavedRules(rollback=model.rollback, previews=model.show.previews, odds=model.show.odds,
                       historical_marks=model.show.historical_marks, ghost=model.show.ghost,
                       time_box_minutes=model.time_box_minutes, at_zero=model.at_zero)
    agrees = (model.seed == seed == saved.seed and rules == saved.rules and model.title == saved.title
              and turns[lesson.start_turn].id == saved.start and turns[lesson.end_turn].id == saved.end)
    if not agrees:
        raise SaveError("the save's class rules do not match its class file (the save was altered)")
    limit = model.time_box_minutes * 60.0 if model.time_box_minutes is not None else None
    return ClassInPlay(lesson, ClassClock(limit, used=saved.clock_seconds), floor=saved.floor)
