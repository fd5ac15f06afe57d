"""The end of a lesson: where it stopped, what was decided for the class, and the debrief's questions for it."""

from __future__ import annotations

from partnership_game.session import Session


def lesson_stopped(session: Session) -> bool:
    """Whether the game stopped at the lesson's end, before the campaign's (the debrief covers the turns played)."""
    return session.stopped and not session.over


def reached_turn(session: Session) -> int:
    """The last turn the game reached (for a stopped lesson, its last turn)."""
    turn = session.state.turn
    if session.classroom is not None:
        turn = min(turn, session.classroom.lesson.end_turn)
    return min(turn, len(session.scenario.model.turns) - 1)


def questions(session: Session) -> list[str]:
    """The debrief's questions: the class's own (those tied to a turn only once the game reached it), else the
    scenario's."""
    if session.classroom is None:
        return list(session.scenario.model.questions)
    return session.classroom.lesson.questions(reached_turn(session))


def set_by_class(session: Session) -> int:
    """How many decisions on this road were taken for the class (history's choices) before its start."""
    return session.classroom.floor if session.classroom is not None else 0


def lesson_end_words(session: Session) -> str:
    """The heading of a debrief where the lesson stopped ('' when the game ran to the campaign's end)."""
    if not lesson_stopped(session) or session.classroom is None:
        return ""
    lesson = session.classroom.lesson
    decided = len(session.decisions) - set_by_class(session)
    text = (f"The lesson ends here, after {lesson.turn_words(lesson.end_turn)}. Your class played from "
            f"{lesson.turn_words(lesson.start_turn)}: {decided} decision{'s' if decided != 1 else ''} of your own.")
    if set_by_class(session):
        text += f" The {set_by_class(session)} before were set by the class (history's choices)."
    return text + " The campaign goes on beyond this point; no ending is reached in this lesson."
