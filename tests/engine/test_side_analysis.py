"""analyze per side: each side's verdicts under each way of playing, and each side's options never open."""

from __future__ import annotations

from pathlib import Path

from partnership_game.engine import Engine, historical, uniform_random
from partnership_game.engine.analysis import dry_run, report, report_text
from partnership_game.engine.batch import explore_seeds
from partnership_game.scenario import load_path

DATA = Path(__file__).parents[1] / "data"


def _report(name: str | Path) -> dict[str, object]:
    engine = Engine(load_path(DATA / name).compiled)
    seeds = explore_seeds(0, 1500)
    return report(engine, {"random": dry_run(engine, seeds, uniform_random),
                           "historical": dry_run(engine, seeds, historical)})


def test_each_sides_verdicts_follow_the_endings_reached() -> None:
    result = _report("corridor_2001.yaml")
    endings = result["endings"]
    verdicts = result["verdicts"]
    assert isinstance(endings, dict) and isinstance(verdicts, dict)
    # corridor_2001: 'partners' is mixed for the Kremlin and good for Washington; 'apart' bad and mixed.
    for policy in ("random", "historical"):
        partners, apart = endings["partners"][policy], endings["apart"][policy]
        assert verdicts["kremlin"][policy] == {"good": 0.0, "mixed": partners, "bad": apart}
        assert verdicts["washington"][policy] == {"good": partners, "mixed": apart, "bad": 0.0}
    assert 0 < endings["partners"]["random"] < 1
    text = report_text(result)
    assert "Verdicts per side" in text and "washington: random" in text


def test_a_sides_half_of_a_joint_decision_never_open_is_named_for_that_side(tmp_path: Path) -> None:
    assert _report("corridor_2001.yaml")["never_available_by_side"] == {"kremlin": [], "washington": []}
    text = (DATA / "corridor_2001.yaml").read_text(encoding="utf-8")
    hold = "            label: Offer sympathy, nothing on the ground\n"
    assert hold in text
    # The corridor is opened by this very call, so 'hold' asking for it open is never available to the Kremlin.
    closed = tmp_path / "closed.yaml"
    closed.write_text(text.replace(hold, hold + "            condition: corridor_open\n"), encoding="utf-8")
    result = _report(closed)
    assert result["never_available_by_side"] == {"kremlin": ["j_call/hold"], "washington": []}
    assert "Options of kremlin never available: j_call/hold" in report_text(result)


def test_a_one_sided_scenario_has_no_per_side_part() -> None:
    result = _report("tiny.yaml")
    assert "verdicts" not in result and "Verdicts per side" not in report_text(result)
