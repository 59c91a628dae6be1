"""digest.sources.fetch against a real HTTP server on 127.0.0.1: limits, gzip, redirects, conditional GET."""

from __future__ import annotations

import gzip
import time

import pytest

from digest import __version__
from digest.sources.fetch import Fetcher, FetchError, FetchSettings
from digest.state.db import FeedValidators

from .feedserver import Reply, feed_file

RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}


@pytest.fixture
def fetcher():
    with Fetcher(FetchSettings(timeout=2.0, max_bytes=100_000, max_redirects=3)) as fetcher:
        yield fetcher


def test_200_gives_body_type_and_validators(feed_server, fetcher):
    headers = {**RSS, "ETag": '"v1"', "Last-Modified": "Wed, 25 Nov 2026 10:00:00 GMT"}
    url = feed_server.route("/feed.xml", Reply(body=feed_file("basic.xml"), headers=headers))
    fetched = fetcher.get(url)
    assert fetched.status == 200
    assert fetched.content == feed_file("basic.xml")
    assert fetched.content_type == "application/rss+xml"
    assert fetched.charset == "utf-8"
    assert fetched.validators == FeedValidators('"v1"', "Wed, 25 Nov 2026 10:00:00 GMT")
    request = feed_server.hits("/feed.xml")[0]
    assert request.headers["user-agent"].startswith(f"digest/{__version__} ")
    assert "gzip" in request.headers["accept-encoding"]
    assert "if-none-match" not in request.headers


def test_conditional_get_answers_304_without_body(feed_server, fetcher):
    def conditional(request):
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(304, headers={"ETag": '"v1"'})
        return Reply(body=b"<rss/>", headers={**RSS, "ETag": '"v1"'})

    url = feed_server.route("/feed.xml", conditional)
    first = fetcher.get(url)
    second = fetcher.get(url, validators=first.validators)
    assert not first.not_modified
    assert second.not_modified and second.content == b""
    sent = feed_server.hits("/feed.xml")[1].headers
    assert sent["if-none-match"] == '"v1"'


def test_validators_that_could_inject_headers_are_not_sent(feed_server, fetcher):
    url = feed_server.route("/feed.xml", Reply(body=b"<rss/>", headers=RSS))
    fetcher.get(url, validators=FeedValidators('"a"\r\nX-Evil: 1', "Wed, 25 Nov 2026"))
    sent = feed_server.hits("/feed.xml")[0].headers
    assert "if-none-match" not in sent and "x-evil" not in sent
    assert sent["if-modified-since"] == "Wed, 25 Nov 2026"


def test_gzip_body_is_decoded(feed_server, fetcher):
    url = feed_server.route("/feed.xml", Reply(body=feed_file("basic.xml"), headers=RSS, gzip=True))
    assert fetcher.get(url).content == feed_file("basic.xml")


@pytest.mark.parametrize(
    ("status", "reason"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")]
)
def test_error_status_names_url_and_reason(feed_server, fetcher, status, reason):
    url = feed_server.route("/feed.xml", Reply(status, b"nope"))
    with pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert caught.value.reason == reason
    assert str(caught.value) == f"{url}: {reason}"


def test_timeout_gives_up_in_time(feed_server):
    url = feed_server.route("/slow.xml", Reply(body=b"<rss/>", delay=3.0))
    started = time.monotonic()
    with Fetcher(FetchSettings(timeout=0.5)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert caught.value.reason == "timed out after 0.5 s"
    assert time.monotonic() - started < 2.0


def test_a_slow_drip_is_cut_at_the_deadline(feed_server):
    # 200 KB at 1 KB per 0.05 s would take 10 s; every single read is quick, so only a deadline
    # helps. The bound is far from both the deadline and the full drip, so a busy machine passes.
    url = feed_server.route("/drip.xml", Reply(body=b"x" * 200_000, headers=RSS, drip=0.05))
    started = time.monotonic()
    with (
        Fetcher(FetchSettings(timeout=0.6)) as fetcher,
        pytest.raises(FetchError, match="timed out"),
    ):
        fetcher.get(url)
    assert time.monotonic() - started < 5


def test_redirect_is_followed_and_final_url_kept(feed_server, fetcher):
    target = feed_server.route("/new.xml", Reply(body=b"<rss/>", headers=RSS))
    url = feed_server.route("/old.xml", Reply(301, headers={"Location": "/new.xml"}))
    fetched = fetcher.get(url)
    assert fetched.url == url and fetched.final_url == target


def test_redirect_loop_stops_at_the_limit(feed_server, fetcher):
    url = feed_server.route("/loop", Reply(302, headers={"Location": "/loop"}))
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetcher.get(url)
    assert len(feed_server.hits("/loop")) == 4  # the request and three redirects


def test_redirect_to_another_scheme_is_refused(feed_server, fetcher):
    url = feed_server.route("/ftp", Reply(302, headers={"Location": "ftp://example.org/feed"}))
    with pytest.raises(FetchError, match="unsupported URL"):
        fetcher.get(url)


def test_oversized_body_is_refused(feed_server, fetcher):
    url = feed_server.route("/big.xml", Reply(body=b"x" * 200_000, headers=RSS))
    with pytest.raises(FetchError, match=r"too large: 200,000 bytes \(limit 100,000\)"):
        fetcher.get(url)


def test_gzip_bomb_stops_at_the_cap(feed_server, fetcher):
    bomb = gzip.compress(b"\0" * 20_000_000)  # 20 MB of zeros in about 20 KB
    assert len(bomb) < 100_000
    headers = {**RSS, "Content-Encoding": "gzip"}
    url = feed_server.route("/bomb.xml", Reply(body=bomb, headers=headers))
    with pytest.raises(FetchError, match="too large: more than 100,000 bytes"):
        fetcher.get(url)


def test_unreachable_host_is_a_clear_error(fetcher):
    with pytest.raises(FetchError, match=r"cannot connect: .*refused"):
        fetcher.get("http://127.0.0.1:9/feed.xml")  # the discard port: nobody listens


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "file:///etc/passwd", "not a url"])
def test_only_http_urls_are_fetched(fetcher, url):
    with pytest.raises(FetchError, match="not an http"):
        fetcher.get(url)
