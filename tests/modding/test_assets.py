"""Images a scenario names: confined to its folder, allow-listed, size-capped, checked without decoding."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest

from partnership_game.scenario import ScenarioError, load_path
from partnership_game.scenario.assets import AssetProblem, check_asset


def png(width: int, height: int) -> bytes:
    """A real, tiny PNG whose header claims the given size (the pixel data is only valid for small sizes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80\x20\x20" * width for _ in range(min(height, 4)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture
def mod(tmp_path: Path, tiny_path: Path) -> Path:
    folder = tmp_path / "mod"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "ok.png").write_bytes(png(4, 4))
    scenario = tiny_path.read_text(encoding="utf-8").replace(
        "    situation: Something happens.\n",
        "    situation: Something happens.\n    image: {file: images/ok.png, caption: A test, credit: The tests}\n")
    (folder / "tiny.yaml").write_text(scenario, encoding="utf-8")
    return folder


def test_a_good_image_is_found_and_kept(mod: Path) -> None:
    loaded = load_path(mod / "tiny.yaml")
    assert loaded.images == {"first": (mod / "images" / "ok.png").resolve()}


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("/etc/passwd.png", "must be a relative path with forward slashes"),
        ("images\\ok.png", "must be a relative path with forward slashes"),
        ("C:/x.png", "must be a relative path with forward slashes"),
        ("../outside.png", "must not climb out of the scenario's folder"),
        ("images/../../outside.png", "must not climb out of the scenario's folder"),
        ("images/ok.gif", "has the extension '.gif'"),
        ("images/missing.png", "does not exist"),
    ],
)
def test_references_that_leave_the_folder_or_the_allow_list_are_refused(mod: Path, reference: str,
                                                                         message: str) -> None:
    (mod.parent / "outside.png").write_bytes(png(2, 2))
    (mod / "images" / "ok.gif").write_bytes(b"GIF89a")
    with pytest.raises(AssetProblem, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        check_asset(mod, reference)


def test_a_link_that_leads_out_is_refused(mod: Path) -> None:
    secret = mod.parent / "secret.png"
    secret.write_bytes(png(2, 2))
    os.symlink(secret, mod / "images" / "link.png")
    with pytest.raises(AssetProblem, match="leads out of the scenario's folder"):
        check_asset(mod, "images/link.png")


def test_oversized_files_and_pictures_are_refused_without_decoding(mod: Path) -> None:
    (mod / "images" / "huge.png").write_bytes(png(40_000, 40_000))  # a few dozen bytes claiming 1.6 gigapixels
    with pytest.raises(AssetProblem, match="is 40000 × 40000 pixels"):
        check_asset(mod, "images/huge.png")
    (mod / "images" / "big.png").write_bytes(png(4, 4) + b"\0" * (2 * 1024 * 1024))
    with pytest.raises(AssetProblem, match="bytes; the limit is 2097152"):
        check_asset(mod, "images/big.png")
    (mod / "images" / "fake.png").write_bytes(b"not a png at all, just text")
    with pytest.raises(AssetProblem, match="is not a PNG image"):
        check_asset(mod, "images/fake.png")


def test_a_jpeg_header_is_read_for_its_size(mod: Path) -> None:
    # SOI, an APP0 segment, then a baseline frame header saying 5000 × 300.
    frame = b"\xff\xc0\x00\x11\x08" + struct.pack(">HH", 300, 5000) + b"\0" * 12
    jpeg = b"\xff\xd8" + b"\xff\xe0\x00\x04\x00\x00" + frame
    (mod / "images" / "wide.jpg").write_bytes(jpeg)
    with pytest.raises(AssetProblem, match="is 5000 × 300 pixels"):
        check_asset(mod, "images/wide.jpg")


def test_the_loader_reports_a_bad_image_at_its_line(mod: Path) -> None:
    path = mod / "tiny.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("images/ok.png", "../x.png"), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_path(path)
    (problem,) = caught.value.diagnostics
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "../x.png" in text)
    assert problem.line == line
    assert problem.message == "image '../x.png' must not climb out of the scenario's folder ('..')"
