"""The counsel in the story: each speaker's card floated at the start of their words, the words running beside it."""

from __future__ import annotations

import html
import math
from pathlib import Path

import pygame

from partnership_game.scenario.emblems import names_a_file
from partnership_game.scenario.models import Advisor
from partnership_game.ui import drawing, theme
from partnership_game.ui.game import Game
from partnership_game.ui.screens.turn_layout import story_column_width
from partnership_game.ui.theme import Palette
from partnership_game.ui.widgets.counsel_card import card, card_file

STORY_TEXT_PX = 16  # the story box's text size at 100 % (assets/theme.json, text_box)
STORY_LINE_SPACING = 1.25
GAP_BASE_PX = 8  # the paragraph gap the turn screen asks for at 100 %: it tells the story's scale


def palette_for(stamp_hex: str) -> Palette:
    """The palette whose stamp colour the turn screen passed (the story's only word on the colours in force)."""
    for palette in theme.PALETTES.values():
        if "#{:02x}{:02x}{:02x}".format(*palette.stamp) == stamp_hex.lower():
            return palette
    return theme.DOSSIER


def emblem_of(game: Game, who: Advisor) -> str | Path | None:
    """What the card shows: a built-in emblem's name, the mod's checked image, or None (the office's monogram;
    also for an image the scenario cannot show, as when it was read from a save)."""
    if who.emblem is None:
        return None
    if names_a_file(who.emblem):
        return game.scenario.emblems.get(who.id)
    return who.emblem


def _clearing_breaks(words: str, card_w: int, card_h: int, scale: float, gap_px: int) -> str:
    """Blank rows after words too short to fill the card's side, less the gap between paragraphs: a next card
    must not float beside this one. The words are measured at the widest the column can be, so the count errs
    towards one row too many."""
    surface = pygame.display.get_surface()
    window = surface.get_size() if surface is not None else (1280, 720)
    size = max(8, round(STORY_TEXT_PX * scale))
    beside = story_column_width(window, scale) - card_w
    row = theme.font(size).get_linesize() * STORY_LINE_SPACING
    rows = drawing.wrapped_height(words, size, max(beside, 40)) / max(theme.font(size).get_linesize(), 1)
    missing = math.ceil((card_h - 2 * gap_px) / row - rows)
    return "<br>" * max(0, missing)


def counsel_paragraph(game: Game, who: Advisor, words_markup: str, words_plain: str, stamp_hex: str,
                      gap_px: int) -> str:
    """One speaker's counsel: the card, then the words beside and below it."""
    scale = max(gap_px, 1) / GAP_BASE_PX
    palette = palette_for(stamp_hex)
    spec = emblem_of(game, who)
    picture = card(spec, who.office, who.faction, round(scale, 3), palette)
    path = card_file(spec, who.office, who.faction, round(scale, 3), palette)
    room = max(4, round(10 * scale))
    src = html.escape(str(path), quote=True)
    clear = _clearing_breaks(words_plain, picture.get_width() + room, picture.get_height() + 2, scale, gap_px)
    return f"<img src='{src}' float=left padding='1 {room} 1 0'>{words_markup}{clear}"
