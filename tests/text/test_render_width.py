"""What the terminal shows, fitted to a width: every block of every turn of the shipped campaign on three roads,
at 80 and 40 columns; the story tells an outcome once, groups changes by cause and says when a bound absorbed one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from partnership_game.engine import POLICIES
from partnership_game.scenario import LoadedScenario, load_bytes, load_path
from partnership_game.session import Session
from partnership_game.text import debrief, render

CAMPAIGN = Path(__file__).resolve().parents[2] / "scenarios" / "new_partnership.yaml"
LINK = re.compile(r"^\s*(?:https?://\S+|<https?://\S+>)$")
WIDTHS = (80, 40)


@pytest.fixture(scope="module")
def campaign() -> LoadedScenario:
    return load_path(CAMPAIGN)


def _too_wide(text: str, width: int) -> list[str]:
    """Lines wider than `width`, except a link standing alone on its line."""
    return [line for line in text.split("\n") if len(line) > width and not LINK.match(line)]


def _pick(road: str, session: Session) -> int:
    pending = session.pending
    assert pending is not None
    if road == "first":
        return session.available().index(True)
    return int(POLICIES[road](session.state, pending)[0])


def _blocks(session: Session, fresh: list, width: int) -> Iterator[tuple[str, str]]:  # type: ignore[type-arg]
    yield "story", render.story(session, fresh, width)
    yield "since_last", render.since_last(session, fresh, width)
    yield "ledger", render.ledger(session, fresh, width)
    yield "timeline", render.timeline(session, width)
    if session.over:
        yield "ending", debrief.ending(session, width)
        for key, _ in debrief.debrief_sections(session):
            yield key, debrief.debrief_section(session, key, width)
        yield "debrief_full", debrief.debrief_full(session, width)
        return
    pending = session.pending
    assert pending is not None
    yield "header", render.header(session, width)
    yield "situation", render.situation(session, width)
    yield "options", render.options(session, width)
    yield "options short", render.options(session, width, full=False)
    yield "counsel", render.counsel(session, width)
    yield "world", render.world(session, width)
    yield "meters", render.meters(session, width)
    yield "meters detailed", render.meters(session, width, detailed=True)
    yield "sources", render.sources(pending.event.model, width)
    yield "full_turn", render.full_turn(session, width)


@pytest.mark.parametrize("road,seed", [("historical", 2001), ("random", 7), ("first", 3)])
def test_every_block_of_every_turn_fits_the_width(campaign: LoadedScenario, road: str, seed: int) -> None:
    session = Session(campaign, seed)
    shown = 0
    turns = 0
    while True:
        entries = session.state.ledger.entries if session.state.ledger else []
        fresh, shown = entries[shown:], len(entries)
        for width in WIDTHS:
            for name, text in _blocks(session, fresh, width):
                assert not _too_wide(text, width), (road, session.state.turn, width, name, _too_wide(text, width))
        if session.over:
            break
        session.choose(_pick(road, session))
        turns += 1
    assert turns >= 10  # the whole campaign was walked, not just its start


def test_the_glossary_and_the_odds_fit_the_width(campaign: LoadedScenario) -> None:
    session = Session(campaign, 2001)
    terms = [t.term for t in campaign.model.glossary]
    for width in WIDTHS:
        answers = [render.glossary(session, None, width), render.glossary(session, "zzz" * 40, width),
                   render.odds(session, width, futures=200)]
        answers += [render.glossary(session, term, width) for term in terms]
        for text in answers:
            assert not _too_wide(text, width), _too_wide(text, width)


def test_a_long_link_stands_whole_on_its_own_line(campaign: LoadedScenario) -> None:
    event = next(e for e in campaign.model.events if any(s.url and len(s.url) > 80 for s in e.sources))
    text = render.sources(event, 40)
    for source in event.sources:
        if source.url:
            assert f"  {source.url}" in text.split("\n")


def test_sources_read_author_title_outlet_date_with_the_link_on_the_next_line() -> None:
    from partnership_game.scenario.models import Event

    event = Event.model_validate({
        "id": "e", "title": "E", "accuracy": "historical", "situation": "S.", "effects": [
            {"type": "add", "meter": "m", "amount": 1}],
        "sources": [{"title": "Russia says nyet", "author": "J. Doe", "outlet": "The Monitor", "date": "24 Sept 2001",
                     "url": "https://example.org/nyet"}, {"title": "Only a title"}],
    })
    assert render.sources(event, 80).split("\n") == [
        "Sources:", "- J. Doe, Russia says nyet, The Monitor, 24 Sept 2001", "  https://example.org/nyet",
        "- Only a title",
    ]


BOUNDS = """
format_version: 1
id: bounds
title: Bounds
description: A meter pushed against its ceiling.
authors: [The test suite]
roles: [{id: r, label: R}]
meters:
  - {id: anger, label: Anger, start: 47, good: down, max: 50}
  - {id: trust, label: Trust, start: 10, good: up}
turns:
  - {id: t1, date: "2001-01-01", place: Here, title: One}
  - {id: t2, date: "2001-01-02", place: Here, title: Two}
  - {id: t3, date: "2001-01-03", place: Here, title: Three}
events:
  - id: push
    title: Push
    turn: t1
    accuracy: invented
    situation: Push it.
    options:
      - id: push
        label: Push hard
        outcomes:
          - weight: 1
            text: The crowd roars once.
            effects: [{type: add, meter: anger, amount: 5}, {type: add, meter: trust, amount: 4},
                      {type: add, meter: anger, amount: 0}]
      - {id: no, label: Do not, effects: [{type: add, meter: trust, amount: 1}]}
  - id: again
    title: Again
    turn: t2
    accuracy: invented
    situation: Push again.
    options:
      - {id: push, label: Push once more, effects: [{type: add, meter: anger, amount: 3},
                                                    {type: add, meter: trust, amount: 2}]}
      - {id: no, label: Do not, effects: [{type: add, meter: trust, amount: 1}]}
  - id: end
    title: End
    turn: t3
    accuracy: invented
    situation: The end.
    options:
      - {id: a, label: A, effects: [{type: add, meter: trust, amount: 1}]}
      - {id: b, label: B, effects: [{type: add, meter: trust, amount: 2}]}
endings:
  - {id: over, title: Over, text: It is over., fallback: true}
silence_warnings: [W001, W002, W003, W004, W005, W006, W007, W008]
"""


@pytest.fixture
def bounds() -> Session:
    return Session(load_bytes(BOUNDS.encode(), "bounds.yaml"), 1)


def _fresh(session: Session, since: int) -> list:  # type: ignore[type-arg]
    entries = session.state.ledger.entries if session.state.ledger else []
    return entries[since:]


def test_the_story_tells_an_outcome_once_and_groups_its_changes_on_one_line(bounds: Session) -> None:
    bounds.choose(0)
    story = render.story(bounds, _fresh(bounds, 0), 120)
    assert story.count("The crowd roars once.") == 1
    lines = story.split("\n")
    choice = [line for line in lines if line.startswith("Your choice:")]
    assert choice == ["Your choice: Anger up 3 to 50, its ceiling, the worst it can be; Trust up 4 to 14."]


def test_a_change_the_ceiling_absorbed_is_said_as_such(bounds: Session) -> None:
    bounds.choose(0)
    since = len(bounds.state.ledger.entries) if bounds.state.ledger else 0
    bounds.choose(0)
    fresh = _fresh(bounds, since)
    assert any(e.meter == "anger" and e.delta == 0 for e in fresh)  # the engine recorded the absorbed push
    story = render.story(bounds, fresh, 120)
    assert "Your choice: Anger already at its ceiling (50), the worst it can be; Trust up 2 to 16." in story
    assert "Anger already at its ceiling (50)" in render.since_last(bounds, fresh, 120)
    assert "- 2001-01-02: Anger already at its ceiling (50), the worst it can be, because of your choice " \
           "'Push once more'." in render.ledger(bounds, fresh, 200)


def test_since_last_sums_each_meter_and_says_nothing_without_changes(bounds: Session) -> None:
    assert render.since_last(bounds, [], 80) == ""
    bounds.choose(1)
    since = len(bounds.state.ledger.entries) if bounds.state.ledger else 0
    bounds.choose(1)
    summary = render.since_last(bounds, _fresh(bounds, 0), 80)
    assert summary == "Since your last decision: Trust up 2 to 12. (l: the ledger)"
    assert render.since_last(bounds, _fresh(bounds, since), 80).startswith("Since your last decision: Trust up 1 to")


def test_a_drifting_meter_and_news_are_grouped_by_cause_in_the_shipped_campaign(campaign: LoadedScenario) -> None:
    session = Session(campaign, 2001)
    session.choose(_pick("historical", session))
    story = render.story(session, session.state.ledger.entries if session.state.ledger else [], 80)
    # The choice's four changes on one line (wrapped), not one line per meter each repeating the choice.
    assert story.count("Your choice") == 1
    assert story.count("With the passing of time") == 1
    # The news that opens turn 2 is told under turn 2's header, before its decision, once.
    assert "News:" not in story
    turn = render.full_turn(session, 80)
    assert turn.count("News: Condolences and a minute of silence") == 1
    assert turn.index("Turn 2 of") < turn.index("News:") < turn.index("Your options")
