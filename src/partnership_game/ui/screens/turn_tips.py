"""The turn screen's explanations on hover and focus: a legend for a meter or timeline symbol, a glossary term."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.session import texts
from partnership_game.ui import rich
from partnership_game.ui.focus import Focus
from partnership_game.ui.game import Game
from partnership_game.ui.screens.event_title import EventTitle
from partnership_game.ui.screens.turn_legend import mark_legend, meter_hit, meter_legend
from partnership_game.ui.views import date_text, timeline_marks


class TurnTips:
    """Mixed into TurnScreen: which legend or term shows, and its tooltip's life."""

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
    meter_hits: list[tuple[pygame.Rect, int]]
    meters_area: Any
    timeline_area: Any
    story_box: Any
    tooltip: Any
    tooltip_term: int | None
    legend_tip: Any
    legend_key: object
    event_title: EventTitle

    if TYPE_CHECKING:  # provided by TurnScreen; declared for the type checker only

        def _focused(self) -> Any: ...

        def _history_shown(self) -> bool: ...

        def _meter_views(self) -> list[Any]: ...

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

    # ---- glossary terms and the tooltips' end ---------------------------------------------------------------

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
