"""analyze's dry run reads a delayed effect's text in every game it lands on, whichever option caused it (it used to
look the option up on the delayed effect itself and fail with an IndexError for any option but the first)."""

from __future__ import annotations

from pathlib import Path

from partnership_game.engine import POLICIES, Engine
from partnership_game.engine.analysis import dry_run, report
from partnership_game.engine.batch import explore_seeds
from partnership_game.scenario import load_path

PROBE = Path(__file__).resolve().parent.parent / "data" / "variants_probe.yaml"


def test_a_delayed_text_of_a_later_option_is_checked_where_it_lands(tmp_path: Path) -> None:
    text = PROBE.read_text(encoding="utf-8")
    old = "              - {text: The refusal still rankles.}"
    assert text.count(old) == 1
    path = tmp_path / "variants_probe.yaml"
    # The refusal (option 2) never signs, so a wording that takes the treaty for granted is always read wrongly.
    path.write_text(text.replace(old, "              - {text: The refusal still rankles., assumes: signed}"),
                    encoding="utf-8")
    engine = Engine(load_path(path).compiled)
    seeds = explore_seeds(0, 200)
    result = report(engine, {name: dry_run(engine, seeds, POLICIES[name]) for name in ("random", "historical")})
    found = [(x["policy"], x["text"]) for x in result["incoherent_texts"]]  # type: ignore[union-attr]
    # Only the random games that refused read it; history signs, so the refusal's delayed text never lands there.
    assert found == [("random", "events.0.options.1.effects.1.text")]
