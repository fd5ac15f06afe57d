"""Help (F1): the keys, what the marks on the meters and the timeline mean, and the scenario's glossary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pygame

from partnership_game.scenario.models import GlossaryTerm
from partnership_game.ui import rich
from partnership_game.ui.screen import TextDialog
from partnership_game.ui.strings import t

# Every mark the meters and the timeline draw, in the order the eye meets them (hover or focus on a mark on the
# turn screen tells the same about that one mark).
LEGEND = ("fill", "change", "ticks", "diamond", "ghost", "trend", "history_line", "current", "future", "same",
          "other", "fork", "tree")


class HelpScreen(TextDialog):
    width_share = 0.66
    height_share = 0.8
    button_key = "help.close"
    close_keys = (pygame.K_ESCAPE, pygame.K_F1, pygame.K_RETURN, pygame.K_KP_ENTER)

    def __init__(self, app: Any, glossary: Sequence[GlossaryTerm] = ()) -> None:
        super().__init__(app)
        self.glossary = glossary

    def enter(self) -> None:
        self.app.sound.play("page")
        super().enter()

    def build(self) -> None:
        super().build()
        self.app.call("guide.add_tour_button", self)  # the guided tour of the turn screen, when a turn is under Help

    def on_ui(self, event: pygame.event.Event) -> None:
        if not self.app.call("guide.tour_pressed", self, event):
            super().on_ui(event)

    def html(self) -> str:
        parts = [
            f"<font pixel_size={self.app.px(22)}><b>{t('help.heading')}</b></font>",
            f"<b>{t('help.keys')}</b><br>{t('help.keylist')}",
            f"<b>{t('help.legend')}</b><br>" + "<br>".join(f"• {t('help.legend.' + k)}" for k in LEGEND),
        ]
        if self.glossary:
            entries = [
                f"<b>{rich.escape(g.term)}</b>: {rich.escape(g.text)}"
                for g in sorted(self.glossary, key=lambda g: g.term.lower())
            ]
            parts.append(f"<b>{t('help.glossary')}</b><br>" + "<br>".join(entries))
        return "<br><br>".join(parts)
