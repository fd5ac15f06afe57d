"""The class's clock in the window: drawn over every screen of a class game, ticking without input, acting at zero."""

from __future__ import annotations

import math
from typing import Any

import pygame

from partnership_game.classroom.clock import WARN_SECONDS, ClassClock
from partnership_game.ui import drawing
from partnership_game.ui.strings import t

TICK = pygame.event.custom_type()
SAVE_EVERY_S = 60.0  # the clock's time reaches the autosave at least this often, so a crash loses at most this


def open_game(app: Any) -> Any:
    """The class game on show: the game of the topmost screen that has one, if it is a class game."""
    for screen in reversed(app.stack):
        game = getattr(screen, "game", None)
        if game is not None:
            return game if game.session.classroom is not None else None
    return None


class ClassTime:
    """Runs the clock of the class game on show (and only then), draws it, and wakes the window when it changes."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.clock: ClassClock | None = None  # the clock running now
        self.game: Any = None
        self.saved_at = 0.0  # the clock's time at the last autosave made for it
        self.shown: str | None = None  # the words drawn last (None: no clock on show)
        self.rect = pygame.Rect(0, 0, 0, 0)

    # ---- following the game on show ------------------------------------------------------------------------

    def follow(self) -> None:
        """Start the clock of the class game on show and stop the one of a game left (which is saved with it)."""
        game = open_game(self.app)
        clock = game.session.classroom.clock if game is not None else None
        if clock is not self.clock:
            if self.clock is not None:
                self.clock.stop()
                if self.game is not None and self.game is not game:
                    self.game.autosave()  # the time used, to the second, goes with the game left
            if clock is not None:
                clock.start()
                self.app.class_clock = clock  # a new game goes on with this clock
                self.saved_at = clock.used_at()
            self.clock = clock
            self.arm()
        self.game = game

    def arm(self) -> None:
        """Wake the window when the label next changes (pygame's timer: no input is needed for it to tick)."""
        wait = self.clock.seconds_to_next_change() if self.clock is not None else None
        if wait is None:
            pygame.time.set_timer(TICK, 0)
        else:
            pygame.time.set_timer(TICK, max(20, math.ceil(wait * 1000) + 5), loops=1)

    def leave(self) -> None:
        """The window closes: the clock stops and its time goes into the open game's autosave."""
        pygame.time.set_timer(TICK, 0)
        if self.clock is not None:
            self.clock.stop()
            if self.game is not None:
                self.game.autosave()
        self.clock = self.game = None

    # ---- a tick --------------------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != TICK:
            return False
        self.tick()
        return True

    def tick(self) -> None:
        """Redraw the clock, say what is due (five minutes left, time up), keep the autosave's time recent."""
        self.follow()
        self.app.dirty = True
        clock, game = self.clock, self.game
        if clock is None or game is None:
            return
        self.arm()
        if clock.used_at() - self.saved_at >= SAVE_EVERY_S:
            self.saved_at = clock.used_at()
            game.autosave()
        stage = clock.due()
        if stage == "warn":
            self.app.open("message", t("class.warn_heading"), t("class.warn"))
        elif stage == "zero":
            self.app.call("classroom.time_is_up", self.app, game)

    # ---- drawing -------------------------------------------------------------------------------------------

    def place(self, size: tuple[int, int]) -> tuple[int, int, int]:
        """Where the clock stands (its top-right corner) and how tall it is: on the turn screen over the meters
        panel's top edge (free on every layout), elsewhere where the opaque screen says, else the window's corner."""
        app = self.app
        height = app.px(32)
        base = next((s for s in reversed(app.stack) if s.opaque), None)
        lay = getattr(base, "lay", None)
        meters = getattr(lay, "meters", None)
        if isinstance(meters, pygame.Rect):
            return meters.right - app.px(10), meters.top - app.px(8), height
        placed = getattr(base, "clock_place", None)
        if callable(placed):
            right, top = placed()
            return right, top, height
        return size[0] - app.px(12), app.px(12), height

    def draw(self, surface: pygame.Surface) -> None:
        """The time left, large and bold on a dark label (red in the last five minutes), over whatever is open."""
        self.follow()
        clock = self.clock
        label = clock.label() if clock is not None else None
        self.shown = None
        if clock is None or label is None:
            return
        app = self.app
        palette = app.palette
        left = clock.left() or 0.0
        size = app.px(18)
        self.shown = t("class.clock", label=label)
        image = drawing.rendered(self.shown, size, palette.paper, True)
        right, top, height = self.place(surface.get_size())
        rect = pygame.Rect(0, top, image.get_width() + app.px(24), height)
        rect.right = right
        back = palette.stamp if left <= WARN_SECONDS else palette.ink
        pygame.draw.rect(surface, back, rect, border_radius=app.px(5))
        pygame.draw.rect(surface, palette.paper, rect.inflate(-4, -4), width=1, border_radius=app.px(4))
        surface.blit(image, image.get_rect(center=rect.center))
        self.rect = rect
