"""A class game begun, continued after a reload: history up to the class's start, then the class's rules in force."""

from __future__ import annotations

from partnership_game.classroom.clock import ClassClock
from partnership_game.classroom.inplay import ClassInPlay
from partnership_game.classroom.lesson import Lesson, lesson_for
from partnership_game.engine import historical
from partnership_game.session import Session
from partnership_game.session.seating import Seating, from_class


def new_clock(lesson: Lesson) -> ClassClock:
    minutes = lesson.loaded.model.time_box_minutes
    return ClassClock(minutes * 60.0 if minutes is not None else None)


def start_class_game(lesson: Lesson, player: str | None = None, clock: ClassClock | None = None) -> Session:
    """A new game of the lesson: the class's seed, history's choices before its start, its rules from then on.

    Pass the clock of the class's previous game (if any): the time box is the class's, not restarted by a new game.
    """
    session = Session(lesson.scenario, lesson.loaded.model.seed, player=player)
    while session.pending is not None and session.pending.turn < lesson.start_turn:
        session.choose(int(historical(session.state, session.pending)[0]))
    session.classroom = ClassInPlay(lesson, clock or new_clock(lesson), floor=len(session.timeline.path()))
    session.classroom.clock.start()
    return session


def carry_class(old: Session, new: Session) -> None:
    """After a hot reload rebuilt the game on an edited scenario: the same class, clock and start, fitted to the
    edited turns (ScenarioError if its start or end no longer fit; the caller then keeps the old game)."""
    room = old.classroom
    if room is None:
        return
    lesson = lesson_for(room.lesson.loaded, new.scenario)
    new.classroom = ClassInPlay(lesson, room.clock, floor=room.floor)


def class_seating(session: Session, player: str | None = None) -> Seating | None:
    """Who sits where in a class game of two sides, as its class file says (`sides`, `temperament`), or None when
    the class leaves it to the student (or this is no class game)."""
    room = session.classroom
    seats = room.lesson.seats if room is not None else None
    if room is None or seats is None:
        return None
    temperaments = {role_id: t for role_id in seats if (t := room.lesson.temperament_for(role_id)) is not None}
    return from_class(session.compiled.sides, seats, temperaments, player)
