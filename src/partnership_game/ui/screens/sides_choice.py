"""Choosing sides for a new game of a scenario with two or more roles: one side against the computer, or two
players at one screen."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.inert import inert_line
from partnership_game.scenario import LoadedScenario
from partnership_game.scenario.sides import Sides, Temperament
from partnership_game.session.limits import MAX_PLAYER_CHARS
from partnership_game.session.seating import Seating, SeatingError, hotseat, solo
from partnership_game.session.texts import in_sentence
from partnership_game.ui import drawing, fitting, rich
from partnership_game.ui.focus import Focus
from partnership_game.ui.screen import Screen
from partnership_game.ui.strings import t


def two_sided(scenario: LoadedScenario) -> bool:
    """A scenario of sides (format 2, two roles or more). A format-1 file with several roles plays as it always
    has, one player taking every role's decisions, so its games and pictures stay as they were."""
    sides = scenario.compiled.sides
    return sides.format_version >= 2 and len(sides.roles) >= 2


def shared_temperaments(sides: Sides, mine: int) -> list[Temperament]:
    """The temperaments every other side has (the computer plays them all in the one chosen), in the first other
    side's order."""
    others = [r.index for r in sides.roles if r.index != mine]
    if not others:
        return []
    common = set.intersection(*({tp.id for tp in sides.temperaments_of(r)} for r in others))
    return [tp for tp in sides.temperaments_of(others[0]) if tp.id in common]


class SidesChoiceScreen(Screen):
    """Modes in a list (each side, then two players); the other side's temperament, or the players' names."""

    def __init__(self, app: Any, scenario: LoadedScenario, seed: int | None = None) -> None:
        super().__init__(app)
        self.scenario = scenario
        self.seed = seed
        self.sides = scenario.compiled.sides
        self.mode = 0  # a role index, or len(roles): two players
        self.temperament = 0
        self.names: dict[int, str] = {}
        self.error = ""

    # ---- what is offered -----------------------------------------------------------------------------------

    def modes(self) -> list[str]:
        modes = [t("sides.play_as", label=inert_line(in_sentence(r.label))) for r in self.sides.roles]
        return [*modes, t("sides.hotseat")]

    @property
    def hot(self) -> bool:
        return self.mode >= len(self.sides.roles)

    def temperaments(self) -> list[Temperament]:
        return [] if self.hot else shared_temperaments(self.sides, self.mode)

    def other_label(self) -> str:
        return " / ".join(inert_line(r.label) for r in self.sides.roles if r.index != self.mode)

    def caption(self) -> str:
        return t("sides.names") if self.hot else t("sides.temperament", label=self.other_label())

    def describe(self) -> str:
        choices = self.temperaments()
        if not choices:
            return ""
        chosen = choices[min(self.temperament, len(choices) - 1)]
        return f"<b>{rich.escape(inert_line(chosen.label))}</b><br>{rich.escape(inert_line(chosen.description or ''))}"

    # ---- layout --------------------------------------------------------------------------------------------

    def sheet(self) -> pygame.Rect:
        w, h = self.app.size
        m = self.app.px(30)
        return pygame.Rect(m, m, w - 2 * m, h - 2 * m)

    def build(self) -> None:
        sheet = self.sheet()
        pad, row = self.app.px(24), self.app.px(44)
        manager = self.app.manager
        top = sheet.top + self.app.px(70)
        bottom = sheet.bottom - 2 * pad - row
        list_w = int(sheet.width * 0.4)
        modes = self.modes()
        self.mode_list = self.add(pygame_gui.elements.UISelectionList(
            pygame.Rect(sheet.left + pad, top, list_w, bottom - top), modes, manager,
            object_id=ObjectID(object_id="#side_modes"), default_selection=modes[self.mode]))
        right = pygame.Rect(sheet.left + 2 * pad + list_w, top, sheet.width - 3 * pad - list_w, bottom - top)
        self.right = right
        items: list[Any] = [self.mode_list]
        self.temper_list = self.temper_box = None
        self.entries: dict[int, Any] = {}
        caption = drawing.wrapped_height(self.caption(), self.app.px(15), right.width, bold=True) + self.app.px(8)
        if not self.hot:
            labels = [inert_line(tp.label) for tp in self.temperaments()]
            half = (right.height - caption) // 2
            if labels:
                self.temper_list = self.add(pygame_gui.elements.UISelectionList(
                    pygame.Rect(right.left, right.top + caption, right.width, half), labels, manager,
                    object_id=ObjectID(object_id="#temperaments"),
                    default_selection=labels[min(self.temperament, len(labels) - 1)]))
                self.temper_box = self.add(pygame_gui.elements.UITextBox(
                    self.describe(), pygame.Rect(right.left, right.top + caption + half + self.app.px(8),
                                                 right.width, right.height - caption - half - self.app.px(8)),
                    manager, object_id=ObjectID(object_id="#temperament_detail")))
                items += [self.temper_list, self.temper_box]
        else:
            y = right.top + caption
            for role in self.sides.roles:
                y += self.app.px(24)
                entry = self.add(pygame_gui.elements.UITextEntryLine(
                    pygame.Rect(right.left, y, right.width, self.app.px(40)), manager,
                    object_id=ObjectID(object_id=f"#name_{role.id}")))
                entry.set_text_length_limit(MAX_PLAYER_CHARS)
                entry.set_text(self.names.get(role.index, ""))
                self.entries[role.index] = entry
                items.append(entry)
                y += self.app.px(52)
        width = self.app.px(180)
        self.start = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(sheet.right - pad - width, sheet.bottom - pad - row, width, row), t("sides.start"), manager,
            object_id=ObjectID(class_id="@primary", object_id="#start")))
        self.back = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(sheet.left + pad, sheet.bottom - pad - row, self.app.px(140), row), t("sides.back"),
            manager, object_id=ObjectID(object_id="#back")))
        self.focus = Focus(self, [*items, self.start, self.back])

    def draw(self, surface: pygame.Surface) -> None:
        palette = self.app.palette
        px = self.app.px
        sheet = self.sheet()
        drawing.paper(surface, sheet, palette)
        drawing.text(surface, (sheet.left + px(24), sheet.top + px(22)),
                     drawing.fit(t("sides.heading"), px(24), sheet.width - px(48), True), px(24), palette.ink,
                     bold=True)
        right = self.right
        drawing.wrapped(surface, pygame.Rect(right.left, right.top, right.width, px(60)), self.caption(), px(15),
                        palette.ink, bold=True)
        for role in self.sides.roles if self.hot else ():
            entry = self.entries[role.index]
            drawing.text(surface, (right.left, entry.rect.top - px(22)),
                         drawing.fit(inert_line(role.label), px(14), right.width), px(14), palette.ink_soft)
        left, right_x = self.back.rect.right + px(12), self.start.rect.left - px(12)
        keys = fitting.hint_line(t("sides.keys"), px(13), max(right_x - left, 1))
        if keys:
            drawing.text(surface, ((left + right_x) // 2, self.start.rect.centery), keys, px(13), palette.ink_soft,
                         anchor="center")
        if self.error:
            drawing.text(surface, (sheet.left + px(24), self.start.rect.top - px(22)),
                         drawing.fit(self.error, px(13), sheet.width - px(48)), px(13), palette.bad)

    # ---- choosing ------------------------------------------------------------------------------------------

    def _keep_names(self) -> None:
        for role, entry in self.entries.items():
            self.names[role] = " ".join(entry.get_text().split())

    def set_mode(self, mode: int) -> None:
        self._keep_names()
        self.mode = mode % len(self.modes())
        self.temperament = 0
        self.app.sound.play("choose")
        self.rebuild()

    def seating(self) -> Seating:
        self._keep_names()
        if self.hot:
            return hotseat(self.sides, {self.sides.roles[r].id: n for r, n in self.names.items() if n})
        choices = self.temperaments()
        temperament = choices[min(self.temperament, len(choices) - 1)].id if choices else "historical"
        return solo(self.sides, side=self.sides.roles[self.mode].id, temperament=temperament)

    def begin(self) -> None:
        try:
            seating = self.seating()
        except SeatingError as exc:
            self.error = str(exc)
            self.app.dirty = True
            return
        self.app.sound.play("decide")
        # A class's game when one is in force on this scenario.
        self.app.call("sides_flow.start_seated", self.app, self.scenario, seating, seed=self.seed)

    def go_back(self) -> None:
        self.app.open_alone("briefing", self.scenario)

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION:
            if event.ui_element is self.mode_list and event.text in self.modes():
                index = self.modes().index(event.text)
                if index != self.mode:
                    self.set_mode(index)
            elif event.ui_element is self.temper_list:
                labels = [inert_line(tp.label) for tp in self.temperaments()]
                if event.text in labels:
                    self.temperament = labels.index(event.text)
                    if self.temper_box is not None:
                        self.temper_box.set_text(self.describe())
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.start:
                self.begin()
            elif event.ui_element is self.back:
                self.go_back()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        current = self.focus.current
        if current is self.mode_list and event.key in (pygame.K_DOWN, pygame.K_UP):
            self.set_mode(self.mode + (1 if event.key == pygame.K_DOWN else -1))
            return True
        if current is self.temper_list and event.key in (pygame.K_DOWN, pygame.K_UP):
            count = len(self.temperaments())
            self.temperament = (self.temperament + (1 if event.key == pygame.K_DOWN else -1)) % count
            self.rebuild()
            self.focus.focus(self.temper_list)
            return True
        if self.focus.handle(event):
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.begin()
            return True
        if event.key == pygame.K_ESCAPE:
            self.go_back()
            return True
        return False
