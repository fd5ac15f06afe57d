"""`partnership-game migrate FILE [--dry-run]`: a format-1 scenario rewritten as format 2 (docs/design/sides.md §5),
its diff shown, the original kept beside it, the result checked to play the same world."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import Any

from partnership_game.cli_common import EXIT_ERROR, EXIT_OK, print_problems, shown, shown_lines


def add_migrate_parser(commands: Any) -> None:
    migrate = commands.add_parser("migrate", help="rewrite a format-1 scenario as format 2 (two sides), showing the "
                                  "diff and keeping the original as FILE.format1.yaml")
    migrate.add_argument("path", type=Path, metavar="FILE")
    migrate.add_argument("--dry-run", action="store_true", help="print the diff only; write nothing")


def _backup_of(path: Path) -> Path:
    return path.with_name(path.stem + ".format1.yaml")


def cmd_migrate(args: argparse.Namespace) -> int:
    from partnership_game.files import FileProblem, read_regular
    from partnership_game.scenario import ScenarioError, load_bytes
    from partnership_game.scenario.migrate import migrate_text
    from partnership_game.scenario.world_digest import world_digest
    from partnership_game.scenario.yaml_tree import MAX_FILE_BYTES, read_document

    path: Path = args.path
    try:
        data = read_regular(path, MAX_FILE_BYTES, "scenario file")
        loaded = load_bytes(data, str(path))
    except FileProblem as exc:
        print(f"{shown(path)}: error: {shown(exc.reason)}", file=sys.stderr)
        return EXIT_ERROR
    except ScenarioError as exc:
        print_problems(exc)
        return EXIT_ERROR
    if loaded.compiled.sides.format_version == 2:
        print(f"{shown(path)}: already format 2")
        return EXIT_OK
    text = data.decode("utf-8")
    doc = read_document(data, str(path))
    migrated = migrate_text(text, doc, loaded.model)
    try:
        again = load_bytes(migrated.text.encode("utf-8"), f"{path} (format 2)")
    except ScenarioError as exc:
        print_problems(exc)
        print(f"{shown(path)}: error: the format-2 text does not load (above); nothing was written", file=sys.stderr)
        return EXIT_ERROR
    if world_digest(again.compiled) != world_digest(loaded.compiled):
        print(f"{shown(path)}: error: the format-2 text would play a different world; nothing was written",
              file=sys.stderr)
        return EXIT_ERROR
    diff = difflib.unified_diff(text.splitlines(keepends=True), migrated.text.splitlines(keepends=True),
                                f"{path} (format 1)", f"{path} (format 2)")
    print(shown_lines("".join(diff).rstrip("\n")))
    for note in migrated.notes:
        print(f"{shown(path)}: note: {shown(note)}")
    if args.dry_run:
        return EXIT_OK
    return _write(path, data, migrated.text.encode("utf-8"))


def _write(path: Path, original: bytes, new: bytes) -> int:
    from partnership_game.files import check_target, write_atomic

    backup = _backup_of(path)
    if backup.exists() or backup.is_symlink():
        print(f"{shown(backup)}: error: already exists; move it away to migrate again (nothing was written)",
              file=sys.stderr)
        return EXIT_ERROR
    try:
        check_target(backup)
        write_atomic(backup, original)
        write_atomic(path, new)
    except OSError as exc:
        print(f"{shown(path)}: error: cannot write: {shown(exc.strerror or exc)}", file=sys.stderr)
        return EXIT_ERROR
    print(f"{shown(path)}: migrated to format 2; the original is {shown(backup)}")
    return EXIT_OK
