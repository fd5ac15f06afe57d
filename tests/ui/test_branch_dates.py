"""Issue 12: every node of the branch tree shows its date, none over another, at the small and the usual window and
at every text size; rows that do not fit scroll and follow the selected branch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame
import pytest

from partnership_game.ui import branch_tree, tree_dates
from partnership_game.ui.audit import audit
from partnership_game.ui.settings import Settings
from partnership_game.ui.views import short_date

SEED = 2001
Driver = Any  # conftest.Driver (test modules cannot import conftest under --import-mode=importlib)

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:pygame_gui")


def untaken_choice(driver: Driver) -> int | None:
    """An option open here that no branch has taken yet, if any."""
    session = driver.game.session
    taken = {node.option for node in session.timeline.children(session.timeline.current)}
    options = session.pending.event.options
    return next((k for k, ok in enumerate(session.available()) if ok and options[k].id not in taken), None)


def with_branches(driver: Driver, count: int) -> None:
    """Seven decisions down history's road, then `count` - 1 more roads, each taking an option no road took at the
    latest decision that still has one."""
    driver.start("new_partnership", SEED)
    for _ in range(7):
        driver.decide(driver.historical_choice())
    for _ in range(1, count):
        driver.ctrl(pygame.K_z)
        while (choice := untaken_choice(driver)) is None:
            driver.ctrl(pygame.K_z)
        driver.decide(choice)
    driver.key(pygame.K_b)
    assert driver.top_name == "BranchesScreen"
    assert len(driver.top.leaves) == count


def expected_dates(screen: Any) -> list[str]:
    """Each node's date, row by row, left to right: a node shared by branches belongs to the first of them."""
    paths = [screen.game.session.timeline.path(leaf) for leaf in screen.leaves]
    row_of = branch_tree.rows_of(paths)
    turns = screen.game.scenario.model.turns
    return [short_date(turns[screen.replays[leaf].decisions[column].turn].date)
            for row, (leaf, path) in enumerate(zip(screen.leaves, paths, strict=True))
            for column, node in enumerate(path) if row_of[node.id] == row]


def assert_apart(boxes: list[tuple[str, pygame.Rect]]) -> None:
    for i, (first, a) in enumerate(boxes):
        for second, b in boxes[i + 1:]:
            assert not a.colliderect(b), f"{first!r} {a} overlaps {second!r} {b}"


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)])
@pytest.mark.parametrize("scale", [1.0, 1.2, 1.4])
def test_every_node_shows_its_date_and_no_date_touches_another(make_app: Callable[..., Driver],
                                                               size: tuple[int, int], scale: float) -> None:
    driver = make_app(Settings(width=size[0], height=size[1], text_scale=scale))
    with_branches(driver, 3)
    screen = driver.top
    width = screen.canvas.get_width()
    tree = branch_tree.draw(screen, width, 0)
    # Every node's date, in order (month over day reads as the same date on one line).
    assert [label for label, _ in tree.dates] == expected_dates(screen)
    assert_apart(tree.dates)
    for label, box in tree.dates:
        assert box.left >= 0 and box.right <= width, (label, box, width)
    # Each date sits under its own node: the nearest node of its row is the one it names.
    for (label, box), (_, (x, y)) in zip(tree.dates, sorted(tree.points.items()), strict=True):
        assert box.top > y and box.left <= x <= box.right, (label, box, x)
        if screen.app.px(2) < box.left and box.right < width - screen.app.px(6):  # not pulled in from an edge
            assert abs(box.centerx - x) <= 1, (label, box, x)
    # On screen: three branches fit whole at these sizes, with no text cut or overlapping.
    assert len(screen.date_boxes) == len(tree.dates)
    assert_apart(screen.date_boxes)
    assert audit(driver.app) == []


def test_rows_that_do_not_fit_scroll_and_follow_the_selected_branch(make_app: Callable[..., Driver]) -> None:
    driver = make_app(Settings(width=1024, height=600, text_scale=1.4))
    with_branches(driver, 10)
    screen = driver.top
    everything = expected_dates(screen)
    assert len(screen.date_boxes) < len(everything)  # not all rows fit: the tree scrolls
    # Down to the last branch: its row comes into view.
    for _ in range(len(screen.leaves) - 1):
        driver.key(pygame.K_DOWN)
    screen = driver.top
    assert screen.index == len(screen.leaves) - 1
    assert any(row == screen.index for row, _ in screen.points)
    # From the top, PageDown on the tree shows every date at some point, each inside the tree's picture.
    driver.key(pygame.K_HOME)
    while screen.focus.current is not screen.tree:
        driver.key(pygame.K_TAB)
    for _ in range(3):
        driver.key(pygame.K_PAGEUP)
    assert screen.tree_scroll == 0
    seen: set[tuple[int, int]] = set()
    for _ in range(20):
        seen |= set(screen.points)
        assert_apart(screen.date_boxes)
        before = screen.tree_scroll
        driver.key(pygame.K_PAGEDOWN)
        if screen.tree_scroll == before:
            break
    assert len(seen) == len(everything)
    assert audit(driver.app) == []


def test_stagger_puts_a_label_on_the_first_level_where_it_clears_the_last() -> None:
    # Labels 40 wide on nodes 30 apart: every other one drops a level; 100 apart: all on one line.
    assert [level for level, _ in tree_dates.stagger([100, 130, 160, 190], [40] * 4, 6, 0, 500)] == [0, 1, 0, 1]
    assert [level for level, _ in tree_dates.stagger([0, 100, 200], [40] * 3, 6, 0, 500)] == [0, 0, 0]
    # Pulled inside the edges.
    assert tree_dates.stagger([0, 490], [40, 40], 6, 2, 500) == [(0, 2), (0, 460)]
    assert tree_dates.forms("Sept 22") == [["Sept 22"], ["Sept", "22"]]
