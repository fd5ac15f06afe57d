"""What the window draws of one side's view: its timeline stamps, its map marks and its meters' changes as lines
(session/side_view.py decides what the side may know; this only turns it into the widgets' marks and markup)."""

from __future__ import annotations

from partnership_game.session import texts
from partnership_game.session.side_view import side_branches_at, side_map, side_turn_marks
from partnership_game.ui import rich
from partnership_game.ui.game import Game
from partnership_game.ui.sides_game import SideChange
from partnership_game.ui.strings import t
from partnership_game.ui.views import day_text, marks_from
from partnership_game.ui.widgets.map_features import MapMark
from partnership_game.ui.widgets.timeline_strip import TimelineMark


def side_timeline_marks(game: Game, role: int, show_history: bool = True, room: int = 0) -> list[TimelineMark]:
    """One stamp per turn; a past turn's mark is set by the decisions `role` knows there (none: no mark). With
    `room` (how many stamps fit), a window of that many turns around the current one."""
    session = game.session
    turns = session.scenario.model.turns
    current = min(session.state.turn, len(turns) - 1)
    decided = side_turn_marks(session, role)
    branches = side_branches_at(session, role)
    marks = []
    for index, turn in enumerate(turns):
        state = "past" if session.over or index < current else ("current" if index == current else "future")
        marks.append(TimelineMark(index, day_text(game, turn), state, decided.get(index) if show_history else None,
                                  branches.get(index, 0)))
    return turn_window(marks, current, room)


def turn_window(marks: list[TimelineMark], current: int, room: int) -> list[TimelineMark]:
    """A window of `room` stamps around the `current` turn's (all of them when they fit, or room is 0)."""
    if 0 < room < len(marks):
        first = min(max(current - room // 2, 0), len(marks) - room)
        return marks[first:first + room]
    return marks


def side_map_marks(game: Game, role: int) -> tuple[MapMark, ...]:
    """The map's features as `role` may see them (hidden ones left out), texts chosen and made safe."""
    nows, _ = side_map(game.session, role)
    return marks_from(nows, lambda value: texts.shown(game.session, value))


def _number(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def change_line(change: SideChange, now: bool = True) -> str:
    """"Trust +6 ↑: good (now 41)": sign, arrow and a word, so the colour-blind read it as well; without `now`
    when the value may have moved since (the turn's drift after news told later)."""
    delta = change.after - change.before
    sign = "+" if delta > 0 else "−"
    line = f"<b>{rich.escape(change.label)} {sign}{_number(abs(delta))} {rich.arrow(delta > 0)}</b>"
    if change.good:
        good = (delta > 0) == (change.good > 0)
        line += f": <b>{t('consequences.good') if good else t('consequences.bad')}</b>"
    return line + (f" ({t('consequences.now', value=_number(change.after))})" if now else "")
