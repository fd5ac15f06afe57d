"""Consequences: after a decision, what changed and why, and the news that broke before the next decision."""

from __future__ import annotations

from typing import Any

from partnership_game.engine import LedgerEntry
from partnership_game.session import explain, texts
from partnership_game.ui import rich
from partnership_game.ui.game import Game
from partnership_game.ui.screen import TextDialog
from partnership_game.ui.strings import t


def _signed(value: float) -> str:
    number = f"{abs(value):.0f}" if abs(value - round(value)) < 0.05 else f"{abs(value):.1f}"
    return f"+{number}" if value > 0 else (f"−{number}" if value < 0 else "±0")


class ConsequencesScreen(TextDialog):
    width_share = 0.62
    height_share = 0.7

    def __init__(self, app: Any, game: Game, entries: list[LedgerEntry]) -> None:
        super().__init__(app)
        self.game = game
        self.entries = entries
        self.button_key = "consequences.ending" if game.session.over else "consequences.continue"

    def html(self) -> str:
        session = self.game.session
        parts = [f"<font pixel_size={self.app.px(22)}><b>{t('consequences.heading')}</b></font>"]
        changes = explain.changes(session, self.entries)
        if changes:
            lines = [
                f"<b>{rich.escape(c.meter_label)} {_signed(c.delta)}</b> (now {c.after:.0f}): "
                f"{rich.escape(c.why)} <i>({rich.escape(c.date)})</i>"
                for c in changes
            ]
            parts.append("<br>".join(lines))
        else:
            parts.append(t("consequences.none"))
        for event in explain.news(session, self.entries):
            if event.model is not None:
                parts.append(
                    f"<b>{t('consequences.news')}: {rich.escape(event.title)}</b><br>"
                    + rich.escape(texts.shown(session, event.model.situation))
                )
        if self.game.last_autosave_error:
            parts.append(f"<i>{rich.escape(t('save.failed', reason=self.game.last_autosave_error))}</i>")
        return "<br><br>".join(parts)
