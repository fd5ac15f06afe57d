"""Golden pictures of the main screens at 1280×720 with fixed dice, compared with a tolerance.

Fonts are rasterised a little differently from one FreeType build to the next, so a picture passes when the mean
absolute difference of every colour channel stays under MAX_MEAN and fewer than MAX_SHARE of the pixels differ by
more than PIXEL_DELTA in some channel. A failure writes the actual picture and a diff next to the goldens, in
tests/ui/goldens/_failed/ (ignored by git).

Rewrite the goldens after an intended change of the look (and look at them before committing):

    UPDATE_GOLDENS=1 python -m pytest tests/ui/test_goldens.py
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pygame
import pytest

from partnership_game import paths
from partnership_game.scenario.discovery import resolve
from partnership_game.session import Session, write_save

GOLDENS = Path(__file__).resolve().parent / "goldens"
FAILED = GOLDENS / "_failed"
UPDATE = os.environ.get("UPDATE_GOLDENS") == "1"
SEED = 2001
SIZE = (1280, 720)
MAX_MEAN = 2.0  # mean absolute difference per channel, 0–255
PIXEL_DELTA = 40  # a pixel "differs" when some channel is off by more than this
MAX_SHARE = 0.01  # ...and fewer than 1% of the pixels may differ

Driver = Any


def finished_save(folder: Path) -> Path:
    session = Session(resolve("new_partnership", paths.builtin_scenarios_dir(), paths.mods_dir()), SEED)
    while session.pending is not None:
        available = session.available()
        choice = session.pending.event.historical_option
        session.choose(choice if choice >= 0 and available[choice] else available.index(True))
    path = folder / "finished.json"
    write_save(path, session)
    return path


def _title(d: Driver, tmp: Path) -> None:
    d.start()
    assert d.names() == ["TitleScreen"]


def _turn_option_1(d: Driver, tmp: Path) -> None:
    d.start("new_partnership", SEED)
    d.key(pygame.K_1, unicode="1")
    assert d.top_name == "TurnScreen" and d.top.selected == 0


def _consequences(d: Driver, tmp: Path) -> None:
    _turn_option_1(d, tmp)
    d.key(pygame.K_RETURN)
    assert d.names() == ["TurnScreen", "ConsequencesScreen"]


def _debrief_charts(d: Driver, tmp: Path) -> None:
    d.start(load=finished_save(tmp))
    d.key(pygame.K_RIGHT)
    assert d.top_name == "DebriefScreen" and d.top.tab == "charts"


SHOTS: dict[str, Callable[[Driver, Path], None]] = {
    "title": _title,
    "turn-option-1": _turn_option_1,
    "consequences": _consequences,
    "debrief-charts": _debrief_charts,
}


def difference(actual: np.ndarray, golden: np.ndarray) -> tuple[float, float, np.ndarray]:
    """(the largest per-channel mean absolute difference, the share of pixels off by more than PIXEL_DELTA, diff)."""
    diff = np.abs(actual.astype(np.int16) - golden.astype(np.int16))
    mean = float(diff.reshape(-1, 3).mean(axis=0).max())
    share = float((diff.max(axis=2) > PIXEL_DELTA).mean())
    return mean, share, diff


def diff_picture(golden: np.ndarray, diff: np.ndarray) -> np.ndarray:
    """The golden, faded, with every differing pixel in red (bright where it differs a lot)."""
    picture = (golden.astype(np.float32) * 0.3 + 160).astype(np.uint8)
    strength = diff.max(axis=2)
    changed = strength > 8
    picture[changed] = np.stack(
        [np.full(strength.shape, 255), 180 - np.minimum(strength, 180), 180 - np.minimum(strength, 180)], axis=2
    )[changed].astype(np.uint8)
    return picture


@pytest.mark.parametrize("name", list(SHOTS))
def test_golden(driver: Driver, tmp_path: Path, name: str) -> None:
    assert driver.app.size == SIZE
    SHOTS[name](driver, tmp_path)
    driver.move((0, 0))  # hover nothing
    surface = driver.shot()
    actual = pygame.surfarray.array3d(surface)
    golden_path = GOLDENS / f"{name}.png"

    if UPDATE:
        GOLDENS.mkdir(parents=True, exist_ok=True)
        pygame.image.save(surface, str(golden_path))
        return
    assert golden_path.is_file(), (
        f"no golden {golden_path}; make it with: UPDATE_GOLDENS=1 python -m pytest tests/ui/test_goldens.py"
    )
    golden = pygame.surfarray.array3d(pygame.image.load(str(golden_path)))
    if golden.shape != actual.shape:
        pytest.fail(f"{name}: the picture is {actual.shape[:2]}, the golden {golden.shape[:2]}")
    mean, share, diff = difference(actual, golden)
    if mean < MAX_MEAN and share < MAX_SHARE:
        return
    FAILED.mkdir(parents=True, exist_ok=True)
    actual_path = FAILED / f"{name}-actual.png"
    diff_path = FAILED / f"{name}-diff.png"
    pygame.image.save(surface, str(actual_path))
    pygame.image.save(pygame.surfarray.make_surface(diff_picture(golden, diff)), str(diff_path))
    pytest.fail(
        f"{name} differs from its golden: mean channel difference {mean:.2f} (limit {MAX_MEAN}), "
        f"{share:.2%} of pixels off by more than {PIXEL_DELTA} (limit {MAX_SHARE:.0%}).\n"
        f"  golden: {golden_path}\n  actual: {actual_path}\n  diff:   {diff_path}\n"
        "If the change is intended: UPDATE_GOLDENS=1 python -m pytest tests/ui/test_goldens.py"
    )


def test_the_comparison_tolerates_small_differences_and_catches_big_ones() -> None:
    rng = np.random.default_rng(0)
    golden = rng.integers(0, 256, size=(200, 100, 3), dtype=np.uint8)
    hinting = np.clip(golden.astype(np.int16) + rng.integers(-3, 4, size=golden.shape), 0, 255)
    mean, share, _ = difference(hinting.astype(np.uint8), golden)
    assert mean < MAX_MEAN and share == 0
    moved = golden.copy()
    moved[:40] = 255 - moved[:40]  # a fifth of the picture changed
    mean, share, diff = difference(moved, golden)
    assert mean >= MAX_MEAN or share >= MAX_SHARE
    assert diff_picture(golden, diff).shape == golden.shape
