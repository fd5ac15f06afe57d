"""Terminal games that end abruptly (kill -9, a closed terminal, Ctrl-C, a crash, a failing disk) lose at most the
decision being typed, and never damage the save an earlier game left."""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from partnership_game.scenario import load_path
from partnership_game.session import Session, read_save
from partnership_game.session.autosaves import autosave_paths, new_autosave_path
from partnership_game.text import play
from partnership_game.text.terminal import Terminal

REPO = Path(__file__).resolve().parent.parent.parent
TINY_REL = "tests/data/tiny.yaml"
TINY = load_path(REPO / TINY_REL)
SEED = 1
HANG_GUARD = 60  # seconds; only so a hang fails instead of blocking the suite
PROMPT = b"(? for commands): "
QUESTION = b"continue? [Y/n] "  # an unfinished game offered at the start (only without --seed or --new)
# A walk through the tiny campaign that never reaches its end: choices and steps back, each one autosaved.
WALK = ["1", "2", "b", "1", "b", "b", "2", "1", "b", "b"] * 3
KILLS = 50


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg-data"), "XDG_CONFIG_HOME": str(tmp_path / "xdg-config")}


def _saves(tmp_path: Path) -> Path:
    return tmp_path / "xdg-data" / "partnership-game" / "saves"


def _autosave(tmp_path: Path) -> Path:
    """The single autosave of the saves folder. Listed by name, not by `latest_autosave` (which skips a file it
    cannot read, so a torn file would look like no file)."""
    found = autosave_paths(_saves(tmp_path))
    assert len(found) == 1, found
    return found[0]


def _command(*, seed: bool = True) -> list[str]:
    """`play --text` on the tiny scenario; with `seed`, a new game with SEED's dice (no earlier game is offered)."""
    command = [sys.executable, "-m", "partnership_game", "play", "--text", "--scenario", TINY_REL]
    return [*command, "--seed", str(SEED)] if seed else command


def _timelines_after_each_step() -> list[tuple[list[tuple[int, int | None, str, str]], int | None]]:
    """The timeline (nodes, current) the rules give after 0, 1, 2... steps of WALK."""
    session = Session(TINY, SEED)
    result = [([], None)]
    for step in WALK:
        if step == "b":
            assert session.back()
        else:
            session.choose(int(step) - 1)
        nodes = [(n.id, n.parent, n.event, n.option) for n in session.timeline.nodes]
        result.append((nodes, session.timeline.current))
    return result


EXPECTED = _timelines_after_each_step()


def _saved_timeline(path: Path) -> tuple[list[tuple[int, int | None, str, str]], int | None]:
    timeline = read_save(path).timeline
    return [(n.id, n.parent, n.event, n.option) for n in timeline.nodes], timeline.current


class _Game:
    """A `play --text` process fed WALK one step at a time: each step is sent only once the last one was answered."""

    def __init__(self, folder: Path, command: list[str] | None = None) -> None:
        self.process = subprocess.Popen(
            command or _command(), cwd=REPO, env=_env(folder), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, bufsize=0,
        )
        self.fed = 0  # steps written to the game
        self.acknowledged = 0  # steps the game answered with its next prompt (so their autosave was written)

    def play(self, until_acknowledged: int | None, then: float, signum: int = signal.SIGKILL) -> tuple[int, bytes]:
        """Feed steps; once `until_acknowledged` are answered (None: from the start), send `signum` after `then`
        seconds while still feeding. Returns the exit status and everything the game printed."""
        assert self.process.stdin is not None and self.process.stdout is not None
        output = b""
        timer: threading.Timer | None = None
        while True:
            if timer is None and (until_acknowledged is None or self.acknowledged >= until_acknowledged):
                timer = threading.Timer(then, self._signal, (signum,))
                timer.start()
            chunk = os.read(self.process.stdout.fileno(), 65536)
            if not chunk:
                break
            output += chunk
            prompts = output.count(PROMPT)
            self.acknowledged = max(0, min(prompts - 1, self.fed))
            if prompts > self.fed and self.fed < len(WALK):
                try:
                    self.process.stdin.write((WALK[self.fed] + "\n").encode())
                    self.fed += 1
                except BrokenPipeError:
                    break
        if timer is not None:
            timer.join()
        status = self.process.wait(timeout=HANG_GUARD)
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.close()
        self.process.stdout.close()
        return status, output

    def _signal(self, signum: int) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signum)


def _kill_once(folder: Path, rng: random.Random) -> tuple[int, int]:
    """One game killed at a random moment; checks its autosave and returns (fed, acknowledged)."""
    game = _Game(folder)
    if rng.random() < 0.2:
        # Some kills land during start-up or the first decision, before anything is acknowledged.
        status, _ = game.play(until_acknowledged=None, then=rng.uniform(0.0, 1.5))
    else:
        # The rest a few steps in, at a random point of the next step: choosing, saving, or telling the turn.
        status, _ = game.play(until_acknowledged=rng.randrange(0, 12), then=rng.uniform(0.0, 0.03))
    assert status == -signal.SIGKILL
    found = autosave_paths(_saves(folder))
    assert len(found) <= 1, found  # one game, one autosave
    if not found:
        assert game.acknowledged == 0, "a decision was answered but never autosaved"
        return game.fed, game.acknowledged
    saved = _saved_timeline(found[0])  # loads: never a torn or partial file
    # Every step made before the kill, or all but the last (the one being applied when the kill came).
    allowed = [EXPECTED[k] for k in range(max(game.acknowledged, 1), game.fed + 1)]
    assert saved in allowed, (game.fed, game.acknowledged, saved)
    return game.fed, game.acknowledged


def test_kill_9_at_random_moments_leaves_an_autosave_with_every_decision_but_at_most_the_last(tmp_path: Path) -> None:
    rng = random.Random(20240909)
    plans = [(tmp_path / f"game-{k}", random.Random(rng.random())) for k in range(KILLS)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda plan: _kill_once(*plan), plans))
    assert len(results) == KILLS
    # The kills are spread: some before anything was answered, some many steps in (not a timing figure; the
    # steps wait for the game's answers, so how far a game got depends on the plan, not on the machine's speed).
    assert any(acknowledged >= 5 for _, acknowledged in results), results


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGHUP, 129), (signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_closed_terminal_ctrl_c_or_sigterm_saves_and_ends(tmp_path: Path, signum: int, status: int) -> None:
    game = _Game(tmp_path)
    exit_status, output = game.play(until_acknowledged=3, then=0.0, signum=signum)
    assert exit_status == status
    assert game.acknowledged >= 3
    autosave = _autosave(tmp_path)  # the only one: every step of the game went to the same file
    assert output.decode().rstrip().endswith(f"Autosaved to {autosave}")  # saved once more on the way out
    # The signal is taken up at the prompt, after the step in hand is applied and saved: whatever the game read
    # is in the save (a step still in the pipe, unread, is the only one that can be missing).
    assert _saved_timeline(autosave) in EXPECTED[game.acknowledged : game.fed + 1]


# --- An earlier game's autosave ----------------------------------------------------------------------------------


def _earlier_game(tmp_path: Path) -> tuple[Path, bytes]:
    """An unfinished game (two decisions, waiting at the third): its autosave and the bytes it holds."""
    first = subprocess.run(
        _command(), cwd=REPO, env=_env(tmp_path), input=b"1\n2\n", capture_output=True, timeout=HANG_GUARD
    )
    assert first.returncode == 0, first.stderr
    earlier = _autosave(tmp_path)
    assert [(d.event.id, d.option) for d in read_save(earlier).decisions] == [("first", 0), ("second", 1)]
    return earlier, earlier.read_bytes()


@pytest.mark.parametrize(
    ("seed", "waits_at"),
    [(True, PROMPT), (False, QUESTION)],
    ids=["new-game-at-its-first-prompt", "at-the-question-to-continue"],
)
def test_a_new_game_killed_before_its_first_decision_leaves_the_earlier_autosave_intact(
    tmp_path: Path, seed: bool, waits_at: bytes
) -> None:
    earlier, before = _earlier_game(tmp_path)
    game = _Game(tmp_path, _command(seed=seed))
    assert game.process.stdout is not None
    output = b""
    while waits_at not in output:  # killed while it waits for its first answer: nothing typed yet
        chunk = os.read(game.process.stdout.fileno(), 65536)
        assert chunk, f"the game ended before asking {waits_at!r}"
        output += chunk
    game.process.kill()
    assert game.process.wait(timeout=HANG_GUARD) == -signal.SIGKILL
    assert autosave_paths(_saves(tmp_path)) == [earlier]
    assert earlier.read_bytes() == before


def test_a_new_game_that_ends_without_a_decision_writes_no_autosave(tmp_path: Path) -> None:
    earlier, before = _earlier_game(tmp_path)
    # --seed asks for a new game with those dice: the earlier one is not offered, and a game with no decision
    # writes nothing (an empty autosave would be offered at the next start in place of the real one).
    result = subprocess.run(
        _command(), cwd=REPO, env=_env(tmp_path), input=b"", capture_output=True, timeout=HANG_GUARD
    )
    assert result.returncode == 0, result.stderr
    assert QUESTION not in result.stdout
    assert result.stdout.decode().rstrip().endswith("No decision taken: nothing to save.")
    assert autosave_paths(_saves(tmp_path)) == [earlier]
    assert earlier.read_bytes() == before


def test_input_that_ends_at_the_question_continues_the_earlier_game_and_leaves_it_as_it_was(tmp_path: Path) -> None:
    earlier, before = _earlier_game(tmp_path)
    result = subprocess.run(
        _command(seed=False), cwd=REPO, env=_env(tmp_path), input=b"", capture_output=True, timeout=HANG_GUARD
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert QUESTION.decode() in out
    assert f"Seed {SEED} " in out  # the earlier game's dice: it is the one continued
    assert out.rstrip().endswith(f"No decision taken: {earlier} is left as it was.")
    assert autosave_paths(_saves(tmp_path)) == [earlier]
    assert earlier.read_bytes() == before


class _Boom(RuntimeError):
    pass


def _crash_on_decision(monkeypatch: pytest.MonkeyPatch, number: int, halfway: bool = False) -> None:
    """Make the session fail, as a bug would, when the player takes decision `number` (1-based); `halfway`: after
    the decision changed the game in memory, before it could be saved."""
    real = Session.choose
    calls = {"n": 0}

    def choose(self: Session, option: int) -> None:
        calls["n"] += 1
        if calls["n"] == number:
            if halfway:
                real(self, option)
            raise _Boom("something broke\x1b[2J inside")
        real(self, option)

    monkeypatch.setattr(Session, "choose", choose)


def _interactive(typed: bytes, saves: Path, autosave: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    terminal = Terminal(io.BytesIO(typed), out, err)
    status = play.interactive(Session(TINY, SEED), terminal, saves, autosave)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("halfway", [False, True])
def test_a_crash_saves_first_then_one_line_and_status_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, halfway: bool
) -> None:
    saves = tmp_path / "saves"
    # The second decision breaks: before it changes anything, or after, while the game in memory is half moved.
    # Either way the save holds the first decision (the one being made is the most that may be lost).
    _crash_on_decision(monkeypatch, 2, halfway)
    autosave = new_autosave_path(saves, "tiny")
    status, out, err = _interactive(b"1\n2\n1\n", saves, autosave)
    assert status == 1
    assert err == (
        "partnership-game play: error: unexpected _Boom: something broke\\x1b[2J inside"
        f" (the game up to its last completed decision is saved in {autosave})\n"
    )
    assert "Traceback" not in out + err
    assert [(d.event.id, d.option) for d in read_save(autosave).decisions] == [("first", 0)]
    assert autosave_paths(saves) == [autosave]


def test_a_crash_before_any_decision_leaves_the_earlier_autosave_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier, before = _earlier_game(tmp_path)
    saves = earlier.parent
    _crash_on_decision(monkeypatch, 1)
    status, _, err = _interactive(b"1\n", saves, new_autosave_path(saves, "tiny"))
    assert status == 1
    assert err == (
        "partnership-game play: error: unexpected _Boom: something broke\\x1b[2J inside"
        " (no decision was taken, so nothing is lost)\n"
    )
    assert autosave_paths(saves) == [earlier]
    assert earlier.read_bytes() == before


# --- A failing autosave -------------------------------------------------------------------------------------------


def test_a_failed_autosave_is_told_and_the_exit_status_is_1_even_after_a_normal_quit(tmp_path: Path) -> None:
    saves = _saves(tmp_path)
    saves.parent.mkdir(parents=True)
    # A file where the saves folder goes: every write of an autosave fails. (A folder at an autosave's name no
    # longer blocks anything: a new game's name skips every path that exists.)
    saves.write_bytes(b"not a folder")
    result = subprocess.run(
        _command(), cwd=REPO, env=_env(tmp_path), input=b"1\nq\n", capture_output=True, timeout=HANG_GUARD
    )
    assert b"Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 2, lines  # after the decision, and again on the way out: one line each
    # The path, then why (the file layer words the reason); both lines name the same autosave.
    name = r"(autosave-tiny-\d{8}-\d{6}(?:-\d+)?\.json)"
    pattern = re.compile(re.escape(f"{saves}/") + name + ": error: cannot autosave: .+")
    matches = [pattern.fullmatch(line) for line in lines]
    assert all(matches), lines
    assert len({m.group(1) for m in matches if m}) == 1, lines
    assert saves.read_bytes() == b"not a folder"
    assert "Autosaved" not in result.stdout.decode()
