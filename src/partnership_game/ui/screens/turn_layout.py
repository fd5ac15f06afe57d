"""Where the turn screen's areas go: the story takes the left column's height but for the compact options and the
effects line; the buttons and key hints stand under the meters and the map."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame

from partnership_game.ui import drawing
from partnership_game.ui.widgets.meters import meters_height

CARD_GAP = 4


@dataclass
class Layout:
    """The named areas of the turn screen (the guided first turn points at these)."""

    header: pygame.Rect
    title: pygame.Rect  # inside the header: the event's title, the news kicker and the accuracy badge
    strip: pygame.Rect  # the timeline
    story: pygame.Rect  # situation, counsel and the options in full (scrolls)
    options: pygame.Rect  # the compact option cards
    effects: pygame.Rect  # the focused option's effects in words
    hints: pygame.Rect  # the key hints, or the latest status, over the buttons
    footer: pygame.Rect  # Menu, Odds, Decide (at the foot of the right column)
    meters: pygame.Rect
    map: pygame.Rect
    card_px: int  # the option labels' text size
    effects_px: int


def card_height(app: Any, label: str, extra: str | None, width: int, size: int) -> int:
    """One card: its label (wrapped, never cut) and, for an option not available now, the reason on its own line."""
    inner = card_inner_width(app, width)
    height = drawing.wrapped_height(label, size, inner, bold=True) + app.px(6)
    if extra:
        height += drawing.wrapped_height(extra, max(size - 3, 9), inner)
    return int(height)


def card_inner_width(app: Any, width: int) -> int:
    """Room for the label: the number badge on the left, the "what history chose" tag on the right."""
    return int(width - app.px(48) - app.px(120))


def plan(app: Any, header: Any, labels: list[tuple[str, str | None]], effect_texts: list[str],
         meter_count: int, hint_texts: list[str]) -> Layout:
    """`labels`: each option's label and its unavailable line (or None); `effect_texts`: every text the effects line
    may show, so its height holds the longest and nothing is ever cut; `hint_texts`: the same for the key hints."""
    w, h = app.size
    m = app.px(10)
    gap = app.px(8)
    head = header.place(m, m, w - 2 * m)
    strip = pygame.Rect(m, head.bottom + app.px(4), w - 2 * m, app.px(32))
    top = strip.bottom + app.px(6)
    left_w = left_column_width(w, m)
    right_x = m + left_w + m
    right_w = w - right_x - m
    # The right column ends with the buttons and, over them, the key hints: the left column's whole height goes to
    # reading.
    footer = pygame.Rect(right_x, h - m - app.px(36), right_w, app.px(36))
    hint_px = hint_size(app)
    hint_h = max(drawing.wrapped_height(text, hint_px, right_w) for text in hint_texts)
    hints = pygame.Rect(right_x, footer.top - app.px(4) - hint_h, right_w, hint_h)
    body_h = h - m - top
    # The effects line: as tall as its longest text wraps (usually one line).
    effects_px = max(12, app.px(13))
    inner_w = left_w - app.px(24)
    words_h = max([drawing.wrapped_height(text, effects_px, inner_w) for text in effect_texts] or [0])
    effects_h = words_h + app.px(10)
    # Compact cards; when large text would let them take more than two fifths of the column, the labels get
    # smaller (never below 12 px) before the story loses its room.
    size = app.px(15)
    pad = app.px(4)
    cards_h = 0
    while True:
        cards_h = sum(card_height(app, label, extra, left_w - 2 * pad, size) + app.px(CARD_GAP)
                      for label, extra in labels)
        if cards_h + 2 * pad <= (body_h - effects_h) * 0.4 or size <= max(12, app.px(11)):
            break
        size -= 1
    options_h = cards_h + 2 * pad - app.px(CARD_GAP) if labels else 0
    effects = pygame.Rect(m, h - m - effects_h, left_w, effects_h)
    options = pygame.Rect(m, effects.top - app.px(2) - options_h, left_w, options_h)
    story = pygame.Rect(m, top, left_w, max(app.px(40), options.top - gap - top))
    right_h = hints.top - gap - top
    wanted = meters_height(meter_count, app.px(14)) + app.px(34)
    # The meters may give up a seventh of their height (their rows squeeze alike) so the map keeps a useful size;
    # with less room than that (large text on a small window) the meters take the column and the map none.
    meters_h = min(wanted, max(right_h - gap - app.px(150), int(wanted * 0.86)))
    if right_h - meters_h - gap < app.px(120):
        meters_h = right_h
    meters = pygame.Rect(right_x, top, right_w, meters_h)
    map_rect = pygame.Rect(right_x, meters.bottom + gap, right_w, max(0, hints.top - gap - meters.bottom - gap))
    return Layout(head, header.title, strip, story, options, effects, hints, footer, meters, map_rect, size,
                  effects_px)


def left_column_width(window_w: int, margin: int) -> int:
    """The left column (the story, the options, the effects): a little under two thirds of the window."""
    return int((window_w - 3 * margin) * 0.62)


def story_column_width(window: tuple[int, int], scale: float) -> int:
    """The widest the story's words can run at this window size and text scale (the box's padding taken off, its
    scroll bar not): what the counsel cards measure their speakers' words against."""
    margin = max(1, round(10 * scale))
    return left_column_width(window[0], margin) - 2 * max(1, round(10 * scale))


def hint_size(app: Any) -> int:
    """The key hints' text size: the small size, never below 11 px."""
    return max(11, int(app.px(13)))


def card_rects(app: Any, lay: Layout, labels: list[tuple[str, str | None]]) -> list[pygame.Rect]:
    pad = app.px(4)
    y = lay.options.top + pad
    rects = []
    for label, extra in labels:
        height = card_height(app, label, extra, lay.options.width - 2 * pad, lay.card_px)
        rects.append(pygame.Rect(lay.options.left + pad, y, lay.options.width - 2 * pad, height))
        y += height + app.px(CARD_GAP)
    return rects
