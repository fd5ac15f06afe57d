"""Leftovers of interrupted writes: the temporary files a killed save leaves beside it are swept by the next write
to that folder, while a temporary file another writer may still be filling is left alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from partnership_game.files import SAME_TARGET_GRACE_SECONDS, STALE_TEMPORARY_SECONDS, write_atomic
from partnership_game.session import read_save, write_save

REPO = Path(__file__).resolve().parent.parent.parent
TINY = REPO / "tests" / "data" / "tiny.yaml"
HANG_GUARD = 60  # generous; only so a hang fails


def leftover(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_bytes(b'{"half a save')
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_the_next_write_sweeps_old_leftovers_and_spares_live_ones(tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    folder.mkdir()
    mine_old = leftover(folder, ".slot.json.abcd1234.tmp", SAME_TARGET_GRACE_SECONDS + 60)
    mine_new = leftover(folder, ".slot.json.efgh5678.tmp", 0)  # perhaps another process saving this slot now
    other_stale = leftover(folder, ".other.json.ijkl9012.tmp", STALE_TEMPORARY_SECONDS + 60)
    other_recent = leftover(folder, ".other.json.mnop3456.tmp", 60)
    not_ours = [leftover(folder, name, STALE_TEMPORARY_SECONDS + 60)
                for name in ("notes.tmp", ".slot.json.tmp", ".slot.json.toolongname.tmp", "slot.json.abcd1234.tmp")]
    (folder / ".dir.json.qrst7890.tmp").mkdir()
    os.utime(folder / ".dir.json.qrst7890.tmp", (0, 0))

    write_atomic(folder / "slot.json", b"{}")

    assert (folder / "slot.json").read_bytes() == b"{}"
    assert not mine_old.exists() and not other_stale.exists()
    assert mine_new.exists() and other_recent.exists()
    assert all(path.exists() for path in not_ours)
    assert (folder / ".dir.json.qrst7890.tmp").is_dir()


def test_a_link_named_like_a_leftover_is_not_followed(tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    folder = tmp_path / "saves"
    folder.mkdir()
    link = folder / ".slot.json.abcd1234.tmp"
    link.symlink_to(precious)
    os.utime(link, (0, 0), follow_symlinks=False)
    write_atomic(folder / "slot.json", b"{}")
    assert precious.read_text(encoding="utf-8") == "keep me" and link.is_symlink()


CHILD = r"""
import os, sys, time
from pathlib import Path
from partnership_game.scenario import load_path
from partnership_game.session import Session, write_save

target, marker, scenario = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
session = Session(load_path(scenario), 11)
session.choose(0)
write_save(target, session)


def stall(*args, **kwargs):
    marker.write_text("stalled")
    while True:
        time.sleep(0.05)


session.choose(0)
os.replace = stall   # the new save is whole in its temporary file, never renamed
write_save(target, session)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_save_killed_mid_write_leaves_a_leftover_that_the_next_save_sweeps(tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    folder.mkdir()
    target, marker = folder / "slot.json", tmp_path / "stalled"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(target), str(marker), str(TINY)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + HANG_GUARD
        while not marker.exists():
            assert child.poll() is None, "the child ended before stalling"
            assert time.monotonic() < deadline, "the child never reached the stall"
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=HANG_GUARD)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    (temporary,) = [p for p in folder.iterdir() if p != target]
    assert temporary.name.startswith(".slot.json.") and temporary.name.endswith(".tmp")

    # Right after the kill the leftover is young: the next save of the same slot leaves it (it could be a live
    # writer's); once it is older than the grace period, the next save into the folder removes it.
    session = read_save(target)
    assert len(session.timeline.nodes) == 1
    write_save(target, session)
    assert temporary.exists()
    then = time.time() - SAME_TARGET_GRACE_SECONDS - 1
    os.utime(temporary, (then, then))
    write_save(target, session)
    assert sorted(p.name for p in folder.iterdir()) == ["slot.json"]
    assert read_save(target).timeline.nodes == session.timeline.nodes


def test_a_command_writing_a_save_sweeps_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    folder.mkdir()
    stale = leftover(folder, ".autosave-tiny.json.zz99yy88.tmp", STALE_TEMPORARY_SECONDS + 60)
    target = folder / "game.json"
    result = subprocess.run([sys.executable, "-m", "partnership_game", "play", "--text", "--scenario", str(TINY),
                             "--choices", "historical", "--save", str(target)], cwd=REPO, capture_output=True,
                            text=True, timeout=HANG_GUARD, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and target.exists()
    assert sorted(p.name for p in folder.iterdir()) == ["game.json"]

