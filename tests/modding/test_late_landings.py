"""A delayed effect or schedule due after the last turn never lands (issue 15, finding 12): the validator warns
(W014) where it can tell from the file, and `analyze` counts the landings its dry runs lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnership_game.engine import POLICIES, Engine
from partnership_game.engine.analysis import dry_run, report, report_text
from partnership_game.engine.batch import explore_seeds
from partnership_game.scenario import load_path

TINY = (Path(__file__).resolve().parent.parent / "data" / "tiny.yaml").read_text(encoding="utf-8")
DELAYED = "          - type: delayed\n            after_turns: 2\n"  # in option 'help' of 'first', on turn t1 of 3


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "late.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def late_warnings(path: Path) -> list[tuple[int, int, str]]:
    return [(w.line, w.col, w.message) for w in load_path(path).warnings if w.code == "W014"]


def test_a_delayed_effect_due_after_the_last_turn_is_warned_at_its_after_turns(tmp_path: Path) -> None:
    assert TINY.count(DELAYED) == 1
    text = TINY.replace(DELAYED, DELAYED.replace("after_turns: 2", "after_turns: 3"))
    path = write(tmp_path, text)
    line = text[: text.index("after_turns: 3")].count("\n") + 1
    assert late_warnings(path) == [(line, 26, "this delayed effect is due 3 turns after turn 1 ('t1'), past the "
                                              "last turn ('t3', turn 3): it never lands; shorten 'after_turns' or "
                                              "add a turn")]


def test_one_that_lands_on_the_last_turn_is_not_warned(tmp_path: Path) -> None:
    assert late_warnings(write(tmp_path, TINY)) == []  # 'after_turns: 2' from t1 lands on t3, the last


def test_a_schedule_from_the_last_turn_is_warned(tmp_path: Path) -> None:
    text = TINY.replace("          - {type: schedule, event: followup, after_turns: 1}",
                        "          - {type: schedule, event: followup, after_turns: 2}")
    assert text != TINY
    (warning,) = late_warnings(write(tmp_path, text))
    assert warning[2].startswith("scheduling 'followup' is due 2 turns after turn 2 ('t2'), past the last turn")


LEAK_EFFECTS = "      - {type: set_flag, flag: leak_seen}\n"  # the random event 'leak', free to fire from turn 1


@pytest.mark.parametrize(("bound", "after", "warned"), [
    ("", 2, False),  # it may fire on turn 1: a landing two turns later is on the last turn
    ("", 3, True),  # even from turn 1, three turns later is past the end
    ("      from_turn: t2\n", 2, True),  # not before turn 2: two turns later is past the end
])
def test_a_triggered_event_is_judged_from_its_earliest_turn(tmp_path: Path, bound: str, after: int,
                                                            warned: bool) -> None:
    assert TINY.count(LEAK_EFFECTS) == 1
    late = (f"      - {{type: delayed, after_turns: {after}, text: The leak is remembered., "
            "effects: [{type: add, meter: trust, amount: -1}]}\n")
    text = TINY.replace(LEAK_EFFECTS, LEAK_EFFECTS + late).replace(
        "      chance: 0.02 * elite_resistance\n", "      chance: 0.02 * elite_resistance\n" + bound)
    found = late_warnings(write(tmp_path, text))
    assert bool(found) == warned, found
    if warned:
        assert "the earliest this event can fire on" in found[0][2]


def test_analyze_counts_the_landings_lost(tmp_path: Path) -> None:
    text = TINY.replace(DELAYED, DELAYED.replace("after_turns: 2", "after_turns: 3"))
    loaded = load_path(write(tmp_path, text))
    engine = Engine(loaded.compiled)
    seeds = explore_seeds(1, 300)
    result = report(engine, {"historical": dry_run(engine, seeds, POLICIES["historical"])})
    # The historical road takes 'help' in every game: every one of its delayed effects is lost.
    assert result["lost_landings"] == [{"policy": "historical", "what": "the delayed effect of first/help",
                                        "landings": 300}]
    assert "  the delayed effect of first/help under historical: 300 landings lost" in report_text(result)


def test_analyze_reports_none_when_everything_lands(tmp_path: Path) -> None:
    loaded = load_path(write(tmp_path, TINY))
    engine = Engine(loaded.compiled)
    result = report(engine, {"random": dry_run(engine, explore_seeds(1, 300), POLICIES["random"])})
    assert result["lost_landings"] == []
    assert "Delayed effects and schedules due after the last turn (they never land): none" in report_text(result)
