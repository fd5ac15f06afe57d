"""The debrief: the ending and its epilogue, the meters against history, the path taken, the sources, questions."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.classroom.ending import lesson_end_words, reached_turn, set_by_class
from partnership_game.classroom.ending import questions as class_questions
from partnership_game.session import explain, texts
from partnership_game.session.why import explain_ending, missed_sentence
from partnership_game.session.why import number as figure
from partnership_game.ui import drawing, fitting, rich
from partnership_game.ui.game import Game
from partnership_game.ui.glossary import GlossaryTips
from partnership_game.ui.screen import SCROLL_KEYS, Focus, Screen, scroll
from partnership_game.ui.sides_debrief import hotseat_count, tallies, verdict_parts
from partnership_game.ui.strings import t
from partnership_game.ui.views import news_words, short_date
from partnership_game.ui.widgets.chart import Series
from partnership_game.ui.widgets.chart_grid import Chart, draw_small_multiples

TABS = ("ending", "charts", "path", "sources", "questions")


def _signed(delta: float) -> str:
    return f"{'+' if delta > 0 else '−'}{figure(abs(delta))}"


class DebriefScreen(Screen):
    def __init__(self, app: Any, game: Game, tab: str = "ending") -> None:
        super().__init__(app)
        self.game = game
        self.tab = tab
        self.tab_buttons: dict[Any, str] = {}

    def sheet(self) -> pygame.Rect:
        w, h = self.app.size
        m = self.app.px(16)
        return pygame.Rect(m, m, w - 2 * m, h - 2 * m)

    def content(self) -> pygame.Rect:
        sheet = self.sheet()
        top = sheet.top + self.app.px(112)
        return pygame.Rect(
            sheet.left + self.app.px(20), top, sheet.width - self.app.px(40), sheet.bottom - top - self.app.px(70)
        )

    def build(self) -> None:
        sheet = self.sheet()
        manager = self.app.manager
        x = sheet.left + self.app.px(20)
        self.tab_buttons = {}
        for tab in TABS:
            label = t(f"debrief.tab.{tab}")
            width = drawing.rendered(label, self.app.px(16), (0, 0, 0), True).get_width() + self.app.px(36)
            button = self.add(
                pygame_gui.elements.UIButton(
                    pygame.Rect(x, sheet.top + self.app.px(64), width, self.app.px(38)),
                    label,
                    manager,
                    object_id=ObjectID(class_id="@primary" if tab == self.tab else None, object_id=f"#tab_{tab}"),
                )
            )
            self.tab_buttons[button] = tab
            x += width + self.app.px(8)
        self.box = None
        if self.tab != "charts":
            self.box = self.add(
                pygame_gui.elements.UITextBox(
                    self.html(), self.content(), manager, object_id=ObjectID(object_id=f"#debrief_{self.tab}")
                )
            )
        row = self.app.px(42)
        width = self.app.px(220)
        self.export_button = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(sheet.right - self.app.px(28) - 2 * width, sheet.bottom - self.app.px(14) - row, width, row),
            t("debrief.export"), manager, object_id=ObjectID(object_id="#export"), tool_tip_text="E"))
        self.title_button = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(sheet.right - self.app.px(20) - width, sheet.bottom - self.app.px(14) - row, width, row),
                t("debrief.title"),
                manager,
                object_id=ObjectID(object_id="#to_title"),
            )
        )
        # Tab moves among the tabs, the text and the buttons (Left/Right still turn the tabs).
        tab_buttons = list(self.tab_buttons)
        start = TABS.index(self.tab) if self.box is None else len(tab_buttons)
        self.focus = Focus(self, [*tab_buttons, *([self.box] if self.box else []), self.export_button,
                                  self.title_button], start=start)
        if getattr(self, "tips", None) is not None:
            self.tips.clear()
        self.tips = GlossaryTips(self, self.game.scenario.model.glossary, [self.box] if self.box else [])

    # ---- the tabs' text ------------------------------------------------------------------------------------

    def html(self) -> str:
        return {
            "ending": self.ending_html,
            "path": self.path_html,
            "sources": self.sources_html,
            "questions": self.questions_html,
        }[self.tab]()

    def ending_html(self) -> str:
        session = self.game.session
        ending = session.ending
        if ending is None:  # a lesson that stops before the campaign's end: the turns played, no ending
            parts = [f"<font pixel_size={self.app.px(28)}><b>{t('class.lesson_end_heading')}</b></font>",
                     rich.escape(lesson_end_words(session))]
        else:
            model = next(e for e in session.scenario.model.endings if e.id == ending.id)
            parts = [f"<font pixel_size={self.app.px(28)}><b>{rich.escape(model.title)}</b></font>"]
            if model.historical:
                parts.append(f"<i>{t('debrief.historical')}</i>")
            parts.append(rich.link_glossary(rich.escape(texts.shown(session, model.text)),
                                            session.scenario.model.glossary))
            parts += verdict_parts(self.game, self.app.px(22))  # issue 16: each side's verdict (none in format 1)
            parts += self.why_html()
        parts.append(self.count_html())
        parts.append(f"<i>Seed {session.seed}</i>")
        return "<br><br>".join(parts)

    def why_html(self) -> list[str]:
        """Why the game ended so: the condition met with this game's values, the nearest ending missed and what it
        needed, and the decisions that moved those meters most (all read from the scenario's own conditions)."""
        why = explain_ending(self.game.session)
        if why.reached is None:
            return []
        parts = [f"<font pixel_size={self.app.px(20)}><b>{t('debrief.why')}</b></font>"]
        if why.reached.reasons:
            parts.append(f"<b>{t('debrief.reached_with')}</b><br>"
                         + "<br>".join(f"• {rich.escape(r.met)}" for r in why.reached.reasons))
        else:
            parts.append(t("debrief.fallback"))
        if why.missed is not None:
            parts.append(f"<b>{t('debrief.nearest')}:</b> {rich.escape(missed_sentence(why.missed))}")
        if why.movers:
            lines = []
            for n, mover in enumerate(why.movers, 1):
                moved = ", ".join(f"{rich.escape(label)} {_signed(delta)}" for label, delta in mover.changes)
                lines.append(f"{n}. {rich.escape(mover.date)}, {rich.escape(mover.event_title)}: "
                             f"<b>“{rich.escape(mover.option_label)}”</b> ({moved})")
            parts.append(f"<b>{t('debrief.movers')}:</b><br>" + "<br>".join(lines))
        return parts

    def count_html(self) -> str:
        """Decisions counted as on every screen: those taken on this branch; a difference from history only where
        history's choice is known (an event with no option marked historical is not counted either way)."""
        session = self.game.session
        # Decisions set by the class before its start (history's) are not the students': not counted (issue 13).
        floor = set_by_class(session)
        own = session.decisions[floor:]
        faced = [d for d in own if d.event.historical_option >= 0]
        taken, differed, total = len(own), sum(1 for d in faced if not d.historical), len(faced)
        people = tallies(self.game, floor)  # issue 16: a person's own decisions, never the counterpart's
        if people is not None and len(people) == 1:
            taken, differed, total = people[0].taken, people[0].differed, people[0].faced
        turns = len(session.scenario.model.turns)
        ended = int(session.state.ended_turn[0])
        played = ended + 1 if 0 <= ended < turns - 1 else turns  # an ending that held at once stops the clock early
        if session.ending is None:
            played = reached_turn(session) + 1  # a lesson stopped at its end
        if session.classroom is not None and session.classroom.lesson.start_turn:
            played -= session.classroom.lesson.start_turn  # the turns the class played, from its start
        news = news_words(session)  # as the turn's header says it (W1b, issue 12)
        if people is not None and len(people) > 1:
            count = hotseat_count(self.game, people, played, turns, news)
            return count + (" " + t("class.set_by_class_note", count=floor) if floor else "")
        count = (t("debrief.count", decisions=taken, turns=turns, news=news) if played == turns else
                 t("debrief.count_early", decisions=taken, played=played, turns=turns, news=news))
        if floor:
            count += " " + t("class.set_by_class_note", count=floor)
        if not total:
            return f"{count} {t('debrief.no_counterpart')}"
        return f"{count} {t('debrief.diverged_count', count=differed, total=total)}"

    def path_html(self) -> str:
        session = self.game.session
        model = session.scenario.model
        lines = []
        for number, decision in enumerate(session.decisions, 1):
            turn = model.turns[decision.turn]
            event = decision.event
            chosen = rich.escape(texts.decision_label(session, number - 1))
            if number <= set_by_class(session):
                verdict = f" <i>({t('class.set_by_class')})</i>"
            elif event.historical_option < 0:
                verdict = ""
            elif decision.historical:
                verdict = f" <i>({t('debrief.same')})</i>"
            else:
                other = rich.escape(event.options[event.historical_option].label)
                # In words, not "≠": the bundled Noto Sans has no glyph for it.
                verdict = f" <b>({t('debrief.differs')})</b> <i>{t('debrief.diverged', option=other)}</i>"
            lines.append(
                f"<b>{number}. {rich.escape(turn.date_label or turn.date)}: {rich.escape(event.title)}</b>"
                f"<br>{chosen}{verdict}"
            )
        return "<br><br>".join(lines) or "—"

    def sources_html(self) -> str:
        session = self.game.session
        blocks = []
        seen: set[str] = set()
        played = [d.event for d in session.decisions] + explain.happenings_fired(session)
        for compiled_event in played:
            event = compiled_event.model
            if event is None or event.id in seen:
                continue
            seen.add(event.id)
            lines = [f"<b>{rich.escape(event.title)}</b> <i>({rich.escape(event.accuracy.replace('_', ' '))})</i>"]
            lines += [rich.escape(s.title) + (f" — {rich.escape(s.url)}" if s.url else "") for s in event.sources]
            lines += [f"<i>Note:</i> {rich.escape(n)}" for n in event.notes]
            blocks.append("<br>".join(lines))
        return "<br><br>".join(blocks) or "—"

    def questions_html(self) -> str:
        questions = class_questions(self.game.session)  # a class's own (of the turns reached), else the scenario's
        return "<br><br>".join(f"{k}. {rich.escape(q)}" for k, q in enumerate(questions, 1)) or "—"

    # ---- drawing -------------------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        palette = self.app.palette
        sheet = self.sheet()
        drawing.paper(surface, sheet, palette)
        ending = self.game.session.ending
        heading = f"{t('debrief.heading')}: {ending.title}" if ending else t("debrief.heading")
        if ending is None and lesson_end_words(self.game.session):
            heading = f"{t('debrief.heading')}: {t('class.lesson_end_heading')}"
        drawing.text(
            surface,
            (sheet.left + self.app.px(20), sheet.top + self.app.px(18)),
            drawing.fit(heading, self.app.px(26), sheet.width - self.app.px(300), bold=True),
            self.app.px(26),
            palette.ink,
            bold=True,
        )
        stamp = pygame.Rect(
            sheet.right - self.app.px(250), sheet.top + self.app.px(12), self.app.px(230), self.app.px(44)
        )
        drawing.stamp(surface, stamp, ["Closed file"], palette, self.app.px(16))
        left = sheet.left + self.app.px(20)
        keys = fitting.hint_line(t("debrief.keys"), self.app.px(13), self.export_button.rect.left - self.app.px(12)
                                 - left)
        if keys:  # the hints that do not fit are in Help (F1)
            drawing.text(surface, (left, self.export_button.rect.centery), keys, self.app.px(13), palette.ink_soft,
                         anchor="midleft")
        if self.tab == "charts":
            self.draw_charts(surface, self.content())

    def draw_charts(self, surface: pygame.Surface, area: pygame.Rect) -> None:
        palette = self.app.palette
        session = self.game.session
        model = session.scenario.model
        history = self.game.history()
        labels = [short_date(turn.date) for turn in model.turns]
        charts = [Chart(meter.label, [
            Series(t("debrief.you"), [meter.start, *[row[m] for row in history]], palette.series[0], "solid",
                   "circle"),
            Series(t("debrief.history"), [meter.start, *[row[m] for row in self.game.ghost]], palette.ghost,
                   "dotted", "square"),
        ], (meter.min, meter.max)) for m, meter in enumerate(model.meters)]
        draw_small_multiples(surface, area, charts, ["start", *labels], palette, self.app.px(12))

    def clock_place(self) -> tuple[int, int]:
        """Where a class's clock stands on the debrief: the right end of the tabs' row, which is free."""
        sheet = self.sheet()
        return sheet.right - self.app.px(20), sheet.top + self.app.px(67)

    # ---- input ---------------------------------------------------------------------------------------------

    def _after_branches(self, result: Any) -> None:
        """Nothing to do here: `update` notices when the game is no longer over."""

    def leave(self) -> None:
        self.tips.clear()
        super().leave()

    def update(self, dt: float) -> None:
        self.tips.update()
        # A step back or a jump to another branch (from the menu or the tree) leaves the ending: play on.
        if not self.game.session.stopped and self.app.top is self:
            # The turn screen, or (two sides) the next side's view.
            self.app.call("sides_flow.play_on", self.app, self.game)

    def export(self) -> None:
        """One key: the printable HTML report and the CSV decision log, into the reports folder."""
        import datetime

        from partnership_game import paths
        from partnership_game.report.single import write_report
        session = self.game.session
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        name = f"{session.scenario.model.id}-{stamp}"
        folder = paths.user_data_dir() / "reports"
        try:
            write_report(session, folder / f"{name}.html", folder / f"{name}.csv")
        except OSError as exc:
            self.app.open("message", t("error.heading"), t("save.failed", reason=exc.strerror or exc))
            return
        self.app.open("message", t("debrief.exported_heading"),
                      t("debrief.exported", html=folder / f"{name}.html", csv=folder / f"{name}.csv"))

    def enter(self) -> None:
        self.app.sound.stop_bed()  # quiet for the discussion
        self.app.sound.play("page")
        super().enter()

    def switch(self, tab: str) -> None:
        if tab != self.tab:
            self.app.sound.play("page")
        self.tab = tab
        self.rebuild()

    def on_ui(self, event: pygame.event.Event) -> None:
        if self.tips.on_ui(event) or event.type != pygame_gui.UI_BUTTON_PRESSED:
            return
        if event.ui_element in self.tab_buttons:
            self.switch(self.tab_buttons[event.ui_element])
        elif event.ui_element is self.export_button:
            self.export()
        elif event.ui_element is self.title_button:
            self.app.open_alone("title")

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        ctrl = bool(event.mod & pygame.KMOD_CTRL)
        index = TABS.index(self.tab)
        if self.tips.handle(event) or self.focus.handle(event):
            return True
        if event.key in SCROLL_KEYS and self.box is not None and scroll(self.box, event.key):
            return True  # the text reads to its end wherever the focus is
        if event.key == pygame.K_RIGHT:
            self.switch(TABS[(index + 1) % len(TABS)])
        elif event.key == pygame.K_LEFT:
            self.switch(TABS[(index - 1) % len(TABS)])
        elif ctrl and event.key == pygame.K_z:
            if self.game.back():
                self.app.call("sides_flow.play_on", self.app, self.game)
        elif event.key == pygame.K_ESCAPE:
            self.app.open("menu", self.game)
        elif event.key == pygame.K_e:
            self.export()
        elif event.key == pygame.K_b:
            self.app.open("branches", self.game, on_result=self._after_branches)
        elif event.key == pygame.K_F1:
            self.app.open("help", self.game.scenario.model.glossary)
        elif ctrl and event.key == pygame.K_s:
            self.app.open("save", self.game)
        else:
            return False
        return True
