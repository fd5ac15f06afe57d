"""The briefing: the scenario's setting, read before the first turn."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.scenario import LoadedScenario
from partnership_game.ui import drawing, fitting, rich
from partnership_game.ui.glossary import GlossaryTips
from partnership_game.ui.screen import SCROLL_KEYS, Focus, Screen, scroll
from partnership_game.ui.strings import t
from partnership_game.ui.views import long_date


def _date(iso: str) -> str:
    """"Sep 11, 2001" for a full ISO date; anything else as the scenario wrote it."""
    parts = iso.split("-")
    return long_date(iso) if len(parts) == 3 and all(p.isdigit() for p in parts) else iso


class BriefingScreen(Screen):
    def __init__(self, app: Any, scenario: LoadedScenario) -> None:
        super().__init__(app)
        self.scenario = scenario

    def sheet(self) -> pygame.Rect:
        w, h = self.app.size
        width = min(w - 2 * self.app.px(30), self.app.px(980))
        return pygame.Rect((w - width) // 2, self.app.px(30), width, h - 2 * self.app.px(30))

    def build(self) -> None:
        sheet = self.sheet()
        pad = self.app.px(24)
        row = self.app.px(44)
        model = self.scenario.model
        body = rich.link_glossary(rich.escape(model.briefing or model.description), model.glossary)
        self.box = self.add(
            pygame_gui.elements.UITextBox(
                body,
                pygame.Rect(
                    sheet.left + pad,
                    sheet.top + self.app.px(120),
                    sheet.width - 2 * pad,
                    sheet.height - self.app.px(120) - 2 * pad - row,
                ),
                self.app.manager,
                object_id=ObjectID(object_id="#briefing"),
            )
        )
        width = self.app.px(180)
        self.begin_button = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(sheet.right - pad - width, sheet.bottom - pad - row, width, row),
                t("briefing.begin"),
                self.app.manager,
                object_id=ObjectID(class_id="@primary", object_id="#begin"),
            )
        )
        self.back_button = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(sheet.left + pad, sheet.bottom - pad - row, self.app.px(140), row),
                t("briefing.back"),
                self.app.manager,
                object_id=ObjectID(object_id="#back"),
            )
        )
        self.focus = Focus(self, [self.box, self.begin_button, self.back_button])
        if getattr(self, "tips", None) is not None:
            self.tips.clear()  # a rebuild: the old boxes' tip goes with them
        self.tips = GlossaryTips(self, model.glossary, [self.box])

    def draw(self, surface: pygame.Surface) -> None:
        palette = self.app.palette
        sheet = self.sheet()
        drawing.paper(surface, sheet, palette)
        model = self.scenario.model
        first, last = model.turns[0], model.turns[-1]
        stamp = pygame.Rect(
            sheet.right - self.app.px(24) - self.app.px(230),
            sheet.top + self.app.px(22),
            self.app.px(230),
            self.app.px(60),
        )
        drawing.stamp(surface, stamp, ["Briefing", f"{_date(first.date)} – {_date(last.date)}"], palette,
                      self.app.px(14))
        title = drawing.fit(model.title, self.app.px(28), stamp.left - sheet.left - self.app.px(48), bold=True)
        drawing.text(
            surface,
            (sheet.left + self.app.px(24), sheet.top + self.app.px(26)),
            title,
            self.app.px(28),
            palette.ink,
            bold=True,
        )
        roles = ", ".join(r.label for r in model.roles)
        drawing.text(
            surface,
            (sheet.left + self.app.px(24), sheet.top + self.app.px(72)),
            drawing.fit(f"You play: {roles}", self.app.px(15), stamp.left - sheet.left - self.app.px(48)),
            self.app.px(15),
            palette.ink_soft,
        )
        drawing.rule(
            surface,
            (sheet.left + self.app.px(24), sheet.top + self.app.px(108)),
            (sheet.right - self.app.px(24), sheet.top + self.app.px(108)),
            palette,
        )
        # The keys, between Back and Begin.
        left, right = self.back_button.rect.right + self.app.px(12), self.begin_button.rect.left - self.app.px(12)
        keys = fitting.hint_line(t("briefing.keys"), self.app.px(13), max(right - left, 1))
        if keys:  # the hints that do not fit are in Help (F1)
            drawing.text(surface, ((left + right) // 2, self.begin_button.rect.centery), keys, self.app.px(13),
                         palette.ink_soft, anchor="center")

    def begin(self) -> None:
        app = self.app
        classroom = app.lesson.model if app.lesson is not None else None
        # Issue 16: who plays which side, before the game, unless a class file seats the sides.
        seats_chosen_here = not app.call("sides_flow.class_seats_sides", app, self.scenario)
        if app.call("sides_choice.two_sided", self.scenario) and seats_chosen_here:
            app.open_alone("sides_choice", self.scenario)
            return
        if classroom is not None and classroom.ask_name:
            app.open("name", on_result=lambda name: name and self.start(name))
        else:
            self.start(None)

    def start(self, player: str | None) -> None:
        app = self.app
        app.sound.play("decide")  # the dossier opens
        if app.call("sides_choice.two_sided", self.scenario):  # issue 16: the class file's seats (the side choice
            app.call("sides_flow.start_seated", app, self.scenario, None, player)  # comes before otherwise)
            return
        game = app.call("classroom.new_game", app, self.scenario, player)  # a class game when a class is in force
        game.autosave()
        app.open_alone("turn", game)
        app.call("guide.offer", app)  # the first game offers the guided first turn

    def update(self, dt: float) -> None:
        self.tips.update()

    def leave(self) -> None:
        self.tips.clear()
        super().leave()

    def on_ui(self, event: pygame.event.Event) -> None:
        if self.tips.on_ui(event):
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.begin_button:
                self.begin()
            elif event.ui_element is self.back_button:
                self.app.open_alone("picker")

    def handle(self, event: pygame.event.Event) -> bool:
        if self.tips.handle(event) or self.focus.handle(event):
            return True
        if event.type == pygame.KEYDOWN and event.key in SCROLL_KEYS and scroll(self.box, event.key):
            return True  # the briefing reads to its end wherever the focus is
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.begin()
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.open_alone("picker")
            return True
        return False
