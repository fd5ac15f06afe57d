"""analyze's coherence check: texts read while their `assumes` is false, endings reached while theirs is false, and
decisions offered after an immediate ending should have ended the game, on a small scenario made incoherent."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from partnership_game.engine import POLICIES, Engine
from partnership_game.engine.analysis import dry_run, report
from partnership_game.engine.batch import explore_seeds, play_out
from partnership_game.engine.coherence import Watch
from partnership_game.engine.policies import forcing
from partnership_game.scenario import load_bytes

DATA = Path(__file__).resolve().parents[1] / "data"
TINY = (DATA / "tiny.yaml").read_text(encoding="utf-8")
RUNS = 2000


def incoherent() -> str:
    text = TINY
    # Read before its effects, when trust is 40: what it assumes (trust 60) never holds.
    text = text.replace("""      - id: help
        label: Help
        historical: true
""", """      - id: help
        label: Help
        historical: true
        result: [{text: Washington is delighted., assumes: trust >= 60}]
""")
    # Lands on turn 3 with elite resistance at 40 after 'safe', at 60 after a failed gamble.
    text = text.replace("            text: The generals remember.\n",
                        "            text: [{text: The generals remember., assumes: elite_resistance >= 50}]\n")
    # Read only by games whose gamble worked, before its +20: gains is still 10.
    text = text.replace("            text: It works.\n",
                        "            text: [{text: It works., assumes: gains >= 100}]\n")
    # Coherent: the variant that assumes high gains is read only when gains are high.
    text = text.replace("    situation: The end approaches.\n", """    situation:
      - {when: gains >= 25, text: The gamble paid., assumes: gains >= 25}
      - {text: The end approaches.}
""")
    # The partnership denies the leak: games that saw it and still end there are incoherent.
    text = text.replace("    priority: 50\n    historical: true\n",
                        "    priority: 50\n    historical: true\n    assumes: not leak_seen\n")
    return text


@pytest.fixture(scope="module")
def loaded():  # type: ignore[no-untyped-def]
    return load_bytes(incoherent().encode(), "incoherent.yaml")


def found(loaded, policy_name: str, force: dict[str, int] | None = None) -> dict[str, int]:  # type: ignore[no-untyped-def]
    engine = Engine(loaded.compiled)
    policy = forcing(POLICIES[policy_name], force or {})
    run = dry_run(engine, explore_seeds(3, RUNS), policy)
    return {text: games for (text, _), games in run.incoherent.items()}


def final_state(loaded, policy_name: str, force: dict[str, int] | None = None):  # type: ignore[no-untyped-def]
    engine = Engine(loaded.compiled)
    return play_out(engine, engine.start(explore_seeds(3, RUNS)), forcing(POLICIES[policy_name], force or {}))


def test_every_incoherent_reading_is_counted_on_the_historical_road(loaded) -> None:  # type: ignore[no-untyped-def]
    state = final_state(loaded, "historical")
    leak = loaded.compiled.flag_ids.index("leak_seen")
    partnership = loaded.compiled.ending_by_id("partnership").index
    denied = int(np.sum(state.flags[:, leak] & (state.ending == partnership)))
    assert 0 < denied < RUNS  # the leak is random: some games see it
    assert found(loaded, "historical") == {
        "events.0.options.0.result": RUNS,  # every game helps, with trust at 40
        "events.0.options.0.effects.2.text": RUNS,  # after 'safe', elite resistance is 40 when the generals remember
        "endings.1.assumes": denied,
    }


def test_an_outcome_text_is_checked_only_for_the_games_that_drew_it(loaded) -> None:  # type: ignore[no-untyped-def]
    gamble = {"second": 0}
    state = final_state(loaded, "historical", gamble)
    gains = loaded.compiled.meter_ids.index("gains")
    worked = int(np.sum(state.meters[:, gains] == 40))  # 10 + 20 for the gamble that works + 10 for signing
    assert 0 < worked < RUNS
    counts = found(loaded, "historical", gamble)
    assert counts["events.1.options.0.outcomes.0.text"] == worked
    # The generals remember with elite resistance at 60 after a failed gamble: only the other games count.
    assert counts["events.0.options.0.effects.2.text"] == worked
    assert "events.4.situation" not in counts


def test_the_report_lists_each_with_its_policy(loaded) -> None:  # type: ignore[no-untyped-def]
    engine = Engine(loaded.compiled)
    seeds = explore_seeds(3, 500)
    result = report(engine, {"historical": dry_run(engine, seeds, POLICIES["historical"])})
    texts = result["incoherent_texts"]
    first = next(x for x in texts if x["text"] == "events.0.options.0.result")
    assert {k: first[k] for k in ("policy", "owner", "games")} == {"policy": "historical", "owner": "first",
                                                                   "games": 500}
    assert sum(v["games"] for v in first["variants"]) == 500  # each game that read it false, under its variant
    assert result["late_immediate_endings"] == []


def test_a_coherent_scenario_reports_nothing() -> None:
    loaded = load_bytes(TINY.encode(), "tiny.yaml")
    engine = Engine(loaded.compiled)
    run = dry_run(engine, explore_seeds(3, 500), POLICIES["random"])
    assert run.incoherent == {} and run.late == {}


def test_a_decision_offered_while_an_immediate_ending_holds_is_late(loaded) -> None:  # type: ignore[no-untyped-def]
    engine = Engine(loaded.compiled)
    state = engine.start(explore_seeds(3, 10))
    pending = engine.advance(state)
    assert pending is not None
    watch = Watch(loaded.compiled, 10)
    watch.offered_decision(state, pending)
    assert watch.late == {}
    state.meters[:4, loaded.compiled.meter_ids.index("elite_resistance")] = 95  # the backlash holds in 4 games
    watch.offered_decision(state, pending)
    assert dict(watch.late) == {("first", "backlash"): 4}
