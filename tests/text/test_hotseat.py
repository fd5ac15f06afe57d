"""Terminal games of two sides: the hot seat hides a sealed choice until the reveal; a counterpart's debrief line."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from partnership_game.scenario import load_path
from partnership_game.session import Session
from partnership_game.session.seating import hotseat, solo
from partnership_game.session.sides_play import SidesPlay
from partnership_game.text.play import Screen
from partnership_game.text.sides_game import play_sides
from partnership_game.text.sides_screens import HANDOVER_PROMPT, REVEAL_LINE
from partnership_game.text.terminal import Terminal

CORRIDOR = Path(__file__).parents[1] / "data" / "corridor_2001.yaml"
KREMLIN_OPTIONS = ["Open the airspace and raise no objection", "Offer sympathy, nothing on the ground"]
WASHINGTON_OPTIONS = ["Take what is offered, promise nothing in writing", "Offer a written time limit"]


def _play(play: SidesPlay, typed: str, tmp_path: Path) -> tuple[int, str]:
    out = io.StringIO()
    terminal = Terminal(io.BytesIO(typed.encode()), out, io.StringIO())
    status = play_sides(play, terminal, tmp_path, tmp_path / "autosave.json", Screen(80, 24, folded=False))
    return status, out.getvalue()


def test_the_hot_seat_never_shows_a_sealed_choice_before_the_reveal(tmp_path: Path) -> None:
    corridor = load_path(CORRIDOR)
    play = SidesPlay(Session(corridor, 3), hotseat(corridor.compiled.sides))
    # Enter (the Kremlin's hand-over), 2 (sealed), Enter (the White House's), 1, Enter after the reveal, 1 (the
    # Chechnya line), Enter, Enter (the Kremlin's hand-over), 1, Enter, and the debriefs' hand-overs.
    status, out = _play(play, "\n2\n\n1\n\n1\n\n\n1\n\n\n\n\n", tmp_path)
    assert status == 0
    lines = out.split("\n")
    handovers = [k for k, line in enumerate(lines) if line.startswith(HANDOVER_PROMPT)]
    assert "Pass the keyboard to the White House." in lines[handovers[1] - 1]
    # The hand-over clears the screen: a screenful of blank lines stands between the sides.
    assert lines[handovers[1] - 24 : handovers[1] - 1] == [""] * 23
    reveal = out.index(REVEAL_LINE)
    washington_turn = out[out.index(HANDOVER_PROMPT, out.index("Your choice is sealed")) : reveal]
    assert "You play the White House." in washington_turn
    for label in KREMLIN_OPTIONS:  # the Kremlin's sealed choice, and every option it had, are unseen
        assert label not in washington_turn
    kremlin_turn = out[: out.index("Your choice is sealed")]
    for label in WASHINGTON_OPTIONS:
        assert label not in kremlin_turn
    after = out[reveal:]
    assert after.index(KREMLIN_OPTIONS[1]) < after.index(WASHINGTON_OPTIONS[0])
    assert "Moscow offers words" in after
    # News of the White House's decision opens the Kremlin's next screen, and only that one.
    news = "News from Washington: A line on Chechnya"
    assert out.count(news) == 1 and out.index(news) > out.rindex("You play the Kremlin.")
    assert "Your verdict: bad." in out and "The verdict of the White House: mixed." in out
    assert max(len(line) for line in lines if str(tmp_path) not in line) <= 80  # a path stays whole


def test_a_counterpart_game_tells_what_the_counterpart_expected(tmp_path: Path) -> None:
    corridor = load_path(CORRIDOR)
    play = SidesPlay(Session(corridor, 5), solo(corridor.compiled.sides, "kremlin", "cautious"))
    status, out = _play(play, "1\n\n1\n\n", tmp_path)
    assert status == 0
    assert HANDOVER_PROMPT not in out  # one person: nothing to hand over
    assert out.index("You play the Kremlin.") < out.index(REVEAL_LINE)
    assert "What the counterpart expected:" in out
    assert "- Washington chose " in out and " % " in out.split("What the counterpart expected:")[1]


def test_side_flags_are_checked(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "partnership_game", "play", "--text", "--new", "--scenario",
                               str(CORRIDOR), *args], capture_output=True, text=True, input="",
                              env={"XDG_DATA_HOME": str(tmp_path), "HOME": str(tmp_path), "PATH": ""}, timeout=60)

    wrong_side = run("--side", "moscow")
    assert wrong_side.returncode == 2
    assert "no side 'moscow' (its sides: kremlin, washington)" in wrong_side.stderr
    wrong_temperament = run("--side", "kremlin", "--temperament", "hawkish")
    assert wrong_temperament.returncode == 2 and "washington has no temperament 'hawkish'" in wrong_temperament.stderr
    both = run("--side", "kremlin", "--hotseat")
    assert both.returncode == 2 and "do not go together" in both.stderr
    assert "Traceback" not in wrong_side.stderr + wrong_temperament.stderr + both.stderr
