"""Strict JSON in saves and settings: duplicate keys, NaN and Infinity, over-long numbers and booleans standing in
for numbers are refused in plain words; a UTF-8 byte-order mark is accepted, as it is in scenarios."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from partnership_game.files import BOM, TextProblem, decode_text, loads_strict_json
from partnership_game.scenario import load_path
from partnership_game.session import SaveError, Session, read_save, write_save
from partnership_game.session.saves import parse_save
from partnership_game.text.play import scripted
from partnership_game.ui.settings import Settings, load_settings

REPO = Path(__file__).resolve().parent.parent.parent
TINY = REPO / "tests" / "data" / "tiny.yaml"
HANG_GUARD = 60  # generous: a report replays the save and draws charts; only so a hang fails


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "partnership_game", *map(str, args)], cwd=REPO,
                            env=dict(os.environ), capture_output=True, text=True, timeout=HANG_GUARD,
                            stdin=subprocess.DEVNULL)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def save_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    session = Session(load_path(TINY), 4242, player="Tester")
    scripted(session, "historical")
    path = tmp_path_factory.mktemp("saves") / "good.json"
    write_save(path, session)
    data = path.read_bytes()
    assert b'"seed": 4242' in data and b'"version": 1' in data  # the edits below need the writer's layout
    return data


def damaged(save_bytes: bytes, tmp_path: Path, old: bytes, new: bytes) -> Path:
    assert save_bytes.count(old) == 1
    path = tmp_path / "damaged.json"
    path.write_bytes(save_bytes.replace(old, new))
    return path


# ---- the shared parser --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kind", "words"), [
    (b'{"a": 1, "a": 2}', "duplicate", "the key 'a' appears twice in one object"),
    (b'{"a": {"b": 1, "b": 1}}', "duplicate", "the key 'b' appears twice"),
    (b'{"a\\u001b[2J": 1, "a\\u001b[2J": 2}', "duplicate", "the key 'a\\x1b[2J' appears twice"),
    (b'{"a": NaN}', "constant", "NaN is not a number this file may hold"),
    (b'[Infinity]', "constant", "Infinity is not a number"),
    (b'[-Infinity]', "constant", "-Infinity is not a number"),
    (b'[1e999]', "number", "the number 1e999 is too large"),
    (b'[' + b'7' * 5000 + b']', "number", "a whole number of 5000 digits is longer than the 1000 allowed"),
    (b'[' * 100_000 + b']' * 100_000, "depth", "nests too deeply"),
    (b'{"a": }', "syntax", "Expecting value"),
    (b'{"a": "caf\xe9"}', "encoding", "is not UTF-8 text (byte 0xe9)"),
])
def test_strict_json_refuses_in_plain_words(text: bytes, kind: str, words: str) -> None:
    with pytest.raises(TextProblem) as info:
        loads_strict_json(text)
    assert isinstance(info.value, ValueError)
    assert info.value.kind == kind and words in str(info.value)
    assert "sys." not in str(info.value) and "\x1b" not in str(info.value)


def test_strict_json_gives_positions_where_it_knows_them() -> None:
    with pytest.raises(TextProblem) as info:
        loads_strict_json(b'{\n  "a": 1,\n  "b": }')
    assert (info.value.line, info.value.col) == (3, 8)
    assert str(info.value) == "Expecting value (line 3, column 8)"
    with pytest.raises(TextProblem) as info:
        loads_strict_json(b'{\n "a": "\xff"}')
    assert (info.value.line, info.value.col) == (2, 8)


def test_strict_json_accepts_what_is_plain() -> None:
    assert loads_strict_json(BOM + b'{"a": [1, 2.5, true, null, "x"]}') == {"a": [1, 2.5, True, None, "x"]}
    assert loads_strict_json(b'[' + b'7' * 1000 + b']') == [int("7" * 1000)]
    assert decode_text(BOM + "café".encode()) == "café"
    assert decode_text("\ufeffcafé".encode()[3:]) == "café"


# ---- saves --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "words"), [
    (b'"seed": 4242', b'"seed": 4242, "seed": 4242', "the save is damaged: the key 'seed' appears twice"),
    (b'"seed": 4242', b'"seed": 4242, "seed": 7', "the save is damaged: the key 'seed' appears twice"),
    (b'"seed": 4242', b'"seed": NaN', "the save is damaged: NaN is not a number"),
    (b'"version": 1', b'"version": true', "the save is damaged: version"),
    (b'"seed": 4242', b'"seed": ' + b'9' * 5000, "the save is damaged: a whole number of 5000 digits"),
])
def test_a_damaged_save_is_refused_by_every_command(save_bytes: bytes, tmp_path: Path, old: bytes, new: bytes,
                                                    words: str) -> None:
    path = damaged(save_bytes, tmp_path, old, new)
    with pytest.raises(SaveError, match=words.replace("'", ".")):
        read_save(path)
    out = tmp_path / "report.html"
    result = cli("report", path, "--out", out)
    assert result.returncode == 1 and f"{path}: error: {words}" in result.stderr
    assert "set_int_max_str_digits" not in result.stderr
    assert not out.exists()
    result = cli("play", "--text", "--load", path)
    assert result.returncode == 1 and f"{path}: error: {words}" in result.stderr


def test_version_true_is_not_version_one(save_bytes: bytes) -> None:
    raw = json.loads(save_bytes)
    assert parse_save(json.dumps(raw).encode()).version == 1
    raw["version"] = True
    with pytest.raises(SaveError, match=r"version: .*expected the number 1 or 2, got true"):
        parse_save(json.dumps(raw).encode())


def test_a_save_with_a_byte_order_mark_is_accepted(save_bytes: bytes, tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(BOM + save_bytes)
    assert read_save(path).seed == 4242
    out = tmp_path / "report.html"
    result = cli("report", path, "--out", out)
    assert result.returncode == 0, result.stderr
    assert out.exists()


# ---- settings -----------------------------------------------------------------------------------------------------


def test_settings_with_duplicate_keys_fall_back_to_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"width": 1600, "palette": "colour_safe"}', encoding="utf-8")
    assert load_settings(path) == Settings(width=1600, palette="colour_safe")  # the file is read when it is sound
    path.write_text('{"width": 1600, "palette": "colour_safe", "width": 1920}', encoding="utf-8")
    assert load_settings(path) == Settings()


@pytest.mark.parametrize("field", ["width", "height", "text_scale"])
def test_settings_do_not_take_true_for_a_number(tmp_path: Path, field: str) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({field: True, "palette": "colour_safe"}), encoding="utf-8")
    assert load_settings(path) == Settings(palette="colour_safe")


def test_settings_refuse_nan_and_accept_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"text_scale": NaN}')
    assert load_settings(path) == Settings()
    path.write_bytes(BOM + b'{"text_scale": 1.2}')
    assert load_settings(path) == Settings(text_scale=1.2)
