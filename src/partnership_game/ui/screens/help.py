"""Help (F1): the keys, and the glossary of the scenario in play."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.scenario.models import GlossaryTerm
from partnership_game.ui import rich
from partnership_game.ui.screen import ModalScreen
from partnership_game.ui.strings import t


class HelpScreen(ModalScreen):
    width_share = 0.66
    height_share = 0.8

    def __init__(self, app: Any, glossary: Sequence[GlossaryTerm] = ()) -> None:
        super().__init__(app)
        self.glossary = glossary

    def html(self) -> str:
        parts = [
            f"<font pixel_size={self.app.px(22)}><b>{t('help.heading')}</b></font>",
            f"<b>{t('help.keys')}</b><br>{t('help.keylist')}",
        ]
        if self.glossary:
            entries = [
                f"<b>{rich.escape(g.term)}</b>: {rich.escape(g.text)}"
                for g in sorted(self.glossary, key=lambda g: g.term.lower())
            ]
            parts.append(f"<b>{t('help.glossary')}</b><br>" + "<br>".join(entries))
        return "<br><br>".join(parts)

    def build(self) -> None:
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad = self.app.px(14)
        button_h = self.app.px(42)
        self.add(
            pygame_gui.elements.UITextBox(
                self.html(),
                pygame.Rect(pad, pad, rect.width - 2 * pad, rect.height - 3 * pad - button_h),
                self.app.manager,
                container=panel,
                object_id=ObjectID(object_id="#help"),
            )
        )
        width = self.app.px(160)
        self.close = self.add(
            pygame_gui.elements.UIButton(
                pygame.Rect(rect.width - pad - width, rect.height - pad - button_h, width, button_h),
                t("help.close"),
                self.app.manager,
                container=panel,
                object_id=ObjectID(class_id="@primary", object_id="#close"),
            )
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_F1, pygame.K_RETURN):
            self.dismiss(None)
            return True
        return False

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.close:
            self.dismiss(None)
