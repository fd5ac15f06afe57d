"""What the class was meant to play (the class file's scenario version and seed, or else what most saves used),
and the flags of a save that played something else."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from partnership_game import paths
from partnership_game.classroom.classfile import load_class_file
from partnership_game.report.gather import ReadSave
from partnership_game.scenario import LoadedScenario
from partnership_game.scenario.discovery import resolve


@dataclass(frozen=True)
class Reference:
    scenario: LoadedScenario  # its texts label the tables
    seed: int | None
    origin: str  # where the reference came from, in words

    @property
    def scenario_id(self) -> str:
        return self.scenario.model.id

    @property
    def scenario_hash(self) -> str:
        return self.scenario.content_hash


def from_class_file(path: Path) -> tuple[Reference, str]:
    """The class file's scenario (resolved as the game resolves it) and seed, and the class's title;
    ScenarioError when the file or its scenario is missing or broken."""
    loaded = load_class_file(path)
    scenario = resolve(loaded.scenario_reference(), paths.builtin_scenarios_dir(), paths.mods_dir())
    return Reference(scenario, loaded.model.seed, f"the class file {path.name}"), loaded.model.title


def from_saves(saves: Sequence[ReadSave]) -> Reference:
    """The scenario version most saves played (the first read wins a tie), and the seed most of those used."""
    versions = Counter((s.save.scenario.id, s.save.scenario.hash) for s in saves)
    scenario_id, scenario_hash = versions.most_common(1)[0][0]
    same = [s for s in saves if (s.save.scenario.id, s.save.scenario.hash) == (scenario_id, scenario_hash)]
    seed = Counter(s.save.seed for s in same).most_common(1)[0][0]
    return Reference(same[0].session.scenario, seed, "the scenario version and seed most saves used (no class file)")


@dataclass(frozen=True)
class Flags:
    other_scenario: bool  # another scenario altogether: its decisions cannot be set beside the class's
    other_version: bool
    other_seed: bool

    @property
    def counted(self) -> bool:
        return not self.other_scenario

    def words(self, saved: ReadSave, reference: Reference) -> list[str]:
        found = []
        if self.other_scenario:
            found.append(f"another scenario ('{saved.save.scenario.id}', not '{reference.scenario_id}'): not counted")
        if self.other_version:
            found.append(f"another version of the scenario ({saved.save.scenario.hash[7:19]}…, "
                         f"not {reference.scenario_hash[7:19]}…)")
        if self.other_seed:
            found.append(f"another seed ({saved.save.seed}, not {reference.seed})")
        return found


def flags(saved: ReadSave, reference: Reference) -> Flags:
    other_scenario = saved.save.scenario.id != reference.scenario_id
    return Flags(
        other_scenario=other_scenario,
        other_version=not other_scenario and saved.save.scenario.hash != reference.scenario_hash,
        other_seed=reference.seed is not None and saved.save.seed != reference.seed,
    )
