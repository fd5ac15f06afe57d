"""Fixtures for the report tests: saves of the tiny scenario, a hostile copy of it, and a page inspector."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from partnership_game.scenario import load_path
from partnership_game.session import Session, write_save
from partnership_game.text.play import scripted

REPO = Path(__file__).resolve().parent.parent.parent
TINY = REPO / "tests" / "data" / "tiny.yaml"
HANG_GUARD = 120  # seconds; only so a hang fails instead of blocking the suite, never a timing assertion
SEED = 4242

# Texts a hostile scenario or save might carry; none may reach the page as markup.
SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
ENTITY = "&amp; &lt;b&gt; Tom & Jerry's"
HOSTILE_TEXTS = (SCRIPT, BREAKOUT, ENTITY)
HOSTILE_URL = 'https://example.org/?q="><script>alert(2)</script>'
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def hostile_document(scenario_id: str = "hostile") -> dict[str, Any]:
    """tiny.yaml with hostile text in every field a report shows."""
    doc = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    doc["id"] = scenario_id
    doc["title"] = f"Title {SCRIPT}"
    doc["description"] = f"Description {BREAKOUT} {ENTITY}"
    for k, meter in enumerate(doc["meters"]):
        meter["label"] = f"Meter{k} {SCRIPT}"
    for turn in doc["turns"]:
        turn["date_label"] = f"{turn['date']} {BREAKOUT}"
        turn["place"] = f"Place {ENTITY}"
        turn["title"] = f"Turn {SCRIPT}"
    for event in doc["events"]:
        event["title"] = f"Event {event['id']} {BREAKOUT}"
        event["situation"] = f"Situation {SCRIPT}"
        event["sources"] = [{"title": f"Source {SCRIPT}", "url": HOSTILE_URL}, {"title": f"Plain {ENTITY}"}]
        event["notes"] = [f"Note {BREAKOUT}", f"Another note {ENTITY}"]
        for option in event.get("options", []):
            option["label"] = f"Option {option['id']} {SCRIPT}"
            for effect in option.get("effects", []):
                if effect.get("type") == "delayed":
                    effect["text"] = f"Delayed {BREAKOUT}"
            for outcome in option.get("outcomes", []):
                outcome["text"] = f"Outcome {SCRIPT}"
    for ending in doc["endings"]:
        ending["title"] = f"Ending {ending['id']} {BREAKOUT}"
        ending["text"] = f"Epilogue {SCRIPT}\n\nSecond paragraph {ENTITY}"
    doc["questions"] = [f"Question {SCRIPT}", f"Question {BREAKOUT}", f"Question {ENTITY}"]
    return doc


@pytest.fixture(autouse=True, scope="session")
def _utc() -> Any:
    """Reports show times in the computer's local zone: the tests fix it to UTC unless a test sets another."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.fixture
def hostile_path(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(hostile_document(), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def play(scenario: Path, choices: str, player: str | None = "Tester", seed: int = SEED) -> Session:
    session = Session(load_path(scenario), seed, player=player)
    scripted(session, choices)
    return session


@pytest.fixture
def make_save(tmp_path: Path) -> Callable[..., Path]:
    """Play a scenario with scripted choices and write the save; returns its path."""

    def make(name: str, choices: str = "historical", player: str | None = "Tester", seed: int = SEED,
             scenario: Path = TINY, folder: Path | None = None) -> Path:
        path = (folder or tmp_path / "saves") / name
        write_save(path, play(scenario, choices, player, seed))
        return path

    return make


def edit_save(path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def cli(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "partnership_game", *map(str, args)],
        cwd=cwd, env=dict(os.environ), capture_output=True, text=True, timeout=HANG_GUARD,
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


class Page(HTMLParser):
    """Every tag with its attributes, and the text as a reader sees it."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.feed(markup)
        self.close()

    BLOCKS = frozenset({"p", "div", "li", "td", "th", "tr", "dt", "dd", "h1", "h2", "h3", "figcaption", "section"})
    HIDDEN = frozenset({"style", "title"})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._current = tag
        if tag in self.BLOCKS:
            self.chunks.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self._current = ""
        if tag in self.BLOCKS:
            self.chunks.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if getattr(self, "_current", "") not in self.HIDDEN:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        """The visible text, whitespace collapsed, blocks parted by a space (not the stylesheet or the title)."""
        return " ".join("".join(self.chunks).split())

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "div", "p", "h1", "h2", "h3", "dl", "dt",
                "dd", "section", "span", "strong", "table", "thead", "tbody", "tr", "th", "td", "figure", "img",
                "figcaption", "ol", "ul", "li", "a", "footer"}


def assert_self_contained(markup: str) -> Page:
    """Nothing loads from outside and nothing runs: only known tags, no event handlers, images inline PNGs."""
    lowered = markup.lower()
    for needle in ('src="http', "src='http", "<link", "@import", "<script", "url(", "<iframe", "<object", "<embed",
                   "javascript:", "<base"):
        assert needle not in lowered, needle
    page = Page(markup)
    for tag, attrs in page.tags:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name == "src":
                assert tag == "img" and value is not None and value.startswith("data:image/png;base64,"), value
            if name == "href":
                assert tag == "a" and value is not None and value.startswith(("https://", "http://")), value
    return page


def png_images(page: Page) -> list[bytes]:
    """The decoded bytes of every <img>, each checked to be a PNG."""
    images = []
    for attrs in page.named("img"):
        src = attrs["src"] or ""
        data = base64.b64decode(src.removeprefix("data:image/png;base64,"), validate=True)
        assert data.startswith(PNG_MAGIC)
        images.append(data)
    return images
