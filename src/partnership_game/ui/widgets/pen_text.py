"""Text for the drawing widgets: rendered once and cached, measured, and shortened to fit a width."""

from __future__ import annotations

import pygame

from partnership_game.ui.theme import Colour, font

_TEXT_CACHE_MAX = 1024
_text_cache: dict[tuple[str, int, bool, Colour], pygame.Surface] = {}


def text(label: str, px: int, colour: Colour, bold: bool = False) -> pygame.Surface:
    """Rendered text, cached: rendering is the slowest thing a widget does, and labels repeat every frame."""
    key = (label, px, bold, colour)
    image = _text_cache.get(key)
    if image is None:
        if len(_text_cache) >= _TEXT_CACHE_MAX:
            _text_cache.clear()  # the labels on screen come straight back; a full LRU would cost more than it saves
        image = font(px, bold).render(label, True, colour)
        _text_cache[key] = image
    return image


def text_width(label: str, px: int, bold: bool = False) -> int:
    return font(px, bold).size(label)[0]


def text_height(px: int, bold: bool = False) -> int:
    return font(px, bold).get_height()


def fit_text(label: str, px: int, max_width: float, bold: bool = False) -> str:
    """The label, shortened with an ellipsis until it fits (empty if not even the ellipsis fits)."""
    face = font(px, bold)
    if face.size(label)[0] <= max_width:
        return label
    low, high = 0, len(label)
    while low < high:
        mid = (low + high + 1) // 2
        if face.size(label[:mid].rstrip() + "…")[0] <= max_width:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return "…" if face.size("…")[0] <= max_width else ""
    return label[:low].rstrip() + "…"
