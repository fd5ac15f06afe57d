"""Every way SDL can refuse to open a window ends in exit 2 and the `play --text` hint, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from partnership_game.ui import run

# DISPLAY ":99" names an X server that does not exist; None removes the variable.
REFUSALS = {
    "empty driver, a display that does not answer": ("", ":99"),
    "empty driver, no display": ("", None),
    "unknown driver": ("nonsense", ":99"),
    "x11 without DISPLAY": ("x11", None),
    "x11 with a display that does not answer": ("x11", ":99"),
    "wayland without WAYLAND_DISPLAY": ("wayland", None),
}


def _play(tmp_path: Path, driver: str, display: str | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env["SDL_VIDEODRIVER"] = driver
    if display is not None:
        env["DISPLAY"] = display
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    return subprocess.run([sys.executable, "-m", "partnership_game", *args], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, check=False)


def _assert_hint(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    # libwayland writes its own complaint straight to the terminal before SDL gives up; ours is the one line after.
    ours = [line for line in lines if line.startswith("partnership-game: ")]
    assert len(ours) == 1 and lines[-1] == ours[0], result.stderr
    assert "play in the terminal with 'partnership-game play --text'" in ours[0]
    assert not result.stdout.strip()
    return ours[0]


@pytest.mark.parametrize(("driver", "display"), REFUSALS.values(), ids=list(REFUSALS))
def test_a_refused_window_gives_the_text_hint(tmp_path: Path, driver: str, display: str | None) -> None:
    line = _assert_hint(_play(tmp_path, driver, display, "play"))
    if display is not None or driver:
        # SDL was asked and said no: the line names the driver it was told to use and SDL's own reason.
        assert "cannot open a window" in line
        assert ("SDL_VIDEODRIVER is set but empty" in line) if not driver else (f"SDL_VIDEODRIVER={driver}:" in line)
        assert "not available" in line


def test_the_class_window_is_refused_the_same_way(tmp_path: Path) -> None:
    _assert_hint(_play(tmp_path, "nonsense", ":99", "--class", str(tmp_path / "class.yaml")))


def test_a_driver_name_with_an_escape_is_shown_inert(tmp_path: Path) -> None:
    line = _assert_hint(_play(tmp_path, "\x1b]0;owned\x07", ":99", "play"))
    assert "\x1b" not in line and "\x07" not in line
    assert "SDL_VIDEODRIVER=\\x1b]0;owned\\x07:" in line


def test_a_window_refused_after_the_driver_started_gives_the_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The driver starts (dummy) but the window itself is refused, as a display that drops the connection would."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")

    def refuse(*args: object, **kwargs: object) -> pygame.Surface:
        raise pygame.error("Couldn't create window")

    monkeypatch.setattr(pygame.display, "set_mode", refuse)
    assert run.run_window() == run.EXIT_NO_DISPLAY
    err = capsys.readouterr().err
    assert "cannot open a window (SDL_VIDEODRIVER=dummy: Couldn't create window)" in err
    assert run.TEXT_HINT in err
    assert not pygame.display.get_init()  # the display was shut again


def test_a_pygame_error_once_the_window_is_open_is_not_called_a_display_problem(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only opening the display is covered: a fault in the game itself must not hide behind the hint."""
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")

    def broken(*args: object, **kwargs: object) -> None:
        raise pygame.error("a fault inside the game")

    monkeypatch.setattr(run, "open_first_screens", broken)
    with pytest.raises(pygame.error, match="a fault inside the game"):
        run.run_window()
