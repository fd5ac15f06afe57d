"""Sound: the committed files are clean loops and level effects, they load, volumes and mute apply, and the game is
silent (without a word or a wait) when there is no device, no driver or a failing one."""

from __future__ import annotations

import importlib.util
import itertools
import json
import math
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from partnership_game.classroom.classfile import ClassFile
from partnership_game.ui import sound as sound_module
from partnership_game.ui.settings import Settings, load_settings, save_settings
from partnership_game.ui.sound import (
    BED,
    EFFECTS,
    Sound,
    Volumes,
    audio_available,
    bed_mix,
    tension_of,
    volumes_from,
)

REPO = Path(__file__).resolve().parents[2]
FOLDER = REPO / "assets" / "sound"
HANG_GUARD_S = 2.0


@pytest.fixture(autouse=True)
def _patient(monkeypatch: pytest.MonkeyPatch) -> None:
    """A busy test machine may keep the worker waiting: only the test about late clicks should see any dropped."""
    monkeypatch.setattr(sound_module, "STALE_S", 1.0)


def _script() -> Any:
    spec = importlib.util.spec_from_file_location("make_sounds", REPO / "scripts" / "make_sounds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wait_until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + HANG_GUARD_S
    while not condition():
        assert time.monotonic() < deadline, "the sound worker did not get there"
        time.sleep(0.005)


class FakeBackend:
    """Records what the worker asks of an audio library; `gate` holds open() until the test lets it go."""

    def __init__(self, gate: threading.Event | None = None, fail_on: str = "") -> None:
        self.gate = gate
        self.fail_on = fail_on
        self.played: list[tuple[str, float]] = []
        self.layers: dict[int, float] = {}
        self.looping: list[str] = []
        self.stopped = 0
        self.closed = False

    def _maybe_fail(self, what: str) -> None:
        if what == self.fail_on:
            raise RuntimeError(f"{what} failed")

    def open(self) -> None:
        if self.gate is not None:
            self.gate.wait(HANG_GUARD_S)
        self._maybe_fail("open")

    def load(self, path: Path) -> Any:
        self._maybe_fail("load")
        return path.stem

    def play(self, sound: Any, volume: float) -> None:
        self._maybe_fail("play")
        self.played.append((sound, volume))

    def loop(self, layer: int, sound: Any) -> None:
        self.looping.append(sound)

    def set_layer(self, layer: int, volume: float) -> None:
        self.layers[layer] = volume

    def stop_layers(self) -> None:
        self.stopped += 1
        self.looping.clear()

    def close(self) -> None:
        self.closed = True

    def on_quit(self, callback: Callable[[], None]) -> None:
        self.quit_hook = callback


def fake_sound(backend: FakeBackend, volumes: Volumes | None = None, folder: Path = FOLDER) -> Sound:
    return Sound(folder, volumes, backend=lambda: backend, allow_dummy=True)


# ---- the committed files ---------------------------------------------------------------------------------------

def test_every_sound_is_committed_and_passes_the_scripts_checks() -> None:
    report, problems = _script().check(FOLDER)
    assert problems == []
    assert set(report["sounds"]) == {*EFFECTS, *BED}
    assert report["total_bytes"] < 2_000_000
    for name in EFFECTS:
        assert report["sounds"][name]["seconds"] <= 1.5
    for name in BED:
        assert 10 <= report["sounds"][name]["seconds"] <= 20


def test_the_seam_check_finds_a_loop_that_does_not_join() -> None:
    script = _script()
    t = np.arange(script.RATE * 2) / script.RATE
    whole = 0.3 * np.sin(2 * np.pi * 110 * t + 1.0)  # 220 whole cycles: joins (seamed away from the steepest point)
    broken = 0.3 * np.sin(2 * np.pi * 110.25 * t + 1.0)  # a quarter cycle over: a step at the seam
    ok, bad = script.seam(whole), script.seam(broken)
    assert ok["seam_step"] <= ok["step_p99"] and ok["seam_click_db"] <= ok["click_p99_db"]
    assert bad["seam_step"] > bad["step_p99"] and bad["seam_click_db"] > bad["click_p99_db"]


def test_the_files_load_in_pygames_mixer() -> None:
    import pygame

    pygame.mixer.init(frequency=22050, size=-16, channels=2)
    try:
        for name in (*EFFECTS, *BED):
            loaded = pygame.mixer.Sound(str(FOLDER / f"{name}.wav"))
            assert loaded.get_length() > 0.1, name
    finally:
        pygame.mixer.quit()


def test_the_real_backend_plays_effects_and_the_bed_under_the_dummy_driver() -> None:
    import pygame

    sound = Sound(FOLDER, Volumes(master=0.5), allow_dummy=True)
    try:
        sound.play("choose")
        sound.set_tension(0.8)
        wait_until(lambda: sound.state == "ready")
        wait_until(lambda: pygame.mixer.get_init() is not None and pygame.mixer.Channel(0).get_busy())
        assert all(pygame.mixer.Channel(layer).get_busy() for layer in range(len(BED)))
    finally:
        sound.close(wait_s=HANG_GUARD_S)
    assert pygame.mixer.get_init() is None


# ---- silence without a word ------------------------------------------------------------------------------------

def test_the_dummy_driver_means_silence_without_a_message(capfd: pytest.CaptureFixture[str]) -> None:
    assert os.environ["SDL_AUDIODRIVER"] == "dummy"
    sound = Sound(FOLDER)
    sound.play("news")
    wait_until(lambda: sound.state == "silent")
    sound.play("decide")
    sound.set_tension(1.0)
    sound.close()
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the no-sound-card case is Linux's ALSA fallback")
def test_a_machine_without_a_sound_device_starts_silently(tmp_path: Path) -> None:
    # No driver forced, no sound server: on a machine with a sound card this opens it (at volume 0); without one
    # SDL would fall back to ALSA and print its errors, which must not reach the player's terminal.
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_AUDIODRIVER", "PULSE_SERVER")}
    env["XDG_RUNTIME_DIR"] = str(tmp_path)
    code = (
        "import time\n"
        "from partnership_game.ui.sound import Sound, Volumes\n"
        "s = Sound(volumes=Volumes(master=0.0))\n"
        "s.play('news')\n"
        "deadline = time.monotonic() + 2\n"
        "while s.state == 'opening' and time.monotonic() < deadline: time.sleep(0.01)\n"
        "s.close()\n"
        "print(s.state)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0
    assert done.stderr == ""
    assert done.stdout.strip() == "closed"


def test_which_drivers_are_worth_opening(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    assert audio_available() is False
    assert audio_available(allow_dummy=True) is True
    monkeypatch.setenv("SDL_AUDIODRIVER", "pulseaudio")  # a driver the player chose: try it
    assert audio_available() is True
    if sys.platform.startswith("linux"):
        monkeypatch.delenv("SDL_AUDIODRIVER")
        monkeypatch.delenv("PULSE_SERVER", raising=False)
        (tmp_path / "pulse").mkdir()
        (tmp_path / "pulse" / "native").touch()  # a sound server's socket
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
        assert audio_available() is True


@pytest.mark.parametrize("fail_on", ["open", "load", "play"])
def test_a_failing_backend_is_silence_and_play_never_raises(fail_on: str) -> None:
    backend = FakeBackend(fail_on=fail_on)
    sound = fake_sound(backend)
    sound.play("choose")
    wait_until(lambda: sound.state == "silent" or (fail_on == "play" and sound.state == "ready"))
    sound.play("choose")
    wait_until(lambda: sound.state == "silent")
    for name in (*EFFECTS, "no such sound"):
        sound.play(name)
    sound.set_tension(0.5)
    sound.close()
    assert backend.played == []


def test_missing_files_are_silence(tmp_path: Path) -> None:
    sound = fake_sound(FakeBackend(), folder=tmp_path)
    sound.play("choose")
    wait_until(lambda: sound.state == "silent")


def test_play_returns_while_the_device_is_still_opening() -> None:
    gate = threading.Event()
    backend = FakeBackend(gate=gate)
    sound = fake_sound(backend)
    calls = threading.Thread(target=lambda: [sound.play("choose") for _ in range(200)])
    calls.start()
    calls.join(HANG_GUARD_S)
    assert not calls.is_alive(), "play() waited for the device"
    assert sound.state == "opening"
    time.sleep(sound_module.STALE_S + 0.05)  # the clicks asked for during the wait are stale by now
    gate.set()
    wait_until(lambda: sound.state == "ready")
    sound.play("decide")
    wait_until(lambda: bool(backend.played))
    sound.close()
    assert [name for name, _ in backend.played] == ["decide"]
    assert backend.closed


def test_a_delayed_effect_follows_and_odd_arguments_change_nothing() -> None:
    backend = FakeBackend()
    sound = fake_sound(backend)
    sound.play("news", delay=0.15)
    sound.play("decide")
    for odd in (None, 3, "", "no such sound"):
        sound.play(odd)  # type: ignore[arg-type]
    sound.play("page", delay="soon")  # type: ignore[arg-type]
    sound.play("choose", delay=math.nan)
    sound.set_tension("high")  # type: ignore[arg-type]
    wait_until(lambda: len(backend.played) == 4)
    sound.close()
    assert [name for name, _ in backend.played] == ["decide", "page", "choose", "news"]
    assert sound.state == "closed"


def test_after_pygame_quits_nothing_reaches_the_mixer() -> None:
    backend = FakeBackend()
    sound = fake_sound(backend)
    sound.play("choose")
    wait_until(lambda: len(backend.played) == 1)
    backend.quit_hook()  # what pygame.quit() does first
    sound.play("decide")
    sound.set_tension(1.0)
    wait_until(lambda: sound.state == "silent")
    sound.close()
    assert len(backend.played) == 1 and backend.looping == [] and not backend.closed


def test_pygame_quit_while_the_bed_plays_does_not_crash_the_game() -> None:
    # A Sound played after the mixer is gone crashes the process (a segmentation fault), so this runs in a child.
    code = (
        "import time, pygame\n"
        "from partnership_game.ui.sound import Sound, Volumes\n"
        "s = Sound(volumes=Volumes(master=0.1), allow_dummy=True)\n"
        "s.set_tension(0.9)\n"
        "deadline = time.monotonic() + 2\n"
        "while s.state == 'opening' and time.monotonic() < deadline: time.sleep(0.01)\n"
        "for _ in range(50): s.play('choose'); s.set_tension(0.2)\n"
        "time.sleep(0.1)\n"  # the worker is through its backlog and holds live Sounds when the mixer goes
        "pygame.quit()\n"
        "for _ in range(50): s.play('news'); s.set_tension(0.7)\n"
        "time.sleep(0.3)\n"
        "s.close()\n"
        "print(s.state)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30,
                          env={**os.environ, "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1"})
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, "closed", "")


# ---- volumes, mute and the bed ---------------------------------------------------------------------------------

def test_effects_play_at_master_times_effects_volume_and_not_at_all_when_muted() -> None:
    backend = FakeBackend()
    sound = fake_sound(backend, Volumes(master=0.5, effects=0.6))
    sound.play("page")
    wait_until(lambda: len(backend.played) == 1)
    assert backend.played[0][0] == "page"
    assert backend.played[0][1] == pytest.approx(0.3)
    sound.set_volumes(Volumes(master=0.5, effects=0.6, mute=True))
    sound.play("news")
    sound.set_volumes(Volumes(master=1.0, effects=0.25))
    sound.play("decide")
    wait_until(lambda: len(backend.played) == 2)
    sound.close()
    assert backend.played[1][0] == "decide"
    assert backend.played[1][1] == pytest.approx(0.25)


def test_the_bed_glides_to_the_tension_mix_at_the_music_volume_and_a_mute_stops_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sound_module, "GLIDE_S", 0.1)  # a quick glide, so the test does not wait for it
    backend = FakeBackend()
    sound = fake_sound(backend, Volumes(master=0.5, music=0.8))
    sound.set_tension(1.0)
    expected = [gain * 0.4 for gain in bed_mix(1.0)]
    wait_until(lambda: [round(backend.layers.get(i, -1), 6) for i in range(3)] == [round(g, 6) for g in expected])
    assert sorted(backend.looping) == sorted(BED)
    sound.set_volumes(Volumes(mute=True))
    wait_until(lambda: backend.stopped == 1)
    assert all(volume == 0 for volume in backend.layers.values())
    sound.close()


def test_the_mix_moves_from_calm_to_strain() -> None:
    calm, unease, strain = bed_mix(0.0)
    assert calm == 1.0 and unease == 0.0 and strain == 0.0
    mixes = [bed_mix(x / 20) for x in range(21)]
    assert all(a[0] >= b[0] and a[1] <= b[1] and a[2] <= b[2] for a, b in itertools.pairwise(mixes))
    assert all(g > 0 for g in bed_mix(1.0))
    assert bed_mix(float("nan")) == bed_mix(0.0)


def meter(value: float, start: float, good: str, lo: float = 0, hi: float = 100) -> SimpleNamespace:
    return SimpleNamespace(value=value, start=start, good=good, minimum=lo, maximum=hi)


def test_tension_rises_as_meters_go_the_bad_way_from_their_start() -> None:
    assert tension_of([]) == 0.0
    calm = [meter(40, 40, "down"), meter(30, 30, "up")]
    assert tension_of(calm) == 0.0
    better = [meter(20, 40, "down"), meter(60, 30, "up")]
    assert tension_of(better) == 0.0
    rising = [meter(70, 40, "down"), meter(30, 30, "up")]
    worse = [meter(95, 40, "down"), meter(10, 30, "up")]
    assert 0 < tension_of(rising) < tension_of(worse) <= 1.0
    assert tension_of([meter(100, 40, "down")]) == 1.0
    assert tension_of([meter(100, 100, "down")]) == 0.0  # started at the bad end: no road left to measure


# ---- where the volumes live ------------------------------------------------------------------------------------

def test_settings_keep_the_volumes_and_bring_bad_ones_back_into_range(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(Settings(master_volume=0.3, music_volume=0.0, effects_volume=1.0, mute=True), path)
    loaded = load_settings(path)
    assert (loaded.master_volume, loaded.music_volume, loaded.effects_volume, loaded.mute) == (0.3, 0.0, 1.0, True)
    path.write_text(json.dumps({"master_volume": 7, "music_volume": -2.5, "effects_volume": "loud"}))
    loaded = load_settings(path)
    assert (loaded.master_volume, loaded.music_volume, loaded.effects_volume) == (1.0, 0.0, 0.8)
    assert Settings(master_volume=math.nan).validated().master_volume == 0.8


def test_a_class_file_can_silence_the_lesson() -> None:
    base = {"format_version": 1, "title": "A lesson", "scenario": "tiny.yaml", "seed": 1}
    assert ClassFile.model_validate(base).mute is False
    assert ClassFile.model_validate({**base, "mute": True}).mute is True
    settings = Settings(mute=False, master_volume=1.0)
    assert volumes_from(settings).effects_gain == pytest.approx(0.8)
    assert volumes_from(settings, class_mute=True).effects_gain == 0.0
    assert volumes_from(Settings(mute=True)).music_gain == 0.0
