"""Dialogs fading in and out: the panel and its backdrop drawn once, then blitted faded and scaled for a few frames."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

if TYPE_CHECKING:
    from partnership_game.ui.app import App
    from partnership_game.ui.screen import Screen

OPEN_S = 0.16
CLOSE_S = 0.12
SCALE_FROM = 0.96  # the panel grows from this share of its size as it opens (shrinks to it as it closes)
SLIDE_SHARE = 0.02  # and rises by this share of the window's height
FIRST_STEP_S = 1 / 30  # the frame after a dialog is built may have waited on the build: it moves one step, no more
LAYERS_PER_DIALOG = 20  # a dialog's widgets sit in its own 20 layers (see ModalScreen.make_backdrop)


class DialogMotion:
    """One dialog opening or closing, timed by the app's frames (never the wall clock), so tests can step it."""

    def __init__(self, screen: Screen, closing: bool) -> None:
        self.screen = screen
        self.closing = closing
        self.duration = CLOSE_S if closing else OPEN_S
        self.elapsed = 0.0
        self.under: pygame.Surface | None = None  # the window without the dialog
        self.dimmed: pygame.Surface | None = None  # ... with the dialog's backdrop
        self.panel: pygame.Surface | None = None  # the dialog's panel at rest, and where it rests
        self.panel_rect = pygame.Rect(0, 0, 0, 0)

    @property
    def done(self) -> bool:
        return self.elapsed >= self.duration

    def advance(self, dt: float) -> None:
        self.elapsed += min(dt, FIRST_STEP_S) if self.elapsed == 0 else dt

    def shown(self) -> float:
        """How much of the dialog shows, 0..1: eased out as it opens, eased in as it closes."""
        share = min(1.0, self.elapsed / self.duration)
        return (1 - share) ** 2 if self.closing else 1 - (1 - share) ** 3

    # ---- pictures ------------------------------------------------------------------------------------------

    def take_dialog(self, app: App) -> None:
        """Draw the dialog at rest once (into the window, not shown): its backdrop over what lies below, its panel."""
        lo = dialog_layer(app, self.screen)
        surface = app.window
        _draw_screens(app, surface)
        _blit_layers(app.manager, surface, None, lo)
        self.dimmed = _kept("dimmed", surface)
        _blit_layers(app.manager, surface, lo + 1, lo + LAYERS_PER_DIALOG - 1)
        rect = getattr(self.screen, "panel_rect", None)
        self.panel_rect = (rect() if callable(rect) else surface.get_rect()).clip(surface.get_rect())
        self.panel = _kept("panel", surface.subsurface(self.panel_rect))

    def take_under(self, app: App, lo: int | None) -> None:
        """What the window shows without this dialog: the screens and the widgets below its layers."""
        surface = app.window
        _draw_screens(app, surface)
        _blit_layers(app.manager, surface, None, None if lo is None else lo - 1)
        self.under = _kept("under", surface)

    def draw(self, surface: pygame.Surface) -> None:
        """One frame of the movement: blits only (the pictures are made once)."""
        if self.under is None or self.dimmed is None or self.panel is None:
            return
        shown = self.shown()
        surface.blit(self.under, (0, 0))
        _fade(self.dimmed, shown)
        surface.blit(self.dimmed, (0, 0))
        scale = SCALE_FROM + (1 - SCALE_FROM) * shown
        size = (max(1, round(self.panel_rect.width * scale)), max(1, round(self.panel_rect.height * scale)))
        panel = pygame.transform.scale(self.panel, size) if size != self.panel_rect.size else self.panel
        _fade(panel, shown)
        rise = round(SLIDE_SHARE * surface.get_height() * (1 - shown))
        surface.blit(panel, panel.get_rect(center=(self.panel_rect.centerx, self.panel_rect.centery + rise)))


def dialog_layer(app: App, screen: Screen) -> int:
    """The lowest widget layer a dialog uses (its backdrop's)."""
    layers = [e.layer for e in screen.elements if e.alive()]
    return min(layers) if layers else 40 + LAYERS_PER_DIALOG * len(app.stack)


# The pictures' buffers, kept through one movement and let go when it ends (release): making a window-sized surface
# costs ~3 ms on a movement's first frame. Opaque, so the per-frame blits take SDL's fast path.
_buffers: dict[str, pygame.Surface] = {}


def release() -> None:
    """Let the buffers go once a movement ends: at rest they would only hold memory (about 11 MB at 1280×720, 100 MB
    at 3840×2160); the next dialog pays the ~3 ms of making them again."""
    _buffers.clear()


def _kept(name: str, picture: pygame.Surface) -> pygame.Surface:
    """A copy of the picture in the buffer kept under this name (made anew when the size changes)."""
    buffer = _buffers.get(name)
    if buffer is None or buffer.get_size() != picture.get_size():
        buffer = _buffers[name] = pygame.Surface(picture.get_size())
    buffer.set_alpha(None)
    buffer.blit(picture, (0, 0))
    return buffer


def _fade(surface: pygame.Surface, shown: float) -> None:
    alpha = round(255 * shown)
    # A surface alpha of 255 takes SDL's slow blending path (5 ms for a panel): full means no alpha at all.
    surface.set_alpha(None if alpha >= 255 else alpha)


def _draw_screens(app: App, surface: pygame.Surface) -> None:
    surface.fill(app.palette.desk)
    for screen in app.visible_screens():
        screen.draw(surface)


def _blit_layers(manager: Any, surface: pygame.Surface, lo: int | None, hi: int | None) -> None:
    """The widgets in layers lo..hi (either end open), in the order pygame_gui draws them."""
    group = manager.get_sprite_group()
    for sprite in group.sprites():  # in layer order, as draw_ui blits them
        if (lo is not None and sprite.layer < lo) or (hi is not None and sprite.layer > hi):
            continue
        if sprite.visible and sprite.image is not None:
            image, rect, area, blend = sprite.blit_data
            surface.blit(image, rect, area, blend)
