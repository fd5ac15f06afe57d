"""Someone else's scenario, a student's name, a file's name: every text reaches the page as text, never markup."""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from partnership_game.report import build_class_report, class_report_html, report_csv, report_html
from partnership_game.report.class_report import class_csv
from partnership_game.report.csvfile import cell
from partnership_game.report.gather import gather
from partnership_game.report.markup import Markup, el, esc, link, paragraphs
from partnership_game.session import read_save

from .conftest import BREAKOUT, ENTITY, HOSTILE_TEXTS, HOSTILE_URL, SCRIPT, assert_self_contained, edit_save, play

PLAYER = f"Eve {SCRIPT} {BREAKOUT}"


def assert_shown_as_text(markup: str, texts: tuple[str, ...] = HOSTILE_TEXTS) -> None:
    page = assert_self_contained(markup)
    for text in texts:
        if "<" in text or '"' in text:
            assert text not in markup, text  # not there as markup...
        assert html.escape(text, quote=True) in markup, text  # ...but there, escaped...
        assert text in page.text, text  # ...and a reader sees exactly what the author wrote


def test_single_report_escapes_every_scenario_and_save_text(hostile_path: Path) -> None:
    session = play(hostile_path, "historical", player=PLAYER)
    markup = report_html(session, saved=f"2025 {SCRIPT}")
    assert_shown_as_text(markup, (*HOSTILE_TEXTS, PLAYER))
    assert html.escape(f"2025 {SCRIPT}") in markup  # an unreadable save time is shown as it was, escaped
    assert "<script" not in markup.lower() and "<img src=x" not in markup
    # The whole hostile url is one attribute value: it cannot close the attribute or open a tag.
    anchors = assert_self_contained(markup).named("a")
    assert anchors and all(a["href"] == HOSTILE_URL for a in anchors)
    assert "&amp;amp;" in markup  # '&amp;' written by the author is shown as '&amp;', not as '&'


def test_the_first_page_heading_and_title_are_escaped(hostile_path: Path) -> None:
    markup = report_html(play(hostile_path, "historical", player=PLAYER))
    assert f"<title>Title {html.escape(SCRIPT)}: report on {html.escape(PLAYER)}</title>" in markup
    assert f"<h1>Title {html.escape(SCRIPT)}</h1>" in markup


def test_class_report_escapes_scenario_texts_names_file_names_and_times(hostile_path: Path, tmp_path: Path,
                                                                         make_save) -> None:
    folder = tmp_path / "class"
    make_save("a.json", "historical", player=PLAYER, scenario=hostile_path, folder=folder)
    odd = make_save(f"{BREAKOUT.replace('/', '')}.json", "wait,gamble,walk", player=SCRIPT, scenario=hostile_path,
                    folder=folder)
    edit_save(odd, lambda data: data.update(saved=SCRIPT))
    (folder / f"{SCRIPT.replace('/', '')}.json").write_text("not json", encoding="utf-8")
    read, skipped = gather([folder])
    assert len(read) == 2 and len(skipped) == 1
    markup = class_report_html(build_class_report(read, skipped))
    assert_shown_as_text(markup, (SCRIPT, BREAKOUT, PLAYER, odd.name, skipped[0].path.name))
    assert "<script" not in markup.lower() and "<img src=x" not in markup


def test_csv_keeps_texts_exact_but_defuses_formulas(hostile_path: Path, tmp_path: Path, make_save) -> None:
    formula = '=HYPERLINK("https://example.org","click")'
    path = make_save("f.json", "historical", player=formula, scenario=hostile_path)
    session = read_save(path)
    rows = list(csv.reader(io.StringIO(report_csv(session).decode("utf-8"))))
    assert rows[1][4] == f"Event first {BREAKOUT}" and rows[1][6] == f"Option help {SCRIPT}"
    read, skipped = gather([path])
    student = next(csv.DictReader(io.StringIO(class_csv(build_class_report(read, skipped)).decode("utf-8"))))
    assert student["player"] == "'" + formula
    assert [cell(v) for v in ("+1", "-2", "@x", "\tx", "plain", 3, -4, None, True)] == [
        "'+1", "'-2", "'@x", "'\tx", "plain", "3", "-4", "", "yes"]


def test_markup_helpers_escape_unless_told_the_text_is_markup() -> None:
    assert esc(SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert esc(ENTITY) == "&amp;amp; &amp;lt;b&amp;gt; Tom &amp; Jerry&#x27;s"
    assert esc(Markup("<b>ok</b>")) == "<b>ok</b>" and esc(None) == ""
    assert el("td", BREAKOUT, title=BREAKOUT) == ('<td title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">'
                                                   "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td>")
    assert link("javascript:alert(1)") == "javascript:alert(1)"  # shown, never a link
    assert paragraphs(f"a\nb\n\n{SCRIPT}") == f"<p>a b</p>\n<p>{esc(SCRIPT)}</p>"
