"""The loading pipeline: bytes → YAML tree → strict models → semantic checks → compiled scenario."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import BaseModel, ValidationError

from partnership_game.files import FileProblem, read_regular
from partnership_game.scenario import models, structure_messages
from partnership_game.scenario.compiled import CompiledScenario
from partnership_game.scenario.compiler import compile_scenario
from partnership_game.scenario.diagnostics import Diagnostic, ScenarioError
from partnership_game.scenario.salvage import salvage
from partnership_game.scenario.semantics import MAX_PROBLEMS, check
from partnership_game.scenario.yaml_tree import MAX_FILE_BYTES, Document, read_document


@dataclass(frozen=True)
class LoadedScenario:
    """A scenario that passed every check: its model, compiled form, warnings, source text and hash.

    `images` maps each event id with an image to the checked file; it is empty for a scenario read from a save
    (a save carries the text only, so its pictures are not shown).
    """

    path: str
    text: str
    content_hash: str
    model: models.Scenario
    compiled: CompiledScenario
    warnings: tuple[Diagnostic, ...]
    images: dict[str, Path] = field(default_factory=dict)
    emblems: dict[str, Path] = field(default_factory=dict)  # each advisor with an image file of the mod: the file


def content_hash(data: bytes) -> str:
    """The hash a save records to know whether its scenario changed."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _key_of(loc: tuple[object, ...], doc: Document) -> tuple[tuple[str | int, ...], str | None]:
    """The path in the file a location leads to, and the key the value is written under (pydantic's location
    also names union members, which the file does not have)."""
    path: tuple[str | int, ...] = ()
    key = None
    for part in loc:
        if isinstance(part, (str, int)) and (*path, part) in doc.values:
            path = (*path, part)
            if isinstance(part, str):
                key = part
    return path, key


# A comma in a one-line mapping ends the value: `{text: It is costly, and late.}` has a key 'and late.'.
_FLOW_HINT = (": in a one-line {...} mapping a ',' ends the value before it; put that text in quotes, or write the "
              "mapping in block style (one key per line)")


def structure_problems(
    exc: ValidationError, doc: Document, path_label: str, root: type[BaseModel] = models.Scenario
) -> list[Diagnostic]:
    """Pydantic's errors as positioned diagnostics in plain words, one per place (also for class files)."""
    problems: dict[tuple[int, int, str], Diagnostic] = {}
    # At most MAX_PROBLEMS are turned into messages: a file with 100,000 bad keys says enough with the first ones.
    for error in exc.errors(include_url=False)[:MAX_PROBLEMS]:
        loc = tuple(error["loc"])
        at_key = error["type"] == "extra_forbidden"
        mark = doc.locate(loc, at_key=at_key)
        path, key = _key_of(loc, doc)
        text = structure_messages.message(error, root, key)
        if at_key and path[:-1] in doc.flow and not str(loc[-1]).isidentifier():
            text += _FLOW_HINT
        problems.setdefault((mark.line, mark.col, text), Diagnostic(mark.line, mark.col, text, path=path_label))
    # A union (such as a number-or-expression) fails once per member; keep one message per place. Missing keys
    # are all reported where their mapping starts, so each keeps its own message.
    by_place: dict[tuple[int, int, str], Diagnostic] = {}
    for diag in problems.values():
        missing = diag.message.startswith("missing required key")
        by_place.setdefault((diag.line, diag.col, diag.message if missing else ""), diag)
    return list(by_place.values())


def load_bytes(data: bytes, path_label: str = "<scenario>") -> LoadedScenario:
    """Load a scenario from bytes; raise ScenarioError with every problem, sorted by position."""
    doc = read_document(data, path_label)
    if isinstance(doc.data, dict) and doc.data.get("format_version") == 2:  # two sides (issue 16): its own models
        from partnership_game.scenario.format2_loader import load_format2

        return load_format2(doc, data, path_label)
    try:
        model = models.Scenario.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(structure_problems(exc, doc, path_label) + _checks_of_valid_parts(doc, path_label)) \
            from None
    checked = check(model, doc, path_label)
    errors = [d for d in checked.problems if d.severity == "error"]
    if errors:
        raise ScenarioError(checked.problems)
    digest = content_hash(data)
    compiled = compile_scenario(model, checked.conditions, digest)
    warnings = tuple(sorted(d for d in checked.problems if d.severity != "error"))
    # The text keeps a byte-order mark if the file had one, so that it encodes back to the hashed bytes exactly.
    text = data.decode("utf-8")
    return LoadedScenario(path_label, text, digest, model, compiled, warnings)


_QUOTED = re.compile(r"'([^']*)'")


def _checks_of_valid_parts(doc: Document, path_label: str) -> list[Diagnostic]:
    """The errors of names, references and conditions in the parts of a file that are valid in structure, so
    that one run reports them all. Warnings wait until the structure is right (a part left out could be what
    sets a flag or schedules an event), and so does a reference to an item left out (it has its own error)."""
    salvaged = salvage(doc)
    if salvaged is None:
        return []
    checked = check(salvaged.model, salvaged.doc, path_label)
    kept = []
    for problem in checked.problems:
        if problem.severity != "error" or not salvaged.left_out_ids.isdisjoint(_QUOTED.findall(problem.message)):
            continue
        if problem.message.startswith("no fallback ending") and "endings" in salvaged.touched_keys:
            continue
        kept.append(problem)
    return kept


def load_path(path: Path) -> LoadedScenario:
    """Load a scenario file; a missing or unreadable file is a ScenarioError too."""
    label = str(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES, "scenario file")
    except FileProblem as exc:
        message = f"file {exc.reason}" if exc.kind == "size" else exc.reason  # "file is N bytes; the limit is M"
        raise ScenarioError([Diagnostic(1, 1, message, path=label)]) from None
    loaded = load_bytes(data, label)
    from partnership_game import paths
    from partnership_game.scenario.modeline import W_SCHEMA_LINE, schema_line_problem

    schema_line = schema_line_problem(loaded.text, path, paths.mods_dir())
    if schema_line is not None and W_SCHEMA_LINE not in loaded.model.silence_warnings:
        loaded = replace(loaded, warnings=tuple(sorted((*loaded.warnings, schema_line))))
    return _with_images(loaded, path.parent, data)


def _with_images(loaded: LoadedScenario, folder: Path, data: bytes) -> LoadedScenario:
    """Check every image an event names against the scenario's folder; all problems at once, with positions."""
    wanted = [(i, e) for i, e in enumerate(loaded.model.events) if e.image is not None]
    from partnership_game.scenario.emblems import emblem_files, names_a_file

    if not wanted and not any(a.emblem and names_a_file(a.emblem) for a in loaded.model.advisors):
        return loaded
    from partnership_game.scenario.assets import AssetProblem, check_asset

    doc = read_document(data, loaded.path)
    images: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    # Advisors' emblem images: checked as event images are, reported where they are written.
    emblems, refused = emblem_files(loaded.model.advisors, folder)
    for where, message in refused:
        mark = doc.locate(where)
        problems.append(Diagnostic(mark.line, mark.col, message, path=loaded.path))
    for index, event in wanted:
        assert event.image is not None
        try:
            images[event.id] = check_asset(folder, event.image.file)
        except AssetProblem as exc:
            mark = doc.locate(("events", index, "image", "file"))
            problems.append(Diagnostic(mark.line, mark.col, f"image '{event.image.file}' {exc}", path=loaded.path))
    if problems:
        raise ScenarioError(sorted(problems))
    return replace(loaded, images=images, emblems=emblems)
