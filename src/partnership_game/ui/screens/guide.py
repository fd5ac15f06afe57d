"""The guided first turn: a tour over the real turn screen that frames one part at a time and says what it is for.

Offered once, the first time a player reaches a turn (`offer`, remembered as `Settings.guide_seen`), and from Help
whenever a turn is on screen (`add_tour_button`). The tour is a screen on top of the turn screen: it takes every
key and click while it is up, so it never selects or decides anything; the scroll and preview it shows are put back
when it ends. Enter or Right: next; Left: back; Esc: leave the tour; Tab moves among Back, Next and Skip;
the arrows Up/Down and PageUp/PageDown scroll the box's words when large text makes them scroll.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.ui.focus import RING_INK, RING_LIGHT, SCROLL_KEYS, Focus, scroll
from partnership_game.ui.screen import ModalScreen, Screen
from partnership_game.ui.screens import guide_steps
from partnership_game.ui.strings import t

DIM = (12, 14, 20, 165)  # the rest of the screen, dimmed: the framed part is the only thing at full strength
_ENTER = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


# ---- where the tour can start ---------------------------------------------------------------------------------

def turn_below(app: Any) -> Any:
    """The turn screen on the stack with a decision in front of it, or None."""
    for screen in reversed(app.stack):
        if isinstance(screen, app.screen_class("turn")):
            return screen if screen.game.session.pending is not None and hasattr(screen, "lay") else None
    return None


def offer_wanted(app: Any) -> bool:
    return not app.settings.guide_seen


def offer(app: Any) -> None:
    """The first time a player reaches a turn: ask whether they would like the tour (once, whatever they answer)."""
    if offer_wanted(app) and turn_below(app) is not None:
        app.push(GuideOffer(app))


def start(app: Any) -> bool:
    """Close whatever stands over the turn screen (Help, the menu) and start the tour on it; False without a turn."""
    turn = turn_below(app)
    if turn is None:
        return False
    while app.top is not turn:
        app.pop(app.top)
    app.push(GuideScreen(app, turn))
    return True


def remember_seen(app: Any) -> None:
    if not app.settings.guide_seen:
        from partnership_game.ui.settings import save_settings

        app.settings = replace(app.settings, guide_seen=True)
        with contextlib.suppress(OSError):  # a settings file that cannot be written: the offer may come again
            save_settings(app.settings)


def add_tour_button(dialog: Any) -> None:
    """Help's "Tour of this screen" button, left of its Close button, when a turn is under the dialog."""
    dialog.tour_button = None
    if turn_below(dialog.app) is None:
        return
    close = dialog.button
    pad = dialog.app.px(14)
    from partnership_game.ui import drawing

    label = t("help.tour")
    width = drawing.rendered(label, dialog.app.px(17), (0, 0, 0), True).get_width() + dialog.app.px(36)
    rect = pygame.Rect(pad, close.relative_rect.top, width, close.relative_rect.height)
    dialog.tour_button = dialog.add(pygame_gui.elements.UIButton(
        rect, label, dialog.app.manager, container=close.ui_container, object_id=ObjectID(object_id="#help_tour")))
    if dialog.focus is not None:
        dialog.focus.items.insert(dialog.focus.items.index(close), dialog.tour_button)


def tour_pressed(dialog: Any, event: pygame.event.Event) -> bool:
    if (event.type == pygame_gui.UI_BUTTON_PRESSED and getattr(dialog, "tour_button", None) is not None
            and event.ui_element is dialog.tour_button):
        remember_seen(dialog.app)
        start(dialog.app)
        return True
    return False


def text_height(app: Any, html: str, width: int) -> int:
    """How tall a text box of this width must be to show all of `html` (measured by a box that sizes itself)."""
    probe = pygame_gui.elements.UITextBox(html, pygame.Rect(-width - 10, 0, width, -1), app.manager,
                                          object_id=ObjectID(object_id="#guide_text"))
    height = int(probe.rect.height)
    probe.kill()
    return height


# ---- the offer ----------------------------------------------------------------------------------------------

class GuideOffer(ModalScreen):
    """"Your first turn": Show me around, or Not now (Esc, a click outside)."""

    width_share = 0.44
    height_share = 0.46

    def panel_rect(self) -> pygame.Rect:
        w, h = self.app.size
        pw = max(min(int(w * self.width_share), w - 40), 420)
        border = 2  # the dialog panel's frame, inside its rect (assets/theme.json, @dialog)
        text_h = self._text_height(pw - 2 * border - 2 * self.app.px(16))
        ph = min(text_h + 2 * border + 3 * self.app.px(16) + self.app.px(44) + self.app.px(12), h - 40)
        return pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph)

    def _html(self) -> str:
        return (f"<font pixel_size={self.app.px(22)}><b>{t('guide.offer.heading')}</b></font><br><br>"
                f"{t('guide.offer.text')}")

    def _text_height(self, width: int) -> int:
        return text_height(self.app, self._html(), width)

    def build(self) -> None:
        self.remember()
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad, row = self.app.px(16), self.app.px(44)
        self.box = self.add(pygame_gui.elements.UITextBox(
            self._html(), pygame.Rect(pad, pad, rect.width - 2 * pad, rect.height - 3 * pad - row), self.app.manager,
            container=panel, object_id=ObjectID(object_id="#guide_offer")))
        later = self.make_close_button(panel, "guide.offer.later")
        later.set_dimensions((later.rect.width, row))
        later.set_relative_position((later.relative_rect.left, rect.height - pad - row))
        from partnership_game.ui import drawing

        label = t("guide.offer.start")
        width = drawing.rendered(label, self.app.px(17), (0, 0, 0), True).get_width() + self.app.px(40)
        self.start_button = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(rect.width - pad - width, rect.height - pad - row, width, row), label, self.app.manager,
            container=panel, object_id=ObjectID(class_id="@primary", object_id="#guide_start")))
        self.focus = Focus(self, [self.start_button, later, self.box])

    def remember(self) -> None:
        """Asked once: whatever the answer (even quitting now), the first game does not ask again."""
        remember_seen(self.app)

    def on_ui(self, event: pygame.event.Event) -> None:
        if self.closing(event):
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.start_button:
            self.app.pop(self)
            start(self.app)


# ---- the tour -------------------------------------------------------------------------------------------------

class _Veil(pygame_gui.elements.UIImage):
    """The dimmed window with the framed part: it takes every click and wheel turn, so nothing under it moves."""

    def process_event(self, event: pygame.event.Event) -> bool:
        return event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL)


def frame_rect(target: pygame.Rect, thickness: int, window: pygame.Rect) -> pygame.Rect:
    """The frame goes round the part, outside it (never over its text), and stays inside the window."""
    return target.inflate(2 * thickness + 4, 2 * thickness + 4).clip(window)


SIDES = ("right", "left", "below", "above")


def place_box(target: pygame.Rect, size: tuple[int, int], window: pygame.Rect, gap: int,
              sides: tuple[str, ...] = SIDES) -> pygame.Rect:
    """Where the text box goes: beside the framed part (on the first of `sides` with room), whole inside the window
    and off the part; where no side has room, the spot that covers least of it."""
    w, h = size
    inner = window.inflate(-2 * gap, -2 * gap)
    spots = {
        "right": pygame.Rect(target.right + gap, target.top, w, h),
        "left": pygame.Rect(target.left - gap - w, target.top, w, h),
        "below": pygame.Rect(target.left, target.bottom + gap, w, h),
        "above": pygame.Rect(target.left, target.top - gap - h, w, h),
    }
    placed = []
    for rect in [spots[side] for side in sides]:
        moved = rect.clamp(inner) if rect.width <= inner.width and rect.height <= inner.height else rect.clamp(window)
        overlap = moved.clip(target)
        placed.append((overlap.width * overlap.height, moved))
        if overlap.width * overlap.height == 0:
            return moved
    return min(placed, key=lambda pair: pair[0])[1]


class GuideScreen(Screen):
    """The tour itself, over the turn screen (which it only reads, and scrolls for a while)."""

    opaque = False

    def __init__(self, app: Any, turn: Any) -> None:
        super().__init__(app)
        self.turn = turn
        self.index = 0
        self.saved = guide_steps.save(turn)
        self.step: guide_steps.Step | None = None
        self.focus: Focus | None = None
        self.focused = "next"
        self.buttons: dict[str, Any] = {}
        self.text: Any = None

    @property
    def keys(self) -> list[str]:
        return guide_steps.keys(self.turn)

    def build(self) -> None:
        app = self.app
        if not hasattr(self.turn, "lay") or self.turn.game.session.pending is None:
            return
        keys = self.keys
        self.index = min(max(self.index, 0), len(keys) - 1)
        self.step = guide_steps.show(self.turn, keys[self.index], self.saved)
        layer = 40 + 20 * (app.stack.index(self) if self in app.stack else len(app.stack))
        self.ring_layer = layer + 19
        window = pygame.Rect((0, 0), app.size)
        px = app.px
        thickness = max(4, px(5))
        frame = frame_rect(self.step.rect, thickness, window)
        pad, row, gap = px(12), px(40), px(14)
        html = (f"<font pixel_size={px(13)}>{t('guide.count', step=self.index + 1, steps=len(keys))}</font><br>"
                f"<font pixel_size={px(20)}><b>{self.step.title}</b></font><br>{self.step.text}<br>"
                f"<font pixel_size={px(13)}><i>{t('guide.keys')}</i></font>")
        # The preview's box stands above it, so the meters keep their ghost segments in view.
        sides = ("above", "right", "left", "below") if self.step.key == "preview" else SIDES
        box, width, text_h = self._place(frame, html, window, (pad, row, gap), sides)
        self.add(_Veil(window, self._veil(window, frame, thickness), app.manager, starting_height=layer))
        panel = self.add(pygame_gui.elements.UIPanel(box, starting_height=layer + 1, manager=app.manager,
                                                     object_id=ObjectID(class_id="@dialog", object_id="#guide_box")))
        # Inside the panel, so a scroll bar (large text on a small window) stands over the panel, not under it.
        origin = panel.get_container().get_rect().topleft
        self.text = self.add(pygame_gui.elements.UITextBox(
            html, pygame.Rect(box.left + pad - origin[0], box.top + pad - origin[1], width, text_h), app.manager,
            container=panel, object_id=ObjectID(object_id="#guide_text")))
        self.buttons = self._buttons(box, pad, row, layer + 2)
        order = [b for name, b in self.buttons.items() if name != "skip"] + [self.buttons["skip"]]
        wanted = self.buttons.get(self.focused)
        self.focus = Focus(self, order, start=order.index(wanted) if wanted in order else 1)
        app.dirty = True

    def _place(self, frame: pygame.Rect, html: str, window: pygame.Rect, spacing: tuple[int, int, int],
               sides: tuple[str, ...]) -> tuple[pygame.Rect, int, int]:
        """The box (and its text's width and height): beside the frame, narrower where a side is tight; on a small
        window with large text, as tall as the window beside the frame, its words scrolling; else where it covers
        least of the part."""
        pad, row, gap = spacing
        px = self.app.px
        widest = min(px(380), max(window.width // 3, px(300)))
        narrowest = min(widest, px(250))  # Skip, Back and Next in one row, apart
        inner = window.inflate(-2 * gap, -2 * gap)
        rooms = {"right": (inner.right - frame.right - gap, inner.height),
                 "left": (frame.left - gap - inner.left, inner.height),
                 "below": (inner.width, inner.bottom - frame.bottom - gap),
                 "above": (inner.width, frame.top - gap - inner.top)}
        # First a full-width box that fits whole, then a narrower one, then one whose words scroll.
        for narrow, scrolling in ((False, False), (True, False), (True, True)):
            for side in sides:
                room_w, room_h = rooms[side]
                width = min(widest, room_w - 2 * pad)
                if width < (narrowest if narrow else widest) or (scrolling and room_h - 3 * pad - row < px(90)):
                    continue
                text_h = text_height(self.app, html, width)
                if scrolling:
                    text_h = min(text_h, room_h - 3 * pad - row)
                box = place_box(frame, (width + 2 * pad, text_h + 3 * pad + row), window, gap, (side,))
                if inner.contains(box) and not box.colliderect(frame):
                    return box, width, text_h
        text_h = min(text_height(self.app, html, widest), inner.height - 3 * pad - row)
        return place_box(frame, (widest + 2 * pad, text_h + 3 * pad + row), window, gap, sides), widest, text_h

    def _veil(self, window: pygame.Rect, frame: pygame.Rect, thickness: int) -> pygame.Surface:
        picture = pygame.Surface(window.size, pygame.SRCALPHA)
        picture.fill(DIM)
        picture.fill((0, 0, 0, 0), frame)
        pygame.draw.rect(picture, RING_INK, frame, width=thickness, border_radius=thickness)
        inner = frame.inflate(-2 * thickness + 2, -2 * thickness + 2)
        pygame.draw.rect(picture, RING_LIGHT, inner, width=max(2, thickness // 2), border_radius=thickness // 2)
        return picture

    def _buttons(self, box: pygame.Rect, pad: int, row: int, layer: int) -> dict[str, Any]:
        from partnership_game.ui import drawing

        last = self.index == len(self.keys) - 1
        labels = {"back": t("guide.back"), "next": t("guide.done") if last else t("guide.next"),
                  "skip": t("guide.skip")}
        size = self.app.px(17)
        widths = {k: drawing.rendered(v, size, (0, 0, 0), True).get_width() + self.app.px(28)
                  for k, v in labels.items()}
        top = box.bottom - pad - row
        rects = {"skip": pygame.Rect(box.left + pad, top, widths["skip"], row)}
        rects["next"] = pygame.Rect(box.right - pad - widths["next"], top, widths["next"], row)
        rects["back"] = pygame.Rect(rects["next"].left - self.app.px(8) - widths["back"], top, widths["back"], row)
        buttons = {}
        for key in ("back", "next", "skip"):
            buttons[key] = self.add(pygame_gui.elements.UIButton(
                rects[key], labels[key], self.app.manager, starting_height=layer,
                object_id=ObjectID(class_id="@primary" if key == "next" else None, object_id=f"#guide_{key}")))
        if self.index == 0:
            buttons["back"].disable()
        return buttons

    # ---- moving through the tour ---------------------------------------------------------------------------

    def go(self, step: int) -> None:
        target = self.index + step
        if target < 0:
            return
        if target >= len(self.keys):
            self.finish()
            return
        self.index = target
        self.rebuild()

    def finish(self) -> None:
        """The tour ends (Done, Skip, Esc): the turn screen is as the player left it."""
        guide_steps.restore(self.turn, self.saved)
        remember_seen(self.app)
        self.app.pop(self)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL)
        if event.key == pygame.K_ESCAPE:
            self.finish()
        elif event.key == pygame.K_RIGHT:
            self.go(1)
        elif event.key == pygame.K_LEFT:
            self.go(-1)
        elif event.key in SCROLL_KEYS:
            scroll(self.text, event.key)  # the box's own words, when large text makes them scroll
        elif self.focus is not None and event.key in (pygame.K_TAB, *_ENTER):
            self.focus.handle(event)  # Enter or Space presses the focused button: Next unless Tab moved on
            current = self.focus.current
            self.focused = next((k for k, b in self.buttons.items() if b is current), "next")
        return True  # every key is the tour's while it is up: nothing reaches the turn screen

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return
        element = event.ui_element
        self.focused = next((k for k, b in self.buttons.items() if b is element), self.focused)
        if element is self.buttons.get("skip"):
            self.finish()
        elif element is self.buttons.get("next"):
            self.go(1)
        elif element is self.buttons.get("back"):
            self.go(-1)
