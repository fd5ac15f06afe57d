"""A class's rules in force in one game: the lesson, its clock, the decisions taken for the class, and a look back."""

from __future__ import annotations

from dataclasses import dataclass

from partnership_game.classroom.clock import ClassClock
from partnership_game.classroom.lesson import Lesson


class ClassRefused(ValueError):
    """A step the class does not allow (the message says which rule, in words a student reads)."""


class LessonOver(ClassRefused):
    """A choice after the lesson's last turn: the game stops where the teacher said."""


@dataclass
class ClassInPlay:
    """What a session carries when it is a class game; saved with it, restored on every way back in."""

    lesson: Lesson
    clock: ClassClock
    floor: int = 0  # decisions on the road taken for the class before its start: no stepping back over them
    present: int | None = None  # while looking back in a look-only class: the decision the game stands at
    reviewing: bool = False

    @property
    def rollback(self) -> str:
        return self.lesson.loaded.model.rollback

    def shows(self, what: str, over: bool) -> bool:
        """Whether students see 'previews', 'odds', 'historical_marks' or 'ghost' now (all of it at the debrief)."""
        return over or bool(getattr(self.lesson.loaded.model.show, what))

    def refuse_back_to(self, depth: int) -> str | None:
        """Why the class does not allow going back to the point `depth` decisions in (None: it does)."""
        if self.rollback == "off":
            return "This class does not allow stepping back."
        if depth < self.floor:
            return "The lesson starts here; the earlier decisions were taken for the class."
        return None

    def refuse_choice(self) -> str | None:
        if self.reviewing:
            return "This class is look-only: return to the present to decide."
        return None

    def past_the_end(self, pending_turn: int | None) -> bool:
        return pending_turn is not None and pending_turn > self.lesson.end_turn
