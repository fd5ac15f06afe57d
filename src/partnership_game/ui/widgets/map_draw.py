"""The map's base layers: sea, land, coasts and the borders of the scenario's date, in the main view and its inset
boxes, drawn once per size and date and kept (a frame only blits them)."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import pygame

from partnership_game.geo.basemap import base_map
from partnership_game.geo.layers import MapLayers, project_map
from partnership_game.geo.view import Frame, View, fit
from partnership_game.inert import inert_line
from partnership_game.scenario.compiled_map import CompiledMap, MapFrame
from partnership_game.ui.theme import Palette
from partnership_game.ui.widgets.chart import blend, text, text_height, text_width

MAIN = "main"
INSET_MAX_HEIGHT = 0.62  # of the map's: a short, wide panel keeps most of its height for the main view
_CACHE_MAX = 4


def small_px(text_px: int) -> int:
    """The map's lettering: a little under the screen's text size, as on a printed map."""
    return max(7, round(text_px * 0.82))


@dataclass(frozen=True)
class Pane:
    """Where one frame of the map lies in the map's image: the main view fills it; an inset is a titled box over a
    corner (`box` its edge, `inner` its map) with a projection of its own."""

    id: str
    frame: Frame
    inner: pygame.Rect
    box: pygame.Rect
    title: str = ""


@dataclass(frozen=True)
class MapLayout:
    size: tuple[int, int]
    panes: dict[str, Pane]

    @property
    def insets(self) -> list[Pane]:
        return [pane for key, pane in self.panes.items() if key != MAIN]


def _view(frame: MapFrame) -> View:
    return View(frame.lon, frame.lat)


def _aspect(view: View) -> float:
    """Height over width of the view's extent once projected (an inset box takes this shape)."""
    probe = fit(view, (0, 0, 1000, 1000))
    (w, e), (s, n) = view.lon, view.lat
    xs, ys = probe.project([w, e, (w + e) / 2, (w + e) / 2], [(s + n) / 2, (s + n) / 2, s, n])
    return abs(float(ys[3] - ys[2])) / max(abs(float(xs[1] - xs[0])), 1.0)


def layout(game_map: CompiledMap, size: tuple[int, int], text_px: int) -> MapLayout:
    """The main view fitted to the whole image, and each inset's box in its corner (image pixels, origin 0, 0)."""
    width, height = size
    whole = pygame.Rect(0, 0, width, height)
    panes = {MAIN: Pane(MAIN, fit(_view(game_map.view), (0, 0, width, height)), whole, whole)}
    margin = max(3, round(text_px * 0.45))
    title_h = text_height(small_px(text_px), True) + 2
    for inset in game_map.insets:
        view = _view(inset)
        aspect = _aspect(view)
        w = max(text_px * 4, round(width * inset.width))
        h = round(w * aspect) + title_h
        if h > height * INSET_MAX_HEIGHT:
            h = round(height * INSET_MAX_HEIGHT)
            w = max(text_px * 3, round((h - title_h) / max(aspect, 0.05)))
        x = margin if inset.corner.endswith("left") else width - margin - w
        y = height - margin - h if inset.corner.startswith("bottom") else margin
        box = pygame.Rect(x, y, w, h)
        inner = pygame.Rect(box.left + 1, box.top + title_h, box.w - 2, max(1, box.h - title_h - 1))
        panes[inset.id] = Pane(inset.id, fit(view, (inner.x, inner.y, inner.w, inner.h)), inner, box, inset.title)
    return MapLayout(size, panes)


@dataclass(frozen=True)
class Base:
    """The drawn base map and what the features need from it: the layout and each frame's projected layers (a
    region feature fills its countries' rings from them)."""

    image: pygame.Surface
    layout: MapLayout
    layers: dict[str, MapLayers]


_bases: OrderedDict[tuple[object, ...], Base] = OrderedDict()


def base_layers(game_map: CompiledMap, size: tuple[int, int], palette: Palette, text_px: int) -> Base:
    """The base map for this view, date and size: drawn on first use (the asset is read then, never at start-up)
    and kept for the next frames, sizes and games alike."""
    key = (game_map.view, game_map.insets, game_map.date, size, palette, text_px)
    found = _bases.get(key)
    if found is not None:
        _bases.move_to_end(key)
        return found
    plan = layout(game_map, size, text_px)
    image = pygame.Surface(size)
    image.fill(palette.water)
    world = base_map()
    layers: dict[str, MapLayers] = {}
    for pane in plan.panes.values():
        layers[pane.id] = project_map(world, pane.frame, game_map.date)
        if pane.id != MAIN:
            _inset_box(image, pane, palette, text_px)
        image.set_clip(pane.inner)
        _draw_layers(image, layers[pane.id], palette)
        image.set_clip(None)
    pygame.draw.rect(image, palette.ink_soft, image.get_rect(), 1)
    built = Base(image, plan, layers)
    _bases[key] = built
    if len(_bases) > _CACHE_MAX:
        _bases.popitem(last=False)
    return built


def _draw_layers(image: pygame.Surface, layers: MapLayers, palette: Palette) -> None:
    """Land over the sea, lakes cut back out, then borders (quiet) and coasts (firmer)."""
    border = blend(palette.land, palette.ink_soft, 0.45)
    coast = blend(palette.water, palette.ink_soft, 0.55)
    for ring in layers.land:
        pygame.draw.polygon(image, palette.land, ring)
    for ring in layers.holes:
        pygame.draw.polygon(image, palette.water, ring)
    for ring in layers.lakes:
        pygame.draw.polygon(image, palette.water, ring)
    for line in layers.borders:
        pygame.draw.lines(image, border, False, line)
    for line in layers.coasts:
        pygame.draw.aalines(image, coast, False, line)
    for ring in layers.lakes:
        pygame.draw.aalines(image, coast, True, ring)


def _inset_box(image: pygame.Surface, pane: Pane, palette: Palette, text_px: int) -> None:
    """A paper-edged box with its title, like a detail map pasted into the corner."""
    pygame.draw.rect(image, palette.paper, pane.box.inflate(4, 4))
    pygame.draw.rect(image, palette.water, pane.inner)
    pygame.draw.rect(image, palette.ink_soft, pane.box, 1)
    px = small_px(text_px)
    title = inert_line(pane.title)
    if text_width(title, px, bold=True) <= pane.box.w - 4:  # whole or not at all: a cut word reads as another
        image.blit(text(title, px, palette.ink, True), (pane.box.left + 3, pane.box.top + 1))
