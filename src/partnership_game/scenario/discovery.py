"""Finding scenarios: the built-in ones and the user's mods folder, each with its validation state."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from partnership_game.scenario.diagnostics import Diagnostic, ScenarioError, did_you_mean
from partnership_game.scenario.loader import LoadedScenario, load_path

Origin = Literal["built-in", "mod"]
SCENARIO_SUFFIXES = (".yaml", ".yml")
MAX_MOD_FILES = 200


@dataclass(frozen=True)
class ScenarioEntry:
    """One scenario file found on disk: loaded, or broken with its problems (never hidden)."""

    path: Path
    origin: Origin
    loaded: LoadedScenario | None
    error: ScenarioError | None

    @property
    def id(self) -> str:
        return self.loaded.model.id if self.loaded is not None else self.path.stem

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


def _load(path: Path, origin: Origin) -> ScenarioEntry:
    try:
        return ScenarioEntry(path, origin, load_path(path), None)
    except ScenarioError as exc:
        return ScenarioEntry(path, origin, None, exc)


def discover(builtin: Path, mods: Path) -> list[ScenarioEntry]:
    """Every scenario file, loaded and validated."""
    return [_load(path, origin) for path, origin in candidate_files(builtin, mods)]


def resolve(id_or_path: str, builtin: Path, mods: Path) -> LoadedScenario:
    """A scenario named by a file path or by its id; raises ScenarioError when it is missing or broken."""
    as_path = Path(id_or_path)
    # A bare word is an id even when a folder of that name happens to sit in the current directory.
    if as_path.suffix in SCENARIO_SUFFIXES or as_path.is_file() or "/" in id_or_path or "\\" in id_or_path:
        return load_path(as_path)
    candidates = candidate_files(builtin, mods)
    # A file named after the id is the usual case; only when that fails are the others opened to read their ids.
    for path, _ in candidates:
        if path.stem == id_or_path:
            loaded = load_path(path)
            if loaded.model.id == id_or_path:
                return loaded
    known: set[str] = set()
    for path, origin in candidates:
        entry = _load(path, origin)
        if entry.loaded is not None:
            if entry.loaded.model.id == id_or_path:
                return entry.loaded
            known.add(entry.loaded.model.id)
    hint = did_you_mean(id_or_path, known)
    listing = ", ".join(sorted(known)) or "none"
    raise ScenarioError([Diagnostic(1, 1, f"no scenario with id '{id_or_path}'{hint}; known: {listing}",
                                    path=id_or_path)])
