"""session.texts: the variant a player reads in the game as it stands, words kept as they were when things
happened, and threshold warnings (tests/data/variants_probe.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.scenario import LoadedScenario, load_path
from partnership_game.session import texts
from partnership_game.session.session import Session

PROBE_PATH = Path(__file__).resolve().parent.parent / "data" / "variants_probe.yaml"


@pytest.fixture(scope="module")
def probe() -> LoadedScenario:
    return load_path(PROBE_PATH)


def options(session: Session) -> dict[str, int]:
    assert session.pending is not None
    return {o.id: k for k, o in enumerate(session.pending.event.options)}


def test_the_first_variant_that_holds_is_shown(probe: LoadedScenario) -> None:
    session = Session(probe, seed=1)
    event = session.pending.event if session.pending else None
    assert event is not None and event.model is not None
    assert texts.shown(session, event.model.situation) == "No treaty yet."
    refuse = event.options[options(session)["refuse"]]
    assert texts.label(session, refuse) == "Refuse politely"  # trust 50 >= 50
    assert refuse.label == "Refuse"  # the plain wording, for places with no game state
    assert texts.shown(session, "A plain text.") == "A plain text."
    assert texts.shown(session, None) == ""
    session.choose(options(session)["sign"])
    second = session.pending.event if session.pending else None
    assert second is not None and second.model is not None
    assert texts.shown(session, second.model.situation) == "With the treaty signed the talks go on."


def test_a_result_is_chosen_in_the_state_the_choice_was_made_in(probe: LoadedScenario) -> None:
    session = Session(probe, seed=1)
    session.choose(options(session)["sign"])
    [decision] = [h for h in texts.happened(session, 0) if not h.news]
    # Trust was 50 when the player chose (65 after): "trust >= 50" held then.
    assert decision.result == "Washington applauds." and decision.heading == "Sign"


def test_words_already_read_are_not_rewritten_by_later_changes(probe: LoadedScenario) -> None:
    session = Session(probe, seed=1)
    session.choose(options(session)["refuse"])  # trust 50 -> 40
    refuse = probe.compiled.events[0].options[1]
    assert texts.label(session, refuse) == "Refuse"  # read now, trust is 40
    assert texts.decision_label(session, 0) == "Refuse politely"  # as the player read it when choosing
    assert texts.happened(session, 0)[0].result == "Nobody answers."
    session.choose(options(session)["wait"])
    # The delayed effect landed on turn 2, unsigned: its words were chosen then.
    later = [h for h in texts.happened(session, 1) if h.kind == "delayed"]
    assert [h.heading for h in later] == ["The refusal still rankles."]
    assert all(h.news for h in later)
    # A step back and forward again replays the same words.
    session.back()
    session.choose(options(session)["wait"])
    assert [h.heading for h in texts.happened(session) if h.kind == "delayed"] == ["The refusal still rankles."]


def test_ending_text_follows_the_final_state(probe: LoadedScenario) -> None:
    session = Session(probe, seed=1)
    session.choose(options(session)["sign"])
    session.choose(options(session)["go"])
    assert session.ending is not None and session.ending.id == "treaty"
    assert texts.shown(session, session.ending.text) == "A warm treaty."  # trust 65


def test_threshold_warnings_show_once_crossed_in_their_direction(probe: LoadedScenario) -> None:
    session = Session(probe, seed=1)
    session.choose(options(session)["sign"])  # 50 -> 65: up through 60
    assert session.state.ledger is not None
    assert texts.crossed(session, session.state.ledger.for_turn(0)) == ["Washington warms to you"]
    other = Session(probe, seed=1)
    other.choose(options(other)["refuse"])  # 50 -> 40: down through 45
    assert other.state.ledger is not None
    assert texts.crossed(other, other.state.ledger.for_turn(0)) == ["Washington cools"]
    # Turn 2's delayed -1 (40 -> 39) crosses nothing with words (80 is a bare number).
    other.choose(options(other)["wait"])
    assert other.state.ledger is not None
    assert texts.crossed(other, other.state.ledger.for_turn(1)) == []
