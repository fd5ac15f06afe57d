"""The turn screen: date, situation and counsel, options with previews, meters, map and timeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.session import texts
from partnership_game.ui import drawing, rich
from partnership_game.ui.game import Game
from partnership_game.ui.screen import Screen
from partnership_game.ui.screens.event_title import EventTitle
from partnership_game.ui.strings import t
from partnership_game.ui.views import map_state, meter_views, timeline_marks
from partnership_game.ui.widgets.map_inset import draw_map
from partnership_game.ui.widgets.meters import draw_meters
from partnership_game.ui.widgets.timeline_strip import draw_timeline

DOUBLE_CLICK_S = 0.4


@dataclass
class Layout:
    header: pygame.Rect
    strip: pygame.Rect
    title: pygame.Rect  # the event's title, a news kicker for a random event, and the accuracy badge
    story: pygame.Rect
    options: pygame.Rect
    footer: pygame.Rect
    meters: pygame.Rect
    preview: pygame.Rect
    map: pygame.Rect


class TurnScreen(Screen):
    def __init__(self, app: Any, game: Game) -> None:
        super().__init__(app)
        self.game = game
        self.selected: int | None = None
        self.hovered: int | None = None
        self.hovered_mark: int | None = None
        self.card_rects: list[pygame.Rect] = []
        self.mark_rects: list[tuple[pygame.Rect, int]] = []
        self.status = ""
        self.last_click = (0.0, -1)
        self.tooltip: Any = None
        self.tooltip_term: int | None = None
        self.previewed: int | None = -1
        self.card_px = app.px(16)
        self.event_title = EventTitle(app, game)

    # ---- layout and widgets --------------------------------------------------------------------------------

    def layout(self) -> Layout:
        """Left: the story, the options and the preview of the focused option. Right: the meters and the map."""
        w, h = self.app.size
        m = self.app.px(14)
        gap = self.app.px(8)
        header = pygame.Rect(m, m, w - 2 * m, self.app.px(62))
        strip = pygame.Rect(m, header.bottom + self.app.px(6), w - 2 * m, self.app.px(40))
        top = strip.bottom + self.app.px(10)
        left_w = int((w - 3 * m) * 0.6)
        right_x = m + left_w + m
        right_w = w - right_x - m
        footer = pygame.Rect(m, h - m - self.app.px(44), left_w, self.app.px(44))
        body_h = footer.top - gap - top
        options_h = self._options_height(left_w, body_h)
        # The options come first; the preview and the story (both scroll) share what is left.
        spare = body_h - options_h - 2 * gap
        preview_h = max(min(int(body_h * 0.22), spare - self.app.px(80)), min(self.app.px(64), spare // 2))
        title_h = min(self.event_title.height(left_w), max(spare - preview_h - self.app.px(60), self.app.px(36)))
        story_h = spare - preview_h - title_h
        title = pygame.Rect(m, top, left_w, title_h)
        story = pygame.Rect(m, title.bottom, left_w, story_h)
        options = pygame.Rect(m, story.bottom + gap, left_w, options_h)
        preview = pygame.Rect(m, options.bottom + gap, left_w, preview_h)
        from partnership_game.ui.widgets.meters import meters_height

        right_h = h - m - top
        meters_h = min(
            meters_height(len(self.game.scenario.model.meters), self.app.px(14)) + self.app.px(34), int(right_h * 0.58)
        )
        meters = pygame.Rect(right_x, top, right_w, meters_h)
        map_rect = pygame.Rect(right_x, meters.bottom + gap, right_w, h - m - meters.bottom - gap)
        return Layout(header, strip, title, story, options, footer, meters, preview, map_rect)

    def heading(self) -> str:
        """The turn's own title: an event, random or not, shows below it and never takes its place."""
        session = self.game.session
        turns = session.scenario.model.turns
        return texts.shown(session, turns[min(session.state.turn, len(turns) - 1)].title)

    def _card_height(self, k: int, width: int, text_px: int | None = None) -> int:
        size = text_px or self.card_px
        inner = width - self.app.px(64)
        height = drawing.wrapped_height(self._card_label(k), size, inner, bold=True) + self.app.px(16)
        if not self.game.session.available()[k]:
            height += drawing.wrapped_height(self._unavailable_line(k), max(size - 3, 9), inner)
        return height

    def _unavailable_line(self, k: int) -> str:
        return t("turn.unavailable", reason=self._reason(k))

    def _options_height(self, width: int, body_h: int) -> int:
        pending = self.game.session.pending
        if pending is None:
            return 0
        gap = self.app.px(6)
        # Every card must fit: the options may take what the story and the preview can spare, and when even that
        # is not enough (large text, long labels) the cards' text gets smaller rather than falling off the panel.
        room = max(body_h - self.app.px(80) - self.app.px(64) - 2 * self.app.px(8), int(body_h * 0.3))
        total = 0
        for size in range(self.app.px(16), 8, -1):
            self.card_px = size
            total = sum(self._card_height(k, width, size) + gap for k in range(len(pending.event.options)))
            if total + self.app.px(28) <= room:
                break
        return min(total + self.app.px(28), room)

    def _card_label(self, k: int) -> str:
        pending = self.game.session.pending
        assert pending is not None
        return texts.label(self.game.session, pending.event.options[k])

    def _event_picture(self, area: pygame.Rect) -> pygame.Surface | None:
        """The pending event's image, scaled to the story's width and at most a third of its height."""
        pending = self.game.session.pending
        path = self.game.scenario.images.get(pending.event.id) if pending is not None else None
        if path is None or area.height < self.app.px(180):
            return None
        try:
            image = pygame.image.load(str(path))
        except (pygame.error, OSError):
            return None  # checked at load time; a file changed since then is simply not shown
        scale = min((area.width - 12) / image.get_width(), (area.height // 3) / image.get_height(), 4.0)
        size = (max(1, int(image.get_width() * scale)), max(1, int(image.get_height() * scale)))
        return pygame.transform.smoothscale(image.convert_alpha() if pygame.display.get_surface() else image, size)

    def _history_shown(self) -> bool:
        """History's marks: the player's setting and the class file must both allow them."""
        return self.app.settings.show_history and self.game.shows("historical_marks")

    def _pending_key(self) -> tuple[int, int, int] | None:
        pending = self.game.session.pending
        return None if pending is None else (pending.turn, pending.slot, len(self.game.session.decisions))

    def build(self) -> None:
        session = self.game.session
        self.built_for = self._pending_key()
        if session.pending is None:
            return
        self.lay = self.layout()
        self.event_title.place(self.lay.title)
        manager = self.app.manager
        story_rect = self.lay.story
        picture = self._event_picture(story_rect)
        if picture is not None:
            # The event's image sits on a strip of paper above the text; the text box takes the rest.
            strip = pygame.Rect(story_rect.left, story_rect.top, story_rect.width, picture.get_height() + 12)
            self.add(
                pygame_gui.elements.UIImage(
                    pygame.Rect(
                        strip.left + (strip.width - picture.get_width()) // 2,
                        strip.top + 6,
                        picture.get_width(),
                        picture.get_height(),
                    ),
                    picture,
                    manager,
                )
            )
            self.picture_strip = strip
            story_rect = pygame.Rect(story_rect.left, strip.bottom, story_rect.width, story_rect.bottom - strip.bottom)
        else:
            self.picture_strip = None
        self.story_box = self.add(
            pygame_gui.elements.UITextBox(
                self._story_html(), story_rect, manager, object_id=ObjectID(object_id="#story")
            )
        )
        # One preview box per option, built now and shown on focus: laying out rich text costs tens of
        # milliseconds, too much to do while the mouse moves over the cards.
        self.preview_boxes: dict[int | None, Any] = {}
        for focus in [None, *range(len(session.pending.event.options))]:
            box = self.add(
                pygame_gui.elements.UITextBox(
                    self._preview_html(focus), self.lay.preview, manager, object_id=ObjectID(object_id="#preview")
                )
            )
            box.hide()
            self.preview_boxes[focus] = box
        self.preview_box = self.preview_boxes[None]
        button_w = self.app.px(150)
        self.decide_button = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(self.lay.footer.right - button_w, self.lay.footer.top, button_w, self.lay.footer.height),
                t("turn.return") if self.game.reviewing else t("turn.decide"),
                manager,
                object_id=ObjectID(class_id="@primary", object_id="#decide"),
            )
        )
        self.menu_button = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(self.lay.footer.left, self.lay.footer.top, self.app.px(90), self.lay.footer.height),
                "Menu",
                manager,
                object_id=ObjectID(object_id="#menu"),
                tool_tip_text="Esc",
            )
        )
        self.odds_button = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(
                    self.menu_button.rect.right + self.app.px(8),
                    self.lay.footer.top,
                    self.app.px(90),
                    self.lay.footer.height,
                ),
                t("turn.odds"),
                manager,
                object_id=ObjectID(object_id="#odds"),
                tool_tip_text="O",
            )
        )
        if not self.game.shows("odds"):
            self.odds_button.disable()
        self._layout_cards()
        self.previewed = -1
        self._refresh_preview()

    def _layout_cards(self) -> None:
        pending = self.game.session.pending
        self.card_rects = []
        if pending is None:
            return
        y = self.lay.options.top + self.app.px(28)
        gap = self.app.px(6)
        for k in range(len(pending.event.options)):
            height = self._card_height(k, self.lay.options.width)
            self.card_rects.append(pygame.Rect(self.lay.options.left, y, self.lay.options.width, height))
            y += height + gap

    def _story_html(self) -> str:
        session = self.game.session
        pending = session.pending
        assert pending is not None
        model = session.scenario.model
        event = pending.event.model
        glossary = model.glossary
        seen: set[int] = set()
        parts: list[str] = []  # the title stands above, in its own row with the accuracy badge
        if event is not None:
            parts.append(rich.link_glossary(rich.escape(texts.shown(session, event.situation)), glossary, seen))
            advisors = {a.id: a for a in model.advisors}
            if event.advisors:
                parts.append(f"<b>{t('turn.counsel')}</b>")
                for counsel in event.advisors:
                    who = advisors[counsel.advisor]
                    parts.append(
                        f"<b>{rich.escape(who.office)}</b> <i>({rich.escape(who.faction)})</i><br>"
                        + rich.link_glossary(rich.escape(texts.shown(session, counsel.text)), glossary, seen)
                    )
        if event is not None and event.image is not None and pending.event.id in self.game.scenario.images:
            caption = f"{rich.escape(event.image.caption)} " if event.image.caption else ""
            parts.insert(0, f"<i>{caption}(Picture: {rich.escape(event.image.credit)})</i>")
        if self.game.note:
            parts.insert(0, f"<i>{rich.escape(self.game.note)}</i>")
        return "<br><br>".join(parts)

    # ---- what the preview box says -------------------------------------------------------------------------

    def _focus(self) -> int | None:
        return self.hovered if self.hovered is not None else self.selected

    def _refresh_preview(self) -> None:
        focus = self._focus()
        if focus not in self.preview_boxes:
            focus = self.selected = self.hovered = None  # a choice left over from another decision
        if focus == self.previewed:
            return
        if self.previewed == -2 and focus is None:
            self.preview_boxes[None].set_text(self._preview_html(None))  # it showed a glossary entry
        self.previewed = focus
        self.preview_box.hide()
        self.preview_box = self.preview_boxes[focus]
        self.preview_box.show()
        self.app.dirty = True

    def _preview_html(self, focus: int | None) -> str:
        session = self.game.session
        pending = session.pending
        if pending is None:
            return ""
        count = len(pending.event.options)
        if focus is None:
            return f"<i>{t('turn.pick_first', count=count)}</i><br><br>{t('turn.keys', count=count)}"
        option = pending.event.options[focus]
        model_option = pending.event.model.options[focus] if pending.event.model is not None else None
        parts = [f"<b>{focus + 1}. {rich.escape(texts.label(session, option))}</b>"]
        if option.historical and self._history_shown():
            stamp = "#{:02x}{:02x}{:02x}".format(*self.app.palette.stamp)
            parts[0] += f"  <font color='{stamp}'><i>({t('turn.history_mark')})</i></font>"
        description = (
            rich.link_glossary(rich.escape(texts.shown(session, model_option.text)), session.scenario.model.glossary)
            if model_option is not None and model_option.text
            else None
        )
        if not session.available()[focus]:
            reason = option.unavailable_text or (option.condition.source if option.condition else "")
            parts.append(f"<b>{rich.escape(t('turn.unavailable', reason=reason))}</b>")
        if not (self.app.settings.show_previews and self.game.shows("previews")):
            parts.append(f"<i>{t('turn.preview_hidden')}</i>")
            return "<br>".join([*parts, *([description] if description else [])])
        preview = self.game.preview(focus)
        if preview is not None:
            labels = {m.id: m.label for m in session.scenario.model.meters}
            flags = {f.id: f.label for f in session.scenario.model.flags}
            lines = [f"<b>{t('turn.preview')}</b>" + (f" <i>{t('turn.preview_chance')}</i>" if preview.drawn else "")]
            if preview.changes:
                lines.append(" · ".join(f"{rich.escape(labels[m])} {_arrow(v)}" for m, v in preview.changes.items()))
            else:
                lines.append(t("turn.preview_none"))
            for flag in preview.flags_set:
                lines.append(f"+ {rich.escape(flags[flag])}")
            for flag in preview.flags_cleared:
                lines.append(f"− {rich.escape(flags[flag])}")
            for later in preview.later:
                changes = ", ".join(f"{rich.escape(labels[m])} {_arrow(v)}" for m, v in later.changes.items())
                lines.append(
                    rich.escape(t("turn.preview_later", text=later.text)) + (f" ({changes})" if changes else "")
                )
            parts.append("<br>".join(lines))
        # What it does comes first, where the eye lands; the longer description follows.
        if description:
            parts.append(description)
        return "<br><br>".join(parts)

    # ---- input ---------------------------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> bool:
        pending = self.game.session.pending
        if pending is None:
            return False
        count = len(pending.event.options)
        if event.type == pygame.KEYDOWN:
            ctrl = bool(event.mod & pygame.KMOD_CTRL)
            if ctrl and event.key == pygame.K_z:
                self.step_back()
            elif ctrl and event.key == pygame.K_s:
                self.open_save()
            elif event.key == pygame.K_ESCAPE:
                self.open_menu()
            elif event.key == pygame.K_o:
                self.open_odds()
            elif event.key == pygame.K_b:
                self.open_branches()
            elif event.key == pygame.K_F5:
                self.reload()
            elif event.key == pygame.K_F1:
                self.open_help()
            elif pygame.K_1 <= event.key <= pygame.K_9 and event.key - pygame.K_1 < count:
                self.select(event.key - pygame.K_1)
            elif pygame.K_KP1 <= event.key <= pygame.K_KP9 and event.key - pygame.K_KP1 < count:
                self.select(event.key - pygame.K_KP1)
            elif event.key == pygame.K_TAB:
                self.tab(backwards=bool(event.mod & pygame.KMOD_SHIFT))
            elif event.key == pygame.K_DOWN:
                self.select(0 if self.selected is None else (self.selected + 1) % count)
            elif event.key == pygame.K_UP:
                self.select(count - 1 if self.selected is None else (self.selected - 1) % count)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.decide()
            else:
                return False
            return True
        if event.type == pygame.MOUSEMOTION:
            self.event_title.hover(event.pos)
            hovered = next((k for k, r in enumerate(self.card_rects) if r.collidepoint(event.pos)), None)
            mark = next((i for r, i in self.mark_rects if r.collidepoint(event.pos)), None)
            if hovered != self.hovered or mark != self.hovered_mark:
                self.hovered, self.hovered_mark = hovered, mark
                self._refresh_preview()
                self.app.dirty = True
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.event_title.click(event.pos):
                return True
            for k, rect in enumerate(self.card_rects):
                if rect.collidepoint(event.pos):
                    now = pygame.time.get_ticks() / 1000
                    double = self.last_click[1] == k and now - self.last_click[0] < DOUBLE_CLICK_S
                    self.last_click = (now, k)
                    self.select(k)
                    if double:
                        self.decide()
                    return True
            for rect, turn in self.mark_rects:
                if rect.collidepoint(event.pos):
                    self.go_to_turn(turn)
                    return True
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
        """Tab moves the focus through the options, then to the accuracy badge (its note shows), then round."""
        count = len(self.card_rects)
        if not count:
            return
        if self.event_title.focus:
            self.select(count - 1 if backwards else 0)
        elif self.event_title.badge_text() and (self.selected == (0 if backwards else count - 1)
                                                or (backwards and self.selected is None)):
            self.event_title.focus = True
            self.app.dirty = True
        elif backwards:
            self.select(count - 1 if self.selected is None else (self.selected - 1) % count)
        else:
            self.select(0 if self.selected is None else (self.selected + 1) % count)

    def select(self, k: int) -> None:
        self.event_title.focus = False
        self.selected = k
        self._refresh_preview()
        self.app.dirty = True

    def reload(self) -> None:
        """F5: the scenario again from disk, for authors; a broken edit shows its errors and changes nothing."""
        from partnership_game.scenario import ScenarioError
        from partnership_game.ui.screens.message import MessageScreen

        try:
            self.status = self.game.reload()
        except ScenarioError as exc:
            lines = [d.format() for d in exc.diagnostics[:10]]
            more = len(exc.diagnostics) - 10
            if more > 0:
                lines.append(f"... and {more} more")
            self.app.push(MessageScreen(self.app, t("reload.failed"), "\n".join(lines)))
            return
        self.selected = self.hovered = None
        self.rebuild()

    def open_branches(self) -> None:
        from partnership_game.ui.screens.branches import BranchesScreen

        self.app.push(BranchesScreen(self.app, self.game), on_result=self._after_modal)

    def open_odds(self) -> None:
        if not self.game.shows("odds"):
            self.status = t("odds.hidden")
            self.app.dirty = True
            return
        from partnership_game.ui.screens.odds import OddsScreen

        self.app.push(OddsScreen(self.app, self.game))

    def decide(self) -> None:
        session = self.game.session
        if self.game.reviewing:
            # Looking back in a look-only class: Decide returns to where the game stands.
            self.game.return_to_present()
            self.status = ""
            self.selected = None
            self.rebuild()
            return
        if self.selected is None:
            self.status = t("turn.pick_first", count=len(self.card_rects))
            self.app.dirty = True
            return
        if not session.available()[self.selected]:
            self.status = t("turn.unavailable", reason=self._reason(self.selected))
            self.app.dirty = True
            return
        entries = self.game.choose(self.selected)
        if self.game.refused:  # the save is full and this choice would open a new branch
            self.status = self.game.refused
            self.app.dirty = True
            return
        from partnership_game.ui.screens.consequences import ConsequencesScreen

        self.app.push(ConsequencesScreen(self.app, self.game, entries), on_result=lambda _: self.after_consequences())

    def _reason(self, k: int) -> str:
        pending = self.game.session.pending
        assert pending is not None
        option = pending.event.options[k]
        return option.unavailable_text or (option.condition.source if option.condition else "")

    def after_consequences(self) -> None:
        if self.game.session.over:
            from partnership_game.ui.screens.debrief import DebriefScreen

            self.app.replace(DebriefScreen(self.app, self.game))
            return
        # The screen was already laid out for the new decision while the dialog was open (see update).
        self.selected = None
        self.hovered = None
        self.status = t("status.branch") if self.game.opened_branch else ""
        self.app.dirty = True

    def step_back(self) -> None:
        if self.game.back():
            turn = self.game.session.scenario.model.turns[self.game.session.state.turn]
            self.status = t("status.back", date=turn.date_label or turn.date)
            self.selected = None
            self.rebuild()
        else:
            self.status = t("turn.rollback_off") if self.game.rollback_mode == "off" else t("status.at_start")
            self.app.dirty = True

    def go_to_turn(self, turn: int) -> None:
        if self.game.go_to_turn(turn):
            model_turn = self.game.session.scenario.model.turns[turn]
            self.status = t("status.back", date=model_turn.date_label or model_turn.date)
            self.selected = None
            self.rebuild()

    def open_menu(self) -> None:
        from partnership_game.ui.screens.menu import MenuScreen

        self.app.push(MenuScreen(self.app, self.game), on_result=self._after_modal)

    def open_save(self) -> None:
        from partnership_game.ui.screens.saves import SaveScreen

        self.app.push(SaveScreen(self.app, self.game))

    def open_help(self) -> None:
        from partnership_game.ui.screens.help import HelpScreen

        self.app.push(HelpScreen(self.app, self.game.scenario.model.glossary))

    def _after_modal(self, result: Any) -> None:
        if result == "rebuild":
            # The game may now stand at another decision, with fewer options: nothing is selected there yet.
            self.selected = self.hovered = None
            self.rebuild()

    def show_term(self, index: int) -> None:
        glossary = self.game.scenario.model.glossary
        if 0 <= index < len(glossary):
            entry = glossary[index]
            self.preview_box.hide()
            self.preview_box = self.preview_boxes[None]
            self.preview_box.set_text(f"<b>{rich.escape(entry.term)}</b><br>{rich.escape(entry.text)}")
            self.preview_box.show()
            self.previewed = -2
            self.app.dirty = True

    # ---- per frame -----------------------------------------------------------------------------------------

    def update(self, dt: float) -> None:
        if self.game.session.over and self.app.top is self:
            # A jump to a branch that has ended: its debrief.
            from partnership_game.ui.screens.debrief import DebriefScreen

            self.app.replace(DebriefScreen(self.app, self.game))
            return
        if self._pending_key() != getattr(self, "built_for", None):
            # The game moved on (a decision, a step back): lay out the new decision's cards and texts.
            self.selected = self.hovered = None
            self.rebuild()
        self.event_title.update_tip()
        # Glossary terms explain themselves on hover: a tooltip follows the hovered link.
        hovered = None
        for chunk in getattr(self, "story_box", None).link_hover_chunks if hasattr(self, "story_box") else []:
            if chunk.is_hovered:
                hovered = rich.glossary_index(getattr(chunk, "href", ""))
                break
        if hovered != self.tooltip_term:
            self.tooltip_term = hovered
            if self.tooltip is not None:
                self.tooltip.kill()
                self.tooltip = None
            glossary = self.game.scenario.model.glossary
            if hovered is not None and 0 <= hovered < len(glossary):
                entry = glossary[hovered]
                self.tooltip = pygame_gui.elements.UITooltip(
                    f"<b>{rich.escape(entry.term)}</b><br>{rich.escape(entry.text)}",
                    (0, self.app.px(18)),
                    self.app.manager,
                )
                self.tooltip.find_valid_position(pygame.math.Vector2(pygame.mouse.get_pos()))
            self.app.dirty = True

    def leave(self) -> None:
        if self.tooltip is not None:
            self.tooltip.kill()
            self.tooltip = None
        self.event_title.reset()
        super().leave()

    def clear(self) -> None:
        if self.tooltip is not None:
            self.tooltip.kill()
            self.tooltip = None
            self.tooltip_term = None
        self.event_title.reset()
        super().clear()

    def draw(self, surface: pygame.Surface) -> None:
        session = self.game.session
        pending = session.pending
        if pending is None or not hasattr(self, "lay") or self._pending_key() != self.built_for:
            return
        palette = self.app.palette
        lay = self.lay
        model = session.scenario.model
        turn = model.turns[session.state.turn]
        # Header: the date stamp, the place, the turn's title, and where we are in the campaign.
        drawing.paper(surface, lay.header, palette)
        stamp = pygame.Rect(
            lay.header.left + self.app.px(10),
            lay.header.top + self.app.px(7),
            self.app.px(200),
            lay.header.height - self.app.px(14),
        )
        drawing.stamp(surface, stamp, [turn.date_label or turn.date, turn.place], palette, self.app.px(16))
        title_x = stamp.right + self.app.px(16)
        counter = t("turn.turn_of", turn=session.state.turn + 1, turns=len(model.turns))
        minutes = self.game.minutes_left()
        if minutes is not None:
            counter = t("turn.time_left", minutes=minutes) + " · " + counter
        counter_rect = drawing.text(
            surface,
            (lay.header.right - self.app.px(14), lay.header.centery),
            counter,
            self.app.px(15),
            palette.ink_soft,
            anchor="midright",
        )
        title = drawing.fit(self.heading(), self.app.px(22), counter_rect.left - title_x - self.app.px(12), bold=True)
        drawing.text(
            surface, (title_x, lay.header.centery), title, self.app.px(22), palette.ink, bold=True, anchor="midleft"
        )
        # The timeline strip.
        self.mark_rects = draw_timeline(
            surface,
            lay.strip,
            timeline_marks(self.game, self._history_shown()),
            palette,
            self.app.px(12),
            hovered=self.hovered_mark,
        )
        self.event_title.draw(surface, lay.title)
        if self.picture_strip is not None:
            pygame.draw.rect(surface, palette.paper, self.picture_strip)
        # The options.
        drawing.paper(surface, lay.options, palette)
        drawing.text(
            surface,
            (lay.options.left + self.app.px(12), lay.options.top + self.app.px(6)),
            t("turn.options").upper(),
            self.app.px(13),
            palette.ink_soft,
            bold=True,
        )
        available = session.available()
        for k, rect in enumerate(self.card_rects):
            self._draw_card(surface, rect, k, available[k])
        # Footer status.
        hint = (
            t("turn.reviewing") if self.game.reviewing else (self.status or t("turn.keys", count=len(self.card_rects)))
        )
        left = self.odds_button.rect.right + self.app.px(12)
        width = self.decide_button.rect.left - left - self.app.px(12)
        drawing.text(
            surface,
            (left, lay.footer.centery),
            drawing.fit(hint, self.app.px(13), width),
            self.app.px(13),
            palette.paper,
            anchor="midleft",
        )
        # The meters and the map.
        drawing.paper(surface, lay.meters, palette)
        drawing.text(
            surface,
            (lay.meters.left + self.app.px(12), lay.meters.top + self.app.px(8)),
            t("turn.meters").upper(),
            self.app.px(13),
            palette.ink_soft,
            bold=True,
        )
        inner = lay.meters.inflate(-self.app.px(20), 0)
        inner.top = lay.meters.top + self.app.px(30)
        inner.height = lay.meters.height - self.app.px(36)
        draw_meters(
            surface,
            inner,
            meter_views(self.game),
            palette,
            self.app.px(14),
            show_ghost=self.app.settings.show_history and self.game.shows("ghost"),
        )
        drawing.paper(surface, lay.map, palette)
        map_inner = lay.map.inflate(-self.app.px(16), -self.app.px(16))
        draw_map(
            surface,
            map_inner,
            self.app.services.map_data,
            map_state(self.game),
            palette,
            self.app.px(12),
        )

    def _draw_card(self, surface: pygame.Surface, rect: pygame.Rect, k: int, available: bool) -> None:
        palette = self.app.palette
        pending = self.game.session.pending
        assert pending is not None
        option = pending.event.options[k]
        selected = k == self.selected
        hovered = k == self.hovered
        background = palette.paper_shade if (selected or hovered) else palette.paper
        pygame.draw.rect(surface, background, rect, border_radius=3)
        border = palette.focus if selected else (palette.ink_soft if hovered else palette.rule)
        pygame.draw.rect(surface, border, rect, width=3 if selected else 1, border_radius=3)
        ink = palette.ink if available else palette.disabled
        side = self.app.px(26)
        badge = pygame.Rect(rect.left + self.app.px(10), rect.centery - side // 2, side, side)
        pygame.draw.rect(surface, ink, badge, width=0 if selected else 2, border_radius=4)
        drawing.text(
            surface,
            badge.center,
            str(k + 1),
            self.app.px(15),
            palette.paper if selected else ink,
            bold=True,
            anchor="center",
        )
        label_rect = pygame.Rect(
            badge.right + self.app.px(12), rect.top + self.app.px(11), rect.width - self.app.px(64), rect.height
        )
        used = drawing.wrapped(surface, label_rect, self._card_label(k), self.card_px, ink, bold=True)
        if not available:
            reason_rect = label_rect.move(0, used)
            drawing.wrapped(surface, reason_rect, self._unavailable_line(k), max(self.card_px - 3, 9), palette.bad)
            # Greyed out and struck through, and the word says why: colour is never the only signal.
            tag = drawing.rendered("unavailable", self.app.px(12), palette.bad, True)
            surface.blit(tag, tag.get_rect(topright=(rect.right - self.app.px(10), rect.top + self.app.px(4))))
        elif option.historical and self._history_shown():
            tag = drawing.rendered(t("turn.history_mark"), self.app.px(12), palette.stamp, True)
            surface.blit(tag, tag.get_rect(topright=(rect.right - self.app.px(10), rect.top + self.app.px(4))))


def _arrow(value: float) -> str:
    number = f"{abs(value):.0f}" if abs(value - round(value)) < 0.05 else f"{abs(value):.1f}"
    return f"+{number}" if value > 0 else f"−{number}"
