"""Finding scenarios: the built-in ones and the user's mods folder, each with its validation state; ids are unique
across both (a built-in keeps its id, and a mod that takes it, or two mods sharing one, are listed as broken)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from partnership_game.scenario.diagnostics import Diagnostic, ScenarioError, did_you_mean
from partnership_game.scenario.loader import LoadedScenario, load_path

Origin = Literal["built-in", "mod"]
SCENARIO_SUFFIXES = (".yaml", ".yml")
MAX_MOD_FILES = 200
# A scenario's id as the top level writes it; read without loading the file, to know which files to load for an id.
_TOP_LEVEL_ID = re.compile(r"^id:[ \t]*([\"']?)([a-z][a-z0-9_]{0,39})\1[ \t]*(?:#.*)?$", re.MULTILINE)


@dataclass(frozen=True)
class ScenarioEntry:
    """One scenario file found on disk: loaded, or broken with its problems (never hidden). `declared_id` is the
    id the file gives itself, when it could be read (a mod broken by an id clash still has one)."""

    path: Path
    origin: Origin
    loaded: LoadedScenario | None
    error: ScenarioError | None
    declared_id: str | None = None

    @property
    def id(self) -> str:
        if self.loaded is not None:
            return self.loaded.model.id
        return self.declared_id or self.path.stem

    @property
    def first_error(self) -> Diagnostic | None:
        return self.error.diagnostics[0] if self.error is not None and self.error.diagnostics else None


def _scenario_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.iterdir() if p.suffix in SCENARIO_SUFFIXES and p.is_file())
    return files[:MAX_MOD_FILES]


def candidate_files(builtin: Path, mods: Path) -> list[tuple[Path, Origin]]:
    """Scenario files: the built-in folder, then each mod (a .yaml file or a folder of them) in name order."""
    found: list[tuple[Path, Origin]] = [(p, "built-in") for p in _scenario_files(builtin)]
    if mods.is_dir():
        for entry in sorted(mods.iterdir())[:MAX_MOD_FILES]:
            if entry.is_dir():
                found += [(p, "mod") for p in _scenario_files(entry)]
            elif entry.suffix in SCENARIO_SUFFIXES and entry.is_file():
                found.append((entry, "mod"))
    return found


def _id_position(text: str) -> tuple[int, int]:
    match = _TOP_LEVEL_ID.search(text)
    if match is None:
        return 1, 1
    return text.count("\n", 0, match.start()) + 1, match.start(2) - match.start() + 1 - len(match.group(1))


def declared_id(path: Path) -> str | None:
    """The id a scenario file declares at its top level, read without loading it (None if it cannot be read)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return None
    match = _TOP_LEVEL_ID.search(head)
    return match.group(2) if match else None


def _load(path: Path, origin: Origin) -> ScenarioEntry:
    try:
        loaded = load_path(path)
        return ScenarioEntry(path, origin, loaded, None, loaded.model.id)
    except ScenarioError as exc:
        return ScenarioEntry(path, origin, None, exc, declared_id(path))


def _clashing(entry: ScenarioEntry, others: list[ScenarioEntry]) -> ScenarioEntry:
    """The mod entry broken by its id, naming the file that holds it too."""
    assert entry.loaded is not None
    ident = entry.loaded.model.id
    line, col = _id_position(entry.loaded.text)
    builtin = next((o for o in others if o.origin == "built-in"), None)
    if builtin is not None:
        message = (f"the id '{ident}' belongs to the built-in scenario {builtin.path}; a built-in keeps its id, so "
                   "this mod cannot be played until you give it another id")
    else:
        names = ", ".join(str(o.path) for o in others)
        message = (f"the id '{ident}' is also the id of {names}; two mods cannot share an id, so neither can be "
                   "played until one is given another id")
    error = ScenarioError([Diagnostic(line, col, message, path=str(entry.path))])
    return ScenarioEntry(entry.path, entry.origin, None, error, ident)


def with_unique_ids(entries: list[ScenarioEntry]) -> list[ScenarioEntry]:
    """The entries, with every mod whose id is taken by a built-in, or by another mod, marked broken."""
    holders: dict[str, list[ScenarioEntry]] = {}
    for entry in entries:
        if entry.loaded is not None:
            holders.setdefault(entry.loaded.model.id, []).append(entry)
    result = []
    for entry in entries:
        if entry.loaded is None or entry.origin == "built-in":
            result.append(entry)
            continue
        others = [o for o in holders[entry.loaded.model.id] if o is not entry]
        result.append(_clashing(entry, others) if others else entry)
    return result


def discover(builtin: Path, mods: Path) -> list[ScenarioEntry]:
    """Every scenario file, loaded and validated, with ids unique across built-ins and mods."""
    return with_unique_ids([_load(path, origin) for path, origin in candidate_files(builtin, mods)])


def resolve(id_or_path: str, builtin: Path, mods: Path) -> LoadedScenario:
    """A scenario named by a file path or by its id; raises ScenarioError when it is missing or broken."""
    as_path = Path(id_or_path)
    # A bare word is an id even when a folder of that name happens to sit in the current directory.
    if as_path.suffix in SCENARIO_SUFFIXES or as_path.is_file() or "/" in id_or_path or "\\" in id_or_path:
        return load_path(as_path)
    candidates = candidate_files(builtin, mods)
    ids = {path: declared_id(path) for path, _ in candidates}
    # Only the files that declare this id (or whose id cannot be read without loading them) are loaded.
    wanted = [(p, o) for p, o in candidates if ids[p] in (id_or_path, None)]
    entries = [e for e in with_unique_ids([_load(p, o) for p, o in wanted]) if e.id == id_or_path]
    playable = [e for e in entries if e.loaded is not None]
    if playable:
        assert playable[0].loaded is not None
        return playable[0].loaded
    if entries:
        broken = entries[0]
        assert broken.error is not None
        count = len(broken.error.diagnostics)
        lead = Diagnostic(0, 0, f"the scenario '{id_or_path}' is broken ({count} problem{'s' * (count != 1)}, "
                                "listed below); fix it and check it with partnership-game validate",
                          path=str(broken.path))
        raise ScenarioError([lead, *broken.error.diagnostics])
    known = {i for i in ids.values() if i is not None}
    hint = did_you_mean(id_or_path, known)
    listing = ", ".join(sorted(known)) or "none"
    raise ScenarioError([Diagnostic(0, 0, f"no scenario with id '{id_or_path}'{hint}; known: {listing}",
                                    path=id_or_path)])
