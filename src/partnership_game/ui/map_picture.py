"""A scenario's map as a PNG, drawn by the turn screen's own map code off screen (the `map` command)."""

from __future__ import annotations

import io
from typing import Any

import pygame

from partnership_game.session import Session
from partnership_game.session.map_states import map_now
from partnership_game.session.texts import shown
from partnership_game.ui.theme import DOSSIER
from partnership_game.ui.views import marks_from
from partnership_game.ui.widgets.map_inset import render

BASE_TEXT_PX = 12  # the turn screen's map lettering at 1280x720 (turn.py draws the map with px(12))
PREVIEW_SEED = 0


def at_turn(loaded: Any, turn: int, seed: int = PREVIEW_SEED) -> Session:
    """A game at the start of turn `turn` (an index), every decision before it taken as history did (the first
    option open where the historical one is not), with these dice."""
    session = Session(loaded, seed)
    while session.pending is not None and session.pending.turn < turn:
        open_ = session.available()
        marked = session.pending.event.historical_option
        session.choose(marked if marked >= 0 and open_[marked] else open_.index(True))
    return session


def map_png(loaded: Any, turn: int, size: tuple[int, int]) -> tuple[bytes, str]:
    """The map at the start of turn `turn` on the historical road, as PNG bytes, and a line saying what it shows."""
    session = at_turn(loaded, turn)
    pygame.font.init()  # text only; no window is opened
    scale = min(max(min(size[0] / 1280, size[1] / 720), 0.78), 3.0)  # as the window scales its text (app.scale)
    marks = marks_from(map_now(session), lambda value: shown(session, value))
    picture = render(session.compiled.map, marks, size, DOSSIER, max(7, round(BASE_TEXT_PX * scale)))
    buffer = io.BytesIO()
    pygame.image.save(picture.image, buffer, "map.png")
    model = session.scenario.model
    reached = session.state.turn if session.pending is None else session.pending.turn
    when = model.turns[min(reached, len(model.turns) - 1)]
    game_map = session.compiled.map
    said = (f"{_borders(game_map.date)}, {len(marks)} of {len(game_map.features)} features shown, "
            f"{len(game_map.insets)} inset(s), at the start of turn '{when.id}' ({when.date})")
    if not game_map.declared:
        said += "; the scenario has no map: section, so this is the default view"
    if reached < turn:
        said += "; the game ended before that turn on the historical road"
    return buffer.getvalue(), said


def _borders(date: str | None) -> str:
    """Whose borders are drawn, as W009 says it: a date before the base map's era data gets its first day's."""
    if date is None:
        return "today's borders"
    from partnership_game.geo.basemap import base_map
    from partnership_game.geo.states_on import drawn_day

    drawn = drawn_day(base_map(), date)
    return f"borders of {date}" if drawn == date else f"borders of {drawn} (none older are known; for {date})"
