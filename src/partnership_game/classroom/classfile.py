"""Class files: a teacher's YAML fixing the scenario, the dice, the lesson's span and what students may see and do."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from partnership_game.files import FileProblem, read_regular
from partnership_game.scenario.diagnostics import Diagnostic, ScenarioError
from partnership_game.scenario.loader import content_hash, structure_problems
from partnership_game.scenario.yaml_tree import read_document

MAX_CLASS_FILE_BYTES = 64 * 1024
MAX_QUESTIONS = 20
_TURN_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_SIDES = 8  # a scenario has at most a handful of roles; anything longer is not a class's seating plan
Seat = Literal["player", "counterpart"]
RoleId = Annotated[str, Field(min_length=1, max_length=40)]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


def _date_or_turn(value: str | None) -> str | None:
    """A point in the campaign: a date written YYYY-MM-DD, or a turn's id."""
    if value is None or _TURN_ID.match(value):
        return value
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is neither a date written YYYY-MM-DD nor a turn id") from None
    return value


def is_date(point: str) -> bool:
    return not _TURN_ID.match(point)


class Show(_Strict):
    """What students see while they play; everything hidden here is shown at the debrief."""

    previews: bool = True
    odds: bool = True
    historical_marks: bool = True
    ghost: bool = True
    other_side: bool = Field(default=False, description="each side also sees the meters and flags the other sees")


class Question(_Strict):
    """A question for the debrief, asked only when the lesson reached its turn (a date or a turn id)."""

    text: Annotated[str, Field(min_length=1, max_length=2000)]
    turn: str | None = None

    @field_validator("turn")
    @classmethod
    def _point(cls, value: str | None) -> str | None:
        return _date_or_turn(value)


class ClassFile(_Strict):
    format_version: Literal[1]
    title: Annotated[str, Field(min_length=1, max_length=200)]
    scenario: Annotated[str, Field(min_length=1, max_length=500)]
    seed: Annotated[int, Field(ge=0, lt=2**63)]
    start: str | None = Field(default=None, description="the first turn students decide: a date or a turn id")
    end: str | None = Field(default=None, description="the last turn of the lesson: a date or a turn id")
    rollback: Literal["allowed", "look_only", "off"] = "allowed"
    show: Show = Show()
    time_box_minutes: Annotated[int, Field(ge=1, le=600)] | None = None
    at_zero: Literal["ask", "hand_in"] = "ask"
    hand_in_folder: Annotated[str, Field(min_length=1, max_length=500)] | None = None
    ask_name: bool = True
    questions: Annotated[list[Annotated[str, Field(min_length=1, max_length=2000)] | Question],
                         Field(max_length=MAX_QUESTIONS)] = []
    notes: Annotated[str, Field(max_length=5000)] | None = None
    mute: bool = Field(default=False, description="no sound while the lesson lasts (30 laptops in one room)")
    sides: Annotated[dict[RoleId, Seat], Field(min_length=1, max_length=MAX_SIDES)] | None = Field(
        default=None, description="who sits where: each role of the scenario, player or counterpart (two players: "
                                  "hot seat); absent, the student picks a side")
    temperament: RoleId | Annotated[dict[RoleId, RoleId], Field(min_length=1, max_length=MAX_SIDES)] | None = Field(
        default=None, description="the counterpart's temperament: one for every counterpart side, or per side")

    @field_validator("start", "end")
    @classmethod
    def _points(cls, value: str | None) -> str | None:
        return _date_or_turn(value)


@dataclass(frozen=True)
class LoadedClass:
    """A checked class file: where it was read, its model, its bytes and where each top-level value stands."""

    path: Path
    model: ClassFile
    data: bytes = b""
    marks: dict[tuple[str | int, ...], tuple[int, int]] = field(default_factory=dict)

    @property
    def hash(self) -> str:
        return content_hash(self.data)

    def where(self, *key: str | int) -> tuple[int, int]:
        """The line and column of a value in the file (1, 1 when unknown, e.g. a class restored from a save)."""
        return self.marks.get(key, (1, 1))

    def scenario_reference(self) -> str:
        """The scenario as an id, or as a path relative to the class file's folder."""
        ref = self.model.scenario
        if ref.endswith((".yaml", ".yml")) or "/" in ref:
            candidate = Path(ref)
            return str(candidate if candidate.is_absolute() else self.path.parent / candidate)
        return ref

    def hand_in_folder(self) -> Path | None:
        """The folder the class file names for hand-ins, relative to the class file's folder; None if it names none."""
        folder = self.model.hand_in_folder
        if folder is None:
            return None
        candidate = Path(folder).expanduser()
        return candidate if candidate.is_absolute() else self.path.parent / candidate


def parse_class_bytes(data: bytes, path: Path) -> LoadedClass:
    """Check a class file's bytes; ScenarioError with `path:line:col` problems if anything is wrong."""
    label = str(path)
    doc = read_document(data, label, kind="class")
    try:
        model = ClassFile.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(structure_problems(exc, doc, label, ClassFile)) from None
    marks = {key: (mark.line, mark.col) for key, mark in doc.values.items()}
    return LoadedClass(path, model, data, marks)


def load_class_file(path: Path) -> LoadedClass:
    """Read and check a class file; ScenarioError with `path:line:col` problems if anything is wrong."""
    try:
        data = read_regular(path, MAX_CLASS_FILE_BYTES, "class file")
    except FileProblem as exc:
        message = f"a class file is at most {MAX_CLASS_FILE_BYTES} bytes" if exc.kind == "size" else exc.reason
        raise ScenarioError([Diagnostic(1, 1, message, path=str(path))]) from None
    return parse_class_bytes(data, path)
