"""Plain data for the widgets, read from a game: meter rows, timeline marks, the map's features."""

from __future__ import annotations

from partnership_game.ui.game import Game
from partnership_game.ui.widgets.meters import MeterView
from partnership_game.ui.widgets.timeline_strip import TimelineMark


def short_date(iso: str) -> str:
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    _, month, day = iso.split("-")
    return f"{months[int(month) - 1]} {int(day)}"


def meter_views(game: Game) -> list[MeterView]:
    session = game.session
    model = session.scenario.model
    history = game.history()
    current = session.meters()
    views = []
    for m, meter in enumerate(model.meters):
        past = [row[m] for row in history]
        previous = past[-1] if past else meter.start
        value = current[meter.id]
        views.append(
            MeterView(
                id=meter.id,
                label=meter.label,
                value=value,
                minimum=meter.min,
                maximum=meter.max,
                good=meter.good,
                start=meter.start,
                delta=value - previous,
                history=past,  # the widget puts the start in front of both lines itself
                ghost=[row[m] for row in game.ghost],
                # A worded threshold ({value, warning}) is drawn as its value; the words show when it is crossed.
                thresholds=tuple(float(getattr(mark, "value", mark)) for mark in meter.thresholds),
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
                label=short_date(turn.date),
                state=state,
                historical=decided.get(index) if show_history else None,
                branches=branches.get(index, 0),
            )
        )
    return marks


def map_state(game: Game) -> dict[str, bool]:
    """Each map feature open or not. A true flag linked to a feature decides; while none is true, the feature shows
    the opposite of what its flags would show (a station whose flag says "closed" is open until that flag is set)."""
    session = game.session
    flags = dict(zip(session.compiled.flag_ids, session.state.flags[0].tolist(), strict=True))
    resting: dict[str, bool] = {}
    active: dict[str, bool] = {}
    for flag in session.scenario.model.flags:
        if flag.map is None:
            continue
        feature, opens = flag.map.feature, flag.map.shows == "open"
        resting[feature] = resting.get(feature, not opens) and not opens
        if flags[flag.id]:
            active[feature] = opens
    return {feature: active.get(feature, rest) for feature, rest in resting.items()}
