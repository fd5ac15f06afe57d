"""Outputs that are not regular files: every writer refuses an existing pipe or a link to a device as its target,
with exit status 1 and a message, and leaves the target as it was (still a pipe, still a link to a device)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_game.files import FileProblem, check_target, write_atomic
from partnership_game.scenario import load_path
from partnership_game.session import Session, write_save
from partnership_game.session.saves import write_atomic as old_home_write_atomic
from partnership_game.text.play import scripted
from partnership_game.ui.settings import Settings, save_settings

REPO = Path(__file__).resolve().parent.parent.parent
TINY = REPO / "tests" / "data" / "tiny.yaml"
HANG_GUARD = 60  # generous: a report replays the save and draws charts; only so a hang fails

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/null").exists(),
                                reason="needs named pipes and /dev/null")


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "partnership_game", *map(str, args)], cwd=REPO,
                            env=dict(os.environ), capture_output=True, text=True, timeout=HANG_GUARD,
                            stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def target(folder: Path, kind: str, name: str) -> Path:
    """An existing pipe, or a link to /dev/null (never /dev/null itself: a regression must not replace it)."""
    path = folder / name
    if kind == "pipe":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/null")
    return path


def assert_untouched(path: Path, kind: str) -> None:
    if kind == "pipe":
        assert stat.S_ISFIFO(os.lstat(path).st_mode)
    else:
        assert path.is_symlink() and os.readlink(path) == "/dev/null"
        assert stat.S_ISCHR(os.stat(path).st_mode)
    leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    session = Session(load_path(TINY), 4242, player="Tester")
    scripted(session, "historical")
    path = tmp_path_factory.mktemp("saves") / "student.json"
    write_save(path, session)
    return path


KINDS = ("pipe", "link to a device")


@pytest.mark.parametrize("kind", KINDS)
def test_write_atomic_refuses_and_leaves_the_target(tmp_path: Path, kind: str) -> None:
    path = target(tmp_path, kind, "out.bin")
    for write in (write_atomic, old_home_write_atomic):
        with pytest.raises(FileProblem) as info:
            write(path, b"data")
        assert isinstance(info.value, OSError)  # the callers' `except OSError` answers it
        expected = "a pipe" if kind == "pipe" else "a device"
        assert info.value.strerror == f"is not a regular file ({expected}); it was left as it is"
        assert_untouched(path, kind)
    with pytest.raises(FileProblem):
        check_target(path)


def test_write_atomic_still_replaces_a_regular_file_and_refuses_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "out.bin"
    path.write_bytes(b"old")
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    with pytest.raises(FileProblem, match="is a folder"):
        write_atomic(tmp_path, b"data")
    with pytest.raises(FileProblem, match="not a file name"):
        write_atomic(tmp_path / "bad\0name", b"data")


@pytest.mark.parametrize("kind", KINDS)
def test_settings_are_not_written_over_a_device(tmp_path: Path, kind: str) -> None:
    path = target(tmp_path, kind, "settings.json")
    with pytest.raises(OSError, match="is not a regular file"):
        save_settings(Settings(width=1600), path)
    assert_untouched(path, kind)


@pytest.mark.parametrize("kind", KINDS)
def test_report_out(tmp_path: Path, kind: str, save: Path) -> None:
    out = target(tmp_path, kind, "report.html")
    result = cli("report", save, "--out", out)
    assert result.returncode == 1
    assert f"{out}: error: cannot write: is not a regular file" in result.stderr
    assert_untouched(out, kind)


@pytest.mark.parametrize("kind", KINDS)
def test_report_csv_refused_before_the_page_is_written(tmp_path: Path, kind: str, save: Path) -> None:
    out = tmp_path / "report.html"
    table = target(tmp_path, kind, "log.csv")
    result = cli("report", save, "--out", out, "--csv", table)
    assert result.returncode == 1
    assert f"{table}: error: cannot write: is not a regular file" in result.stderr
    assert_untouched(table, kind)
    assert not out.exists()  # every target is checked before the first is written


@pytest.mark.parametrize("kind", KINDS)
def test_class_report_out_and_csv(tmp_path: Path, kind: str, save: Path) -> None:
    out = target(tmp_path, kind, "class.html")
    result = cli("class-report", save, "--out", out)
    assert result.returncode == 1
    assert f"{out}: error: cannot write: is not a regular file" in result.stderr
    assert_untouched(out, kind)

    page = tmp_path / "page.html"
    table = target(tmp_path, kind, "class.csv")
    result = cli("class-report", save, "--out", page, "--csv", table)
    assert result.returncode == 1
    assert f"{table}: error: cannot write: is not a regular file" in result.stderr
    assert_untouched(table, kind)
    assert not page.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_play_save(tmp_path: Path, kind: str) -> None:
    path = target(tmp_path, kind, "game.json")
    result = cli("play", "--text", "--scenario", TINY, "--choices", "historical", "--save", path)
    assert result.returncode == 1
    assert f"{path}: error: cannot write the save: is not a regular file" in result.stderr
    assert_untouched(path, kind)
