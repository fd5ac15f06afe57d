"""The turn screen's header: a date stamp sized to its words, the event on screen with its badge, where we are."""

from __future__ import annotations

from typing import Any

import pygame

from partnership_game.session import texts
from partnership_game.ui import drawing, theme
from partnership_game.ui.game import Game
from partnership_game.ui.screens.event_title import EventTitle
from partnership_game.ui.strings import t
from partnership_game.ui.views import date_text, news_words


def stamp_lines(game: Game) -> list[str]:
    session = game.session
    turns = session.scenario.model.turns
    turn = turns[min(session.state.turn, len(turns) - 1)]
    return [date_text(game, turn), texts.shown(session, turn.place)]


def stamp_size(app: Any, lines: list[str]) -> tuple[int, int]:
    """The stamp as wide as its longest line (capitals, as drawing.stamp prints them), so no place is cut."""
    size = app.px(16)
    widths = [theme.font(size if i == 0 else max(size - 4, 8), i == 0).size(line.upper())[0]
              for i, line in enumerate(lines)]
    height = sum(theme.font(size if i == 0 else max(size - 4, 8), i == 0).get_linesize() for i in range(len(lines)))
    return max(widths) + 16 + app.px(12), height + app.px(8)


def counter_lines(game: Game) -> list[str]:
    """"Turn 3 of 14" and "4 decisions taken (1 asked by news)": the decisions taken so far, counted and worded as
    the debrief counts them."""
    session = game.session
    model = session.scenario.model
    first = t("turn.turn_of", turn=min(session.state.turn, len(model.turns) - 1) + 1, turns=len(model.turns))
    # Random events ask decisions too, so the count may pass the turn number: it says how many, as the debrief does.
    taken = len(session.decisions)
    news = news_words(session)
    second = (t("turn.decisions_none") if taken == 0 else t("turn.decisions_taken_one", news=news) if taken == 1
              else t("turn.decisions_taken", count=taken, news=news))
    return [first, second]


class Header:
    """Lays out and draws the header; the event title inside it is the EventTitle (badge, note, news kicker)."""

    def __init__(self, app: Any, game: Game, event_title: EventTitle) -> None:
        self.app = app
        self.game = game
        self.event_title = event_title
        self.stamp = pygame.Rect(0, 0, 0, 0)
        self.title = pygame.Rect(0, 0, 0, 0)
        self.counter_w = 0

    def place(self, left: int, top: int, width: int) -> pygame.Rect:
        """Fix the parts' places for a header `width` wide; returns the header's rect (its height fits the title)."""
        app = self.app
        lines = stamp_lines(self.game)
        stamp_w, stamp_h = stamp_size(app, lines)
        stamp_w = min(stamp_w, width // 3)
        small = app.px(13)
        self.counter_w = max(theme.font(small).size(line)[0] for line in counter_lines(self.game)) + app.px(12)
        title_left = left + app.px(10) + stamp_w + app.px(8)
        title_w = left + width - self.counter_w - app.px(12) - title_left
        height = max(stamp_h + app.px(8), self.event_title.height(title_w), app.px(48))
        self.stamp = pygame.Rect(left + app.px(8), top + (height - stamp_h) // 2, stamp_w, stamp_h)
        self.title = pygame.Rect(title_left, top, title_w, height)
        self.event_title.place(self.title)
        return pygame.Rect(left, top, width, height)

    def draw(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        app = self.app
        palette = app.palette
        drawing.paper(surface, rect, palette)
        drawing.stamp(surface, self.stamp, stamp_lines(self.game), palette, app.px(16))
        self.event_title.draw(surface, self.title)
        small = app.px(13)
        lines = counter_lines(self.game)
        line_h = theme.font(small).get_linesize()
        y = rect.centery - line_h
        for i, line in enumerate(lines):
            drawing.text(surface, (rect.right - app.px(14), y + i * line_h), line, small,
                         palette.ink if i == 0 else palette.ink_soft, bold=i == 0, anchor="topright")
