"""The commonest slips get messages that say what to do, at the line and column of the slip (issue 15, findings 2,
4, 5, 10 and 13): the YAML parser's words translated, pydantic's words replaced by ones naming the key, and every
problem of a file reported in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.scenario import Diagnostic, ScenarioError, load_path

TINY = (Path(__file__).resolve().parent.parent / "data" / "tiny.yaml").read_text(encoding="utf-8")


def edit(old: str, new: str, text: str = TINY) -> str:
    assert text.count(old) == 1, f"fragment {old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def where(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def problems(tmp_path: Path, text: str) -> list[Diagnostic]:
    path = tmp_path / "slip.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_path(path)
    return info.value.diagnostics


def only(tmp_path: Path, text: str) -> tuple[int, int, str]:
    found = [(d.line, d.col, d.message) for d in problems(tmp_path, text) if d.severity == "error"]
    assert len(found) == 1, found
    return found[0]


# --- The YAML reader's slips --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ("title: Tiny test scenario", "title: Havana: who goes?", ": who",
     "text containing ': ' must be in quotes: write title: \"Havana: who goes?\""),
    ("    title: First decision", "     title: First decision", "title: First decision",
     "this line is indented more than the line above it (by 1): keys of one mapping start in the same column; a "
     "deeper line needs a key above it that ends in ':'"),
    # The parser gives up on the line below; the message is on the line of the slip.
    ("        label: Wait\n", "        label:Wait\n", ":Wait",
     "put a space after ':' (write 'label: Wait'): without it the whole line is one piece of text, not a key and a "
     "value"),
    ("{advisor: defence, text: Be careful.}", "{advisor: defence, text: Be careful, it is done.}", "it is done.",
     "unknown key 'it is done.': in a one-line {...} mapping a ',' ends the value before it; put that text in "
     "quotes, or write the mapping in block style (one key per line)"),
], ids=["colon_in_text", "indented_one_too_far", "no_space_after_colon", "comma_in_flow_counsel"])
def test_the_commonest_slips_say_what_to_do_where_they_are(tmp_path: Path, old: str, new: str, needle: str,
                                                           message: str) -> None:
    text = edit(old, new)
    assert only(tmp_path, text) == (*where(text, needle), message)


def test_a_colon_inside_a_flow_mapping_asks_for_quotes(tmp_path: Path) -> None:
    text = edit("{advisor: defence, text: Be careful.}", "{advisor: defence, text: Careful: they listen.}")
    assert only(tmp_path, text)[2].startswith("in a one-line {...} mapping, text holding ':', ',', '{' or '}' must "
                                              "be in quotes")


@pytest.mark.parametrize(("written", "start"), [
    ("'Don't go'", "text goes on after its closing quote"),
    ("@home", "text cannot start with '@'"),
    ("*important* news", "text cannot start with '*'"),
    ("| one line", "'|' and '>' start a block of text on the lines below"),
])
def test_other_reader_slips_say_what_to_do(tmp_path: Path, written: str, start: str) -> None:
    text = edit("title: Tiny test scenario", f"title: {written}")
    line, _col, message = only(tmp_path, text)
    assert line == 3
    assert message.startswith(start), message


def test_a_dash_without_a_space_is_named(tmp_path: Path) -> None:
    text = edit("authors: [The test suite]", "authors:\n  - One\n  -Two")
    assert only(tmp_path, text)[::2] == (where(text, "-Two")[0], "put a space after '-' to start a list item "
                                         "('- 2', not '-2')")


# --- Keys and values ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ("after_turns: 2", "after_turns: 0", "0\n", "'after_turns' must be 1 or more (got 0)"),
    ("after_turns: 2", "after_turns: 51", "51", "'after_turns' must be 50 or less (got 51)"),
    ("title: Tiny test scenario", "title: ''", "''", "'title' must not be empty"),
    ("title: Tiny test scenario", "title: " + "x" * 201, "x" * 201, "'title' has 201 characters; at most 200 are "
     "allowed"),
    ("authors: [The test suite]", "authors: []", "[]", "'authors' needs at least 1 item (got 0)"),
    ("start: 40", "start: 25%", "25%", "expected a number, got the text '25%'; write a share as a fraction: 0.25, "
     "not 25%"),
    ("start: 40", 'start: "1,000"', '"1,000"', "expected a number, got the text '1,000'; write the number without "
     "',' or '_' between the digits"),
    ("historical: true\n        effects:\n          - {type: add, meter: trust, amount: 10}",
     "historical: True\n        effects:\n          - {type: add, meter: trust, amount: 10}", "True",
     "expected true or false, got the text 'True'; write 'true' in lower case"),
    ("historical: true\n        effects:\n          - {type: add, meter: trust, amount: 10}",
     "historical: yes\n        effects:\n          - {type: add, meter: trust, amount: 10}", "yes",
     "expected true or false, got the text 'yes'; only true and false are booleans ('yes', 'no', 'on' and 'off' "
     "are text)"),
])
def test_values_out_of_bounds_name_their_key(tmp_path: Path, old: str, new: str, needle: str, message: str) -> None:
    text = edit(old, new)
    assert only(tmp_path, text) == (*where(text, needle), message)


def test_too_many_meters_names_the_limit(tmp_path: Path) -> None:
    many = "".join(f"  - {{id: m{i}, label: M, start: 1, good: up}}\n" for i in range(62))
    text = edit("meters:\n", "meters:\n" + many)
    assert only(tmp_path, text)[2] == "'meters' has 65 items; at most 64 are allowed"


# --- Conditions ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("condition", "needle", "message"), [
    ("trust >> 60", ">>", "in condition: '>>' is not a comparison; write '>' or '>='"),
    ("trust => 60", "=>", "in condition: '=>' is not a comparison; write '>='"),
    ("trust >= 60%", "60%", "in condition: '%' is not allowed: write 0.6 for 60%, a share as a fraction"),
    ("True", "True", "in condition: write 'true' in lower case"),
])
def test_condition_slips_say_what_to_write(tmp_path: Path, condition: str, needle: str, message: str) -> None:
    text = edit("condition: trust >= 60\n", f"condition: {condition}\n")
    assert only(tmp_path, text) == (*where(text, needle), message)


def test_a_percent_chance_says_the_fraction(tmp_path: Path) -> None:
    text = edit("situation: The follow-up arrives.", "situation: The follow-up arrives.\n    trigger: "
                "{condition: trust > 5, chance: 25%}").replace("    title: A follow-up\n",
                                                                "    title: A follow-up\n    repeat: {max_times: 1}\n")
    found = [(d.line, d.col, d.message) for d in problems(tmp_path, text) if d.severity == "error"]
    assert (*where(text, "25%"), "in chance: '%' is not allowed: write 0.25 for 25%, a share as a fraction") in found


# --- Every problem in one run -------------------------------------------------------------------------------------


def test_the_tutorials_first_step_lists_every_missing_key(tmp_path: Path) -> None:
    text = "\n".join(TINY.split("\n")[:7]) + "\n"  # format_version ... roles
    assert [(d.line, d.col, d.message) for d in problems(tmp_path, text)] == [
        (1, 1, f"missing required key '{key}'") for key in ("meters", "turns", "events", "endings")
    ]


def test_types_references_and_conditions_come_in_one_run(tmp_path: Path) -> None:
    text = edit("{type: add, meter: trust, amount: -5}", "{type: add, meter: trust, amount: lots}")
    text = edit("condition: trust >= 60", "condition: trsut >= 60", text)
    text = edit("{type: set_flag, flag: bases_open}", "{type: set_flag, flag: bases_opn}", text)
    text = edit("{id: gains, label: Gains, start: 10, good: up, min: 0, max: 50}",
                "{id: gains, label: Gains, start: 90, good: up, min: 0, max: 50}", text)
    found = [(d.line, d.col, d.message) for d in problems(tmp_path, text)]
    assert found == [
        (*where(text, "{id: gains"), "start (90) must lie between min and max"),
        (*where(text, "lots"), "expected a number, got the text 'lots'"),
        (*where(text, "trsut"), "in condition: 'trsut' is not a declared meter or flag (did you mean 'trust'?)"),
        (*where(text, "bases_opn"), "'bases_opn' is not a declared flag (did you mean 'bases_open'?)"),
    ]


def test_an_item_left_out_for_its_own_error_is_not_blamed_again(tmp_path: Path) -> None:
    # The meter 'gains' is broken; the conditions and effects naming it must not add "not a declared meter".
    text = edit("{id: gains, label: Gains, start: 10, good: up, min: 0, max: 50}",
                "{id: gains, label: Gains, start: 10, good: sideways, min: 0, max: 50}")
    found = [d.message for d in problems(tmp_path, text)]
    assert found == ["expected 'up' or 'down', got the text 'sideways'"]
