"""The engine is pure computation: it pulls in no pygame and touches no files."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import partnership_game.engine

ENGINE_DIR = Path(partnership_game.engine.__file__).resolve().parent
FORBIDDEN_MODULES = {"pygame", "pygame_gui", "pathlib", "io", "os", "shutil", "tempfile"}
FORBIDDEN_CALLS = {"open", "__import__"}
FILE_METHODS = {"read_text", "write_text", "read_bytes", "write_bytes", "unlink", "mkdir"}

CHILD = """
import json, sys
import numpy as np
import partnership_game.engine as engine
from partnership_game.scenario import load_path
from pathlib import Path

loaded = load_path(Path(sys.argv[1]))
after_load = sorted(m for m in sys.modules if m == "pygame" or m.startswith("pygame."))
e = engine.Engine(loaded.compiled)
state = e.start(np.array([42], dtype=np.uint64), keep_ledger=True)
while (pending := e.advance(state)) is not None:
    e.choose(state, pending, engine.uniform_random(state, pending))
batch = engine.run_batch(e, np.arange(32, dtype=np.uint64), engine.historical)
print(json.dumps({
    "ending": int(state.ending[0]),
    "batch_endings": batch.endings.tolist(),
    "pygame": sorted(m for m in sys.modules if m == "pygame" or m.startswith("pygame")),
    "after_load": after_load,
}))
"""


def test_engine_runs_without_pygame_in_a_fresh_interpreter(tiny_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", CHILD, str(tiny_path)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["ending"] >= 0
    assert all(k >= 0 for k in report["batch_endings"])
    assert report["pygame"] == []
    assert report["after_load"] == []


def _engine_sources() -> list[Path]:
    files = sorted(ENGINE_DIR.glob("*.py"))
    assert {p.name for p in files} >= {"__init__.py", "rules.py", "state.py", "rng.py", "policies.py", "batch.py",
                                       "ledger.py"}
    return files


def violations(source: str, name: str) -> list[str]:
    """Imports of pygame or file-system modules, and calls that open files, in one module's source."""
    problems = []
    for node in ast.walk(ast.parse(source, filename=name)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        problems += [f"{name}:{node.lineno}: imports {n}" for n in names if n.split(".")[0] in FORBIDDEN_MODULES]
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                problems.append(f"{name}:{node.lineno}: calls {func.id}()")
            if isinstance(func, ast.Attribute) and (func.attr in FILE_METHODS or func.attr == "open"):
                problems.append(f"{name}:{node.lineno}: calls .{func.attr}()")
    return problems


def test_engine_modules_import_no_io_or_pygame() -> None:
    problems = [p for path in _engine_sources() for p in violations(path.read_text(encoding="utf-8"), path.name)]
    assert problems == []


def test_the_check_catches_violations() -> None:
    source = (
        "import os\nimport pygame.display\nfrom pathlib import Path\nfrom io import BytesIO\nimport shutil, tempfile\n"
        "open('x')\nPath('y').read_text()\nimport numpy as np\nfrom partnership_game.engine import rng\n"
    )
    found = violations(source, "bad.py")
    assert len(found) == 8, found
    assert not any("numpy" in f or "rng" in f for f in found)
