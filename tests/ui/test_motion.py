"""Motion (issue 14): dialogs fade in and out within 400 ms of frames, any key ends it, the dialog takes input all
along, and reduce motion turns every animation off (dialogs, the bars after a decision, the map's fades)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pygame
import pytest

from partnership_game.ui import motion
from partnership_game.ui.settings import Settings

Driver = Any  # conftest.Driver (test modules cannot import conftest under --import-mode=importlib)
SEED = 2001
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:pygame_gui")  # unloaded font sizes: speed hints
FRAME = 1 / 60


def frames_until_still(driver: Driver, limit: int = 200) -> int:
    """Run the app's frames (its own clock: FRAME each) until no dialog moves; how many it took."""
    count = 0
    while driver.app.motion is not None and count < limit:
        driver.app.frame(FRAME)
        count += 1
    return count


def help_over_title(title: Driver) -> Any:
    title.key(pygame.K_F1, settle=False)
    assert title.top_name == "HelpScreen", title.names()  # on top at once, before any frame
    return title.top


def test_a_dialog_opens_and_closes_within_400_ms_of_frames(title: Driver) -> None:
    help_over_title(title)
    assert title.app.motion is not None and not title.app.motion.closing
    title.app.frame(FRAME)
    title.app.frame(FRAME)
    moving = pygame.surfarray.array3d(title.app.window).copy()
    opening = 2 + frames_until_still(title)
    assert opening > 2 and opening * FRAME < 0.4
    at_rest = pygame.surfarray.array3d(title.shot())
    assert not np.array_equal(moving, at_rest), "the dialog was drawn in its place from the first frame"

    title.top.cancel()
    assert title.top_name == "TitleScreen"
    assert title.app.motion is not None and title.app.motion.closing
    closing = frames_until_still(title)
    assert closing > 1 and closing * FRAME < 0.4


def test_the_movement_follows_the_frames_not_the_clock(title: Driver) -> None:
    help_over_title(title)
    for _ in range(50):
        title.app.frame(0.0)  # frames with no time between them: the dialog stays where it was
    assert title.app.motion is not None and title.app.motion.elapsed == 0.0
    title.app.frame(FRAME)
    assert title.app.motion is not None and title.app.motion.elapsed == FRAME
    title.app.frame(motion.OPEN_S)
    assert title.app.motion is None


def test_any_key_ends_the_movement_and_still_does_its_job(title: Driver) -> None:
    help_over_title(title)
    title.key(pygame.K_LSHIFT, settle=False)  # a key that does nothing in Help: the dialog simply stands still
    assert title.app.motion is None and title.top_name == "HelpScreen"

    title.top.cancel()
    title.key(pygame.K_F1, settle=False)
    assert title.app.motion is not None
    title.key(pygame.K_RETURN, settle=False)  # Enter presses Help's Close, mid-opening
    assert title.top_name == "TitleScreen"

    title.key(pygame.K_F1, settle=False)
    title.app.frame(FRAME)
    title.key(pygame.K_ESCAPE, settle=False)  # Esc closes it, mid-opening
    assert title.top_name == "TitleScreen"
    assert title.app.motion is not None and title.app.motion.closing  # it closes with its own short fade
    title.key(pygame.K_LSHIFT, settle=False)
    assert title.app.motion is None


def test_a_dialog_on_a_dialog_moves_over_it(title: Driver) -> None:
    title.key(pygame.K_ESCAPE)  # Settings
    assert title.top_name == "SettingsScreen"
    frames_until_still(title)
    title.app.push(_help(title))
    assert title.names() == ["TitleScreen", "SettingsScreen", "HelpScreen"]
    assert title.app.motion is not None and title.app.motion.screen is title.top
    assert frames_until_still(title) * FRAME < 0.4
    title.top.cancel()
    assert title.top_name == "SettingsScreen" and title.app.motion is not None
    assert frames_until_still(title) * FRAME < 0.4


def _help(driver: Driver) -> Any:
    from partnership_game.ui.screens.help import HelpScreen

    return HelpScreen(driver.app)


def test_reduce_motion_opens_and_closes_dialogs_at_once(make_app: Callable[..., Driver]) -> None:
    d = make_app(Settings(width=1280, height=720, reduce_motion=True))
    d.start(None, None, None)
    help_over_title(d)
    assert d.app.motion is None
    d.key(pygame.K_ESCAPE, settle=False)
    assert d.top_name == "TitleScreen" and d.app.motion is None


def _decided_turn(make_app: Callable[..., Driver], reduce: bool) -> Driver:
    d = make_app(Settings(width=1280, height=720, reduce_motion=reduce))
    d.start("new_partnership", SEED)
    assert d.top_name == "TurnScreen"
    d.digit(d.historical_choice())
    d.key(pygame.K_RETURN)
    assert d.top_name == "ConsequencesScreen"
    d.key(pygame.K_RETURN, settle=False)  # the consequences close; the bars start moving to where they stand now
    return d


def test_the_bars_move_after_a_decision_unless_motion_is_reduced(make_app: Callable[..., Driver]) -> None:
    moving = _decided_turn(make_app, reduce=False)
    assert moving.top.motion is not None, "without reduce motion the bars move (else this test proves nothing)"
    assert moving.app.motion is not None  # and the consequences fade out
    still = _decided_turn(make_app, reduce=True)
    assert still.top_name == "TurnScreen"
    assert still.top.motion is None and still.app.motion is None


def test_the_maps_fade_is_off_with_reduce_motion(make_app: Callable[..., Driver]) -> None:
    for reduce in (False, True):
        d = make_app(Settings(width=1280, height=720, reduce_motion=reduce))
        d.start("new_partnership", SEED)
        d.settle()
        inset = d.top.map_inset
        session = d.top.game.session
        flags = [f.id for f in session.scenario.model.flags]
        session.state.flags[0, flags.index("air_corridor_open")] = True  # the corridor's state changes
        d.app.dirty = True
        d.app.frame(0.0)
        assert inset.moving is not reduce
