"""The reference in docs/scenario-format.md is written from the models: current, complete, and right about what is
required, what a missing key means, and what each accuracy value says."""

from __future__ import annotations

from pathlib import Path

from partnership_game.scenario.event_models import ACCURACY
from partnership_game.scenario.reference import BEGIN, END, main, reference_text, with_reference
from partnership_game.scenario.schema import scenario_schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md"


def _row(section: str, key: str) -> list[str]:
    text = reference_text()
    part = text[text.index(f"### {section}\n"):]
    part = part[: part.index("\n### ", 1)] if "\n### " in part[1:] else part
    line = next(line for line in part.splitlines() if line.startswith(f"| `{key}` |"))
    return [cell.strip() for cell in line.strip("|").split(" | ")]


def test_the_reference_in_the_docs_is_current() -> None:
    """If this fails, run: python -m partnership_game.scenario.reference"""
    text = DOC.read_text(encoding="utf-8")
    assert text[text.index(BEGIN): text.index(END) + len(END)] + "\n" == reference_text()


def test_every_key_of_the_schema_has_a_row_with_its_description() -> None:
    schema = scenario_schema()
    text = reference_text()
    effect = schema["definitions"].pop("Effect")  # the dispatch on `type`: the Effects section's first line
    assert effect["description"][1:] in text
    for holder in [schema, *schema["definitions"].values()]:
        for key, node in holder.get("properties", {}).items():
            assert f"| `{key}` |" in text
            assert node["description"].replace("|", "\\|").replace("\n", " ") in text


def test_caption_and_chance_are_optional_and_a_missing_chance_is_explained() -> None:
    key, _, required, _, _ = _row("Image", "caption")
    assert (key, required) == ("`caption`", "no")
    assert _row("Image", "credit")[2] == "yes"
    _, kind, required, default, meaning = _row("Trigger", "chance")
    assert (required, default) == ("no", "`1`")
    assert "number from 0 to 1" in kind and "left out, 1" in meaning


def test_every_accuracy_value_is_defined() -> None:
    text = reference_text()
    for value, meaning in ACCURACY.items():
        assert f"| `{value}` | {meaning} |" in text
    assert _row("Event", "accuracy")[1].count("`") == 2 * len(ACCURACY)


def test_the_command_rewrites_only_the_generated_part(tmp_path: Path) -> None:
    page = tmp_path / "format.md"
    page.write_text(f"# Intro kept\n\n{BEGIN}\nstale\n{END}\n\n## After, kept\n", encoding="utf-8")
    assert main([str(page)]) == 0
    written = page.read_text(encoding="utf-8")
    assert written.startswith("# Intro kept\n\n" + reference_text())
    assert written.endswith("\n## After, kept\n") and "stale" not in written
    assert with_reference(written) == written
