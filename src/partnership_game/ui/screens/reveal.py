"""The reveal: both sides' sealed choices side by side, the pair's result, then the changes all at the screen see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.engine import LedgerEntry
from partnership_game.inert import inert_line
from partnership_game.ui import drawing, rich
from partnership_game.ui.focus import Focus
from partnership_game.ui.screen import SCROLL_KEYS, Screen, scroll
from partnership_game.ui.side_views import change_line
from partnership_game.ui.sides_game import SidesGame
from partnership_game.ui.strings import t


@dataclass(frozen=True)
class Outcome:
    """A decision as the reveal tells it: its title, each deciding side's label, the result, the ledger entries."""

    title: str
    picks: tuple[tuple[int, str], ...]
    result: str
    entries: list[LedgerEntry]


class RevealScreen(Screen):
    """Opaque; Enter, Space or Continue goes on (to the next hand-over, turn or the debrief)."""

    def __init__(self, app: Any, game: SidesGame, outcome: Outcome, viewers: tuple[int, ...]) -> None:
        super().__init__(app)
        self.game = game
        self.outcome = outcome
        self.viewers = viewers  # the people at the screen: the changes told are those all of them see

    def sheet(self) -> pygame.Rect:
        w, h = self.app.size
        m = self.app.px(24)
        width = min(w - 2 * m, self.app.px(1100))
        return pygame.Rect((w - width) // 2, m, width, h - 2 * m)

    def pick_rects(self) -> list[pygame.Rect]:
        sheet = self.sheet()
        pad, gap = self.app.px(22), self.app.px(14)
        count = max(len(self.outcome.picks), 1)
        width = (sheet.width - 2 * pad - gap * (count - 1)) // count
        inner = width - self.app.px(24)
        height = max(drawing.wrapped_height(inert_line(label), self.app.px(17), inner, bold=True)
                     for _, label in self.outcome.picks) + self.app.px(48)
        top = sheet.top + self.app.px(70)
        return [pygame.Rect(sheet.left + pad + k * (width + gap), top, width, height) for k in range(count)]

    def html(self) -> str:
        parts = []
        if self.outcome.result:
            parts.append(f"<b>{rich.escape(t('reveal.result'))}</b><br>{rich.escape(inert_line(self.outcome.result))}")
        # Everyone at the screen reads one list: what all of them see. At a hot seat, what one side alone sees
        # waits for that side's next screen after the hand-over (SidesPlay tells it as news).
        changes = self.game.changes_seen_by(self.viewers, self.outcome.entries)
        if len(self.viewers) > 1:
            heading, nothing = t("reveal.shared"), t("reveal.shared_nothing")
        else:
            label = inert_line(self.game.role_label(self.viewers[0], lower=True))
            heading, nothing = t("reveal.changes", label=label), t("reveal.nothing", label=label)
        lines = [change_line(c) for c in changes] or [rich.escape(nothing)]
        parts.append(f"<b>{rich.escape(heading)}</b><br>" + "<br>".join(lines))
        return "<br><br>".join(parts)

    def build(self) -> None:
        sheet = self.sheet()
        pad, row = self.app.px(22), self.app.px(42)
        top = self.pick_rects()[-1].bottom + self.app.px(14)
        rich.use_arrows(self.app.manager)  # the changes' arrows are set in the arrows font
        self.box = self.add(pygame_gui.elements.UITextBox(
            self.html(), pygame.Rect(sheet.left + pad, top, sheet.width - 2 * pad,
                                     sheet.bottom - pad - row - self.app.px(12) - top),
            self.app.manager, object_id=ObjectID(object_id="#reveal")))
        width = self.app.px(170)
        self.button = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(sheet.right - pad - width, sheet.bottom - pad - row, width, row), t("reveal.continue"),
            self.app.manager, object_id=ObjectID(class_id="@primary", object_id="#continue")))
        self.focus = Focus(self, [self.box, self.button])

    def draw(self, surface: pygame.Surface) -> None:
        palette = self.app.palette
        px = self.app.px
        sheet = self.sheet()
        drawing.paper(surface, sheet, palette)
        joint = len(self.outcome.picks) > 1
        heading = t("reveal.heading") if joint else t(
            "outcome.heading", label=inert_line(self.game.role_label(self.outcome.picks[0][0])))
        room = sheet.width - 2 * px(22)
        drawing.text(surface, (sheet.left + px(22), sheet.top + px(14)), drawing.fit(heading, px(24), room, True),
                     px(24), palette.ink, bold=True)
        drawing.text(surface, (sheet.left + px(22), sheet.top + px(46)),
                     drawing.fit(inert_line(self.outcome.title), px(15), room), px(15), palette.ink_soft)
        for rect, (role, label) in zip(self.pick_rects(), self.outcome.picks, strict=True):
            drawing.paper(surface, rect, palette, shaded=True)
            inner = rect.inflate(-px(24), 0)
            name = drawing.fit(inert_line(self.game.role_label(role)), px(14), inner.width, True)
            drawing.text(surface, (inner.left, rect.top + px(10)), name.upper(), px(14), palette.stamp, bold=True)
            drawing.wrapped(surface, pygame.Rect(inner.left, rect.top + px(36), inner.width, rect.height - px(44)),
                            inert_line(label), px(17), palette.ink, bold=True)

    def proceed(self) -> None:
        self.app.call("sides_flow.advance", self.app, self.game)

    def handle(self, event: pygame.event.Event) -> bool:
        if self.focus.handle(event):
            return True
        if event.type == pygame.KEYDOWN and event.key in SCROLL_KEYS and scroll(self.box, event.key):
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.proceed()
            return True
        return False

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.button:
            self.proceed()
