"""Save files: a faithful round trip, a self-contained scenario copy, and SaveError for every kind of damage."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from partnership_game.scenario import load_path
from partnership_game.session import SaveError, Session, read_save, write_save
from partnership_game.session.saves import MAX_SAVE_BYTES, parse_save, session_from_save

MiB = 1024 * 1024


def pick(session: Session, *option_ids: str) -> None:
    for option_id in option_ids:
        assert session.pending is not None
        session.choose([o.id for o in session.pending.event.options].index(option_id))


def branched(tiny) -> Session:
    """Three branches: help-gamble-sign, help-safe-walk (current: help-safe), wait-gamble."""
    s = Session(tiny, 4242, player="Tester")
    pick(s, "help", "gamble", "sign")
    s.goto(0)
    pick(s, "safe", "walk")
    s.goto(None)
    pick(s, "wait", "gamble")
    s.goto(3)  # help, safe
    return s


def state_of(s: Session) -> tuple[object, ...]:
    ledger = s.state.ledger
    assert ledger is not None
    return (s.state.meters.tobytes(), s.state.flags.tobytes(), s.state.ending.tobytes(), tuple(ledger.entries),
            tuple(ledger.turn_end_meters), None if s.pending is None else s.pending.event.id)


@pytest.fixture
def saved(tiny, tmp_path: Path) -> tuple[Session, Path, dict[str, Any]]:
    session = branched(tiny)
    path = tmp_path / "slot1.json"
    write_save(path, session)
    return session, path, json.loads(path.read_text(encoding="utf-8"))


# ---- round trip -----------------------------------------------------------------------------------------------


def test_round_trip_keeps_meters_ledger_timeline_and_current_node(saved, tiny) -> None:
    session, path, _ = saved
    loaded = read_save(path)
    assert loaded.seed == session.seed
    assert loaded.player == "Tester"
    assert loaded.timeline.nodes == session.timeline.nodes
    assert loaded.timeline.current == session.timeline.current == 3
    assert len(loaded.timeline.leaves()) == 3
    assert loaded.meters() == session.meters()
    assert state_of(loaded) == state_of(session)
    # Every branch, not only the current one, comes back the same.
    for node in [None, *range(len(session.timeline.nodes))]:
        session.goto(node)
        loaded.goto(node)
        assert state_of(loaded) == state_of(session), node
    assert loaded.scenario.content_hash == tiny.content_hash


def test_save_json_layout(saved, tiny_path: Path) -> None:
    _, _, raw = saved
    assert raw["format"] == "partnership-game-save"
    assert raw["version"] == 1
    assert set(raw["scenario"]) == {"id", "hash", "text_zlib_b64"}
    assert raw["scenario"]["id"] == "tiny"
    original = tiny_path.read_bytes()
    assert raw["scenario"]["hash"] == "sha256:" + hashlib.sha256(original).hexdigest()
    text = zlib.decompress(base64.b64decode(raw["scenario"]["text_zlib_b64"], validate=True))
    assert text == original
    assert raw["seed"] == 4242
    assert raw["timeline"]["current"] == 3
    assert raw["timeline"]["nodes"] == [
        {"id": 0, "parent": None, "event": "first", "option": "help"},
        {"id": 1, "parent": 0, "event": "second", "option": "gamble"},
        {"id": 2, "parent": 1, "event": "third", "option": "sign"},
        {"id": 3, "parent": 0, "event": "second", "option": "safe"},
        {"id": 4, "parent": 3, "event": "third", "option": "walk"},
        {"id": 5, "parent": None, "event": "first", "option": "wait"},
        {"id": 6, "parent": 5, "event": "second", "option": "gamble"},
    ]


def test_round_trip_at_the_start_and_at_the_end(tiny, tmp_path: Path) -> None:
    start = Session(tiny, 0)
    write_save(tmp_path / "a.json", start)
    assert state_of(read_save(tmp_path / "a.json")) == state_of(start)
    done = Session(tiny, 2**64 - 1)
    pick(done, "help", "safe", "sign")
    assert done.over
    write_save(tmp_path / "b.json", done)
    back = read_save(tmp_path / "b.json")
    assert back.over and back.ending is not None and done.ending is not None
    assert back.ending.id == done.ending.id
    assert state_of(back) == state_of(done)


def test_save_replays_after_the_scenario_file_changes(tmp_path: Path, tiny_path: Path) -> None:
    scenario = tmp_path / "tiny.yaml"
    shutil.copyfile(tiny_path, scenario)
    session = Session(load_path(scenario), 99)
    pick(session, "help", "safe")
    write_save(tmp_path / "save.json", session)
    expected = state_of(session)
    # The scenario on disk changes: help now gives +30 trust, and 'safe' is renamed away.
    changed = tiny_path.read_text(encoding="utf-8").replace(
        "{type: add, meter: trust, amount: 10}", "{type: add, meter: trust, amount: 30}").replace(
        "id: safe", "id: careful")
    assert changed != tiny_path.read_text(encoding="utf-8")
    scenario.write_text(changed, encoding="utf-8")
    loaded = read_save(tmp_path / "save.json")
    assert state_of(loaded) == expected
    assert loaded.scenario.text == tiny_path.read_text(encoding="utf-8")
    # Even with the file gone.
    scenario.unlink()
    assert state_of(read_save(tmp_path / "save.json")) == expected


# ---- damaged saves --------------------------------------------------------------------------------------------

Mutator = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutator:
    def mutate(raw: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = raw
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return mutate


def _pack(data: bytes) -> str:
    return base64.b64encode(zlib.compress(data, 9)).decode("ascii")


def _bomb(raw: dict[str, Any]) -> None:
    # Compresses to a few KiB and inflates to 3 MiB, past the 2 MiB limit on scenario text.
    raw["scenario"]["text_zlib_b64"] = _pack(b"# padding\n" * (3 * MiB // 10))


def _tamper(raw: dict[str, Any]) -> None:
    text = zlib.decompress(base64.b64decode(raw["scenario"]["text_zlib_b64"]))
    raw["scenario"]["text_zlib_b64"] = _pack(text.replace(b"amount: 10}", b"amount: 90}", 1))


def _rehash(raw: dict[str, Any], text: bytes) -> None:
    raw["scenario"]["text_zlib_b64"] = _pack(text)
    raw["scenario"]["hash"] = "sha256:" + hashlib.sha256(text).hexdigest()


def _not_a_scenario(raw: dict[str, Any]) -> None:
    _rehash(raw, b"format_version: 1\nid: tiny\n")


def _other_scenario_id(raw: dict[str, Any]) -> None:
    text = zlib.decompress(base64.b64decode(raw["scenario"]["text_zlib_b64"]))
    _rehash(raw, text.replace(b"id: tiny\n", b"id: other\n", 1))


def _cycle(raw: dict[str, Any]) -> None:
    raw["timeline"]["nodes"][0]["parent"] = 1


def _illegal_branch(raw: dict[str, Any]) -> None:
    # A branch that is not the current one chooses an unavailable option: still refused.
    raw["timeline"]["nodes"].append({"id": 7, "parent": None, "event": "first", "option": "bases"})


DAMAGE: dict[str, tuple[Mutator, str]] = {
    "wrong format": (_set("format", "some-other-game-save"), "not a save file"),
    "format missing": (lambda raw: raw.pop("format"), "not a save file"),
    "wrong version": (_set("version", 2), "damaged"),
    "unknown key": (_set("cheat", True), "damaged"),
    "seed negative": (_set("seed", -1), "damaged"),
    "seed too large": (_set("seed", 2**64), "damaged"),
    "seed as text": (_set("seed", "4242"), "damaged"),
    "bad base64": (_set("scenario.text_zlib_b64", "not base64 at all!"), "damaged"),
    "base64 of no zlib": (_set("scenario.text_zlib_b64", base64.b64encode(b"plain text").decode()), "damaged"),
    "zlib bomb": (_bomb, "too large"),
    "tampered text": (_tamper, "does not match its recorded hash"),
    "tampered hash": (_set("scenario.hash", "sha256:" + "0" * 64), "does not match its recorded hash"),
    "malformed hash": (_set("scenario.hash", "md5:abc"), "damaged"),
    "text not a scenario": (_not_a_scenario, "does not load"),
    "scenario id mismatch": (_other_scenario_id, "id does not match"),
    "option not in scenario": (_set("timeline.nodes.1.option", "double_down"), "no option 'double_down'"),
    "event not in scenario": (_set("timeline.nodes.0.event", "nonexistent"), "does not fit"),
    "event out of order": (_set("timeline.nodes.0.event", "third"), "does not fit"),
    "illegal decision": (_set("timeline.nodes.0.option", "bases"), "not available"),
    "illegal decision on another branch": (_illegal_branch, "not available"),
    "bad option id": (_set("timeline.nodes.0.option", "Help!"), "damaged"),
    "node cycle": (_cycle, "timeline is damaged"),
    "node is its own parent": (_set("timeline.nodes.2.parent", 2), "timeline is damaged"),
    "node ids out of order": (_set("timeline.nodes.1.id", 5), "timeline is damaged"),
    "current out of range": (_set("timeline.current", 7), "current decision does not exist"),
    "nodes not a list": (_set("timeline.nodes", {"0": 1}), "damaged"),
    "timeline missing": (lambda raw: raw.pop("timeline"), "damaged"),
    "scenario not a mapping": (_set("scenario", "tiny"), "damaged"),
    "player too long": (_set("player", "x" * 1000), "damaged"),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_damaged_save_gives_save_error(saved, tmp_path: Path, case: str) -> None:
    _, _, raw = saved
    mutate, message = DAMAGE[case]
    broken = copy.deepcopy(raw)
    mutate(broken)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(SaveError) as info:
        read_save(path)
    assert message in str(info.value)


def test_the_undamaged_save_loads(saved, tmp_path: Path) -> None:
    """The control for the cases above: the same JSON, rewritten unchanged, loads fine."""
    _, _, raw = saved
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(copy.deepcopy(raw)), encoding="utf-8")
    assert read_save(path).timeline.current == 3


RAW_DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "not JSON": (lambda data: b"this is not a save", "not valid JSON"),
    "empty": (lambda data: b"", "not valid JSON"),
    "truncated": (lambda data: data[: len(data) // 2], "not valid JSON"),
    "truncated by one byte": (lambda data: data[:-1], "not valid JSON"),
    "not UTF-8": (lambda data: b"\xff\xfe" + data, "not UTF-8"),
    "a list": (lambda data: b"[1, 2, 3]", "not a save file"),
    "a number": (lambda data: b"42", "not a save file"),
    "null": (lambda data: b"null", "not a save file"),
    "deeply nested": (lambda data: b'{"format": "partnership-game-save", "timeline": ' + b"[" * 500_000
                      + b"]" * 500_000 + b"}", "nests too deeply"),
    "deeply nested objects": (lambda data: b'{"a":' * 300_000 + b"1" + b"}" * 300_000, "nests too deeply"),
    "deeply nested but valid top": (
        lambda data: data.rstrip()[:-1] + b', "player": ' + b"[" * 500 + b"]" * 500 + b"}", "damaged"),
    "oversized": (lambda data: data + b" " * (MAX_SAVE_BYTES + 1 - len(data)), "larger than"),
    "oversized garbage": (lambda data: b"[" * (MAX_SAVE_BYTES + 100), "larger than"),
    "nan seed": (lambda data: data.replace(b'"seed": 4242', b'"seed": NaN'), "damaged"),
    "float seed": (lambda data: data.replace(b'"seed": 4242', b'"seed": 4242.0'), "damaged"),
    "duplicate keys": (lambda data: data.replace(b'"seed": 4242', b'"seed": 4242, "seed": "x"'), "damaged"),
}


@pytest.mark.parametrize("case", list(RAW_DAMAGE))
def test_damaged_bytes_give_save_error(saved, tmp_path: Path, case: str) -> None:
    _, path, _ = saved
    data = path.read_bytes()
    assert b'"seed": 4242' in data  # the replacements above need the writer's layout
    damage, message = RAW_DAMAGE[case]
    broken = tmp_path / "broken.json"
    broken.write_bytes(damage(data))
    with pytest.raises(SaveError) as info:
        read_save(broken)
    assert message in str(info.value)


def test_missing_file_and_folder_give_save_error(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="no such save file"):
        read_save(tmp_path / "nope.json")
    with pytest.raises(SaveError):
        read_save(tmp_path)


def test_parse_save_refuses_oversized_bytes_before_parsing() -> None:
    with pytest.raises(SaveError, match="larger than"):
        parse_save(b"{" + b" " * MAX_SAVE_BYTES + b"}")


# ---- bugs -----------------------------------------------------------------------------------------------------


def test_non_ascii_base64_gives_save_error(saved, tmp_path: Path) -> None:
    _, _, raw = saved
    raw["scenario"]["text_zlib_b64"] = "é" + raw["scenario"]["text_zlib_b64"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(SaveError):
        read_save(path)


def test_huge_integer_literal_gives_save_error(saved, tmp_path: Path) -> None:
    _, path, _ = saved
    broken = tmp_path / "broken.json"
    broken.write_bytes(path.read_bytes().replace(b'"seed": 4242', b'"seed": ' + b"9" * 5000))
    with pytest.raises(SaveError):
        read_save(broken)


def test_save_of_a_scenario_with_a_bom_loads(tmp_path: Path, tiny_path: Path) -> None:
    scenario = tmp_path / "bom.yaml"
    scenario.write_bytes(b"\xef\xbb\xbf" + tiny_path.read_bytes())
    session = Session(load_path(scenario), 3)
    pick(session, "help")
    write_save(tmp_path / "bom.json", session)
    assert state_of(read_save(tmp_path / "bom.json")) == state_of(session)


def test_session_from_save_needs_no_file(saved) -> None:
    session, path, _ = saved
    again = session_from_save(parse_save(path.read_bytes()))
    assert state_of(again) == state_of(session)
