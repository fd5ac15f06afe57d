"""The window: one pygame display, one pygame_gui manager, a stack of screens and an event loop that idles."""

from __future__ import annotations

import contextlib
import functools
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any

import pygame
import pygame_gui

from partnership_game.ui import redraw, theme
from partnership_game.ui.lean_gui import LeanUIManager
from partnership_game.ui.motion import DialogMotion, dialog_layer
from partnership_game.ui.motion import release as release_motion
from partnership_game.ui.screen import Screen
from partnership_game.ui.screen_names import OpensScreens
from partnership_game.ui.settings import Settings, save_settings
from partnership_game.ui.sound import Sound, Volumes, volumes_from

# The smallest window every screen is laid out for: 90 % of a 1024×600 netbook desktop (the smallest screen the
# game supports), so such a desktop still gets a window that fits beside its panels.
MIN_SIZE = (920, 540)
DESKTOP_SHARE = 0.9
# Nothing moves: sleep in short slices and look for input between them. SDL's own timed wait polls in a tight loop
# on some video drivers (the dummy one among them), which costs several percent of a core while the player reads;
# a 30 ms slice keeps idle CPU near zero and input latency below one frame at 30 fps.
IDLE_SLICE_S = 0.03
BUSY_WAIT_MS = 16
SOUND_SETTINGS = ("master_volume", "music_volume", "effects_volume", "mute")


class App(OpensScreens):
    """Owns the display, the widget manager, the settings and the screen stack (screens open by name: `open`,
    ui/screen_names.py); knows nothing of the rules."""

    def __init__(self, settings: Settings, services: Any = None) -> None:
        # Fonts and rendered text are cached per process; a cache made before pygame.quit holds dead fonts.
        from partnership_game.ui import drawing

        theme.font.cache_clear()
        drawing.rendered.cache_clear()
        limit_heap_growth()
        self.settings = settings
        self.services = services  # the game-side helpers screens need (scenarios, saves); see ui/run.py
        # Nothing opens until the first sound is asked for (after the title's first frame, see ui/run.py).
        self.volumes = volumes_from(settings)
        self.sound = Sound(volumes=self.volumes)
        self.window = self._set_mode((settings.width, settings.height), settings.fullscreen)
        pygame.display.set_caption("A New Partnership?")
        self.size: tuple[int, int] = self.window.get_size()
        self.palette = theme.PALETTES[settings.palette]
        self.manager = self._make_manager()
        self.stack: list[Screen] = []
        self.running = True
        self.dirty = True
        self.busy_until = 0.0  # keep drawing at full rate until then (after input, while hover effects settle)
        self.frame_hooks: list[Callable[[App], None]] = []
        self.motion: DialogMotion | None = None  # a dialog opening or closing (ui/motion.py); None at rest
        # The class in force, if any (classroom.lesson.Lesson), and its clock, which a new game goes on with.
        self._lesson: Any = None
        self.class_clock: Any = None
        from partnership_game.ui.class_time import ClassTime

        self.class_time = ClassTime(self)  # a class game's clock: drawn over every screen, ticking on its own

    @property
    def lesson(self) -> Any:
        return self._lesson

    @lesson.setter
    def lesson(self, lesson: Any) -> None:
        self._lesson = lesson
        self.apply_volumes()  # a class file may mute the game for the whole lesson

    def apply_volumes(self) -> None:
        """The settings' levels, silenced while a lesson whose class file says `mute: true` is in force."""
        lesson = self._lesson
        volumes: Volumes = volumes_from(self.settings, class_mute=bool(lesson is not None and lesson.model.mute))
        if volumes != self.volumes:  # unchanged levels leave the sound alone (and unopened, before its first use)
            self.volumes = volumes
            self.sound.set_volumes(volumes)

    # ---- scale and theme -----------------------------------------------------------------------------------

    @property
    def scale(self) -> float:
        """Text and spacing scale: the text-size setting times the window's size relative to 1280×720."""
        w, h = self.size
        window = min(w / 1280, h / 720)
        return self.settings.text_scale * min(max(window, 0.78), 3.0)

    def px(self, base: float) -> int:
        return max(1, round(base * self.scale))

    def _make_manager(self) -> pygame_gui.UIManager:
        sizes = sorted({self._theme_size(s) for s in (14, 16, 17, 18, 22)})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # pygame_gui's notes about fonts it has loaded already
            manager = LeanUIManager(self.size, theme.widget_theme(self.palette, self.scale),
                                    enable_live_theme_updates=False)
            manager.preload_fonts([{"name": "noto_sans", "point_size": size, "style": style}
                                   for size in sizes for style in ("bold", "italic", "regular")])
        return manager

    def _theme_size(self, base: int) -> int:
        return max(8, round(base * self.scale))

    def apply_settings(self, settings: Settings) -> None:
        """Take new settings: resize or go fullscreen, rebuild the theme and every screen's widgets (a change of the
        sound's levels or mute alone is only heard: nothing is laid out again)."""
        from dataclasses import replace

        old_sound = {name: getattr(self.settings, name) for name in SOUND_SETTINGS}
        sound_only = settings != self.settings and replace(settings, **old_sound) == self.settings
        changed_mode = settings.fullscreen != self.settings.fullscreen or (settings.width, settings.height) != (
            self.settings.width,
            self.settings.height,
        )
        self.settings = settings
        with contextlib.suppress(OSError):  # settings that cannot be stored still apply for this session
            save_settings(settings)
        self.apply_volumes()
        if sound_only:
            return
        if changed_mode:
            size = (settings.width, settings.height)
            if not settings.fullscreen:  # a size the player picked: the whole desktop, never beyond it
                size = fit_to_desktop(size, desktop_sizes(), share=1.0)
            self.window = self._set_mode(size, settings.fullscreen)
        self.palette = theme.PALETTES[settings.palette]
        self.relayout(self.window.get_size(), force_theme=True)

    def _set_mode(self, size: tuple[int, int], fullscreen: bool) -> pygame.Surface:
        flags = pygame.RESIZABLE | (pygame.FULLSCREEN if fullscreen else 0)
        window = pygame.display.set_mode((max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1])), flags)
        set_minimum_size(MIN_SIZE)  # set_mode makes a new SDL window, which forgets the minimum: set it each time
        return window

    def remember_size(self) -> None:
        """Keep the window's size (not a fullscreen one) for the next start; called when the game quits."""
        from dataclasses import replace

        if self.settings.fullscreen or self.size == (self.settings.width, self.settings.height):
            return
        self.settings = replace(self.settings, width=self.size[0], height=self.size[1])
        with contextlib.suppress(OSError):
            save_settings(self.settings)

    def relayout(self, size: tuple[int, int], force_theme: bool = False) -> None:
        old_scale = self.scale
        self.size = (max(size[0], 1), max(size[1], 1))
        for screen in self.stack:
            screen.clear()
        if force_theme or abs(self.scale - old_scale) > 0.04:
            self.manager = self._make_manager()
        else:
            self.manager.set_window_resolution(self.size)
        for screen in self.stack:
            screen.build()
        self.motion = None  # its pictures were drawn at the old size
        self.dirty = True

    def toggle_fullscreen(self) -> None:
        from dataclasses import replace

        self.apply_settings(replace(self.settings, fullscreen=not self.settings.fullscreen))

    # ---- the stack -----------------------------------------------------------------------------------------

    @property
    def top(self) -> Screen | None:
        return self.stack[-1] if self.stack else None

    def push(self, screen: Screen, on_result: Callable[[Any], None] | None = None) -> Screen:
        screen._on_result = on_result
        self.stack.append(screen)
        screen.enter()
        # The dialog is on top and takes input at once; only its picture fades in, over the next few frames.
        animate = not screen.opaque and len(self.stack) > 1 and not self.settings.reduce_motion
        self.motion = DialogMotion(screen, closing=False) if animate else None
        self.dirty = True
        return screen

    def pop(self, screen: Screen | None = None, animate: bool = True) -> None:
        target = screen or self.top
        if target is None or target not in self.stack:
            return
        motion = None
        if (animate and target is self.top and not target.opaque and len(self.stack) > 1 and self.running
                and not self.settings.reduce_motion and target.elements):
            motion = DialogMotion(target, closing=True)
            motion.take_dialog(self)  # its picture at rest, while its widgets still exist
        self.stack.remove(target)
        target.leave()
        if motion is not None or (self.motion is not None and self.motion.screen is target):
            self.motion = motion
        self.dirty = True

    def replace(self, screen: Screen) -> Screen:
        """Clear the stack and show this screen alone."""
        while self.stack:
            self.pop(self.stack[-1], animate=False)
        return self.push(screen)

    def visible_screens(self) -> list[Screen]:
        """The screens drawn: the top opaque one and every dialog over it."""
        first = 0
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].opaque:
                first = index
                break
        return self.stack[first:]

    # ---- the loop ------------------------------------------------------------------------------------------

    def quit(self) -> None:
        self.running = False
        self.class_time.leave()
        self.remember_size()

    def dispatch(self, event: pygame.event.Event) -> None:
        """One event: window-wide keys first, then the widgets, then the top screen."""
        if event.type == pygame.QUIT:
            self.quit()
            return
        if self.class_time.handle(event):
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            size = pygame.display.get_surface().get_size()
            if size[0] < MIN_SIZE[0] or size[1] < MIN_SIZE[1]:
                # A window manager that ignores SDL's minimum (or a driver without one): grow back to it.
                self.window = self._set_mode(size, self.settings.fullscreen)
                size = self.window.get_size()
            if size != self.size:
                self.relayout(size)
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
            self.dirty = True
        if self.motion is not None and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.motion = None  # any key or click ends a dialog's movement; the key still does its job below
            release_motion()
            self.dirty = True
        if event.type == pygame.KEYDOWN:
            ctrl = bool(event.mod & pygame.KMOD_CTRL)
            if ctrl and event.key == pygame.K_q:
                self.quit()
                return
            if event.key == pygame.K_F11:
                self.toggle_fullscreen()
                return
        if event.type != pygame.MOUSEMOTION:  # W1: a mouse move redraws only when it changes something (see frame)
            self.busy_until = time.perf_counter() + 0.4
            self.dirty = True
        top = self.top
        consumed = self.manager.process_events(event)
        if event.type >= pygame.USEREVENT and hasattr(event, "ui_element"):
            for screen in reversed(self.stack):
                if screen.owns(event.ui_element):
                    screen.on_ui(event)
                    break
            return
        if top is not None and not (consumed and event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)):
            top.handle(event)

    def frame(self, dt: float) -> None:
        """Update and, when something changed, draw."""
        self.manager.update(dt)
        for screen in list(self.stack):
            screen.update(dt)
        if self.motion is not None:
            self.motion.advance(dt)
            if self.motion.done:
                self.motion = None
                release_motion()
            self.dirty = True
        # W1: the widgets' pictures changed (a hover, a tooltip, a scroll): draw; otherwise only a screen's own change.
        seen = redraw.widget_fingerprint(self.manager)
        if seen != getattr(self, "_widgets_seen", None):
            self._widgets_seen = seen
            self.dirty = True
        if not self.dirty and time.perf_counter() > self.busy_until:
            return
        if self.motion is not None:
            self.draw_motion(self.motion)
        else:
            self.draw()

    def draw_motion(self, motion: DialogMotion) -> None:
        """A frame of a dialog opening or closing: its pictures are made on the first one, then only blitted."""
        if motion.dimmed is None:
            motion.take_dialog(self)
        if motion.under is None:
            motion.take_under(self, None if motion.closing else dialog_layer(self, motion.screen))
        motion.draw(self.window)
        self._present()

    def draw(self) -> None:
        """The picture at rest (a dialog in its place, whatever its movement)."""
        release_motion()  # at rest no movement's pictures are needed (one cut short by a new screen kept them)
        surface = self.window
        surface.fill(self.palette.desk)
        for screen in self.visible_screens():
            screen.draw(surface)
        self.manager.draw_ui(surface)
        self._present()

    def _present(self) -> None:
        surface = self.window
        self.class_time.draw(surface)
        pygame.display.flip()
        self.dirty = False
        for hook in list(self.frame_hooks):  # a hook may take itself off
            hook(self)

    def run(self) -> int:
        clock = time.perf_counter()
        interval = redraw.frame_interval()
        while self.running and self.stack:
            busy = self.dirty or time.perf_counter() < self.busy_until
            if busy:
                first = pygame.event.wait(BUSY_WAIT_MS)
                events = [first] if first.type != pygame.NOEVENT else []
                events += pygame.event.get()
            else:
                events = pygame.event.get()
                if not events:
                    time.sleep(IDLE_SLICE_S)
                    events = pygame.event.get()
                    if not events and time.perf_counter() - clock < 0.5:
                        continue  # nothing happened: no widget timers need a frame more often than twice a second
            for event in events:
                self.dispatch(event)
                if not self.running:
                    break
            spare = interval - (time.perf_counter() - clock)
            if spare > 0:
                time.sleep(spare)  # W1: at most one frame per display refresh, however fast the events come
            now = time.perf_counter()
            self.frame(min(now - clock, 0.25))
            clock = now
        self.remember_size()
        return 0


def desktop_sizes() -> list[tuple[int, int]]:
    try:
        return [tuple(size) for size in pygame.display.get_desktop_sizes()]  # type: ignore[misc]
    except pygame.error:
        return []


def fit_to_desktop(size: tuple[int, int], desktops: list[tuple[int, int]],
                   share: float = DESKTOP_SHARE) -> tuple[int, int]:
    """The window size to open: the wanted one, no larger than `share` of the first desktop (90 % when the game
    starts, so the window and its frame fit beside the desktop's panels), no smaller than MIN_SIZE.

    With no desktop known (some drivers report none) the wanted size stands.
    """
    width, height = size
    if desktops and desktops[0][0] > 0 and desktops[0][1] > 0:
        width = min(width, int(desktops[0][0] * share))
        height = min(height, int(desktops[0][1] * share))
    return max(width, MIN_SIZE[0]), max(height, MIN_SIZE[1])


def set_minimum_size(size: tuple[int, int]) -> None:
    """SDL's own minimum, so the window manager stops the drag there (pygame-ce's Window API; absent before 2.4)."""
    window_type = getattr(pygame, "Window", None)
    if window_type is None or pygame.display.get_surface() is None:
        return
    with warnings.catch_warnings(), contextlib.suppress(pygame.error, AttributeError, ValueError):
        warnings.simplefilter("ignore", DeprecationWarning)  # from_display_module: the window set_mode opened
        window_type.from_display_module().minimum_size = size


@functools.cache
def limit_heap_growth() -> None:
    """Give large freed blocks back to the system (glibc only; elsewhere nothing to do).

    glibc raises its mmap threshold each time a large block is freed, so after the odds' rollouts and a few turns'
    surfaces every big array lands on the heap, which never shrinks: the game kept ~250 MB resident where ~150 MB
    were in use. A fixed threshold keeps blocks over 128 KiB in their own mappings, returned when freed.
    """
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        m_mmap_threshold = -3  # from glibc's malloc.h
        libc.mallopt(m_mmap_threshold, 128 * 1024)
