"""Terminal input: whatever bytes the player's standard input holds, the game answers in one line and loses nothing."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnership_game.inert import first_control
from partnership_game.scenario import LoadedScenario, load_path
from partnership_game.session import Session, read_save
from partnership_game.session.autosaves import autosave_paths, latest_autosave, new_autosave_path
from partnership_game.text import play
from partnership_game.text.terminal import Terminal
from partnership_game.text.terminal_input import MAX_LINE_BYTES, Line, interpret

REPO = Path(__file__).resolve().parent.parent.parent
TINY_REL = "tests/data/tiny.yaml"
TINY = load_path(REPO / TINY_REL)
HANG_GUARD = 60  # seconds; only so a hang fails instead of blocking the suite
HINT = "type 1-2, or ? for the commands."
ONLY_ASCII_DIGITS = f"Only the digits 0-9 make a number here: {HINT}"


# --- The reader and the interpreter on their own ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["²", "①", "٣", "３", "߁", "1²", "Ⅻ"])
def test_digits_other_than_ascii_are_not_numbers(text: str) -> None:
    answer = interpret(Line(text), 3)
    assert answer.command == "again"
    assert answer.reason == "Only the digits 0-9 make a number here: type 1-3, or ? for the commands."


def test_a_huge_number_is_refused_without_int() -> None:
    # 4,300 digits is where int() itself gives up with a message about sys.set_int_max_str_digits().
    answer = interpret(Line("9" * 1000), 3)
    assert answer.command == "again"
    assert answer.reason == "That number is far too large: type 1-3, or ? for the commands."
    assert interpret(Line("0" * 900 + "2"), 3).option == 1  # leading zeros are still the number


def test_an_overlong_line_is_dropped_and_the_next_one_read() -> None:
    from partnership_game.text.terminal_input import LineReader

    stream = io.BytesIO(b"7" * 5000 + b"\n2\n" + b"x" * (MAX_LINE_BYTES + 1))
    reader = LineReader(stream)
    assert reader.read() == Line("", overlong=True)
    assert reader.read() == Line("2")
    assert reader.read() == Line("", overlong=True)  # the last line, with no line end, was over the cap too
    assert reader.read() is None
    assert reader.closed_reason is None


class _Closing:
    """A standard input that gives `data`, then fails as a closed or broken one does."""

    def __init__(self, data: bytes, failure: BaseException | None) -> None:
        self.data = io.BytesIO(data)
        self.failure = failure
        self.on_end: list[object] = []

    def readline(self, size: int | None = -1) -> bytes:
        line = self.data.readline(size)
        if not line:
            for hook in self.on_end:
                hook()  # type: ignore[operator]
            if self.failure is not None:
                raise self.failure
        return line


# --- Arbitrary lines fed to the game ------------------------------------------------------------------------------

_GOOD = st.sampled_from([b"1", b"2", b"3", b"b", b" 2 ", b"B", b"1\r", b"0002", b"s"])
_BAD = st.one_of(
    st.binary(max_size=40).filter(lambda b: b"\n" not in b),
    st.sampled_from(
        [
            "²".encode(), "①".encode(), "٣".encode(), "３".encode(), b"\xff\xfe", b"\xc3", b"\x1b[2J", b"\x00",
            b"\x9b31m", b"1" * 4301, b"9" * 1000, b"0" * 1020 + b"1", b"2" * MAX_LINE_BYTES,
            b"3" * (MAX_LINE_BYTES + 1), b"\x7f", b"-1", b"+1", b"1.0", b"1e3", b"q\x00",
        ]
    ),
)
_LINES = st.lists(st.one_of(_GOOD, _GOOD, _BAD, st.just(b"q")), max_size=14)


def _expected(lines: list[bytes], loaded: LoadedScenario, seed: int) -> tuple[Session, bool]:
    """The game the rules say these lines make, and whether any of them changed it (so an autosave must exist;
    a game in which nothing was decided writes none)."""
    shadow = Session(loaded, seed)
    moved = False
    for raw in lines:
        if shadow.over:
            break
        if len(raw) > MAX_LINE_BYTES:
            continue
        text = raw.decode("utf-8", errors="replace").strip()
        if text.lower() == "q":
            break
        if text.lower() == "b":
            moved = shadow.back() or moved
            continue
        if text.isascii() and text.isdigit() and len(text.lstrip("0")) <= 6:
            index = int(text) - 1
            if 0 <= index < len(shadow.available()) and shadow.available()[index]:
                shadow.choose(index)
                moved = True
    return shadow, moved


def _same_game(saved: Session, expected: Session) -> None:
    assert saved.timeline.nodes == expected.timeline.nodes
    assert saved.timeline.current == expected.timeline.current
    assert [(d.turn, d.event.id, d.option) for d in saved.decisions] == [
        (d.turn, d.event.id, d.option) for d in expected.decisions
    ]
    assert saved.state.turn == expected.state.turn
    assert saved.over == expected.over


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=_LINES,
    seed=st.integers(0, 2**32),
    ending=st.sampled_from(["end", "end-mid-line", "oserror", "valueerror"]),
)
def test_any_bytes_on_stdin_never_raise_and_the_autosave_holds_every_decision(
    lines: list[bytes], seed: int, ending: str
) -> None:
    data = b"".join(line + b"\n" for line in lines)
    if ending == "end-mid-line" and data:
        data = data[:-1]
    failure = {"oserror": OSError(5, "Input/output error"), "valueerror": ValueError("I/O operation on closed file")}
    stream = _Closing(data, failure.get(ending))
    with tempfile.TemporaryDirectory() as folder:
        saves = Path(folder) / "saves"
        autosave = new_autosave_path(saves, "tiny")
        at_end: list[bytes | None] = []
        # What the autosave held when input ran out, before the game's last save on the way out.
        stream.on_end.append(lambda: at_end.append(autosave.read_bytes() if autosave.exists() else None))
        out, err = io.StringIO(), io.StringIO()
        session = Session(TINY, seed)
        status = play.interactive(session, Terminal(stream, out, err), saves, autosave)  # type: ignore[arg-type]

        expected, moved = _expected(lines, TINY, seed)
        assert status == 0
        _same_game(session, expected)
        if moved:
            _same_game(read_save(autosave), expected)
            assert autosave_paths(saves) == [autosave]
        else:  # nothing was decided: no autosave, so no empty game is offered to be continued at the next start
            assert autosave_paths(saves) == []
        if at_end:
            if moved:  # the autosave after the last completed decision, not only the one on the way out
                assert at_end[0] is not None
                before_exit = autosave.with_name("before-exit.json")
                before_exit.write_bytes(at_end[0])
                _same_game(read_save(before_exit), expected)
            else:
                assert at_end[0] is None
        shown = out.getvalue()
        assert first_control(shown) == -1, "a control character reached the terminal"
        last_words = f"Autosaved to {autosave}" if moved else "No decision taken: nothing to save."
        assert shown.rstrip().endswith(last_words)
        if ending in ("oserror", "valueerror") and at_end:
            reason = "Input/output error" if ending == "oserror" else "I/O operation on closed file"
            assert err.getvalue() == f"partnership-game play: standard input cannot be read: {reason}\n"
        else:
            assert err.getvalue() == ""


# --- The same through the command line ---------------------------------------------------------------------------


def _play(tmp_path: Path, stdin: bytes | int) -> subprocess.CompletedProcess[bytes]:
    """The game through a real process: `stdin` is the bytes typed, or a file descriptor to read them from."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg-data"), "XDG_CONFIG_HOME": str(tmp_path / "xdg-config")}
    command = [sys.executable, "-m", "partnership_game", "play", "--text", "--scenario", TINY_REL, "--seed", "1"]
    if isinstance(stdin, bytes):
        result = subprocess.run(command, cwd=REPO, env=env, input=stdin, capture_output=True, timeout=HANG_GUARD)
    else:
        result = subprocess.run(command, cwd=REPO, env=env, stdin=stdin, capture_output=True, timeout=HANG_GUARD)
    assert b"Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def _saves(tmp_path: Path) -> Path:
    return tmp_path / "xdg-data" / "partnership-game" / "saves"


def _autosave(tmp_path: Path) -> Path:
    """The game's autosave: the only one in its fresh saves folder, readable, of the tiny scenario."""
    saves = _saves(tmp_path)
    found = latest_autosave(saves, "tiny")
    assert found is not None and autosave_paths(saves) == [found], autosave_paths(saves)
    return found


def _choices(path: Path) -> list[tuple[str, str]]:
    return [(d.event.id, d.event.options[d.option].id) for d in read_save(path).decisions]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("²".encode(), ONLY_ASCII_DIGITS),
        ("①".encode(), ONLY_ASCII_DIGITS),
        ("٢".encode(), ONLY_ASCII_DIGITS),
        (b"7" * 5000, f"That line is too long (over 1,024 bytes): {HINT}"),
        (b"2" * 1000, "That number is far too large: type 1-2, or ? for the commands."),
        (b"\xff\xfe2", f"That line is not readable text (not UTF-8): {HINT}"),
        (b"\x1b[2J", "That line holds control characters: type 1-2, or ? for the commands."),
    ],
)
def test_a_bad_line_gets_one_line_and_the_game_goes_on(tmp_path: Path, bad: bytes, message: str) -> None:
    result = _play(tmp_path, b"1\n" + bad + b"\n2\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert out.count(message) == 1
    line = next(x for x in out.splitlines() if message in x)
    assert line.endswith(message)  # after the prompt, the reason fills the rest of that one line
    assert result.stderr == b""
    assert _choices(_autosave(tmp_path)) == [("first", "help"), ("second", "safe")]
    assert out.rstrip().endswith(f"Autosaved to {_autosave(tmp_path)}")


def test_input_closed_after_three_decisions_ends_with_status_0_and_all_three_saved(tmp_path: Path) -> None:
    # help, gamble; back; safe: three decisions, the game waits at the third turn when the input ends.
    result = _play(tmp_path, b"1\n1\nb\n2\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert result.stdout.decode().rstrip().endswith(f"Autosaved to {_autosave(tmp_path)}")
    saved = read_save(_autosave(tmp_path))
    made = [(n.event, n.option) for n in saved.timeline.nodes]
    assert made == [("first", "help"), ("second", "gamble"), ("second", "safe")]
    assert _choices(_autosave(tmp_path)) == [("first", "help"), ("second", "safe")]
    assert saved.state.turn == 2 and not saved.over


def test_an_unreadable_stdin_ends_like_a_closed_one_with_its_reason(tmp_path: Path) -> None:
    # A standard input open for writing only: every read fails (EBADF), as a terminal that went away fails (EIO).
    write_only = os.open(tmp_path / "typed", os.O_WRONLY | os.O_CREAT)
    try:
        result = _play(tmp_path, write_only)
    finally:
        os.close(write_only)
    assert result.returncode == 0
    assert result.stderr.decode() == "partnership-game play: standard input cannot be read: Bad file descriptor\n"
    # Nothing to lose yet, and nothing written: an empty game is never offered to be continued at the next start.
    assert result.stdout.decode().rstrip().endswith("No decision taken: nothing to save.")
    assert autosave_paths(_saves(tmp_path)) == []


def test_no_stdin_at_all_is_an_end_of_input(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg-data")}
    command = [sys.executable, "-m", "partnership_game", "play", "--text", "--scenario", TINY_REL, "--seed", "1"]
    # "<&-": the shell starts the game with standard input closed, so Python's sys.stdin is None.
    result = subprocess.run(
        ["sh", "-c", '"$@" <&-', "sh", *command], cwd=REPO, env=env, capture_output=True, timeout=HANG_GUARD
    )
    assert b"Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().rstrip().endswith("No decision taken: nothing to save.")
    assert autosave_paths(_saves(tmp_path)) == []


# --- The save's limits, met at the terminal ----------------------------------------------------------------------


def test_near_the_decision_cap_the_player_is_warned_and_a_refused_decision_does_not_end_the_game(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partnership_game.session import timeline

    monkeypatch.setattr(timeline, "MAX_NODES", 3)  # the tiny campaign cannot grow 2,000 branches; the rule is the same
    # help, gamble, back, safe (the third and last new decision); back, gamble again (an existing branch: allowed);
    # back, back, wait (a fourth new one: refused); help again (existing); then the input ends.
    typed = b"1\n1\nb\n2\nb\n1\nb\nb\n2\n1\n"
    out, err = io.StringIO(), io.StringIO()
    saves = tmp_path / "saves"
    autosave = new_autosave_path(saves, "tiny")
    session = Session(TINY, 1)
    status = play.interactive(session, Terminal(io.BytesIO(typed), out, err), saves, autosave)
    shown = " ".join(out.getvalue().split())  # the messages are wrapped to the width: read them as words
    assert status == 0
    assert err.getvalue() == ""
    assert shown.count("This save holds 2,000 decisions, the most it can: start a new game, or step back onto a branch"
                       " you already made and follow it again.") == 1
    assert "3 decisions left in this save: start a new game or step back onto a branch you already made." in shown
    assert "1 decision left in this save" in shown
    saved = read_save(autosave)
    assert [(n.event, n.option) for n in saved.timeline.nodes] == [
        ("first", "help"), ("second", "gamble"), ("second", "safe")
    ]
    assert saved.timeline.current == 0 and session.timeline.current == 0  # back on 'help', waiting at turn 2


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("n" * 101, "the player name is 101 characters long; at most 100 fit in a save"),
        ("Eve\x1b[2J", "the player name holds a control character (\\x1b) at character 4"),
    ],
)
def test_a_player_name_the_save_cannot_hold_is_refused_before_the_game(tmp_path: Path, name: str, problem: str) -> None:
    earlier = _saves(tmp_path) / "autosave-tiny-20010911-084600.json"
    earlier.parent.mkdir(parents=True)
    earlier.write_bytes(b"an earlier game")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg-data")}
    command = [sys.executable, "-m", "partnership_game", "play", "--text", "--scenario", TINY_REL, "--player", name]
    result = subprocess.run(command, cwd=REPO, env=env, input=b"1\n", capture_output=True, timeout=HANG_GUARD)
    assert result.returncode == 2
    lines = result.stderr.decode().splitlines()
    assert lines[0].startswith("usage: partnership-game play")
    assert lines[-1] == f"partnership-game play: error: argument --player: {problem}"
    assert b"\x1b" not in result.stderr
    assert result.stdout == b""
    assert earlier.read_bytes() == b"an earlier game"
    assert sorted(_saves(tmp_path).iterdir()) == [earlier]  # no autosave of its own, none pruned


# --- What the terminal game prints -------------------------------------------------------------------------------


def test_text_from_a_file_reaches_the_terminal_inert_in_play_and_in_transcripts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partnership_game.text import render

    # The validator refuses control characters now, so a scenario cannot carry them; the front end filters anyway
    # (a save made before that change, a mod loaded some other way). Stand in for such a file at the renderer.
    real = render.full_turn
    hostile = "\x1b[2J\x1b]0;pwned\x07\x9b31m"
    monkeypatch.setattr(render, "full_turn", lambda session, width: real(session, width) + hostile)
    transcript: list[str] = []
    play.scripted(Session(TINY, 1), "historical", transcript.append)
    out = io.StringIO()
    terminal = Terminal(io.BytesIO(b"1\n"), out, io.StringIO())
    assert play.interactive(Session(TINY, 1), terminal, tmp_path, new_autosave_path(tmp_path, "tiny")) == 0
    for shown in ("".join(transcript), out.getvalue()):
        assert "\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m" in shown
        assert first_control(shown) == -1
