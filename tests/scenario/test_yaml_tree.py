"""The strict YAML reader on its own: YAML 1.2 scalars, positions of keys and values, one document."""

from __future__ import annotations

import math

import pytest

from partnership_game.scenario import ScenarioError
from partnership_game.scenario.yaml_tree import MAX_DEPTH, MAX_NUMBER_CHARS, Document, Mark, read_document


def read(text: str) -> Document:
    return read_document(text.encode("utf-8"), "t.yaml")


def value(scalar: str) -> object:
    return read(f"k: {scalar}\n").data["k"]  # type: ignore[index]


def problems(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(ScenarioError) as info:
        read(text)
    return [(d.line, d.col, d.message) for d in info.value.diagnostics]


@pytest.mark.parametrize(
    "scalar",
    ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "True", "TRUE", "False", "FALSE"],
)
def test_yaml_11_booleans_stay_text(scalar: str) -> None:
    assert value(scalar) == scalar
    assert isinstance(value(scalar), str)


@pytest.mark.parametrize(("scalar", "expected"), [("true", True), ("false", False)])
def test_only_lower_case_true_and_false_are_booleans(scalar: str, expected: bool) -> None:
    assert value(scalar) is expected


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("0", 0),
        ("5", 5),
        ("-3", -3),
        ("+5", 5),
        ("007", 7),
        ("0x1F", 31),
        ("0xff", 255),
        ("0o17", 15),
    ],
)
def test_integers(scalar: str, expected: int) -> None:
    got = value(scalar)
    assert got == expected
    assert type(got) is int


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("1e3", 1000.0),
        ("1E3", 1000.0),
        (".5", 0.5),
        ("-.5", -0.5),
        ("0.25", 0.25),
        ("1.", 1.0),
        ("-2.5e-1", -0.25),
        ("+1.5", 1.5),
    ],
)
def test_floats(scalar: str, expected: float) -> None:
    got = value(scalar)
    assert got == expected
    assert type(got) is float


def test_special_floats() -> None:
    assert value(".inf") == math.inf
    assert value("+.inf") == math.inf
    assert value("-.inf") == -math.inf
    nan = value(".nan")
    assert isinstance(nan, float) and math.isnan(nan)


@pytest.mark.parametrize(
    "scalar",
    [
        "2001-09-11",
        "2001-09-11T10:00:00",
        "12:30",
        "1:20:30",
        "0b101",
        "1_000",
        "+0x1F",
        "-0x1F",
        "0x",
        "1e3.5",
        "0o8",
        "v1.0",
        "1,000",
        "08:15",
    ],
)
def test_yaml_11_numbers_and_dates_stay_text(scalar: str) -> None:
    assert value(scalar) == scalar


@pytest.mark.parametrize("scalar", ["null", "Null", "NULL", "~", ""])
def test_nulls(scalar: str) -> None:
    assert value(scalar) is None


@pytest.mark.parametrize("scalar", ["'null'", '"~"', "'true'", '"5"', "'0x1F'", "'yes'"])
def test_quoted_scalars_are_always_text(scalar: str) -> None:
    assert value(scalar) == scalar[1:-1]


def test_keys_are_text_even_when_they_look_like_numbers() -> None:
    assert read("5: a\ntrue: b\nnull: c\n").data == {"5": "a", "true": "b", "null": "c"}


def test_number_length_cap() -> None:
    assert MAX_NUMBER_CHARS == 30
    assert value("1" * 30) == int("1" * 30)
    assert value("0." + "1" * 28) == float("0." + "1" * 28)
    assert problems("k: " + "1" * 31 + "\n") == [(1, 4, "number has 31 characters; at most 30 are allowed")]
    # Quoted, it is text of any length.
    assert value('"' + "1" * 31 + '"') == "1" * 31


def test_positions_of_keys_and_values() -> None:
    doc = read("top:\n  inner: value\n  items:\n    - 1\n    - {x: 2, y: [a, b]}\nlast: 'q'\n")
    assert doc.data == {"top": {"inner": "value", "items": [1, {"x": 2, "y": ["a", "b"]}]}, "last": "q"}

    def at(mark: Mark) -> tuple[int, int]:
        return mark.line, mark.col

    assert at(doc.keys[("top",)]) == (1, 1)
    assert at(doc.keys[("top", "inner")]) == (2, 3)
    assert at(doc.values[("top", "inner")]) == (2, 10)
    assert at(doc.keys[("top", "items")]) == (3, 3)
    assert at(doc.values[("top", "items", 0)]) == (4, 7)
    assert at(doc.values[("top", "items", 1)]) == (5, 7)
    assert at(doc.keys[("top", "items", 1, "x")]) == (5, 8)
    assert at(doc.values[("top", "items", 1, "x")]) == (5, 11)
    assert at(doc.values[("top", "items", 1, "y", 1)]) == (5, 21)
    assert at(doc.keys[("last",)]) == (6, 1)
    assert at(doc.values[("last",)]) == (6, 7)
    assert at(doc.values[()]) == (1, 1)


def test_marks_record_the_style_and_whether_the_scalar_is_one_line() -> None:
    doc = read("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  two\n  lines\ne: >\n  folded\n")
    assert doc.values[("a",)].style == ""
    assert doc.values[("b",)].style == "'"
    assert doc.values[("c",)].style == '"'
    assert doc.values[("d",)].style == "|"
    assert doc.values[("e",)].style == ">"
    assert doc.values[("a",)].one_line is True
    assert doc.values[("d",)].one_line is False
    assert doc.data == {"a": "plain", "b": "single", "c": "double", "d": "two\nlines\n", "e": "folded\n"}


def test_locate_finds_the_closest_known_position() -> None:
    doc = read("events:\n  - id: a\n    options:\n      - id: x\n")
    assert doc.locate(("events", 0, "options", 0, "id")) == doc.values[("events", 0, "options", 0, "id")]
    # Extra parts (as pydantic adds: union members, missing keys) fall back to the closest known container.
    assert doc.locate(("events", 0, "options", 0, "add", "amount")) == doc.values[("events", 0, "options", 0)]
    assert doc.locate(("events", 0, "options", 0, "id"), at_key=True).col == 9
    assert doc.locate(("nothing",)) == doc.values[()]


def test_positions_after_a_byte_order_mark() -> None:
    doc = read_document(b"\xef\xbb\xbfa: 1\nb: 2\n", "t.yaml")
    assert doc.data == {"a": 1, "b": 2}
    assert (doc.keys[("b",)].line, doc.keys[("b",)].col) == (2, 1)


def test_one_document_only() -> None:
    assert problems("a: 1\n---\nb: 2\n") == [(2, 1, "only one YAML document is allowed per file")]
    assert problems("---\na: 1\n---\nb: 2\n") == [(3, 1, "only one YAML document is allowed per file")]


def test_explicit_start_and_end_markers_of_a_single_document_are_fine() -> None:
    assert read("---\na: 1\n...\n").data == {"a": 1}
    assert read("%YAML 1.2\n---\na: 1\n").data == {"a": 1}


def test_an_empty_second_document_is_still_a_second_document() -> None:
    assert problems("a: 1\n...\n---\n") == [(3, 1, "only one YAML document is allowed per file")]


def test_depth_cap_boundary() -> None:
    # The root mapping is one level: 39 brackets more make 40 levels, which is allowed; 40 brackets are not.
    assert MAX_DEPTH == 40
    ok = read("a: " + "[" * 39 + "]" * 39 + "\n")
    inner = ok.data["a"]  # type: ignore[index]
    for _ in range(38):
        assert isinstance(inner, list) and len(inner) == 1
        inner = inner[0]
    assert inner == []
    assert problems("a: " + "[" * 40 + "]" * 40 + "\n") == [(1, 43, "nesting is deeper than 40 levels")]


def test_control_characters_are_refused_with_a_position() -> None:
    ((line, col, message),) = problems('a: 1\nb: "x\x07y"\n')
    assert (line, col) == (2, 6)
    assert message.endswith("is not allowed in YAML text")


def test_a_problem_inside_a_scalar_after_other_errors_is_still_reported() -> None:
    assert problems("a: &x 1\nb: " + "9" * 40 + "\n") == [
        (1, 4, "anchors ('&x') are not allowed; write the value out in full"),
        (2, 4, "number has 40 characters; at most 30 are allowed"),
    ]
