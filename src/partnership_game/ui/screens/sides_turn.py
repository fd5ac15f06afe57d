"""A side's turn in a game of two sides: its news first, its own situation, counsel and options, only the meters
it sees, its own timeline and map; its odds (O) and branches (B), the menu, saving, help and reload (F5) as on the
ordinary turn screen. What it shows of the road is the side's view (session/side_view.py), never the other's."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.inert import inert_line
from partnership_game.session.sides_play import NewsItem, SideOption
from partnership_game.ui import drawing, fitting, rich
from partnership_game.ui.focus import Area, Focus
from partnership_game.ui.screen import Screen
from partnership_game.ui.screens import sides_story, turn_text
from partnership_game.ui.screens.turn_cards import draw_card
from partnership_game.ui.screens.turn_layout import card_inner_width
from partnership_game.ui.side_views import side_map_marks, side_timeline_marks, turn_window
from partnership_game.ui.sides_game import SidesGame
from partnership_game.ui.strings import t
from partnership_game.ui.views import date_text, meter_views
from partnership_game.ui.widgets.map_inset import MapInset
from partnership_game.ui.widgets.meters import draw_meters, meters_height
from partnership_game.ui.widgets.timeline_strip import draw_timeline, stamps_that_fit


class SidesTurnScreen(Screen):
    """What `role` sees while it decides; nothing of another side's sealed choice is on it."""

    def __init__(self, app: Any, game: SidesGame, role: int, news: list[NewsItem] | None = None) -> None:
        super().__init__(app)
        self.game = game
        self.role = role
        self.news = news if news is not None else game.news(role)  # taken once: shown on this screen only
        self.options: list[SideOption] = game.play.options(role)
        self.situation = game.play.situation(role)
        self.selected: int | None = None
        self.card_rects: list[pygame.Rect] = []
        self.status = ""  # why the last pick was not taken (a full save, the class), else empty
        self.map_inset = MapInset(app, game, lambda: side_map_marks(game, role))  # what this side may see of it

    # ---- layout --------------------------------------------------------------------------------------------

    def strip(self) -> pygame.Rect:
        """The timeline across the top, as on the ordinary turn screen."""
        m = self.app.px(16)
        return pygame.Rect(m, self.app.px(8), self.app.size[0] - 2 * m, self.app.px(32))

    def sheets(self) -> tuple[pygame.Rect, pygame.Rect]:
        """The decision's paper (left) and the meters' and map's paper (right), under the timeline."""
        w, h = self.app.size
        m = self.app.px(16)
        top = self.strip().bottom + self.app.px(6)
        meters_w = max(int(w * 0.41), self.app.px(360))
        left = pygame.Rect(m, top, w - 3 * m - meters_w, h - top - m)
        return left, pygame.Rect(left.right + m, top, meters_w, h - top - m)

    def right_parts(self) -> tuple[pygame.Rect, pygame.Rect]:
        """The meters' paper and the map's under it; as on the ordinary turn screen, the meters may squeeze a
        seventh so the map keeps a useful size, and with less room than that the map gives way (zero height)."""
        _, right = self.sheets()
        gap = self.app.px(8)
        wanted = meters_height(len(self.meter_rows()), self.app.px(14)) + self.app.px(44)
        meters_h = min(wanted, max(right.height - gap - self.app.px(150), int(wanted * 0.86)))
        if right.height - meters_h - gap < self.app.px(120):
            meters_h = right.height
        meters = pygame.Rect(right.left, right.top, right.width, meters_h)
        return meters, pygame.Rect(right.left, meters.bottom + gap, right.width,
                                   max(0, right.bottom - meters.bottom - gap))

    def card_size(self) -> int:
        return self.app.px(15)

    def build(self) -> None:
        left, _ = self.sheets()
        pad, row = self.app.px(18), self.app.px(40)
        size = self.card_size()
        width = left.width - 2 * pad
        heights = [drawing.wrapped_height(self._card_label(o), size, card_inner_width(self.app, width), bold=True)
                   + self.app.px(12) for o in self.options]
        heights = [max(h, self.app.px(34)) for h in heights]
        footer_top = left.bottom - pad - row
        hint_h = self.app.px(22)
        if self.status:  # a refusal is read whole: as many lines as it takes, above the buttons
            hint_h = max(hint_h, drawing.wrapped_height(self.status, self.app.px(13), width) + self.app.px(8))
        y = footer_top - hint_h - sum(heights) - self.app.px(6) * len(heights)
        self.card_rects = []
        for height in heights:
            self.card_rects.append(pygame.Rect(left.left + pad, y, width, height))
            y += height + self.app.px(6)
        top = left.top + self.app.px(96)
        story_h = max(self.card_rects[0].top - top - self.app.px(10) if self.card_rects else footer_top - top,
                      self.app.px(60))
        rich.use_arrows(self.app.manager)  # the changes only this side sees are set with the arrows font
        self.story = self.add(pygame_gui.elements.UITextBox(
            self.story_html(), pygame.Rect(left.left + pad, top, width, story_h), self.app.manager,
            object_id=ObjectID(object_id="#side_story")))
        button_w = self.app.px(150)
        self.decide_button = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(left.right - pad - button_w, footer_top, button_w, row), t("sides.decide"),
            self.app.manager, object_id=ObjectID(class_id="@primary", object_id="#decide")))
        self.menu_button = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(left.left + pad, footer_top, self.app.px(84), row), t("sides.menu"), self.app.manager,
            object_id=ObjectID(object_id="#menu"), tool_tip_text="Esc"))
        self.timeline_marks = self.strip_marks()
        self.card_areas = [Area(f"option {k + 1}", rect, self._card_key) for k, rect in enumerate(self.card_rects)]
        _, map_rect = self.right_parts()
        self.map_area = Area("map", map_rect, self.map_inset.key)
        self.map_area.visible = map_rect.height >= self.app.px(60)
        areas = [self.map_area] if self.map_area.visible else []
        self.focus = Focus(self, [self.story, *self.card_areas, *areas, self.menu_button, self.decide_button])

    def strip_marks(self) -> list[Any]:
        """The timeline's stamps for this layout, once: a window of as many turns as fit, never a cut date (they
        change only with a new screen or layout, so every draw reuses them)."""
        history = turn_text.history_shown(self.game, self.app.settings.show_history)
        marks = side_timeline_marks(self.game, self.role, history)
        room = stamps_that_fit(self.strip(), [m.label for m in marks], self.app.px(12))
        return turn_window(marks, min(self.game.session.state.turn, len(marks) - 1), room)

    def _card_label(self, option: SideOption) -> str:
        return inert_line(option.label)

    def story_html(self) -> str:
        stamp = "#{:02x}{:02x}{:02x}".format(*self.app.palette.stamp)
        history = turn_text.history_shown(self.game, self.app.settings.show_history)
        return sides_story.story_html(self.game, self.role, self.news, self.situation, self.options, stamp,
                                      self.app.px(8), history)

    # ---- drawing -------------------------------------------------------------------------------------------

    def header_lines(self) -> tuple[str, str]:
        session = self.game.session
        turns = session.scenario.model.turns
        turn = turns[min(session.state.turn, len(turns) - 1)]
        when = f"{date_text(self.game, turn)} · {inert_line(turn.place or '')}".rstrip(" ·")
        return t("sides.deciding", label=inert_line(self.game.role_label(self.role))), when

    def draw(self, surface: pygame.Surface) -> None:
        palette = self.app.palette
        px = self.app.px
        left, _ = self.sheets()
        right, map_rect = self.right_parts()
        history = turn_text.history_shown(self.game, self.app.settings.show_history)
        draw_timeline(surface, self.strip(), self.timeline_marks, palette, px(12))
        drawing.paper(surface, left, palette)
        drawing.paper(surface, right, palette)
        pad = px(18)
        deciding, when = self.header_lines()
        room = left.width - 2 * pad
        drawing.text(surface, (left.left + pad, left.top + px(14)), drawing.fit(deciding, px(24), room, True),
                     px(24), palette.ink, bold=True)
        drawing.text(surface, (left.left + pad, left.top + px(52)), drawing.fit(when, px(15), room), px(15),
                     palette.ink_soft)
        for k, (rect, option) in enumerate(zip(self.card_rects, self.options, strict=True)):
            reason = None if option.available else t("turn.unavailable_tag")
            draw_card(self.app, surface, rect, k + 1, self._card_label(option), reason,
                      (k == self.selected, False, option.available), option.historical and history,
                      self.card_size())
        if self.card_rects:
            where = (left.left + pad, self.card_rects[-1].bottom + px(6))
            if self.status:
                drawing.wrapped(surface, pygame.Rect(*where, room, px(60)), self.status, px(13), palette.bad)
            else:
                hint = fitting.hint_line(t("sides_turn.keys", count=len(self.options)), px(13), room)
                drawing.text(surface, where, hint, px(13), palette.ink_soft)
        drawing.text(surface, (right.left + px(12), right.top + px(10)), t("turn.meters").upper(), px(13),
                     palette.ink_soft, bold=True)
        inner = right.inflate(-px(20), 0)
        inner.top = right.top + px(34)
        inner.height = right.height - px(44)
        draw_meters(surface, inner, self.meter_rows(), palette, px(14), show_ghost=False)
        if self.map_area.visible:
            drawing.paper(surface, map_rect, palette)
            self.map_inset.draw(surface, map_rect.inflate(-px(16), -px(16)), px(12),
                                self.focus is not None and self.focus.current is self.map_area)

    def meter_rows(self) -> list[Any]:
        """Only the meters this side sees during play (the others wait for the debrief)."""
        seen = set(self.game.visible_meters(self.role))
        return [view for m, view in enumerate(meter_views(self.game)) if m in seen]

    # ---- input ---------------------------------------------------------------------------------------------

    def _card_key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            current = self.focus.current if self.focus is not None else None
            if current in self.card_areas:
                self.select(self.card_areas.index(current))
                if event.key != pygame.K_SPACE:
                    self.decide()
                return True
        return False

    def select(self, k: int) -> None:
        if 0 <= k < len(self.options) and self.options[k].available:
            self.selected = k
            self.app.sound.play("choose")
            self.app.dirty = True

    def decide(self) -> None:
        if self.selected is None:
            return
        game, role, choice = self.game, self.role, self.selected
        pending = game.session.pending
        title = inert_line(pending.event.title) if pending is not None else ""
        taken = game.pick(role, choice)
        if game.refused:  # nothing was taken: the side decides again here
            self.status = game.refused
            self.rebuild()
            return
        game.last_shown = role
        self.app.call("sides_flow.after_pick", self.app, game, role, title, self.options[choice].label, taken)

    def step_back(self) -> None:
        """Ctrl+Z: back to the last decision a person took (both halves of a joint one are undone together); at a
        hot seat, to this side's last one, once the other side allows it (design §9)."""
        others = self.game.play.other_people(self.role) if self.game.hotseat else ()
        if others and self.game.play.can_step_back(self.role):
            self.app.call("sides_flow.ask_back", self.app, self.game, self.role)
            return
        if not others and self.game.back():
            self.app.call("sides_flow.play_on", self.app, self.game)
            return
        session = self.game.session
        current = session.timeline.current
        refusal = session.refusal(session.timeline.nodes[current].parent) if current is not None else None
        self.status = refusal or (t("turn.rollback_off") if self.game.rollback_mode == "off" else t("status.at_start"))
        self.rebuild()

    def open_menu(self) -> None:
        self.app.open("menu", self.game, on_result=self._after_modal)

    def open_save(self) -> None:
        self.app.open("save", self.game)  # a sealed half is never written (the session's rule)

    def open_help(self) -> None:
        self.app.open("help", self.game.scenario.model.glossary)

    def open_odds(self) -> None:
        """O: this side's odds for its own options (as the ordinary screen's, a class may hide them)."""
        if not self.game.shows("odds"):
            self.status = t("odds.hidden")
            self.rebuild()
            return
        self.app.open("side_odds", self.game, self.role)

    def open_branches(self) -> None:
        """B: the branches as this side may see them (another side's hidden choices unnamed)."""
        self.app.open("side_branches", self.game, self.role, on_result=self._after_modal)

    def reload(self) -> None:
        """F5: the scenario again from disk, for authors; the seats, who took each decision and unread news stay
        (a broken edit shows its errors and changes nothing)."""
        from partnership_game.scenario import ScenarioError
        from partnership_game.session.side_reload import reseat

        game = self.game
        old, seating, news = game.session, game.play.seating, list(game.play.news)
        try:
            said = game.reload()
        except ScenarioError as exc:
            lines = [d.format() for d in exc.diagnostics[:10]]
            if len(exc.diagnostics) > 10:
                lines.append(f"... and {len(exc.diagnostics) - 10} more")
            self.app.open("message", t("reload.failed"), "\n".join(lines))
            return
        game.play = reseat(old, game.session, seating, news)
        game.play.private_after_reveal = True  # as SidesGame set it: the reveal shows only what both sides see
        game.note = said
        # Whoever decides on the reloaded road, after a hand-over at a hot seat.
        self.app.call("sides_flow.play_on", self.app, game)

    def _after_modal(self, result: Any) -> None:
        if result == "rebuild":  # the branches moved the game: whoever decides there, after a hand-over
            self.app.call("sides_flow.play_on", self.app, self.game)

    def update(self, dt: float) -> None:
        self.map_inset.update(dt, self.app.top is self)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self.map_inset.skip()  # any key or click finishes the map's fade
        if self.focus is not None and self.focus.handle(event):
            return True
        if event.type == pygame.KEYDOWN:
            ctrl = bool(event.mod & pygame.KMOD_CTRL)
            if event.key == pygame.K_o and not ctrl:
                self.open_odds()
                return True
            if event.key == pygame.K_b and not ctrl:
                self.open_branches()
                return True
            if event.key == pygame.K_F5:
                self.reload()
                return True
            if event.key == pygame.K_z and ctrl:
                self.step_back()
                return True
            if event.key == pygame.K_s and ctrl:
                self.open_save()
                return True
            if event.key == pygame.K_ESCAPE:
                self.open_menu()
                return True
            if event.key == pygame.K_F1:
                self.open_help()
                return True
            if pygame.K_1 <= event.key <= pygame.K_9:
                self.select(event.key - pygame.K_1)
                return True
            if event.key in (pygame.K_DOWN, pygame.K_UP) and self.options:
                step = 1 if event.key == pygame.K_DOWN else -1
                self.select(((self.selected if self.selected is not None else -step) + step) % len(self.options))
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.decide()
                return True
        if event.type == pygame.MOUSEBUTTONUP and getattr(event, "button", 0) == 1:
            for k, rect in enumerate(self.card_rects):
                if rect.collidepoint(event.pos):
                    again = self.selected == k
                    self.select(k)
                    if again:
                        self.decide()  # a second click on the chosen card decides, as Decide does
                    return True
        return False

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.decide_button:
            self.decide()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.menu_button:
            self.open_menu()
