"""The built-in campaign: valid with no warnings, sourced, and balanced as docs/balance.md describes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from partnership_game.engine import POLICIES, Engine
from partnership_game.engine.batch import explore_seeds, play_out
from partnership_game.scenario import load_path
from partnership_game.session import Session
from partnership_game.text.play import result_json, scripted

CAMPAIGN = Path(__file__).resolve().parents[2] / "scenarios" / "new_partnership.yaml"


@pytest.fixture(scope="module")
def campaign():  # type: ignore[no-untyped-def]
    return load_path(CAMPAIGN)


def test_the_campaign_validates_with_no_warnings(campaign) -> None:  # type: ignore[no-untyped-def]
    assert campaign.warnings == ()


def test_the_campaign_spans_september_11_to_the_rome_council(campaign) -> None:  # type: ignore[no-untyped-def]
    turns = campaign.model.turns
    assert turns[0].date == "2001-09-11"
    # The last turn covers the Moscow summit (May 24) and the Council in Rome (May 28).
    assert "2002-05-24" <= turns[-1].date <= "2002-05-28"
    decisions = [e for e in campaign.model.events if e.turn is not None and e.options]
    assert len({e.turn for e in decisions}) >= 10
    for event in decisions:
        assert 3 <= len(event.options) <= 5 or event.accuracy == "invented", event.id


def test_every_event_that_happened_has_one_historical_option_and_sources(campaign) -> None:  # type: ignore[no-untyped-def]
    for event in campaign.model.events:
        assert event.sources, event.id
        if event.options and event.accuracy == "historical":
            assert sum(o.historical for o in event.options) == 1, event.id


def test_meters_advisors_endings_and_glossary_cover_the_brief(campaign) -> None:  # type: ignore[no-untyped-def]
    model = campaign.model
    meters = {m.id for m in model.meters}
    assert {"trust", "elite_resistance"} <= meters and len(meters) >= 6
    assert len(model.endings) >= 5
    assert sum(e.historical for e in model.endings) == 1
    assert any(e.immediate for e in model.endings)
    assert len(model.advisors) >= 5
    names = {name for g in model.glossary for name in (g.term, *g.aliases)}
    assert {"ABM Treaty", "CSTO", "Jackson-Vanik"} <= names
    assert model.questions


def test_the_historical_road_reaches_the_historical_ending(campaign) -> None:  # type: ignore[no-untyped-def]
    session = Session(campaign, seed=2001)
    scripted(session, "historical")
    result = result_json(session)
    historical_ending = next(e.id for e in campaign.model.endings if e.historical)
    assert result["ending"]["id"] == historical_ending  # type: ignore[index]
    assert all(d["historical"] for d in result["decisions"] if d["event"].startswith("e"))  # type: ignore[union-attr]
    start, end = result["start_meters"], result["meters"]
    assert end["trust"] > start["trust"]  # type: ignore[index]
    assert end["elite_resistance"] > start["elite_resistance"]  # type: ignore[index]


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_random_roads_reach_an_ending(campaign, seed: int) -> None:  # type: ignore[no-untyped-def]
    session = Session(campaign, seed=seed)
    scripted(session, "random")
    assert session.over and session.ending is not None


def _shares(campaign, policy: str, runs: int = 20_000):  # type: ignore[no-untyped-def]
    engine = Engine(campaign.compiled)
    state = play_out(engine, engine.start(explore_seeds(11, runs)), POLICIES[policy])
    counts = np.bincount(state.ending.astype(np.int64), minlength=len(campaign.compiled.endings))
    return {e.id: counts[e.index] / runs for e in campaign.compiled.endings}


def test_the_historical_policy_reaches_the_historical_ending_in_most_seeds(campaign) -> None:  # type: ignore[no-untyped-def]
    historical_ending = next(e.id for e in campaign.model.endings if e.historical)
    assert _shares(campaign, "historical")[historical_ending] > 0.5


def test_random_play_reaches_four_endings_none_above_sixty_percent(campaign) -> None:  # type: ignore[no-untyped-def]
    shares = _shares(campaign, "random")
    assert sum(1 for share in shares.values() if share > 0.005) >= 4
    assert max(shares.values()) <= 0.6
