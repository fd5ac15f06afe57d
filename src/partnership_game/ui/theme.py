"""The dossier look: palettes (one colour-blind safe), fonts from pygame_gui's bundled Noto Sans, the widget theme."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pygame

from partnership_game import paths

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    """Every colour the game draws with. Series colours are told apart by pattern and label too, never colour alone."""

    name: str
    desk: Colour  # the dark background the papers lie on
    paper: Colour
    paper_shade: Colour
    ink: Colour
    ink_soft: Colour
    rule: Colour  # thin lines on paper
    stamp: Colour  # date stamps and the historical mark
    good: Colour
    bad: Colour
    ghost: Colour  # the historical path
    focus: Colour
    disabled: Colour
    series: tuple[Colour, ...]  # meter lines
    land: Colour
    water: Colour
    route: Colour


DOSSIER = Palette(
    name="dossier",
    desk=(34, 38, 46),
    paper=(236, 228, 210),
    paper_shade=(218, 207, 184),
    ink=(33, 33, 38),
    ink_soft=(88, 84, 80),
    rule=(176, 164, 140),
    stamp=(158, 38, 38),
    good=(28, 110, 72),
    bad=(160, 50, 40),
    ghost=(120, 112, 100),
    focus=(28, 78, 140),
    disabled=(150, 144, 134),
    series=((28, 78, 140), (160, 50, 40), (28, 110, 72), (120, 60, 140), (176, 112, 20), (40, 120, 130), (90, 90, 90)),
    land=(214, 204, 180),
    water=(196, 206, 208),
    route=(28, 78, 140),
)

# Okabe and Ito's colour-blind safe set, on the same paper.
COLOUR_SAFE = Palette(
    name="colour_safe",
    desk=(30, 32, 40),
    paper=(240, 236, 226),
    paper_shade=(222, 215, 200),
    ink=(20, 20, 24),
    ink_soft=(80, 80, 84),
    rule=(170, 165, 150),
    stamp=(213, 94, 0),
    good=(0, 114, 178),
    bad=(213, 94, 0),
    ghost=(110, 110, 110),
    focus=(0, 114, 178),
    disabled=(150, 150, 150),
    series=((0, 114, 178), (213, 94, 0), (0, 158, 115), (204, 121, 167), (230, 159, 0), (86, 180, 233), (60, 60, 60)),
    land=(220, 214, 196),
    water=(200, 214, 224),
    route=(0, 114, 178),
)

PALETTES = {p.name: p for p in (DOSSIER, COLOUR_SAFE)}


def _font_file(bold: bool) -> Any:
    name = "NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf"
    return resources.files("pygame_gui.data").joinpath(name)


# The class fonts are made of: the layout audit (ui/audit.py) puts a recording subclass here while it looks.
font_class: type[pygame.font.Font] = pygame.font.Font


@functools.lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> pygame.font.Font:
    """Noto Sans (it covers Cyrillic) from pygame_gui's package data: the same on every machine, no SysFont."""
    with resources.as_file(_font_file(bold)) as path:
        return font_class(str(path), max(6, size))


def font_path(bold: bool = False) -> str:
    """The file of the regular or bold face (the audit checks glyph coverage against it)."""
    with resources.as_file(_font_file(bold)) as path:
        return str(path)


def widget_theme(palette: Palette, text_scale: float) -> dict[str, Any]:
    """The pygame_gui theme: assets/theme.json with this palette's colours and font sizes scaled by the setting."""
    base = json.loads((paths.assets_dir() / "theme.json").read_text(encoding="utf-8"))
    colours = {
        name: "#{:02x}{:02x}{:02x}".format(*getattr(palette, name))
        for name in palette.__dataclass_fields__
        if name not in ("name", "series")
    }

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if isinstance(value, str) and value.startswith("="):
                    out[key] = value[1:]  # "=14": a size that must not scale (pygame_gui's fixed-pixel dialogs)
                elif key in ("size", "point_size", "list_item_height") and isinstance(value, (int, str)):
                    out[key] = str(max(8, round(int(value) * text_scale)))
                elif key == "padding" and isinstance(value, str):
                    out[key] = ",".join(str(round(int(v) * text_scale)) for v in value.split(","))
                else:
                    out[key] = resolve(value)
            return out
        if isinstance(node, str) and node.startswith("$"):
            return colours.get(node[1:], node)
        return node

    resolved: dict[str, Any] = resolve(base)
    return resolved


def theme_path() -> Path:
    return paths.assets_dir() / "theme.json"
