"""The turn screen: the story at the centre, compact options with their effects, meters, map and timeline."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.session import texts
from partnership_game.ui import drawing, rich
from partnership_game.ui.focus import Area, Focus
from partnership_game.ui.game import Game
from partnership_game.ui.screen import Screen
from partnership_game.ui.screens import turn_cards, turn_layout, turn_text
from partnership_game.ui.screens.event_title import EventTitle
from partnership_game.ui.screens.turn_actions import TurnActions
from partnership_game.ui.screens.turn_cards import draw_card, draw_effects
from partnership_game.ui.screens.turn_header import Header
from partnership_game.ui.screens.turn_input import TurnInput
from partnership_game.ui.screens.turn_motion import BarMotion
from partnership_game.ui.screens.turn_tips import TurnTips
from partnership_game.ui.strings import t
from partnership_game.ui.views import meter_views, timeline_marks
from partnership_game.ui.widgets.map_inset import MapInset
from partnership_game.ui.widgets.meters import draw_meters
from partnership_game.ui.widgets.timeline_strip import draw_timeline


class TurnScreen(TurnInput, TurnTips, TurnActions, Screen):
    """The turn screen's state, layout and drawing; its input, tooltips and actions are the mixins'."""

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
        self.map_inset = MapInset(app, game)  # the map: its fades, and what a feature is on hover or focus

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
        self.set_mood()  # every new decision (a choice, a step back, a date, a reload) is built here
        labels = self._labels()
        focuses = [None, *range(len(labels))]
        self.words = {focus: self._effect_words(focus) for focus in focuses}
        self.lay = turn_layout.plan(self.app, self.header, labels, list(self.words.values()),
                                    len(self.game.scenario.model.meters),
                                    [t("turn.keys", count=len(labels)), t("turn.reviewing")])
        self.card_px = self.lay.card_px
        self.card_rects = turn_layout.card_rects(self.app, self.lay, labels)
        manager = self.app.manager
        stamp = "#{:02x}{:02x}{:02x}".format(*self.app.palette.stamp)
        gap_px = self.app.px(8)
        rich.use_size(manager, gap_px)  # the paragraph gap's small face, which the theme's sizes do not include
        self.story_box = self.add(pygame_gui.elements.UITextBox(
            turn_text.story_html(self.game, stamp, self.app.settings.show_history, gap_px), self.lay.story,
            manager,
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
        self.map_area = Area("map", self.lay.map, self.map_inset.key)
        self.map_area.visible = self.lay.map.height >= self.app.px(60)
        self.focus = Focus(self, [self.story_box, *self.card_areas, self.badge_area, self.meters_area,
                                  self.map_area, self.timeline_area, self.menu_button, self.odds_button,
                                  self.decide_button])
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

    # ---- per frame -----------------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        if self.game.session.stopped and self.app.top is self:
            self.app.open_alone("debrief", self.game)
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
        self.map_inset.update(dt, self.app.top is self)
        self.event_title.update_tip()
        self._glossary_tip()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.map_inset.skip()  # any key or click finishes the map's fade, as it does the bars'
        return super().handle(event)

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
        turn_cards.draw_hints(surface, lay.hints, hint, turn_layout.hint_size(self.app), palette)
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
        self.map_inset.draw(surface, lay.map.inflate(-px(16), -px(16)), px(12), self._focused() is self.map_area)

    def start_motion(self, before: dict[str, float]) -> None:
        """After the consequences close: the bars move from `before` to where they stand now (unless reduced)."""
        if self.app.settings.reduce_motion:
            return
        after = {k: float(v) for k, v in self.game.session.meters().items()}
        motion = BarMotion(before, after)
        self.motion = None if motion.done else motion
        self.app.dirty = True
