"""When the window needs drawing again: a fingerprint of the widgets' pictures, so a mouse move that changes nothing
costs no frame."""

from __future__ import annotations

from typing import Any


def widget_fingerprint(manager: Any) -> tuple[tuple[int, int, int, bool], ...]:
    """Each widget's current picture, place and visibility. pygame_gui swaps a widget's image when its look changes
    (a hovered button, a tooltip that appears, a text box scrolled), so comparing these finds every such change."""
    return tuple((id(sprite.image), sprite.rect.x, sprite.rect.y, bool(getattr(sprite, "visible", True)))
                 for sprite in manager.get_sprite_group().sprites())


def frame_interval() -> float:
    """Seconds between frames at most as often as the display refreshes (60 Hz when the driver does not say)."""
    import contextlib

    import pygame

    rate = 0
    with contextlib.suppress(pygame.error, AttributeError):
        rate = pygame.display.get_current_refresh_rate()
    return 1.0 / (rate if 24 <= rate <= 360 else 60)
