"""Keyboard focus and keyboard scrolling, shared by every screen: a ring round the focused control, Tab among them.

How a screen uses it (the names the turn screen and the dialogs share):

- `Focus(screen, items, start=0, arrows=False)`: build it last in `build`, with the screen's focusable things in
  reading order. An item is a pygame_gui element (a button, a drop-down, a text entry, a text box or a selection
  list) or an `Area` (a part of the screen the game draws itself: a name, an absolute rect, optionally `on_key`).
  With `arrows`, Up/Down move among buttons as Tab does. The focused item gets a ring drawn round it by the game
  (`FocusRing`: a thick dark frame with a light inner line, so it shows on any colour; not colour alone).
- `focus.handle(event) -> bool`: call it first in `Screen.handle`. It uses Tab / Shift+Tab (move among the
  items), and for the focused item: Enter or Space presses a button (posting the same UI_BUTTON_PRESSED a click
  does, so `on_ui` handles both alike); a drop-down opens with Enter, Space or Alt+Down, moves with Up/Down while
  open, takes the highlighted value with Enter (posting UI_DROP_DOWN_MENU_CHANGED, as a click does) and closes with
  Esc (Up/Down on a closed one step its value); a selection list moves its selection with Up/Down (posting
  UI_SELECTION_LIST_NEW_SELECTION); a text box or a list scrolls with PageUp/PageDown, Home/End (and Up/Down for
  a text box); an `Area` gets the key through its `on_key`. True when the key was used.
- `focus.current`, `focus.index`, `focus.focus(item_or_index)`, `focus.move(step)`, `focus.is_open()` (a drop-down
  is open: Enter and Esc belong to it), `focus.close_open()`, `focus.follow(element)` (a click moved the focus).
- `scroll(element, key) -> bool` and `at_end(element) -> bool`: keyboard scrolling of anything with a pygame_gui
  scroll bar (`SCROLL_KEYS`), for screens that scroll an area without giving it focus. The mouse wheel already
  scrolls whatever it is over (pygame_gui).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UIImage, UISelectionList, UITextBox, UITextEntryLine

SCROLL_KEYS = (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END)
_ENTER = (pygame.K_RETURN, pygame.K_KP_ENTER)
RING_INK = (20, 24, 32)
RING_LIGHT = (255, 214, 64)


class Area:
    """A focusable part of a screen the game draws itself; `rect` is absolute and may be updated after a resize."""

    def __init__(self, name: str, rect: pygame.Rect, on_key: Callable[[pygame.event.Event], bool] | None = None
                 ) -> None:
        self.name = name
        self.rect = pygame.Rect(rect)
        self.on_key = on_key
        self.visible = True

    def __repr__(self) -> str:
        return f"Area({self.name!r})"


def scroll_bar(element: Any) -> Any:
    bar = getattr(element, "scroll_bar", None)
    return bar if bar is not None and bar.alive() else None


def scroll(element: Any, key: int) -> bool:
    """Scroll a text box or list one line (Up/Down), one page (PageUp/PageDown) or to an end (Home/End).

    True when the key is a scrolling key and the element can scroll (even when it is already at that end)."""
    bar = scroll_bar(element)
    if bar is None or key not in SCROLL_KEYS:
        return False
    visible = bar.visible_percentage
    start = bar.start_percentage
    line = visible / 8
    target = {
        pygame.K_UP: start - line,
        pygame.K_DOWN: start + line,
        pygame.K_PAGEUP: start - visible * 0.9,
        pygame.K_PAGEDOWN: start + visible * 0.9,
        pygame.K_HOME: 0.0,
        pygame.K_END: 1.0,
    }[key]
    bar.set_scroll_from_start_percentage(min(max(target, 0.0), max(1.0 - visible, 0.0)))
    # The widget redraws from its bar on its next update; asking now keeps a key press and its picture together.
    element.update(0.0)
    return True


def at_end(element: Any) -> bool:
    """Whether a scrollable element shows its last line (an element that does not scroll always does)."""
    bar = scroll_bar(element)
    return bar is None or bar.start_percentage + bar.visible_percentage >= 0.995


class FocusRing(UIImage):
    """The frame round the focused control: dark outside, light inside, three pixels or more; never takes the mouse."""

    def hover_point(self, hover_x: float, hover_y: float) -> bool:
        return False

    @staticmethod
    def picture(size: tuple[int, int], thickness: int) -> pygame.Surface:
        surface = pygame.Surface(size, pygame.SRCALPHA)
        rect = surface.get_rect()
        pygame.draw.rect(surface, RING_INK, rect, width=thickness, border_radius=thickness * 2)
        inner = rect.inflate(-2 * thickness, -2 * thickness)
        pygame.draw.rect(surface, RING_LIGHT, inner, width=max(1, thickness // 2 + 1), border_radius=thickness)
        return surface


def _usable(item: Any) -> bool:
    if isinstance(item, Area):
        return item.visible
    return bool(item.alive() and getattr(item, "visible", True) and getattr(item, "is_enabled", True))


def _post(kind: int, **data: Any) -> None:
    pygame.event.post(pygame.event.Event(kind, data))


class Focus:
    """Which of a screen's controls has the keyboard, shown by a ring; see the module's docstring for the keys."""

    def __init__(self, screen: Any, items: Sequence[Any], start: int = 0, arrows: bool = False) -> None:
        self.screen = screen
        self.arrows = arrows  # Up/Down move too (a column of buttons: the menu, the title)
        self.items = list(items)
        self.index = min(max(start, 0), len(self.items) - 1) if self.items else -1
        self.ring: FocusRing | None = None
        self.open_menu: Any = None  # a drop-down opened from the keyboard
        self.open_index = 0
        if self.items and not _usable(self.items[self.index]):
            self.move(1)
        else:
            self.show()

    @property
    def current(self) -> Any:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    # ---- moving --------------------------------------------------------------------------------------------

    def focus(self, target: Any) -> None:
        index = target if isinstance(target, int) else self.items.index(target)
        if index != self.index:
            self.close_open()
        self.index = index
        self.show()

    def follow(self, element: Any) -> None:
        """A click on one of the items: the focus goes with it."""
        for index, item in enumerate(self.items):
            if item is element or (getattr(element, "ui_container", None) is not None
                                   and getattr(item, "get_container", None) is not None
                                   and element.ui_container is item.get_container()):
                self.focus(index)
                return

    def move(self, step: int) -> None:
        if not self.items:
            return
        self.close_open()
        index = self.index
        for _ in range(len(self.items)):
            index = (index + step) % len(self.items)
            if _usable(self.items[index]):
                break
        self.index = index
        self.show()

    def show(self) -> None:
        """Draw the ring round the focused item (again after it moved or the layout changed)."""
        item = self.current
        if self.ring is not None:
            self.ring.kill()
            if self.ring in self.screen.elements:
                self.screen.elements.remove(self.ring)
            self.ring = None
        if item is None:
            return
        for other in self.items:  # typing goes to the focused entry only
            if isinstance(other, UITextEntryLine) and other is not item and other.is_focused:
                other.unfocus()
        if isinstance(item, UITextEntryLine):
            item.focus()
        manager = self.screen.app.manager
        thickness = max(3, self.screen.app.px(3))
        rect = pygame.Rect(item.rect).inflate(2 * thickness + 2, 2 * thickness + 2)
        # Above the screen's own widgets, below any dialog opened over it (dialogs start at layer 40, 20 apart).
        layer = getattr(self.screen, "ring_layer", 39)
        self.ring = FocusRing(rect, FocusRing.picture(rect.size, thickness), manager, starting_height=layer)
        self.screen.elements.append(self.ring)
        self.screen.app.dirty = True

    # ---- keys ----------------------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN or self.current is None:
            return False
        if event.key == pygame.K_TAB and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        item = self.current
        if self.arrows and event.key in (pygame.K_UP, pygame.K_DOWN) and isinstance(item, UIButton):
            self.move(1 if event.key == pygame.K_DOWN else -1)
            return True
        if isinstance(item, Area):
            return bool(item.on_key and item.on_key(event))
        if isinstance(item, UIDropDownMenu):
            return self._drop_down(item, event)
        if isinstance(item, UIButton) and event.key in (*_ENTER, pygame.K_SPACE):
            _post(pygame_gui.UI_BUTTON_PRESSED, ui_element=item, ui_object_id=item.most_specific_combined_id,
                  mouse_button=1)
            return True
        if isinstance(item, UISelectionList):
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                return self._list_step(item, 1 if event.key == pygame.K_DOWN else -1)
            return scroll(item, event.key) if event.key not in (pygame.K_UP, pygame.K_DOWN) else False
        if isinstance(item, UITextBox):
            return scroll(item, event.key)
        return False

    def _list_step(self, element: UISelectionList, step: int) -> bool:
        items = element.item_list
        if not items:
            return False
        current = next((k for k, i in enumerate(items) if i["selected"]), -1)
        index = (current + step) % len(items) if current >= 0 else (0 if step > 0 else len(items) - 1)
        for k, entry in enumerate(items):
            entry["selected"] = k == index
            button = entry.get("button_element")
            if button is not None:
                button.select() if k == index else button.unselect()
        bar = scroll_bar(element)
        if bar is not None:  # keep the selected row in view
            share = index / len(items)
            if share < bar.start_percentage or share + 1 / len(items) > bar.start_percentage + bar.visible_percentage:
                bar.set_scroll_from_start_percentage(min(share, 1.0 - bar.visible_percentage))
                element.update(0.0)
        _post(pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, text=items[index]["text"], ui_element=element,
              ui_object_id=element.most_specific_combined_id)
        return True

    # ---- drop-downs ----------------------------------------------------------------------------------------

    @staticmethod
    def _options(menu: UIDropDownMenu) -> list[str]:
        return [o[0] if isinstance(o, tuple) else o for o in menu.options_list]

    def is_open(self) -> bool:
        menu = self.current
        return isinstance(menu, UIDropDownMenu) and menu.current_state is menu.menu_states["expanded"]

    def close_open(self) -> None:
        for item in self.items:
            if isinstance(item, UIDropDownMenu) and item.alive() and item.current_state is item.menu_states[
                    "expanded"]:
                item.current_state.should_transition = True
                item.update(0.0)
        self.open_menu = None

    def _drop_down(self, menu: UIDropDownMenu, event: pygame.event.Event) -> bool:
        options = self._options(menu)
        chosen = options.index(menu.selected_option[0]) if menu.selected_option[0] in options else 0
        if self.is_open():
            if self.open_menu is not menu:
                self.open_menu, self.open_index = menu, chosen
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                self.open_index = (self.open_index + (1 if event.key == pygame.K_DOWN else -1)) % len(options)
                self._highlight(menu)
            elif event.key in (*_ENTER, pygame.K_SPACE):
                self.close_open()
                self._choose(menu, options[self.open_index], options[self.open_index] != options[chosen])
            elif event.key == pygame.K_ESCAPE:
                self.close_open()
            return True  # while a list is open, every key is the list's
        if event.key in (*_ENTER, pygame.K_SPACE) or (event.key == pygame.K_DOWN and event.mod & pygame.KMOD_ALT):
            menu.current_state.should_transition = True
            menu.update(0.0)
            self.open_menu, self.open_index = menu, chosen
            self._highlight(menu)
            self.show()
            return True
        if event.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT) and options:
            step = 1 if event.key in (pygame.K_DOWN, pygame.K_RIGHT) else -1
            new = (chosen + step) % len(options)
            self._choose(menu, options[new], new != chosen)
            return True
        return False

    def _highlight(self, menu: UIDropDownMenu) -> None:
        listing = getattr(menu.current_state, "options_selection_list", None)
        if listing is None:
            return
        for k, entry in enumerate(listing.item_list):
            button = entry.get("button_element")
            if button is not None:
                button.select() if k == self.open_index else button.unselect()
        self.screen.app.dirty = True

    def _choose(self, menu: UIDropDownMenu, text: str, changed: bool) -> None:
        if not changed:
            return
        menu.selected_option = (text, text)
        state = menu.current_state
        if state is menu.menu_states["closed"]:  # rebuild its face with the new value
            state.selected_option = menu.selected_option
            state.finish()
            state.start()
        _post(pygame_gui.UI_DROP_DOWN_MENU_CHANGED, text=text, selected_option_id=text, ui_element=menu,
              ui_object_id=menu.most_specific_combined_id)
