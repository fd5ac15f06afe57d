"""Every link in the shipped scenarios goes to a reviewed host: a publisher, an official archive or web.archive.org."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from partnership_game.scenario import load_path

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"

# The citation rule (../shared/FACTS.md): link only to the publisher, an official archive, a library catalogue or
# the Internet Archive; never to unofficial copies of books or reposts of articles. Each host here was reviewed
# for that; a new host needs the same review (and a line here saying what it is) before a scenario may link to it.
REVIEWED_HOSTS = {
    # Official archives
    "2001-2009.state.gov": "official archive: the US Department of State's 2001-2009 site",
    "georgewbush-whitehouse.archives.gov": "official archive: the George W. Bush White House (NARA)",
    "www.defense.gov": "official archive: the US Department of Defense's news articles",
    "en.kremlin.ru": "official archive: the Russian President's site (English)",
    "en.special.kremlin.ru": "official archive: the Russian President's site, accessible version (English)",
    "www.nato.int": "official archive: NATO's own releases, speeches and NATO Review",
    # The Internet Archive
    "web.archive.org": "Internet Archive: the Wayback Machine's copy of an original page",
    # Publishers of the article, report or transcript cited (their own site or their own archive)
    "articles.chicagotribune.com": "publisher: the Chicago Tribune's archive",
    "cacianalyst.org": "publisher: the Central Asia-Caucasus Analyst",
    "civil.ge": "publisher: Civil Georgia",
    "eng.yabloko.ru": "publisher: the Yabloko party, of its own leaders' interview transcripts",
    "foreignpolicy.com": "publisher: Foreign Policy",
    "jamestown.org": "publisher: the Jamestown Foundation (Monitor, North Caucasus Weekly)",
    "meduza.io": "publisher: Meduza, of its own article on the declassified transcripts",
    "news.bbc.co.uk": "publisher: BBC News",
    "oldtmt.vedomosti.ru": "publisher: The Moscow Times's archive, kept by its sister paper Vedomosti",
    "sputnikglobe.com": "publisher: Sputnik, of its own interview",
    "txt.newsru.com": "publisher: NEWSru (text edition)",
    "www.armscontrol.org": "publisher: the Arms Control Association (Arms Control Today)",
    "www.cfr.org": "publisher: the Council on Foreign Relations",
    "www.cnn.com": "publisher: CNN",
    "www.heritage.org": "publisher: the Heritage Foundation",
    "www.independent.co.uk": "publisher: The Independent",
    "www.irishtimes.com": "publisher: The Irish Times",
    "www.jta.org": "publisher: the Jewish Telegraphic Agency's archive",
    "www.latimes.com": "publisher: the Los Angeles Times's archive",
    "www.rferl.org": "publisher: Radio Free Europe/Radio Liberty",
    "www.russialist.org": "publisher: Johnson's Russia List, of its own numbered issues",
    "www.theguardian.com": "publisher: The Guardian",
    "www.upi.com": "publisher: United Press International",
    "www.voanews.com": "publisher: Voice of America",
    "www.washingtontimes.com": "publisher: The Washington Times",
}

SHIPPED = sorted(SCENARIOS.glob("*.yaml"))


def _hosts(path: Path) -> dict[str, list[str]]:
    """Each host linked from the scenario, with the events that link to it."""
    found: dict[str, list[str]] = {}
    for event in load_path(path).model.events:
        for source in event.sources:
            if source.url is not None:
                found.setdefault((urlsplit(source.url).hostname or "").lower(), []).append(event.id)
    return found


def test_the_shipped_scenarios_are_found() -> None:
    assert {p.name for p in SHIPPED} >= {"new_partnership.yaml", "brussels_2001.yaml"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_source_links_to_a_reviewed_host(path: Path) -> None:
    hosts = _hosts(path)
    assert hosts, f"{path.name} links to no source at all"
    unreviewed = {host: events for host, events in hosts.items() if host not in REVIEWED_HOSTS}
    assert unreviewed == {}, f"{path.name}: sources link to hosts nobody has reviewed (see REVIEWED_HOSTS)"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_links_to_the_internet_archive_name_the_original_page(path: Path) -> None:
    for event in load_path(path).model.events:
        for source in event.sources:
            if source.url is not None and urlsplit(source.url).hostname == "web.archive.org":
                original = source.url.split("/web/", 1)[1].split("/", 1)[1]
                assert original.startswith(("http://", "https://")), (event.id, source.url)


def test_every_reviewed_host_is_still_used() -> None:
    # A host left in the list after its last link went would let a later link through unreviewed.
    used = set().union(*(_hosts(path) for path in SHIPPED))
    assert set(REVIEWED_HOSTS) - used == set()
