"""One way in and one way out for files: regular files only, sizes capped, strict text and JSON, atomic writes."""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from partnership_game.inert import inert_line

BOM = b"\xef\xbb\xbf"
MAX_INTEGER_DIGITS = 1_000  # far beyond any number the game writes, far below Python's 4,300-digit limit
STALE_TEMPORARY_SECONDS = 10 * 60  # another target's temporary file this old belongs to no live writer
SAME_TARGET_GRACE_SECONDS = 5  # this target's own temporary file this old is a leftover, not a writer at work
_CHUNK = 1024 * 1024
# The names mkstemp gives in write_atomic: "." + the target's name + "." + 8 random characters + ".tmp".
_TEMPORARY = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp\Z")


class FileProblem(OSError):
    """A file that cannot be read or written, with the path and the reason in plain words.

    An OSError, so a caller that already answers `except OSError` answers this too; `strerror` and `str()` are the
    reason alone, for messages written `path: error: reason`. `kind` lets a caller word a case its own way:
    "missing", "folder", "special", "size", "unreadable" or "name".
    """

    def __init__(self, path: Path | str, reason: str, kind: str) -> None:
        super().__init__(reason)
        self.path = Path(path) if not isinstance(path, Path) else path
        self.reason = reason
        self.kind = kind
        self.strerror = reason

    def __str__(self) -> str:
        return self.reason


class TextProblem(ValueError):
    """Bytes that are not strict UTF-8 text or strict JSON; `line` and `col` are 1-based, 0 when unknown.

    `kind` is "encoding", "syntax", "duplicate", "constant", "number" or "depth".
    """

    def __init__(self, reason: str, kind: str, line: int = 0, col: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
        self.line = line
        self.col = col

    def __str__(self) -> str:
        return f"{self.reason} (line {self.line}, column {self.col})" if self.line else self.reason


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _stat_problem(path: Path, exc: OSError, what: str) -> FileProblem:
    if isinstance(exc, FileNotFoundError):
        return FileProblem(path, "no such file", "missing")
    if isinstance(exc, IsADirectoryError):
        return FileProblem(path, f"is a folder, not a {what}", "folder")
    return FileProblem(path, f"cannot read: {exc.strerror or exc}", "unreadable")


def _check_mode(path: Path, mode: int, size: int, limit: int, what: str) -> None:
    if stat.S_ISDIR(mode):
        raise FileProblem(path, f"is a folder, not a {what}", "folder")
    if not stat.S_ISREG(mode):
        raise FileProblem(path, f"is not a regular file ({_kind_of(mode)})", "special")
    if size > limit:
        raise FileProblem(path, f"is {size} bytes; the limit is {limit}", "size")


def read_regular(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file (links followed) of at most `limit` bytes, or FileProblem saying why not.

    Pipes, devices and sockets are refused before they are opened: opening a pipe waits for a writer, and a device
    such as /dev/zero never ends. `what` names the file in messages ("save file", "class file").
    """
    try:
        real = os.path.realpath(path)
        info = os.stat(real)
        _check_mode(path, info.st_mode, info.st_size, limit, what)
        # The name could be swapped for a pipe or a link between the check and the open: open without waiting and
        # without following a link, then check what was opened.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(real, flags | getattr(os, "O_CLOEXEC", 0))
    except FileProblem:
        raise
    except OSError as exc:
        raise _stat_problem(path, exc, what) from None
    except ValueError:  # a name the system cannot hold (a NUL byte, text it cannot encode)
        raise FileProblem(path, "is not a file name this system can open", "name") from None
    try:
        info = os.fstat(fd)
        _check_mode(path, info.st_mode, info.st_size, limit, what)
        chunks: list[bytes] = []
        remaining = limit + 1  # one more than the limit, so a file that grew past it is seen
        while remaining > 0:
            chunk = os.read(fd, min(remaining, _CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as exc:
        if isinstance(exc, FileProblem):
            raise
        raise _stat_problem(path, exc, what) from None
    finally:
        os.close(fd)
    if remaining <= 0:
        raise FileProblem(path, f"is more than {limit} bytes; the limit is {limit}", "size")
    return b"".join(chunks)


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode_text(data: bytes) -> str:
    """Strict UTF-8; a leading byte-order mark is accepted (and dropped), as in every file the game reads.

    A caller that must give the exact bytes back (a scenario's text is hashed) keeps the bytes as well.
    """
    body = data[len(BOM):] if data.startswith(BOM) else data
    try:
        return body.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        good = body[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(good, len(good))
        raise TextProblem(f"is not UTF-8 text (byte 0x{body[exc.start]:02x})", "encoding", line, col) from None


def _shown(text: str) -> str:
    text = inert_line(text)
    return text if len(text) <= 40 else text[:37] + "..."


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise TextProblem(f"the key '{_shown(key)}' appears twice in one object", "duplicate")
        result[key] = value
    return result


def _constant(name: str) -> Any:
    raise TextProblem(f"{name} is not a number this file may hold", "constant")


def _integer(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INTEGER_DIGITS:
        raise TextProblem(f"a whole number of {digits} digits is longer than the {MAX_INTEGER_DIGITS} allowed",
                          "number")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise TextProblem(f"the number {_shown(text)} is too large", "number")
    return value


def loads_strict_json(data: bytes) -> Any:
    """JSON from UTF-8 bytes (a BOM accepted), refusing duplicate keys, NaN and Infinity, numbers too long or too
    large for a float, and nesting deeper than Python can follow; TextProblem says which, with a position if known."""
    text = decode_text(data)
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_constant, parse_int=_integer,
                          parse_float=_float)
    except json.JSONDecodeError as exc:
        raise TextProblem(exc.msg, "syntax", exc.lineno, exc.colno) from None
    except RecursionError:
        raise TextProblem("nests too deeply", "depth") from None


def check_target(path: Path) -> None:
    """FileProblem unless `path` names nothing yet or a regular file: renaming over /dev/null or a pipe would
    replace it. write_atomic checks this itself; a command writing several files checks them all first."""
    try:
        info = os.stat(path)  # follows links: a link to a device is refused as the device is
    except ValueError:
        raise FileProblem(path, "is not a file name this system can open", "name") from None
    except OSError:
        return  # nothing there (or a dangling link); whatever else is wrong, the write itself will say
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem(path, "is a folder; nothing was written", "folder")
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem(path, f"is not a regular file ({_kind_of(info.st_mode)}); it was left as it is",
                          "special")


def sweep_leftovers(folder: Path, target: str, now: float | None = None) -> None:
    """Remove temporary files an interrupted write_atomic left in `folder`: any that are stale, and the target's own
    once they are a few seconds old (a younger one may belong to another process writing the same file now)."""
    now = time.time() if now is None else now
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            match = _TEMPORARY.match(entry.name)
            if match is None:
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(info.st_mode):
                    continue
                age = now - info.st_mtime
                if age > STALE_TEMPORARY_SECONDS or (match["target"] == target and age > SAME_TARGET_GRACE_SECONDS):
                    os.unlink(entry.path)


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target, flush and fsync, then rename over it: a crash leaves the old file or the new one.

    An existing target that is not a regular file is refused (FileProblem, an OSError); leftovers of earlier
    interrupted writes in the folder are swept first.
    """
    check_target(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):  # a file stands where the folder (or one above it) should be
        raise FileProblem(path.parent, f"{path.parent} is a file, not a folder", "folder") from None
    sweep_leftovers(path.parent, path.name)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); a save handed in to a shared folder must be readable like any
        # other file the player writes, so give it the usual permissions under the current umask.
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    try:
        directory = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return  # some platforms cannot open a folder; the rename is still atomic there
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
