"""Map labels never collide: on the turn screen's map sizes, with every feature on and off, no two labels overlap,
no label covers a marker, and a leader line (a label standing off from its point) never runs through a label."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from partnership_game import paths
from partnership_game.ui.theme import DOSSIER
from partnership_game.ui.widgets import map_inset


@pytest.fixture(autouse=True, scope="module")
def _display() -> Iterator[None]:
    # Display and fonts only, left open: the widgets' text caches hold fonts that pygame.quit() would kill.
    pygame.display.init()
    pygame.font.init()
    yield


@pytest.fixture
def placed(monkeypatch: pytest.MonkeyPatch) -> list[map_inset._Labels]:
    """Every label set the map lays out while drawing (one per frame: the main map and each inset)."""
    made: list[map_inset._Labels] = []
    real = map_inset._Labels

    def record(*args: object, **kwargs: object) -> map_inset._Labels:
        labels = real(*args, **kwargs)  # type: ignore[arg-type]
        made.append(labels)
        return labels

    monkeypatch.setattr(map_inset, "_Labels", record)
    return made


# The map's rect and text size on the turn screen at 1024×600 and 1280×720 (100 % text), and a larger one.
SIZES = [((380, 127), 10), ((475, 150), 12), ((700, 320), 14)]


@pytest.mark.parametrize(("size", "text_px"), SIZES)
def test_no_label_overlaps_another_or_a_marker_and_no_leader_crosses_a_label(
        placed: list[map_inset._Labels], size: tuple[int, int], text_px: int) -> None:
    data = map_inset.load_map(Path(paths.assets_dir()) / "map.yaml")
    features = [f.id for f in data.features]
    surface = pygame.Surface(size)
    seen_leader = False
    for states in itertools.product((False, True), repeat=len(features)):
        placed.clear()
        map_inset._renders.clear()
        map_inset.draw_map(surface, surface.get_rect(), data, dict(zip(features, states, strict=True)), DOSSIER,
                           text_px)
        assert placed, "the map laid out no labels"
        for labels in placed:
            boxes = [box for _, box in labels.placed]
            assert boxes, "a frame shows no label at all"
            for a, b in itertools.combinations(boxes, 2):
                assert not a.colliderect(b), (states, a, b)
            # Each placed label was checked against the markers and labels before it, and became an obstacle.
            for box in boxes:
                assert box.inflate(2, 0) in labels.obstacles
            for start, end in labels.leaders:
                seen_leader = True
                crossed = [box for box in boxes if box.clipline(start, end)]
                assert len(crossed) == 1, (states, start, end, crossed)  # its own label only
    if size[1] < 200:
        assert seen_leader, "on a small map some label needs a leader line (else this test checks none)"
