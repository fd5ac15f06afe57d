"""Charts as PNG data URIs, drawn by the game's own chart code onto plain surfaces (no window needed)."""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import pygame

from partnership_game.ui.theme import DOSSIER, Palette
from partnership_game.ui.widgets.chart import Series, draw_line_chart, fit_text, text, text_width

# Drawn at twice the size they are shown, so they stay sharp on paper.
METER_CHART_SIZE = (920, 400)
METER_TEXT_PX = 24


def png_data_uri(surface: pygame.Surface) -> str:
    buffer = io.BytesIO()
    pygame.image.save(surface, buffer, "chart.png")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _surface(size: tuple[int, int], palette: Palette) -> pygame.Surface:
    pygame.font.init()  # text only; no display is opened
    surface = pygame.Surface(size)
    surface.fill(palette.paper)
    return surface


def meter_chart(label: str, y_range: tuple[float, float], x_labels: Sequence[str], played: Sequence[float],
                history: Sequence[float], palette: Palette = DOSSIER) -> str:
    """One meter: this game's path (solid, circles) and history's with the same dice (dotted, squares)."""
    surface = _surface(METER_CHART_SIZE, palette)
    series = [  # history first, so where the two roads run together this game's line is the one on top
        Series("History, same dice", list(history), palette.ghost, "dotted", "square"),
        Series("This game", list(played), palette.series[0], "solid", "circle"),
    ]
    draw_line_chart(surface, surface.get_rect().inflate(-16, -12), series, y_range, x_labels, palette,
                    METER_TEXT_PX, title=label)
    return png_data_uri(surface)


def bar_chart(rows: Sequence[tuple[str, int, bool]], total: int, palette: Palette = DOSSIER, width: int = 1600,
              px: int = 30) -> str:
    """Horizontal bars, one per (label, count, highlighted); a highlighted bar is drawn in the stamp colour. The
    default size is shown at the page's width, about 940 px: text about 14 px."""
    row_h = round(px * 1.8)
    pad = 16
    surface = _surface((width, pad * 2 + row_h * max(1, len(rows))), palette)
    label_w = min(max((text_width(label, px, bold) for label, _, bold in rows), default=0) + px, width * 0.45)
    value_w = text_width("000 (100%)", px) + px
    bar_left = pad + label_w
    bar_max = width - pad - bar_left - value_w
    for k, (label, count, highlighted) in enumerate(rows):
        top = pad + k * row_h
        mid = top + row_h / 2
        shown = fit_text(label, px, label_w - px, bold=highlighted)
        image = text(shown, px, palette.ink, bold=highlighted)
        surface.blit(image, image.get_rect(midleft=(pad, round(mid))))
        length = round(bar_max * count / total) if total else 0
        bar = pygame.Rect(round(bar_left), round(mid - row_h * 0.3), max(length, 2), round(row_h * 0.6))
        pygame.draw.rect(surface, palette.stamp if highlighted else palette.series[0], bar)
        value = f"{count} ({100 * count / total:.0f}%)" if total else str(count)
        image = text(value, px, palette.ink)
        surface.blit(image, image.get_rect(midleft=(bar.right + px // 2, round(mid))))
    pygame.draw.line(surface, palette.ink_soft, (round(bar_left), pad), (round(bar_left), surface.get_height() - pad))
    return png_data_uri(surface)


def meters_grid(panels: Sequence[tuple[str, tuple[float, float], Sequence[float], Sequence[float]]],
                x_labels: Sequence[str], columns: int = 4, palette: Palette = DOSSIER) -> str:
    """Every meter in one picture, small: a grid of (label, range, this game, history) panels, for a short report.
    Drawn at about two and a half times the size it is printed (about 185 mm wide)."""
    rows = max(1, -(-len(panels) // columns))
    cell_w, cell_h = 560, 300
    surface = _surface((cell_w * columns, cell_h * rows), palette)
    for k, (label, y_range, played, history) in enumerate(panels):
        row, column = divmod(k, columns)
        rect = pygame.Rect(column * cell_w, row * cell_h, cell_w, cell_h).inflate(-14, -10)
        series = [Series("History" if k == 0 else "", list(history), palette.ghost, "dotted", "square"),
                  Series("This game" if k == 0 else "", list(played), palette.series[0], "solid", "circle")]
        draw_line_chart(surface, rect, series, y_range, x_labels, palette, 25, title=label)
    return png_data_uri(surface)
