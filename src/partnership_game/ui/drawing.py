"""Drawing helpers for the dossier look: paper panels, date stamps, cached text, wrapped text."""

from __future__ import annotations

import pygame

from partnership_game.ui import theme
from partnership_game.ui.picture_cache import PictureCache
from partnership_game.ui.theme import Colour, Palette

# While the layout audit looks (ui/audit.py): each wrapped text's image with the box it was given; None in play.
wrapped_boxes: list[tuple[pygame.Surface, pygame.Rect]] | None = None


# Enough for every text of the largest screen at 2560×1440 and 140 % text several times over (a turn screen draws
# about 20 of them: 0.3 MB at 1280×720, 2.3 MB at 2560×1440 and 140 %).
RENDERED_BUDGET = 8 << 20
_rendered = PictureCache(RENDERED_BUDGET)


def rendered(text: str, size: int, colour: Colour, bold: bool = False, wrap: int = 0) -> pygame.Surface:
    """Text rendered once and kept: most of what a screen shows does not change from frame to frame."""
    return _rendered.get((text, size, colour, bold, wrap),
                         lambda: theme.font(size, bold).render(text, True, colour, wraplength=wrap))


rendered.cache_clear = _rendered.clear  # type: ignore[attr-defined]  # as functools' caches have (App, the audit)


def text(
    surface: pygame.Surface,
    pos: tuple[int, int],
    value: str,
    size: int,
    colour: Colour,
    bold: bool = False,
    anchor: str = "topleft",
) -> pygame.Rect:
    image = rendered(value, size, colour, bold)
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    return rect


def fit(value: str, size: int, width: int, bold: bool = False) -> str:
    """The text, shortened with an ellipsis if it is wider than `width` (for labels only, never for content)."""
    font = theme.font(size, bold)
    if font.size(value)[0] <= width:
        return value
    while value and font.size(value + "…")[0] > width:
        value = value[:-1]
    return value.rstrip() + "…"


def wrapped(
    surface: pygame.Surface, rect: pygame.Rect, value: str, size: int, colour: Colour, bold: bool = False
) -> int:
    """Draw text wrapped to the rect's width; returns the height used (it may exceed the rect: callers check)."""
    image = rendered(value, size, colour, bold, max(rect.width, 20))
    if wrapped_boxes is not None:
        wrapped_boxes.append((image, rect.copy()))
    surface.blit(image, rect.topleft)
    return image.get_height()


def wrapped_height(value: str, size: int, width: int, bold: bool = False) -> int:
    return rendered(value, size, (0, 0, 0), bold, max(width, 20)).get_height()


def paper(surface: pygame.Surface, rect: pygame.Rect, palette: Palette, shaded: bool = False) -> None:
    """A sheet of paper on the desk: a soft shadow, the sheet, a thin rule inside the edge."""
    shadow = rect.move(3, 4)
    pygame.draw.rect(surface, tuple(max(c - 14, 0) for c in palette.desk), shadow, border_radius=3)
    pygame.draw.rect(surface, palette.paper_shade if shaded else palette.paper, rect, border_radius=3)
    pygame.draw.rect(surface, palette.rule, rect.inflate(-8, -8), width=1, border_radius=2)


def stamp(surface: pygame.Surface, rect: pygame.Rect, lines: list[str], palette: Palette, size: int) -> None:
    """A date stamp: a double red border and capitals, the look of a dossier's received-on mark."""
    pygame.draw.rect(surface, palette.stamp, rect, width=2, border_radius=4)
    pygame.draw.rect(surface, palette.stamp, rect.inflate(-7, -7), width=1, border_radius=3)
    total = sum(theme.font(size if i == 0 else max(size - 4, 8), i == 0).get_linesize() for i in range(len(lines)))
    y = rect.centery - total // 2
    for i, line in enumerate(lines):
        line_size = size if i == 0 else max(size - 4, 8)
        fitted = fit(line.upper(), line_size, rect.width - 16, bold=i == 0)
        drawn = text(surface, (rect.centerx, y), fitted, line_size, palette.stamp, bold=i == 0, anchor="midtop")
        y = drawn.bottom


def rule(surface: pygame.Surface, start: tuple[int, int], end: tuple[int, int], palette: Palette) -> None:
    pygame.draw.line(surface, palette.rule, start, end, 1)
