"""Atomic saves: a process killed while writing, or an error while writing, leaves the old save whole."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from partnership_game.session import Session, read_save, write_save
from partnership_game.session.saves import write_atomic

CHILD = r"""
import os, sys, time
from pathlib import Path
from partnership_game.scenario import load_path
from partnership_game.session import Session, write_save

target, marker, scenario, mode = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
session = Session(load_path(scenario), 11)
session.choose(0)
write_save(target, session)          # the good first save
session.choose(0)                    # one more decision: the second save differs


def stall(*args, **kwargs):
    marker.write_text(mode)
    while True:
        time.sleep(0.05)


if mode == "fsync":                  # the whole new save is in the temporary file, not yet synced or renamed
    os.fsync = stall
elif mode == "replace":              # synced, about to be renamed over the old save
    os.replace = stall
elif mode == "half":                 # half of the new save written
    real_fdopen = os.fdopen

    class Half:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.handle.__exit__(*exc)

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            stall()

        def flush(self):
            self.handle.flush()

        def fileno(self):
            return self.handle.fileno()

    os.fdopen = lambda fd, *a, **k: Half(real_fdopen(fd, *a, **k))
write_save(target, session)
print("the second save completed", flush=True)
"""


def _run_and_kill(tmp_path: Path, tiny_path: Path, mode: str) -> tuple[Path, subprocess.Popen[bytes]]:
    saves = tmp_path / "saves"
    saves.mkdir()
    target = saves / "slot.json"
    marker = tmp_path / "stalled"
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(target), str(marker), str(tiny_path), mode],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            if proc.poll() is not None:
                out, err = proc.communicate()
                pytest.fail(f"the child ended before stalling: {out!r} {err.decode(errors='replace')}")
            if time.monotonic() > deadline:
                pytest.fail("the child never reached the stall")
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()
        proc.stderr.close()
    return target, proc


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("mode", ["half", "fsync", "replace"])
def test_killed_mid_write_leaves_the_first_save(tmp_path: Path, tiny_path: Path, mode: str) -> None:
    target, proc = _run_and_kill(tmp_path, tiny_path, mode)
    assert proc.returncode == -signal.SIGKILL
    # The file at the path is still the complete first save: it parses, loads, and has one decision.
    raw = json.loads(target.read_text(encoding="utf-8"))
    assert [n["option"] for n in raw["timeline"]["nodes"]] == ["help"]
    loaded = read_save(target)
    assert [n.option for n in loaded.timeline.nodes] == ["help"]
    assert loaded.pending is not None and loaded.pending.event.id == "second"
    # The interrupted write went to a temporary file beside it, never to the path itself.
    others = [p for p in target.parent.iterdir() if p != target]
    assert len(others) == 1
    (temporary,) = others
    assert temporary.name.startswith(".slot.json.") and temporary.name.endswith(".tmp")
    partial = temporary.read_bytes()
    if mode == "half":
        with pytest.raises(json.JSONDecodeError):
            json.loads(partial)  # really killed in the middle of the data
    else:
        assert len(json.loads(partial)["timeline"]["nodes"]) == 2  # the new save was whole but never renamed


def _first_save(tiny, path: Path) -> tuple[Session, bytes]:
    session = Session(tiny, 5)
    session.choose(0)
    write_save(path, session)
    session.choose(0)
    return session, path.read_bytes()


class Boom(OSError):
    pass


def _fail(*args: Any, **kwargs: Any) -> None:
    raise Boom("disk full")


def _interrupt(*args: Any, **kwargs: Any) -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    ("attribute", "replacement", "error"),
    [("fsync", _fail, Boom), ("replace", _fail, Boom), ("fsync", _interrupt, KeyboardInterrupt)],
)
def test_error_while_writing_keeps_the_old_file_and_removes_the_temporary(
    tiny, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, attribute: str, replacement: Any, error: type
) -> None:
    target = tmp_path / "slot.json"
    session, before = _first_save(tiny, target)
    monkeypatch.setattr(os, attribute, replacement)
    with pytest.raises(error):
        write_save(target, session)
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slot.json"]
    assert len(read_save(target).timeline.nodes) == 1


def test_error_in_the_middle_of_the_data_keeps_the_old_file(
    tiny, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "slot.json"
    session, before = _first_save(tiny, target)
    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: Any) -> Any:
            return self.handle.__exit__(*exc)

        def write(self, data: bytes) -> None:
            self.handle.write(data[:100])
            raise Boom("device gone")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Failing(real_fdopen(fd, *a, **k)))
    with pytest.raises(Boom):
        write_save(target, session)
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["slot.json"]


def test_error_on_a_first_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "new" / "slot.json"
    monkeypatch.setattr(os, "fsync", _fail)
    with pytest.raises(Boom):
        write_atomic(target, b"{}")
    monkeypatch.undo()
    assert list(target.parent.iterdir()) == []


def test_write_atomic_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "slot.json"
    write_atomic(target, b"x" * 100_000)
    write_atomic(target, b"short")
    assert target.read_bytes() == b"short"
    assert [p.name for p in tmp_path.iterdir()] == ["slot.json"]
