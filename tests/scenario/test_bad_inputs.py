"""Bad scenario files: every one must fail with a ScenarioError (and nothing else) naming the problem and its place.

Each bad file is a copy of tests/data/tiny.yaml with one small edit (or a few lines of inline YAML), written to
tmp_path and read through `load_path`, the same entry point the game and `validate` use. Positions are computed
from the edited text itself (`where`), so a test pins the exact line and column of the offending token.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.scenario import Diagnostic, ScenarioError, load_path
from partnership_game.scenario.yaml_tree import FLOW_SCAN_LIMIT, MAX_DEPTH, MAX_FILE_BYTES

TINY_PATH = Path(__file__).resolve().parent.parent / "data" / "tiny.yaml"
TINY = TINY_PATH.read_text(encoding="utf-8")

# The value of the condition of option `bases` of event `first`: `        condition: trust >= 60` (line 51).
OPTION_CONDITION = "        condition: trust >= 60\n"


def edit(old: str, new: str, text: str = TINY) -> str:
    """Replace one exact, unique fragment of the text (so a drifting fixture fails loudly here, not silently)."""
    assert text.count(old) == 1, f"fragment {old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """The 1-based (line, column) of the first character of the nth occurrence of `needle`."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def load_error(tmp_path: Path, content: str | bytes, name: str = "bad.yaml") -> list[Diagnostic]:
    """Write the file and load it; it must raise ScenarioError (any other exception fails the test)."""
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    with pytest.raises(ScenarioError) as info:
        load_path(path)
    diagnostics = info.value.diagnostics
    assert diagnostics, "a ScenarioError must carry at least one diagnostic"
    for diagnostic in diagnostics:
        assert diagnostic.path == str(path)
        assert diagnostic.line >= 1 and diagnostic.col >= 1
    return diagnostics


def errors(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.line, d.col, d.message) for d in diagnostics if d.severity == "error"]


def load_ok(tmp_path: Path, content: str, name: str = "ok.yaml"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return load_path(path)


def test_the_unedited_fixture_loads(tmp_path: Path) -> None:
    # Every test below edits this text; it must itself be valid, or the tests would prove nothing.
    loaded = load_ok(tmp_path, TINY)
    assert loaded.model.id == "tiny"


# --- The file itself ---------------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(ScenarioError) as info:
        load_path(path)
    assert [(d.path, d.line, d.col, d.message) for d in info.value.diagnostics] == [(str(path), 1, 1, "no such file")]
    assert str(info.value) == f"{path}:1:1: error: no such file"


def test_a_folder_is_not_a_scenario(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as info:
        load_path(tmp_path)
    assert errors(info.value.diagnostics) == [(1, 1, "is a folder, not a scenario file")]


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n", "---\n", "~\n", "null\n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    assert errors(load_error(tmp_path, content)) == [(1, 1, "the file is empty: expected a scenario mapping")]


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("- a\n- b\n", "a list"),
        ("[format_version, 1]\n", "a list"),
        ("just some text\n", "a single value"),
        ("42\n", "a single value"),
        ("true\n", "a single value"),
    ],
)
def test_root_is_not_a_mapping(tmp_path: Path, content: str, kind: str) -> None:
    assert errors(load_error(tmp_path, content)) == [(1, 1, f"the top level must be a mapping of keys, not {kind}")]


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    data = TINY.encode("utf-8").replace(b"title: Tiny test scenario", b"title: Tiny \xff\xfe scenario")
    assert errors(load_error(tmp_path, data)) == [(3, 13, "the file is not UTF-8 text (byte 0xff)")]


def test_latin1_text_is_refused_at_the_first_bad_byte(tmp_path: Path) -> None:
    data = edit("description: Three turns", "description: Three caf\u00e9 turns").encode("latin-1")
    line, col = where(TINY, "description: Three turns")
    assert errors(load_error(tmp_path, data)) == [
        (line, col + len("description: Three caf"), "the file is not UTF-8 text (byte 0xe9)")
    ]


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + TINY.encode("utf-8"))
    assert load_path(path).model.title == "Tiny test scenario"


def _padded(size: int) -> bytes:
    """tiny.yaml followed by one comment line, exactly `size` bytes long."""
    body = TINY.encode("utf-8")
    pad = size - len(body) - 2
    data = body + b"#" + b"x" * pad + b"\n"
    assert len(data) == size
    return data


def test_a_file_of_exactly_the_size_cap_loads(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(_padded(MAX_FILE_BYTES))
    assert MAX_FILE_BYTES == 2 * 1024 * 1024
    assert load_path(path).model.id == "tiny"


def test_a_file_over_the_size_cap(tmp_path: Path) -> None:
    diagnostics = load_error(tmp_path, _padded(MAX_FILE_BYTES + 1))
    assert errors(diagnostics) == [(1, 1, "file is 2097153 bytes; the limit is 2097152")]


def test_the_size_message_does_not_misstate_the_size_of_a_much_bigger_file(tmp_path: Path) -> None:
    size = 3 * 1024 * 1024
    (message,) = [m for _, _, m in errors(load_error(tmp_path, _padded(size)))]
    assert "the limit is 2097152" in message
    # Either the true size or a statement that does not claim one ("more than ...") is honest; 2097153 is not.
    assert str(size) in message or "more than" in message, message


# --- YAML syntax -------------------------------------------------------------------------------------------------


def test_tabs_for_indentation(tmp_path: Path) -> None:
    text = edit("  - {id: kremlin, label: The Kremlin}", "\t- {id: kremlin, label: The Kremlin}")
    line, _ = where(text, "\t- {id: kremlin")
    assert errors(load_error(tmp_path, text)) == [
        (line, 1, "a tab character here: indent with spaces, YAML does not allow tabs for indentation")
    ]


def test_unclosed_bracket(tmp_path: Path) -> None:
    text = edit("authors: [The test suite]", "authors: [The test suite")
    opened, _ = where(text, "authors: [")
    ((line, _col, message),) = errors(load_error(tmp_path, text))
    # The parser notices on the next line (where `roles:` cannot continue the list) and names where it began.
    assert line == opened + 1
    assert message == (f"the list that opens with '[' at line {opened} is not closed with ']' here (or an item in it "
                       "holding ': ' needs quotes)")


def test_unclosed_quote(tmp_path: Path) -> None:
    text = edit("  - Was it worth it?", '  - "Was it worth it?')
    opened = where(text, '"Was it')
    ((line, _col, message),) = errors(load_error(tmp_path, text))
    # Reported where the quote opens, not at the end of the file where the parser gave up.
    assert message == "a quote opened on this line is never closed: close it, or, inside '...', write an apostrophe " \
                      "twice ('Don''t')"
    assert line == opened[0]


def test_nesting_5000_deep(tmp_path: Path) -> None:
    """Refused before the YAML parser runs, at the bracket past FLOW_SCAN_LIMIT, whatever the libyaml release.

    Regression: PyYAML 6.0.4's scanner reads ahead and stops at 1,000 levels with its own message (column 1003).
    """
    text = "a: " + "[" * 5000 + "]" * 5000 + "\n"
    assert errors(load_error(tmp_path, text)) == [
        (1, 3 + FLOW_SCAN_LIMIT + 1, f"nesting is deeper than {MAX_DEPTH} levels")
    ]


def test_nesting_60_deep_is_caught_at_level_41(tmp_path: Path) -> None:
    text = "a: " + "[" * 60 + "]" * 60 + "\n"
    # The root mapping is level 1, so the 40th bracket opens level 41: column 3 + 40.
    assert errors(load_error(tmp_path, text)) == [(1, 3 + MAX_DEPTH, f"nesting is deeper than {MAX_DEPTH} levels")]


def test_nesting_5000_deep_mappings_inside_a_scenario(tmp_path: Path) -> None:
    deep = "{a: " * 5000 + "1" + "}" * 5000
    text = edit("questions:\n  - Was it worth it?", f"questions:\n  - {deep}")
    line, col = where(text, "{a: ")
    # Past FLOW_SCAN_LIMIT flow levels the file is refused before parsing, at that bracket.
    assert errors(load_error(tmp_path, text)) == [(line, col + 4 * FLOW_SCAN_LIMIT, "nesting is deeper than 40 levels")]


def test_nesting_60_deep_mappings_inside_a_scenario(tmp_path: Path) -> None:
    deep = "{a: " * 60 + "1" + "}" * 60
    text = edit("questions:\n  - Was it worth it?", f"questions:\n  - {deep}")
    line, col = where(text, "{a: ")
    # questions (2) -> the list item (3) -> ... the 39th '{' opens level 41.
    assert errors(load_error(tmp_path, text)) == [(line, col + 4 * 38, "nesting is deeper than 40 levels")]


def test_a_5000_digit_number(tmp_path: Path) -> None:
    text = edit("start: 40", "start: " + "9" * 5000)
    line, col = where(text, "9999")
    assert errors(load_error(tmp_path, text)) == [(line, col, "number has 5000 characters; at most 30 are allowed")]


def test_a_5000_digit_hex_number(tmp_path: Path) -> None:
    text = edit("start: 40", "start: 0x" + "f" * 4998)
    line, col = where(text, "0xfff")
    assert errors(load_error(tmp_path, text)) == [(line, col, "number has 5000 characters; at most 30 are allowed")]


def test_python_tags_are_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    for tag_text in (
        f'!!python/object/apply:os.system ["touch {marker}"]',
        f'!!python/object/apply:subprocess.call [["touch", "{marker}"]]',
    ):
        text = edit("title: Tiny test scenario", f"title: {tag_text}")
        tag = tag_text.split(" ")[0].removeprefix("!!")
        assert errors(load_error(tmp_path, text)) == [
            (3, 8, f"tags ('tag:yaml.org,2002:{tag}') are not allowed in scenario files")
        ]
    assert not marker.exists(), "a tag in a scenario file ran a command"


def test_python_tag_on_the_root_is_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    text = f'!!python/object/apply:os.system\nargs: ["touch {marker}"]\n'
    assert errors(load_error(tmp_path, text)) == [
        (1, 1, "tags ('tag:yaml.org,2002:python/object/apply:os.system') are not allowed in scenario files")
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("!foo", "!foo"),
        ("!!str", "tag:yaml.org,2002:str"),
        ("!", "!"),
        ("!<tag:example.com,2000:x>", "tag:example.com,2000:x"),
    ],
)
def test_any_tag_is_refused(tmp_path: Path, written: str, shown: str) -> None:
    text = edit("title: Tiny test scenario", f"title: {written} Tiny test scenario")
    assert errors(load_error(tmp_path, text)) == [(3, 8, f"tags ('{shown}') are not allowed in scenario files")]


def test_anchors_and_aliases(tmp_path: Path) -> None:
    text = edit("title: Tiny test scenario", "title: &name Tiny test scenario")
    text = edit("description: Three turns that touch every feature of the format.", "description: *name", text)
    assert errors(load_error(tmp_path, text)) == [
        (3, 8, "anchors ('&name') are not allowed; write the value out in full"),
        (4, 14, "aliases ('*name') are not allowed; write the value out"),
    ]


def test_an_alias_used_as_a_key(tmp_path: Path) -> None:
    assert errors(load_error(tmp_path, "a: &k key\n*k : 1\n")) == [
        (1, 4, "anchors ('&k') are not allowed; write the value out in full"),
        (2, 1, "aliases ('*k') are not allowed; write the value out"),
    ]


def test_merge_keys(tmp_path: Path) -> None:
    text = edit("  - {id: kremlin, label: The Kremlin}", "  - {<<: {id: kremlin}, label: The Kremlin}")
    line, col = where(text, "<<")
    assert errors(load_error(tmp_path, text)) == [(line, col, "merge keys ('<<') are not allowed; write the keys out")]


def test_merge_key_with_an_alias(tmp_path: Path) -> None:
    text = "base: &b {x: 1}\nthing:\n  <<: *b\n"
    assert errors(load_error(tmp_path, text)) == [
        (1, 7, "anchors ('&b') are not allowed; write the value out in full"),
        (3, 3, "merge keys ('<<') are not allowed; write the keys out"),
        (3, 7, "aliases ('*b') are not allowed; write the value out"),
    ]


def test_billion_laughs(tmp_path: Path) -> None:
    lines = ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"lol{level}: &l{level} [{refs}]")
    text = "\n".join(lines) + "\n"
    diagnostics = load_error(tmp_path, text)
    found = errors(diagnostics)
    # Every anchor and every alias is reported where it stands; nothing is expanded (9**9 strings otherwise).
    assert len(found) == 10 + 9 * 9
    assert found[0] == (1, 7, "anchors ('&l0') are not allowed; write the value out in full")
    assert found[1] == (2, 7, "anchors ('&l1') are not allowed; write the value out in full")
    assert found[2] == (2, 12, "aliases ('*l0') are not allowed; write the value out")
    assert found[-1][0] == 10
    assert found[-1][2] == "aliases ('*l8') are not allowed; write the value out"


def test_duplicate_keys(tmp_path: Path) -> None:
    text = edit("title: Tiny test scenario", "title: Tiny test scenario\ntitle: Another title")
    assert errors(load_error(tmp_path, text)) == [(4, 1, "duplicate key 'title' (first defined at line 3)")]


def test_duplicate_keys_in_a_flow_mapping(tmp_path: Path) -> None:
    text = edit("{id: trust, label: Trust,", "{id: trust, label: Trust, id: trust2,")
    line, col = where(text, "id: trust2")
    assert errors(load_error(tmp_path, text)) == [(line, col, f"duplicate key 'id' (first defined at line {line})")]


def test_a_quoted_key_duplicates_a_plain_one(tmp_path: Path) -> None:
    text = edit("title: Tiny test scenario", "title: Tiny test scenario\n'title': Again")
    assert errors(load_error(tmp_path, text)) == [(4, 1, "duplicate key 'title' (first defined at line 3)")]


def test_a_second_document(tmp_path: Path) -> None:
    text = TINY + "---\nid: other\n"
    line, _ = where(text, "---")
    assert errors(load_error(tmp_path, text)) == [(line, 1, "only one YAML document is allowed per file")]


def test_a_list_as_a_key(tmp_path: Path) -> None:
    assert errors(load_error(tmp_path, "? [a, b]\n: 1\n")) == [
        (1, 3, "a key must be plain text, not a list or mapping")
    ]


# --- Structure (the models) --------------------------------------------------------------------------------------


def test_unknown_top_level_key_with_a_hint(tmp_path: Path) -> None:
    text = edit("title: Tiny test scenario", "titel: Tiny test scenario")
    assert errors(load_error(tmp_path, text)) == [
        (1, 1, "missing required key 'title'"),
        (3, 1, "unknown key 'titel' (did you mean 'title'?)"),
    ]


def test_unknown_key_in_an_add_effect_with_a_hint(tmp_path: Path) -> None:
    old = "    effects: [{type: add, meter: trust, amount: 3}]"
    text = edit(old, "    effects: [{type: add, meter: trust, amont: 3}]")
    mapping = where(text, "{type: add, meter: trust, amont")
    key = where(text, "amont")
    assert errors(load_error(tmp_path, text)) == [
        (*mapping, "missing required key 'amount'"),
        (*key, "unknown key 'amont' (did you mean 'amount'?)"),
    ]


def test_unknown_key_in_an_effect_nested_in_a_delayed_effect(tmp_path: Path) -> None:
    text = edit(
        "effects: [{type: add, meter: elite_resistance, amount: 5}]",
        "effects: [{type: add, meter: elite_resistance, amont: 5}]",
    )
    assert errors(load_error(tmp_path, text)) == [
        (*where(text, "{type: add, meter: elite_resistance, amont"), "missing required key 'amount'"),
        (*where(text, "amont"), "unknown key 'amont' (did you mean 'amount'?)"),
    ]


def test_unknown_key_without_a_close_match(tmp_path: Path) -> None:
    text = edit("    fallback: true\n", "    fallback: true\n    zzzz: 1\n")
    assert errors(load_error(tmp_path, text)) == [(*where(text, "zzzz"), "unknown key 'zzzz'")]


def test_unknown_effect_type_with_a_hint(tmp_path: Path) -> None:
    text = edit("{type: add, meter: trust, amount: 3}", "{type: ad, meter: trust, amount: 3}")
    assert errors(load_error(tmp_path, text)) == [
        (
            *where(text, "{type: ad,"),
            "unknown effect type 'ad' (did you mean 'add'?) (one of add, set_flag, clear_flag, schedule, delayed)",
        )
    ]


@pytest.mark.parametrize("written", ['"12:30"', "12:30", "'40'", "forty"])
def test_text_where_a_number_is_needed(tmp_path: Path, written: str) -> None:
    text = edit("start: 40", f"start: {written}")
    shown = written.strip("\"'")
    line, col = where(text, f"start: {written}")
    hint = "; write a number without quotes" if shown == "40" else ""
    assert errors(load_error(tmp_path, text)) == [
        (line, col + len("start: "), f"expected a number, got the text '{shown}'{hint}")
    ]


def test_a_boolean_where_a_number_is_needed(tmp_path: Path) -> None:
    text = edit("start: 40", "start: true")
    assert errors(load_error(tmp_path, text)) == [(*where(text, "true"), "expected a number, got true")]


def test_a_number_where_text_is_needed(tmp_path: Path) -> None:
    text = edit("title: Tiny test scenario", "title: 5")
    assert errors(load_error(tmp_path, text)) == [
        (3, 8, "expected text, got the number 5; put text that looks like a number or true/false in quotes")
    ]


def test_null_where_text_is_needed(tmp_path: Path) -> None:
    text = edit("title: Tiny test scenario", "title:")
    assert errors(load_error(tmp_path, text)) == [(3, 7, "expected text, got nothing (null)")]


def test_format_version_must_be_the_number_one(tmp_path: Path) -> None:
    assert errors(load_error(tmp_path, edit("format_version: 1", "format_version: 3"))) == [
        (1, 17, "expected 1, got the number 3")
    ]
    assert errors(load_error(tmp_path, edit("format_version: 1", "format_version: '1'"))) == [
        (1, 17, "expected 1, got the text '1'")
    ]


@pytest.mark.parametrize("word", ["no", "yes", "off", "on", "True", "NO", "null_island"])
def test_yaml_11_booleans_load_as_text(tmp_path: Path, word: str) -> None:
    loaded = load_ok(tmp_path, edit("title: Tiny test scenario", f"title: {word}"))
    assert loaded.model.title == word


def test_an_unquoted_date_stays_text(tmp_path: Path) -> None:
    loaded = load_ok(tmp_path, edit('date: "2001-09-22"', "date: 2001-09-22"))
    assert loaded.model.turns[1].date == "2001-09-22"


# --- Names and references ----------------------------------------------------------------------------------------


def test_undeclared_meter_in_an_effect(tmp_path: Path) -> None:
    text = edit("{type: add, meter: trust, amount: 3}", "{type: add, meter: trsut, amount: 3}")
    assert errors(load_error(tmp_path, text)) == [
        (*where(text, "trsut"), "'trsut' is not a declared meter (did you mean 'trust'?)")
    ]


def test_undeclared_flag_in_an_effect(tmp_path: Path) -> None:
    text = edit("{type: set_flag, flag: leak_seen}", "{type: set_flag, flag: leak_sen}")
    assert errors(load_error(tmp_path, text)) == [
        (*where(text, "leak_sen}"), "'leak_sen' is not a declared flag (did you mean 'leak_seen'?)")
    ]


def test_a_meter_used_as_a_flag_in_an_effect(tmp_path: Path) -> None:
    text = edit("{type: set_flag, flag: leak_seen}", "{type: set_flag, flag: trust}")
    assert errors(load_error(tmp_path, text)) == [(*where(text, "trust}"), "'trust' is not a declared flag")]


def test_undeclared_meter_in_a_condition(tmp_path: Path) -> None:
    text = edit(OPTION_CONDITION, "        condition: trst >= 60\n")
    assert errors(load_error(tmp_path, text)) == [
        (*where(text, "trst"), "in condition: 'trst' is not a declared meter or flag (did you mean 'trust'?)")
    ]


def test_undeclared_flag_in_a_condition_points_at_the_name(tmp_path: Path) -> None:
    text = edit(OPTION_CONDITION, "        condition: trust >= 60 and not bases_opn\n")
    assert errors(load_error(tmp_path, text)) == [
        (
            *where(text, "bases_opn"),
            "in condition: 'bases_opn' is not a declared meter or flag (did you mean 'bases_open'?)",
        )
    ]


def test_undeclared_name_in_a_trigger_chance(tmp_path: Path) -> None:
    text = edit("chance: 0.02 * elite_resistance", "chance: 0.02 * elite_resistnce")
    assert errors(load_error(tmp_path, text)) == [
        (
            *where(text, "elite_resistnce"),
            "in chance: 'elite_resistnce' is not a declared meter or flag (did you mean 'elite_resistance'?)",
        )
    ]


def test_duplicate_event_ids(tmp_path: Path) -> None:
    text = edit("  - id: third\n", "  - id: second\n")
    first_line, _ = where(text, "  - id: second")
    line, col = where(text, "  - id: second", nth=1)
    assert errors(load_error(tmp_path, text)) == [
        (line, col + len("  - id: "), f"duplicate event id 'second' (first used at line {first_line})")
    ]


def test_duplicate_option_ids(tmp_path: Path) -> None:
    text = edit("      - id: wait\n", "      - id: help\n")
    first_line, _ = where(text, "id: help")
    assert errors(load_error(tmp_path, text)) == [
        (*where(text, "help", nth=1), f"duplicate option id 'help' (first used at line {first_line})")
    ]


def test_a_flag_with_the_id_of_a_meter(tmp_path: Path) -> None:
    text = edit(
        "  - {id: bases_open, label: Bases open}\n",
        "  - {id: bases_open, label: Bases open}\n  - {id: gains, label: Gains as a flag}\n",
    )
    meter_line, _ = where(text, "{id: gains")
    assert errors(load_error(tmp_path, text)) == [
        (
            *where(text, "gains, label: Gains as"),
            f"duplicate meter or flag id 'gains' (first used at line {meter_line})",
        )
    ]


def test_schedule_of_a_missing_event(tmp_path: Path) -> None:
    text = edit("{type: schedule, event: followup", "{type: schedule, event: folowup")
    diagnostics = load_error(tmp_path, text)
    assert errors(diagnostics) == [
        (*where(text, "folowup"), "'folowup' is not a declared event (did you mean 'followup'?)")
    ]
    # The warning that followup is now never fired comes with it (every problem at once).
    assert [(d.code, d.message) for d in diagnostics if d.severity == "warning"] == [
        ("W003", "event 'followup' has no 'turn' or 'trigger' and nothing schedules it: it never fires")
    ]


def test_an_event_on_a_missing_turn(tmp_path: Path) -> None:
    text = edit("    turn: t3\n", "    turn: t33\n")
    assert errors(load_error(tmp_path, text)) == [
        (*where(text, "t33"), "'t33' is not a declared turn (did you mean 't3'?)")
    ]


# --- Conditions: forbidden constructs (the column points into the condition) -----------------------------------


@pytest.mark.parametrize(
    ("condition", "bad", "message"),
    [
        ("trust(1) >= 60", "(", "calls ('trust(...)') are not allowed"),
        ("trust.real >= 60", ".", "attribute access ('.') is not allowed"),
        ("trust[0] >= 60", "[", "subscripts ('[ ]') are not allowed"),
        ("(x := 60) <= trust", ":=", "assignment (':=') is not allowed"),
        ("trust / 2 >= 30", "/", "division is not allowed; multiply by a fraction instead (0.5 * x)"),
        ("trust >= 60 && bases_open", "&&", "'&&' is not allowed; write 'and'"),
        ("trust >= 60 and True", "True", "write 'true' in lower case"),
        ("trust >= 60 and trust < 70 < 80", "< 80", "one comparison at a time: write 'a < b and b < c'"),
        ("trust = 60", "=", "'=' is not a comparison; write '=='"),
    ],
)
def test_forbidden_construct_in_a_plain_condition(tmp_path: Path, condition: str, bad: str, message: str) -> None:
    text = edit(OPTION_CONDITION, f"        condition: {condition}\n")
    start = where(text, condition)
    line, col = start[0], start[1] + condition.index(bad)
    assert errors(load_error(tmp_path, text)) == [(line, col, f"in condition: {message}")]


def test_lambda_in_a_quoted_condition(tmp_path: Path) -> None:
    # `lambda x: ...` needs quotes in YAML; the column skips the opening quote and points at the word.
    condition = "trust >= (lambda x: x)(60)"
    text = edit(OPTION_CONDITION, f"        condition: '{condition}'\n")
    line, col = where(text, "lambda")
    assert errors(load_error(tmp_path, text)) == [(line, col, "in condition: 'lambda' is not allowed")]


def test_call_in_a_double_quoted_condition(tmp_path: Path) -> None:
    text = edit(OPTION_CONDITION, '        condition: "trust >= abs(60)"\n')
    line, col = where(text, "(60)")
    assert errors(load_error(tmp_path, text)) == [(line, col, "in condition: calls ('abs(...)') are not allowed")]


def test_error_at_the_start_of_a_quoted_condition_points_past_the_quote(tmp_path: Path) -> None:
    text = edit(OPTION_CONDITION, '        condition: "lambda x: x > 0"\n')
    line, col = where(text, "lambda")
    assert errors(load_error(tmp_path, text)) == [(line, col, "in condition: 'lambda' is not allowed")]


def test_power_operator_in_a_condition(tmp_path: Path) -> None:
    text = edit(OPTION_CONDITION, "        condition: trust ** 2 >= 60\n")
    line, col = where(text, "**")
    assert errors(load_error(tmp_path, text)) == [(line, col, "in condition: the power operator '**' is not allowed")]


def test_power_operator_is_refused_today(tmp_path: Path) -> None:
    # Whatever the message, `**` must never load.
    text = edit(OPTION_CONDITION, "        condition: trust ** 2 >= 60\n")
    ((line, _col, message),) = errors(load_error(tmp_path, text))
    assert line == where(text, "**")[0]
    assert message.startswith("in condition: ")


def test_condition_over_300_characters(tmp_path: Path) -> None:
    condition = "trust >= " + "0" * 290 + "60"  # 301 characters
    assert len(condition) == 301
    text = edit(OPTION_CONDITION, f"        condition: {condition}\n")
    line, col = where(text, condition)
    assert errors(load_error(tmp_path, text)) == [
        (line, col + 300, "in condition: the condition has 301 characters; at most 300 are allowed")
    ]


def test_condition_of_exactly_300_characters_loads(tmp_path: Path) -> None:
    condition = "trust >= " + "0" * 289 + "60"
    assert len(condition) == 300
    loaded = load_ok(tmp_path, edit(OPTION_CONDITION, f"        condition: {condition}\n"))
    assert loaded.model.events[0].options[2].condition == condition


def test_a_number_as_a_condition(tmp_path: Path) -> None:
    text = edit(OPTION_CONDITION, "        condition: trust + 1\n")
    assert errors(load_error(tmp_path, text)) == [
        (*where(text, "trust + 1"), "in condition: this must give true/false, but it gives a number")
    ]


def test_a_flag_as_a_chance(tmp_path: Path) -> None:
    text = edit("chance: 0.02 * elite_resistance", "chance: bases_open")
    assert errors(load_error(tmp_path, text)) == [
        (*where(text, "bases_open\n"), "in chance: this must give a number, but it gives true/false")
    ]


# --- Weights, endings, chains ------------------------------------------------------------------------------------

WEIGHT = "          - weight: 1\n            text: It works."


@pytest.mark.parametrize(
    ("written", "shown"),
    [("0", "0.0"), ("-1", "-1.0"), ("-0.5", "-0.5"), (".inf", "inf"), ("-.inf", "-inf"), (".nan", "nan")],
)
def test_bad_weights(tmp_path: Path, written: str, shown: str) -> None:
    text = edit(WEIGHT, f"          - weight: {written}\n            text: It works.")
    line, col = where(text, f"weight: {written}\n")
    assert errors(load_error(tmp_path, text)) == [
        (line, col + len("weight: "), f"weight must be a positive number up to 1e9, not {shown}")
    ]


def test_a_small_positive_weight_loads(tmp_path: Path) -> None:
    loaded = load_ok(tmp_path, edit(WEIGHT, "          - weight: 0.001\n            text: It works."))
    assert loaded.model.events[1].options[0].outcomes[0].weight == 0.001


def test_no_fallback_ending(tmp_path: Path) -> None:
    text = edit("    fallback: true\n", "    condition: trust >= 0\n")
    line, _ = where(text, "  - id: backlash")
    assert errors(load_error(tmp_path, text)) == [
        (line, 3, "no fallback ending: mark exactly one ending with 'fallback: true'")
    ]


def test_two_fallback_endings(tmp_path: Path) -> None:
    text = edit("    condition: bases_open\n", "    fallback: true\n")
    # bases_deal comes first in the file, so the fallback of `cold` is the second one.
    line, col = where(text, "fallback: true", nth=1)
    assert errors(load_error(tmp_path, text)) == [
        (line, col + len("fallback: "), "only one ending can be the fallback")
    ]


SELF_SCHEDULE = "    effects: [{type: add, meter: trust, amount: 3}, {type: schedule, event: followup, after_turns: 1}]"


def test_an_event_that_schedules_itself_without_a_bound(tmp_path: Path) -> None:
    text = edit("    effects: [{type: add, meter: trust, amount: 3}]", SELF_SCHEDULE)
    assert errors(load_error(tmp_path, text)) == [
        (
            *where(text, "followup", nth=1),
            "event 'followup' schedules itself (followup -> followup) with no bound: "
            "give it 'repeat: {max_times: N}' so the chain ends",
        )
    ]


def test_an_event_that_schedules_itself_with_a_bound_loads(tmp_path: Path) -> None:
    text = edit("    effects: [{type: add, meter: trust, amount: 3}]", "    repeat: {max_times: 3}\n" + SELF_SCHEDULE)
    loaded = load_ok(tmp_path, text)
    followup = next(e for e in loaded.model.events if e.id == "followup")
    assert followup.repeat is not None and followup.repeat.max_times == 3


def test_a_self_schedule_hidden_in_a_delayed_effect(tmp_path: Path) -> None:
    text = edit(
        "    effects: [{type: add, meter: trust, amount: 3}]",
        "    effects: [{type: delayed, after_turns: 1, text: Again., "
        "effects: [{type: schedule, event: followup, after_turns: 1}]}]",
    )
    assert [m for _, _, m in errors(load_error(tmp_path, text))] == [
        "event 'followup' schedules itself (followup -> followup) with no bound: "
        "give it 'repeat: {max_times: N}' so the chain ends"
    ]


def test_a_two_event_cycle_is_reported_on_both_events(tmp_path: Path) -> None:
    text = edit(
        "    effects: [{type: add, meter: trust, amount: 3}]",
        "    effects: [{type: add, meter: trust, amount: 3}, {type: schedule, event: second, after_turns: 1}]",
    )
    hint = "with no bound: give it 'repeat: {max_times: N}' so the chain ends"
    assert errors(load_error(tmp_path, text)) == [
        (*where(text, "second"), f"event 'second' schedules itself (second -> followup -> second) {hint}"),
        (*where(text, "followup", nth=1), "event 'followup' is on the same unbounded chain as 'second' "
         "(second -> followup -> second): give one event of the chain 'repeat: {max_times: N}'"),
    ]


def test_repeat_above_50_is_refused(tmp_path: Path) -> None:
    text = edit("    effects: [{type: add, meter: trust, amount: 3}]", "    repeat: {max_times: 51}\n" + SELF_SCHEDULE)
    assert errors(load_error(tmp_path, text)) == [(*where(text, "51"), "'max_times' must be 50 or less (got 51)")]


# --- Every problem at once, in file order ------------------------------------------------------------------------


def test_three_structural_errors_come_in_line_order(tmp_path: Path) -> None:
    text = edit("    fallback: true\n", "    fallback: true\n    bogus: 1\n")
    text = edit("{id: trust, label: Trust,", "{id: trust, label: Trust, colour: red,", text)
    text = edit("{type: add, meter: trust, amount: 3}", "{type: add, meter: trust, amount: lots}", text)
    assert errors(load_error(tmp_path, text)) == [
        (*where(text, "colour"), "unknown key 'colour'"),
        (*where(text, "lots"), "expected a number, got the text 'lots'"),
        (*where(text, "bogus"), "unknown key 'bogus'"),
    ]


def test_three_semantic_errors_come_in_line_order_whatever_order_they_are_found(tmp_path: Path) -> None:
    # Found in the order: event effects (line 39), ending conditions (line 116), chains (line 77).
    text = edit("{type: add, meter: trust, amount: 10}", "{type: add, meter: trusty, amount: 10}")
    text = edit("condition: trust >= 40 and gains >= 20", "condition: trust >= 40 and gain >= 20", text)
    text = edit("    effects: [{type: add, meter: trust, amount: 3}]", SELF_SCHEDULE, text)
    diagnostics = load_error(tmp_path, text)
    assert errors(diagnostics) == [
        (*where(text, "trusty"), "'trusty' is not a declared meter (did you mean 'trust'?)"),
        (
            *where(text, "followup", nth=1),
            "event 'followup' schedules itself (followup -> followup) with no bound: "
            "give it 'repeat: {max_times: N}' so the chain ends",
        ),
        (*where(text, "gain >="), "in condition: 'gain' is not a declared meter or flag (did you mean 'gains'?)"),
    ]
    assert diagnostics == sorted(diagnostics)
    assert [d.line for d in diagnostics] == sorted(d.line for d in diagnostics)


def test_three_yaml_errors_come_in_line_order(tmp_path: Path) -> None:
    text = edit("title: Tiny test scenario", "title: !foo Tiny")
    text = edit("description: Three", "description: &d Three", text)
    text = edit("authors: [The test suite]", "authors: [The test suite]\nauthors: [Someone]", text)
    assert errors(load_error(tmp_path, text)) == [
        (3, 8, "tags ('!foo') are not allowed in scenario files"),
        (4, 14, "anchors ('&d') are not allowed; write the value out in full"),
        (6, 1, "duplicate key 'authors' (first defined at line 5)"),
    ]


def test_the_error_text_is_one_formatted_line_per_problem(tmp_path: Path) -> None:
    text = edit("title: Tiny test scenario", "titel: Tiny test scenario")
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_path(path)
    assert str(info.value).splitlines() == [
        f"{path}:1:1: error: missing required key 'title'",
        f"{path}:3:1: error: unknown key 'titel' (did you mean 'title'?)",
    ]
