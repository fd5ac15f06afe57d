"""What the terminal tells after a choice and under each heading (tests/data/story_probe.yaml): what happened before
the numbers, news within the turn, warnings as they are crossed, accuracy of every kind, one count of decisions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from partnership_game.engine import POLICIES
from partnership_game.report import report_csv, report_html
from partnership_game.scenario import LoadedScenario, load_path
from partnership_game.session import Session
from partnership_game.text import debrief, render
from partnership_game.text.render import RANDOM_HEADING

DATA = Path(__file__).resolve().parent.parent / "data"
CAMPAIGN = Path(__file__).resolve().parents[2] / "scenarios" / "new_partnership.yaml"
WARNING = "Warning: The General Staff is openly restless."


@pytest.fixture(scope="module")
def probe() -> LoadedScenario:
    return load_path(DATA / "story_probe.yaml")


def _choose(session: Session, option_id: str) -> str:
    """Take an option by id; the story of what followed, as the terminal tells it after the choice."""
    assert session.pending is not None
    ids = [o.id for o in session.pending.event.options]
    mark = len(session.state.ledger.entries) if session.state.ledger else 0
    session.choose(ids.index(option_id))
    entries = session.state.ledger.entries if session.state.ledger else []
    return render.story(session, entries[mark:], 80)


def _line_of(lines: list[str], start: str) -> int:
    return next(k for k, line in enumerate(lines) if line.startswith(start))


def test_the_result_then_the_outcome_once_then_the_numbers_then_the_warning(probe: LoadedScenario) -> None:
    story = _choose(Session(probe, 1), "yes")
    result = "Dushanbe says yes, and Washington sends its thanks."
    outcome = "The hawks in the Duma shout about betrayal."
    assert story.count(result) == 1 and story.count(outcome) == 1
    lines = story.split("\n")
    numbers = _line_of(lines, "Your choice:")
    assert _line_of(lines, result) < _line_of(lines, outcome) < numbers
    assert lines[numbers] == "Your choice: Trust up 12 to 62; Unrest up 6 to 76."
    assert lines[numbers + 1] == WARNING  # its own line, right after the numbers that crossed 75
    assert story.count("Warning:") == 1


def test_no_warning_when_no_threshold_is_crossed(probe: LoadedScenario) -> None:
    story = _choose(Session(probe, 1), "no")
    assert "Washington shrugs and asks Tashkent instead." in story
    assert "Warning:" not in story


def test_a_random_event_is_news_with_its_accuracy_and_its_drawn_outcome(probe: LoadedScenario) -> None:
    session = Session(probe, 1)
    story = _choose(session, "yes")
    # It opens the next turn, so it is told under that turn's header (it belongs to that date), not after the choice.
    assert "A rumour" not in story and "Your choice:" in story
    turn = render.full_turn(session, 80)
    lines = turn.split("\n")
    news = _line_of(lines, "News: A rumour")
    assert lines[0].startswith("Turn 2 of ") and "Feb 1, 2002" in lines[0]
    assert lines[news] == "News: A rumour (written for the game)"  # the header just above gives its date
    assert turn.count("The rumour reaches the evening papers.") == 1
    assert news < _line_of(lines, "The rumour reaches the evening papers.") < _line_of(lines, "What it changed:")
    assert _line_of(lines, "What it changed:") < _line_of(lines, "Your options:")  # before the turn's decision
    # Its text as it landed (trust 62), not as the state reads after its own -1 (61).
    assert lines[news + 1] == "A rumour spreads that Washington is pleased."
    assert "A rumour about the talks" not in turn


def test_a_choice_that_changes_no_meter_still_says_what_happened(probe: LoadedScenario) -> None:
    session = Session(probe, 1)
    _choose(session, "yes")
    assert session.pending is not None and session.pending.event.id == "envoy"
    story = _choose(session, "hear")
    assert story == "He is heard and sent home; nothing comes of it."
    # Told once: the story after the next choice does not tell it again.
    assert "He is heard" not in _choose(session, "a")


def test_each_kind_of_accuracy_in_plain_words_under_the_heading(probe: LoadedScenario) -> None:
    session = Session(probe, 1)
    seen: dict[str, list[str]] = {}
    for option in ("yes", "hear", "a", "x"):
        assert session.pending is not None
        seen[session.pending.event.id] = render.header(session, 80).split("\n")
        _choose(session, option)
    assert seen["offer"] == ["Turn 1 of 3 · Jan 1, 2002 · Moscow", "Five points",
                             "On the record: this event happened."]
    assert seen["envoy"][2] == "Disputed: One side's claim, with no second source."  # the note says why
    assert seen["second"][2] == "A documented proposal: the record shows it was put forward at the time."
    assert seen["third"][2] == "Written for the game: this event is not on the record."


def test_a_random_decision_is_news_within_the_turn_not_its_heading(probe: LoadedScenario) -> None:
    session = Session(probe, 1)
    _choose(session, "yes")
    envoy = render.header(session, 80).split("\n")
    assert envoy[0] == "Turn 2 of 3 · Feb 1, 2002 · Moscow" and envoy[1] == RANDOM_HEADING
    assert "The second turn" not in render.header(session, 80)
    _choose(session, "hear")
    own = render.header(session, 80).split("\n")
    assert own[:2] == ["Turn 2 of 3 · Feb 1, 2002 · Moscow", "The second turn"]  # the turn's own decision


def test_no_random_event_takes_a_turn_heading_in_the_campaign() -> None:
    campaign = load_path(CAMPAIGN)
    randoms = 0
    for seed in range(1, 9):
        session = Session(campaign, seed)
        while session.pending is not None:
            pending = session.pending
            header = render.header(session, 80).split("\n")
            assert header[0].startswith(f"Turn {pending.turn + 1} of {len(campaign.model.turns)} · ")
            title = campaign.model.turns[pending.turn].title
            if pending.event.random:
                randoms += 1
                assert header[1] == RANDOM_HEADING, (seed, pending.event.id)
            else:
                assert header[1] == title
            session.choose(int(POLICIES["random"](session.state, pending)[0]))
    assert randoms > 0  # the campaign's random decisions were met, so the rule was tested


def _counts(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("road,taken,different,unknown", [
    (("yes", "hear", "b", "y"), 4, 2, 1),  # a non-historical decision and one history marks no choice for
    (("no", "send", "a", "x"), 4, 1, 1),
])
def test_the_debrief_and_the_report_count_decisions_alike(probe: LoadedScenario, road: tuple[str, ...],
                                                          taken: int, different: int, unknown: int) -> None:
    session = Session(probe, 1)
    for option in road:
        _choose(session, option)
    assert session.over
    sentence = (f"You took {taken} decisions; at {different} of them you chose differently from history. At {unknown}"
                " of them history has no choice to compare with (the record does not say, or the event was written"
                " for the game).")
    terminal = _counts(debrief.debrief_section(session, "path", 80))
    page = _counts(re.sub(r"<[^>]+>", " ", report_html(session)))
    assert sentence in terminal and sentence in page
    assert f"Decisions {taken} taken, {different} unlike history, {unknown} with no choice to compare" in page
    assert "You chose: Hear him. History has no choice to compare with." in terminal or "hear" not in road
    log = report_csv(session).decode("utf-8").splitlines()
    assert len(log) == taken + 1  # one row per decision taken, the same decisions the debrief numbers
    assert f"{taken}. Mar 1, 2002: The invention" in terminal


def test_the_debrief_opens_with_the_ending_then_why(probe: LoadedScenario) -> None:
    session = Session(probe, 1)
    for option in ("yes", "hear", "a", "x"):
        _choose(session, option)
    full = debrief.debrief_full(session, 80)
    assert full.index("The end: Over") < full.index("Why: Over") < full.index("Your path against history")
    assert full.startswith(debrief.ending(session, 80) + "\n\n" + debrief.why(session, 80))


def test_the_decision_log_tells_what_happened_as_the_player_read_it(probe: LoadedScenario) -> None:
    session = Session(probe, 1)
    for option in ("yes", "hear", "a", "x"):
        _choose(session, option)
    page = _counts(re.sub(r"<[^>]+>", " ", report_html(session)))
    assert ("Say yes Dushanbe says yes, and Washington sends its thanks. The hawks in the Duma shout about "
            "betrayal.") in page
    assert "Why this ending" in page
    path = _counts(debrief.debrief_section(session, "path", 80))
    assert "You chose: Say yes. History chose the same. Dushanbe says yes" in path


def test_labels_read_as_the_player_read_them_when_choosing() -> None:
    session = Session(load_path(DATA / "variants_probe.yaml"), 1)
    assert "2. Refuse politely" in render.options(session, 80)  # trust 50: the variant for trust >= 50
    session.choose(1)  # refuse: trust 50 -> 40, the label's condition no longer holds
    session.choose(0)
    assert session.over
    assert "You chose: Refuse politely." in debrief.debrief_section(session, "path", 80)
    assert "You chose: Refuse politely." in render.timeline(session, 80)


@pytest.mark.parametrize("width", [80, 40])
def test_every_line_of_the_probe_fits(probe: LoadedScenario, width: int) -> None:
    session = Session(probe, 1)
    texts = []
    for option in ("yes", "hear", "b", "y"):
        texts += [render.header(session, width), render.full_turn(session, width)]
        mark = len(session.state.ledger.entries) if session.state.ledger else 0
        assert session.pending is not None
        session.choose([o.id for o in session.pending.event.options].index(option))
        entries = session.state.ledger.entries if session.state.ledger else []
        texts.append(render.story(session, entries[mark:], width))
    texts.append(debrief.debrief_full(session, width))
    too_wide = [line for text in texts for line in text.split("\n") if len(line) > width]
    assert not too_wide
