"""scripts/make_sounds.py's ears: its check finds a clipped effect, one too loud, one harsh above 8 kHz and one that
starts with a click, and passes the same sounds made properly (the committed files pass: tests/ui/test_sound.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[2]


def _script() -> Any:
    spec = importlib.util.spec_from_file_location("make_sounds_levels", REPO / "scripts" / "make_sounds.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tone(script: Any, freq: float, seconds: float = 0.3) -> np.ndarray:
    t = np.arange(round(seconds * script.RATE)) / script.RATE
    return np.sin(2 * np.pi * freq * t) * np.exp(-t / 0.08)


def test_the_check_hears_clipping_loudness_harshness_and_clicks(tmp_path: Path) -> None:
    script = _script()
    rng = np.random.default_rng(7)
    good = script.finish_effect(_tone(script, 440))
    harsh = script.soft_limit(good + 0.05 * np.sin(2 * np.pi * 9500 * np.arange(len(good)) / script.RATE))
    sounds = {
        "good": good,
        "clipped": np.clip(good * 4, -1, 1),
        "loud": script.soft_limit(good * 2.5),  # +8 dB, its peaks still held under the limit
        "harsh": harsh,
        "click": good[round(script.LEAD_S * script.RATE) + 20:],  # the silence and the attack cut off
    }
    for name, x in sounds.items():
        script.write_wav(tmp_path / f"{name}.wav", x, rng)
    _, problems = script.check(tmp_path)
    by_file = {name: [p for p in problems if p.startswith(f"{name}:")] for name in sounds}
    assert by_file["good"] == []
    assert any("clipped" in p for p in by_file["clipped"])
    assert any("level" in p for p in by_file["loud"]) and not any("clipped" in p for p in by_file["loud"])
    assert any("above 8000 Hz" in p for p in by_file["harsh"])
    assert any("click at its start" in p for p in by_file["click"])


def test_a_made_effect_is_at_its_loudness_under_its_peak_and_starts_in_silence() -> None:
    script = _script()
    for name, build in script.EFFECTS.items():
        x = script.finish_effect(build(np.random.default_rng(1)))
        assert abs(script.loudness_db(x) - script.EFFECT_LOUDNESS_DB) < 0.5, name
        assert np.abs(x).max() <= script.PEAK_LIMIT, name
        start, end = script.edges_db(x)
        assert max(start, end) < script.EDGE_DB, name
        assert script.spectrum(x)["harsh_share"] < script.HARSH_SHARE, name
