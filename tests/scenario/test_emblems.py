"""Advisors' emblems in the format: built-in names, a mod's own images (checked like event images), with positions."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from partnership_game.scenario import ScenarioError, load_bytes, load_path
from partnership_game.scenario.emblems import BUILTIN_EMBLEMS
from partnership_game.scenario.schema import scenario_schema

ADVISOR = "  - {id: defence, office: Minister of Defence, faction: military}\n"


def png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims the given size (the pixels are only valid for small sizes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80\x20\x20" * width for _ in range(min(height, 4)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def with_emblem(tiny_path: Path, value: str) -> str:
    text = tiny_path.read_text(encoding="utf-8")
    assert text.count(ADVISOR) == 1
    return text.replace(ADVISOR, ADVISOR[:-2] + f", emblem: {value}}}\n")


def position(text: str, needle: str) -> tuple[int, int]:
    """Line and column (1-based) where `needle` starts in `text`."""
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def test_every_built_in_name_is_accepted(tiny_path: Path) -> None:
    for name in BUILTIN_EMBLEMS:
        loaded = load_bytes(with_emblem(tiny_path, name).encode(), "tiny.yaml")
        assert loaded.model.advisors[0].emblem == name


def test_a_bad_name_is_refused_where_it_is_written_with_a_hint(tiny_path: Path) -> None:
    text = with_emblem(tiny_path, "dumaa")
    with pytest.raises(ScenarioError) as caught:
        load_bytes(text.encode(), "tiny.yaml")
    [problem] = caught.value.diagnostics
    assert (problem.line, problem.col) == position(text, "dumaa")
    assert "'dumaa' is not a built-in emblem (did you mean 'duma'?)" in problem.message
    assert "ministry_of_defence" in problem.message


def test_a_name_that_is_not_text_is_refused_with_its_position(tiny_path: Path) -> None:
    text = with_emblem(tiny_path, "[star]")
    with pytest.raises(ScenarioError) as caught:
        load_bytes(text.encode(), "tiny.yaml")
    assert [(d.line, d.col) for d in caught.value.diagnostics] == [position(text, "[star]")]


def mod_folder(tmp_path: Path, tiny_path: Path, value: str) -> tuple[Path, str]:
    folder = tmp_path / "mod"
    (folder / "faces").mkdir(parents=True)
    text = with_emblem(tiny_path, value)
    (folder / "tiny.yaml").write_text(text, encoding="utf-8")
    return folder, text


def test_a_mod_image_inside_the_folder_is_found(tmp_path: Path, tiny_path: Path) -> None:
    folder, _ = mod_folder(tmp_path, tiny_path, "faces/minister.png")
    (folder / "faces" / "minister.png").write_bytes(png(8, 8))
    loaded = load_path(folder / "tiny.yaml")
    assert loaded.emblems == {"defence": (folder / "faces" / "minister.png").resolve()}


@pytest.mark.parametrize(
    ("reference", "content", "message"),
    [
        ("faces/missing.png", None, "emblem image 'faces/missing.png' does not exist"),
        ("faces/huge.png", png(40_000, 40_000), "is 40000 × 40000 pixels; each side must be from 1 to 4096"),
        ("faces/big.png", png(4, 4) + b"\0" * (2 * 1024 * 1024), "bytes; the limit is 2097152"),
        ("../outside.png", png(2, 2), "must not climb out of the scenario's folder"),
        ("faces/face.gif", b"GIF89a", "has the extension '.gif'"),
    ],
)
def test_a_missing_oversized_or_outside_image_is_refused_with_its_position(
        tmp_path: Path, tiny_path: Path, reference: str, content: bytes | None, message: str) -> None:
    folder, text = mod_folder(tmp_path, tiny_path, reference)
    if content is not None:
        target = (folder / reference).resolve()
        target.write_bytes(content)
    with pytest.raises(ScenarioError) as caught:
        load_path(folder / "tiny.yaml")
    [problem] = caught.value.diagnostics
    assert (problem.line, problem.col) == position(text, reference)
    assert message in problem.message
    assert problem.format().startswith(f"{folder / 'tiny.yaml'}:{problem.line}:{problem.col}: error: ")


def test_the_schema_lists_the_built_in_names() -> None:
    emblem = scenario_schema()["definitions"]["Advisor"]["properties"]["emblem"]
    # a name with an extension is an image file (its patterns: scenario/event_models.py), any other a built-in name
    assert emblem["else"]["enum"] == list(BUILTIN_EMBLEMS)
    assert all(rule["pattern"].endswith("$") for rule in emblem["then"]["allOf"])


def test_the_built_in_scenarios_give_every_advisor_an_emblem() -> None:
    root = Path(__file__).resolve().parents[2] / "scenarios"
    for name in ("new_partnership.yaml", "brussels_2001.yaml"):
        loaded = load_path(root / name)
        assert all(a.emblem in BUILTIN_EMBLEMS for a in loaded.model.advisors), name
