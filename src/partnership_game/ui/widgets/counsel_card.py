"""A speaker's card for the counsel: the office's emblem in its frame, the office and the faction, dossier style.

The story is pygame_gui rich text, which takes pictures only as files (`<img src=...>`): each card is also written
once, as a PNG, to a folder of this process's own that is removed when the game ends.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import shutil
import tempfile
from pathlib import Path

import pygame

from partnership_game.ui import theme
from partnership_game.ui.theme import Palette
from partnership_game.ui.widgets import emblem

_folder: Path | None = None


def card_height(scale: float) -> int:
    """The card's usual height: a little under two rows of the story's text, so two rows of words fill its side."""
    return round(50 * scale)


@functools.lru_cache(maxsize=64)
def card(spec: str | Path | None, office: str, faction: str, scale: float, palette: Palette) -> pygame.Surface:
    """The card: emblem on the left, the office (bold) and the faction in brackets (soft) on the right."""
    pad = max(3, round(5 * scale))
    side = card_height(scale) - 2 * pad
    gap = max(4, round(8 * scale))
    office_font = theme.font(max(9, round(13 * scale)), True)
    faction_font = theme.font(max(9, round(12 * scale)), False)
    faction_words = f"({faction})"
    room = max(round(240 * scale), 40)
    # As wide as the longer of the two lines needs, up to `room`; longer words wrap onto more lines.
    text_w = min(room, max(office_font.size(office)[0], faction_font.size(faction_words)[0]) + 2)
    office_img = office_font.render(office, True, palette.ink, wraplength=text_w)
    faction_img = faction_font.render(faction_words, True, palette.ink_soft, wraplength=text_w)
    text_h = office_img.get_height() + faction_img.get_height()
    width = pad + side + gap + max(office_img.get_width(), faction_img.get_width()) + pad + 2
    height = max(side, text_h) + 2 * pad
    surface = pygame.Surface((width, height), pygame.SRCALPHA)
    box = surface.get_rect()
    pygame.draw.rect(surface, palette.paper, box, border_radius=3)
    pygame.draw.rect(surface, palette.rule, box, width=1, border_radius=3)
    # A thin band down the left edge, the colour of the dossier's stamps: the mark of a filed card.
    pygame.draw.rect(surface, palette.stamp, pygame.Rect(0, 0, max(2, round(3 * scale)), height),
                     border_top_left_radius=3, border_bottom_left_radius=3)
    surface.blit(emblem.tile(spec, office, side, palette), (pad + 1, (height - side) // 2))
    y = (height - text_h) // 2
    surface.blit(office_img, (pad + side + gap, y))
    surface.blit(faction_img, (pad + side + gap, y + office_img.get_height()))
    return surface


def _cards_folder() -> Path:
    global _folder
    if _folder is None or not _folder.is_dir():
        _folder = Path(tempfile.mkdtemp(prefix="partnership-cards-"))
        atexit.register(shutil.rmtree, _folder, True)
    return _folder


def card_file(spec: str | Path | None, office: str, faction: str, scale: float, palette: Palette) -> Path:
    """The card as a PNG file for the rich text, written once per look (the name is a hash of everything drawn)."""
    key = repr((str(spec), isinstance(spec, Path), office, faction, round(scale, 3), palette))
    path = _cards_folder() / f"card-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}.png"
    if not path.is_file():
        pygame.image.save(card(spec, office, faction, scale, palette), str(path))
    return path
