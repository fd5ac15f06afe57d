"""Files a scenario refers to (event images): confined to the scenario's folder, allow-listed, size-capped.

The checks read only file metadata and the image header, never decode the picture: a tiny file that claims
40,000 × 40,000 pixels is refused before anything would allocate memory for it.
"""

from __future__ import annotations

import struct
from pathlib import Path, PurePosixPath

from partnership_game.files import FileProblem, read_regular

ALLOWED_SUFFIXES = (".png", ".jpg", ".jpeg")
MAX_ASSET_BYTES = 2 * 1024 * 1024
MAX_SIDE_PIXELS = 4096


class AssetProblem(ValueError):
    """Why a referenced file is refused, in words for the author."""


def _png_size(head: bytes) -> tuple[int, int]:
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise AssetProblem("is not a PNG image (its header is wrong)")
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


def _jpeg_size(data: bytes) -> tuple[int, int]:
    if data[:2] != b"\xff\xd8":
        raise AssetProblem("is not a JPEG image (its header is wrong)")
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            index += 1
            continue
        marker = data[index + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            index += 2
            continue
        length = struct.unpack(">H", data[index + 2 : index + 4])[0]
        # Start-of-frame markers (baseline, progressive, ...) carry the height and width.
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return int(width), int(height)
        index += 2 + length
    raise AssetProblem("is not a JPEG image (no frame header found)")


def check_asset(folder: Path, reference: str) -> Path:
    """The file `reference` names inside `folder`, or AssetProblem saying why it is refused."""
    if "\\" in reference or reference.startswith("/") or (len(reference) > 1 and reference[1] == ":"):
        raise AssetProblem("must be a relative path with forward slashes, inside the scenario's folder")
    parts = PurePosixPath(reference).parts
    if not parts or any(part in ("..", "") for part in parts):
        raise AssetProblem("must not climb out of the scenario's folder ('..')")
    suffix = PurePosixPath(reference).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise AssetProblem(f"has the extension '{suffix}'; allowed: {', '.join(ALLOWED_SUFFIXES)}")
    path = folder / Path(*parts)
    try:
        real_folder = folder.resolve(strict=True)
        real = path.resolve(strict=True)
    except (FileNotFoundError, RuntimeError, OSError):
        raise AssetProblem("does not exist") from None
    if real_folder not in real.parents:
        raise AssetProblem("leads out of the scenario's folder (through a link)")
    try:
        data = read_regular(real, MAX_ASSET_BYTES, "image file")
    except FileProblem as exc:
        reason = {"missing": "does not exist", "folder": "is not a file"}.get(exc.kind, exc.reason)
        raise AssetProblem(reason) from None
    width, height = _png_size(data[:24]) if suffix == ".png" else _jpeg_size(data)
    if not (0 < width <= MAX_SIDE_PIXELS and 0 < height <= MAX_SIDE_PIXELS):
        raise AssetProblem(f"is {width} × {height} pixels; each side must be from 1 to {MAX_SIDE_PIXELS}")
    return real
