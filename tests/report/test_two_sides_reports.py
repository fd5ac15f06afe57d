"""Reports of two-sided games made through the session API: one game's page, log and short page name both sides,
both verdicts, both halves of a joint decision and what the counterpart expected; the class report compares the
sides, its counts checked against the saves' own nodes."""

from __future__ import annotations

import csv
import html
import io
import json
import random
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnership_game.report import build_class_report, class_report_html, report_csv, report_html
from partnership_game.report.class_report import class_csv
from partnership_game.report.csvfile import SIDES_LOG_HEADER
from partnership_game.report.gather import gather
from partnership_game.report.short import short_report_html
from partnership_game.report.sides_class import sides_tally
from partnership_game.scenario import load_path
from partnership_game.session import Session, read_save, write_save
from partnership_game.session.seating import Seating, hotseat, solo
from partnership_game.session.sides_play import SidesPlay

from .conftest import HANG_GUARD, REPO, SCRIPT, TINY, assert_self_contained, cli

CORRIDOR = REPO / "tests" / "data" / "corridor_2001.yaml"
CAMPAIGN = REPO / "scenarios" / "new_partnership_two_sides.yaml"
HOSTILE_NAME = f"Team {SCRIPT} & co"


def _played(path: Path, seating: str, seed: int, side: str = "kremlin", temperament: str = "cautious",
            names: dict[str, str] | None = None) -> Session:
    """A two-sided game played to its end: "hotseat" (both sides persons) or "solo" (`side` a person, the other a
    counterpart); each person takes an available option drawn from `seed`, so the games of a class differ."""
    scenario = load_path(path)
    sides = scenario.compiled.sides
    seats: Seating = (hotseat(sides, names) if seating == "hotseat" else
                      solo(sides, side, temperament, name=(names or {}).get(side)))
    play = SidesPlay(Session(scenario, seed), seats)
    draw = random.Random(seed)
    play.run_counterparts()
    while not play.session.over:
        role = play.to_act()
        assert role is not None
        play.pick(role, draw.choice([o.index for o in play.options(role) if o.available]))
        play.run_counterparts()
    return play.session


def _saved(session: Session, path: Path) -> Session:
    """Through a save and back, as the report command reads it."""
    write_save(path, session)
    return read_save(path)


def _text(markup: str) -> str:
    return assert_self_contained(markup).text


def _scenario(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _labels(doc: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(event id, option id) -> label, joint halves keyed by (event id, side option id), read from the YAML."""
    found = {}
    for event in doc["events"]:
        for option in event.get("options", []):
            found[(event["id"], option["id"])] = option["label"]
        for side in (event.get("sides") or {}).values():
            for option in side["options"]:
                found[(event["id"], option["id"])] = option["label"]
    return found


# ---- one game ----------------------------------------------------------------------------------------------------

def test_a_hot_seat_report_names_both_sides_both_verdicts_and_both_halves_of_a_joint_decision(tmp_path: Path) -> None:
    names = {"kremlin": HOSTILE_NAME, "washington": "Team B"}
    session = _saved(_played(CORRIDOR, "hotseat", 3, names=names), tmp_path / "hot.json")
    markup = report_html(session)
    assert SCRIPT not in markup and html.escape(SCRIPT) in markup  # a player's name is text, never markup
    text = _text(markup)
    doc = _scenario(CORRIDOR)
    assert f"The Kremlin {HOSTILE_NAME} (a player)" in text and "The White House Team B (a player)" in text
    ending = next(e for e in doc["endings"] if e["id"] == session.ending.id)  # type: ignore[union-attr]
    assert "Each side's verdict" in text
    for role, label in (("kremlin", "The Kremlin"), ("washington", "The White House")):
        verdict = ending["verdicts"][role]
        assert f"{label} {verdict['verdict'].capitalize()} {verdict['text']}" in text
    assert "Chosen, and what happened" in text and " Side " in text
    saved = json.loads((tmp_path / "hot.json").read_text(encoding="utf-8"))
    joint = next(n for n in saved["timeline"]["nodes"] if "choices" in n)
    labels = _labels(doc)
    kremlin, washington = (labels[(joint["event"], joint["choices"][r])] for r in ("kremlin", "washington"))
    assert f"The Kremlin (player) + The White House (player) The Kremlin: {kremlin} The White House: {washington}" \
           " Together:" in text
    assert "What the counterpart expected" not in text  # nobody's counterpart in a hot seat


def test_a_solo_report_says_who_the_counterpart_was_and_what_it_expected(tmp_path: Path) -> None:
    session = _saved(_played(CORRIDOR, "solo", 5, names={"kremlin": "Ana"}), tmp_path / "solo.json")
    text = _text(report_html(session))
    assert "The Kremlin Ana (a player)" in text and "The White House a counterpart, Cautious" in text
    play = SidesPlay(session, session.seating)  # type: ignore[arg-type]
    moves = play.counterpart_moves()
    saved = json.loads((tmp_path / "solo.json").read_text(encoding="utf-8"))
    assert len(moves) == sum(n["by"].count("counterpart:") for n in saved["timeline"]["nodes"]) > 0
    for move in moves:
        assert " ".join(play.expectation(move).split()) in text
    # Which side saw which meter: the Kremlin never saw Congress during play, Washington never the generals.
    assert "Support in Congress shown at the end seen in play" in text
    assert "The generals' anger seen in play shown at the end" in text
    assert "The White House's choice (a counterpart):" in text


def test_the_log_has_a_side_and_a_by_column_read_from_the_save(tmp_path: Path) -> None:
    session = _saved(_played(CORRIDOR, "solo", 8, side="washington", temperament="hawkish"), tmp_path / "w.json")
    rows = list(csv.DictReader(io.StringIO(report_csv(session).decode("utf-8"))))
    assert tuple(rows[0]) == SIDES_LOG_HEADER
    doc = _scenario(CORRIDOR)
    label = {r["id"]: r["label"] for r in doc["roles"]}
    owner = {e["id"]: e["role"] for e in doc["events"]}
    nodes = json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))["timeline"]["nodes"]
    assert [(r["event_id"], r["by"]) for r in rows] == [(n["event"], n["by"]) for n in nodes]
    for row in rows:
        who = owner[row["event_id"]]
        assert row["side"] == (" + ".join(label.values()) if who == "joint" else label[who])
    assert {r["by"] for r in rows} >= {"player", "counterpart:hawkish"}


def test_the_short_report_has_the_seats_the_verdicts_and_the_halves(tmp_path: Path) -> None:
    session = _saved(_played(CORRIDOR, "solo", 5), tmp_path / "s.json")
    text = _text(short_report_html(session))
    assert "The Kremlin a player" in text and "The White House a counterpart, Cautious" in text
    assert "Each side's verdict" in text and " Side " in text and "The Kremlin: " in text


def test_a_one_sided_report_keeps_its_player_line_and_has_no_side_parts(tmp_path: Path) -> None:
    session = Session(load_path(TINY), 4242, player="Solo")
    while not session.over:
        session.choose(next(k for k, ok in enumerate(session.available()) if ok))
    text = _text(report_html(session))
    assert "Player Solo" in text
    for part in ("Each side's verdict", "What the counterpart expected", "seen in play", " Side "):
        assert part not in text, part


def test_a_campaign_of_the_two_sided_scenario_reports_every_joint_decision(tmp_path: Path) -> None:
    session = _saved(_played(CAMPAIGN, "solo", 11, side="washington", temperament="historical"),
                     tmp_path / "campaign.json")
    text = _text(report_html(session))
    nodes = json.loads((tmp_path / "campaign.json").read_text(encoding="utf-8"))["timeline"]["nodes"]
    joints = [n for n in nodes if "choices" in n]
    assert joints
    assert text.count(" Together: ") + text.count("The Kremlin (counterpart, historical) + The White House (player)") \
        >= len(joints)
    assert text.count("The Kremlin (counterpart, historical) + The White House (player)") == len(joints)
    assert "Each side's verdict" in text and "What the counterpart expected" in text
    assert cli("report", tmp_path / "campaign.json", "--out", tmp_path / "c.html", "--csv",
               tmp_path / "c.csv").returncode == 0
    header = next(csv.reader(io.StringIO((tmp_path / "c.csv").read_text(encoding="utf-8"))))
    assert header[-2:] == ["side", "by"]


# ---- the class ---------------------------------------------------------------------------------------------------

CLASS = (("hotseat", 1, "kremlin"), ("hotseat", 2, "kremlin"), ("hotseat", 3, "kremlin"), ("solo", 4, "kremlin"),
         ("solo", 5, "kremlin"), ("solo", 6, "washington"))


@pytest.fixture
def class_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "teams"
    folder.mkdir()
    for k, (seating, seed, side) in enumerate(CLASS):
        names = {"kremlin": f"Team {k}K", "washington": f"Team {k}W"}
        if k == 0:
            names["kremlin"] = HOSTILE_NAME
        write_save(folder / f"game{k}.json", _played(CORRIDOR, seating, seed, side=side,
                                                     temperament="hawkish" if side == "washington" else "cautious",
                                                     names=names))
    return folder


def _expected_counts(folder: Path) -> tuple[Counter[tuple[str, str, str]], Counter[tuple[str, str, str]],
                                             Counter[tuple[str, str]]]:
    """From the save files alone: (side, event, option) counts, (event, kremlin half, washington half) pair counts,
    and (side, verdict) counts; sides of role-owned events and verdicts from the scenario's YAML."""
    doc = _scenario(CORRIDOR)
    owner = {e["id"]: e["role"] for e in doc["events"]}
    verdicts = {e["id"]: {r: v["verdict"] for r, v in e["verdicts"].items()} for e in doc["endings"]}
    chosen: Counter[tuple[str, str, str]] = Counter()
    pairs: Counter[tuple[str, str, str]] = Counter()
    judged: Counter[tuple[str, str]] = Counter()
    for path in sorted(folder.glob("*.json")):
        save = json.loads(path.read_text(encoding="utf-8"))
        for node in save["timeline"]["nodes"]:
            if "choices" in node:
                for role, option in node["choices"].items():
                    chosen[(role, node["event"], option)] += 1
                pairs[(node["event"], node["choices"]["kremlin"], node["choices"]["washington"])] += 1
            else:
                chosen[(owner[node["event"]], node["event"], node["option"])] += 1
        for role, word in verdicts[save["ending"]].items():
            judged[(role, word)] += 1
    return chosen, pairs, judged


def test_the_class_report_compares_the_sides_with_the_saves_own_counts(class_folder: Path) -> None:
    read, skipped = gather([class_folder])
    assert not skipped and len(read) == len(CLASS)
    report = build_class_report(read, skipped)
    result = sides_tally(report.reference.scenario, [s.game for s in report.counted])
    assert result is not None
    chosen, pairs, judged = _expected_counts(class_folder)
    got = Counter({(side.role_id, d.event_id, o.option_id): o.count for side in result.sides
                   for d in side.decisions.values() for o in d.options if o.count})
    assert got == chosen
    assert Counter({(p.event_id, *key): n for p in result.pairs for key, n in p.counts.items() if n}) == pairs
    assert Counter({(s.role_id, w): n for s in result.sides for w, n in s.verdicts.items()}) == judged
    hot = sum(1 for seating, _, _ in CLASS if seating == "hotseat")
    people = {s.role_id: s.people for s in result.sides}
    assert people == {"kremlin": hot + sum(1 for s, _, side in CLASS if s == "solo" and side == "kremlin"),
                      "washington": hot + sum(1 for s, _, side in CLASS if s == "solo" and side == "washington")}

    markup = class_report_html(report)
    assert SCRIPT not in markup
    text = _text(markup)
    for heading in ("The two sides: who sat where", "Each side's verdicts across the class", "The Kremlin: its choices",
                    "The White House: its choices", "Joint decisions: the pairs chosen"):
        assert heading in text, heading
    labels = _labels(_scenario(CORRIDOR))
    # The pair table: one row per Kremlin option, each cell the count of that pair.
    for (event, k_half, _w_half), _n in pairs.items():
        cells = [str(pairs.get((event, k_half, w), 0)) for w in ("thanks", "in_writing")]
        history = " (history)" if k_half == "open" else ""
        assert f"{labels[(event, k_half)]}{history} {' '.join(cells)}" in text


def test_the_class_csv_says_who_played_each_side_and_its_verdict(class_folder: Path) -> None:
    read, skipped = gather([class_folder])
    report = build_class_report(read, skipped)
    rows = list(csv.DictReader(io.StringIO(class_csv(report).decode("utf-8"))))
    for row in rows:
        save = json.loads((class_folder / row["file"]).read_text(encoding="utf-8"))
        assert row["side:kremlin"] == save["sides"]["kremlin"] and row["side:washington"] == save["sides"]["washington"]
        assert row["verdict:kremlin"] in ("good", "mixed", "bad")


def test_a_mixed_class_is_counted_by_its_main_scenario_and_lists_the_others(class_folder: Path, make_save) -> None:  # type: ignore[no-untyped-def]
    make_save("one_sided.json", folder=class_folder)
    read, skipped = gather([class_folder])
    report = build_class_report(read, skipped)
    assert report.reference.scenario_id == "corridor_2001" and len(report.counted) == len(CLASS)
    text = _text(class_report_html(report))
    assert "another scenario ('tiny'" in text and "The Kremlin: its choices" in text
    # The other way round, the one-sided scenario is the class's and no side tables appear.
    for k in range(len(CLASS)):
        make_save(f"more{k}.json", folder=class_folder)
    read, skipped = gather([class_folder])
    report = build_class_report(read, skipped)
    text = _text(class_report_html(report))
    assert report.reference.scenario_id == "tiny" and "its choices" not in text and "another scenario" in text


# ---- printed -----------------------------------------------------------------------------------------------------

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


@pytest.mark.skipif(CHROMIUM is None or shutil.which("pdftotext") is None,
                    reason="needs chromium (headless) and pdftotext to print the page; not installed here")
def test_the_printed_reports_carry_both_sides(class_folder: Path, tmp_path: Path) -> None:
    one, whole = tmp_path / "one.html", tmp_path / "class.html"
    assert cli("report", class_folder / "game3.json", "--out", one).returncode == 0
    assert cli("class-report", class_folder, "--out", whole).returncode == 0
    for page, parts in ((one, ("EACH SIDE'S VERDICT", "WHAT THE COUNTERPART EXPECTED", "Together:")),
                        (whole, ("THE TWO SIDES: WHO SAT WHERE", "JOINT DECISIONS: THE PAIRS CHOSEN"))):
        pdf = page.with_suffix(".pdf")
        subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, timeout=HANG_GUARD, check=False)
        printed = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, timeout=HANG_GUARD,
                                 check=True).stdout
        flat = " ".join(printed.split())
        for part in parts:
            assert part.upper() in flat.upper(), part


def test_an_anonymous_class_report_names_no_team(class_folder: Path) -> None:
    read, skipped = gather([class_folder])
    report = build_class_report(read, skipped, anonymous=True)
    page, log = class_report_html(report), class_csv(report).decode("utf-8")
    assert "The two sides: who sat where" in _text(page)
    assert "Team" not in page and "Team" not in log  # every team was named "Team ..." (the hostile one too)
