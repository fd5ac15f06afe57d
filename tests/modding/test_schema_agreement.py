"""The schema and the game agree: every case of schema_corpus/ is judged by the game's loader and by check-jsonschema
(the command modders run, offline, with the game's schema) and both give the case's verdict; the cases only the game
can judge are listed here by name."""

from __future__ import annotations

import copy
import json
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnership_game.scenario.diagnostics import ScenarioError
from partnership_game.scenario.loader import load_path
from partnership_game.scenario.schema import schema_text

CORPUS = Path(__file__).resolve().parent / "schema_corpus"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"

# Cross-references, orders, sums over the whole file, the grammar of conditions and files on disk: draft-07 cannot
# state these, so the schema accepts each of these files and the game refuses it.
GAME_ONLY = (
    "unknown_meter_in_effect", "unknown_flag_in_effect", "unknown_event_scheduled", "unknown_turn",
    "unknown_advisor", "unknown_role", "unknown_name_in_condition", "condition_syntax",
    "chance_expression_gives_true_false", "duplicate_event_id", "meter_and_flag_share_an_id", "turns_out_of_order",
    "min_above_max", "start_outside_range", "threshold_outside_range", "two_historical_options", "two_fallbacks",
    "two_historical_endings", "impossible_date", "image_missing", "unbounded_schedule_chain", "until_before_from",
    "last_variant_with_when", "whole_number_written_with_a_point", "last_map_state_with_when",
    "position_outside_the_view", "unknown_country", "flag_links_unknown_feature", "unknown_inset",
)
# A key written with no value (`caption:`): the game takes it as left out; the schema, saying what a file holds,
# refuses it.
NULL_KEYS = ("caption_with_no_value", "option_condition_with_no_value")


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _walk(data: Any, path: str) -> tuple[Any, str | int]:
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in path.split(".")]
    for part in parts[:-1]:
        data = data[part]
    return data, parts[-1]


def _case_document(base: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    if "document" in case:
        return dict(case["document"])
    data = copy.deepcopy(base)
    for path, value in case.get("set", {}).items():
        holder, last = _walk(data, path)
        holder[last] = value
    for path in case.get("delete", []):
        holder, last = _walk(data, path)
        del holder[last]
    return data


CASES: list[dict[str, Any]] = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[str], list[str]]]:
    """Each case's file in a mod folder of its own (with the base's picture), and what each judge says of it."""
    root = tmp_path_factory.mktemp("corpus")
    base = yaml.safe_load((CORPUS / "base.yaml").read_text(encoding="utf-8"))
    schema = root / "scenario.schema.json"
    schema.write_text(schema_text(), encoding="utf-8")
    files: dict[str, Path] = {}
    for case in CASES:
        folder = root / case["name"]
        (folder / "images").mkdir(parents=True)
        (folder / "images" / "ships.png").write_bytes(_png(4, 4))
        files[case["name"]] = folder / f"{case['name']}.yaml"
        files[case["name"]].write_text(yaml.safe_dump(_case_document(base, case), sort_keys=False), encoding="utf-8")
    game: dict[str, list[str]] = {}
    for name, path in files.items():
        try:
            load_path(path)
            game[name] = []
        except ScenarioError as exc:
            game[name] = [f"{d.line}:{d.col}: {d.message}" for d in exc.diagnostics]
    # One run of the real command over every file; --schemafile is a local file, so nothing is fetched.
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), "-o", "json", *map(str, files.values())],
        capture_output=True, text=True, timeout=300, check=False,
    )
    report = json.loads(result.stdout)
    assert report["parse_errors"] == []
    by_file: dict[str, list[str]] = {str(path): [] for path in files.values()}
    for error in report["errors"]:
        by_file[error["filename"]].append(f"{error['path']}: {error['message']}")
    return {name: (game[name], by_file[str(path)]) for name, path in files.items()}


def test_the_corpus_is_large_enough() -> None:
    judged = [c for c in CASES if "judge" not in c]
    assert sum(c["valid"] for c in judged) >= 30
    assert sum(not c["valid"] for c in judged) >= 60
    assert len({c["name"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", [c for c in CASES if "judge" not in c], ids=lambda c: c["name"])
def test_the_game_and_the_schema_agree(case: dict[str, Any], verdicts: dict[str, tuple[list[str], list[str]]]) -> None:
    game, schema = verdicts[case["name"]]
    assert (not game, not schema) == (case["valid"], case["valid"]), (game, schema)


def test_the_cases_only_the_game_can_judge_are_these() -> None:
    assert tuple(c["name"] for c in CASES if c.get("judge") == "game") == GAME_ONLY
    assert tuple(c["name"] for c in CASES if c.get("judge") == "null_key") == NULL_KEYS


@pytest.mark.parametrize("name", GAME_ONLY)
def test_only_the_game_refuses(name: str, verdicts: dict[str, tuple[list[str], list[str]]]) -> None:
    game, schema = verdicts[name]
    assert game and not schema, (game, schema)


@pytest.mark.parametrize("name", NULL_KEYS)
def test_a_key_with_no_value_is_left_out_for_the_game_and_refused_by_the_schema(
    name: str, verdicts: dict[str, tuple[list[str], list[str]]]
) -> None:
    game, schema = verdicts[name]
    assert not game and schema, (game, schema)


def test_a_wrong_effect_gets_the_errors_of_its_own_kind_only(verdicts: dict[str, tuple[list[str], list[str]]]) -> None:
    _, schema = verdicts["effect_key_of_another_kind"]
    assert sorted(schema) == [
        "$.events[0].options[0].effects[1]: 'flag' is a required property",
        "$.events[0].options[0].effects[1]: Additional properties are not allowed ('meter' was unexpected)",
    ]
