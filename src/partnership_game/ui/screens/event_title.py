"""The turn screen's event title row: the pending event's title, "news this turn" over a random one, and a badge
saying how far the event is on the record, whose one-line note shows on hover and on keyboard focus."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.session import texts
from partnership_game.ui import drawing, rich, theme
from partnership_game.ui.game import Game
from partnership_game.ui.strings import t


def first_sentence(text: str) -> str:
    """The first sentence of a note (all of it when it has only one), for a one-line tooltip."""
    text = " ".join(text.split())
    for end, char in enumerate(text):
        if char in ".?!" and (end + 1 == len(text) or text[end + 1] == " ") and end >= 12:
            return text[: end + 1]
    return text


class EventTitle:
    """The title row of the pending event. The turn screen lays it out, draws it and passes it mouse and focus."""

    def __init__(self, app: Any, game: Game) -> None:
        self.app = app
        self.game = game
        self.badge_rect = pygame.Rect(0, 0, 0, 0)
        self.focus = False  # Tab reaches the badge after the last option; its note shows while it has focus
        self.hovered = False
        self.tip: Any = None

    # ---- what it says --------------------------------------------------------------------------------------

    def accuracy(self) -> str | None:
        pending = self.game.session.pending
        return pending.event.model.accuracy if pending is not None and pending.event.model is not None else None

    def is_news(self) -> bool:
        """A random event asks its decision as news within the turn: the turn keeps its own heading."""
        pending = self.game.session.pending
        return pending is not None and (pending.event.random or pending.event.shown_as == "news")

    def badge_text(self) -> str:
        accuracy = self.accuracy()
        return t(f"accuracy.{accuracy}").upper() if accuracy else ""

    def note(self) -> str:
        """Why the event stands where it does, in one line: for a disputed one, the first sentence of its note."""
        pending = self.game.session.pending
        accuracy = self.accuracy()
        if pending is None or accuracy is None or pending.event.model is None:
            return ""
        notes = pending.event.model.notes
        if accuracy == "disputed" and notes:
            return f"{t('accuracy.disputed')}: {first_sentence(texts.shown(self.game.session, notes[0]))}"
        return t(f"accuracy.note.{accuracy}")

    # ---- size ----------------------------------------------------------------------------------------------

    def badge_size(self) -> tuple[int, int]:
        label = self.badge_text()
        if not label:
            return 0, 0
        width = drawing.rendered(label, self.app.px(11), (0, 0, 0), True).get_width() + self.app.px(18)
        return width, self.app.px(24)

    def title_width(self, width: int) -> int:
        badge_w, _ = self.badge_size()
        return width - self.app.px(24) - (badge_w + self.app.px(12) if badge_w else 0)

    def height(self, width: int) -> int:
        """The row's height for a panel `width` wide: the title wraps rather than being cut."""
        pending = self.game.session.pending
        if pending is None:
            return 0
        kicker = theme.font(self.app.px(12), True).get_linesize() + self.app.px(2) if self.is_news() else 0
        title = drawing.wrapped_height(pending.event.title, self.app.px(21), self.title_width(width), bold=True)
        return self.app.px(10) + kicker + max(title, self.badge_size()[1]) + self.app.px(6)

    def place(self, row: pygame.Rect) -> None:
        """Where the badge sits in the row (top right), known before the first frame so hover and clicks find it."""
        badge_w, badge_h = self.badge_size()
        self.badge_rect = (pygame.Rect(row.right - self.app.px(12) - badge_w, row.top + self.app.px(10), badge_w,
                                       badge_h) if badge_w else pygame.Rect(0, 0, 0, 0))

    # ---- input ---------------------------------------------------------------------------------------------

    def hover(self, pos: tuple[int, int]) -> None:
        over = self.badge_rect.collidepoint(pos)
        if over != self.hovered:
            self.hovered = over
            self.app.dirty = True

    def click(self, pos: tuple[int, int]) -> bool:
        """A click on the badge keeps its note up until the next click or key (touch screens cannot hover)."""
        if not self.badge_rect.collidepoint(pos):
            return False
        self.focus = not self.focus
        self.app.dirty = True
        return True

    def update_tip(self) -> None:
        """The note, while the mouse is over the badge or the keyboard's focus is on it."""
        wanted = (self.hovered or self.focus) and self.badge_rect.width > 0
        if wanted == (self.tip is not None):
            return
        if self.tip is not None:
            self.tip.kill()
            self.tip = None
        else:
            note = self.note()
            # As wide as the note (one line where the window allows), never wider than a comfortable measure.
            width = min(theme.font(self.app.px(14)).size(note)[0] + self.app.px(36), self.app.px(460),
                        self.app.size[0] - self.app.px(40))
            self.tip = pygame_gui.elements.UITooltip(
                rich.escape(note), (0, self.app.px(8)), self.app.manager,
                object_id=ObjectID(object_id="#accuracy_note"), wrap_width=width)
            # Under the badge, kept inside the window (find_valid_position moves it in from the edges).
            self.tip.find_valid_position(pygame.math.Vector2(self.badge_rect.midbottom))
        self.app.dirty = True

    def reset(self) -> None:
        if self.tip is not None:
            self.tip.kill()
            self.tip = None
        self.focus = self.hovered = False
        self.badge_rect = pygame.Rect(0, 0, 0, 0)

    # ---- drawing -------------------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, row: pygame.Rect) -> None:
        pending = self.game.session.pending
        if pending is None:
            return
        palette = self.app.palette
        pygame.draw.rect(surface, palette.paper, row, border_top_left_radius=3, border_top_right_radius=3)
        x = row.left + self.app.px(12)
        y = row.top + self.app.px(10)
        if self.is_news():
            kicker = drawing.text(surface, (x, y), t("turn.news_kicker").upper(), self.app.px(12), palette.stamp,
                                  bold=True)
            y = kicker.bottom + self.app.px(2)
        drawing.wrapped(surface, pygame.Rect(x, y, self.title_width(row.width), row.bottom - y), pending.event.title,
                        self.app.px(21), palette.ink, bold=True)
        if not self.badge_rect.width:
            return
        # A stamp with its words: which kind of event this is never rests on colour.
        colour = palette.ink_soft if self.accuracy() in ("historical", "documented_proposal") else palette.stamp
        if self.focus or self.hovered:
            pygame.draw.rect(surface, palette.paper_shade, self.badge_rect, border_radius=4)
        pygame.draw.rect(surface, colour, self.badge_rect, width=2, border_radius=4)
        if self.focus:
            pygame.draw.rect(surface, palette.focus, self.badge_rect.inflate(6, 6), width=2, border_radius=6)
        drawing.text(surface, self.badge_rect.center, self.badge_text(), self.app.px(11), colour, bold=True,
                     anchor="center")
