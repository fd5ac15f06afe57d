"""Class files: a teacher's YAML fixing the scenario, the dice and what students may see and do; strictly loaded."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from partnership_game.files import FileProblem, read_regular
from partnership_game.scenario.diagnostics import Diagnostic, ScenarioError
from partnership_game.scenario.loader import structure_problems
from partnership_game.scenario.yaml_tree import read_document

MAX_CLASS_FILE_BYTES = 64 * 1024


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Show(_Strict):
    """What students see while they play; everything hidden here is shown at the debrief."""

    previews: bool = True
    odds: bool = True
    historical_marks: bool = True
    ghost: bool = True


class ClassFile(_Strict):
    format_version: Literal[1]
    title: Annotated[str, Field(min_length=1, max_length=200)]
    scenario: Annotated[str, Field(min_length=1, max_length=500)]
    seed: Annotated[int, Field(ge=0, lt=2**63)]
    start: str | None = Field(default=None, description="YYYY-MM-DD: begin at the first turn on or after this date")
    rollback: Literal["allowed", "look_only", "off"] = "allowed"
    show: Show = Show()
    time_box_minutes: Annotated[int, Field(ge=1, le=600)] | None = None
    ask_name: bool = True
    notes: Annotated[str, Field(max_length=5000)] | None = None

    @field_validator("start")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a date written YYYY-MM-DD") from None
        return value


@dataclass(frozen=True)
class LoadedClass:
    path: Path
    model: ClassFile

    def scenario_reference(self) -> str:
        """The scenario as an id, or as a path relative to the class file's folder."""
        ref = self.model.scenario
        if ref.endswith((".yaml", ".yml")) or "/" in ref:
            candidate = Path(ref)
            return str(candidate if candidate.is_absolute() else self.path.parent / candidate)
        return ref


def load_class_file(path: Path) -> LoadedClass:
    """Read and check a class file; ScenarioError with `path:line:col` problems if anything is wrong."""
    label = str(path)
    try:
        data = read_regular(path, MAX_CLASS_FILE_BYTES, "class file")
    except FileProblem as exc:
        message = f"a class file is at most {MAX_CLASS_FILE_BYTES} bytes" if exc.kind == "size" else exc.reason
        raise ScenarioError([Diagnostic(1, 1, message, path=label)]) from None
    doc = read_document(data, label, kind="class")
    try:
        model = ClassFile.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(structure_problems(exc, doc, label, ClassFile)) from None
    return LoadedClass(path, model)
