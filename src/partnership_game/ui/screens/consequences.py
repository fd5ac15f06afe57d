"""Consequences: after a decision, what changed and why, and the news that broke before the next decision."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.engine import LedgerEntry
from partnership_game.session import explain
from partnership_game.ui import rich
from partnership_game.ui.game import Game
from partnership_game.ui.screen import ModalScreen
from partnership_game.ui.strings import t


def _signed(value: float) -> str:
    number = f"{abs(value):.0f}" if abs(value - round(value)) < 0.05 else f"{abs(value):.1f}"
    return f"+{number}" if value > 0 else (f"−{number}" if value < 0 else "±0")


class ConsequencesScreen(ModalScreen):
    width_share = 0.62
    height_share = 0.7

    def __init__(self, app: Any, game: Game, entries: list[LedgerEntry]) -> None:
        super().__init__(app)
        self.game = game
        self.entries = entries

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
                    + rich.escape(event.model.situation)
                )
        if self.game.last_autosave_error:
            parts.append(f"<i>{rich.escape(t('save.failed', reason=self.game.last_autosave_error))}</i>")
        return "<br><br>".join(parts)

    def build(self) -> None:
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad = self.app.px(14)
        button_h = self.app.px(44)
        self.box = self.add(
            pygame_gui.elements.UITextBox(
                self.html(),
                pygame.Rect(pad, pad, rect.width - 2 * pad, rect.height - 3 * pad - button_h),
                self.app.manager,
                container=panel,
                object_id=ObjectID(object_id="#consequences"),
            )
        )
        label = t("consequences.ending") if self.game.session.over else t("consequences.continue")
        width = self.app.px(220)
        self.button = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(rect.width - pad - width, rect.height - pad - button_h, width, button_h),
                label,
                self.app.manager,
                container=panel,
                object_id=ObjectID(class_id="@primary", object_id="#continue"),
            )
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (
            pygame.K_RETURN,
            pygame.K_KP_ENTER,
            pygame.K_ESCAPE,
            pygame.K_SPACE,
        ):
            self.dismiss(None)
            return True
        return False

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.button:
            self.dismiss(None)
