"""Two roads side by side: their meters overlaid, their decisions with the point they part, the difference."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.session import explain
from partnership_game.session.compare import Branch, differences, divergence
from partnership_game.ui import drawing, fitting, rich
from partnership_game.ui.game import Game
from partnership_game.ui.screen import SCROLL_KEYS, Focus, ModalScreen, scroll
from partnership_game.ui.strings import t
from partnership_game.ui.views import short_date
from partnership_game.ui.widgets.chart import Series
from partnership_game.ui.widgets.chart_grid import Chart, draw_small_multiples


def _ending(session: Any) -> str:
    return session.ending.title if session.ending is not None else t("branches.in_play")


TABS = ("meters", "decisions", "differences")


class CompareScreen(ModalScreen):
    """Two roads side by side: their meters overlaid, their decisions with the point they part, the difference."""

    width_share = 0.94
    height_share = 0.9

    def __init__(self, app: Any, game: Game, a: Branch, b: Branch, tab: str = "meters") -> None:
        super().__init__(app)
        self.game = game
        self.a, self.b = a, b
        self.tab = tab
        # History's road (leaf None) in a class that hides history: nothing of it is drawn before the debrief.
        self.hidden = any(side.leaf is None for side in (a, b)) and not (
            game.shows("historical_marks") and game.shows("ghost"))

    def build(self) -> None:
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad = self.app.px(16)
        row = self.app.px(40)
        manager = self.app.manager
        forms = [t("compare.heading", a=self.a.label, b=self.b.label), t("compare.heading_names", a=self.a.label,
                 b=self.b.label), t("compare.heading_plain")]  # the names are on the next line and in the charts
        heading = fitting.first_fitting(forms, self.app.px(22), rect.width - 2 * pad - self.app.px(8), bold=True) \
            or forms[-1]
        self.add(pygame_gui.elements.UILabel(pygame.Rect(pad, pad, rect.width - 2 * pad, self.app.px(34)), heading,
                                             manager, container=panel, object_id=ObjectID(class_id="@heading")))
        endings = t("compare.endings", a=self.a.label, ending_a=_ending(self.a.session), b=self.b.label,
                    ending_b=_ending(self.b.session))
        if self.hidden:
            endings = t("class.history_hidden_heading")
        self.add(pygame_gui.elements.UILabel(pygame.Rect(pad, pad + self.app.px(36), rect.width - 2 * pad,
                                                         self.app.px(26)), endings, manager, container=panel))
        x = pad
        self.tabs: dict[Any, str] = {}
        for tab in TABS:
            width = drawing.rendered(t(f"compare.tab.{tab}"), self.app.px(16), (0, 0, 0), True).get_width() \
                + self.app.px(36)
            button = self.add(pygame_gui.elements.UIButton(
                pygame.Rect(x, pad + self.app.px(68), width, self.app.px(36)), t(f"compare.tab.{tab}"), manager,
                container=panel, object_id=ObjectID(class_id="@primary" if tab == self.tab else None,
                                                    object_id=f"#compare_{tab}")))
            self.tabs[button] = tab
            x += width + self.app.px(8)
        area = pygame.Rect(pad, pad + self.app.px(112), rect.width - 2 * pad,
                           rect.height - 3 * pad - row - self.app.px(112))
        text_box = None
        if self.hidden:
            text_box = self.add(pygame_gui.elements.UITextBox(
                rich.escape(t("class.history_hidden")), area, manager, container=panel,
                object_id=ObjectID(object_id="#compare_hidden")))
        elif self.tab == "meters":
            canvas = pygame.Surface(area.size)
            self.paint(canvas)
            self.add(pygame_gui.elements.UIImage(area, canvas, manager, container=panel))
        else:
            text = self.decisions_html() if self.tab == "decisions" else self.differences_html()
            text_box = self.add(pygame_gui.elements.UITextBox(text, area, manager, container=panel,
                                                              object_id=ObjectID(object_id=f"#compare_{self.tab}_text")))
        self.close = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(rect.width - pad - self.app.px(150), rect.height - pad - row, self.app.px(150), row),
            t("help.close"), manager, container=panel, object_id=ObjectID(class_id="@primary", object_id="#cmp_x")))
        self.close_button = self.close
        self.text = text_box
        start = next((k for k, tab in enumerate(self.tabs.values()) if tab == self.tab), 0)
        self.focus = Focus(self, [*self.tabs, *([text_box] if text_box is not None else []), self.close],
                           start=start)

    def paint(self, surface: pygame.Surface) -> None:
        palette = self.app.palette
        surface.fill(palette.paper)
        model = self.game.scenario.model
        labels = ["start", *[short_date(turn.date) for turn in model.turns]]
        charts = [Chart(meter.label, [
            Series(self.a.label, [meter.start, *[r[m] for r in self.a.meters_by_turn]], palette.series[0], "solid",
                   "circle"),
            Series(self.b.label, [meter.start, *[r[m] for r in self.b.meters_by_turn]], palette.series[1], "dashed",
                   "triangle"),
        ], (meter.min, meter.max)) for m, meter in enumerate(model.meters)]
        draw_small_multiples(surface, surface.get_rect(), charts, labels, palette, self.app.px(12))

    def decisions_html(self) -> str:
        model = self.game.scenario.model
        split = divergence(self.a, self.b)
        lines = []
        for index in range(max(len(self.a.decisions), len(self.b.decisions))):
            first = self.a.decisions[index] if index < len(self.a.decisions) else None
            second = self.b.decisions[index] if index < len(self.b.decisions) else None
            shown = first or second
            assert shown is not None
            date = model.turns[shown.turn].date_label or model.turns[shown.turn].date
            left = rich.escape(first.event.options[first.option].label) if first else "—"
            right = rich.escape(second.event.options[second.option].label) if second else "—"
            marker = f" <b>{t('compare.parted')}</b>" if index == split else ""
            same = first is not None and second is not None and first.event.id == second.event.id \
                and first.option == second.option
            lines.append(f"<b>{index + 1}. {rich.escape(date)}: {rich.escape(shown.event.title)}</b>{marker}<br>"
                         + (f"{t('compare.both')}: {left}" if same else
                            f"{rich.escape(self.a.label)}: {left}<br>{rich.escape(self.b.label)}: {right}"))
        return "<br><br>".join(lines) or "—"

    def differences_html(self) -> str:
        found = differences(self.a, self.b)
        if not found:
            return t("compare.no_difference")
        labels = {m.id: m.label for m in self.game.scenario.model.meters}
        lines = [t("compare.differences_intro")]
        for diff in found:
            side = self.a if diff.side == "a" else self.b
            entry = diff.entry
            sign = "+" if entry.delta > 0 else "−"
            lines.append(f"<b>{rich.escape(side.label)}</b>: {rich.escape(labels[entry.meter])} {sign}"
                         f"{abs(entry.delta):.0f}, {rich.escape(explain.why(side.session, entry))}")
        return "<br>".join(lines)

    def on_ui(self, event: pygame.event.Event) -> None:
        if self.closing(event) or event.type != pygame_gui.UI_BUTTON_PRESSED:
            return
        if event.ui_element in self.tabs:
            self.tab = self.tabs[event.ui_element]
            self.rebuild()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if self.focus is not None and self.focus.handle(event):
            return True
        if self.text is not None and event.key in SCROLL_KEYS and scroll(self.text, event.key):
            return True  # the text scrolls wherever the focus is
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            step = -1 if event.key == pygame.K_LEFT else 1
            self.tab = TABS[(TABS.index(self.tab) + step) % len(TABS)]
            self.rebuild()
            return True
        return super().handle(event)
