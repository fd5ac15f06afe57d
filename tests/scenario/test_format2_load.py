"""Format 2 (two sides) on tests/data/corridor_2001.yaml, the example of docs/design/sides.md §11: it loads, its
joint event compiles to the product of the sides' options, and the engine lands each pair's effects."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
import yaml

from partnership_game.engine import Engine
from partnership_game.scenario import load_path
from partnership_game.scenario.sides import JOINT

CORRIDOR = Path(__file__).resolve().parents[1] / "data" / "corridor_2001.yaml"


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(CORRIDOR.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def loaded():  # type: ignore[no-untyped-def]
    return load_path(CORRIDOR)


def test_roles_views_come_from_the_roles(loaded, raw) -> None:
    sides = loaded.compiled.sides
    meters = [m["id"] for m in raw["meters"]]
    flags = [f["id"] for f in raw["flags"]]
    assert sides.format_version == 2
    assert [r.id for r in sides.roles] == [r["id"] for r in raw["roles"]]
    for role, spec in zip(sides.roles, raw["roles"], strict=True):
        sign = {"up": 1, "down": -1, "none": 0}
        assert role.good == tuple(sign[spec["good"][m]] for m in meters)
        assert role.sees_meters == tuple(m in spec["sees"] for m in meters)
        assert role.sees_flags == tuple(f in spec["sees"] for f in flags)
        assert role.seat == spec["capital"]
    # A meter's own `good` (format 1's) is the first role's; `none` counts as up.
    first = raw["roles"][0]["good"]
    assert [m.good for m in loaded.model.meters] == ["down" if first[m] == "down" else "up" for m in meters]


def test_who_decides_news_and_verdicts(loaded, raw) -> None:
    sides = loaded.compiled.sides
    kinds = []
    for event in raw["events"]:
        role = event.get("role", raw["roles"][0]["id"])
        kinds.append(JOINT if role == JOINT else sides.role_index(role))
    assert list(sides.decides[: len(kinds)]) == kinds
    chechnya = next(i for i, e in enumerate(raw["events"]) if e["id"] == "w_chechnya")
    for j, option in enumerate(raw["events"][chechnya]["options"]):
        assert sides.news[(chechnya, j)] == option["news"]
    generals = next(i for i, e in enumerate(raw["events"]) if e["id"] == "k_generals")
    assert not any(key[0] == generals for key in sides.news)
    for ending in raw["endings"]:
        for role, verdict in ending["verdicts"].items():
            got = sides.verdict(ending["id"], sides.role_index(role))
            assert got is not None and (got.word, got.text) == (verdict["verdict"], verdict["text"])


def test_temperaments_built_in_and_declared(loaded, raw) -> None:
    sides = loaded.compiled.sides
    for role in sides.roles:
        ids = [t.id for t in sides.temperaments_of(role.index)]
        declared = [t["id"] for t in raw["temperaments"] if t["role"] == role.id]
        assert ids == ["historical", "balanced", *declared]
    cautious = sides.temperament(sides.role_index("washington"), "cautious")
    assert dict(cautious.weights) == {"congress": 3, "trust": 1}
    (goal,) = cautious.goals
    assert goal.says == "kept Congress on side and trust above 40"
    n = len(loaded.compiled.meter_ids)
    meters = np.zeros((2, n))
    congress, trust = loaded.compiled.meter_ids.index("congress"), loaded.compiled.meter_ids.index("trust")
    meters[0, [congress, trust]] = (60, 45)
    meters[1, [congress, trust]] = (60, 30)
    from partnership_game.scenario.conditions import Context

    held = np.asarray(goal.condition.evaluate(Context(meters, np.zeros((2, 2), dtype=bool), 1)))
    assert held.tolist() == [True, False]


def test_joint_event_is_the_product_of_the_sides_options(loaded, raw) -> None:
    event = raw["events"][0]
    sides = event["sides"]
    roles = list(sides)
    compiled = loaded.compiled.events[0]
    joint = loaded.compiled.sides.joint[0]
    pairs = list(itertools.product(*(range(len(sides[r]["options"])) for r in roles)))
    assert [o.id for o in compiled.options] == [
        "+".join(sides[r]["options"][k]["id"] for r, k in zip(roles, key, strict=True)) for key in pairs
    ]
    for key in pairs:
        option = joint.option_for({joint.sides[s].role: k for s, k in enumerate(key)})
        assert compiled.options[option].id.split("+") == [sides[r]["options"][k]["id"] for r, k in
                                                          zip(roles, key, strict=True)]
        assert joint.choices_of(option) == {joint.sides[s].role: k for s, k in enumerate(key)}
    historical = [k for k, o in enumerate(compiled.options) if o.historical]
    assert historical == [compiled.historical_option]
    assert compiled.options[historical[0]].id == "open+thanks"


def _expected_landing(raw: dict, picks: dict[str, str]) -> tuple[dict[str, float], set[str], str]:
    """What the YAML says a pair does: each side's own effects, then the first matching resolve entry's."""
    event = raw["events"][0]
    adds: dict[str, float] = {}
    flags: set[str] = set()
    listed = [e for role, option in picks.items()
              for o in event["sides"][role]["options"] if o["id"] == option for e in o.get("effects", [])]
    entry = next(e for e in event["resolve"]
                 if all(picks[r] == want or want == "any" for r, want in e.get("when", {}).items()))
    for effect in listed + entry["effects"]:
        if effect["type"] == "add":
            adds[effect["meter"]] = adds.get(effect["meter"], 0.0) + effect["amount"]
        elif effect["type"] == "set_flag":
            flags.add(effect["flag"])
    return adds, flags, entry["result"]


def test_the_engine_lands_side_effects_plus_the_resolve_entry(loaded, raw) -> None:
    engine = Engine(loaded.compiled)
    compiled = loaded.compiled
    event = raw["events"][0]
    roles = list(event["sides"])
    for key in itertools.product(*(event["sides"][r]["options"] for r in roles)):
        picks = {r: o["id"] for r, o in zip(roles, key, strict=True)}
        state = engine.start(np.array([7], dtype=np.uint64))
        pending = engine.advance(state)
        assert pending is not None and pending.event.id == "j_call"
        before_meters, before_flags = state.meters.copy(), state.flags.copy()
        option = [o.id for o in pending.event.options].index("+".join(picks[r] for r in roles))
        engine.choose(state, pending, np.array([option], dtype=np.int64))
        adds, flags, result = _expected_landing(raw, picks)
        for m, meter in enumerate(compiled.meter_ids):
            assert state.meters[0, m] - before_meters[0, m] == pytest.approx(adds.get(meter, 0.0)), (picks, meter)
        for f, flag in enumerate(compiled.flag_ids):
            assert bool(state.flags[0, f]) == (flag in flags or bool(before_flags[0, f]))
        assert pending.event.options[option].result == result


def test_the_example_warns_only_about_its_missing_sources(loaded) -> None:
    # sides.md §11 gives w_chechnya `accuracy: historical` and no sources: W002, and nothing else (no W010: the
    # Kremlin's talk with its generals moves only a meter Washington does not see).
    assert [w.code for w in loaded.warnings] == ["W002"]
    assert "w_chechnya" in loaded.warnings[0].message
