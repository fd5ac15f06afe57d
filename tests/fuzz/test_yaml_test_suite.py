"""`validate` over every input of the official YAML test suite, in one run: no traceback, no hang, every file answered.

The corpus (github.com/yaml/yaml-test-suite, branch `data`) lies next to the repository, in
../shared/corpora/yaml-test-suite/, and is not copied into the project: `ID.yaml` is a test's input, and an empty
`ID.error` beside it marks an input the suite says is not valid YAML. None of the inputs is a scenario, so every
file must be reported invalid; an invalid-YAML input must get at least one error with a line number.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "yaml-test-suite"
HANG_GUARD = 120  # seconds for the whole subprocess; only so a hang fails instead of blocking the suite
RUN_BOUND = 60  # seconds the run may take: the corpus is ~400 small files, read in about a second
EXIT_ERROR = 1

_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _line_count(path: Path) -> int:
    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace")
    return max(data.count(b"\n"), len(_YAML_BREAK.findall(text))) + 1


@dataclass(frozen=True)
class Run:
    files: list[Path]
    returncode: int
    stdout: str
    stderr: str
    elapsed: float


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"the YAML test suite corpus is not at {CORPUS}")
    files = sorted(CORPUS.glob("*.yaml"))
    if not files:
        pytest.skip(f"the YAML test suite corpus at {CORPUS} has no *.yaml inputs")
    return files


def _invalid_yaml(path: Path) -> bool:
    """The suite's convention: an `ID.error` file next to `ID.yaml` marks the input as not valid YAML."""
    return path.with_suffix(".error").exists()


def _validate(files: list[Path], *extra: str) -> Run:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PYTHONSTARTUP"))}
    env.update({"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "PYTHONIOENCODING": "utf-8"})
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "partnership_game", "validate", *extra, *map(str, files)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=REPO,
        env=env,
        timeout=HANG_GUARD,
        check=False,
    )
    return Run(files, done.returncode, done.stdout, done.stderr, time.perf_counter() - started)


@pytest.fixture(scope="module")
def text_run() -> Run:
    return _validate(_corpus_files())


@pytest.fixture(scope="module")
def json_run() -> Run:
    return _validate(_corpus_files(), "--json")


def test_the_corpus_is_what_the_readme_describes() -> None:
    files = _corpus_files()
    markers = sorted(CORPUS.glob("*.error"))
    assert len(files) > 300, f"only {len(files)} inputs in {CORPUS}"
    assert markers, "no *.error markers: the convention has changed"
    assert all(m.with_suffix(".yaml").exists() for m in markers), "an .error marker without its input"


@pytest.mark.parametrize("mode", ["text", "json"])
def test_the_run_exits_1_without_a_traceback_and_in_seconds(
    mode: str, text_run: Run, json_run: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    run = text_run if mode == "text" else json_run
    invalid_yaml = sum(map(_invalid_yaml, run.files))
    with capsys.disabled():
        print(
            f"\n[yaml-test-suite, {mode}] validate over {len(run.files)} files ({invalid_yaml} invalid YAML, "
            f"{len(run.files) - invalid_yaml} valid YAML) took {run.elapsed:.2f} s, exit {run.returncode}"
        )
    assert "Traceback" not in run.stdout and "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.returncode == EXIT_ERROR, run.stderr[-3000:]
    assert run.elapsed < RUN_BOUND


def test_every_file_is_reported_invalid_by_name(text_run: Run) -> None:
    summaries: dict[str, list[str]] = {}
    for line in text_run.stdout.splitlines():
        name, sep, verdict = line.rpartition(": ")
        if sep and verdict.split(" ")[0] in ("valid", "invalid"):
            summaries.setdefault(name, []).append(verdict)
    for path in text_run.files:
        assert str(path) in text_run.stdout + text_run.stderr, f"{path} is not named in the output"
        assert summaries.get(str(path)) == ["invalid"], f"{path}: {summaries.get(str(path))}"
    assert len(summaries) == len(text_run.files)


def test_every_invalid_yaml_input_has_an_error_with_a_line_in_the_text_output(text_run: Run) -> None:
    positioned = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): error: .+$")
    errors: dict[str, list[int]] = {}
    for line in text_run.stderr.splitlines():
        match = positioned.match(line)
        if match:
            errors.setdefault(match["path"], []).append(int(match["line"]))
    missing = [p.name for p in text_run.files if _invalid_yaml(p) and not any(n >= 1 for n in errors.get(str(p), []))]
    assert not missing, f"invalid YAML without a positioned error: {missing}"
    invalid = [p for p in text_run.files if not errors.get(str(p))]
    assert not invalid, f"files refused without a positioned error: {[p.name for p in invalid]}"


def test_the_json_report_has_one_invalid_entry_per_file(json_run: Run) -> None:
    report = json.loads(json_run.stdout)
    assert report["valid"] is False
    assert [entry["path"] for entry in report["files"]] == [str(p) for p in json_run.files]
    assert not [entry["path"] for entry in report["files"] if entry["valid"]]
    for path, entry in zip(json_run.files, report["files"], strict=True):
        errors = [p for p in entry["problems"] if p["severity"] == "error"]
        assert errors, f"{path.name} is invalid without an error"
        for problem in entry["problems"]:
            assert problem["path"] == str(path)
            assert type(problem["line"]) is int and type(problem["col"]) is int, problem
            assert 1 <= problem["line"] <= _line_count(path) + 1, (path.name, problem)
            assert problem["col"] >= 1, (path.name, problem)
            assert problem["message"], (path.name, problem)
        if _invalid_yaml(path):
            assert any(p["line"] >= 1 for p in errors), f"{path.name}: no error with a line"


def test_the_json_and_text_runs_agree(text_run: Run, json_run: Run) -> None:
    report = json.loads(json_run.stdout)
    errors_in_json = sum(1 for e in report["files"] for p in e["problems"] if p["severity"] == "error")
    errors_in_text = sum(1 for line in text_run.stderr.splitlines() if re.search(r":\d+:\d+: error: ", line))
    assert errors_in_json == errors_in_text
