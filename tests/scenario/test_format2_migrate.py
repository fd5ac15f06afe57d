"""`partnership-game migrate`: format-1 files rewritten as format 2 by text edits that keep comments and layout,
compiling to the same world; the original kept; refusals that write nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from partnership_game.cli import main
from partnership_game.scenario import load_path
from partnership_game.scenario.world_digest import world_digest

REPO = Path(__file__).resolve().parents[2]
ONE_ROLE = sorted(p for p in [*REPO.glob("scenarios/*.yaml"), *REPO.glob("tests/data/*.yaml")]
                  if "format_version: 1" in p.read_text(encoding="utf-8") and len(load_path(p).model.roles) == 1)


@pytest.mark.parametrize("source", ONE_ROLE, ids=lambda p: p.name)
def test_round_trip_plays_the_same_world(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / source.name
    shutil.copy(source, target)
    before = load_path(target)
    assert main(["migrate", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"--- {target} (format 1)" in out and f"+++ {target} (format 2)" in out
    assert "-format_version: 1" in out and "+format_version: 2" in out
    assert (tmp_path / f"{source.stem}.format1.yaml").read_bytes() == source.read_bytes()
    after = load_path(target)
    assert after.compiled.sides.format_version == 2
    assert world_digest(after.compiled) == world_digest(before.compiled)
    # Every comment line of the original is still there.
    comments = [line.strip() for line in source.read_text(encoding="utf-8").splitlines()
                if line.strip().startswith("#")]
    kept = [line.strip() for line in target.read_text(encoding="utf-8").splitlines()]
    assert all(c in kept for c in comments)
    # The role sees what format 1 showed: every meter and every flag not hidden.
    (role,) = after.compiled.sides.roles
    assert all(role.sees_meters)
    assert role.sees_flags == tuple(not f.hidden for f in before.model.flags)


def test_block_style_and_a_good_that_opens_a_list_item(tmp_path: Path) -> None:
    text = (REPO / "tests" / "data" / "tiny.yaml").read_text(encoding="utf-8")
    text = text.replace("  - {id: kremlin, label: The Kremlin}\n",
                        "  - id: kremlin\n    label: The Kremlin  # the only side\n    # its view follows\n")
    text = text.replace("  - {id: trust, label: Trust, start: 40, good: up, drift: -1}\n",
                        "  - good: up   # trust is good\n    id: trust\n    label: Trust\n    start: 40\n"
                        "    drift: -1\n")
    target = tmp_path / "tiny_block.yaml"
    target.write_text(text, encoding="utf-8")
    before = world_digest(load_path(target).compiled)
    assert main(["migrate", str(target)]) == 0
    migrated = target.read_text(encoding="utf-8")
    assert "label: The Kremlin  # the only side\n    good: {trust: up," in migrated
    assert "# its view follows" in migrated and "trust is good" not in migrated
    assert world_digest(load_path(target).compiled) == before


def test_dry_run_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "tiny.yaml"
    shutil.copy(REPO / "tests" / "data" / "tiny.yaml", target)
    original = target.read_bytes()
    assert main(["migrate", str(target), "--dry-run"]) == 0
    assert "+format_version: 2" in capsys.readouterr().out
    assert target.read_bytes() == original and not (tmp_path / "tiny.format1.yaml").exists()


def test_refusals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "tiny.yaml"
    shutil.copy(REPO / "tests" / "data" / "tiny.yaml", target)
    (tmp_path / "tiny.format1.yaml").write_text("mine", encoding="utf-8")
    original = target.read_bytes()
    assert main(["migrate", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == original
    assert (tmp_path / "tiny.format1.yaml").read_text(encoding="utf-8") == "mine"
    # Already format 2: said, nothing done.
    assert main(["migrate", str(REPO / "tests" / "data" / "corridor_2001.yaml")]) == 0
    assert "already format 2" in capsys.readouterr().out
    # A file with errors: its errors, exit 1.
    broken = tmp_path / "broken.yaml"
    broken.write_text(original.decode("utf-8").replace("good: up, drift", "good: upp, drift"), encoding="utf-8")
    assert main(["migrate", str(broken)]) == 1
    assert "broken.yaml:" in capsys.readouterr().err and not (tmp_path / "broken.format1.yaml").exists()


def test_several_roles_need_verdicts_before_the_file_is_written(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "brussels_2001.yaml"
    shutil.copy(REPO / "scenarios" / "brussels_2001.yaml", target)
    original = target.read_bytes()
    assert main(["migrate", str(target)]) == 1
    err = capsys.readouterr().err
    assert "gives no verdict for" in err and "nothing was written" in err
    assert target.read_bytes() == original and not (tmp_path / "brussels_2001.format1.yaml").exists()
