"""Files that are not regular files: every reader refuses a pipe, /dev/zero and a link to it, without waiting for
the pipe or reading the device, with a message naming the path (and for a class report's inputs, a skip)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from partnership_game.files import FileProblem, read_regular
from partnership_game.scenario import load_path
from partnership_game.session import Session, write_save
from partnership_game.session.saves import list_saves
from partnership_game.text.play import scripted
from partnership_game.ui.settings import Settings, load_settings

REPO = Path(__file__).resolve().parent.parent.parent
TINY = REPO / "tests" / "data" / "tiny.yaml"
ANSWER_WITHIN = 2  # seconds, in process: a pipe would wait forever, /dev/zero would be read until memory runs out
# A command also starts Python and imports its modules (about 0.4 s here, more on a loaded machine); the guard
# allows for that on top of the 2 s the reading itself may take.
CLI_HANG_GUARD = 10
KINDS = ("pipe", "device", "link to a device")

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(),
                                reason="needs named pipes and /dev/zero")

NOT_A_HAND_IN = "this is not an ordinary file, so it cannot be a hand-in: ask for the right file"


def special(folder: Path, kind: str, name: str) -> Path:
    """A pipe made here, /dev/zero itself, or a link named `name` to /dev/zero."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "device":
        return Path("/dev/zero")
    path = folder / name
    if kind == "pipe":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    return path


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "partnership_game", *map(str, args)], cwd=REPO,
                            env=dict(os.environ), capture_output=True, text=True, timeout=CLI_HANG_GUARD,
                            stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def within_guard(action: Callable[[], Any], path: Path) -> Any:
    """Run `action` in a thread; fail (after unblocking a waiting pipe) if it does not answer in time."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = action()
        except BaseException as exc:  # handed to the test below
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(ANSWER_WITHIN)
    if worker.is_alive():
        if stat.S_ISFIFO(os.lstat(path).st_mode):
            os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))  # a reader waits: give it an end of file
        worker.join(ANSWER_WITHIN)
        pytest.fail(f"reading {path} did not answer within {ANSWER_WITHIN} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture(scope="module")
def good_save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    session = Session(load_path(TINY), 4242, player="Tester")
    scripted(session, "historical")
    path = tmp_path_factory.mktemp("good") / "good.json"
    write_save(path, session)
    return path


# ---- the shared reader --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_read_regular_refuses_without_opening(tmp_path: Path, kind: str) -> None:
    path = special(tmp_path, kind, "x.json")
    with pytest.raises(FileProblem) as info:
        within_guard(lambda: read_regular(path, 1024, "save file"), path)
    assert info.value.kind == "special" and info.value.path == path
    expected = "a pipe" if kind == "pipe" else "a device"
    assert str(info.value) == f"is not a regular file ({expected})"


def test_read_regular_names_the_other_reasons(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_bytes(b"12345")
    assert read_regular(tmp_path / "ok.txt", 5, "save file") == b"12345"
    (tmp_path / "link.txt").symlink_to(tmp_path / "ok.txt")
    assert read_regular(tmp_path / "link.txt", 5, "save file") == b"12345"  # a link to a regular file is fine
    cases = {
        tmp_path / "ok.txt": ("size", "is 5 bytes; the limit is 4"),
        tmp_path / "nope.txt": ("missing", "no such file"),
        tmp_path: ("folder", "is a folder, not a save file"),
        tmp_path / "bad\0name": ("name", "is not a file name this system can open"),
    }
    for path, (kind, reason) in cases.items():
        with pytest.raises(FileProblem) as info:
            read_regular(path, 4, "save file")
        assert (info.value.kind, str(info.value)) == (kind, reason)
        assert isinstance(info.value, OSError) and info.value.strerror == reason


@pytest.mark.parametrize("kind", KINDS)
def test_settings_fall_back_to_defaults(tmp_path: Path, kind: str) -> None:
    path = special(tmp_path, kind, "settings.json")
    assert within_guard(lambda: load_settings(path), path) == Settings()


def test_the_load_screen_lists_a_pipe_with_its_reason(tmp_path: Path, good_save: Path) -> None:
    folder = tmp_path / "saves"
    special(folder, "pipe", "pipe.json")
    special(folder, "link to a device", "zero.json")
    (folder / "good.json").write_bytes(good_save.read_bytes())
    summaries = within_guard(lambda: list_saves(folder), folder / "pipe.json")
    reasons = {s.path.name: s.error for s in summaries}
    assert reasons == {"good.json": None, "pipe.json": "is not a regular file (a pipe)",
                       "zero.json": "is not a regular file (a device)"}


# ---- every command that reads a file ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_validate_refuses_a_scenario(tmp_path: Path, kind: str) -> None:
    path = special(tmp_path, kind, "scenario.yaml")
    result = cli("validate", path)
    assert result.returncode == 1
    assert f"{path}:1:1: error: is not a regular file" in result.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_play_refuses_a_save(tmp_path: Path, kind: str) -> None:
    path = special(tmp_path, kind, "save.json")
    result = cli("play", "--text", "--load", path)
    assert result.returncode == 1
    assert f"{path}: error: is not a regular file" in result.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_report_refuses_a_save_and_writes_nothing(tmp_path: Path, kind: str) -> None:
    path = special(tmp_path, kind, "save.json")
    out = tmp_path / "out" / "report.html"
    result = cli("report", path, "--out", out)
    assert result.returncode == 1
    assert f"{path}: error: is not a regular file" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_check_class_refuses_a_class_file(tmp_path: Path, kind: str) -> None:
    path = special(tmp_path, kind, "class.yaml")
    result = cli("check-class", path)
    assert result.returncode == 1
    assert f"{path}:1:1: error: is not a regular file" in result.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_class_report_refuses_a_class_file(tmp_path: Path, kind: str, good_save: Path) -> None:
    path = special(tmp_path, kind, "class.yaml")
    out = tmp_path / "class.html"
    result = cli("class-report", good_save, "--class", path, "--out", out)
    assert result.returncode == 1
    assert f"{path}:1:1: error: is not a regular file" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_class_report_skips_an_input_named_directly(tmp_path: Path, kind: str, good_save: Path) -> None:
    path = special(tmp_path, kind, "student.json")
    out = tmp_path / "class.html"
    result = cli("class-report", good_save, path, "--out", out)
    assert result.returncode == 0, result.stderr
    assert f"{path}: skipped: {NOT_A_HAND_IN} (is not a regular file" in result.stderr
    assert "skipped 1." in result.stdout and out.exists()


def test_class_report_skips_pipes_and_devices_in_a_folder(tmp_path: Path, good_save: Path) -> None:
    folder = tmp_path / "class"
    fifo = special(folder, "pipe", "pipe.json")
    link = special(folder, "link to a device", "zero.json")
    (folder / "good.json").write_bytes(good_save.read_bytes())
    out = tmp_path / "class.html"
    result = cli("class-report", folder, "--out", out)
    assert result.returncode == 0, result.stderr
    assert f"{fifo}: skipped: {NOT_A_HAND_IN} (is not a regular file (a pipe)" in result.stderr
    assert f"{link}: skipped: {NOT_A_HAND_IN} (is not a regular file (a device)" in result.stderr
    assert "Read 1 save(s)" in result.stdout and out.exists()


def test_an_event_image_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    mod = tmp_path / "mod"
    special(mod / "images", "pipe", "pic.png")
    (mod / "tiny.yaml").write_text(TINY.read_text(encoding="utf-8").replace(
        "    situation: Something happens.\n",
        "    situation: Something happens.\n    image: {file: images/pic.png, caption: A test, credit: The tests}\n"),
        encoding="utf-8")
    result = cli("validate", mod / "tiny.yaml")
    assert result.returncode == 1
    assert "error: image 'images/pic.png' is not a regular file (a pipe)" in result.stderr
    assert str(mod / "tiny.yaml") in result.stderr


def test_an_event_image_linked_to_a_device_is_refused(tmp_path: Path) -> None:
    mod = tmp_path / "mod"
    special(mod / "images", "link to a device", "pic.png")
    (mod / "tiny.yaml").write_text(TINY.read_text(encoding="utf-8").replace(
        "    situation: Something happens.\n",
        "    situation: Something happens.\n    image: {file: images/pic.png, caption: A test, credit: The tests}\n"),
        encoding="utf-8")
    result = cli("validate", mod / "tiny.yaml")
    assert result.returncode == 1
    assert "error: image 'images/pic.png' leads out of the scenario's folder" in result.stderr
