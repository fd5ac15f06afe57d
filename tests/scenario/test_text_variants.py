"""Texts with variants (`when`, `assumes`), endings' `assumes`, threshold warnings and turn date labels: what the
validator says about them, with positions, and what the compiled scenario exposes (tests/data/variants_probe.yaml).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np
import pytest

from partnership_game.scenario import Diagnostic, LoadedScenario, ScenarioError, load_path
from partnership_game.scenario.conditions import Context
from partnership_game.scenario.text_checks import label_first_day

PROBE_PATH = Path(__file__).resolve().parent.parent / "data" / "variants_probe.yaml"
PROBE = PROBE_PATH.read_text(encoding="utf-8")


def edit(old: str, new: str, text: str = PROBE) -> str:
    assert text.count(old) == 1, f"fragment {old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def where(text: str, needle: str) -> tuple[int, int]:
    """The 1-based (line, column) of the first character of `needle`."""
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def load_text(tmp_path: Path, text: str) -> LoadedScenario:
    path = tmp_path / "probe.yaml"
    path.write_text(text, encoding="utf-8")
    return load_path(path)


def problems(tmp_path: Path, text: str) -> list[Diagnostic]:
    with pytest.raises(ScenarioError) as info:
        load_text(tmp_path, text)
    return list(info.value.diagnostics)


@pytest.fixture(scope="module")
def probe() -> LoadedScenario:
    return load_path(PROBE_PATH)


def test_the_probe_loads_without_warnings(probe: LoadedScenario) -> None:
    assert probe.warnings == ()


def test_a_last_variant_with_a_when_is_refused_at_its_when(tmp_path: Path) -> None:
    text = edit("      - {text: Talks resume.}", "      - {when: trust > 90, text: Talks resume.}")
    found = problems(tmp_path, text)
    line, col = where(text, "trust > 90")
    assert [(d.line, d.col) for d in found] == [(line, col)]
    assert "the last variant (number 3) has a 'when'" in found[0].message


def test_a_variant_before_the_last_without_a_when_is_refused_at_its_place(tmp_path: Path) -> None:
    text = edit("      - {when: signed, text: With the treaty signed the talks go on.}",
                "      - {text: With the treaty signed the talks go on.}")
    found = problems(tmp_path, text)
    line, col = where(text, "{text: With the treaty")
    assert [(d.line, d.col) for d in found] == [(line, col)]
    assert found[0].message.startswith("variant 1 of 3 has no 'when'")


@pytest.mark.parametrize(
    ("old", "new", "needle", "offset", "words"),
    [
        ("{when: trust < 45, text: Washington is cold.}", "{when: trst < 45, text: Washington is cold.}",
         "trst < 45", 0, "'trst' is not a declared meter or flag (did you mean 'trust'?)"),
        ("{text: No treaty yet., assumes: not signed}", "{text: No treaty yet., assumes: not sgned}",
         "not sgned", 4, "'sgned' is not a declared meter or flag (did you mean 'signed'?)"),
        ("    assumes: not signed\n", "    assumes: trust + 1\n", "trust + 1", 0,
         "this must give true/false, but it gives a number"),
    ],
    ids=["when", "variant-assumes", "ending-assumes"],
)
def test_a_bad_condition_in_when_or_assumes_is_refused_with_its_column(
    tmp_path: Path, old: str, new: str, needle: str, offset: int, words: str
) -> None:
    text = edit(old, new)
    found = problems(tmp_path, text)
    line, col = where(text, needle)
    assert [(d.line, d.col, d.message) for d in found] == [(line, col + offset, f"in condition: {words}")]


def test_plain_text_and_variants_are_the_same_contract_for_every_player_text(tmp_path: Path) -> None:
    # An empty list of variants, and a variant with no text, are refused where they stand.
    text = edit("        result: Nobody answers.\n", "        result: []\n")
    found = problems(tmp_path, text)
    assert [(d.line, d.col) for d in found] == [where(text, "[]\n")]


def test_every_text_site_is_exposed_with_compiled_conditions(probe: LoadedScenario) -> None:
    sites = {site.path: site for site in probe.compiled.text_sites}
    situation = sites[("events", 0, "situation")]
    assert situation.owner == "first" and situation.moment == "offered"
    assert [v.when.source if v.when else None for v in situation.variants] == ["signed", None]
    assert [v.assumes.source if v.assumes else None for v in situation.variants] == ["signed", "not signed"]
    assert sites[("events", 0, "options", 0, "result")].moment == "chosen"
    assert sites[("events", 0, "options", 1, "effects", 1, "text")].moment == "landed"
    assert sites[("endings", 0, "text")].owner == "treaty"
    assert not sites[("endings", 1, "text")].conditional  # a plain text: one variant, nothing assumed
    # The delayed effect's own event says where its text sits.
    later = next(e for e in probe.compiled.events if e.origin == ("first", "refuse"))
    assert later.cause_path == ("events", 0, "options", 1, "effects", 1, "text")


def _context(probe: LoadedScenario, trust: list[float], signed: list[bool]) -> Context:
    return Context(np.array(trust, dtype=np.float64)[:, None], np.array(signed)[:, None], 1)


def test_a_site_picks_each_games_variant_and_finds_false_assumptions(probe: LoadedScenario) -> None:
    sites = {site.path: site for site in probe.compiled.text_sites}
    second = sites[("events", 1, "situation")]
    context = _context(probe, [50, 40, 40, 70], [True, True, False, False])
    assert second.pick(context).tolist() == [0, 0, 1, 2]
    ending = sites[("endings", 0, "text")]
    # "A treaty." assumes the treaty was signed: games that read it unsigned are incoherent; "A warm treaty."
    # (trust >= 60) assumes nothing.
    context = _context(probe, [50, 50, 70, 70], [True, False, True, False])
    assert ending.pick(context).tolist() == [1, 1, 0, 0]
    assert ending.incoherent(context).tolist() == [False, True, False, False]


def test_endings_expose_their_compiled_assumes(probe: LoadedScenario) -> None:
    context = _context(probe, [50, 50], [True, False])
    treaty = probe.compiled.ending_by_id("treaty")
    none = probe.compiled.ending_by_id("none")
    assert treaty.assumes is not None and none.assumes is not None
    assert np.asarray(treaty.assumes.evaluate(context)).tolist() == [True, False]
    assert np.asarray(none.assumes.evaluate(context)).tolist() == [False, True]
    assert probe.model.endings[none.index_in_file].id == "none"


def test_number_and_worded_thresholds_both_load(probe: LoadedScenario) -> None:
    marks = probe.compiled.warning_marks
    assert [(m.meter, m.value, m.direction, m.warning) for m in marks] == [
        ("trust", 60, "up", "Washington warms to you"), ("trust", 45, "down", "Washington cools")]
    up, down = marks
    assert up.crossed(55, 60) and up.crossed(10, 90) and not up.crossed(60, 70) and not up.crossed(70, 50)
    assert down.crossed(50, 45) and not down.crossed(45, 40) and not down.crossed(40, 50)


def test_a_threshold_outside_the_range_is_refused(tmp_path: Path) -> None:
    text = edit("      - {value: 60, warning", "      - {value: 160, warning")
    found = problems(tmp_path, text)
    assert "threshold 160 lies outside the meter's range" in found[0].message


def test_consecutive_and_a_longer_gap_contradict(tmp_path: Path) -> None:
    text = edit("  - id: second\n", "  - id: second\n    repeat: {max_times: 2, consecutive: true, min_gap: 3}\n")
    found = problems(tmp_path, text)
    assert "'consecutive: true' allows firing on the next turn; 'min_gap: 3' forbids it" in found[0].message


# ---- date labels --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "first"),
    [
        ("Sept 24–27, 2001", "2001-09-24"),
        ("Oct 2–3, 2001", "2001-10-02"),
        ("Nov 13–15, 2001", "2001-11-13"),
        ("Mar 5–10, 2002", "2002-03-05"),
        ("May 24–28, 2002", "2002-05-24"),
        ("Sept 11, 2001", "2001-09-11"),
        ("Nov 30 – Dec 2, 2001", "2001-11-30"),
        ("24 September 2001", "2001-09-24"),
        ("Dec. 7", "2002-12-07"),  # no year: the turn's year
    ],
)
def test_date_labels_are_read_from_their_first_day(label: str, first: str) -> None:
    assert label_first_day(label, 2002) == datetime.date.fromisoformat(first)


@pytest.mark.parametrize("label", ["Autumn 2001", "The week after", "Smarch 3, 2001", "Feb 30, 2001"])
def test_labels_that_name_no_day_are_left_alone(label: str) -> None:
    assert label_first_day(label, 2001) is None


def test_a_label_that_contradicts_its_date_is_reported_at_the_label(tmp_path: Path) -> None:
    text = edit('date_label: "Feb 1-3, 2002"', 'date_label: "Jan 30 – Feb 1, 2002"')
    loaded = load_text(tmp_path, text)
    line, col = where(text, '"Jan 30')
    assert [(w.line, w.col, w.code) for w in loaded.warnings] == [(line, col, "W008")]
    assert "starts on 2002-01-30, but the turn's date is 2002-02-01" in loaded.warnings[0].message


def test_labels_that_run_backwards_are_reported(tmp_path: Path) -> None:
    text = edit('date_label: "Jan 1, 2002"', 'date_label: "Feb 5, 2002"')
    text = edit('date: "2002-01-01"', 'date: "2002-02-05"', text)
    text = edit('date: "2002-02-01", date_label: "Feb 1-3, 2002"', 'date: "2002-02-05", date_label: "Feb 3, 2002"',
                text)
    loaded = load_text(tmp_path, text)
    messages = [(w.line, w.message) for w in loaded.warnings]
    line, _ = where(text, '"Feb 3, 2002"')
    assert len(messages) == 2 and all(at == line for at, _ in messages)
    assert "starts on 2002-02-03, but the turn's date is 2002-02-05" in messages[0][1]
    assert "starts before the label of the turn above it ('Feb 5, 2002')" in messages[1][1]


def test_the_date_label_warning_can_be_silenced(tmp_path: Path) -> None:
    text = edit('date_label: "Feb 1-3, 2002"', 'date_label: "Jan 30, 2002"')
    text = edit("authors: [The test suite]\n", "authors: [The test suite]\nsilence_warnings: [W008]\n", text)
    assert load_text(tmp_path, text).warnings == ()
