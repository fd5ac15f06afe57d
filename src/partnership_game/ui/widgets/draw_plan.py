"""Draw calls recorded once and replayed every frame (flattened into colour-keyed layers), and a bounded cache of
such plans by their inputs."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

import pygame

from partnership_game.ui.theme import Colour
from partnership_game.ui.widgets.pen_text import text

Point = tuple[float, float]
Op = tuple[Callable[..., object], tuple[object, ...]]

# The transparent colour of flattened layers; no palette uses it.
_LAYER_KEY: Colour = (1, 254, 3)
_AA_CALLS: tuple[Callable[..., object], ...] = (pygame.draw.aaline, pygame.draw.aalines)


def _moved(call: Callable[..., object], args: tuple[Any, ...], dx: int, dy: int) -> tuple[Any, ...]:
    """A recorded shape's arguments shifted by (-dx, -dy): layers are drawn in the widget's own coordinates."""

    def point(p: Point) -> Point:
        return (p[0] - dx, p[1] - dy)

    colour, *rest = args
    if call is pygame.draw.line:
        return (colour, point(rest[0]), point(rest[1]), *rest[2:])
    if call is pygame.draw.lines:
        return (colour, rest[0], [point(q) for q in rest[1]], *rest[2:])
    if call is pygame.draw.polygon:
        return (colour, [point(q) for q in rest[0]], *rest[1:])
    if call is pygame.draw.circle:
        return (colour, point(rest[0]), *rest[1:])
    return (colour, pygame.Rect(rest[0]).move(-dx, -dy), *rest[1:])  # rect and arc


class Plan:
    """Draw calls recorded once per set of inputs and replayed every frame: layout maths, dash walking and text
    measuring are the slow part of drawing.

    A plan with an `area` is flattened on first use: each run of hard-edged shapes becomes one colour-keyed,
    run-length encoded layer (a few microseconds to blit, where hundreds of small draw calls cost half a
    millisecond), antialiased lines stay as calls between the layers, and all text goes in one `blits` call at
    the end (text never sits under a shape in these widgets). Without an area the calls are replayed as recorded."""

    __slots__ = ("_frozen", "_texts", "area", "hits", "ops", "pixels")

    def __init__(self, area: pygame.Rect | None = None) -> None:
        self.area = pygame.Rect(area) if area is not None else None
        self.ops: list[Op] = []
        self.hits: list[tuple[pygame.Rect, int]] = []
        self.pixels = 0  # layer memory, for the cache's budget
        self._frozen: list[Op] | None = None
        self._texts: list[tuple[pygame.Surface, tuple[int, int]]] = []

    def line(self, colour: Colour, a: Point, b: Point, width: int = 1) -> None:
        self.ops.append((pygame.draw.line, (colour, a, b, width)))

    def aaline(self, colour: Colour, a: Point, b: Point) -> None:
        self.ops.append((pygame.draw.aaline, (colour, a, b)))

    def lines(self, colour: Colour, points: Sequence[Point], width: int = 1, closed: bool = False) -> None:
        if len(points) < 2:
            return
        if width <= 1:
            self.ops.append((pygame.draw.aalines, (colour, closed, list(points))))
            return
        self.ops.append((pygame.draw.lines, (colour, closed, list(points), width)))
        # pygame leaves notches at thick joints; round caps fill them.
        for point in points[1:-1] if not closed else points:
            self.ops.append((pygame.draw.circle, (colour, point, width / 2)))

    def rect(self, colour: Colour, rect: pygame.Rect, width: int = 0, radius: int = 0) -> None:
        self.ops.append((pygame.draw.rect, (colour, pygame.Rect(rect), width, radius)))

    def polygon(self, colour: Colour, points: Sequence[Point], width: int = 0) -> None:
        if len(points) >= 3:
            self.ops.append((pygame.draw.polygon, (colour, list(points), width)))

    def circle(self, colour: Colour, centre: Point, radius: float, width: int = 0) -> None:
        self.ops.append((pygame.draw.circle, (colour, centre, radius, width)))

    def arc(self, colour: Colour, rect: pygame.Rect, start: float, stop: float, width: int = 1) -> None:
        self.ops.append((pygame.draw.arc, (colour, pygame.Rect(rect), start, stop, width)))

    def blit(self, image: pygame.Surface, pos: tuple[int, int]) -> None:
        self.ops.append((pygame.Surface.blit, (image, pos)))

    def text(self, label: str, px: int, colour: Colour, pos: tuple[float, float], bold: bool = False,
             anchor: str = "topleft") -> pygame.Rect:
        """Place a label by one of pygame.Rect's anchor names; returns where it landed."""
        image = text(label, px, colour, bold)
        box = image.get_rect()
        setattr(box, anchor, (round(pos[0]), round(pos[1])))
        if label:
            self.blit(image, box.topleft)
        return box

    def replay(self, surface: pygame.Surface, clip: pygame.Rect) -> None:
        previous = surface.get_clip()
        surface.set_clip(clip.clip(previous))
        try:
            if self.area is None:
                for call, args in self.ops:
                    call(surface, *args)
                return
            if self._frozen is None:
                self._freeze(self.area)
            for call, args in self._frozen or ():
                call(surface, *args)
            if self._texts:
                surface.blits(self._texts, doreturn=False)
        finally:
            surface.set_clip(previous)

    def _freeze(self, area: pygame.Rect) -> None:
        frozen: list[Op] = []
        layer: pygame.Surface | None = None

        def close() -> None:
            nonlocal layer
            if layer is not None:
                layer.set_colorkey(_LAYER_KEY, pygame.RLEACCEL)
                frozen.append((pygame.Surface.blit, (layer, area.topleft)))
                layer = None

        for call, args in self.ops:
            if call is pygame.Surface.blit:
                self._texts.append((args[0], args[1]))  # type: ignore[arg-type]
            elif call in _AA_CALLS:
                close()
                frozen.append((call, args))
            else:
                if layer is None:
                    layer = _new_layer(area.size)
                    self.pixels += area.w * area.h
                call(layer, *_moved(call, args, area.x, area.y))
        close()
        self._frozen = frozen


def _new_layer(size: tuple[int, int]) -> pygame.Surface:
    layer = pygame.Surface(size)
    if pygame.display.get_surface() is not None:
        layer = layer.convert()  # the screen's pixel format blits fastest
    layer.fill(_LAYER_KEY)
    return layer


class PlanCache:
    """Recent plans by input key: a screen shows the same data in the same place frame after frame. Bounded by
    count and by layer pixels, so dragging a 4K window through many sizes cannot pile up stale layers."""

    def __init__(self, size: int = 12, pixel_budget: int = 12_000_000) -> None:
        self._size = size
        self._budget = pixel_budget
        self._plans: OrderedDict[Hashable, Plan] = OrderedDict()

    def get(self, key: Hashable, build: Callable[[], Plan]) -> Plan:
        plan = self._plans.get(key)
        if plan is None:
            plan = build()
            self._plans[key] = plan
        else:
            self._plans.move_to_end(key)
        while len(self._plans) > 1 and (len(self._plans) > self._size
                                        or sum(p.pixels for p in self._plans.values()) > self._budget):
            self._plans.popitem(last=False)
        return plan

    def clear(self) -> None:
        self._plans.clear()
