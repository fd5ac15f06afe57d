"""Layout audit: every text the screens on show put on the window, with its box; finds clipped, overlapping and
unprintable text (a debugging aid and the layout test's eyes; it never runs in play)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pygame
import pygame_gui

from partnership_game.ui import drawing, theme
from partnership_game.ui.audit_glyphs import font_file_of, learn_gui_fonts, missing_glyphs

TOLERANCE = 2  # pixels: antialiasing and rounding, not a layout fault
ELLIPSIS = "…"


@dataclass(frozen=True)
class Shown:
    """One text on the window: what it says, where its ink is, the box it was given (if known), who drew it."""

    text: str
    ink: pygame.Rect
    box: pygame.Rect | None
    source: str
    font_file: str


@dataclass(frozen=True)
class Problem:
    screen: str
    kind: str  # clipped, overlap, glyph, cut
    text: str
    detail: str

    def __str__(self) -> str:
        return f"{self.screen}: {self.kind}: {self.text[:60]!r}: {self.detail}"


# ---- recording what screens draw themselves -----------------------------------------------------------------

_rendered: dict[int, tuple[pygame.Surface, str, str]] | None = None  # id(image) -> (image, text, font file)


class _RecordingFont(pygame.font.Font):
    """A font that remembers which surfaces hold which text, so a blit of one can be told from a picture."""

    def __init__(self, path: str, size: int) -> None:
        super().__init__(path, size)
        self.path = path

    def render(self, text: Any, *args: Any, **kwargs: Any) -> pygame.Surface:
        image = super().render(text, *args, **kwargs)
        if _rendered is not None and isinstance(text, str) and text:
            _rendered[id(image)] = (image, text, self.path)
        return image


class _RecordingSurface(pygame.Surface):
    """The window stand-in a screen draws on during the audit: notes every blit of a text image."""

    def __init__(self, size: tuple[int, int]) -> None:
        super().__init__(size)
        self.blitted: list[tuple[pygame.Surface, pygame.Rect, pygame.Rect]] = []  # image, ink, clip

    def blit(self, source: Any, dest: Any = (0, 0), area: Any = None, special_flags: int = 0) -> pygame.Rect:
        drawn = super().blit(source, dest, area, special_flags)
        self._note(source, dest, area)
        return drawn

    def blits(self, blit_sequence: Any, doreturn: Any = True) -> Any:
        return [self.blit(*item) for item in blit_sequence] if doreturn else [self.blit(*i) for i in blit_sequence]

    def _note(self, source: Any, dest: Any, area: Any) -> None:
        if _rendered is None or id(source) not in _rendered:
            return
        position = dest.topleft if isinstance(dest, pygame.Rect) else (int(dest[0]), int(dest[1]))
        ink = source.get_bounding_rect()
        if area is not None:
            ink = ink.clip(pygame.Rect(area))
            ink.move_ip(-pygame.Rect(area).x, -pygame.Rect(area).y)
        self.blitted.append((source, ink.move(position), self.get_clip()))


@contextmanager
def recording() -> Iterator[None]:
    """Fonts that note their text, and empty caches so every text is rendered (and noted) afresh."""
    global _rendered
    from partnership_game.ui.widgets import pen_text

    _rendered = {}
    theme.font_class = _RecordingFont
    caches = [theme.font.cache_clear, drawing.rendered.cache_clear, pen_text._text_cache.clear]
    caches += [cache.clear for cache in _plan_caches()]  # recorded draw calls hold text rendered before we looked
    for clear in caches:
        clear()
    drawing.wrapped_boxes = []
    try:
        yield
    finally:
        _rendered = None
        drawing.wrapped_boxes = None
        theme.font_class = pygame.font.Font
        for clear in caches:
            clear()


def _plan_caches() -> list[Any]:
    import sys

    from partnership_game.ui.widgets.chart import PlanCache

    prefix = "partnership_game.ui."
    return [value for name, module in list(sys.modules.items()) if name.startswith(prefix) and module is not None
            for value in vars(module).values() if isinstance(value, PlanCache)]


def _drawn_by(screen: Any, size: tuple[int, int]) -> list[Shown]:
    surface = _recording_surface(size)
    surface.blitted.clear()
    assert drawing.wrapped_boxes is not None and _rendered is not None
    drawing.wrapped_boxes.clear()
    screen.draw(surface)
    boxes = {id(image): box for image, box in drawing.wrapped_boxes}
    shown = []
    for image, ink, clip in surface.blitted:
        _, text, path = _rendered[id(image)]
        box = boxes.get(id(image))
        if box is None and clip != surface.get_rect():
            box = clip
        shown.append(Shown(text, ink, box, type(screen).__name__, path))
    return shown


@functools.lru_cache(maxsize=4)
def _recording_surface(size: tuple[int, int]) -> _RecordingSurface:
    return _RecordingSurface(size)


# ---- what the widgets show -----------------------------------------------------------------------------------


def _owner(element: Any, screens: list[Any]) -> Any:
    """The screen a widget belongs to: itself, or the nearest container up the tree that a screen owns."""
    seen = 0
    while element is not None and seen < 32:
        for screen in screens:
            if screen.owns(element):
                return screen
        container = getattr(element, "ui_container", None)
        element = getattr(container, "parent_element", None) if container is not None else None
        seen += 1
    return None


def _visible(element: Any) -> bool:
    while element is not None:
        if not getattr(element, "visible", True):
            return False
        container = getattr(element, "ui_container", None)
        if container is None or container is element:
            break
        if not getattr(container, "visible", True):
            return False
        element = getattr(container, "parent_element", None)
    return True


def _chunk_glyphs(chunks: list[Any], screen_name: str, name: str) -> list[Problem]:
    """Each run of rich text against its own font (a run may be set in another face, such as the arrows)."""
    problems = []
    for chunk in chunks:
        chunk_text = getattr(chunk, "text", "")
        missing = missing_glyphs(chunk_text, font_file_of([chunk])) if chunk_text else ""
        if missing:
            problems.append(Problem(screen_name, "glyph", chunk_text, f"{name}: no glyph for {missing!r}"))
    return problems


def _widget_text(element: Any, problems: list[Problem], screen_name: str) -> Shown | None:
    """A button's or label's one line: clipped when wider or taller than the inside of its border."""
    shape = getattr(element, "drawable_shape", None)
    layout = getattr(shape, "text_box_layout", None)
    if layout is None or not layout.layout_rows:
        return None
    border = getattr(shape, "border_widths", None)
    left = right = top = bottom = int(getattr(shape, "border_width", 0) or 0)
    if isinstance(border, dict):
        left, right, top, bottom = (int(border.get(k, 0)) for k in ("left", "right", "top", "bottom"))
    shadow = int(getattr(shape, "shadow_width", 0) or 0)
    inner = pygame.Rect(element.rect.x + left + shadow, element.rect.y + top + shadow,
                        element.rect.width - left - right - 2 * shadow, element.rect.height - top - bottom - 2 * shadow)
    text = ""
    width = height = 0
    x = y = None
    for row in layout.layout_rows:
        row_width = 0
        for chunk in row.items:
            chunk_text = getattr(chunk, "text", "")
            font = getattr(chunk, "font", None)
            if chunk_text and font is not None:
                w, _ = font.size(chunk_text)
                h = _ink_height(font, chunk_text)
                row_width += w
                height = max(height, h) if len(layout.layout_rows) == 1 else height + h
                text += chunk_text
        width = max(width, row_width)
        x = row.x if x is None else min(x, row.x)
        y = row.y if y is None else min(y, row.y)
    if not text.strip():
        return None
    name = f"{type(element).__name__} {_object_id(element)}"
    if width > inner.width + TOLERANCE or height > inner.height + TOLERANCE:
        problems.append(Problem(screen_name, "clipped", text,
                                f"{name}: text {width}×{height} in a box of {inner.width}×{inner.height}"))
    ink = pygame.Rect(element.rect.x + (x or 0), element.rect.y + (y or 0), width, height).clip(element.rect)
    if ink.width <= 0:  # aligned off the left edge: the box is where the ink is
        ink = inner.copy()
    return Shown(text, ink, inner, name, font_file_of([c for row in layout.layout_rows for c in row.items]))


def _ink_height(font: Any, text: str) -> int:
    """How tall the letters themselves are (a symbol in a small icon button fits though its line box would not)."""
    try:
        return int(font.render_premul(text, pygame.Color("white")).get_bounding_rect().height)
    except (pygame.error, AttributeError):
        return int(font.size(text)[1])


def _text_box_text(element: Any, problems: list[Problem], screen_name: str) -> Shown | None:
    """Rich text: it may scroll down, never sideways; a box too short for one line shows nothing readable."""
    layout = getattr(element, "text_box_layout", None)
    if layout is None or not layout.layout_rows:
        return None
    view = getattr(element, "text_wrap_rect", None) or element.rect
    view = pygame.Rect(view)
    text = "".join(getattr(c, "text", "") for row in layout.layout_rows for c in row.items)
    if not text.strip():
        return None
    name = f"{type(element).__name__} {_object_id(element)}"
    widest = 0
    for row in layout.layout_rows:
        row_width = sum(c.font.size(c.text)[0] for c in row.items if getattr(c, "text", "") and hasattr(c, "font"))
        widest = max(widest, row_width)
    first = layout.layout_rows[0].height
    total = layout.layout_rect.height
    scrolls = getattr(element, "scroll_bar", None) is not None
    if widest > view.width + TOLERANCE:
        problems.append(Problem(screen_name, "clipped", text, f"{name}: a line {widest} px wide in {view.width}"))
    if view.height + TOLERANCE < min(first, total):
        problems.append(Problem(screen_name, "clipped", text, f"{name}: {view.height} px high, a line needs {first}"))
    elif not scrolls and total > view.height + TOLERANCE:
        problems.append(Problem(screen_name, "clipped", text,
                                f"{name}: {total} px of text in {view.height} px and no scroll bar"))
    ink = pygame.Rect(view.x, view.y, min(widest, view.width), min(total, view.height))
    problems += _chunk_glyphs([c for row in layout.layout_rows for c in row.items], screen_name, name)
    return Shown(text, ink, view, name, "")  # its glyphs are checked run by run


def _object_id(element: Any) -> str:
    ids = getattr(element, "object_ids", None) or []
    return next((i for i in reversed(ids) if i), "")


def _widgets_of(app: Any, screens: list[Any], problems: list[Problem]) -> dict[int, list[Shown]]:
    by_screen: dict[int, list[Shown]] = {id(s): [] for s in screens}
    for element in app.manager.get_sprite_group().sprites():
        if isinstance(element, pygame_gui.elements.UITooltip) or not _visible(element):
            continue
        screen = _owner(element, screens)
        if screen is None:
            continue
        window = pygame.Rect((0, 0), app.size)
        container = getattr(element, "ui_container", None)
        clip = pygame.Rect(container.get_rect()) if container is not None else window
        if not clip.colliderect(element.rect):
            continue  # scrolled out of its container: not on show
        if isinstance(element, pygame_gui.elements.UITextBox):
            shown = _text_box_text(element, problems, type(screen).__name__)
        elif isinstance(element, pygame_gui.elements.UITextEntryLine):
            shown = None
        else:
            shown = _widget_text(element, problems, type(screen).__name__)
        if shown is not None:
            by_screen[id(screen)].append(shown)
    return by_screen


# ---- the checks ----------------------------------------------------------------------------------------------


def _check(screen_name: str, shown: list[Shown], window: pygame.Rect, catalog: frozenset[str]) -> list[Problem]:
    problems = []
    for item in shown:
        missing = missing_glyphs(item.text, item.font_file) if item.font_file else ""
        if missing:
            problems.append(Problem(screen_name, "glyph", item.text, f"{item.source}: no glyph for {missing!r}"))
        if item.source == screen_name:  # drawn by the screen itself: the window and any box it was given
            if not window.contains(item.ink):
                problems.append(Problem(screen_name, "clipped", item.text, f"ink {item.ink} leaves the window"))
            box = item.box
            if box is not None and box.height > 0 and (item.ink.width > box.width + TOLERANCE
                                                       or item.ink.bottom > box.bottom + TOLERANCE):
                problems.append(Problem(screen_name, "clipped", item.text,
                                        f"ink {item.ink} overflows its box {box}"))
        stripped = item.text.strip()
        if stripped.endswith(ELLIPSIS) and stripped not in catalog and len(stripped) > 1:
            problems.append(Problem(screen_name, "cut", item.text, f"{item.source}: shortened to fit"))
    for i, first in enumerate(shown):
        for second in shown[i + 1:]:
            overlap = first.ink.clip(second.ink)
            if overlap.width > TOLERANCE and overlap.height > TOLERANCE:
                if first.text == second.text and first.ink == second.ink:
                    continue  # the same text drawn twice in the same place looks like once
                problems.append(Problem(screen_name, "overlap", first.text,
                                        f"{first.source} {first.ink} overlaps {second.source} "
                                        f"{second.text[:40]!r} {second.ink}"))
    return problems


@functools.cache
def _catalog() -> frozenset[str]:
    from partnership_game.ui import strings

    # A catalog text that ends in an ellipsis ("Working…") is whole; any other text that does was cut to fit.
    return frozenset(value.strip() for value in strings.TEXT.values() if value.strip().endswith(ELLIPSIS))


def audit(app: Any) -> list[Problem]:
    """Every problem with the text on show: the top opaque screen and the dialogs over it."""
    first = 0
    for index in range(len(app.stack) - 1, -1, -1):
        if app.stack[index].opaque:
            first = index
            break
    screens = list(app.stack[first:])
    problems: list[Problem] = []
    window = pygame.Rect((0, 0), app.size)
    with recording():
        app.manager.update(0.0)
        learn_gui_fonts(app.manager)
        widgets = _widgets_of(app, screens, problems)
        for screen in screens:
            shown = _drawn_by(screen, app.size) + widgets[id(screen)]
            problems += _check(type(screen).__name__, shown, window, _catalog())
    return problems
