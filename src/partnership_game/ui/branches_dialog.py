"""The branches dialog both kinds of game share (ui/screens/branches.py, side_branches.py): the branches of a
game as a tree, and two branches (or a branch and history) compared side by side."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.session import texts
from partnership_game.session.compare import branch, historical_road
from partnership_game.ui import branch_tree, drawing, fitting, theme
from partnership_game.ui.branch_names import branch_name, count_decisions
from partnership_game.ui.game import Game
from partnership_game.ui.screen import Area, Focus, ModalScreen
from partnership_game.ui.strings import t
from partnership_game.ui.views import date_text


def _ending(session: Any) -> str:
    return session.ending.title if session.ending is not None else t("branches.in_play")


def history_shown(game: Game) -> bool:
    """Whether history's road may be shown now: its choices and its meters' line, both of which a class can hide
    until the debrief."""
    return game.shows("historical_marks") and game.shows("ghost")


class BranchesDialog(ModalScreen):
    """Every branch the player opened, as a list and a tree; go to one, or compare it."""

    width_share = 0.92
    height_share = 0.88

    def __init__(self, app: Any, game: Game) -> None:
        super().__init__(app)
        self.game = game
        self.leaves = [n.id for n in game.session.timeline.leaves()]
        current = game.session.timeline.current
        # The branch in play first, then the others in the order they were opened.
        in_play = next((leaf for leaf in self.leaves if current is None or self._on_path(leaf, current)), None)
        if in_play is not None:
            self.leaves.remove(in_play)
            self.leaves.insert(0, in_play)
        self.index = 0
        self.replays = {leaf: branch(game.session, leaf, "") for leaf in self.leaves}
        self.names = {leaf: branch_name(game.session, leaf, self.replays[leaf].session) for leaf in self.leaves}
        self.row_room = 0  # pixels for a list row's text, set by each build
        self.node_focus = -1  # the decision of the selected branch shown in detail (focus on the tree), -1: none
        self.node_hover: tuple[int, int] | None = None  # (row, column) under the mouse
        self.points: dict[tuple[int, int], tuple[int, int]] = {}  # (row, column) -> where on the canvas
        self.date_boxes: list[tuple[str, pygame.Rect]] = []  # each date shown on the canvas, and where
        self.tree_scroll = 0  # pixels of the tree scrolled above its band: always a row's top
        self.tree_rows: list[tuple[int, int]] = []  # the tree's rows, top and bottom, as last painted
        self.follow_selection = True  # bring the selected branch (or the node told) into view at the next paint

    def enter(self) -> None:
        self.app.sound.play("page")  # a dialog opens like a folder: the page sound (issue 14)
        super().enter()

    def _on_path(self, leaf: int, node: int) -> bool:
        return any(n.id == node for n in self.game.session.timeline.path(leaf))

    def name(self, k: int) -> str:
        return self.names[self.leaves[k]]

    def label_forms(self, k: int) -> list[str]:
        """A row's forms, fullest first (the tree and the decision details say the rest)."""
        leaf = self.leaves[k]
        replay = self.replays[leaf]
        values = {"name": self.name(k), "count": count_decisions(len(replay.decisions)),
                  "ending": _ending(replay.session)}
        if k == 0:
            mark = t("branches.in_play_mark")
            return [t("branches.row", mark=mark, **values), t("branches.row_short", mark=mark, **values),
                    self.name(k)]
        return [t("branches.row_plain", **values), t("branches.row_plain_short", **values), self.name(k)]

    def label(self, k: int) -> str:
        return fitting.row_label(self.label_forms(k), self.app.px(fitting.LIST_ROW_SIZE), self.row_room)

    def list_width(self, width: int, height: int) -> int:
        """42 % of the dialog, or up to 55 % when a row's shortest form needs it (the tree keeps the rest)."""
        scrolls = len(self.leaves) * self.app.px(30) > height
        size = self.app.px(fitting.LIST_ROW_SIZE)
        needed = max((theme.font(size).size(self.label_forms(k)[-1])[0] for k in range(len(self.leaves))),
                     default=0)
        base = int(width * 0.42)
        wanted = base + max(needed - fitting.list_text_width(self.app, base, scrolls), 0)
        chosen = min(wanted, int(width * 0.55))
        self.row_room = fitting.list_text_width(self.app, chosen, scrolls)
        return chosen

    def build(self) -> None:
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad = self.app.px(16)
        row = self.app.px(40)
        manager = self.app.manager
        self.add(pygame_gui.elements.UILabel(pygame.Rect(pad, pad, rect.width - 2 * pad, self.app.px(34)),
                                             t("branches.heading"), manager, container=panel,
                                             object_id=ObjectID(class_id="@heading")))
        top = pad + self.app.px(44)
        height = rect.height - top - 2 * pad - row
        list_w = self.list_width(rect.width, height)
        labels: list[str | tuple[str, str]] = [self.label(k) for k in range(len(self.leaves))] or [t("branches.none")]
        self.labels = labels
        self.list = self.add(pygame_gui.elements.UISelectionList(
            pygame.Rect(pad, top, list_w, height), labels, manager, container=panel,
            object_id=ObjectID(object_id="#branches"), default_selection=labels[self.index] if self.leaves else None))
        area = pygame.Rect(2 * pad + list_w, top, rect.width - 3 * pad - list_w, height)
        self.canvas = pygame.Surface(area.size)
        self.image = self.add(pygame_gui.elements.UIImage(area, self.canvas, manager, container=panel))
        self.paint()
        self.buttons: dict[Any, str] = {}
        x = pad
        actions = ("go", "history", "current", "close")
        gap = self.app.px(8)

        def button_labels(short: bool) -> list[str]:
            keys = {"current": "branches.current_cmp", "history": "branches.history"}
            if short:
                keys = {"current": "branches.current_short", "history": "branches.history_short"}
            return [t(keys.get(a, f"branches.{a}")) for a in actions]

        def widths(texts: list[str]) -> list[int]:
            return [max(self.app.px(110), drawing.rendered(s, self.app.px(16), (0, 0, 0), True).get_width()
                        + self.app.px(30)) for s in texts]

        # The long labels where they fit in one row, else the short ones (a large text size on a small window).
        texts = button_labels(short=False)
        if sum(widths(texts)) + 4 * gap > rect.width - 2 * pad:
            texts = button_labels(short=True)
        for action, text, width in zip(actions, texts, widths(texts), strict=True):
            if action == "close":
                x = rect.width - pad - width
            button = self.add(pygame_gui.elements.UIButton(
                pygame.Rect(x, rect.height - pad - row, width, row), text, manager,
                container=panel, object_id=ObjectID(class_id="@primary" if action == "close" else None,
                                                    object_id=f"#branches_{action}")))
            self.buttons[button] = action
            x += width + gap
            if action == "close":
                self.close_button = button
        self.tree = Area("tree", self.image.rect, on_key=self.tree_key)
        self.focus = Focus(self, [self.list, self.tree, *self.buttons], start=self.focus.index if self.focus else 0)

    def paint(self) -> None:
        """The tree: one column per decision, one row per branch; filled dots follow history, open diamonds leave it.
        Every node has its date under it; a decision hovered or focused is told in full underneath the tree. Rows
        that do not fit scroll (the wheel, PageUp/PageDown on the tree), following the selected branch."""
        surface = self.canvas
        palette = self.app.palette
        surface.fill(palette.paper)
        self.points = {}
        self.date_boxes = []
        if not self.leaves:
            self.image.set_image(surface)
            return
        margin = self.app.px(20)
        small = self.app.px(12)
        width, height = surface.get_size()
        # Room under the tree for the key and the longest words a decision can have, wrapped (never cut).
        text_w = width - 2 * margin
        key_h = drawing.wrapped_height(t("branches.key"), small, text_w) if self.game.shows("historical_marks") else 0
        words = [t("branches.node_hint")] + [self.node_words(row, column) for row, leaf in enumerate(self.leaves)
                                             for column in range(len(self.replays[leaf].decisions))]
        caption_h = key_h + max(drawing.wrapped_height(w, small, text_w) for w in words) + self.app.px(10)
        band = pygame.Rect(0, self.app.px(10), width, height - caption_h - self.app.px(10))
        tree = branch_tree.draw(self, width, band.height)
        full_h = tree.picture.get_height()
        self.tree_rows = tree.rows
        # Scrolled by whole rows, so a row is shown whole or not at all.
        tops = [top for top, _ in tree.rows]

        def top_from(pixels: int) -> int:
            return min((top for top in tops if top >= pixels), default=tops[-1])

        if self.follow_selection:  # the selected branch, or the decision told, in view
            shown = self.shown_node()
            row_top, row_bottom = tree.rows[shown[0] if shown is not None else self.index]
            self.tree_scroll = min(max(self.tree_scroll, top_from(row_bottom - band.height)), row_top)
            self.follow_selection = False
        limit = top_from(full_h - band.height) if full_h > band.height else 0
        wanted = min(max(self.tree_scroll, 0), limit)
        self.tree_scroll = max(top for top in tops if top <= wanted)
        shown_h = max((bottom for _, bottom in tree.rows if bottom - self.tree_scroll <= band.height),
                      default=self.tree_scroll + band.height) - self.tree_scroll
        if full_h <= band.height:
            shown_h = band.height
        surface.blit(tree.picture, band.topleft, pygame.Rect(0, self.tree_scroll, width, shown_h))
        shift = band.top - self.tree_scroll
        self.points = {key: (x, y + shift) for key, (x, y) in tree.points.items()
                       if band.top <= y + shift <= band.bottom}
        self.date_boxes = [(label, box.move(0, shift)) for label, box in tree.dates
                           if band.contains(box.move(0, shift))]
        if full_h > band.height:  # a scroll bar says there is more
            bar = pygame.Rect(width - self.app.px(6), band.top, self.app.px(4), band.height)
            pygame.draw.rect(surface, palette.paper_shade, bar)
            thumb_h = max(self.app.px(16), band.height * band.height // full_h)
            thumb_y = band.top + (band.height - thumb_h) * self.tree_scroll // (full_h - band.height)
            pygame.draw.rect(surface, palette.ink_soft, pygame.Rect(bar.x, thumb_y, bar.w, thumb_h))
        shown = self.shown_node()
        if shown is not None and shown in self.points:
            pygame.draw.circle(surface, palette.ink, self.points[shown], self.app.px(10), width=2)  # its words below
        caption = self.node_words(*shown) if shown is not None else t("branches.node_hint")
        top_of_words = height - caption_h + self.app.px(4)
        if self.game.shows("historical_marks"):
            drawing.wrapped(surface, pygame.Rect(margin, top_of_words, text_w, key_h), t("branches.key"), small,
                            palette.ink_soft)
        drawing.wrapped(surface, pygame.Rect(margin, top_of_words + key_h + self.app.px(4), text_w, caption_h),
                        caption, small, palette.ink)
        self.image.set_image(surface)

    def shown_node(self) -> tuple[int, int] | None:
        """The decision told under the tree: the one under the mouse, else the focused one of the selected branch."""
        if self.node_hover is not None:
            return self.node_hover
        if self.node_focus < 0 or not self.leaves:
            return None
        # A shared decision is drawn on the row of the branch it first appeared in.
        paths = [self.game.session.timeline.path(leaf) for leaf in self.leaves]
        path = paths[self.index]
        column = min(self.node_focus, len(path) - 1)
        return branch_tree.rows_of(paths)[path[column].id], column

    def node_words(self, row: int, column: int) -> str:
        replay = self.replays[self.leaves[row]]
        decision = replay.decisions[column]
        turn = self.game.scenario.model.turns[decision.turn]
        return t("branches.node", date=date_text(self.game, turn), event=decision.event.title,
                 choice=texts.decision_label(replay.session, column))

    def tree_key(self, event: pygame.event.Event) -> bool:
        """Left/Right walk the selected branch's decisions, Home/End jump to its ends, PageUp/PageDown scroll."""
        if self.leaves and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.scroll_tree(1 if event.key == pygame.K_PAGEUP else -1, page=True)
            return True
        if not self.leaves or event.key not in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_HOME, pygame.K_END):
            return False
        self.follow_selection = True
        last = len(self.replays[self.leaves[self.index]].decisions) - 1
        if event.key == pygame.K_HOME:
            self.node_focus = 0
        elif event.key == pygame.K_END:
            self.node_focus = last
        else:
            step = 1 if event.key == pygame.K_RIGHT else -1
            self.node_focus = min(max(self.node_focus + step, 0), last)
        self.paint()
        return True

    def scroll_tree(self, steps: int, page: bool = False) -> None:
        """Scroll the tree by rows (positive: up; a page is half the rows) when they do not all fit."""
        tops = [top for top, _ in self.tree_rows] or [0]
        here = max((k for k, top in enumerate(tops) if top <= self.tree_scroll), default=0)
        step = steps * (max(len(tops) // 2, 1) if page else 1)
        self.tree_scroll = tops[min(max(here - step, 0), len(tops) - 1)]  # paint keeps the last rows in view
        self.paint()
        self.app.dirty = True

    def update(self, dt: float) -> None:
        # Details on hover: the decision nearest the mouse, within a dot's reach.
        if not self.points or self.app.top is not self:
            return
        mx, my = pygame.mouse.get_pos()
        origin = self.image.rect.topleft
        reach = self.app.px(10) ** 2
        hovered = next((key for key, (x, y) in self.points.items()
                        if (x + origin[0] - mx) ** 2 + (y + origin[1] - my) ** 2 <= reach), None)
        if hovered != self.node_hover:
            self.node_hover = hovered
            self.paint()
            self.app.dirty = True

    def chosen(self) -> int | None:
        return self.leaves[self.index] if self.leaves else None

    def act(self, action: str) -> None:
        leaf = self.chosen()
        if action == "close" or leaf is None:
            self.dismiss(None)
        elif action == "go":
            if self.game.go_to_node(leaf):
                self.dismiss("rebuild")
        elif action == "history" and not history_shown(self.game):
            self.app.open("message", t("class.history_hidden_heading"), t("class.history_hidden"))
        elif action in ("history", "current"):
            session = self.game.session
            a = branch(session, leaf, self.name(self.index))
            if action == "history":
                b = historical_road(session, t("debrief.history"))
            else:
                b = branch(session, self.leaves[0], self.name(0))
            self.app.open("compare", self.game, a, b)

    def on_ui(self, event: pygame.event.Event) -> None:
        if self.closing(event):
            return
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            self.act(self.buttons[event.ui_element])
        elif event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.text in self.labels:
            self.index = self.labels.index(event.text)
            self.node_focus = -1
            self.follow_selection = True
            self.paint()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEWHEEL and self.leaves and self.image.rect.collidepoint(pygame.mouse.get_pos()):
            self.scroll_tree(event.y)
            return True
        if event.type != pygame.KEYDOWN:
            return False
        if self.focus is not None and self.focus.handle(event):
            return True
        if event.key in (pygame.K_ESCAPE, pygame.K_b):
            self.cancel()
        elif event.key in (pygame.K_UP, pygame.K_DOWN) and self.leaves:
            self.index = (self.index + (1 if event.key == pygame.K_DOWN else -1)) % len(self.leaves)
            self.follow_selection = True
            self.rebuild()
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.act("go")
        elif event.key == pygame.K_h:
            self.act("history")
        elif event.key == pygame.K_c:
            self.act("current")
        else:
            return False
        return True
