"""The map's labels: placed by geo.labels in each frame (no two overlap; lower priorities move, shorten or drop),
then drawn with a halo, and a leader line where a label stands off from its point."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pygame

from partnership_game.geo.labels import Box, Label, Placement, place_labels
from partnership_game.ui.theme import Colour, Palette
from partnership_game.ui.widgets.chart import blend, text
from partnership_game.ui.widgets.map_draw import MapLayout
from partnership_game.ui.widgets.map_features import LabelStyle

EDGE = 2  # labels keep this far inside their frame


def _bounds(rect: pygame.Rect) -> Box:
    inner = rect.inflate(-2 * EDGE, -2 * EDGE)
    return Box(inner.x, inner.y, inner.w, inner.h)


def place(layout: MapLayout, labels: Mapping[str, Sequence[tuple[Label, LabelStyle]]],
          obstacles: Mapping[str, Sequence[Box]]) -> dict[str, Placement]:
    """Each frame's labels placed inside its pane, clear of its markers (the main map's also of the inset boxes)."""
    return {frame: place_labels([label for label, _ in wanted], _bounds(layout.panes[frame].inner),
                                obstacles.get(frame, ()))
            for frame, wanted in labels.items() if frame in layout.panes}


def draw_labels(image: pygame.Surface, placements: Mapping[str, Placement],
                labels: Mapping[str, Sequence[tuple[Label, LabelStyle]]], palette: Palette) -> None:
    """Leader lines first (a line never crosses its own label's words), then the labels."""
    halo = blend(palette.land, palette.paper, 0.5)
    for frame, placement in placements.items():
        styles = {label.key: style for label, style in labels[frame]}
        anchors = {label.key: label.anchor for label, _ in labels[frame]}
        for placed in placement.placed:
            if placed.leader is not None:
                pygame.draw.aaline(image, palette.ink_soft, *placed.leader)
        for placed in placement.placed:
            style = styles[placed.key]
            words = style.wordings[placed.wording]  # made inert with the marks (ui.views)
            box = placed.box
            rows = [_haloed(row, style.px, style.colour, style.bold, halo) for row in words.split("\n")]
            y = round(box.y)
            for row in rows:  # a second line (the state word) sits on the side of the label nearest its point
                x = {"left": box.x, "right": box.right - row.get_width()}.get(
                    _side(box, anchors[placed.key]), box.x + (box.w - row.get_width()) / 2)
                image.blit(row, (round(x), y))
                y += row.get_height() - 2


def _side(box: Box, anchor: tuple[float, float]) -> str:
    """Which edge of a label its lines keep to: the one toward its point (a label left of it is set flush right)."""
    if box.x >= anchor[0]:
        return "left"
    return "right" if box.right <= anchor[0] else "centre"


def _haloed(words: str, px: int, colour: Colour, bold: bool, halo: Colour) -> pygame.Surface:
    """Text with a one-pixel rim, so a label stays legible where it crosses a border or a route."""
    ink = text(words, px, colour, bold)
    image = pygame.Surface((ink.get_width() + 2, ink.get_height() + 2), pygame.SRCALPHA)
    rim = text(words, px, halo, bold)
    for dx, dy in ((0, 1), (2, 1), (1, 0), (1, 2), (0, 0), (2, 2), (0, 2), (2, 0)):
        image.blit(rim, (dx, dy))
    image.blit(ink, (1, 1))
    return image
