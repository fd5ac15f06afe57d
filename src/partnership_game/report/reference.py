"""What the class was meant to play (the class file's scenario version, seed and lesson, or else what most saves
played), and the flags of a save that played something else."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from partnership_game.classroom.classfile import load_class_file
from partnership_game.classroom.inplay import ClassInPlay
from partnership_game.classroom.lesson import Lesson as ClassLesson
from partnership_game.classroom.lesson import resolve_class
from partnership_game.report.gather import ReadSave
from partnership_game.report.lesson import Lesson, Start, start_of
from partnership_game.scenario import LoadedScenario


@dataclass(frozen=True)
class Reference:
    scenario: LoadedScenario  # its texts label the tables
    seed: int | None
    origin: str  # where the reference came from, in words
    lesson: Lesson = field(default_factory=Lesson)
    class_hash: str | None = None  # the class file's content hash: saves of another class file are flagged
    class_title: str | None = None

    @property
    def scenario_id(self) -> str:
        return self.scenario.model.id

    @property
    def scenario_hash(self) -> str:
        return self.scenario.content_hash


def lesson_from(lesson: ClassLesson) -> Lesson:
    """The report's view of a class's lesson: where students start deciding, and where it stops if before the end."""
    return Lesson(lesson.start_turn, lesson.end_turn if lesson.ends_early else None)


def from_class_file(path: Path) -> tuple[Reference, str]:
    """The class file's scenario (resolved as the game resolves it), seed and lesson, and the class's title;
    ScenarioError when the file or its scenario is missing or broken, or its start or end is outside the campaign."""
    lesson = resolve_class(load_class_file(path))
    model = lesson.model
    reference = Reference(lesson.scenario, model.seed, f"the class file {path.name}", lesson_from(lesson),
                          lesson.loaded.hash, model.title)
    return reference, model.title


def from_saves(saves: Sequence[ReadSave]) -> Reference:
    """The scenario version most saves played (the first read wins a tie), the seed most of those used, and the
    class most of those were played in (when they were class games)."""
    versions = Counter((s.save.scenario.id, s.save.scenario.hash) for s in saves)
    scenario_id, scenario_hash = versions.most_common(1)[0][0]
    same = [s for s in saves if (s.save.scenario.id, s.save.scenario.hash) == (scenario_id, scenario_hash)]
    seed = Counter(s.save.seed for s in same).most_common(1)[0][0]
    classes = Counter(s.save.classroom.hash for s in same if s.save.classroom is not None)
    room = None
    if classes and classes.most_common(1)[0][1] * 2 > len(same):
        class_hash = classes.most_common(1)[0][0]
        room = next(s.session.classroom for s in same
                    if s.save.classroom is not None and s.save.classroom.hash == class_hash)
    if room is None:
        return Reference(same[0].session.scenario, seed,
                         "the scenario version and seed most saves used (no class file)")
    title = room.lesson.model.title
    return Reference(same[0].session.scenario, seed, f"the class most saves were played in, '{title}' (no class "
                     "file given)", lesson_from(room.lesson), room.lesson.loaded.hash, title)


@dataclass(frozen=True)
class Flags:
    other_scenario: bool  # another scenario altogether: its decisions cannot be set beside the class's
    other_version: bool
    other_seed: bool
    start: Start = field(default_factory=Start)
    other_class: str | None = None  # in words: played without the class file, or with another one

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
        if self.other_class is not None:
            found.append(self.other_class)
        if self.start.problem is not None:
            found.append(self.start.problem)
        return found


def _other_class(saved: ReadSave, reference: Reference) -> str | None:
    if reference.class_hash is None:
        return None
    record = saved.save.classroom
    if record is None:
        return "not played with the class file (a game begun outside the class)"
    if record.hash != reference.class_hash:
        return f"played with another class file ('{record.title}')"
    return None


def _start(saved: ReadSave, reference: Reference) -> Start:
    """Where the game began against the class's lesson: as its class record says, or inferred from its road."""
    session = saved.session
    room: ClassInPlay | None = session.classroom
    if room is None:
        return start_of(session, reference.lesson)
    model = reference.scenario.model
    mine = lesson_from(room.lesson)
    if mine.start_turn != reference.lesson.start_turn:
        return Start(room.floor, f"started at {mine.start_label(session.scenario.model)}, not where the class did "
                                 f"({reference.lesson.start_label(model)})")
    return Start(room.floor, None)


def flags(saved: ReadSave, reference: Reference) -> Flags:
    other_scenario = saved.save.scenario.id != reference.scenario_id
    return Flags(
        other_scenario=other_scenario,
        other_version=not other_scenario and saved.save.scenario.hash != reference.scenario_hash,
        other_seed=reference.seed is not None and saved.save.seed != reference.seed,
        start=Start() if other_scenario else _start(saved, reference),
        other_class=_other_class(saved, reference),
    )
