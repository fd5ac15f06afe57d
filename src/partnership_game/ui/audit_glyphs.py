"""Glyph checks for the layout audit: which font file drew a widget's text, and which characters a font lacks."""

from __future__ import annotations

import functools
from typing import Any

import pygame.freetype


def _gui_regular_font() -> str:
    from importlib import resources

    with resources.as_file(resources.files("pygame_gui.data").joinpath("NotoSans-Regular.ttf")) as path:
        return str(path)


_gui_fonts: dict[int, str] = {}  # id(pygame_gui font) -> its file, for the manager being audited


def learn_gui_fonts(manager: Any) -> None:
    """Which file each of pygame_gui's loaded fonts came from (icon buttons use Fira Code, text Noto Sans)."""
    from importlib import resources

    _gui_fonts.clear()
    fonts = getattr(manager.get_theme().get_font_dictionary(), "loaded_fonts", {})
    for resource in fonts.values():
        location = getattr(resource, "location", None)
        loaded = getattr(resource, "loaded_font", None)
        if loaded is None or location is None:
            continue
        if hasattr(location, "package") and hasattr(location, "resource"):
            with resources.as_file(resources.files(location.package).joinpath(location.resource)) as path:
                _gui_fonts[id(loaded)] = str(path)
        elif isinstance(location, str):
            _gui_fonts[id(loaded)] = location


def font_file_of(chunks: list[Any]) -> str:
    """The file of the first chunk's font that the manager loaded (else pygame_gui's Noto Sans)."""
    return next((_gui_fonts[id(c.font)] for c in chunks if id(getattr(c, "font", None)) in _gui_fonts),
                _gui_regular_font())


def _face(path: str) -> pygame.freetype.Font:
    if not pygame.freetype.get_init():  # pygame.quit() ends freetype and kills the faces made before
        _faces.cache_clear()
        pygame.freetype.init()
    return _faces(path)


@functools.lru_cache(maxsize=8)
def _faces(path: str) -> pygame.freetype.Font:
    return pygame.freetype.Font(path, 16)


def missing_glyphs(text: str, font_file: str) -> str:
    """The characters of `text` the font has no glyph for (they would show as empty boxes)."""
    chars = sorted({c for c in text if c.isprintable() and not c.isspace()})
    if not chars:
        return ""
    metrics = _face(font_file).get_metrics("".join(chars))
    return "".join(c for c, m in zip(chars, metrics, strict=False) if m is None)
