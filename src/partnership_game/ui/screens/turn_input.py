"""The turn screen's keyboard and mouse: focus among its areas, keys, hovering and clicks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from partnership_game.ui import rich
from partnership_game.ui.focus import Focus, scroll
from partnership_game.ui.game import Game
from partnership_game.ui.screens.event_title import EventTitle

DOUBLE_CLICK_S = 0.4
_PAGE_KEYS = (pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END)


class TurnInput:
    """Mixed into TurnScreen: what each key, hover and click does there (the actions are TurnActions')."""

    app: Any
    game: Game
    lay: Any
    focus: Focus | None
    selected: int | None
    hovered: int | None
    hovered_mark: int | None
    hovered_meter: int | None
    focus_meter: int
    focus_mark: int
    card_rects: list[pygame.Rect]
    card_areas: list[Any]
    mark_rects: list[tuple[pygame.Rect, int]]
    meter_hits: list[tuple[pygame.Rect, int]]
    badge_area: Any
    meters_area: Any
    timeline_area: Any
    story_box: Any
    decide_button: Any
    menu_button: Any
    odds_button: Any
    motion: Any
    last_click: tuple[float, int]
    event_title: EventTitle

    if TYPE_CHECKING:  # provided by TurnScreen, TurnActions and TurnTips; declared for the type checker only

        def _update_legend(self) -> None: ...

        def _all_marks(self) -> list[tuple[pygame.Rect, int]]: ...

        def go_to_turn(self, turn: int) -> None: ...

        def decide(self) -> None: ...

        def step_back(self) -> None: ...

        def open_save(self) -> None: ...

        def open_menu(self) -> None: ...

        def open_odds(self) -> None: ...

        def open_branches(self) -> None: ...

        def open_help(self) -> None: ...

        def reload(self) -> None: ...

        def show_term(self, index: int) -> None: ...

        def close_term(self) -> None: ...

    # ---- focus ---------------------------------------------------------------------------------------------

    def _focused(self) -> Any:
        return self.focus.current if self.focus is not None else None

    def _sync_focus(self) -> None:
        """After the keyboard focus moved: a card takes the selection, the badge shows its note, a legend shows."""
        current = self._focused()
        self.event_title.focus = current is self.badge_area
        if current in self.card_areas:
            self.select(self.card_areas.index(current), move_focus=False)
        self._update_legend()
        self.app.dirty = True

    def _card_key(self, event: pygame.event.Event) -> bool:
        count = len(self.card_rects)
        if event.key in (pygame.K_DOWN, pygame.K_UP) and count:
            step = 1 if event.key == pygame.K_DOWN else -1
            self.select(((self.selected if self.selected is not None else -step) + step) % count)
            return True
        return False

    def _meters_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_DOWN, pygame.K_UP):
            count = len(self.game.scenario.model.meters)
            self.focus_meter = (self.focus_meter + (1 if event.key == pygame.K_DOWN else -1)) % count
            self._update_legend()
            return True
        return False

    def _timeline_key(self, event: pygame.event.Event) -> bool:
        count = len(self.game.scenario.model.turns)
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.focus_mark = (self.focus_mark + (1 if event.key == pygame.K_RIGHT else -1)) % count
            self._update_legend()
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if any(turn == self.focus_mark for _, turn in self.mark_rects):
                self.go_to_turn(self.focus_mark)
            return True
        return False

    def select(self, k: int, move_focus: bool = True) -> None:
        if k != self.selected:  # by key, arrow, Tab or click (hovering never selects); the same option again is quiet
            self.app.sound.play("choose")
        self.selected = k
        if move_focus and self.focus is not None and k < len(self.card_areas):
            self.focus.focus(self.card_areas[k])
            self.event_title.focus = False
        self.app.dirty = True

    # ---- input ---------------------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        pending = self.game.session.pending
        if pending is None:
            return False
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.close_term()
            if self.motion is not None:
                self.motion.skip()  # any key or click finishes the bars' movement at once
        if event.type == pygame.KEYDOWN:
            return self._key(event, len(pending.event.options))
        if event.type == pygame.MOUSEMOTION:
            self._hover(event.pos)
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return self._click(event.pos)
        return False

    def _key(self, event: pygame.event.Event, count: int) -> bool:
        ctrl = bool(event.mod & pygame.KMOD_CTRL)
        key = event.key
        if ctrl and key == pygame.K_z:
            self.step_back()
        elif ctrl and key == pygame.K_s:
            self.open_save()
        elif key == pygame.K_ESCAPE:
            self.open_menu()
        elif key == pygame.K_o:
            self.open_odds()
        elif key == pygame.K_b:
            self.open_branches()
        elif key == pygame.K_F5:
            self.reload()
        elif key == pygame.K_F1:
            self.open_help()
        elif pygame.K_1 <= key <= pygame.K_9 and key - pygame.K_1 < count:
            self.select(key - pygame.K_1)
        elif pygame.K_KP1 <= key <= pygame.K_KP9 and key - pygame.K_KP1 < count:
            self.select(key - pygame.K_KP1)
        elif key in _PAGE_KEYS:
            scroll(self.story_box, key)  # the story scrolls by page from anywhere: it is what the player reads
        elif self.focus is not None and self.focus.handle(event):
            self._sync_focus()
        elif key in (pygame.K_DOWN, pygame.K_UP):
            self._card_key(event)  # from the buttons: the arrows still move among the options
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.decide()
        else:
            return False
        return True

    def _hover(self, pos: tuple[int, int]) -> None:
        self.event_title.hover(pos)
        hovered = next((k for k, r in enumerate(self.card_rects) if r.collidepoint(pos)), None)
        mark = next((i for r, i in self.mark_rects if r.collidepoint(pos)), None)
        if mark is None and self.lay.strip.collidepoint(pos):
            mark = next((i for r, i in self._all_marks() if r.collidepoint(pos)), None)
        meter = next((code for r, code in self.meter_hits if r.collidepoint(pos)), None)
        if (hovered, mark, meter) != (self.hovered, self.hovered_mark, self.hovered_meter):
            self.hovered, self.hovered_mark, self.hovered_meter = hovered, mark, meter
            self._update_legend()
            self.app.dirty = True

    def _click(self, pos: tuple[int, int]) -> bool:
        if self.event_title.click(pos):
            if self.focus is not None:
                self.focus.focus(self.badge_area)
            return True
        for k, rect in enumerate(self.card_rects):
            if rect.collidepoint(pos):
                now = pygame.time.get_ticks() / 1000
                double = self.last_click[1] == k and now - self.last_click[0] < DOUBLE_CLICK_S
                self.last_click = (now, k)
                self.select(k)
                if double:
                    self.decide()
                return True
        for rect, turn in self.mark_rects:
            if rect.collidepoint(pos):
                self.go_to_turn(turn)
                return True
        if self.story_box.rect.collidepoint(pos) and self.focus is not None:
            self.focus.focus(self.story_box)
        return False

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.decide_button:
                self.decide()
            elif event.ui_element is self.menu_button:
                self.open_menu()
            elif event.ui_element is self.odds_button:
                self.open_odds()
        elif event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            index = rich.glossary_index(event.link_target)
            if index is not None:
                self.show_term(index)

    def tab(self, backwards: bool = False) -> None:
        if self.focus is not None:
            self.focus.move(-1 if backwards else 1)
            self._sync_focus()
