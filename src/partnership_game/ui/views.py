"""Plain data for the widgets, read from a game: meter rows, timeline marks, the map's features."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from partnership_game.inert import inert, inert_line
from partnership_game.scenario.models import Threshold, Turn
from partnership_game.session import texts
from partnership_game.session.map_states import FeatureNow, map_now
from partnership_game.session.session import Session
from partnership_game.ui.game import Game
from partnership_game.ui.strings import t
from partnership_game.ui.widgets.map_features import MapMark
from partnership_game.ui.widgets.meters import MeterView
from partnership_game.ui.widgets.timeline_strip import TimelineMark

# One way of writing a date on the turn screen, the scenario's own ("Sept 22, 2001"): a turn without a label gets
# one in the same style, and the timeline shows its first day without the year ("Sept 22").
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec")
_FIRST_DAY = re.compile(r"^\s*([^\W\d_]+\.?\s+\d{1,2})(?!\d)")


def short_date(iso: str) -> str:
    _, month, day = iso.split("-")
    return f"{MONTHS[int(month) - 1]} {int(day)}"


def long_date(iso: str) -> str:
    year, _, _ = iso.split("-")
    return f"{short_date(iso)}, {int(year)}"


def date_text(game: Game, turn: Turn) -> str:
    """A turn's date as the scenario writes it (its label), else in the same style from the ISO date."""
    label = turn.date_label
    return texts.shown(game.session, label) if label else long_date(turn.date)


def day_text(game: Game, turn: Turn) -> str:
    """The first day of a turn's date, without the year: the timeline's stamp."""
    match = _FIRST_DAY.match(date_text(game, turn))
    return match.group(1) if match else short_date(turn.date)


def news_words(session: Session) -> str:
    """" (3 asked by news)" when random events asked some of the decisions taken, else nothing: the turn's
    header and the debrief say it alike, so a count above the turn number never puzzles."""
    news = sum(1 for decision in session.decisions if decision.event.random)
    return t("decisions.news", count=news) if news else ""


def meter_views(game: Game, preview: dict[str, float] | None = None,
                moving: dict[str, float] | None = None) -> list[MeterView]:
    """Each meter's row. `preview`: the focused option's changes (ghost segments); `moving`: values part-way
    through the bars' animation after a decision (the change shown is still the whole change)."""
    preview = preview or {}
    moving = moving or {}
    session = game.session
    model = session.scenario.model
    history = game.history()
    current = session.meters()
    views = []
    for m, meter in enumerate(model.meters):
        past = [row[m] for row in history]
        previous = past[-1] if past else meter.start
        value = current[meter.id]
        shown = moving.get(meter.id, value)
        views.append(
            MeterView(
                id=meter.id,
                label=meter.label,
                short=meter.short,
                value=shown,
                minimum=meter.min,
                maximum=meter.max,
                good=meter.good,
                start=meter.start,
                delta=shown - previous,
                history=past,  # the widget puts the start in front of both lines itself
                ghost=[row[m] for row in game.ghost],
                # A worded threshold ({value, warning}) is drawn as its value; the words show when it is crossed.
                thresholds=tuple(float(mark.value if isinstance(mark, Threshold) else mark)
                                 for mark in meter.thresholds),
                preview=float(preview.get(meter.id, 0.0)),
            )
        )
    return views


def timeline_marks(game: Game, show_history: bool = True) -> list[TimelineMark]:
    session = game.session
    model = session.scenario.model
    current = min(session.state.turn, len(model.turns) - 1)
    decided: dict[int, bool | None] = {}
    for decision in session.decisions:
        historical = decision.historical if decision.event.historical_option >= 0 else None
        # A turn counts as historical only when every decision in it was.
        previous = decided.get(decision.turn, True)
        decided[decision.turn] = None if historical is None else (bool(previous) and historical)
    branches = game.branches_at()
    marks = []
    for index, turn in enumerate(model.turns):
        state = "past" if session.over or index < current else ("current" if index == current else "future")
        marks.append(
            TimelineMark(
                index=index,
                label=day_text(game, turn),
                state=state,
                historical=decided.get(index) if show_history else None,
                branches=branches.get(index, 0),
            )
        )
    return marks


def map_state(game: Game) -> dict[str, bool]:
    """Each feature of the scenario's map open (True) or closed (False) now; hidden ones are left out. The states
    come from the scenario's `map:` section (session.map_states decides them for every front end)."""
    return {fid: now.shows != "closed" for fid, now in map_now(game.session).items() if now.shows != "hidden"}


def map_marks(game: Game) -> tuple[MapMark, ...]:
    """The map's features as the window draws them now (hidden ones left out), their texts chosen and made safe."""
    return marks_from(map_now(game.session), lambda value: texts.shown(game.session, value))


def marks_from(nows: Mapping[str, FeatureNow], shown: Callable[[str | None], str] = lambda v: v or ""
               ) -> tuple[MapMark, ...]:
    """MapMarks from each feature's state (`shown` chooses a scenario text's words). A closed or alert feature
    whose state gives no word gets the plain one, so the state is never told by colour alone."""
    marks = []
    for now in nows.values():
        if now.shows == "hidden":
            continue
        f = now.feature
        status = now.status or {"closed": t("map.closed"), "alert": t("map.alert")}.get(now.shows, "")
        marks.append(MapMark(
            id=f.id, kind=f.kind, symbol=f.symbol, frame=f.frame, shows=now.shows, state=now.state,
            label=inert_line(shown(f.label)), short=inert_line(shown(f.short)), status=inert_line(status),
            description=inert(now.description), note=inert(now.note), priority=f.priority,
            places=tuple((inert_line(shown(p.name)), inert_line(shown(p.short)), p.lon, p.lat) for p in f.places),
            path=f.path, countries=f.countries, label_at=f.label_at))
    return tuple(marks)
