"""The turn screen's map: the scenario's features in their states over the base map, a short fade when a state
changes, and what a feature is and why it is in its state on hover or keyboard focus."""

from __future__ import annotations

import itertools
import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pygame

from partnership_game.geo.labels import Placement
from partnership_game.scenario.compiled_map import CompiledMap
from partnership_game.ui import drawing
from partnership_game.ui.strings import t
from partnership_game.ui.theme import Palette
from partnership_game.ui.widgets.map_draw import MapLayout, base_layers
from partnership_game.ui.widgets.map_features import Drawn, MapMark, draw_features
from partnership_game.ui.widgets.map_labels import draw_labels, place

TRANSITION_S = 0.3  # a state change fades in this long (under the 400 ms every motion keeps to)
LINE_REACH = 5.0  # pixels from a line that still count as pointing at it
CARD_GAP = 16  # the hover card keeps this far off the map's edge (past its paper and its focus ring)
_PICTURES_MAX = 6


@dataclass(frozen=True)
class Picture:
    """The map drawn for one set of feature states at one size, with where each feature and label landed (image
    pixels, origin at the map's top left)."""

    image: pygame.Surface
    layout: MapLayout
    placements: dict[str, Placement]
    drawn: Drawn
    marks: tuple[MapMark, ...]

    def feature_at(self, pos: tuple[float, float]) -> str | None:
        """The feature under a point: a label or marker first, then a line, then a region."""
        for placement in self.placements.values():
            for placed in placement.placed:
                box = placed.box
                if box.x <= pos[0] < box.right and box.y <= pos[1] < box.bottom:
                    return placed.key.split("/")[0]
        for feature_id, rect in self.drawn.spots:
            if rect.collidepoint(pos):
                return feature_id
        for feature_id, points in self.drawn.lines:
            if any(_distance(pos, a, b) <= LINE_REACH for a, b in itertools.pairwise(points)):
                return feature_id
        for feature_id, rings in self.drawn.areas:
            if any(_inside(pos, ring) for ring in rings):
                return feature_id
        return None

    def where(self, feature_id: str) -> pygame.Rect:
        """The feature's marker or label on the image, for a hover card or a focus ring to point at."""
        for placement in self.placements.values():
            box = next((p.box for p in placement.placed if p.key == feature_id), None)
            if box is not None:
                return pygame.Rect(round(box.x), round(box.y), round(box.w), round(box.h))
        rect = next((r for f, r in self.drawn.spots if f == feature_id), None)
        if rect is not None:
            return pygame.Rect(rect)
        points = next((p for f, p in self.drawn.lines if f == feature_id), None)
        if points:
            x, y = points[len(points) // 2]
            return pygame.Rect(round(x) - 3, round(y) - 3, 6, 6)
        size = self.layout.size
        return pygame.Rect(size[0] // 2, size[1] // 2, 1, 1)


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    share = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.dist(p, (a[0] + dx * share, a[1] + dy * share))


def _inside(p: tuple[float, float], ring: Sequence[Sequence[float]]) -> bool:
    """Even-odd rule."""
    x, y = p
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


_pictures: OrderedDict[tuple[object, ...], Picture] = OrderedDict()


def render(game_map: CompiledMap, marks: Sequence[MapMark], size: tuple[int, int], palette: Palette,
           text_px: int) -> Picture:
    """The map at this size with these feature states: the base layers (kept per size and date), the features,
    then their labels placed without overlaps. Kept too, so a frame that changes nothing only blits."""
    key = (game_map.view, game_map.insets, game_map.date, size, palette, text_px, tuple(marks))
    found = _pictures.get(key)
    if found is not None:
        _pictures.move_to_end(key)
        return found
    base = base_layers(game_map, size, palette, text_px)
    image = base.image.copy()
    drawn = draw_features(image, base, marks, palette, text_px)
    placements = place(base.layout, drawn.labels, drawn.obstacles)
    draw_labels(image, placements, drawn.labels, palette)
    picture = Picture(image, base.layout, placements, drawn, tuple(marks))
    _pictures[key] = picture
    if len(_pictures) > _PICTURES_MAX:
        _pictures.popitem(last=False)
    return picture


def draw_map(surface: pygame.Surface, rect: pygame.Rect, game_map: CompiledMap, marks: Sequence[MapMark],
             palette: Palette, text_px: int) -> Picture | None:
    """The map filling `rect` (nothing when it has no room); returns what was drawn, for hit tests."""
    rect = pygame.Rect(rect)
    if rect.w < 8 or rect.h < 8:
        return None
    picture = render(game_map, marks, rect.size, palette, text_px)
    surface.blit(picture.image, rect.topleft)
    return picture


class MapInset:
    """The map on the turn screen: draws the game's map, fades a change of state in (skipped by any key or click,
    off with Settings.reduce_motion), and shows a card saying what a feature is and why it is in its state while
    the mouse is over it or while the keyboard focus is on the map (Left/Right go from feature to feature)."""

    def __init__(self, app: Any, game: Any, marks: Any = None) -> None:
        self.app = app
        self.game = game
        self.marks = marks  # a side's view (ui/side_views.py): a callable giving its marks; None: the game's own
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.picture: Picture | None = None
        self.states: tuple[tuple[str, int, str], ...] | None = None
        self.fading: pygame.Surface | None = None  # the map before the change, fading out over the new one
        self.elapsed = 0.0
        self.hovered: str | None = None
        self.focused = False
        self.focus_index = 0
        self.text_px = 0
        self._card: tuple[tuple[object, ...], pygame.Surface] | None = None

    # ---- motion ----------------------------------------------------------------------------------------------

    @property
    def moving(self) -> bool:
        return self.fading is not None

    def update(self, dt: float, active: bool = True) -> None:
        """Advance the fade, and follow the mouse (`active`: the screen is on top, so hovering counts)."""
        if self.fading is not None:
            self.elapsed += dt
            if self.elapsed >= TRANSITION_S:
                self.skip()
            self.app.dirty = True
        hovered = None
        if active and self.picture is not None and self.rect.collidepoint(pygame.mouse.get_pos()):
            x, y = pygame.mouse.get_pos()
            hovered = self.picture.feature_at((x - self.rect.x, y - self.rect.y))
        if hovered != self.hovered:
            self.hovered = hovered
            self.app.dirty = True

    def skip(self) -> None:
        """Finish the fade at once (any key or click)."""
        if self.fading is not None:
            self.fading = None
            self.app.dirty = True

    # ---- keyboard ----------------------------------------------------------------------------------------------

    def key(self, event: pygame.event.Event) -> bool:
        """The map's keys while it has the focus (an Area's on_key): Left/Right to the previous or next feature."""
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.focus_next(1 if event.key == pygame.K_RIGHT else -1)
            return True
        return False

    def focus_next(self, step: int = 1) -> None:
        count = len(self.picture.marks) if self.picture is not None else 0
        self.focus_index = (self.focus_index + step) % count if count else 0
        self.app.dirty = True

    def target(self) -> MapMark | None:
        """The feature whose card shows: the one under the mouse, else the focused one while the map has focus."""
        if self.picture is None or not self.picture.marks:
            return None
        marks = {m.id: m for m in self.picture.marks}
        if self.hovered in marks:
            return marks[self.hovered]
        if self.focused:
            return self.picture.marks[self.focus_index % len(self.picture.marks)]
        return None

    def card_lines(self) -> list[tuple[str, bool]]:
        """The card's lines (text, bold): the feature's name and state, what it is, why it is in this state."""
        mark = self.target()
        if mark is None:
            return [(t("map.empty"), False)] if self.focused else []
        lines = [(f"{mark.label}: {mark.status}" if mark.status else mark.label, True)]
        if mark.description:
            lines.append((mark.description, False))
        if len(mark.places) > 1:  # a group's places are named here, as one mark with a count may stand for several
            lines.append((" · ".join(name for name, _, _, _ in mark.places), False))
        if mark.note:
            lines.append((t("map.why", note=mark.note), False))
        if self.focused and len(self.picture.marks if self.picture else ()) > 1:
            lines.append((t("map.keys"), False))
        return lines

    # ---- drawing -----------------------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, text_px: int, focused: bool = False) -> None:
        from partnership_game.ui.views import map_marks

        self.focused = focused
        self.text_px = text_px
        marks = self.marks() if self.marks is not None else map_marks(self.game)
        picture = draw_map(surface, rect, self.game.session.compiled.map, marks, self.app.palette, text_px)
        if picture is None:
            return
        states = tuple((m.id, m.state, m.shows) for m in marks)
        if (self.picture is not None and self.states is not None and states != self.states
                and self.rect.size == rect.size and not self.app.settings.reduce_motion):
            self.fading = self.picture.image.copy()
            self.elapsed = 0.0
            self.app.dirty = True
        self.rect, self.picture, self.states = pygame.Rect(rect), picture, states
        if self.fading is not None:
            share = min(1.0, self.elapsed / TRANSITION_S)
            self.fading.set_alpha(round(255 * (1 - share) ** 2))
            surface.blit(self.fading, rect.topleft)
        mark = self.target()
        if mark is not None and focused and self.hovered is None:
            ring = picture.where(mark.id).move(rect.topleft).inflate(6, 6)
            pygame.draw.rect(surface, self.app.palette.focus, ring, 2)
        self._draw_card(surface, text_px, mark)

    def _draw_card(self, surface: pygame.Surface, text_px: int, mark: MapMark | None) -> None:
        lines = self.card_lines()
        if not lines or self.picture is None:
            return
        width = min(max(self.rect.w, text_px * 22), surface.get_width() - 16)
        key = (tuple(lines), width, text_px, self.app.palette)
        if self._card is None or self._card[0] != key:
            self._card = (key, _card(lines, width, text_px, self.app.palette))
        card = self._card[1]
        anchor = (self.picture.where(mark.id) if mark is not None else pygame.Rect(0, 0, self.rect.w, 1))
        anchor = anchor.move(self.rect.topleft)
        # Over the map's paper and focus ring, not on the map: the feature it explains stays in sight.
        box = card.get_rect(midbottom=(anchor.centerx, self.rect.top - CARD_GAP))
        if box.top < 4:
            box.top = self.rect.bottom + CARD_GAP
        box.clamp_ip(surface.get_rect().inflate(-8, -8))
        surface.blit(card, box)


def _card(lines: Sequence[tuple[str, bool]], width: int, text_px: int, palette: Palette) -> pygame.Surface:
    """A paper card with an inked edge: the hover and focus explanation."""
    pad = max(4, text_px // 2)
    images = [drawing.rendered(words, text_px, palette.ink if bold else palette.ink_soft, bold, width - 2 * pad)
              for words, bold in lines]
    inner_w = max(image.get_width() for image in images)
    height = sum(image.get_height() for image in images) + pad * 2 + 2 * (len(images) - 1)
    card = pygame.Surface((inner_w + 2 * pad, height))
    card.fill(palette.paper)
    pygame.draw.rect(card, palette.ink_soft, card.get_rect(), 1)
    y = pad
    for image in images:
        card.blit(image, (pad, y))
        y += image.get_height() + 2
    return card
