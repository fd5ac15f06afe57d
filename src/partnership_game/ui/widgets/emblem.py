"""Emblems of the offices: a built-in emblem drawn at any size, or a mod's own picture, in the same card frame.

Every picture is made once per size and colours and kept (lru caches): drawn four times larger and scaled down
smoothly, so the edges stay clean from 32 to 96 px. An advisor without an emblem, or whose image cannot be shown
(a scenario read from a save carries no pictures), gets a monogram of the office's initials instead.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pygame

from partnership_game.ui import theme
from partnership_game.ui.theme import Colour, Palette
from partnership_game.ui.widgets.emblem_shapes import SHAPES, Pen

SUPERSAMPLE = 4
MAX_DRAWN_SIDE = 1024  # a 256 px emblem is the largest drawn four times over; larger ones are drawn at this size
SMALL_WORDS = {"a", "an", "and", "the", "of", "for", "from", "to", "in", "on", "at", "de", "la", "le"}


def names() -> tuple[str, ...]:
    """Every built-in emblem the window can draw."""
    return tuple(SHAPES)


@functools.lru_cache(maxsize=256)
def emblem(name: str, size: int, ink: Colour, ground: Colour) -> pygame.Surface:
    """The built-in emblem `name` in `ink` on a transparent square of `size` px (`ground` fills its cut-outs)."""
    size = max(8, size)
    side = min(size * SUPERSAMPLE, MAX_DRAWN_SIDE)
    big = pygame.Surface((side, side), pygame.SRCALPHA)
    SHAPES[name](Pen(big, ink, ground))
    return pygame.transform.smoothscale(big, (size, size))


def monogram_letters(office: str) -> str:
    """Up to two initials of an office's main words: 'Minister of Defence' gives 'MD'."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in office).split() if w.lower() not in SMALL_WORDS]
    return "".join(w[0].upper() for w in words[:2]) or "?"


@functools.lru_cache(maxsize=128)
def monogram(letters: str, size: int, ink: Colour, ground: Colour) -> pygame.Surface:
    """Initials in a double ring: the emblem of an advisor whose scenario names none."""
    size = max(8, size)
    side = size * SUPERSAMPLE
    big = pygame.Surface((side, side), pygame.SRCALPHA)
    pen = Pen(big, ink, ground)
    pen.circle((50, 50), 44, width=5)
    pen.circle((50, 50), 36, width=2)
    picture = theme.font(max(6, round(side * (0.36 if len(letters) > 1 else 0.46))), True).render(letters, True, ink)
    big.blit(picture, picture.get_rect(center=(side // 2, side // 2 + side // 40)))
    return pygame.transform.smoothscale(big, (size, size))


@functools.lru_cache(maxsize=64)
def mod_image(path: str, size: int, stamp: float) -> pygame.Surface | None:
    """A mod's picture fitted into a `size` square (its proportions kept, centred), or None if it cannot be read.
    `stamp` (the file's modification time) makes an edited file load again."""
    try:
        picture = pygame.image.load(path)
    except (pygame.error, OSError, ValueError):
        return None
    width, height = picture.get_size()
    if width < 1 or height < 1:
        return None
    factor = size / max(width, height)
    fitted = (max(1, round(width * factor)), max(1, round(height * factor)))
    picture = picture.convert_alpha() if pygame.display.get_surface() is not None else picture.convert(32)
    scaled = pygame.transform.smoothscale(picture, fitted)
    square = pygame.Surface((size, size), pygame.SRCALPHA)
    square.blit(scaled, scaled.get_rect(center=(size // 2, size // 2)))
    return square


def frame(surface: pygame.Surface, rect: pygame.Rect, palette: Palette) -> pygame.Rect:
    """The card frame every emblem sits in (a shaded tile, a double rule like a dossier's stamp); returns the
    room inside it for the picture."""
    radius = max(2, rect.width // 16)
    pygame.draw.rect(surface, palette.paper_shade, rect, border_radius=radius)
    pygame.draw.rect(surface, palette.ink_soft, rect, width=max(1, rect.width // 40), border_radius=radius)
    inset = max(2, rect.width // 16)
    inner = rect.inflate(-2 * inset, -2 * inset)
    pygame.draw.rect(surface, palette.rule, inner, width=1)
    pad = max(1, rect.width // 24)
    return inner.inflate(-2 * pad, -2 * pad)


def tile(spec: str | Path | None, office: str, size: int, palette: Palette) -> pygame.Surface:
    """An advisor's emblem in its frame, `size` px square: a built-in name, a checked image file of the mod, or
    None (the office's monogram)."""
    return _tile(str(spec) if isinstance(spec, Path) else spec, isinstance(spec, Path), office, size, palette)


@functools.lru_cache(maxsize=128)
def _tile(spec: str | None, is_file: bool, office: str, size: int, palette: Palette) -> pygame.Surface:
    size = max(16, size)
    surface = pygame.Surface((size, size), pygame.SRCALPHA)
    room = frame(surface, pygame.Rect(0, 0, size, size), palette)
    picture: pygame.Surface | None = None
    if is_file and spec is not None:
        try:
            stamp = Path(spec).stat().st_mtime
        except OSError:
            stamp = -1.0
        picture = mod_image(spec, room.width, stamp) if stamp >= 0 else None
    elif spec in SHAPES:
        picture = emblem(spec, room.width, palette.ink, palette.paper_shade)
    if picture is None:
        picture = monogram(monogram_letters(office), room.width, palette.ink, palette.paper_shade)
    surface.blit(picture, picture.get_rect(center=room.center))
    return surface


def clear_caches() -> None:
    """Forget every picture (fonts die with pygame.quit; a new display needs new surfaces)."""
    for cached in (emblem, monogram, mod_image, _tile):
        cached.cache_clear()
