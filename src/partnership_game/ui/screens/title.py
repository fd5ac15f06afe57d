"""The title screen: the dossier's cover, and the way into a new game, a saved one, the settings and help."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.ui import drawing
from partnership_game.ui.screen import Focus, Screen
from partnership_game.ui.strings import t
from partnership_game.ui.views import long_date

ITEMS = ("play", "continue", "load", "class", "settings", "help", "quit")


class TitleScreen(Screen):
    """The cover: the title and its date stamp above, the way in below them (one column, or two when the window is
    short), and a line of keys that says what Enter does on the focused button."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.buttons: dict[Any, str] = {}
        self.latest: Any = None
        self.focus: Focus | None = None

    def cover(self) -> pygame.Rect:
        w, h = self.app.size
        cw, ch = min(int(w * 0.62), self.app.px(900)), h - 2 * self.app.px(40)
        return pygame.Rect((w - cw) // 2, (h - ch) // 2 + self.app.px(8), cw, ch)

    def stamp_rect(self) -> pygame.Rect:
        """Where the date stamp sits; the buttons begin below it."""
        cover = self.cover()
        stamp = pygame.Rect(0, 0, self.app.px(250), self.app.px(58))
        stamp.midtop = (cover.centerx, cover.top + self.app.px(44 + 64 + 40 + 16))
        return stamp

    def hint_top(self) -> int:
        return self.cover().bottom - self.app.px(14) - drawing.rendered("Ag", self.app.px(12), (0, 0, 0)).get_height()

    def build(self) -> None:
        cover = self.cover()
        self.latest = self.app.services.latest_autosave()
        if self.latest is not None:  # the date as the player reads it (from the save's header: nothing replayed)
            parts = self.latest.date.split("-")
            self.latest_date = long_date(self.latest.date) if len(parts) == 3 and all(p.isdigit() for p in parts) \
                else self.latest.date
        items = [i for i in ITEMS if i != "continue" or self.latest is not None]
        gap = self.app.px(8)
        top = self.stamp_rect().bottom + self.app.px(18)
        room = self.hint_top() - self.app.px(10) - top
        button_h = self.app.px(40)
        columns = 1 if (button_h + gap) * len(items) <= room else 2
        rows = -(-len(items) // columns)
        step = min(button_h + gap, room // rows)
        width = min(self.app.px(320), (cover.width - self.app.px(60) - gap * (columns - 1)) // columns)
        left = cover.centerx - (width * columns + gap * (columns - 1)) // 2
        self.buttons = {}
        for k, item in enumerate(items):
            column, row = (0, k) if columns == 1 else (k // rows, k % rows)
            button = self.add(
                pygame_gui.elements.UIButton(
                    pygame.Rect(left + column * (width + gap), top + row * step, width, step - gap),
                    t(f"title.{item}"),
                    self.app.manager,
                    object_id=ObjectID(class_id="@primary" if k == 0 else "@menu_button", object_id=f"#title_{item}"),
                )
            )
            self.buttons[button] = item
        start = self.focus.index if self.focus is not None and self.focus.index < len(items) else 0
        self.focus = Focus(self, list(self.buttons), start=start, arrows=True)

    def hint(self) -> str:
        """The keys line for the focused button: what Enter does now, then the keys that work anywhere here."""
        item = self.focus.current and self.buttons.get(self.focus.current) if self.focus is not None else None
        if item == "continue" and self.latest is not None:
            action = t("title.hint.continue", date=self.latest_date)
        else:
            action = t(f"title.hint.{item or 'play'}")
        return t("title.hint", action=action)

    def draw(self, surface: pygame.Surface) -> None:
        palette = self.app.palette
        cover = self.cover()
        drawing.paper(surface, cover, palette)
        # A folder tab and a ruled header: the look of a case file.
        tab = pygame.Rect(cover.left + self.app.px(30), cover.top - self.app.px(22), self.app.px(180), self.app.px(26))
        pygame.draw.rect(surface, palette.paper_shade, tab, border_top_left_radius=6, border_top_right_radius=6)
        drawing.text(
            surface, tab.center, "CASE FILE 2001/09", self.app.px(12), palette.ink_soft, bold=True, anchor="center"
        )
        y = cover.top + self.app.px(44)
        drawing.text(
            surface,
            (cover.centerx, y),
            drawing.fit(t("app.title").upper(), self.app.px(44), cover.width - self.app.px(40), bold=True),
            self.app.px(44),
            palette.ink,
            bold=True,
            anchor="midtop",
        )
        y += self.app.px(64)
        drawing.text(surface, (cover.centerx, y), drawing.fit(t("app.subtitle"), self.app.px(18),
                                                              cover.width - self.app.px(40)),
                     self.app.px(18), palette.ink_soft, anchor="midtop")
        y += self.app.px(40)
        drawing.rule(surface, (cover.left + self.app.px(40), y), (cover.right - self.app.px(40), y), palette)
        drawing.stamp(surface, self.stamp_rect(), ["11 Sep 2001 – 28 May 2002", "Moscow · Washington"], palette,
                      self.app.px(16))
        drawing.text(
            surface,
            (cover.centerx, cover.bottom - self.app.px(14)),
            drawing.fit(self.hint(), self.app.px(12), cover.width - self.app.px(30)),
            self.app.px(12),
            palette.ink_soft,
            anchor="midbottom",
        )

    def choose(self, item: str) -> None:
        app = self.app
        if item == "play" and app.lesson is not None:
            # A class computer stays in the class: same rules, same running clock.
            app.call("classroom.start_class", app, app.lesson)
        elif item == "play":
            app.open_alone("picker")
        elif item == "continue":
            latest = app.services.latest_autosave()
            if latest is not None:
                app.call("saves.open_save", app, latest.path)
        elif item == "load":
            app.open("load")
        elif item == "class":
            app.call("classroom.open_class_file", app)
        elif item == "settings":
            app.open("settings", on_result=lambda _: self.rebuild())
        elif item == "help":
            app.open("help")
        elif item == "quit":
            app.quit()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if self.focus is not None and self.focus.handle(event):
            self.app.dirty = True  # the keys line follows the focus
        elif event.key == pygame.K_F1:
            self.choose("help")
        elif event.key == pygame.K_ESCAPE:
            self.choose("settings")
        else:
            return False
        return True

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            if self.focus is not None:
                self.focus.follow(event.ui_element)
            self.choose(self.buttons[event.ui_element])
