"""`analyze` names a text read while its assumption was false by the file's `path:line:col`, in a modder's words, and
says which variant was read (counted from 1, with its line, its `when` and its first words)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partnership_game.cli import main
from partnership_game.scenario.text_places import in_words, parse_path
from partnership_game.scenario.yaml_tree import read_document

SCENARIO = """format_version: 1
id: placed
title: Placed
description: A scenario whose second event reads a text that assumes the wrong thing.
authors: [Tests]
roles: [{id: kremlin, label: The Kremlin}]
meters: [{id: trust, label: Trust, start: 50, good: up}]
flags: [{id: talks, label: Talks}]
turns:
  - {id: t1, date: "2001-09-11", place: Moscow, title: One}
  - {id: t2, date: "2001-09-24", place: Moscow, title: Two}
events:
  - id: first
    title: First
    turn: t1
    accuracy: invented
    situation: Talk or not.
    options:
      - {id: talk, label: Talk, effects: [{type: set_flag, flag: talks}]}
      - {id: wait, label: Wait, effects: [{type: add, meter: trust, amount: -5}]}
  - id: second
    title: Second
    turn: t2
    accuracy: invented
    situation:
      - when: talks
        text: The talks go on.
        assumes: talks
      - text: Since the talks began, the mood is better.
        assumes: talks
    options:
      - {id: a, label: A, effects: [{type: add, meter: trust, amount: 1}]}
      - {id: b, label: B, effects: [{type: add, meter: trust, amount: -1}]}
endings: [{id: end, title: End, text: Over., fallback: true}]
"""


def _where(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def test_the_report_gives_the_texts_place_and_the_variant_read(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "placed.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    assert main(["analyze", str(path), "--runs", "400"]) == 0
    out = capsys.readouterr().out
    line, col = _where(SCENARIO, "- when: talks")
    assert f"  {path}:{line}:{col}: the situation of event 'second', under random, in " in out
    variant_line, _ = _where(SCENARIO, "Since the talks began")
    # Random play waits in about half the games: they read variant 2, which assumes talks.
    assert f"    variant 2 of 2, line {variant_line}, read in " in out
    assert "      the one without 'when'; assumes: talks" in out
    assert '      begins "Since the talks began, the mood is better."' in out
    assert "events.1.situation" not in out  # the 0-based path stays in --json only
    assert main(["analyze", str(path), "--runs", "400", "--json"]) == 0
    found = [x for x in json.loads(capsys.readouterr().out)["incoherent_texts"] if x["policy"] == "random"]
    assert len(found) == 1 and found[0]["text"] == "events.1.situation" and found[0]["where"] == f"{path}:{line}:{col}"
    (variant,) = found[0]["variants"]
    assert variant["variant"] == 2 and variant["of"] == 2 and variant["line"] == variant_line
    assert variant["games"] == found[0]["games"]  # every game that read it false read that one variant


def test_paths_in_words_name_each_item_by_its_id() -> None:
    data = read_document(SCENARIO.encode(), "placed.yaml").data
    assert in_words(data, parse_path("events.0.options.1.label")) == "the label of option 'wait' of event 'first'"
    assert in_words(data, parse_path("endings.0.text")) == "the text of ending 'end'"
    assert in_words(data, parse_path("events.0.options.1.effects.0")) == (
        "the text of effect 1 of option 'wait' of event 'first'")
