"""The compact option cards and the effects line under them."""

from __future__ import annotations

from typing import Any

import pygame

from partnership_game.ui import drawing
from partnership_game.ui.screens.turn_layout import card_inner_width
from partnership_game.ui.strings import t


def draw_card(app: Any, surface: pygame.Surface, rect: pygame.Rect, number: int, label: str, reason: str | None,
              state: tuple[bool, bool, bool], history_tag: bool, size: int) -> None:
    """One option: `state` is (selected, hovered, available). Selection is a thick ring and an inverted number,
    not colour alone; an unavailable option says why in words."""
    selected, hovered, available = state
    palette = app.palette
    background = palette.paper_shade if (selected or hovered) else palette.paper
    pygame.draw.rect(surface, background, rect, border_radius=3)
    border = palette.focus if selected else (palette.ink_soft if hovered else palette.rule)
    pygame.draw.rect(surface, border, rect, width=3 if selected else 1, border_radius=3)
    ink = palette.ink if available else palette.disabled
    side = min(app.px(24), rect.height - 6)
    badge = pygame.Rect(rect.left + app.px(8), rect.top + (min(rect.height, app.px(34)) - side) // 2, side, side)
    pygame.draw.rect(surface, ink, badge, width=0 if selected else 2, border_radius=4)
    drawing.text(surface, badge.center, str(number), app.px(14), palette.paper if selected else ink, bold=True,
                 anchor="center")
    label_rect = pygame.Rect(rect.left + app.px(40), rect.top + app.px(5), card_inner_width(app, rect.width),
                             rect.height)
    used = drawing.wrapped(surface, label_rect, label, size, ink, bold=True)
    tag_pos = (rect.right - app.px(10), rect.top + app.px(5))
    if reason is not None:
        drawing.wrapped(surface, label_rect.move(0, used), reason, max(size - 3, 9), palette.bad)
        # Greyed out, and the word says why: colour is never the only signal.
        tag = drawing.rendered(t("turn.unavailable_tag"), app.px(12), palette.bad, True)
        surface.blit(tag, tag.get_rect(topright=tag_pos))
    elif history_tag:
        tag = drawing.rendered(t("turn.history_mark"), app.px(12), palette.stamp, True)
        surface.blit(tag, tag.get_rect(topright=tag_pos))


def draw_effects(app: Any, surface: pygame.Surface, rect: pygame.Rect, words: str, size: int,
                 focused: bool) -> None:
    """The focused option's effects in words, wrapped inside the rect laid out to hold the longest of them."""
    palette = app.palette
    drawing.paper(surface, rect, palette, shaded=focused)
    inner = rect.inflate(-app.px(24), -app.px(10))
    drawing.wrapped(surface, inner, words, size, palette.ink if focused else palette.ink_soft)


def draw_hints(surface: pygame.Surface, rect: pygame.Rect, words: str, size: int, palette: Any) -> None:
    """The key hints (or the latest status) on the desk over the buttons, wrapped. The room is laid out for the
    hints and at least two lines; a status longer than that (rare: a refused choice) shows shortened on one line."""
    if drawing.wrapped_height(words, size, rect.width) <= rect.height:
        drawing.wrapped(surface, rect, words, size, palette.paper)
    else:
        drawing.text(surface, rect.midleft, drawing.fit(words, size, rect.width), size, palette.paper,
                     anchor="midleft")
