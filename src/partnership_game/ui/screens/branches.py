"""The branches of a game as a tree, and two branches (or a branch and history) compared side by side."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

from partnership_game.session import explain
from partnership_game.session.compare import Branch, branch, differences, divergence, historical_road
from partnership_game.ui import drawing, rich
from partnership_game.ui.game import Game
from partnership_game.ui.screen import ModalScreen
from partnership_game.ui.strings import t
from partnership_game.ui.views import short_date
from partnership_game.ui.widgets.chart import Series, draw_line_chart


def _ending(session: Any) -> str:
    return session.ending.title if session.ending is not None else t("branches.in_play")


class BranchesScreen(ModalScreen):
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

    def _on_path(self, leaf: int, node: int) -> bool:
        return any(n.id == node for n in self.game.session.timeline.path(leaf))

    def label(self, k: int) -> str:
        leaf = self.leaves[k]
        replay = branch(self.game.session, leaf, "")
        count = len(replay.decisions)
        departed = next((d for d in replay.decisions if d.event.historical_option >= 0 and not d.historical), None)
        where = (t("branches.left_at", date=short_date(self.game.scenario.model.turns[departed.turn].date))
                 if departed is not None and self.game.shows("historical_marks") else "")
        mark = t("branches.current") if k == 0 else t("branches.number", number=k + 1)
        return f"{mark}: {count} {t('branches.decisions')}{where} · {_ending(replay.session)}"

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
        list_w = int(rect.width * 0.42)
        height = rect.height - top - 2 * pad - row
        labels = [self.label(k) for k in range(len(self.leaves))] or [t("branches.none")]
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
        for action in ("go", "history", "current", "close"):
            width = self.app.px({"history": 250, "current": 320}.get(action, 150))
            if action == "close":
                x = rect.width - pad - width
            text = t("branches.current_cmp" if action == "current" else f"branches.{action}")
            button = self.add(pygame_gui.elements.UIButton(
                pygame.Rect(x, rect.height - pad - row, width, row), text, manager,
                container=panel, object_id=ObjectID(class_id="@primary" if action == "close" else None,
                                                    object_id=f"#branches_{action}")))
            self.buttons[button] = action
            x += width + self.app.px(8)

    def paint(self) -> None:
        """The tree: one column per decision, one row per branch; filled dots follow history, open diamonds leave it."""
        surface = self.canvas
        palette = self.app.palette
        surface.fill(palette.paper)
        timeline = self.game.session.timeline
        if not self.leaves:
            self.image.set_image(surface)
            return
        paths = [timeline.path(leaf) for leaf in self.leaves]
        depth = max(len(p) for p in paths)
        margin = self.app.px(20)
        width, height = surface.get_size()
        step_x = (width - 2 * margin) / max(depth, 1)
        step_y = min(self.app.px(40), (height - 2 * margin) / max(len(paths), 1))
        row_of: dict[int, int] = {}
        for row, path in enumerate(paths):
            for node in path:
                row_of.setdefault(node.id, row)
        show_marks = self.game.shows("historical_marks")
        events = {e.id: e for e in self.game.session.compiled.events}

        def at(column: int, row: int) -> tuple[int, int]:
            return round(margin + column * step_x), round(margin + row * step_y + step_y / 2)

        for row, path in enumerate(paths):
            previous: tuple[int, int] | None = None
            for column, node in enumerate(path):
                point = at(column, row_of[node.id])
                if previous is not None:
                    colour = palette.focus if row == self.index else palette.ink_soft
                    pygame.draw.line(surface, colour, previous, point, 3 if row == self.index else 1)
                previous = point
        for row, path in enumerate(paths):
            for column, node in enumerate(path):
                if row_of[node.id] != row:
                    continue  # drawn with the branch it first appeared in
                x, y = at(column, row)
                event = events.get(node.event)
                option = next((k for k, o in enumerate(event.options) if o.id == node.option), -1) if event else -1
                followed = event is not None and event.historical_option == option
                radius = self.app.px(5)
                if not show_marks or event is None or event.historical_option < 0:
                    pygame.draw.circle(surface, palette.ink, (x, y), radius, width=1)
                elif followed:
                    pygame.draw.circle(surface, palette.stamp, (x, y), radius)
                else:
                    diamond = [(x, y - radius - 1), (x + radius + 1, y), (x, y + radius + 1), (x - radius - 1, y)]
                    pygame.draw.polygon(surface, palette.paper, diamond)
                    pygame.draw.polygon(surface, palette.ink, diamond, width=2)
            leaf_x, leaf_y = at(len(path) - 1, row)
            drawing.text(surface, (leaf_x + self.app.px(10), leaf_y), str(row + 1), self.app.px(12), palette.ink,
                         bold=True, anchor="midleft")
        if show_marks:
            key = t("branches.key")
            drawing.text(surface, (margin, height - self.app.px(6)), key, self.app.px(12), palette.ink_soft,
                         anchor="bottomleft")
        self.image.set_image(surface)

    def chosen(self) -> int | None:
        return self.leaves[self.index] if self.leaves else None

    def act(self, action: str) -> None:
        leaf = self.chosen()
        if action == "close" or leaf is None:
            self.dismiss(None)
        elif action == "go":
            if self.game.go_to_node(leaf):
                self.dismiss("rebuild")
        elif action in ("history", "current"):
            session = self.game.session
            a = branch(session, leaf, t("branches.current") if self.index == 0
                       else t("branches.number", number=self.index + 1))
            if action == "history":
                b = historical_road(session, t("debrief.history"))
            else:
                current = self.leaves[0]
                b = branch(session, current, t("branches.current"))
            self.app.push(CompareScreen(self.app, self.game, a, b))

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element in self.buttons:
            self.act(self.buttons[event.ui_element])
        elif event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.text in self.labels:
            self.index = self.labels.index(event.text)
            self.paint()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if event.key in (pygame.K_ESCAPE, pygame.K_b):
            self.dismiss(None)
        elif event.key in (pygame.K_UP, pygame.K_DOWN) and self.leaves:
            self.index = (self.index + (1 if event.key == pygame.K_DOWN else -1)) % len(self.leaves)
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


TABS = ("meters", "decisions", "differences")


class CompareScreen(ModalScreen):
    """Two roads side by side: their meters overlaid, their decisions with the point they part, the difference."""

    width_share = 0.94
    height_share = 0.9

    def __init__(self, app: Any, game: Game, a: Branch, b: Branch, tab: str = "meters") -> None:
        super().__init__(app)
        self.game = game
        self.a, self.b = a, b
        self.tab = tab

    def build(self) -> None:
        panel = self.make_backdrop()
        rect = panel.get_container().get_rect()
        pad = self.app.px(16)
        row = self.app.px(40)
        manager = self.app.manager
        heading = t("compare.heading", a=self.a.label, b=self.b.label)
        self.add(pygame_gui.elements.UILabel(pygame.Rect(pad, pad, rect.width - 2 * pad, self.app.px(34)), heading,
                                             manager, container=panel, object_id=ObjectID(class_id="@heading")))
        endings = t("compare.endings", a=self.a.label, ending_a=_ending(self.a.session), b=self.b.label,
                    ending_b=_ending(self.b.session))
        self.add(pygame_gui.elements.UILabel(pygame.Rect(pad, pad + self.app.px(36), rect.width - 2 * pad,
                                                         self.app.px(26)), endings, manager, container=panel))
        x = pad
        self.tabs: dict[Any, str] = {}
        for tab in TABS:
            width = drawing.rendered(t(f"compare.tab.{tab}"), self.app.px(16), (0, 0, 0), True).get_width() \
                + self.app.px(36)
            button = self.add(pygame_gui.elements.UIButton(
                pygame.Rect(x, pad + self.app.px(68), width, self.app.px(36)), t(f"compare.tab.{tab}"), manager,
                container=panel, object_id=ObjectID(class_id="@primary" if tab == self.tab else None,
                                                    object_id=f"#compare_{tab}")))
            self.tabs[button] = tab
            x += width + self.app.px(8)
        area = pygame.Rect(pad, pad + self.app.px(112), rect.width - 2 * pad,
                           rect.height - 3 * pad - row - self.app.px(112))
        if self.tab == "meters":
            canvas = pygame.Surface(area.size)
            self.paint(canvas)
            self.add(pygame_gui.elements.UIImage(area, canvas, manager, container=panel))
        else:
            text = self.decisions_html() if self.tab == "decisions" else self.differences_html()
            self.add(pygame_gui.elements.UITextBox(text, area, manager, container=panel,
                                                   object_id=ObjectID(object_id=f"#compare_{self.tab}_text")))
        self.close = self.add(pygame_gui.elements.UIButton(
            pygame.Rect(rect.width - pad - self.app.px(150), rect.height - pad - row, self.app.px(150), row),
            t("help.close"), manager, container=panel, object_id=ObjectID(class_id="@primary", object_id="#cmp_x")))

    def paint(self, surface: pygame.Surface) -> None:
        palette = self.app.palette
        surface.fill(palette.paper)
        model = self.game.scenario.model
        labels = ["start", *[short_date(turn.date) for turn in model.turns]]
        count = len(model.meters)
        columns = 3 if surface.get_width() > self.app.px(900) else 2
        rows = -(-count // columns)
        gap = self.app.px(10)
        cell_w = (surface.get_width() - gap * (columns - 1)) // columns
        cell_h = (surface.get_height() - gap * (rows - 1)) // rows
        for m, meter in enumerate(model.meters):
            cell = pygame.Rect((m % columns) * (cell_w + gap), (m // columns) * (cell_h + gap), cell_w, cell_h)
            series = [
                Series(self.a.label, [meter.start, *[r[m] for r in self.a.meters_by_turn]], palette.series[0],
                       "solid", "circle"),
                Series(self.b.label, [meter.start, *[r[m] for r in self.b.meters_by_turn]], palette.series[1],
                       "dashed", "triangle"),
            ]
            draw_line_chart(surface, cell, series, (meter.min, meter.max), labels, palette, self.app.px(12),
                            title=meter.label)

    def decisions_html(self) -> str:
        model = self.game.scenario.model
        split = divergence(self.a, self.b)
        lines = []
        for index in range(max(len(self.a.decisions), len(self.b.decisions))):
            first = self.a.decisions[index] if index < len(self.a.decisions) else None
            second = self.b.decisions[index] if index < len(self.b.decisions) else None
            shown = first or second
            assert shown is not None
            date = model.turns[shown.turn].date_label or model.turns[shown.turn].date
            left = rich.escape(first.event.options[first.option].label) if first else "—"
            right = rich.escape(second.event.options[second.option].label) if second else "—"
            marker = f" <b>{t('compare.parted')}</b>" if index == split else ""
            same = first is not None and second is not None and first.event.id == second.event.id \
                and first.option == second.option
            lines.append(f"<b>{index + 1}. {rich.escape(date)}: {rich.escape(shown.event.title)}</b>{marker}<br>"
                         + (f"{t('compare.both')}: {left}" if same else
                            f"{rich.escape(self.a.label)}: {left}<br>{rich.escape(self.b.label)}: {right}"))
        return "<br><br>".join(lines) or "—"

    def differences_html(self) -> str:
        found = differences(self.a, self.b)
        if not found:
            return t("compare.no_difference")
        labels = {m.id: m.label for m in self.game.scenario.model.meters}
        lines = [t("compare.differences_intro")]
        for diff in found:
            side = self.a if diff.side == "a" else self.b
            entry = diff.entry
            sign = "+" if entry.delta > 0 else "−"
            lines.append(f"<b>{rich.escape(side.label)}</b>: {rich.escape(labels[entry.meter])} {sign}"
                         f"{abs(entry.delta):.0f}, {rich.escape(explain.why(side.session, entry))}")
        return "<br>".join(lines)

    def on_ui(self, event: pygame.event.Event) -> None:
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return
        if event.ui_element in self.tabs:
            self.tab = self.tabs[event.ui_element]
            self.rebuild()
        elif event.ui_element is self.close:
            self.dismiss(None)

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type != pygame.KEYDOWN:
            return False
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_TAB):
            step = -1 if event.key == pygame.K_LEFT else 1
            self.tab = TABS[(TABS.index(self.tab) + step) % len(TABS)]
            self.rebuild()
            return True
        return super().handle(event)
