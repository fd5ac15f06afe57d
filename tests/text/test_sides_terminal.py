"""The terminal's game of two sides: happenings told as news to their audience when they land, each side's own
counsel, a step back in a hot seat only with the other side's consent, and a class file's seats."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_game.scenario import load_path
from partnership_game.session import Session
from partnership_game.session.seating import hotseat, solo
from partnership_game.session.sides_play import SidesPlay
from partnership_game.text.play import Screen
from partnership_game.text.sides_game import play_sides
from partnership_game.text.sides_screens import CONSENT_PROMPT, HANDOVER_PROMPT
from partnership_game.text.terminal import Terminal

ROOT = Path(__file__).parents[2]
CAMPAIGN = ROOT / "scenarios" / "new_partnership_two_sides.yaml"
CORRIDOR = ROOT / "tests" / "data" / "corridor_2001.yaml"
DEBRIEF = "Everything else, now revealed:"


@pytest.fixture(scope="module")
def campaign():
    return load_path(CAMPAIGN)


def _play(play: SidesPlay, typed: str, tmp_path: Path) -> str:
    out = io.StringIO()
    terminal = Terminal(io.BytesIO(typed.encode()), out, io.StringIO())
    assert play_sides(play, terminal, tmp_path, tmp_path / "autosave.json", Screen(80, 24, folded=False)) == 0
    return out.getvalue()


def test_washington_reads_the_condolences_as_news_when_they_land(campaign, tmp_path: Path) -> None:
    play = SidesPlay(Session(campaign, 2001), solo(campaign.compiled.sides, "washington", "historical"))
    out = _play(play, "\n", tmp_path)  # the briefing's page, then input ends at the first decision
    assert DEBRIEF not in out
    screen = out[out.index("You play the White House."):]
    assert "News: Condolences and a minute of silence" in screen
    assert "News from Moscow: An American alert, a Russian exercise" in screen
    assert "  - Trust between the governments: " in screen  # the changes it sees, under the news
    assert screen.index("News: Condolences") < screen.index("Your options:")


def test_counsel_shows_the_acting_sides_own_advisers(campaign, tmp_path: Path) -> None:
    play = SidesPlay(Session(campaign, 2001), hotseat(campaign.compiled.sides))
    out = _play(play, "\n\nc\n", tmp_path)
    counsel = out[out.index("Counsel:"):]
    assert "General Staff" in counsel
    assert "Secretary of State" not in counsel and "Secretary of Defense" not in counsel
    assert "Not in a game of two sides" not in out


def test_a_step_back_in_a_hot_seat_needs_the_other_sides_consent(campaign, tmp_path: Path) -> None:
    play = SidesPlay(Session(campaign, 2001), hotseat(campaign.compiled.sides))
    # Briefing; Kremlin: hand-over, 1, Enter; White House: hand-over, 1, Enter; Kremlin: hand-over, b, the White
    # House's hand-over, n, the Kremlin's hand-over; then b again, the hand-over, y, the hand-over; then input ends.
    out = _play(play, "\n\n1\n\n\n1\n\n\nb\n\nn\n\nb\n\ny\n\n", tmp_path)
    ask = "The Kremlin asks to take back its last decision."
    assert out.count(ask) == 2 and out.count(CONSENT_PROMPT) == 2
    asked = out[out.index(ask):]
    consent = out[out.rindex(HANDOVER_PROMPT, 0, out.index(ask)):out.index(CONSENT_PROMPT) + len(CONSENT_PROMPT)]
    assert "Pass the keyboard to the White House." in out[:out.index(ask)].rsplit(HANDOVER_PROMPT, 1)[0][-200:]
    assert "Open the files on Afghanistan" not in consent and "What to give the Working Group" not in consent
    refused = asked[:asked.index(ask, 1)]
    assert "The White House did not allow it; nothing has changed." in refused
    assert "What to give the Working Group" in refused  # the Kremlin is asked the same decision again
    assert "The White House allowed it. Stepped back" in asked[asked.index(ask, 1):]
    # the White House's own decision goes with it (the line may wrap)
    assert "your own decisions taken since then" in " ".join(consent.split())
    assert play.session.pending is not None and play.session.pending.event.id == "e01_alert"
    assert len(play.session.timeline.nodes) == 2  # the branch left is kept


def _class(tmp_path: Path, seats: str, extra: str = "") -> Path:
    shutil.copy(CORRIDOR, tmp_path / "corridor_2001.yaml")
    path = tmp_path / "class.yaml"
    path.write_text("format_version: 1\ntitle: Two teams\nscenario: corridor_2001.yaml\nseed: 7\nask_name: false\n"
                    f"sides: {seats}\n{extra}", encoding="utf-8")
    return path


def _run(tmp_path: Path, *args: str, typed: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "partnership_game", "play", "--text", "--new", *args],
                          capture_output=True, text=True, input=typed,
                          env={"XDG_DATA_HOME": str(tmp_path), "HOME": str(tmp_path), "PATH": "", "COLUMNS": "80",
                               "LINES": "24"}, timeout=60)


def test_a_class_file_seats_a_hot_seat_and_shows_the_other_side(tmp_path: Path) -> None:
    path = _class(tmp_path, "{kremlin: player, washington: player}", "show: {other_side: true}\n")
    done = _run(tmp_path, "--class", str(path), typed="\nm\n")
    assert done.returncode == 0, done.stderr
    kremlin = done.stdout[done.stdout.index("You play the Kremlin."):]
    assert "Pass the keyboard to the Kremlin." in done.stdout
    assert "Support in Congress" in kremlin  # a meter only the White House sees, shown by the class
    assert "Take what is offered" not in kremlin


def test_a_class_file_seats_a_counterpart_and_hides_the_other_side(tmp_path: Path) -> None:
    path = _class(tmp_path, "{kremlin: counterpart, washington: player}", "temperament: hawkish\n")
    done = _run(tmp_path, "--class", str(path), typed="m\n")
    assert done.returncode == 0, done.stderr
    assert HANDOVER_PROMPT not in done.stdout
    washington = done.stdout[done.stdout.index("You play the White House."):]
    assert "Support in Congress" in washington and "The generals' anger" not in washington
    refused = _run(tmp_path, "--class", str(path), "--side", "kremlin")
    assert refused.returncode == 2 and "the class file seats the sides" in refused.stderr


def test_each_sides_debrief_says_you_only_of_its_own_decisions(tmp_path: Path) -> None:
    corridor = load_path(CORRIDOR)
    play = SidesPlay(Session(corridor, 3), hotseat(corridor.compiled.sides))
    out = _play(play, "\n2\n\n1\n\n1\n\n\n1\n\n\n\n\n", tmp_path)  # as in test_hotseat.py, to both debriefs
    kremlin = out[out.index("Your verdict: bad."):out.index("Your verdict: mixed.")]
    washington = out[out.index("Your verdict: mixed."):]
    assert "You took 2 decisions" in kremlin and "You took 2 decisions" in washington
    assert "The White House chose: Link the Chechen leaders to al-Qaida, deny any deal." in kremlin
    assert "You chose: Link the Chechen leaders" in washington
    assert "You chose: Link" not in kremlin and "You chose: Tell them the partnership" not in washington
    # Washington's own decision is told to the Kremlin by its news, written for the Kremlin's chair.
    assert "The White House tells the Chechen leadership to cut every tie to al-Qaida." in kremlin
