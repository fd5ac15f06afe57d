"""The branches dialog's tree as a picture: one column per decision, one row per branch, every node with its date
under it (staggered onto more lines, or month over day, where the columns are narrow; never cut or overlapping)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pygame

from partnership_game.ui import drawing, theme, tree_dates
from partnership_game.ui.views import short_date


@dataclass
class Tree:
    """The drawn rows and where things went on them, in the picture's own coordinates."""

    picture: pygame.Surface
    points: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # (row, column) -> node centre
    dates: list[tuple[str, pygame.Rect]] = field(default_factory=list)  # each date and its box
    rows: list[tuple[int, int]] = field(default_factory=list)  # each row's top and bottom


def rows_of(paths: list[Any]) -> dict[int, int]:
    """The row each node is drawn on: that of the first branch whose path holds it."""
    row_of: dict[int, int] = {}
    for row, path in enumerate(paths):
        for node in path:
            row_of.setdefault(node.id, row)
    return row_of


def draw(screen: Any, width: int, band_h: int) -> Tree:
    """The tree of `screen` (a BranchesScreen): its branches, replays and selected row, at its text size."""
    app, game = screen.app, screen.game
    palette = app.palette
    paths = [game.session.timeline.path(leaf) for leaf in screen.leaves]
    depth = max(len(p) for p in paths)
    margin: int = app.px(20)
    small: int = app.px(12)
    radius: int = app.px(5)
    gap: int = app.px(6)
    face = theme.font(small)
    line_h = drawing.rendered("Ag", small, palette.ink).get_height()
    step_x = (width - 2 * margin) / max(depth, 1)
    row_of = rows_of(paths)
    turns = game.scenario.model.turns
    columns = [[c for c, node in enumerate(path) if row_of[node.id] == row] for row, path in enumerate(paths)]
    labels = [[short_date(turns[screen.replays[screen.leaves[row]].decisions[c].turn].date) for c in cols]
              for row, cols in enumerate(columns)]

    def x_of(column: int) -> int:
        return round(margin + column * step_x)

    def layout(form: int) -> list[tuple[list[list[str]], list[tuple[int, int]], int]]:
        """Per row: each date's lines, its (level, left edge), and the row's height."""
        rows = []
        for cols, row_labels in zip(columns, labels, strict=True):
            lines = [tree_dates.forms(label)[min(form, len(tree_dates.forms(label)) - 1)] for label in row_labels]
            widths = [max(face.size(line)[0] for line in block) for block in lines]
            placed = tree_dates.stagger([x_of(c) for c in cols], widths, gap, app.px(2), width - gap)
            levels = max((level for level, _ in placed), default=-1) + 1
            block_h = max((len(block) for block in lines), default=1) * line_h
            rows.append((lines, placed, 2 * app.px(10) + levels * block_h + app.px(4)))
        return rows

    # The form that makes the shortest tree: one line each, or month over day where columns are narrow.
    laid = min((layout(form) for form in (0, 1)), key=lambda rows: sum(h for _, _, h in rows))
    ys, spans, top = [], [], 0
    for _, _, row_h in laid:
        ys.append(top + app.px(10))
        spans.append((top, top + row_h))
        top += row_h
    tree = Tree(pygame.Surface((width, max(top, band_h))), rows=spans)
    picture = tree.picture
    picture.fill(palette.paper)
    for row, path in enumerate(paths):
        previous: tuple[int, int] | None = None
        for column, node in enumerate(path):
            point = (x_of(column), ys[row_of[node.id]])
            if previous is not None:
                colour = palette.focus if row == screen.index else palette.ink_soft
                pygame.draw.line(picture, colour, previous, point, 3 if row == screen.index else 1)
            previous = point
    show_marks = game.shows("historical_marks")
    events = {e.id: e for e in game.session.compiled.events}
    label_top = max(radius + app.px(3), line_h // 2 + app.px(1))
    for row, path in enumerate(paths):
        y = ys[row]
        for column in columns[row]:
            x = x_of(column)
            tree.points[(row, column)] = (x, y)
            # A side's view (ui/screens/side_branches.py) leaves another side's hidden choice unmarked.
            known = path[column].id not in getattr(screen, "hidden_ids", ())
            _node(picture, palette, events.get(path[column].event), path[column].option, (x, y), radius,
                  show_marks and known)
        lines, placed, _ = laid[row]
        block_h = max((len(block) for block in lines), default=1) * line_h
        boxes = []
        for column, block, (level, left) in zip(columns[row], lines, placed, strict=True):
            box = pygame.Rect(left, y + label_top + level * block_h, max(face.size(line)[0] for line in block),
                              len(block) * line_h)
            boxes.append((block, box))
            if level:  # a lower date hangs from its node by a thin line, so it is never read as a neighbour's
                pygame.draw.line(picture, palette.rule, (x_of(column), y + radius + 2), (x_of(column), box.top))
        colour = palette.ink if row == screen.index else palette.ink_soft
        for block, box in boxes:
            pygame.draw.rect(picture, palette.paper, box)  # readable where a branch's line runs under it
            for k, line in enumerate(block):
                drawing.text(picture, (box.centerx, box.y + k * line_h), line, small, colour, anchor="midtop")
            tree.dates.append((" ".join(block), box))
        drawing.text(picture, (x_of(len(path) - 1) + app.px(10), y), str(row + 1), small, palette.ink, bold=True,
                     anchor="midleft")
    return tree


def _node(picture: pygame.Surface, palette: Any, event: Any, option_id: str, centre: tuple[int, int], radius: int,
          show_marks: bool) -> None:
    """A filled dot where the choice followed history, an open diamond where it left it, a ring where history made
    no choice here (or a class hides it)."""
    x, y = centre
    option = next((k for k, o in enumerate(event.options) if o.id == option_id), -1) if event else -1
    if not show_marks or event is None or event.historical_option < 0:
        pygame.draw.circle(picture, palette.ink, centre, radius, width=1)
    elif event.historical_option == option:
        pygame.draw.circle(picture, palette.stamp, centre, radius)
    else:
        diamond = [(x, y - radius - 1), (x + radius + 1, y), (x, y + radius + 1), (x - radius - 1, y)]
        pygame.draw.polygon(picture, palette.paper, diamond)
        pygame.draw.polygon(picture, palette.ink, diamond, width=2)
