"""Feed source: RSS/Atom fixtures served by a real HTTP server on 127.0.0.1 (and read from files)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from digest.config import config_from_dict
from digest.report import RunReport
from digest.sources import collect
from digest.sources.cache import FeedCacheView
from digest.state.db import FeedCache, FeedValidators, State

from .conftest import ROOT
from .feedserver import Reply, feed_file

FEEDS = ROOT / "tests" / "data" / "feeds"
RSS = {"Content-Type": "application/rss+xml"}


def make_config(tmp_path, *sources, fetch=None, **newsletter):
    data = {
        "newsletter": {"sections": ["Bayern", "Deutschland", "Welt"], **newsletter},
        "sources": list(sources),
        "fetch": {"timeout": 2, **(fetch or {})},
        "state": {"path": str(tmp_path / "state.db")},
    }
    return config_from_dict(data, tmp_path, "test.toml")


def read(tmp_path, *sources, **kwargs):
    report = RunReport()
    items = collect(make_config(tmp_path, *sources, **kwargs), report)
    return items, report


def feed(name, url, **extra):
    return {"name": name, "type": "feed", "url": url, **extra}


def test_rss2_entries_become_items(feed_server, tmp_path):
    url = feed_server.serve_file("/feeds/basic.xml", "basic.xml")
    items, report = read(tmp_path, feed("Beispielzeitung", url))
    assert report.failures == [] and report.warnings == []
    assert [i.title for i in items] == [
        "Stadtrat gibt 480 Millionen Euro für Wohnungen frei",
        "Neue S-Bahn-Linie für den Osten der Stadt",
        "Pegel der Isen steigt: Stadt warnt vor Hochwasser",
    ]  # the second copy of the first entry is gone
    first, second, third = items
    # relative link resolved against the feed's URL, tracking parameters removed: the key is stable
    assert first.url == first.key == feed_server.url("/nachrichten/wohnen?id=7")
    assert first.published == datetime(2026, 11, 25, 14, 10, tzinfo=UTC)
    assert first.section == "Bayern"  # a category that is a configured section
    assert second.section == "Verkehr"  # else the first category
    assert third.section is None
    assert first.body_format == "html" and "Petra Sommer" in first.body
    assert "40.000 Fahrgästen" in second.body  # content:encoded preferred to the short description
    assert (
        third.url == "https://www.example.org/nachrichten/hochwasser"
    )  # Google redirect unwrapped
    assert all(i.source == "Beispielzeitung" and i.language == "de" for i in items)


def test_source_section_overrides_categories(feed_server, tmp_path):
    url = feed_server.serve_file("/feeds/basic.xml", "basic.xml")
    items, _ = read(tmp_path, feed("B", url, section="Welt"))
    assert {i.section for i in items} == {"Welt"}


@pytest.mark.parametrize(
    ("name", "title", "url"),
    [
        (
            "atom.xml",
            "Markt <b>wächst</b> wieder",
            "https://atom.example.org/blog/posts/markt-waechst",
        ),
        ("rss1.xml", "Bibliothek verlängert Öffnungszeiten", "https://rdf.example.org/a"),
        ("rss091.xml", "Freibad öffnet früher", "https://old.example.org/freibad"),
    ],
)
def test_atom_rss1_and_rss091(feed_server, tmp_path, name, title, url):
    feed_url = feed_server.serve_file(f"/{name}", name, "application/xml")
    items, report = read(tmp_path, feed("F", feed_url))
    assert report.failures == []
    assert items[0].title == title and items[0].url == url


def test_atom_text_content_is_text_not_markup(feed_server, tmp_path):
    url = feed_server.serve_file("/atom.xml", "atom.xml", "application/atom+xml")
    items, _ = read(tmp_path, feed("F", url))
    no_link = items[1]
    assert no_link.url is None and no_link.key == "urn:uuid:3f0a4b2c-0000-4000-8000-000000000003"
    assert "&lt;Zeichen&gt;" in no_link.body  # shown as characters, never parsed as a tag


def test_latin1_feed(feed_server, tmp_path):
    url = feed_server.route("/latin1.xml", Reply(body=feed_file("latin1.xml"), headers=RSS))
    items, report = read(tmp_path, feed("F", url))
    assert report.warnings == []
    assert items[0].title == "Grüße aus Fürth: Straßenfest lockt 20.000 Besucher"
    assert "größer als je zuvor" in items[0].body


def test_entries_without_title_date_or_link(feed_server, tmp_path):
    url = feed_server.serve_file("/sparse.xml", "sparse.xml")
    before = datetime.now(UTC)
    items, report = read(tmp_path, feed("Lücken", url))
    by_title = {i.title: i for i in items}
    assert set(by_title) == {None, "Ohne Datum", "Ohne Link, mit guid", "Ohne Link und ohne guid"}
    assert by_title[None].url == "https://sparse.example.org/ohne-titel"
    undated = by_title["Ohne Datum"].published
    assert undated.tzinfo is not None and before <= undated <= datetime.now(UTC)  # fetch time
    assert by_title["Ohne Link, mit guid"].key == f"{url}#4711"  # a bare guid, namespaced
    assert by_title["Ohne Link und ohne guid"].key.startswith("sha256:")  # a hash of the content
    assert report.warnings == [
        f"feed 'Lücken' ({url}): 1 entry without text skipped "
        "(set fulltext = true to fetch their pages)"
    ]


def test_keys_are_stable_across_fetches(feed_server, tmp_path):
    url = feed_server.serve_file("/sparse.xml", "sparse.xml")
    first, _ = read(tmp_path, feed("F", url))
    second, _ = read(tmp_path, feed("F", url))
    assert [i.key for i in first] == [i.key for i in second]


def test_google_news_link_is_unwrapped(feed_server, tmp_path):
    target = b"https://www.example.org/nachrichten/bruecke"
    article_id = base64.urlsafe_b64encode(
        b"\x08\x13\x22" + bytes([len(target)]) + target + b"\xd2\x01\x00"
    )
    link = "https://news.google.com/rss/articles/" + article_id.decode().rstrip("=") + "?oc=5"
    body = (
        '<rss version="2.0"><channel><title>G</title><item><title>Brücke gesperrt</title>'
        f"<link>{link}</link><description>Die Brücke ist gesperrt.</description></item>"
        "</channel></rss>"
    ).encode()
    url = feed_server.route("/g.xml", Reply(body=body, headers=RSS))
    items, _ = read(tmp_path, feed("G", url))
    assert items[0].url == target.decode()


def test_invalid_xml_yields_what_it_can_with_a_warning(feed_server, tmp_path):
    url = feed_server.serve_file("/invalid.xml", "invalid.xml")
    items, report = read(tmp_path, feed("Kaputt", url))
    assert [i.url for i in items][:2] == [
        "https://broken.example.org/1",
        "https://broken.example.org/2",
    ]
    assert report.failures == []
    (warning,) = report.warnings
    assert warning.startswith(f"feed 'Kaputt' ({url}): malformed XML at line 13, column")
    assert warning.endswith(f"; read {len(items)} entries")


def test_html_page_instead_of_a_feed_names_the_feed_it_links(feed_server, tmp_path):
    url = feed_server.serve_file("/", "page.html", "text/html; charset=utf-8")
    items, report = read(tmp_path, feed("Start", url))
    assert items == []
    assert report.failures == [
        f"feed 'Start': {url}: not a feed but an HTML page; "
        f"the page names a feed: {feed_server.url('/feeds/basic.xml')}"
    ]
    assert report.exit_code == 1


def test_wrong_but_harmless_content_type_is_accepted(feed_server, tmp_path):
    url = feed_server.serve_file("/feed", "basic.xml", "text/plain")
    items, report = read(tmp_path, feed("F", url))
    assert len(items) == 3 and report.warnings == [] and report.failures == []


def test_binary_content_type_is_not_a_feed(feed_server, tmp_path):
    url = feed_server.route(
        "/feed", Reply(body=b"\x89PNG\r\n\x1a\n", headers={"Content-Type": "image/png"})
    )
    _, report = read(tmp_path, feed("F", url))
    assert report.failures == [f"feed 'F': {url}: not a feed (Content-Type image/png)"]


def test_empty_body_is_not_a_feed(feed_server, tmp_path):
    url = feed_server.route("/feed", Reply(body=b"", headers=RSS))
    _, report = read(tmp_path, feed("F", url))
    assert report.failures == [f"feed 'F': {url}: not a feed: the document is empty"]


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (Reply(404, b"gone"), "HTTP 404 Not Found"),
        (Reply(500, b"oops"), "HTTP 500 Internal Server Error"),
        (Reply(200, b"<rss/>", delay=2.0), "timed out after 0.5 s"),
        (Reply(302, headers={"Location": "/broken"}), "too many redirects (more than 5)"),
        (Reply(200, b"x" * 2_000_000, headers=RSS), "too large: 2,000,000 bytes (limit 1,000,000)"),
    ],
    ids=["404", "500", "timeout", "redirect-loop", "oversized"],
)
def test_a_failing_feed_is_one_line_and_the_others_go_on(feed_server, tmp_path, reply, reason):
    good = feed_server.serve_file("/good.xml", "basic.xml")
    broken = feed_server.route("/broken", reply)
    items, report = read(
        tmp_path,
        feed("Kaputt", broken, timeout=0.5),
        feed("Gut", good),
        fetch={"max_mb": 1},
    )
    assert report.failures == [f"feed 'Kaputt': {broken}: {reason}"]
    assert report.exit_code == 1
    assert len(items) == 3 and {i.source for i in items} == {"Gut"}


def test_local_feed_file(tmp_path):
    source = {"name": "Datei", "type": "feed", "path": str(FEEDS / "rss1.xml")}
    items, report = read(tmp_path, source)
    assert report.failures == [] and items[0].title == "Bibliothek verlängert Öffnungszeiten"


def test_unchanged_feed_costs_a_304_and_no_parsing(feed_server, tmp_path):
    calls = []

    def conditional(request):
        calls.append(request.headers.get("if-none-match"))
        if request.headers.get("if-none-match") == '"v7"':
            return Reply(304, headers={"ETag": '"v7"'})
        return Reply(body=feed_file("basic.xml"), headers={**RSS, "ETag": '"v7"'})

    url = feed_server.route("/feed.xml", conditional)
    config = make_config(tmp_path, feed("F", url))
    with State(tmp_path / "state.db") as state:  # writable: the sending run's state
        first = collect(config, RunReport(), feed_cache=FeedCacheView(state))
        assert FeedCache(state).get(url).etag == '"v7"'
        second = collect(config, RunReport(), feed_cache=FeedCacheView(state))
    assert calls == [None, '"v7"']
    assert second == first  # the entries parsed last time, not nothing


def test_a_read_only_state_uses_the_cache_but_never_writes_it(feed_server, tmp_path):
    url = feed_server.route(
        "/feed.xml", Reply(body=feed_file("basic.xml"), headers={**RSS, "ETag": '"v1"'})
    )
    config = make_config(tmp_path, feed("F", url))
    State(tmp_path / "state.db").close()
    with State(tmp_path / "state.db", readonly=True) as state:
        items = collect(config, RunReport(), feed_cache=FeedCacheView(state))
        assert len(items) == 3
        assert FeedCache(state).get(url) is None


def test_fulltext_fetches_the_entry_pages(feed_server, tmp_path):
    feed_server.serve_file("/artikel/bibliothek", "article.html", "text/html; charset=utf-8")
    body = (
        '<rss version="2.0"><channel><title>V</title>'
        "<item><title>Bibliothek wird Bürgerzentrum</title><link>/artikel/bibliothek</link>"
        "<description>Kurz: Die Bibliothek wird umgebaut.</description></item>"
        "<item><title>Nur ein Titel</title><link>/artikel/fehlt</link></item>"
        "<item><title>Seite fehlt</title><link>/artikel/weg</link>"
        "<description>Der Text aus dem Feed.</description></item>"
        "</channel></rss>"
    ).encode()
    url = feed_server.route("/v.xml", Reply(body=body, headers=RSS))
    items, report = read(tmp_path, feed("V", url, fulltext=True))
    full, fallback = items
    assert "Kulturreferentin Lena Hofer" in full.body and "Meistgelesen" not in full.body
    assert "Startseite" not in full.body and "tracking" not in full.body
    assert full.title == "Bibliothek wird Bürgerzentrum"
    assert fallback.body == "Der Text aus dem Feed."
    assert report.warnings == [
        f"feed 'V': full text: {feed_server.url('/artikel/fehlt')}: HTTP 404 Not Found; "
        "skipped: the feed has no text",
        f"feed 'V': full text: {feed_server.url('/artikel/weg')}: HTTP 404 Not Found; "
        "using the feed's text",
    ]
    assert report.failures == []


def test_fulltext_refuses_private_addresses_from_a_public_feed(feed_server, tmp_path):
    feed_server.serve_file("/intern", "article.html", "text/html")
    path = tmp_path / "public.xml"
    path.write_text(
        '<rss version="2.0"><channel><title>P</title><item><title>Intern</title>'
        f"<link>{feed_server.url('/intern')}</link><description>Feedtext.</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    items, report = read(
        tmp_path, {"name": "P", "type": "feed", "path": str(path), "fulltext": True}
    )
    assert items[0].body == "Feedtext."
    assert feed_server.hits("/intern") == []
    assert "a private address in a public feed" in report.warnings[0]


def test_page_source_reads_articles(feed_server, tmp_path):
    url = feed_server.serve_file("/artikel/bibliothek", "article.html", "text/html; charset=utf-8")
    missing = feed_server.url("/artikel/weg")
    source = {"name": "Seiten", "type": "page", "urls": [url, missing], "section": "Bayern"}
    items, report = read(tmp_path, source)
    (item,) = items
    assert item.key == item.url == url
    assert item.title == "Stadtbibliothek wird Bürgerzentrum"
    assert item.published == datetime(2026, 11, 25, 13, 30, tzinfo=UTC)  # 14:30 +01:00
    assert item.section == "Bayern" and "18 Millionen Euro" in item.body
    assert "<h1>" not in item.body  # the title is not repeated in the text
    assert report.failures == [f"page 'Seiten': {missing}: HTTP 404 Not Found"]


def test_page_that_is_not_html(feed_server, tmp_path):
    url = feed_server.route(
        "/doc.pdf", Reply(body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"})
    )
    _, report = read(tmp_path, {"name": "S", "type": "page", "urls": [url]})
    assert report.failures == []  # a bad page is a warning: fetching it again would not help
    assert report.warnings == [
        f"page 'S': {url}: not an HTML page (Content-Type application/pdf); skipped"
    ]


def test_gzip_feed(feed_server, tmp_path):
    url = feed_server.route("/f.xml", Reply(body=feed_file("latin1.xml"), headers=RSS, gzip=True))
    items, report = read(tmp_path, feed("F", url))
    assert report.failures == [] and items[0].title.startswith("Grüße aus Fürth")


def test_unreadable_cached_entries_mean_an_unconditional_fetch(feed_server, tmp_path):
    url = feed_server.route("/f.xml", Reply(body=feed_file("basic.xml"), headers=RSS))
    with State(tmp_path / "state.db") as state:
        FeedCache(state).put(url, FeedValidators('"old"', None), "not json")
        items = collect(
            make_config(tmp_path, feed("F", url)), RunReport(), feed_cache=FeedCacheView(state)
        )
    assert len(items) == 3
    assert "if-none-match" not in feed_server.hits("/f.xml")[0].headers  # a 304 would lose entries


def test_a_feed_source_read_on_its_own_fetches_by_itself(feed_server, tmp_path):
    from digest.sources import SourceContext
    from digest.sources.feed import FeedSource

    url = feed_server.serve_file("/f.xml", "rss091.xml")
    config = make_config(tmp_path, feed("F", url))
    items = FeedSource(config.sources[0], SourceContext(config, RunReport())).items()
    assert [i.title for i in items] == ["Freibad öffnet früher"]
