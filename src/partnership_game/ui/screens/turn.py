"""The turn screen: the story at the centre, compact options with their effects, meters, map and timeline."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.session import texts
from partnership_game.ui import drawing, rich
from partnership_game.ui.focus import Area, Focus, scroll
from partnership_game.ui.game import Game
from partnership_game.ui.screen import Screen
from partnership_game.ui.screens import turn_layout, turn_text
from partnership_game.ui.screens.event_title import EventTitle
from partnership_game.ui.screens.turn_actions import TurnActions
from partnership_game.ui.screens.turn_cards import draw_card, draw_effects
from partnership_game.ui.screens.turn_header import Header
from partnership_game.ui.screens.turn_legend import mark_legend, meter_hit, meter_legend
from partnership_game.ui.screens.turn_motion import BarMotion
from partnership_game.ui.strings import t
from partnership_game.ui.views import date_text, map_state, meter_views, timeline_marks
from partnership_game.ui.widgets.map_inset import draw_map
from partnership_game.ui.widgets.meters import draw_meters
from partnership_game.ui.widgets.timeline_strip import draw_timeline

DOUBLE_CLICK_S = 0.4
_PAGE_KEYS = (pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END)


class TurnScreen(TurnActions, Screen):
    def __init__(self, app: Any, game: Game) -> None:
        super().__init__(app)
        self.game = game
        self.selected: int | None = None
        self.hovered: int | None = None
        self.hovered_mark: int | None = None
        self.hovered_meter: int | None = None  # a meter hit code under the mouse (its legend shows)
        self.focus_meter = 0  # the row whose legend shows while the meters have the keyboard focus
        self.focus_mark = 0
        self.card_rects: list[pygame.Rect] = []
        self.mark_rects: list[tuple[pygame.Rect, int]] = []
        self.meter_hits: list[tuple[pygame.Rect, int]] = []
        self.status = ""
        self.last_click = (0.0, -1)
        self.tooltip: Any = None
        self.tooltip_term: int | None = None
        self.legend_tip: Any = None
        self.legend_key: object = None
        self.motion: BarMotion | None = None
        self.focus: Focus | None = None
        self.event_title = EventTitle(app, game)
        self.header = Header(app, game, self.event_title)

    # ---- layout and widgets --------------------------------------------------------------------------------

    def heading(self) -> str:
        """The turn's own title (the timeline's note for this date); the header names the event on screen."""
        session = self.game.session
        turns = session.scenario.model.turns
        return texts.shown(session, turns[min(session.state.turn, len(turns) - 1)].title)

    def _labels(self) -> list[tuple[str, str | None]]:
        pending = self.game.session.pending
        if pending is None:
            return []
        available = self.game.session.available()
        return [(turn_text.option_label(self.game, k),
                 None if available[k] else t("turn.unavailable", reason=turn_text.unavailable_reason(self.game, k)))
                for k in range(len(pending.event.options))]

    def _effect_words(self, focus: int | None) -> str:
        return turn_text.effect_words(self.game, focus, self.app.settings.show_previews)

    def _pending_key(self) -> tuple[int, int, int] | None:
        pending = self.game.session.pending
        return None if pending is None else (pending.turn, pending.slot, len(self.game.session.decisions))

    def _history_shown(self) -> bool:
        return turn_text.history_shown(self.game, self.app.settings.show_history)

    def build(self) -> None:
        session = self.game.session
        self.built_for = self._pending_key()
        if session.pending is None:
            return
        labels = self._labels()
        focuses = [None, *range(len(labels))]
        self.words = {focus: self._effect_words(focus) for focus in focuses}
        self.lay = turn_layout.plan(self.app, self.header, labels, list(self.words.values()),
                                    len(self.game.scenario.model.meters))
        self.card_px = self.lay.card_px
        self.card_rects = turn_layout.card_rects(self.app, self.lay, labels)
        manager = self.app.manager
        stamp = "#{:02x}{:02x}{:02x}".format(*self.app.palette.stamp)
        self.story_box = self.add(pygame_gui.elements.UITextBox(
            turn_text.story_html(self.game, stamp, self.app.settings.show_history), self.lay.story, manager,
            object_id=ObjectID(object_id="#story")))
        footer = self.lay.footer
        button_w = self.app.px(130)
        self.decide_button = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(footer.right - button_w, footer.top, button_w, footer.height),
            t("turn.return") if self.game.reviewing else t("turn.decide"), manager,
            object_id=ObjectID(class_id="@primary", object_id="#decide")))
        self.menu_button = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(footer.left, footer.top, self.app.px(84), footer.height), "Menu", manager,
            object_id=ObjectID(object_id="#menu"), tool_tip_text="Esc"))
        self.odds_button = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(self.menu_button.rect.right + self.app.px(6), footer.top, self.app.px(84), footer.height),
            t("turn.odds"), manager, object_id=ObjectID(object_id="#odds"), tool_tip_text="O"))
        if not self.game.shows("odds"):
            self.odds_button.disable()
        self.card_areas = [Area(f"option {k + 1}", rect, self._card_key) for k, rect in enumerate(self.card_rects)]
        self.badge_area = Area("accuracy", self.event_title.badge_rect)
        self.badge_area.visible = self.event_title.badge_rect.width > 0
        self.meters_area = Area("meters", self.lay.meters, self._meters_key)
        self.timeline_area = Area("timeline", self.lay.strip, self._timeline_key)
        self.focus = Focus(self, [self.story_box, *self.card_areas, self.badge_area, self.meters_area,
                                  self.timeline_area, self.menu_button, self.odds_button, self.decide_button])
        if self.selected is not None and self.selected < len(self.card_areas):
            self.focus.focus(self.card_areas[self.selected])

    def story_lines_visible(self) -> int:
        """How many lines of the story show at once (the measure the layout is built for)."""
        box = getattr(self, "story_box", None)
        if box is None:
            return 0
        rows = box.text_box_layout.layout_rows
        visible = box.rect.height - 2 * box.padding[1] - 4
        # Only rows with words count: the blank rows between paragraphs are not lines of story.
        return sum(1 for row in rows
                   if row.bottom <= visible and any(getattr(c, "text", "").strip() for c in row.items))

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
        self.selected = k
        if move_focus and self.focus is not None and k < len(self.card_areas):
            self.focus.focus(self.card_areas[k])
            self.event_title.focus = False
        self.app.dirty = True

    # ---- legends (hover or focus on a meter or timeline symbol) --------------------------------------------

    def _legend_target(self) -> tuple[str, int, pygame.Rect] | None:
        current = self._focused()
        if self.hovered_meter is not None:
            return next(("meter", code, rect) for rect, code in self.meter_hits if code == self.hovered_meter)
        if self.hovered_mark is not None:
            return next(("mark", turn, rect) for rect, turn in self._all_marks() if turn == self.hovered_mark)
        if current is self.meters_area:
            code = self.focus_meter * 3 + 1
            rect = next((r for r, c in self.meter_hits if c == code), self.lay.meters)
            return "meter", code, rect
        if current is self.timeline_area:
            rect = next((r for r, turn in self._all_marks() if turn == self.focus_mark), self.lay.strip)
            return "mark", self.focus_mark, rect
        return None

    def _all_marks(self) -> list[tuple[pygame.Rect, int]]:
        count = len(self.game.scenario.model.turns)
        strip = self.lay.strip
        return [(pygame.Rect(strip.left + strip.width * i // count, strip.top, strip.width // count, strip.height), i)
                for i in range(count)]

    def _legend_html(self, kind: str, index: int) -> str:
        show_ghost = self.app.settings.show_history and self.game.shows("ghost")
        if kind == "meter":
            row, part = meter_hit(index)
            views = self._meter_views()
            return meter_legend(views[row], part, show_ghost) if row < len(views) else ""
        marks = timeline_marks(self.game, self._history_shown())
        turn = self.game.scenario.model.turns[index]
        return mark_legend(marks[index], date_text(self.game, turn), texts.shown(self.game.session, turn.title))

    def _update_legend(self) -> None:
        target = self._legend_target() if hasattr(self, "lay") else None
        key = target[:2] if target else None
        if key == self.legend_key:
            return
        self.legend_key = key
        if self.legend_tip is not None:
            self.legend_tip.kill()
            self.legend_tip = None
        if target is not None:
            html = self._legend_html(target[0], target[1])
            if html:
                self.legend_tip = pygame_gui.elements.UITooltip(
                    html, (0, self.app.px(10)), self.app.manager, object_id=ObjectID(object_id="#legend"),
                    wrap_width=min(self.app.px(380), self.app.size[0] - self.app.px(40)))
                self.legend_tip.find_valid_position(pygame.math.Vector2(target[2].midbottom))
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
        current = self._focused()
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
        elif key in _PAGE_KEYS and current is not self.focus_target_list():
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

    def focus_target_list(self) -> Any:
        """An area that takes PageUp/PageDown itself (none on this screen yet); the story gets them otherwise."""
        return None

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

    # ---- per frame -----------------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        if self.game.session.over and self.app.top is self:
            from partnership_game.ui.screens.debrief import DebriefScreen

            self.app.replace(DebriefScreen(self.app, self.game))
            return
        if self._pending_key() != getattr(self, "built_for", None):
            # The game moved on (a decision, a step back): lay out the new decision's cards and texts.
            self.selected = self.hovered = None
            self.rebuild()
        if self.motion is not None:
            self.motion.advance(dt)
            if self.motion.done:
                self.motion = None
            self.app.dirty = True
        self.event_title.update_tip()
        self._glossary_tip()

    def _glossary_tip(self) -> None:
        """Glossary terms explain themselves on hover: a tooltip follows the hovered link."""
        hovered = None
        for chunk in self.story_box.link_hover_chunks if hasattr(self, "story_box") else []:
            if chunk.is_hovered:
                hovered = rich.glossary_index(getattr(chunk, "href", ""))
                break
        if hovered == self.tooltip_term:
            return
        self.tooltip_term = hovered
        if self.tooltip is not None:
            self.tooltip.kill()
            self.tooltip = None
        glossary = self.game.scenario.model.glossary
        if hovered is not None and 0 <= hovered < len(glossary):
            entry = glossary[hovered]
            self.tooltip = pygame_gui.elements.UITooltip(
                f"<b>{rich.escape(entry.term)}</b><br>{rich.escape(entry.text)}", (0, self.app.px(18)),
                self.app.manager)
            self.tooltip.find_valid_position(pygame.math.Vector2(pygame.mouse.get_pos()))
        self.app.dirty = True

    def _kill_tips(self) -> None:
        for name in ("tooltip", "legend_tip"):
            tip = getattr(self, name)
            if tip is not None:
                tip.kill()
                setattr(self, name, None)
        self.tooltip_term = None
        self.legend_key = None
        self.event_title.reset()

    def leave(self) -> None:
        self._kill_tips()
        super().leave()

    def clear(self) -> None:
        self._kill_tips()
        super().clear()

    def _focus_index(self) -> int | None:
        return self.hovered if self.hovered is not None else self.selected

    def effects_shown(self) -> str:
        """The words the effects line shows now (for the focused option, or the prompt)."""
        return self.words.get(self._focus_index(), "") if hasattr(self, "words") else ""

    def _meter_views(self) -> list[Any]:
        preview = turn_text.preview_deltas(self.game, self._focus_index(), self.app.settings.show_previews)
        return meter_views(self.game, preview, self.motion.values() if self.motion is not None else None)

    def draw(self, surface: pygame.Surface) -> None:
        session = self.game.session
        if session.pending is None or not hasattr(self, "lay") or self._pending_key() != self.built_for:
            return
        palette = self.app.palette
        lay = self.lay
        px = self.app.px
        self.header.draw(surface, lay.header)
        self.mark_rects = draw_timeline(surface, lay.strip, timeline_marks(self.game, self._history_shown()),
                                        palette, px(12), hovered=self.hovered_mark)
        drawing.paper(surface, lay.options, palette)
        available = session.available()
        history = self._history_shown()
        labels = self._labels()
        for k, rect in enumerate(self.card_rects):
            option = session.pending.event.options[k]
            draw_card(self.app, surface, rect, k + 1, labels[k][0], labels[k][1],
                      (k == self.selected, k == self.hovered, available[k]), option.historical and history,
                      self.card_px)
        focus = self._focus_index()
        draw_effects(self.app, surface, lay.effects, self.words.get(focus, ""), lay.effects_px, focus is not None)
        hint = t("turn.reviewing") if self.game.reviewing else (self.status or t("turn.keys",
                                                                                  count=len(self.card_rects)))
        left = self.odds_button.rect.right + px(10)
        width = self.decide_button.rect.left - left - px(10)
        drawing.text(surface, (left, lay.footer.centery), drawing.fit(hint, px(13), width), px(13), palette.paper,
                     anchor="midleft")
        drawing.paper(surface, lay.meters, palette)
        drawing.text(surface, (lay.meters.left + px(12), lay.meters.top + px(8)), t("turn.meters").upper(), px(13),
                     palette.ink_soft, bold=True)
        inner = lay.meters.inflate(-px(20), 0)
        inner.top = lay.meters.top + px(30)
        inner.height = lay.meters.height - px(36)
        self.meter_hits = draw_meters(surface, inner, self._meter_views(), palette, px(14),
                                      show_ghost=self.app.settings.show_history and self.game.shows("ghost"))
        if lay.map.height < px(60):
            return
        drawing.paper(surface, lay.map, palette)
        draw_map(surface, lay.map.inflate(-px(16), -px(16)), self.app.services.map_data, map_state(self.game),
                 palette, px(12))

    def start_motion(self, before: dict[str, float]) -> None:
        """After the consequences close: the bars move from `before` to where they stand now (unless reduced)."""
        if self.app.settings.reduce_motion:
            return
        after = {k: float(v) for k, v in self.game.session.meters().items()}
        motion = BarMotion(before, after)
        self.motion = None if motion.done else motion
        self.app.dirty = True
