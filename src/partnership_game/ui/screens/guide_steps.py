"""The guided first turn's steps: which part of the turn screen each one points at, and what it says there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame

from partnership_game.ui.strings import t
from partnership_game.ui.views import map_state

# In the order the eye meets the screen; a step whose part is not on screen now (no counsel at this decision, no
# room for the map) is left out rather than pointing at nothing.
ORDER = ("header", "story", "counsel", "options", "preview", "meters", "timeline", "map", "odds", "rollback",
         "decide")
# The steps that show an option's preview on the screen (the ghost segments on the meters, the effects line).
PREVIEWING = ("preview", "meters")


@dataclass(frozen=True)
class Step:
    key: str
    rect: pygame.Rect  # what is framed, in window coordinates
    title: str
    text: str


@dataclass(frozen=True)
class Saved:
    """What the tour may move on the turn screen for a while, and puts back when it ends."""

    hovered: int | None
    scroll: float | None


def save(turn: Any) -> Saved:
    bar = _bar(turn)
    return Saved(turn.hovered, bar.start_percentage if bar is not None else None)


def restore(turn: Any, saved: Saved) -> None:
    turn.hovered = saved.hovered
    if saved.scroll is not None:
        _scroll_to(turn, saved.scroll)
    turn.app.dirty = True


def keys(turn: Any) -> list[str]:
    """The steps that have something on screen to point at now."""
    shown = []
    for key in ORDER:
        if key == "counsel" and _row(turn, t("turn.counsel")) is None:
            continue
        if key == "map" and turn.lay.map.height < turn.app.px(60):  # the turn screen leaves the map out then
            continue
        shown.append(key)
    return shown


def show(turn: Any, key: str, saved: Saved) -> Step:
    """Set the turn screen up for one step (scroll the story, preview an example option) and describe the step."""
    turn.hovered = example(turn) if key in PREVIEWING else saved.hovered
    if key == "story":
        _scroll_to(turn, 0.0)
    elif key == "counsel":
        _scroll_to_row(turn, t("turn.counsel"))
    elif saved.scroll is not None:
        _scroll_to(turn, saved.scroll)
    turn.app.dirty = True
    return Step(key, _rect(turn, key), t(f"guide.{key}.title"), _words(turn, key))


def example(turn: Any) -> int | None:
    """The option whose preview the tour shows: the player's own selection, else the first one open to them."""
    available = turn.game.session.available()
    if turn.selected is not None and available[turn.selected]:
        return int(turn.selected)
    return next((k for k, ok in enumerate(available) if ok), None)


# ---- where each step points ------------------------------------------------------------------------------------

def _rect(turn: Any, key: str) -> pygame.Rect:
    lay = turn.lay
    if key == "header":
        return pygame.Rect(lay.header)
    if key in ("story", "counsel"):
        return _story_part(turn, key)
    if key == "odds":
        return pygame.Rect(turn.odds_button.rect)
    if key == "rollback":
        return pygame.Rect(lay.hints)
    if key == "decide":
        return pygame.Rect(turn.decide_button.rect)
    return pygame.Rect(getattr(lay, {"preview": "effects", "timeline": "strip"}.get(key, key)))


def _story_part(turn: Any, key: str) -> pygame.Rect:
    """The rows of the story box that hold the situation (or the counsel) as they stand on screen now."""
    box = turn.story_box
    whole = pygame.Rect(box.rect)
    first = t("turn.counsel") if key == "counsel" else None
    start = _row(turn, first) if first is not None else None
    end = _row(turn, t("turn.options_in_full") if key == "counsel" else t("turn.counsel"))
    top = _screen_y(turn, start.top) if start is not None else whole.top
    bottom = _screen_y(turn, end.top) if end is not None else whole.bottom
    part = pygame.Rect(whole.left, top, whole.width, bottom - top).clip(whole)
    return part if part.height >= turn.app.px(40) else whole


def _bar(turn: Any) -> Any:
    bar = getattr(turn.story_box, "scroll_bar", None)
    return bar if bar is not None and bar.alive() else None


def _offset(turn: Any) -> int:
    bar = _bar(turn)
    height = turn.story_box.text_box_layout.layout_rect.height
    return int(bar.start_percentage * height) if bar is not None else 0


def _screen_y(turn: Any, layout_y: int) -> int:
    box = turn.story_box
    return int(box.rect.top + box.border_width["top"] + box.padding[1] + layout_y - _offset(turn))


def _row(turn: Any, text: str) -> Any:
    """The story's row that reads exactly `text` (a heading), or None."""
    for row in turn.story_box.text_box_layout.layout_rows:
        if "".join(getattr(chunk, "text", "") for chunk in row.items).strip() == text:
            return row
    return None


def _scroll_to(turn: Any, share: float) -> None:
    bar = _bar(turn)
    if bar is None:
        return
    bar.set_scroll_from_start_percentage(min(max(share, 0.0), max(1.0 - bar.visible_percentage, 0.0)))
    turn.story_box.update(0.0)  # the box takes its bar's place now, so the frame is measured on the new picture


def _scroll_to_row(turn: Any, text: str) -> None:
    row = _row(turn, text)
    height = turn.story_box.text_box_layout.layout_rect.height
    if row is not None and height > 0:
        _scroll_to(turn, row.top / height)


# ---- what each step says ---------------------------------------------------------------------------------------

def _words(turn: Any, key: str) -> str:
    game = turn.game
    session = game.session
    settings = turn.app.settings
    if key == "header":
        return _join(t("guide.header.text"), t("guide.header.badge") if turn.badge_area.visible else "")
    if key == "story":
        linked = "<a " in turn.story_box.html_text
        return _join(t("guide.story.text"), t("guide.story.terms") if linked else "")
    if key == "options":
        options = session.pending.event.options if session.pending is not None else []
        marked = any(o.historical for o in options) and settings.show_history and game.shows("historical_marks")
        return _join(t("guide.options.text", count=len(options)), t("guide.options.history") if marked else "")
    if key == "preview":
        if not (settings.show_previews and game.shows("previews")):
            return t("guide.preview.hidden")
        number = example(turn)
        head = t("guide.preview.example", number=number + 1) if number is not None else ""
        return _join(head, t("guide.preview.text"))
    if key == "meters":
        ghost = settings.show_history and game.shows("ghost")
        return _join(t("guide.meters.text"), t("guide.meters.diamond") if ghost else "", t("guide.meters.keys"))
    if key == "map":
        return _join(t("guide.map.text"), t("guide.map.features") if map_state(game) else "")
    if key == "odds":
        return t("guide.odds.text") if game.shows("odds") else t("guide.odds.hidden")
    if key == "rollback":
        mode = game.rollback_mode
        return _join(t("guide.rollback.line"), t(f"guide.rollback.{mode}"))
    if key == "decide":
        return t("guide.decide.review") if game.reviewing else t("guide.decide.text")
    return t(f"guide.{key}.text")


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)
