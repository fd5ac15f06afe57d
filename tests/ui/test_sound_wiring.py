"""Sound in the window: each effect at its moment (choosing, deciding, news, paging), the bed's tension following
the meters, the settings' and the class file's volumes, and a silent game under SDL's dummy audio driver."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pygame
import pytest

from partnership_game.scenario import load_path
from partnership_game.ui import app as app_module
from partnership_game.ui.game import Game
from partnership_game.ui.run import open_first_screens
from partnership_game.ui.screens.turn import TurnScreen
from partnership_game.ui.settings import Settings, load_settings
from partnership_game.ui.sound import Volumes

Driver = Any  # conftest.Driver; test modules cannot import conftest under --import-mode=importlib

PROBE = Path(__file__).resolve().parent / "data" / "story_probe.yaml"
REPO = Path(__file__).resolve().parents[2]


class RecordingSound:
    """Stands in for ui.sound.Sound: keeps every call, in order, and plays nothing."""

    def __init__(self, folder: Path | None = None, volumes: Volumes | None = None, **_: Any) -> None:
        self.volumes = volumes
        self.calls: list[tuple[Any, ...]] = []

    def play(self, name: str, delay: float = 0.0) -> None:
        self.calls.append(("play", name, delay))

    def set_tension(self, tension: float) -> None:
        self.calls.append(("tension", tension))

    def stop_bed(self) -> None:
        self.calls.append(("stop_bed",))

    def set_volumes(self, volumes: Volumes) -> None:
        self.volumes = volumes
        self.calls.append(("volumes", volumes))

    def warm_up(self) -> None:
        self.calls.append(("warm_up",))

    def close(self, wait_s: float = 0.5) -> None:
        self.calls.append(("close",))

    def plays(self) -> list[str]:
        """The effects asked for, a delayed one written "name+delay"."""
        return [f"{c[1]}+{c[2]}" if c[2] else c[1] for c in self.calls if c[0] == "play"]

    def tensions(self) -> list[float]:
        return [c[1] for c in self.calls if c[0] == "tension"]

    def forget(self) -> None:
        self.calls.clear()


@pytest.fixture
def recorded(make_app: Callable[..., Driver], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Driver]:
    """make_app, with every App's sound a RecordingSound."""
    monkeypatch.setattr(app_module, "Sound", RecordingSound)
    return make_app


def sound(d: Driver) -> RecordingSound:
    assert isinstance(d.app.sound, RecordingSound)
    return d.app.sound


def play_probe(d: Driver) -> TurnScreen:
    d.app.push(TurnScreen(d.app, Game.new(load_path(PROBE), 1)))
    d.settle()
    assert d.top_name == "TurnScreen"
    return d.top


# ---- the effects, at their moments -------------------------------------------------------------------------------


def test_two_turns_of_the_probe_choose_decide_and_hear_the_news(recorded: Callable[..., Driver]) -> None:
    d = recorded()
    screen = play_probe(d)
    sound(d).forget()
    d.digit(0)
    assert sound(d).plays() == ["choose"]
    d.key(pygame.K_RETURN)
    assert d.top_name == "ConsequencesScreen"
    assert "News: A rumour in the capital" in d.visible_text(d.top)  # news landed with this choice...
    assert sound(d).plays() == ["choose", "decide", "news+0.35"]  # ...so the teleprinter follows the stamp
    d.key(pygame.K_RETURN)
    assert screen.event_title.is_news()  # the next decision is a random event, asked as news
    assert sound(d).plays() == ["choose", "decide", "news+0.35", "news"]
    d.digit(1)
    d.key(pygame.K_RETURN)
    assert d.top_name == "ConsequencesScreen"
    d.key(pygame.K_RETURN)
    assert not screen.event_title.is_news() and d.game.session.pending.event.id == "second"
    assert sound(d).plays() == ["choose", "decide", "news+0.35", "news", "choose", "decide", "page"]


def test_the_campaigns_first_two_turns_choose_decide_and_turn_the_page(recorded: Callable[..., Driver]) -> None:
    d = recorded()
    d.start("new_partnership")
    assert d.top_name == "TurnScreen"
    assert ("warm_up",) in sound(d).calls  # the device opens once the first screen shows
    sound(d).forget()
    for _ in range(2):
        d.digit(d.historical_choice())
        d.key(pygame.K_RETURN)
        assert d.top_name == "ConsequencesScreen"
        news = "News" in d.visible_text(d.top)
        d.key(pygame.K_RETURN)
        assert d.top_name == "TurnScreen"
        expected = ["choose", "decide", *(["news+0.35"] if news else []),
                    "news" if d.top.event_title.is_news() else "page"]
        assert sound(d).plays() == expected
        sound(d).forget()


def test_choosing_is_heard_once_per_new_option_by_key_arrow_or_click_and_never_on_hover(
        recorded: Callable[..., Driver]) -> None:
    d = recorded()
    screen = play_probe(d)
    sound(d).forget()
    for rect in screen.card_rects:
        d.move(rect.center)
    assert screen.hovered is not None and screen.selected is None
    assert sound(d).plays() == []
    d.digit(0)
    d.digit(0)  # the same option again: nothing new chosen
    assert sound(d).plays() == ["choose"]
    d.key(pygame.K_DOWN)
    assert screen.selected == 1
    assert sound(d).plays() == ["choose", "choose"]
    d.click(screen.card_rects[0].center)
    assert screen.selected == 0
    assert sound(d).plays() == ["choose", "choose", "choose"]


def test_a_double_click_chooses_then_decides(recorded: Callable[..., Driver]) -> None:
    d = recorded()
    screen = play_probe(d)
    sound(d).forget()
    centre = screen.card_rects[1].center
    d.click(centre)
    d.click(centre)
    assert d.top_name == "ConsequencesScreen"
    assert sound(d).plays() == ["choose", "decide"]  # "hold" brings no news


def test_decide_without_a_choice_or_on_an_unavailable_option_is_silent(recorded: Callable[..., Driver]) -> None:
    d = recorded()
    play_probe(d)
    sound(d).forget()
    d.key(pygame.K_RETURN)  # nothing chosen yet: the hint says so, no stamp
    assert d.top_name == "TurnScreen"
    assert sound(d).plays() == []


def test_stepping_back_and_going_to_a_date_turn_the_page_only_when_they_move(recorded: Callable[..., Driver]) -> None:
    d = recorded()
    screen = play_probe(d)
    sound(d).forget()
    d.ctrl(pygame.K_z)  # at the start: nothing to step back to
    assert sound(d).plays() == []
    d.digit(1)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    sound(d).forget()
    d.ctrl(pygame.K_z)
    assert d.game.session.state.turn == 0 and len(d.game.session.decisions) == 0
    assert sound(d).plays() == ["page"]
    d.digit(1)
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    sound(d).forget()
    screen.go_to_turn(0)
    assert len(d.game.session.decisions) == 0
    assert sound(d).plays() == ["page"]


@pytest.mark.parametrize(("key", "mod", "name"), [(pygame.K_F1, 0, "HelpScreen"), (pygame.K_b, 0, "BranchesScreen"),
                                                   (pygame.K_s, pygame.KMOD_LCTRL, "SaveScreen")])
def test_help_branches_and_save_open_with_the_page(recorded: Callable[..., Driver], key: int, mod: int,
                                                   name: str) -> None:
    d = recorded()
    play_probe(d)
    sound(d).forget()
    d.key(key, mod)
    assert d.top_name == name
    assert sound(d).plays() == ["page"]


def test_load_opens_with_the_page_from_the_title(recorded: Callable[..., Driver]) -> None:
    from partnership_game.ui.screens.saves import LoadScreen

    d = recorded()
    d.start(None, None, None)
    sound(d).forget()
    d.app.push(LoadScreen(d.app))
    d.settle()
    assert sound(d).plays() == ["page"]


# ---- the bed -----------------------------------------------------------------------------------------------------


def test_the_title_plays_the_calm_bed_after_its_first_frame(recorded: Callable[..., Driver]) -> None:
    d = recorded()
    open_first_screens(d.app, None, None, None)
    assert sound(d).calls == []  # nothing before the first frame: start-up never waits for the device
    d.settle()
    assert sound(d).calls == [("warm_up",), ("tension", 0.0)]
    d.settle()
    assert sound(d).calls == [("warm_up",), ("tension", 0.0)]  # once only


def test_the_beds_tension_rises_as_elite_resistance_climbs(recorded: Callable[..., Driver]) -> None:
    d = recorded()
    play_probe(d)
    calm = sound(d).tensions()
    assert calm and calm[-1] == 0.0  # the first turn, every meter at its start
    d.digit(0)  # press ahead: resistance 60 → 72, over its warning
    d.key(pygame.K_RETURN)
    d.key(pygame.K_RETURN)
    assert d.game.session.meters()["resistance"] == 72
    tense = sound(d).tensions()[-1]
    assert tense > 0.2
    d.ctrl(pygame.K_z)  # back to the start: the bed calms again
    assert sound(d).tensions()[-1] == 0.0


def test_the_campaigns_bed_follows_elite_resistance(recorded: Callable[..., Driver]) -> None:
    d = recorded()
    d.start("new_partnership")
    session = d.game.session
    before = sound(d).tensions()[-1]
    meters = session.scenario.model.meters
    resistance = next(m for m in meters if m.id == "elite_resistance")
    state = session.state
    index = [m.id for m in meters].index(resistance.id)
    state.meters[0, index] = resistance.max if resistance.good == "down" else resistance.min
    d.top.set_mood()
    assert sound(d).tensions()[-1] > before + 0.5


# ---- volumes -----------------------------------------------------------------------------------------------------


def test_the_settings_volumes_and_mute_reach_the_sound(recorded: Callable[..., Driver]) -> None:
    settings = Settings(width=1280, height=720, master_volume=0.3, music_volume=0.2, effects_volume=0.9, mute=True)
    d = recorded(settings)
    assert sound(d).volumes == Volumes(0.3, 0.2, 0.9, True)
    play_probe(d)
    manager, story = d.app.manager, d.top.story_box
    d.app.apply_settings(replace(settings, mute=False, music_volume=0.6))
    assert sound(d).calls[-1] == ("volumes", Volumes(0.3, 0.6, 0.9, False))
    assert (d.app.manager, d.top.story_box) == (manager, story)  # only heard: nothing was laid out again
    assert load_settings().music_volume == 0.6  # and kept for the next start
    sound(d).forget()
    d.app.apply_settings(replace(d.app.settings, show_previews=not d.app.settings.show_previews))
    assert d.top.story_box is not story
    assert not [c for c in sound(d).calls if c[0] == "volumes"]  # nothing about sound changed


CLASS = """format_version: 1
title: A quiet lesson
scenario: new_partnership
seed: 2001
ask_name: false
mute: {mute}
"""


@pytest.mark.parametrize("mute", [True, False])
def test_a_class_file_can_mute_the_lesson(recorded: Callable[..., Driver], tmp_path: Path, mute: bool) -> None:
    path = tmp_path / "lesson.yaml"
    path.write_text(CLASS.format(mute=str(mute).lower()), encoding="utf-8")
    d = recorded()
    open_first_screens(d.app, None, None, None, classroom=path)
    d.settle()
    assert d.app.lesson is not None and d.app.lesson.model.mute is mute
    assert sound(d).volumes == Volumes(mute=mute)


# ---- no device -----------------------------------------------------------------------------------------------

_CHILD = """
import sys
import pygame
from partnership_game.ui import app as ui_app, run as ui_run

script = [(pygame.K_1, 0), (pygame.K_RETURN, 0), (pygame.K_RETURN, 0), (pygame.K_2, 0), (pygame.K_RETURN, 0),
          (pygame.K_RETURN, 0), (pygame.K_z, pygame.KMOD_LCTRL), (pygame.K_F1, 0), (pygame.K_ESCAPE, 0)]
seen = {}
original = ui_app.App.draw

def draw(self):
    original(self)
    seen["app"] = self
    if script:
        key, mod = script.pop(0)
        for kind in (pygame.KEYDOWN, pygame.KEYUP):
            pygame.event.post(pygame.event.Event(kind, key=key, mod=mod, unicode="", scancode=0))
    else:
        seen["state"] = self.sound.state
        seen["decisions"] = len(self.top.game.session.decisions)
        pygame.event.post(pygame.event.Event(pygame.QUIT))

ui_app.App.draw = draw
status = ui_run.run_window("new_partnership", 1)
with open(sys.argv[1], "w") as out:
    out.write(f"{status} {seen['state']} {seen['decisions']} {seen['app'].sound.state}")
"""


def test_the_game_plays_silently_under_the_dummy_audio_driver(tmp_path: Path) -> None:
    """The real start-up path, two decisions, a step back, Help and quit: no word on any stream."""
    result = tmp_path / "result.txt"
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1",
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    child = subprocess.run([sys.executable, "-c", textwrap.dedent(_CHILD), str(result)], capture_output=True,
                           text=True, timeout=120, env=env, cwd=REPO)
    assert (child.returncode, child.stdout, child.stderr) == (0, "", "")
    # Exit 0; the sound found no device worth opening (silent) while playing; one decision stands after the step
    # back; closed at the end.
    assert result.read_text(encoding="utf-8") == "0 silent 1 closed"
