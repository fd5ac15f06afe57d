"""Loading a format-2 file: its models and checks, then desugared to the format-1 model, checked and compiled as
format 1 is (problems reported at the file's positions), with the sides compiled beside it."""

from __future__ import annotations

from dataclasses import replace

from pydantic import ValidationError

from partnership_game.scenario import format2_models as f2
from partnership_game.scenario.compiler import compile_scenario
from partnership_game.scenario.diagnostics import Diagnostic, ScenarioError
from partnership_game.scenario.format2_checks import MIGRATE_HINT, check_format2
from partnership_game.scenario.format2_desugar import desugar, moved_document
from partnership_game.scenario.format2_sides import build_sides, joint_availability
from partnership_game.scenario.loader import LoadedScenario, content_hash, structure_problems
from partnership_game.scenario.semantics import W_FLAG_NEVER_READ, W_HISTORICAL_MARK, check
from partnership_game.scenario.sides import JOINT
from partnership_game.scenario.yaml_tree import Document

_NOT_ON_SIDE_OPTIONS = {
    "outcomes": "a side's option in a joint event has only its own 'effects'; what the pair draws goes in an "
                "entry of 'resolve' ('outcomes')",
    "result": "a side's option in a joint event has no 'result': the pair's 'result' goes in its entry of 'resolve'",
    "news": "a side's option in a joint event needs no 'news': the reveal shows both choices",
}


def _redundant(problem: Diagnostic, s: f2.Scenario, read_here: set[str]) -> bool:
    """A format-1 finding the format-2 checks say better: the historical marks of a joint event (checked per
    side), a hidden flag read only by a side's option, a duplicate side option seen again in the product."""
    if problem.code == W_HISTORICAL_MARK:
        return any(f"event '{e.id}'" in problem.message for e in s.events if e.role == JOINT)
    if problem.code == W_FLAG_NEVER_READ:
        return any(f"flag '{name}'" in problem.message for name in read_here)
    return problem.message.startswith("duplicate option id '") and "+" in problem.message


def _side_option_keys(doc: Document, path_label: str, problems: list[Diagnostic]) -> list[Diagnostic]:
    """A joint event's side option with `outcomes`, `result` or `news`: said in words that point to `resolve`
    (instead of "unknown key")."""
    better: dict[tuple[int, int], Diagnostic] = {}
    events = doc.data.get("events") if isinstance(doc.data, dict) else None
    for i, event in enumerate(events if isinstance(events, list) else []):
        sides = event.get("sides") if isinstance(event, dict) else None
        for role, side in (sides.items() if isinstance(sides, dict) else ()):
            options = side.get("options") if isinstance(side, dict) else None
            for j, option in enumerate(options if isinstance(options, list) else []):
                for key in _NOT_ON_SIDE_OPTIONS:
                    if isinstance(option, dict) and key in option:
                        mark = doc.locate(("events", i, "sides", role, "options", j, key), at_key=True)
                        better[(mark.line, mark.col)] = Diagnostic(mark.line, mark.col, _NOT_ON_SIDE_OPTIONS[key],
                                                                   path=path_label)
    return [better.pop((p.line, p.col), p) if p.message.startswith("unknown key") else p for p in problems]


def _meters_with_good(doc: Document, path_label: str) -> list[Diagnostic]:
    """A format-1 file whose version was set to 2 by hand: the hint to migrate, at each meter's `good`."""
    meters = doc.data.get("meters") if isinstance(doc.data, dict) else None
    found = []
    for i, meter in enumerate(meters if isinstance(meters, list) else []):
        if isinstance(meter, dict) and "good" in meter:
            mark = doc.locate(("meters", i, "good"), at_key=True)
            found.append(Diagnostic(mark.line, mark.col, MIGRATE_HINT, path=path_label))
    return found


def load_format2(doc: Document, data: bytes, path_label: str) -> LoadedScenario:
    """A format-2 scenario, loaded; ScenarioError with every problem otherwise."""
    try:
        model = f2.Scenario.model_validate(doc.data)
    except ValidationError as exc:
        found = _side_option_keys(doc, path_label, structure_problems(exc, doc, path_label, f2.Scenario))
        raise ScenarioError(found + _meters_with_good(doc, path_label)) from None
    own = check_format2(model, doc, path_label)
    d = desugar(model)
    checked = check(d.scenario, moved_document(doc, d.moves), path_label)
    read_here = {name for c in own.conditions.values() for name in c.reads}
    problems = {(p.line, p.col, p.message): p for p in own.problems}
    for p in checked.problems:
        if not _redundant(p, model, read_here):
            problems.setdefault((p.line, p.col, p.message), p)
    if any(p.severity == "error" for p in problems.values()):
        raise ScenarioError(problems.values())
    conditions = {**checked.conditions, **own.conditions, **joint_availability(model, d, own.conditions)}
    digest = content_hash(data)
    compiled = compile_scenario(d.scenario, conditions, digest)
    compiled = replace(compiled, sides=build_sides(model, d, len(compiled.events), own.conditions))
    warnings = tuple(sorted(p for p in problems.values() if p.severity != "error"))
    return LoadedScenario(path_label, data.decode("utf-8"), digest, d.scenario, compiled, warnings)
