"""A pygame_gui manager that keeps less in memory: short theming keys, fonts read from their files, few shadows.

Three habits of pygame_gui 0.6 cost the window game about 50 MB after a campaign:
- the theme caches each widget's theming ids under a key made with `str.join` the wrong way round, so every key
  is the id lists' text interleaved with itself (about 20 KB each; one per kind of widget placed: 25 MB);
- every font size and style of its bundled Noto Sans is opened from a private in-memory copy of the whole file
  (600 KB each, one per size and style: 10 MB). Opened from its path, the font reads the file as it needs it;
- each widget's drop shadow is kept in a cache emptied only after 10 s of frames, so screens built in quick
  succession (keys pressed faster than that) pile up window-sized shadows (up to 20 MB). The cache is there so that
  a row of equal buttons shares one; the most recent few MB do that as well.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pygame_gui
from pygame_gui.core import UIAppearanceTheme
from pygame_gui.core.package_resource import PackageResource
from pygame_gui.core.ui_shadow import ShadowGenerator

IdList = tuple[str | None, ...] | None
SHADOWS_KEPT_BYTES = 4 << 20


def _ids(value: Any) -> IdList:
    return None if value is None else tuple(value)


def _on_disk(location: Any) -> Any:
    """A package's font as a file path when the package is an ordinary folder; otherwise as it was (a zipped
    package has no path that outlives the call, so its fonts keep their in-memory copy)."""
    if not isinstance(location, PackageResource):
        return location
    try:
        found = resources.files(location.package).joinpath(location.resource)
    except (ModuleNotFoundError, TypeError):
        return location
    return str(found) if isinstance(found, Path) and found.is_file() else location


class LeanShadows(ShadowGenerator):
    """pygame_gui's shadows, the short-term cache holding the newest ones up to SHADOWS_KEPT_BYTES (and always the
    newest, whatever its size)."""

    def create_new_rectangle_shadow(self, width: int, height: int, shadow_width_param: int,
                                    corner_radii: list[int]) -> Any:
        shadow = super().create_new_rectangle_shadow(width, height, shadow_width_param, corner_radii)
        cache = self.short_term_rect_cache
        kept = 0
        for key in reversed(list(cache)):  # newest first (dicts keep the order of insertion)
            surface = cache[key]
            kept += surface.get_width() * surface.get_height() * surface.get_bytesize()
            if kept > SHADOWS_KEPT_BYTES and surface is not shadow:
                del cache[key]
        return shadow


class LeanTheme(UIAppearanceTheme):
    """pygame_gui's theme with the two habits above undone; everything else is the library's own."""

    def __init__(self, resource_loader: Any, locale: str) -> None:
        super().__init__(resource_loader, locale)
        self.shadow_generator = LeanShadows()
        self._combined_ids: dict[tuple[IdList, IdList, IdList, IdList], list[str]] = {}
        fonts: Any = self.get_font_dictionary()  # the library's font dictionary, beyond its interface
        for name, styles in fonts.known_font_paths.items():
            fonts.known_font_paths[name] = [(_on_disk(location), forced) for location, forced in styles]
        for font in fonts.loaded_fonts.values():  # the default faces, opened before the paths above were known
            location = _on_disk(font.location)
            if location is not font.location:
                font.location = location
                font.load()

    def build_all_combined_ids(self, element_base_ids: Any, element_ids: Any, class_ids: Any,
                               object_ids: Any) -> list[str]:
        key = (_ids(element_base_ids), _ids(element_ids), _ids(class_ids), _ids(object_ids))
        found = self._combined_ids.get(key)
        if found is None:
            found = super().build_all_combined_ids(element_base_ids, element_ids, class_ids, object_ids)
            self.unique_theming_ids.clear()  # the library's own cache, under its long keys: kept here instead
            self._combined_ids[key] = found
        return found


class LeanUIManager(pygame_gui.UIManager):
    """A UIManager whose theme is a LeanTheme (the library makes its theme in this one method)."""

    def create_new_theme(self, theme_path: Any = None) -> UIAppearanceTheme:
        theme = LeanTheme(self.resource_loader, self._locale)
        if theme_path is not None:
            theme.load_theme(theme_path)
        return theme
