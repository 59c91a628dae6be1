"""JSON Feed source: 1.0 and 1.1 documents served by a real HTTP server on 127.0.0.1 (and files)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from digest.config import config_from_dict
from digest.errors import ConfigError
from digest.report import RunReport
from digest.sources import SourceContext, collect, source_for
from digest.sources.cache import FeedCacheView
from digest.sources.jsonfeed import parse_json_feed
from digest.sources.paths import read_path
from digest.state.db import FeedCache, State

from .feedserver import Reply

JSON = {"Content-Type": "application/feed+json"}
V1 = "https://jsonfeed.org/version/1"
V11 = "https://jsonfeed.org/version/1.1"


def document(*items, version=V11, **feed):
    data = {"version": version, "title": "Stadtanzeiger", **feed, "items": list(items)}
    if version is None:
        del data["version"]
    return json.dumps(data, ensure_ascii=False).encode()


def make_config(tmp_path, *sources):
    data = {
        "newsletter": {"sections": ["Bayern", "Welt"]},
        "sources": list(sources),
        "fetch": {"timeout": 2},
        "state": {"path": str(tmp_path / "state.db")},
    }
    return config_from_dict(data, tmp_path, "test.toml")


def read(tmp_path, *sources):
    report = RunReport()
    return collect(make_config(tmp_path, *sources), report), report


def jsonfeed(name, url, **extra):
    return {"name": name, "type": "jsonfeed", "url": url, **extra}


ITEMS_11 = [
    {
        "id": "https://stadt.example/a/1",
        "url": "/nachrichten/radweg?utm_source=feed",
        "title": "Radweg am <b>Mühlbach</b> kommt",
        "content_html": '<p>Der Stadtrat hat den Radweg beschlossen.</p><img src="https://track.example/p.gif" width="1">'
        '<script>alert(1)</script><p onclick="x()">Bauen soll die Stadt im Frühjahr.</p>',
        "date_published": "2026-11-25T14:10:00Z",
        "authors": [{"name": "Anna Beispiel"}],
        "tags": ["Verkehr", "bayern"],
    },
    {
        "id": 4711,
        "url": "https://stadt.example/a/2",
        "title": "Markt öffnet",
        "content_text": "Der Wochenmarkt öffnet wieder.\n\nEr hat 40 Stände <neu>.",
        "date_published": "2026-11-25T09:00:00+01:00",
        "author": {"name": "Redaktion"},
    },
]


def test_json_feed_11_items_become_sanitised_items(feed_server, tmp_path):
    url = feed_server.route("/feed.json", Reply(body=document(*ITEMS_11), headers=JSON))
    items, report = read(tmp_path, jsonfeed("Stadt", url))
    assert report.failures == [] and report.warnings == []
    first, second = items
    assert first.title == "Radweg am Mühlbach kommt"
    assert first.url == first.key == feed_server.url("/nachrichten/radweg")  # resolved, no utm_*
    assert "Radweg beschlossen" in first.body and "Frühjahr" in first.body
    assert "<img" not in first.body and "track.example" not in first.body  # no tracking pixel
    assert "script" not in first.body and "alert" not in first.body and "onclick" not in first.body
    assert first.published == datetime(2026, 11, 25, 14, 10, tzinfo=UTC)
    assert first.section == "Bayern"  # a tag that names a configured section
    assert (
        second.body == "<p>Der Wochenmarkt öffnet wieder.</p><p>Er hat 40 Stände &lt;neu&gt;.</p>"
    )
    assert second.published == datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    assert second.section is None and second.body_format == "html"


def test_json_feed_10_and_a_local_file(tmp_path):
    path = tmp_path / "feed.json"
    path.write_bytes(
        document(
            {"id": "7", "title": "Nur Text", "content_text": "Ein kurzer Satz."},
            version=V1,
            home_page_url="https://stadt.example/",
        )
    )
    items, report = read(tmp_path, {"name": "Datei", "type": "jsonfeed", "path": str(path)})
    assert report.warnings == [] and report.failures == []
    assert [i.key for i in items] == ["https://stadt.example/#7"]  # a bare id, prefixed
    assert items[0].body == "<p>Ein kurzer Satz.</p>"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            b'{"version": "https://jsonfeed.org/version/1.1", "items": [}',
            "malformed JSON at line 1",
        ),
        (b"", "not a feed: the document is empty"),
        (b"[1, 2]", "not a JSON Feed: the document is a list, not an object"),
        (b'{"version": "https://jsonfeed.org/version/1.1"}', "not a JSON Feed: no items list"),
        (b"[" * 100_000 + b"]" * 100_000, "unreadable JSON (RecursionError)"),
        (b'{"items": [], "n": ' + b"9" * 10_000 + b"}", "unreadable JSON (ValueError)"),
        (b"\xff\xfe{\x00", "JSON"),
    ],
)
def test_what_is_no_json_feed_fails_this_source_in_one_line(feed_server, tmp_path, body, reason):
    url = feed_server.route("/bad.json", Reply(body=body, headers=JSON))
    ok = feed_server.route("/ok.json", Reply(body=document(*ITEMS_11), headers=JSON))
    items, report = read(tmp_path, jsonfeed("Kaputt", url), jsonfeed("Gut", ok))
    assert len(report.failures) == 1
    assert report.failures[0].startswith(f"feed 'Kaputt': {url}: ")
    assert reason in report.failures[0] and "Traceback" not in report.failures[0]
    assert {i.source for i in items} == {"Gut"}


def test_version_and_item_problems_are_one_warning_each_naming_feed_and_items(
    feed_server, tmp_path
):
    items_in = [
        {"title": "Ohne Kennung", "url": "https://stadt.example/x", "summary": "Kurz."},
        {"title": "Auch ohne", "content_text": "Text ohne Link und Kennung."},
        "kein Objekt",
        {"id": "leer"},
        {"id": "ok", "url": "https://stadt.example/ok", "content_html": "<p>Gut.</p>"},
    ]
    url = feed_server.route("/v.json", Reply(body=document(*items_in, version=None), headers=JSON))
    items, report = read(tmp_path, jsonfeed("S", url))
    assert report.failures == []
    where = f"feed 'S' ({url})"
    assert report.warnings == [
        f"{where}: no version (read as JSON Feed 1.1); read 3 entries",
        f"{where}: 2 items without id, keyed by url or text (item 1 'Ohne Kennung', item 2 "
        "'Auch ohne'); read 3 entries",
        f"{where}: 1 item that are no JSON object, skipped (item 3); read 3 entries",
        f"{where}: 1 item without title, url or text, skipped (item 4); read 3 entries",
    ]
    assert [i.url for i in items] == ["https://stadt.example/x", None, "https://stadt.example/ok"]
    assert items[1].key.startswith("sha256:")


def test_unknown_version_is_read_with_a_warning():
    parsed = parse_json_feed(
        document(ITEMS_11[0], version="https://jsonfeed.org/version/2"), url=None
    )
    assert parsed.problems == (
        "unknown version 'https://jsonfeed.org/version/2' (read as JSON Feed 1.1)",
    )
    assert len(parsed.entries) == 1


def test_a_10000_item_feed_is_read_with_bounded_warnings():
    items = [
        {"title": f"Meldung {n}", "content_text": f"Text Nummer {n}."}
        if n % 2
        else {"id": f"https://stadt.example/{n}", "content_text": f"Text {n}."}
        for n in range(10_000)
    ]
    parsed = parse_json_feed(document(*items), url="https://stadt.example/feed.json")
    assert len(parsed.entries) == 10_000
    assert parsed.problems == (
        "5000 items without id, keyed by url or text (item 2 'Meldung 1', item 4 'Meldung 3', "
        "item 6 'Meldung 5' and 4997 more)",
    )


def test_unchanged_json_feed_costs_a_304_and_keeps_what_was_summary_only(feed_server, tmp_path):
    calls = []
    body = document(
        {"id": "a", "url": feed_server.url("/artikel/a"), "title": "A", "summary": "Kurz A."}
    )

    def conditional(request):
        calls.append(request.headers.get("if-none-match"))
        if request.headers.get("if-none-match") == '"j1"':
            return Reply(304, headers={"ETag": '"j1"'})
        return Reply(body=body, headers={**JSON, "ETag": '"j1"'})

    url = feed_server.route("/feed.json", conditional)
    config = make_config(tmp_path, jsonfeed("J", url))
    with State(tmp_path / "state.db") as state:
        first = collect(config, RunReport(), feed_cache=FeedCacheView(state))
        assert FeedCache(state).get(url).etag == '"j1"'
        second = collect(config, RunReport(), feed_cache=FeedCacheView(state))
    assert calls == [None, '"j1"']
    assert second == first and first[0].body == "<p>Kurz A.</p>"
    assert feed_server.hits("/feed.json")[0].headers["accept"].startswith("application/feed+json")


def test_fulltext_fetches_only_the_pages_of_summary_only_entries(feed_server, tmp_path):
    feed_server.serve_file("/artikel/bibliothek", "article.html", "text/html; charset=utf-8")
    feed_server.serve_file("/artikel/voll", "article.html", "text/html; charset=utf-8")
    body = document(
        {
            "id": "1",
            "url": feed_server.url("/artikel/bibliothek"),
            "title": "Bibliothek wird Bürgerzentrum",
            "summary": "Kurz: Die Bibliothek wird umgebaut.",
        },
        {
            "id": "2",
            "url": feed_server.url("/artikel/voll"),
            "title": "Schon ganz",
            "content_html": "<p>Der ganze Text steht schon im Feed.</p>",
        },
    )
    url = feed_server.route("/f.json", Reply(body=body, headers=JSON))
    items, report = read(tmp_path, jsonfeed("V", url, fulltext=True))
    assert report.failures == [] and report.warnings == []
    full, own = items
    assert "Kulturreferentin Lena Hofer" in full.body and "Kurz:" not in full.body
    assert own.body == "<p>Der ganze Text steht schon im Feed.</p>"
    assert feed_server.hits("/artikel/voll") == []


def test_a_jsonfeed_source_checks_its_keys(tmp_path):
    with pytest.raises(ConfigError) as caught:
        make_config(tmp_path, {"name": "J", "type": "jsonfeed", "fulltxt": True})
    problems = "\n".join(caught.value.problems)
    assert "sources[0].fulltxt: unknown key (did you mean 'fulltext'?)" in problems
    with pytest.raises(ConfigError) as caught:
        make_config(tmp_path, {"name": "J", "type": "jsonfeed"})
    assert "sources[0]: a feed source needs exactly one of url and path" in caught.value.problems[0]


def test_digest_reduce_reads_json_feed_files_and_urls(feed_server, tmp_path):
    path = tmp_path / "feed.json"
    path.write_bytes(document(*ITEMS_11))
    report = RunReport()
    assert [i.title for i in read_path(str(path), None, report)] == [
        "Radweg am Mühlbach kommt",
        "Markt öffnet",
    ]
    unnamed = tmp_path / "stadtfeed"  # no telling suffix: recognised by how it starts
    unnamed.write_bytes(document(*ITEMS_11))
    assert len(read_path(str(unnamed), None, report)) == 2
    url = feed_server.route("/r.json", Reply(body=document(*ITEMS_11), headers=JSON))
    assert len(read_path(url, None, report)) == 2
    assert report.failures == [] and report.warnings == []
    folder = tmp_path / "out"  # other JSON in a folder is no feed, and no failure: as before
    folder.mkdir()
    (folder / "digest.json").write_text('{"newsletter": "x", "stories": []}')
    assert read_path(str(folder), None, report) == []
    assert report.failures == [] and report.warnings == []


def test_digest_check_reads_a_json_feed_on_its_own(feed_server, tmp_path):
    # `digest check` reads each source without the run's fetcher: the source fetches by itself
    # and stays a JSON Feed source while doing so.
    url = feed_server.route("/c.json", Reply(body=document(*ITEMS_11), headers=JSON))
    config = make_config(tmp_path, jsonfeed("J", url))
    report = RunReport()
    items = source_for(config.sources[0], SourceContext(config, report)).items()
    assert [i.title for i in items] == ["Radweg am Mühlbach kommt", "Markt öffnet"]
    assert report.warnings == [] and report.failures == []
