"""The dry run for authors and the silencing of warnings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_game.scenario import ScenarioError, load_bytes

DATA = Path(__file__).resolve().parents[1] / "data"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "partnership_game", *args], capture_output=True, text=True,
                          timeout=120, check=False)


def test_analyze_reports_every_ending_and_what_never_happens() -> None:
    result = cli("analyze", str(DATA / "tiny.yaml"), "--runs", "500", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data["endings"]) == {"backlash", "partnership", "bases_deal", "cold"}
    assert data["endings"]["partnership"]["historical"] == 1.0
    # tiny's 'bases' option needs trust 60, which trust (start 40, +10 at most before it) never reaches.
    assert "first/bases" in data["never_available_options"]
    assert "bases_deal" in data["unreachable_endings"] and "backlash" in data["unreachable_endings"]
    assert "partnership" not in data["unreachable_endings"]
    assert data["never_fired_events"] == []


def test_analyze_finds_a_meter_pinned_at_its_bound(tmp_path: Path) -> None:
    text = (DATA / "tiny.yaml").read_text(encoding="utf-8").replace(
        "{type: add, meter: gains, amount: 20}", "{type: add, meter: gains, amount: 90}")
    path = tmp_path / "pinned.yaml"
    path.write_text(text, encoding="utf-8")
    data = json.loads(cli("analyze", str(path), "--runs", "400", "--json").stdout)
    assert any(p["meter"] == "gains" and p["random"] >= 0.2 for p in data["pinned_meters"])


def test_silenced_warnings_are_not_reported_and_errors_cannot_be_silenced() -> None:
    text = (DATA / "tiny.yaml").read_text(encoding="utf-8")
    noisy = text.replace("condition: trust >= 60", "condition: 1 > 2")  # W004: always false
    assert [w.code for w in load_bytes(noisy.encode(), "x.yaml").warnings] == ["W004"]
    quiet = noisy + "silence_warnings: [W004]\n"
    assert load_bytes(quiet.encode(), "x.yaml").warnings == ()
    bogus = noisy + "silence_warnings: [E001, W999]\n"
    with pytest.raises(ScenarioError) as caught:
        load_bytes(bogus.encode(), "x.yaml")
    messages = [d.message for d in caught.value.diagnostics]
    # Both in one run: the code that is not a warning code's shape, and the one no warning has.
    assert messages[0] == "'E001' is not a warning code: only warnings (W and three digits, such as W001) can be " \
                          "silenced"
    assert messages[1].startswith("'W999' is not a warning code (warnings: W001, W002,")
    assert len(messages) == 2
