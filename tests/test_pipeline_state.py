"""build() and state: seen articles left out, the database only read (unless the caller owns it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from digest.config import config_from_dict
from digest.pipeline import build, open_state
from digest.report import RunReport
from digest.state.db import FeedCache, SeenArticles, State

from .feedserver import Reply


def rss(*entries):
    """A feed of (slug, title, text, hours_old) entries."""
    now = datetime.now(UTC)
    items = "".join(
        f"<item><title>{title}</title><link>https://example.org/{slug}</link>"
        f"<pubDate>{format_datetime(now - timedelta(hours=age))}</pubDate>"
        f"<description>{text}</description></item>"
        for slug, title, text, age in entries
    )
    return f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()


NEWS = rss(
    (
        "brunnen",
        "Marktbrunnen wird saniert",
        "Der Marktbrunnen in Nordheim wird ab Montag saniert.",
        2,
    ),
    (
        "konzert",
        "Open-Air-Konzert abgesagt",
        "Wegen Sturmwarnung fällt das Konzert im Park aus.",
        3,
    ),
    ("alt", "Alte Meldung von letzter Woche", "Diese Meldung ist schon eine Woche alt.", 24 * 7),
)
HEADERS = {"Content-Type": "application/rss+xml", "ETag": '"e1"'}


def config_for(tmp_path, url, **source):
    data = {
        "newsletter": {"max_age_hours": 36},
        "sources": [{"name": "Lokal", "type": "feed", "url": url, **source}],
        "state": {"path": "state.db"},
    }
    return config_from_dict(data, tmp_path, "test.toml")


def headlines(built):
    return [s.article.title for s in built.edition.stories]


def test_build_leaves_out_old_entries_and_creates_no_state(feed_server, tmp_path):
    url = feed_server.route("/f.xml", Reply(body=NEWS, headers=HEADERS))
    report = RunReport()
    built = build(config_for(tmp_path, url), report=report)
    assert headlines(built) == ["Marktbrunnen wird saniert", "Open-Air-Konzert abgesagt"]
    assert report.skipped == 1  # the week-old one
    assert not (tmp_path / "state.db").exists()


def dump(path):
    with State(path, readonly=True) as state:
        return list(state.db.iterdump())


def test_build_leaves_out_seen_articles_and_never_writes_state(feed_server, tmp_path):
    url = feed_server.route("/f.xml", Reply(body=NEWS, headers=HEADERS))
    with State(tmp_path / "state.db") as state:
        SeenArticles(state).mark([("https://example.org/brunnen", "Lokal")], edition_id=None)
    before = dump(tmp_path / "state.db")
    built = build(config_for(tmp_path, url, baseline=True))
    assert headlines(built) == ["Open-Air-Konzert abgesagt"]  # the source is known: no baseline
    assert dump(tmp_path / "state.db") == before  # no feed validators, nothing marked


def test_a_writable_state_gets_feed_cache_and_baseline(feed_server, tmp_path):
    url = feed_server.route("/f.xml", Reply(body=NEWS, headers=HEADERS))
    config = config_for(tmp_path, url, baseline=True)
    preview = build(config)  # no state yet: what the first run would do, written nowhere
    assert headlines(preview) == [] and len(preview.baseline) == 3
    with open_state(config, readonly=False) as state:
        built = build(config, state=state)
        assert headlines(built) == []
        assert FeedCache(state).get(url).etag == '"e1"'
        assert SeenArticles(state).unseen(key for key, _ in built.baseline) == set()
    newer = rss(("neu", "Neue Meldung nach dem Baseline", "Das ist neu seit gestern.", 1))
    feed_server.route("/f.xml", Reply(body=newer, headers={**HEADERS, "ETag": '"e2"'}))
    assert headlines(build(config)) == ["Neue Meldung nach dem Baseline"]


def test_edition_keys_include_merged_articles(feed_server, tmp_path):
    same = "Der Stadtrat von Nordheim hat am Mittwoch 480 Millionen Euro für neue Wohnungen freigegeben."
    first = rss(("a", "Nordheim gibt 480 Millionen Euro für Wohnungen frei", same, 1))
    second = rss(("b", "480 Millionen Euro für Wohnungen in Nordheim", same, 2))
    data = {
        "sources": [
            {"name": "A", "type": "feed", "url": feed_server.route("/a.xml", Reply(body=first))},
            {"name": "B", "type": "feed", "url": feed_server.route("/b.xml", Reply(body=second))},
        ],
        "state": {"path": "state.db"},
    }
    built = build(config_from_dict(data, tmp_path, "t.toml"))
    (story,) = built.edition.stories
    assert built.edition.article_keys == (
        ("https://example.org/a", "A"),
        ("https://example.org/b", "B"),
    )
    assert [link.source for link in story.links] == ["A", "B"]
