"""The modder's commands: validate, analyze, new-scenario, schema, scenarios."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from partnership_game.cli_common import EXIT_ERROR, EXIT_OK, EXIT_USAGE, print_problems, resolve, shown, shown_lines


def scenario_files_in(folder: Path) -> list[Path]:
    """The scenario files `validate FOLDER` checks: those in the folder and in its subfolders one level down (the
    layout of the mods folder: single files, and a folder per mod)."""
    from partnership_game.scenario.discovery import SCENARIO_SUFFIXES

    found: list[Path] = []
    for entry in sorted(folder.iterdir()):
        if entry.is_dir():
            found += sorted(p for p in entry.iterdir() if p.suffix in SCENARIO_SUFFIXES and p.is_file())
        elif entry.suffix in SCENARIO_SUFFIXES and entry.is_file():
            found.append(entry)
    return found


def cmd_validate(args: argparse.Namespace) -> int:
    """Diagnostics (errors and warnings) go to stderr; each file's verdict, `PATH: valid` or `PATH: invalid`, to
    stdout, so that `validate ... > verdicts.txt` keeps the verdicts and the terminal shows the reasons."""
    from partnership_game.scenario import Diagnostic, ScenarioError, load_path

    results = []
    failed = False
    names: list[str] = []
    empty: list[str] = []
    for name in args.paths:
        if Path(name).is_dir():
            inside = scenario_files_in(Path(name))
            names += [str(p) for p in inside]
            if not inside:
                empty.append(name)
        else:
            names.append(name)
    for name in empty:
        failed = True
        problem = Diagnostic(0, 0, "no scenario files (.yaml, .yml) in this folder or in its subfolders", path=name)
        results.append({"path": name, "valid": False, "problems": [problem.as_json()]})
        if not args.json:
            print(problem.format(), file=sys.stderr)
    for name in names:
        try:
            loaded = load_path(Path(name))
            problems = list(loaded.warnings)
            ok = True
        except ScenarioError as exc:
            problems = exc.diagnostics
            ok = False
        failed |= not ok
        results.append({"path": name, "valid": ok, "problems": [p.as_json() for p in problems]})
        if not args.json:
            for problem in problems:
                print(problem.format(), file=sys.stderr)
            sys.stderr.flush()  # the reasons before the verdict, when both go to one terminal
            print(
                f"{shown(name)}: {'valid' if ok else 'invalid'}"
                + (f" ({len(problems)} warning{'s' * (len(problems) != 1)})" if ok and problems else ""),
                flush=True,
            )
    if args.json:
        print(json.dumps({"valid": not failed, "files": results}, indent=1))
    return EXIT_ERROR if failed else EXIT_OK


def cmd_analyze(args: argparse.Namespace) -> int:
    from partnership_game.engine import POLICIES, Engine
    from partnership_game.engine.analysis import dry_run, report, report_text
    from partnership_game.engine.batch import explore_seeds
    from partnership_game.files import FileProblem, TextProblem
    from partnership_game.plans import PlanError, plan_policy, plans_beside, read_plans
    from partnership_game.scenario import ScenarioError

    try:
        loaded = resolve(args.scenario)
    except ScenarioError as exc:
        print_problems(exc)
        return EXIT_ERROR
    policies = {name: POLICIES[name] for name in ("random", "historical")}
    plans_file = Path(args.plans) if args.plans else plans_beside(loaded.path)
    if args.plans or plans_file.is_file():
        try:
            for plan in read_plans(plans_file, loaded.compiled):
                policies.setdefault(plan.name, plan_policy(plan, loaded.compiled))
        except (FileProblem, TextProblem, PlanError) as exc:
            where = f"{plans_file}:{exc.line}:{exc.col}" if isinstance(exc, TextProblem) and exc.line else plans_file
            reason = exc.reason if isinstance(exc, TextProblem) else exc
            print(f"{shown(where)}: error: {shown(reason)}", file=sys.stderr)
            return EXIT_ERROR
    engine = Engine(loaded.compiled)
    seeds = explore_seeds(args.seed, args.runs)
    result = report(engine, {name: dry_run(engine, seeds, policy) for name, policy in policies.items()})
    from partnership_game.scenario.text_places import place_incoherent  # file:line:col of each text it names

    place_incoherent(result, loaded.path or loaded.model.id, loaded.text)
    if args.json:
        print(json.dumps(result, indent=1))
        return EXIT_OK
    print(f"Dry run of '{shown(loaded.model.id)}': {args.runs:,} games under each of {len(policies)} ways of "
          f"playing (seed {args.seed})")
    print(shown_lines(report_text(result)))
    return EXIT_OK


def cmd_new_scenario(args: argparse.Namespace) -> int:
    import re

    from partnership_game import paths
    from partnership_game.scenario.discovery import candidate_files, declared_id
    from partnership_game.scenario.schema import schema_text
    from partnership_game.session.saves import write_atomic

    if not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", args.name):
        print(f"partnership-game new-scenario: error: '{args.name}' is not an id: use lower case letters, digits and "
              "'_', starting with a letter (at most 40)", file=sys.stderr)
        return EXIT_USAGE
    mods = paths.mods_dir()
    # A folder mod keeps its pictures beside it; either way the schema sits once at the mods folder's root and the
    # first line points at it from where the file is.
    target = mods / args.name / f"{args.name}.yaml" if args.folder else mods / f"{args.name}.yaml"
    schema_ref = "../scenario.schema.json" if args.folder else "scenario.schema.json"
    if target.exists() or (args.folder and target.parent.exists()):
        where = target if target.exists() else target.parent
        print(f"{shown(where)}: error: already exists; choose another name or edit that file", file=sys.stderr)
        return EXIT_ERROR
    for path, origin in candidate_files(paths.builtin_scenarios_dir(), mods):
        if declared_id(path) == args.name:
            print(f"partnership-game new-scenario: error: the id '{args.name}' is already used by the {origin} "
                  f"scenario {shown(path)}; choose another name", file=sys.stderr)
            return EXIT_ERROR
    template = (paths.assets_dir() / "templates" / "new_scenario.yaml").read_text(encoding="utf-8")
    title = args.name.replace("_", " ").capitalize()
    text = template.replace("__SCHEMA__", schema_ref).replace("__ID__", args.name).replace("__TITLE__", title)
    try:
        if args.folder:
            (target.parent / "images").mkdir(parents=True, exist_ok=True)
        write_atomic(mods / "scenario.schema.json", schema_text().encode("utf-8"))
        write_atomic(target, text.encode("utf-8"))
    except OSError as exc:
        print(f"{shown(target)}: error: cannot write: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    print(f"Wrote {shown(target)}")
    if args.folder:
        print(f"Pictures go in {shown(target.parent / 'images')} (image: {{file: images/NAME.png, ...}})")
    print(f"Check it with:  partnership-game validate {shown(target)}")
    print(f"Play it with:   partnership-game play --text --scenario {args.name}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from partnership_game.scenario.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def cmd_scenarios(args: argparse.Namespace) -> int:
    from partnership_game import paths
    from partnership_game.scenario.discovery import discover

    entries = discover(paths.builtin_scenarios_dir(), paths.mods_dir())
    rows = []
    for entry in entries:
        first = entry.first_error
        rows.append({
            "id": entry.id,
            "title": entry.loaded.model.title if entry.loaded else None,
            "origin": entry.origin,
            "path": str(entry.path),
            "valid": entry.loaded is not None,
            "warnings": len(entry.loaded.warnings) if entry.loaded else 0,
            "first_error": first.format() if first else None,
        })
    if args.json:
        print(json.dumps({"mods_folder": str(paths.mods_dir()), "scenarios": rows}, indent=1))
        return EXIT_OK
    for row in rows:
        if row["valid"]:
            warned = f", {row['warnings']} warning(s)" if row["warnings"] else ""
            print(f"{shown(row['id']):24} {row['origin']:8} valid{warned}  {shown(row['title'])}")
        else:
            print(f"{shown(row['id']):24} {row['origin']:8} BROKEN  {row['first_error']}")
    if not rows:
        print("no scenarios found")
    print(f"(mods folder: {shown(paths.mods_dir())})")
    return EXIT_OK
