"""Adversarial files within the 2 MiB size cap: each must be answered within a bound, however it is built.

The size cap exists so that loading any file is bounded; these files probe the parts of the loader whose cost grows
faster than the file: "did you mean" hints over long lists of ids, and the search for unbounded schedule chains.
Each slow case runs in its own subprocess, all at once, and is killed at the bound, so a hang costs the suite
HANG_BOUND seconds and no more.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from partnership_game.scenario import ScenarioError, load_bytes
from partnership_game.scenario.yaml_tree import MAX_FILE_BYTES

REPO = Path(__file__).resolve().parents[2]
HANG_BOUND = 10.0  # seconds to answer one file within the size cap (a hang guard, not a performance target)

HEAD = """format_version: 1
id: limits
title: Limits
description: A scenario built to probe the loader's costs.
authors: [The fuzz tests]
roles: [{id: kremlin, label: The Kremlin}]
meters: [{id: trust, label: Trust, start: 40, good: up}]
turns: [{id: t1, date: "2001-09-11", place: Moscow, title: First}]
endings: [{id: cold_peace, title: Cold peace, text: The end., fallback: true}]
"""


def event(i: int, effects: str, extra: str = "") -> str:
    return f"- {{id: e{i}, {extra}title: T, accuracy: invented, situation: S, effects: [{effects}]}}"


def schedule(target: str) -> str:
    return f"{{type: schedule, event: {target}, after_turns: 1}}"


def advisors_with_unknown_counsel(advisors: int = 10_000, counsel: int = 10_000) -> bytes:
    """Many advisors, and one event whose counsel names advisors that do not exist (about 600 KB)."""
    declared = "\n".join(f"- {{id: a{i}, office: O, faction: F}}" for i in range(advisors))
    unknown = ", ".join(f"{{advisor: z{j}, text: T}}" for j in range(counsel))
    add = "{type: add, meter: trust, amount: 1}"
    return (f"{HEAD}advisors:\n{declared}\nevents:\n" + event(0, add, f"turn: t1, advisors: [{unknown}], ")).encode()


def events_scheduling_unknown_events(events: int = 2000, per_event: int = 10) -> bytes:
    """The most events the format allows, each scheduling ten events that do not exist (about 1.1 MB)."""
    lines = [event(i, ", ".join(schedule(f"q{i}_{j}") for j in range(per_event)), "turn: t1, ") for i in range(events)]
    return (f"{HEAD}events:\n" + "\n".join(lines) + "\n").encode()


def one_schedule_cycle_through_every_event(events: int = 2000) -> bytes:
    """A valid scenario: the most events the format allows, in one schedule cycle bounded by a repeat (230 KB)."""
    lines = [
        event(i, schedule(f"e{(i + 1) % events}"), "turn: t1, repeat: {max_times: 2}, " if i == 0 else "")
        for i in range(events)
    ]
    return (f"{HEAD}events:\n" + "\n".join(lines) + "\n").encode()


@dataclass(frozen=True)
class Case:
    make: Callable[[], bytes]
    valid: bool
    regression: str  # the bug this file found (fixed in 15c3572), named when it comes back


CASES = {
    "advisors_with_unknown_counsel": Case(
        advisors_with_unknown_counsel,
        False,
        "every undeclared advisor in counsel runs difflib's did-you-mean over every declared advisor (the "
        "advisors list has no length cap): 10,000 x 10,000 in a 600 KB file takes minutes, not seconds",
    ),
    "events_scheduling_unknown_events": Case(
        events_scheduling_unknown_events,
        False,
        "every schedule of an undeclared event sorts all event ids and runs difflib's did-you-mean over them: "
        "20,000 such effects among 2,000 events (1.1 MB) take well over a minute",
    ),
    "one_schedule_cycle_through_every_event": Case(
        one_schedule_cycle_through_every_event,
        True,
        "the chain check (_cycle_from, once per event) copies the whole path at every step, cubic in the "
        "number of events: a valid 230 KB scenario of 2,000 events in one bounded cycle takes 20 s or more",
    ),
}

CHILD = """
import json, sys, time
from pathlib import Path
from partnership_game.scenario import ScenarioError, load_path
started = time.perf_counter()
try:
    loaded = load_path(Path(sys.argv[1]))
    result = {"valid": True, "problems": len(loaded.warnings)}
except ScenarioError as exc:
    result = {"valid": False, "problems": len(exc.diagnostics), "first": exc.diagnostics[0].format()}
result["seconds"] = time.perf_counter() - started
print(json.dumps(result))
"""


@dataclass
class Child:
    path: Path
    size: int
    process: subprocess.Popen[str]
    started: float


@pytest.fixture(scope="module")
def children(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Child]]:
    """Every slow case loading in its own subprocess, all started at once."""
    folder = tmp_path_factory.mktemp("limits")
    running: dict[str, Child] = {}
    try:
        for name, case in CASES.items():
            data = case.make()
            assert len(data) <= MAX_FILE_BYTES
            path = folder / f"{name}.yaml"
            path.write_bytes(data)
            process = subprocess.Popen(
                [sys.executable, "-c", CHILD, str(path)],
                cwd=REPO,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            running[name] = Child(path, len(data), process, time.perf_counter())
        yield running
    finally:
        for child in running.values():
            if child.process.poll() is None:
                child.process.kill()
            child.process.communicate()


@pytest.mark.parametrize("name", list(CASES))
def test_an_adversarial_file_is_answered_in_bounded_time(name: str, children: dict[str, Child]) -> None:
    child = children[name]
    left = HANG_BOUND - (time.perf_counter() - child.started)
    try:
        out, err = child.process.communicate(timeout=max(left, 0.1))
    except subprocess.TimeoutExpired:
        child.process.kill()
        child.process.communicate()
        pytest.fail(f"{name} ({child.size} bytes): no answer within {HANG_BOUND:.0f} s; was: {CASES[name].regression}")
    assert child.process.returncode == 0, err[-3000:]
    assert "Traceback" not in err
    result = json.loads(out)
    assert result["valid"] is CASES[name].valid, result
    assert result["seconds"] < HANG_BOUND, (result, CASES[name].regression)


# The same shapes at a size where the costs do not yet bite: the files themselves are handled correctly.


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: advisors_with_unknown_counsel(100, 30), "'z0' is not a declared advisor"),
        (lambda: events_scheduling_unknown_events(200, 2), "'q0_0' is not a declared event"),
    ],
    ids=["advisors", "events"],
)
def test_small_versions_of_the_adversarial_files_are_reported(make: Callable[[], bytes], message: str) -> None:
    started = time.perf_counter()
    with pytest.raises(ScenarioError) as info:
        load_bytes(make(), "limits.yaml")
    assert time.perf_counter() - started < HANG_BOUND
    assert message in [d.message for d in info.value.diagnostics]
    assert all(d.line >= 1 and d.col >= 1 for d in info.value.diagnostics)


def test_a_small_schedule_cycle_through_every_event_loads() -> None:
    started = time.perf_counter()
    loaded = load_bytes(one_schedule_cycle_through_every_event(100), "limits.yaml")
    assert time.perf_counter() - started < HANG_BOUND
    assert len(loaded.model.events) == 100


def test_a_scalar_filling_the_size_cap_is_answered_in_bounded_time() -> None:
    data = b"id: " + b"a" * (MAX_FILE_BYTES - 4)
    started = time.perf_counter()
    with pytest.raises(ScenarioError) as info:
        load_bytes(data, "limits.yaml")
    assert time.perf_counter() - started < HANG_BOUND
    assert info.value.diagnostics
