"""Glossary terms in a screen's text, by hover (a tooltip), click (the same, kept up) and keyboard (G lists them).

A screen that shows scenario text with glossary links (`rich.link_glossary`) makes `GlossaryTips(screen,
glossary, boxes)` in `build` and calls `tips.update()` from `update`, `tips.on_ui(event)` from `on_ui` and
`tips.handle(event)` from `handle`; `GlossaryScreen` is the dialog the key opens (the turn screen can use it too).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.scenario.models import GlossaryTerm
from partnership_game.ui import rich
from partnership_game.ui.screen import TextDialog
from partnership_game.ui.strings import t

KEY = pygame.K_g
_LINK = re.compile(r'href="' + re.escape(rich.LINK_PREFIX) + r'(\d+)"')


def terms_in(markup: str) -> list[int]:
    """The glossary entries linked in some markup, in the order they first appear."""
    seen: list[int] = []
    for match in _LINK.finditer(markup):
        index = int(match.group(1))
        if index not in seen:
            seen.append(index)
    return seen


def _tip_html(entry: GlossaryTerm) -> str:
    return f"<b>{rich.escape(entry.term)}</b><br>{rich.escape(entry.text)}"


class GlossaryScreen(TextDialog):
    """The glossary terms on the screen below, each with its explanation (opened with G)."""

    width_share = 0.56
    height_share = 0.66
    button_key = "help.close"
    close_keys = (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER, KEY)

    def __init__(self, app: Any, entries: Sequence[GlossaryTerm]) -> None:
        super().__init__(app)
        self.entries = list(entries)

    def html(self) -> str:
        heading = f"<font pixel_size={self.app.px(22)}><b>{t('glossary.heading')}</b></font>"
        if not self.entries:
            return f"{heading}<br><br>{t('glossary.none')}"
        lines = [f"<b>{rich.escape(e.term)}</b>: {rich.escape(e.text)}" for e in self.entries]
        return f"{heading}<br><br>" + "<br><br>".join(lines)


class GlossaryTips:
    """Hover, click and key for the glossary links in some of a screen's text boxes."""

    def __init__(self, screen: Any, glossary: Sequence[GlossaryTerm], boxes: Sequence[Any]) -> None:
        self.screen = screen
        self.glossary = list(glossary)
        self.boxes = list(boxes)
        self.tip: Any = None
        self.term: int | None = None
        self.pinned = False  # a click keeps the explanation up until the next click or key

    def _show(self, index: int | None, pinned: bool) -> None:
        if self.tip is not None:
            self.tip.kill()
            self.tip = None
        self.term, self.pinned = index, pinned and index is not None
        if index is not None and 0 <= index < len(self.glossary):
            app = self.screen.app
            self.tip = pygame_gui.elements.UITooltip(_tip_html(self.glossary[index]), (0, app.px(18)), app.manager,
                                                     object_id=ObjectID(object_id="#glossary_term"))
            self.tip.find_valid_position(pygame.math.Vector2(pygame.mouse.get_pos()))
        self.screen.app.dirty = True

    def hovered(self) -> int | None:
        for box in self.boxes:
            if not box.alive():
                continue
            for chunk in box.link_hover_chunks:
                if chunk.is_hovered:
                    return rich.glossary_index(getattr(chunk, "href", ""))
        return None

    def update(self) -> None:
        if self.pinned or self.screen.app.top is not self.screen:
            return
        hovered = self.hovered()
        if hovered != self.term:
            self._show(hovered, pinned=False)

    def on_ui(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED and event.ui_element in self.boxes:
            index = rich.glossary_index(event.link_target)
            if index is not None:
                self._show(index, pinned=True)
                return True
        return False

    def handle(self, event: pygame.event.Event) -> bool:
        """G lists the terms on screen; any key or click first puts away an explanation a click pinned."""
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.KEYDOWN) and self.pinned:
            self._show(None, pinned=False)
        if event.type == pygame.KEYDOWN and event.key == KEY and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            self.open_list()
            return True
        return False

    def on_screen(self) -> list[GlossaryTerm]:
        indices: list[int] = []
        for box in self.boxes:
            if box.alive() and box.visible:
                indices += [i for i in terms_in(box.html_text) if i not in indices]
        return [self.glossary[i] for i in indices if 0 <= i < len(self.glossary)]

    def open_list(self) -> None:
        self._show(None, pinned=False)
        self.screen.app.push(GlossaryScreen(self.screen.app, self.on_screen()))

    def clear(self) -> None:
        if self.tip is not None:
            self.tip.kill()
            self.tip = None
        self.term, self.pinned = None, False
