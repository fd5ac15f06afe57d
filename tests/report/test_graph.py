"""`partnership-game graph`: one self-contained page drawing a scenario's structure, marked from the dry run; every
scenario text escaped; bad input refused with a message and a status."""

from __future__ import annotations

import base64
import hashlib
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from partnership_game.report.graph_page import graph_html
from partnership_game.report.graph_runs import gather
from partnership_game.scenario import load_path

from .conftest import BREAKOUT, ENTITY, HANG_GUARD, REPO, SCRIPT, TINY, Page, cli

CAMPAIGN = REPO / "scenarios" / "new_partnership.yaml"
PROBE = REPO / "tests" / "data" / "graph_probe.yaml"
SVG_TAGS = {"svg", "defs", "marker", "path", "g", "rect", "line", "text", "use", "title"}
PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "div", "p", "h1", "h2", "section", "span", "code",
             "b", "button", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "script"}


def assert_self_contained(markup: str) -> Page:
    """Nothing loads from outside: no URL in any src or href (a `use` of the page's own drawing only), one inline
    script and no other, no handler attributes, and a policy that lets exactly that script run."""
    page = Page(markup)
    scripts = [attrs for tag, attrs in page.tags if tag == "script"]
    assert scripts == [{}], scripts  # one script, inline (no src)
    for tag, attrs in page.tags:
        assert tag in SVG_TAGS | PAGE_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("src", "href", "xlink:href"):
                assert value is not None and value.startswith("#") and "//" not in value, (tag, name, value)
    lowered = markup.lower()
    for needle in ("<link", "@import", "<iframe", "<object", "<embed", "javascript:", "<base"):
        assert needle not in lowered, needle
    assert "http://" not in markup and "https://" not in markup
    script = re.search(r"<script>(.*?)</script>", markup, re.S)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode("utf-8")).digest()).decode("ascii")
    policy = next(a["content"] for t, a in page.tags
                  if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert policy is not None and f"script-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "unsafe-eval" not in policy and "script-src 'unsafe-inline'" not in policy
    return page


def node_of(markup: str, event_id: str) -> str:
    """The markup of the box of the event (or ending) with this id."""
    found = re.findall(rf'<g class="node[^"]*" data-key="[^"]+" data-ref="{event_id}" tabindex="0">.*?</g>', markup,
                       re.S)
    assert len(found) == 1, f"{len(found)} boxes for {event_id}"
    return str(found[0])


@pytest.fixture(scope="module")
def campaign_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("graph") / "campaign.html"
    result = cli("graph", "new_partnership", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "2,000 games" in result.stdout
    return out.read_text(encoding="utf-8")


def test_the_campaign_page_is_self_contained(campaign_page: str) -> None:
    assert_self_contained(campaign_page)


def test_the_campaign_page_names_every_event_turn_and_ending(campaign_page: str) -> None:
    model = load_path(CAMPAIGN).model
    for event in model.events:
        node_of(campaign_page, event.id)  # a box of its own...
        assert html.escape(event.title, quote=True) in campaign_page, event.id  # ...with its whole title
    for turn in model.turns:
        assert html.escape(turn.date_label or turn.date, quote=True) in campaign_page, turn.id
    for ending in model.endings:
        node_of(campaign_page, ending.id)
    text = Page(campaign_page).text
    # The same dry run as `analyze`: random and historical play, and the plans in new_partnership.plans.json.
    assert ("2,000 games under each of 6 ways of playing (random, historical, durable, bargain, hawkish and "
            "dovish), seed 0") in text
    assert "never reached" not in node_of(campaign_page, "durable_partnership")  # the durable plan reaches it


def test_the_campaign_page_has_its_edges_and_print_pages(campaign_page: str) -> None:
    kinds = set(re.findall(r'class="edge e-(\w+)"', campaign_page))
    assert {"flag", "schedule", "delayed", "ending"} <= kinds, kinds
    for source, target in re.findall(r'data-from="([^"]+)" data-to="([^"]+)"', campaign_page):
        for key in (source, target):
            assert f'data-key="{key}"' in campaign_page, key  # every edge joins two drawn boxes
    parts = re.findall(r'<section class="print-part"><h2>([^<]+)</h2><svg viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) '
                       r'([\d.]+)"', campaign_page)
    assert len(parts) >= 5, parts  # fourteen turns and the endings do not fit one printed page
    assert parts[0][0].startswith("Turn 1 to turn 3") and parts[-1][0].startswith("Turn 13 to the endings")


def test_what_never_happens_is_marked(tmp_path: Path) -> None:
    out = tmp_path / "probe.html"
    assert cli("graph", PROBE, "--out", out).returncode == 0
    markup = out.read_text(encoding="utf-8")
    assert_self_contained(markup)
    lost = node_of(markup, "lost_cause")
    assert "flagged" in lost and "never fired in 2,000 games" in lost
    reached = node_of(markup, "follow_up")
    assert "flagged" not in reached and "never fired" not in reached
    offer = node_of(markup, "offer")
    assert "never available: impossible" in offer and "never available: decline" not in offer
    assert "never reached" in node_of(markup, "miracle") and "never reached" not in node_of(markup, "open_door")
    assert "would land after the last turn" in markup and "After the last turn" in markup
    # The flag door_open, set by follow_up, is read by the ending open_door: an edge joins them.
    follow = re.search(r'data-key="([^"]+)"', reached)
    door = re.search(r'data-key="([^"]+)"', node_of(markup, "open_door"))
    assert follow and door
    assert f'class="edge e-ending" data-from="{follow.group(1)}" data-to="{door.group(1)}"' in markup


def test_every_scenario_text_is_escaped(tmp_path: Path) -> None:
    doc = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    doc["title"] = f"Title {SCRIPT}"
    doc["turns"][0]["title"] = f"Turn {BREAKOUT}"
    doc["turns"][1]["date_label"] = f"{doc['turns'][1]['date']} {ENTITY}"
    doc["events"][0]["title"] = f"Event {SCRIPT} {BREAKOUT}"
    doc["events"][0]["options"][0]["label"] = f"Option {BREAKOUT}"
    doc["events"][0]["options"][2]["condition"] = "trust >= 60 and trust > 0"
    doc["flags"][0]["label"] = f"Flag {ENTITY} {SCRIPT}"
    doc["endings"][0]["title"] = f"Ending {BREAKOUT}"
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    page = graph_html(load_path(path).compiled, gather(load_path(path).compiled, 50), "hostile.yaml")
    parsed = assert_self_contained(page)
    for text in (SCRIPT, BREAKOUT):
        assert text not in page, text
    assert page.count("<script") == 1
    assert html.escape(f"Title {SCRIPT}", quote=True) in page
    assert f"Flag {ENTITY} {SCRIPT}" in parsed.text  # a reader sees what the author wrote
    assert html.escape("trust >= 60", quote=True) in page


def test_errors_have_a_message_and_a_status(tmp_path: Path) -> None:
    unknown = cli("graph", "no_such_scenario", "--out", tmp_path / "x.html")
    assert unknown.returncode == 1 and "no_such_scenario" in unknown.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text(TINY.read_text(encoding="utf-8").replace("title: Tiny test scenario", "titel: Tiny"),
                      encoding="utf-8")
    result = cli("graph", broken, "--out", tmp_path / "x.html")
    assert result.returncode == 1 and re.search(r"broken\.yaml:\d+:\d+: error: ", result.stderr), result.stderr
    assert not (tmp_path / "x.html").exists()
    wrong = cli("graph", PROBE, "--out", tmp_path / "x.txt")
    assert wrong.returncode == 1 and ".html" in wrong.stderr and not (tmp_path / "x.txt").exists()
    folder = tmp_path / "a_folder.html"
    folder.mkdir()
    refused = cli("graph", PROBE, "--out", folder)
    assert refused.returncode == 1 and "error" in refused.stderr and folder.is_dir()
    missing = cli("graph", PROBE)
    assert missing.returncode == 2 and "--out" in missing.stderr
    runs = cli("graph", PROBE, "--out", tmp_path / "y.html", "--runs", "0")
    assert runs.returncode == 2 and "runs" in runs.stderr
    plans = tmp_path / "plans.json"
    plans.write_text('{"bold": {"policy": "random", "force": {"offer": "no_such_option"}}}', encoding="utf-8")
    bad_plan = cli("graph", PROBE, "--out", tmp_path / "z.html", "--plans", plans)
    assert bad_plan.returncode == 1 and "plans.json" in bad_plan.stderr and "no_such_option" in bad_plan.stderr
    assert not (tmp_path / "z.html").exists()


def test_an_existing_page_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    out.write_text("old", encoding="utf-8")
    assert cli("graph", PROBE, "--out", out, "--runs", "100", "--seed", "3").returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.endswith("</html>\n")
    assert "100 games under each of 2 ways of playing (random and historical), seed 3" in Page(text).text
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]  # no temporary file left behind


CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


@pytest.mark.skipif(CHROMIUM is None or shutil.which("pdftotext") is None,
                    reason="needs chromium (headless) and pdftotext to print the page; not installed here")
def test_the_page_prints_the_drawing_in_parts(campaign_page: str, tmp_path: Path) -> None:
    out, pdf = tmp_path / "graph.html", tmp_path / "graph.pdf"
    out.write_text(campaign_page, encoding="utf-8")
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", out.as_uri()], capture_output=True, timeout=HANG_GUARD, check=False)
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, timeout=HANG_GUARD,
                          check=True).stdout
    assert text.count("\f") >= 6  # the overview, then the drawing cut into pages, then the tables
    for words in ("TURN 1 TO TURN 3", "An American alert", "The treaty and the table", "FLAGS: WHO SETS THEM"):
        assert words in text, words
