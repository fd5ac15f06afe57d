"""docs/historical-playthrough.txt is exactly what the README's command prints; a stale file fails here."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("playthrough_script", REPO / "scripts" / "playthrough.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_historical_playthrough_doc_is_what_the_command_prints() -> None:
    script = _script()
    printed = script.transcript()
    current = script.DOC.read_bytes()
    assert current == printed, (
        f"docs/historical-playthrough.txt is stale ({script.first_difference(current, printed)}): "
        "run python scripts/playthrough.py"
    )


def test_the_transcript_is_the_historical_road_at_80_columns() -> None:
    text = _script().transcript().decode("utf-8")
    lines = text.split("\n")
    assert len(lines) > 100 and text.endswith("\n")
    assert "Traceback" not in text
    assert not [line for line in lines if len(line) > 80 and "://" not in line]
    # Every decision the transcript tells is the one history took: the doc shows the record, not a random road.
    from partnership_game.scenario import load_path
    from partnership_game.session import Session
    from partnership_game.text import play

    session = Session(load_path(REPO / "scenarios" / "new_partnership.yaml"), 2001)
    play.scripted(session, "historical")
    flat = " ".join(text.split())  # a long label may wrap
    for decision in session.decisions:
        assert " ".join(decision.event.options[decision.option].label.split()) in flat
