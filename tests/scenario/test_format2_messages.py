"""Every validator message of docs/design/sides.md §6, each at its place in the format-2 file; problems the
format-1 checks find inside a joint event are reported where the side option or resolve entry writes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.scenario import ScenarioError, load_bytes
from partnership_game.scenario.diagnostics import Diagnostic

CORRIDOR = (Path(__file__).resolve().parents[1] / "data" / "corridor_2001.yaml").read_text(encoding="utf-8")


def edit(*changes: tuple[str, str], text: str = CORRIDOR) -> str:
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def found(text: str) -> list[Diagnostic]:
    """Errors if the file has any, else its warnings."""
    try:
        return list(load_bytes(text.encode("utf-8"), "c.yaml").warnings)
    except ScenarioError as exc:
        return exc.diagnostics


def at(text: str, needle: str, skip: str = "") -> tuple[int, int]:
    """1-based line and column of the start of `needle` (searched after `skip`, if given)."""
    start = text.index(needle, text.index(skip) if skip else 0)
    line = text.count("\n", 0, start) + 1
    return line, start - (text.rfind("\n", 0, start) + 1) + 1


def assert_reported(text: str, message: str, where: tuple[int, int], severity: str = "error") -> None:
    problems = found(text)
    hits = [p for p in problems if p.message == message]
    assert hits, [p.format() for p in problems]
    assert (hits[0].line, hits[0].col, hits[0].severity) == (*where, severity), hits[0].format()


def test_a_role_must_rate_every_meter() -> None:
    text = edit(("good: {trust: up, generals: none, congress: up}", "good: {trust: up}"))
    assert_reported(text, "role 'washington' does not say which way these meters are good for it: generals, congress",
                    at(text, "good:", "id: washington"))


@pytest.mark.parametrize(("old", "new", "needle", "skip", "message"), [
    ("good: {trust: up, generals: none, congress: up}", "good: {trust: up, generals: none, congress: up, congres: up}",
     "congres: up}", "id: washington", "'congres' is not a declared meter (did you mean 'congress'?)"),
    ("sees: [trust, congress, corridor_open]", "sees: [trust, congres, corridor_open]", "congres,",
     "id: washington", "'congres' is not a declared meter or flag (did you mean 'congress'?)"),
    ("weights: {congress: 3, trust: 1}", "weights: {congres: 3, trust: 1}", "congres:", "id: cautious",
     "'congres' is not a declared meter or flag (did you mean 'congress'?)"),
])
def test_unknown_names_in_good_sees_and_weights(old: str, new: str, needle: str, skip: str, message: str) -> None:
    text = edit((old, new))
    assert_reported(text, message, at(text, needle, skip))


def test_joint_is_no_role_id() -> None:
    text = edit(("  - id: washington\n    label", "  - id: joint\n    label"))
    assert_reported(text, "'joint' is reserved for joint events and cannot be a role's id", at(text, "joint\n"))


def test_a_hidden_flag_cannot_be_seen() -> None:
    text = edit(("{id: written_limit, label:", "{id: written_limit, hidden: true, label:"),
                ("sees: [trust, generals, corridor_open]", "sees: [trust, generals, corridor_open, written_limit]"))
    assert_reported(text, "flag 'written_limit' is hidden (bookkeeping) and cannot be in 'sees'",
                    at(text, "written_limit]"))


@pytest.mark.parametrize("key", ["options", "situation", "advisors"])
def test_a_joint_event_has_no_top_level_options_situation_or_advisors(key: str) -> None:
    value = {"options": "[{id: a, label: A}, {id: b, label: B}]", "situation": "Both capitals wait.",
             "advisors": "[{advisor: x, text: Y}]"}[key]
    text = edit(("    role: joint\n", f"    role: joint\n    {key}: {value}\n"))
    assert_reported(text, f"a joint event has 'sides' and 'resolve', not '{key}'", at(text, f"{key}:", "role: joint"))


def test_sides_name_roles() -> None:
    text = edit(("      washington:\n        situation: Moscow", "      washinton:\n        situation: Moscow"))
    assert_reported(text, "'sides' names 'washinton', which is not a role (did you mean 'washington'?)",
                    at(text, "washinton:"))


def test_resolve_must_cover_every_pair() -> None:
    catch_all = '      - {result: "Moscow offers words'
    lines = CORRIDOR.splitlines(keepends=True)
    text = "".join(line for line in lines if not line.startswith(catch_all))
    assert_reported(text, "no entry of 'resolve' covers kremlin: hold with washington: thanks; end with an entry "
                    "without 'when'", at(text, "resolve:"))


def test_a_when_names_the_sides_options() -> None:
    text = edit(("when: {kremlin: open, washington: thanks}", "when: {kremlin: open, washington: give_notice}"))
    assert_reported(text, "'give_notice' is not an option of washington in this event", at(text, "give_notice"))


def test_every_ending_gives_every_role_a_verdict() -> None:
    text = edit(('      washington: {verdict: good, text: "The help you needed', '      kremlin_too: {verdict: good, '
                 'text: "The help you needed'))
    assert_reported(text, "ending 'partners' gives no verdict for washington", at(text, "partners", "endings:"))


def test_a_temperament_weighs_what_its_side_sees() -> None:
    text = edit(("weights: {congress: 3, trust: 1}", "weights: {congress: 3, generals: 1}"))
    assert_reported(text, "'generals' is not seen by washington; a temperament weighs only what its side sees",
                    at(text, "generals: 1}"))


def test_a_goal_reads_only_what_its_side_sees() -> None:
    text = edit(("when: congress >= 50 and trust >= 40", "when: congress >= 50 and generals >= 40"))
    assert_reported(text, "'generals' is not seen by washington; a temperament weighs only what its side sees",
                    at(text, "congress >= 50 and generals"))


def test_built_in_temperaments_cannot_be_declared() -> None:
    text = edit(("  - id: hawkish\n", "  - id: balanced\n"))
    assert_reported(text, "'historical' and 'balanced' are built-in temperaments; choose another id",
                    at(text, "balanced\n"))


def test_meters_carry_no_good_in_format_2() -> None:
    text = edit(("{id: congress, label: Support in Congress, start: 55}",
                 "{id: congress, label: Support in Congress, start: 55, good: up}"))
    assert_reported(text, "format_version 2 needs 'good' and 'sees' on every role; meters no longer carry 'good' "
                    "(run partnership-game migrate)", at(text, "good: up}"))


def test_format_1_problems_inside_a_joint_event_point_at_the_side_option_or_resolve_entry() -> None:
    text = edit(("effects: [{type: add, meter: generals, amount: -2}]",
                 "effects: [{type: add, meter: generols, amount: -2}]"),
                ("          - {type: add, meter: trust, amount: 8}",
                 "          - {type: add, meter: trusst, amount: 8}"))
    problems = found(text)
    side = [p for p in problems if "'generols'" in p.message]
    entry = [p for p in problems if "'trusst'" in p.message]
    assert side and entry, [p.format() for p in problems]
    assert {(p.line, p.col) for p in side} == {at(text, "generols")}
    assert {(p.line, p.col) for p in entry} == {at(text, "trusst")}


def test_a_side_option_condition_is_checked_where_it_is_written() -> None:
    text = edit(("            label: Offer a written time limit\n",
                 "            label: Offer a written time limit\n            condition: trust >> 20\n"))
    problems = found(text)
    assert [p.line for p in problems if "'>>'" in p.message] == [at(text, "trust >> 20")[0]]


def test_w013_an_entry_no_pair_reaches() -> None:
    text = edit(('      - {result: "Moscow offers words', '      - {when: {kremlin: open}, result: Too late}\n'
                 '      - {result: "Moscow offers words'))
    assert_reported(text, "resolve entry 3 is never reached: the entries above it cover every pair it matches",
                    at(text, "{when: {kremlin: open}, result: Too late}"), "warning")


def test_w010_an_option_without_news_that_moves_what_the_other_side_sees() -> None:
    text = edit(("        news: The White House tells the Chechen leadership to cut every tie to al-Qaida.\n", ""))
    assert_reported(text, "option 'link' has no 'news', yet it moves trust, which kremlin sees: that side will see "
                    "it move with no reason given", at(text, "link", "id: w_chechnya"), "warning")


def test_w011_a_meter_no_role_sees() -> None:
    text = edit(("  - {id: congress, label: Support in Congress, start: 55}\n",
                 "  - {id: congress, label: Support in Congress, start: 55}\n  - {id: mood, label: Mood, start: 5}\n"),
                ("good: {trust: up, generals: down, congress: none}", "good: {trust: up, generals: down, congress: "
                 "none, mood: up}"),
                ("good: {trust: up, generals: none, congress: up}", "good: {trust: up, generals: none, congress: up, "
                 "mood: none}"))
    assert_reported(text, "meter 'mood' is seen by no role: it shows only in the debrief", at(text, "mood, label"),
                    "warning")


def test_w012_a_role_that_never_decides() -> None:
    # Without the joint call, and with the generals' talk made Washington's, the Kremlin decides nothing.
    lines = edit(("    role: kremlin\n    turn: t2", "    role: washington\n    turn: t2")).splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("  - id: j_call"))
    end = next(i for i, line in enumerate(lines) if line.startswith("  - id: w_chechnya"))
    text = "".join(lines[:start] + lines[end:])
    assert_reported(text, "role 'kremlin' never decides: no event is its own or joint with it",
                    at(text, "kremlin", "roles:"), "warning")


def test_format_2_warnings_can_be_silenced() -> None:
    text = edit(("        news: The White House tells the Chechen leadership to cut every tie to al-Qaida.\n", ""))
    assert "W010" in {p.code for p in found(text)}
    assert "W010" not in {p.code for p in found(text + "silence_warnings: [W010, W002]\n")}
    assert found(text + "silence_warnings: [W010, W002]\n") == []


@pytest.mark.parametrize(("key", "message"), [
    ("outcomes: [{weight: 1}]", "a side's option in a joint event has only its own 'effects'; what the pair draws "
                                "goes in an entry of 'resolve' ('outcomes')"),
    ("result: Done", "a side's option in a joint event has no 'result': the pair's 'result' goes in its entry of "
                     "'resolve'"),
    ("news: Told", "a side's option in a joint event needs no 'news': the reveal shows both choices"),
])
def test_a_side_option_has_only_its_own_effects(key: str, message: str) -> None:
    text = edit(("          - id: thanks\n", f"          - id: thanks\n            {key}\n"))
    assert_reported(text, message, at(text, key))


def test_sides_and_resolve_belong_to_joint_events() -> None:
    text = edit(("  - id: w_chechnya\n    title: A line on Chechnya\n",
                 "  - id: w_chechnya\n    title: A line on Chechnya\n    resolve: []\n"))
    assert_reported(text, "'resolve' belongs to a joint event ('role: joint')", at(text, "resolve: []"))


def test_any_one_line_left_out_gives_messages_never_a_traceback() -> None:
    lines = CORRIDOR.splitlines(keepends=True)
    for n in range(len(lines)):
        text = "".join(lines[:n] + lines[n + 1:])
        try:
            load_bytes(text.encode("utf-8"), "c.yaml")
        except ScenarioError as exc:
            assert exc.diagnostics and all(d.line >= 1 and d.col >= 1 for d in exc.diagnostics)


def test_a_format_1_file_marked_version_2_is_told_to_migrate() -> None:
    text = (Path(__file__).resolve().parents[1] / "data" / "tiny.yaml").read_text(encoding="utf-8")
    text = text.replace("format_version: 1", "format_version: 2")
    hint = ("format_version 2 needs 'good' and 'sees' on every role; meters no longer carry 'good' (run "
            "partnership-game migrate)")
    assert_reported(text, hint, at(text, "good: up"))


def test_silencing_w013_and_an_unknown_code() -> None:
    text = edit(('      - {result: "Moscow offers words', '      - {when: {kremlin: open}, result: Too late}\n'
                 '      - {result: "Moscow offers words'))
    assert "W013" in {p.code for p in found(text)}
    assert "W013" not in {p.code for p in found(text + "silence_warnings: [W013]\n")}
    bad = text + "silence_warnings: [W013, W099]\n"
    (error,) = [p for p in found(bad) if p.severity == "error"]
    assert error.message.startswith("'W099' is not a warning code")
    assert (error.line, error.col) == at(bad, "W099")
