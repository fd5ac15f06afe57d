"""The debrief's "why": the reached ending's condition in words, the nearest ending missed, the decisions behind it."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.scenario import load_bytes, load_path
from partnership_game.session import Session
from partnership_game.session.why import explain_ending, missed_sentence, why_text

DATA = Path(__file__).resolve().parents[1] / "data"
CAMPAIGN = Path(__file__).resolve().parents[2] / "scenarios" / "new_partnership.yaml"
TINY = (DATA / "tiny.yaml").read_text(encoding="utf-8")
PARTNERSHIP = "condition: trust >= 40 and gains >= 20"


def play(text: str, *option_ids: str, seed: int = 3) -> Session:
    session = Session(load_bytes(text.encode(), "tiny.yaml"), seed)
    for option_id in option_ids:
        assert session.pending is not None
        session.choose([o.id for o in session.pending.event.options].index(option_id))
    return session


def test_the_reached_ending_in_words_with_the_values_that_met_it() -> None:
    session = play(TINY, "help", "safe", "sign")
    why = explain_ending(session)
    assert why.reached is not None and why.reached.ending.id == "partnership"
    trust = session.meters()["trust"]
    # gains: 10 at the start, +5 for playing safe, +10 for signing
    assert [r.met for r in why.reached.reasons] == [f"Trust {trust:.0f} (needed at least 40)",
                                                    "Gains 25 (needed at least 20)"]
    assert why.missed is None  # only the immediate backlash is checked before it, and that is no road not taken


def test_not_or_flags_reversed_comparisons_and_arithmetic_in_words() -> None:
    text = TINY.replace(PARTNERSHIP, "condition: not (trust < 40 or bases_open) and 20 <= gains and "
                                     "trust + gains >= 50")
    session = play(text, "help", "safe", "sign")
    why = explain_ending(session)
    assert why.reached is not None and why.reached.ending.id == "partnership"
    trust = session.meters()["trust"]
    assert [r.met for r in why.reached.reasons] == [
        f"Trust {trust:.0f} (needed at least 40)",  # not (trust < 40 ...) pushed down to the test itself
        "“Bases open”: no",
        "Gains 25 (needed at least 20)",  # 20 <= gains read the other way round
        f"trust + gains came to {trust + 25:.0f} (needed at least 50)",  # arithmetic as the modder wrote it
    ]


def test_an_or_shows_only_the_alternatives_that_held() -> None:
    text = TINY.replace(PARTNERSHIP, "condition: gains >= 20 or bases_open")
    why = explain_ending(play(text, "help", "safe", "sign"))
    assert why.reached is not None and [r.met for r in why.reached.reasons] == ["Gains 25 (needed at least 20)"]


def test_the_nearest_miss_is_the_one_with_fewest_failing_tests() -> None:
    # Walking away leaves trust and gains short of the partnership (two tests), the deal one flag short.
    session = play(TINY, "help", "safe", "walk")
    why = explain_ending(session)
    assert why.reached is not None and why.reached.ending.id == "cold"
    assert why.missed is not None and why.missed.ending.id == "bases_deal"
    assert missed_sentence(why.missed) == "A deal needed “Bases open”; it was not so."


def test_between_single_misses_the_nearer_on_the_meters_scale_wins() -> None:
    # Both endings are one test short: trust 95 is far off, gains 20 (on a 0-50 scale) 5 points away.
    text = TINY.replace(PARTNERSHIP, "condition: trust >= 95").replace("condition: bases_open",
                                                                       "condition: gains >= 20")
    session = play(text, "help", "safe", "walk")
    why = explain_ending(session)
    assert why.missed is not None and why.missed.ending.id == "bases_deal"
    assert missed_sentence(why.missed) == "A deal needed Gains at least 20; yours was 15."


def test_several_failing_tests_are_listed_with_what_the_player_had() -> None:
    text = TINY.replace("condition: bases_open", "condition: trust >= 95 and gains >= 45")
    session = play(text, "help", "safe", "walk")
    why = explain_ending(session)
    assert why.missed is not None and why.missed.ending.id == "partnership"  # two short, and checked first
    trust = session.meters()["trust"]
    assert missed_sentence(why.missed) == (f"Partnership needed Trust at least 40 (yours was {trust:.0f}) and "
                                           "Gains at least 20 (yours was 15).")


def test_the_decisions_that_moved_the_deciding_meters_count_their_delayed_effects() -> None:
    text = TINY.replace(PARTNERSHIP, PARTNERSHIP + " and elite_resistance < 90")
    why = explain_ending(play(text, "help", "safe", "sign"))
    assert [(m.option_label, m.changes) for m in why.movers] == [
        # help: +10 elite resistance at once and +5 two turns later (its delayed effect), +10 trust
        ("Help", (("Trust", 10.0), ("Elite resistance", 15.0))),
        ("Sign", (("Gains", 10.0),)),
        ("Play safe", (("Gains", 5.0),)),
    ]
    assert [m.date for m in why.movers] == ["2001-09-11", "2001-10-17", "2001-09-22"]


def test_meters_no_ending_reads_do_not_count() -> None:
    why = explain_ending(play(TINY, "help", "safe", "sign"))
    assert [m.option_label for m in why.movers] == ["Help", "Sign", "Play safe"]
    assert all(label != "Elite resistance" for m in why.movers for label, _ in m.changes)


def test_an_immediate_ending_is_explained_without_a_missed_road() -> None:
    text = TINY.replace("condition: elite_resistance >= 90", "condition: elite_resistance >= 40")
    session = play(text, "help")
    why = explain_ending(session)
    assert why.reached is not None and why.reached.ending.id == "backlash"
    assert [r.met for r in why.reached.reasons] == ["Elite resistance 40 (needed at least 40)"]
    assert why.missed is None
    assert [(m.option_label, m.changes) for m in why.movers] == [("Help", (("Elite resistance", 10.0),))]


def test_nothing_to_explain_while_the_game_goes_on() -> None:
    session = play(TINY, "help")
    assert explain_ending(session).reached is None
    assert why_text(session, 80) == ""


@pytest.fixture(scope="module")
def campaign_road() -> Session:
    """The campaign's historical road, seed 0."""
    session = Session(load_path(CAMPAIGN), 0)
    while not session.over:
        assert session.pending is not None
        marked = session.pending.event.historical_option
        available = session.available()
        session.choose(marked if marked >= 0 and available[marked] else available.index(True))
    return session


def test_the_campaign_explains_its_historical_ending(campaign_road: Session) -> None:
    why = explain_ending(campaign_road)
    assert why.reached is not None and why.reached.ending.id == "partnership_with_limits"
    trust = campaign_road.meters()["trust"]
    assert [r.met for r in why.reached.reasons] == [
        f"Trust between the governments {trust:.0f} (needed at least 50)"]
    assert why.missed is not None and not why.missed.ending.immediate
    assert why.missed.ending.index < why.reached.ending.index
    assert why.missed.reasons and not any(r.holds for r in why.missed.reasons)
    assert len(why.movers) == 3
    weights = [m.weight for m in why.movers]
    assert weights == sorted(weights, reverse=True) and weights[-1] > 0
    path = {(d.event.title, d.event.options[d.option].label) for d in campaign_road.decisions}
    assert all((m.event_title, m.option_label) in path for m in why.movers)


@pytest.mark.parametrize("width", [40, 60, 100])
def test_the_campaign_why_fits_the_terminal(campaign_road: Session, width: int) -> None:
    text = why_text(campaign_road, width)
    assert text.startswith("Why: A partnership with limits")
    flowing = " ".join(text.split())
    assert "needed" in flowing and "The decisions that moved these meters most:" in flowing
    assert all(len(line) <= width for line in text.splitlines())
