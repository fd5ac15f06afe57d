"""News that breaks at the start of a turn is told under that turn's header, before its decision, in the transcript
(the guide's Turn order): never at the end of the turn before, and once."""

from __future__ import annotations

from pathlib import Path

from partnership_game.scenario import load_path
from partnership_game.session import Session
from partnership_game.text import play

BERLIN = Path(__file__).resolve().parents[2] / "docs" / "examples" / "berlin_airlift" / "berlin_airlift.yaml"


def _transcript(seed: int) -> str:
    said: list[str] = []
    play.scripted(Session(load_path(BERLIN), seed), "historical", said.append)
    return "\n".join(said)


def _blocks_by_turn(text: str) -> list[str]:
    """The transcript cut at each turn's header: block k runs from turn k's header to the next one."""
    starts = [k for k, line in enumerate(text.split("\n")) if line.startswith("Turn ") and " of 9 · " in line]
    lines = text.split("\n")
    return ["\n".join(lines[a:b]) for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]


def test_the_news_and_the_delayed_result_of_a_new_turn_sit_under_its_header_before_its_decision() -> None:
    text = _transcript(1)
    turns = _blocks_by_turn(text)
    turn4 = next(block for block in turns if block.startswith("Turn 4 of 9 · August 2, 1948"))
    # Both landed on August 2, 1948 (the seed draws the fog then; the bombers' delayed result lands then).
    assert "News: Fog over Tempelhof" in turn4 and "A delayed result of your choice 'Send them'" in turn4
    assert turn4.index("News: Fog over Tempelhof") < turn4.index("Your options:")
    assert turn4.index("A delayed result of your choice 'Send them'") < turn4.index("Your options:")
    turn3 = next(block for block in turns if block.startswith("Turn 3 of 9"))
    assert "Fog over Tempelhof" not in turn3 and "'Send them'" not in turn3
    # Under its own turn's header it needs no date of its own.
    assert "News: Fog over Tempelhof (written for the game)" in turn4
    assert text.count("A delayed result of your choice 'Send them'") == 1


def test_every_piece_of_news_is_told_once_and_after_the_header_of_the_turn_it_landed_in() -> None:
    for seed in (1, 2, 3, 7):
        session = Session(load_path(BERLIN), seed)
        said: list[str] = []
        play.scripted(session, "historical", said.append)
        turns = _blocks_by_turn("\n".join(said))
        ledger = session.state.ledger
        assert ledger is not None
        for item in ledger.happened:
            if item.news and item.kind != "delayed" and item.turn < len(turns):
                event = session.compiled.events[session.compiled.event_index(item.event)]
                where = [k for k, block in enumerate(turns) if f"News: {event.title}" in block]
                # The same event may land on several turns; the turn it landed on holds it.
                assert item.turn in where, (seed, item.event, item.turn, where)
