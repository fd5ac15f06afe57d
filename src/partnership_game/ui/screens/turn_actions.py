"""What the turn screen's keys and buttons do: decide, step back, go to a date, open the dialogs, reload."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.ui import rich
from partnership_game.ui.screens import turn_text
from partnership_game.ui.sound import tension_of
from partnership_game.ui.strings import t
from partnership_game.ui.views import date_text, meter_views


class TurnActions:
    """Mixed into TurnScreen: the actions, apart from layout and drawing."""

    app: Any
    game: Any
    selected: int | None
    hovered: int | None
    status: str
    card_rects: list[pygame.Rect]
    last_click: tuple[float, int]
    event_title: Any
    term_tip: Any = None

    if TYPE_CHECKING:  # provided by TurnScreen and Screen; declared for the type checker only

        def rebuild(self) -> None: ...

        def start_motion(self, before: dict[str, float]) -> None: ...

        def add(self, element: Any) -> Any: ...

    def set_mood(self) -> None:
        """The ambient bed follows the state of play: tenser the further the meters have gone the bad way."""
        self.app.sound.set_tension(tension_of(meter_views(self.game)))

    def _say(self, status: str) -> None:
        self.status = status
        self.app.dirty = True

    def reload(self) -> None:
        """F5: the scenario again from disk, for authors; a broken edit shows its errors and changes nothing."""
        from partnership_game.scenario import ScenarioError
        try:
            self.status = self.game.reload()
        except ScenarioError as exc:
            lines = [d.format() for d in exc.diagnostics[:10]]
            more = len(exc.diagnostics) - 10
            if more > 0:
                lines.append(f"... and {more} more")
            self.app.open("message", t("reload.failed"), "\n".join(lines))
            return
        self.selected = self.hovered = None
        self.rebuild()

    def open_branches(self) -> None:
        self.app.open("branches", self.game, on_result=self._after_modal)

    def open_odds(self) -> None:
        if not self.game.shows("odds"):
            self._say(t("odds.hidden"))
            return
        self.app.open("odds", self.game)

    def decide(self) -> None:
        session = self.game.session
        if self.game.reviewing:
            # Looking back in a look-only class: Decide returns to where the game stands.
            self.game.return_to_present()
            self.app.sound.play("page")
            self.status = ""
            self.selected = None
            self.rebuild()
            return
        if self.selected is None:
            self._say(t("turn.pick_first", count=len(self.card_rects)))
            return
        if not session.available()[self.selected]:
            self._say(t("turn.unavailable", reason=turn_text.unavailable_reason(self.game, self.selected)))
            return
        before = {k: float(v) for k, v in session.meters().items()}
        entries = self.game.choose(self.selected)
        if self.game.refused:  # the save is full and this choice would open a new branch
            self._say(self.game.refused)
            return
        self.last_click = (0.0, -1)  # a click on the next turn's card is a new click, not the second of a double
        self.app.sound.play("decide")
        self.app.open("consequences", self.game, entries,
                      on_result=lambda _: self.after_consequences(before))

    def after_consequences(self, before: dict[str, float] | None = None) -> None:
        if self.game.session.stopped:
            self.app.open_alone("debrief", self.game)
            return
        # The screen was already laid out for the new decision while the dialog was open (see update).
        self.selected = None
        self.hovered = None
        self.status = t("status.branch") if self.game.opened_branch else ""
        if before is not None:
            self.start_motion(before)  # the story of the numbers: the bars move to where the decision left them
        if self.game.session.pending is not None:
            # A random event asks the next decision as news (the teleprinter); otherwise the page turns.
            self.app.sound.play("news" if self.event_title.is_news() else "page")
            self.set_mood()
        self.app.dirty = True

    def step_back(self) -> None:
        if self.game.back():
            self.app.sound.play("page")
            turn = self.game.session.scenario.model.turns[self.game.session.state.turn]
            self.status = t("status.back", date=date_text(self.game, turn))
            self.selected = None
            self.rebuild()
        else:
            session = self.game.session
            current = session.timeline.current
            refusal = session.refusal(session.timeline.nodes[current].parent) if current is not None else None
            self._say(refusal or (t("turn.rollback_off") if self.game.rollback_mode == "off" else t("status.at_start")))

    def go_to_turn(self, turn: int) -> None:
        if self.game.go_to_turn(turn):
            self.app.sound.play("page")
            model_turn = self.game.session.scenario.model.turns[turn]
            self.status = t("status.back", date=date_text(self.game, model_turn))
            self.selected = None
            self.rebuild()

    def open_menu(self) -> None:
        self.app.open("menu", self.game, on_result=self._after_modal)

    def open_save(self) -> None:
        self.app.open("save", self.game)

    def open_help(self) -> None:
        self.app.open("help", self.game.scenario.model.glossary)

    def _after_modal(self, result: Any) -> None:
        if result == "rebuild":
            # The game may now stand at another decision, with fewer options: nothing is selected there yet.
            self.selected = self.hovered = None
            self.rebuild()

    def show_term(self, index: int) -> None:
        """A clicked glossary term: its explanation stays up beside the pointer until the next click or key."""
        glossary = self.game.scenario.model.glossary
        if not 0 <= index < len(glossary):
            return
        self.close_term()
        entry = glossary[index]
        tip = pygame_gui.elements.UITooltip(
            f"<b>{rich.escape(entry.term)}</b><br>{rich.escape(entry.text)}", (0, self.app.px(18)), self.app.manager,
            object_id=ObjectID(object_id="#glossary_term"))
        tip.find_valid_position(pygame.math.Vector2(pygame.mouse.get_pos()))
        self.term_tip = self.add(tip)
        self.add(tip.text_block)
        self.app.dirty = True

    def close_term(self) -> None:
        if self.term_tip is not None:
            self.term_tip.kill()
            self.term_tip = None
            self.app.dirty = True
