"""Screens and the stack they live on: each screen builds its widgets, handles its input and draws its layer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from partnership_game.ui.focus import SCROLL_KEYS, Area, Focus, FocusRing, at_end, scroll

if TYPE_CHECKING:
    from partnership_game.ui.app import App

__all__ = ["SCROLL_KEYS", "Area", "Focus", "FocusRing", "ModalScreen", "Screen", "TextDialog",
           "at_end", "scroll"]

# Posted by a dialog's backdrop when the player clicks outside the dialog (pressed and released there).
CLICKED_OUTSIDE = pygame.event.custom_type()


class _Backdrop(pygame_gui.elements.UIPanel):
    """The dimmed layer under a dialog: a click that starts and ends on it (outside the dialog) closes the dialog."""

    def __init__(self, *args: Any, dialog: pygame.Rect, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dialog = pygame.Rect(dialog)
        self.pressed_outside = False

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) and getattr(event, "button", 0) == 1:
            outside = self.hover_point(*event.pos) and not self.dialog.collidepoint(event.pos)
            if event.type == pygame.MOUSEBUTTONDOWN:
                self.pressed_outside = outside
            elif self.pressed_outside and outside:
                self.pressed_outside = False
                pygame.event.post(pygame.event.Event(CLICKED_OUTSIDE, ui_element=self))
                return True
        return super().process_event(event)


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
    """A dialog over the screen below: a dimmed backdrop that takes the clicks, and a paper panel in the middle.

    Every dialog opens with the keyboard focus inside (`self.focus`, a `Focus` built last in `build`), and closes
    with Esc, with its Cancel or Close button (`make_close_button`) and with a click outside the panel; each way
    calls `cancel()`, which gives `cancel_result` to whoever opened it. A subclass's `on_ui` starts with
    `if self.closing(event): return`, and its `handle` ends with `return super().handle(event)`.
    """

    opaque = False
    width_share = 0.5
    height_share = 0.6
    cancel_result: Any = None
    focus: Focus | None = None
    close_button: Any = None

    def panel_rect(self) -> pygame.Rect:
        w, h = self.app.size
        pw = max(min(int(w * self.width_share), w - 40), 420)
        ph = max(min(int(h * self.height_share), h - 40), 300)
        return pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph)

    def make_backdrop(self) -> pygame_gui.elements.UIPanel:
        manager = self.app.manager
        # Each dialog sits above the ones opened before it: pygame_gui draws by layer, not by creation order.
        layer = 40 + 20 * (self.app.stack.index(self) if self in self.app.stack else len(self.app.stack))
        self.ring_layer = layer + 19  # the focus ring: over this dialog's widgets, under the next dialog
        backdrop = _Backdrop(
            pygame.Rect((0, 0), self.app.size),
            starting_height=layer,
            manager=manager,
            object_id=pygame_gui.core.ObjectID(object_id="#backdrop"),
            dialog=self.panel_rect(),
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

    def make_close_button(self, panel: Any, key: str = "dialog.cancel", primary: bool = False,
                          left: bool = True) -> Any:
        """The dialog's Cancel (or Close) button, at the bottom left (or right); pressing it calls `cancel`."""
        from pygame_gui.core import ObjectID

        from partnership_game.ui import drawing
        from partnership_game.ui.strings import t

        rect = panel.get_container().get_rect()
        pad, row = self.app.px(16), self.app.px(40)
        label = t(key)
        width = max(self.app.px(120), drawing.rendered(label, self.app.px(16), (0, 0, 0), True).get_width()
                    + self.app.px(36))
        x = pad if left else rect.width - pad - width
        self.close_button = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(x, rect.height - pad - row, width, row), label, self.app.manager, container=panel,
            object_id=ObjectID(class_id="@primary" if primary else None, object_id="#dialog_cancel")))
        return self.close_button

    def cancel(self) -> None:
        """Close without doing anything (Esc, Cancel or Close, a click outside)."""
        self.dismiss(self.cancel_result)

    def closing(self, event: pygame.event.Event) -> bool:
        """Whether a widget event closes the dialog (its close button, a click outside); closes it if so.

        Any other press of one of the dialog's controls moves the keyboard focus to it."""
        element = getattr(event, "ui_element", None)
        if event.type == CLICKED_OUTSIDE:
            self.outside_click()
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED and element is not None and element is self.close_button:
            self.cancel()
            return True
        if self.focus is not None and event.type == pygame_gui.UI_BUTTON_PRESSED and element is not None:
            self.focus.follow(element)
        return False

    def outside_click(self) -> None:
        if self.focus is not None and self.focus.is_open():
            self.focus.close_open()  # the first click outside closes an open list, as Esc does
            return
        self.cancel()

    def on_ui(self, event: pygame.event.Event) -> None:
        self.closing(event)

    def handle(self, event: pygame.event.Event) -> bool:
        if self.focus is not None and self.focus.handle(event):
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.cancel()
            return True
        return False


class TextDialog(ModalScreen):
    """A dialog of scrolling rich text and one button that closes it (Enter, Space, Esc or a click outside do too).

    It opens with the focus on the text, so the arrows and PageUp/PageDown/Home/End read it to its end; Tab goes
    to the button."""

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
        self.close_button = self.button
        self.focus = Focus(self, [self.box, self.button])

    def handle(self, event: pygame.event.Event) -> bool:
        if self.focus is not None and self.focus.handle(event):
            return True
        if event.type == pygame.KEYDOWN and event.key in SCROLL_KEYS and scroll(self.box, event.key):
            return True
        if event.type == pygame.KEYDOWN and event.key in self.close_keys:
            self.cancel()
            return True
        return False

    def on_ui(self, event: pygame.event.Event) -> None:
        self.closing(event)
