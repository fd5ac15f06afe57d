"""Regenerate docs/historical-playthrough.txt: what the README's command prints, run as a reader would run it.

    python scripts/playthrough.py           # write the file
    python scripts/playthrough.py --check   # exit 1 (and say where) if the file is not what the command prints

The command is `partnership-game play --text --choices historical --seed 2001`, run in a child process of this
checkout with its output a pipe (not a terminal) and 80 columns, in a temporary home: the player's own saves, mods
and settings play no part. tests/text/test_playthrough_doc.py fails when the file is stale.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "historical-playthrough.txt"
COMMAND = ["play", "--text", "--choices", "historical", "--seed", "2001"]
TIMEOUT = 300  # seconds; a hang guard, never a measure


def transcript() -> bytes:
    """The bytes `partnership-game play --text --choices historical --seed 2001` prints at 80 columns."""
    with tempfile.TemporaryDirectory(prefix="partnership-playthrough-") as home:
        env = {k: v for k, v in os.environ.items() if k not in ("LINES", "COLUMNS", "PYTHONPATH")}
        env.update(
            COLUMNS="80", LINES="24", NO_COLOR="1", TERM="dumb", PYTHONIOENCODING="utf-8",
            PYTHONPATH=str(REPO / "src"),  # this checkout's game, installed or not
            XDG_DATA_HOME=str(Path(home) / "data"), XDG_CONFIG_HOME=str(Path(home) / "config"),
        )
        result = subprocess.run(
            [sys.executable, "-m", "partnership_game", *COMMAND], cwd=home, env=env, stdin=subprocess.DEVNULL,
            capture_output=True, timeout=TIMEOUT, check=False,
        )
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", errors="replace").strip()[-2000:]
        raise RuntimeError(f"'partnership-game {' '.join(COMMAND)}' exited with status {result.returncode}: {detail}")
    return result.stdout


def first_difference(expected: bytes, actual: bytes) -> str:
    """Where two transcripts part, in words: the first differing line of each."""
    old = expected.decode("utf-8", errors="replace").split("\n")
    new = actual.decode("utf-8", errors="replace").split("\n")
    for number, (a, b) in enumerate(zip(old, new, strict=False), start=1):
        if a != b:
            return f"line {number}: the file has {a!r}, the command prints {b!r}"
    return f"the file has {len(old)} lines, the command prints {len(new)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="only check that the file is up to date")
    args = parser.parse_args(argv)
    try:
        text = transcript()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        print(f"scripts/playthrough.py: error: {exc}", file=sys.stderr)
        return 1
    if args.check:
        current = DOC.read_bytes() if DOC.is_file() else b""
        if current != text:
            print(f"{DOC.relative_to(REPO)}: error: stale ({first_difference(current, text)}); "
                  "run python scripts/playthrough.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_bytes(text)
    lines = text.count(b"\n")
    print(f"wrote {DOC.relative_to(REPO)} ({lines:,} lines)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
