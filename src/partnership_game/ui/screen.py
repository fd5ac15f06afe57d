"""Screens and the stack they live on: each screen builds its widgets, handles its input and draws its layer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

if TYPE_CHECKING:
    from partnership_game.ui.app import App


class Screen:
    """One screen. Widgets are built in `build` (again after a resize) and killed in `clear`.

    A modal screen (`opaque = False`) is drawn over the screens below it and hands a result back through
    `dismiss(result)` to the callback it was pushed with.
    """

    opaque = True

    def __init__(self, app: App) -> None:
        self.app = app
        self.elements: list[Any] = []
        self._on_result: Callable[[Any], None] | None = None

    # ---- lifecycle -----------------------------------------------------------------------------------------

    def enter(self) -> None:
        self.build()

    def build(self) -> None:
        """Create the widgets for the current window size."""

    def clear(self) -> None:
        for element in self.elements:
            element.kill()
        self.elements = []

    def rebuild(self) -> None:
        self.clear()
        self.build()
        self.app.dirty = True

    def leave(self) -> None:
        self.clear()

    def dismiss(self, result: Any = None) -> None:
        """Close this screen and give `result` to whoever opened it."""
        callback = self._on_result
        self.app.pop(self)
        if callback is not None:
            callback(result)

    # ---- per frame -----------------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        """React to one event; True when it was used."""
        return False

    def on_ui(self, event: pygame.event.Event) -> None:
        """A pygame_gui event from one of this screen's widgets."""

    def update(self, dt: float) -> None:
        """Advance anything that moves; set app.dirty when the picture changes."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw this screen's own layer (under the widgets)."""

    def owns(self, element: Any) -> bool:
        """Whether a widget belongs to this screen (every widget a screen makes, children too, is in its list)."""
        return element in self.elements

    def add(self, element: Any) -> Any:
        """Keep a widget for routing and for clearing; returns it."""
        self.elements.append(element)
        return element


class ModalScreen(Screen):
    """A dialog over the screen below: a dimmed backdrop that takes the clicks, and a paper panel in the middle."""

    opaque = False
    width_share = 0.5
    height_share = 0.6

    def panel_rect(self) -> pygame.Rect:
        w, h = self.app.size
        pw = max(min(int(w * self.width_share), w - 40), 420)
        ph = max(min(int(h * self.height_share), h - 40), 300)
        return pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph)

    def make_backdrop(self) -> pygame_gui.elements.UIPanel:
        manager = self.app.manager
        # Each dialog sits above the ones opened before it: pygame_gui draws by layer, not by creation order.
        layer = 40 + 20 * (self.app.stack.index(self) if self in self.app.stack else len(self.app.stack))
        backdrop = pygame_gui.elements.UIPanel(
            pygame.Rect((0, 0), self.app.size),
            starting_height=layer,
            manager=manager,
            object_id=pygame_gui.core.ObjectID(object_id="#backdrop"),
        )
        self.elements.append(backdrop)
        panel = pygame_gui.elements.UIPanel(
            self.panel_rect(),
            starting_height=layer + 1,
            manager=manager,
            object_id=pygame_gui.core.ObjectID(class_id="@dialog"),
        )
        self.elements.append(panel)
        return panel

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.dismiss(None)
            return True
        return False


class ButtonColumn:
    """Keyboard for a column of buttons: Up/Down or Tab move the focus (shown as selected), Enter presses it."""

    def __init__(self, buttons: list[Any], focus: int = 0) -> None:
        self.buttons = buttons
        self.focus = focus if buttons else -1
        self._show()

    def _show(self) -> None:
        for index, button in enumerate(self.buttons):
            if index == self.focus:
                button.select()
            else:
                button.unselect()

    def handle(self, event: pygame.event.Event) -> Any | None:
        """The button Enter pressed, or None; moves the focus on arrow keys."""
        if event.type != pygame.KEYDOWN or not self.buttons:
            return None
        if event.key in (pygame.K_DOWN, pygame.K_TAB) and not event.mod & pygame.KMOD_SHIFT:
            self.focus = (self.focus + 1) % len(self.buttons)
        elif event.key == pygame.K_UP or (event.key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT):
            self.focus = (self.focus - 1) % len(self.buttons)
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.buttons[self.focus]
        else:
            return None
        self._show()
        return None


class TextDialog(ModalScreen):
    """A dialog of scrolling rich text and one button that closes it (Enter, Space or Esc do too)."""

    button_key = "error.ok"
    close_keys = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_SPACE)

    def html(self) -> str:
        raise NotImplementedError

    def build(self) -> None:
        from pygame_gui.core import ObjectID

        from partnership_game.ui.strings import t

        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad = self.app.px(14)
        button_h = self.app.px(44)
        self.box = self.add(pygame_gui.elements.UITextBox(
            self.html(), pygame.Rect(pad, pad, rect.width - 2 * pad, rect.height - 3 * pad - button_h),
            self.app.manager, container=panel, object_id=ObjectID(object_id=f"#{type(self).__name__.lower()}")))
        label = t(self.button_key)
        width = self.app.px(220) if len(label) > 10 else self.app.px(140)
        self.button = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(rect.width - pad - width, rect.height - pad - button_h, width, button_h), label,
            self.app.manager, container=panel, object_id=ObjectID(class_id="@primary", object_id="#dialog_button")))

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in self.close_keys:
            self.dismiss(None)
            return True
        return False

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.button:
            self.dismiss(None)
