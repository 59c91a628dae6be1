"""Issue 20 (3, 9): the private-address rule on fetches, and decompression with a bound.

Against real HTTP servers on loopback (tests/feedserver.py). Name resolution goes through a
resolver the test passes in: there is no public DNS here, and a name must resolve to a loopback
address to reach a test server at all. Where a test needs a "public" server, it declares 127.0.0.1
the public one (no global address can be served on this machine) and 127.0.0.2 the private one;
everything else about the check is the real code.
"""

from __future__ import annotations

import ipaddress
import tracemalloc
import zlib

import pytest

from digest.report import RunReport
from digest.sources import collect
from digest.sources.fetch import (
    AddressGuard,
    Fetcher,
    FetchError,
    FetchSettings,
    Refused,
    is_public,
)

from .feedserver import FeedServer, Reply

NOT_PUBLIC = [
    "127.0.0.1", "127.0.0.2", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "224.0.0.1", "239.255.255.250", "255.255.255.255", "::1", "::",
    "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
    "64:ff9b::7f00:1", "2002:7f00:1::1", "2002:a9fe:a9fe::1",
]  # fmt: skip
PUBLIC = ["8.8.8.8", "93.184.216.34", "2001:4860:4860::8888", "::ffff:8.8.8.8"]
UNUSUAL = ["2130706433", "127.1", "0x7f.1", "0x7f000001", "0", "0177.0.0.1", "127.000.000.002"]


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_non_global_addresses_are_not_public(address):
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_global_addresses_are_public(address):
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("host", UNUSUAL)
def test_unusual_ipv4_forms_are_refused_not_resolved(host):
    asked: list[str] = []
    guard = AddressGuard(lambda name, port: asked.append(name) or ["8.8.8.8"])
    with pytest.raises(Refused, match="unusual form"):
        guard.addresses(host, 80)
    assert asked == []


@pytest.mark.parametrize("host", [*UNUSUAL, "localhost", "[::ffff:127.0.0.1]", "[::1]"])
def test_a_public_feed_cannot_make_digest_fetch_a_loopback_page(feed_server, tmp_path, host):
    """The feed is a file (not on a private address); its entry links to this machine's server."""
    feed_server.route("/intern", Reply(body=b"<html><body><p>Geheim.</p></body></html>"))
    port = feed_server.server.server_address[1]
    link = f"http://{host}:{port}/intern"
    (tmp_path / "public.xml").write_text(
        '<rss version="2.0"><channel><title>P</title><item><title>Intern</title>'
        f"<link>{link}</link><description>Feedtext.</description></item></channel></rss>",
        encoding="utf-8",
    )
    from .test_sources_feed import make_config

    report = RunReport()
    source = {"name": "P", "type": "feed", "path": str(tmp_path / "public.xml"), "fulltext": True}
    items = collect(make_config(tmp_path, source), report)
    assert feed_server.requests == []
    assert [i.body for i in items] == ["Feedtext."]
    assert report.failures == [] and len(report.warnings) == 1
    assert "not fetched" in report.warnings[0] and "using the feed's text" in report.warnings[0]


@pytest.fixture
def two_servers():
    """127.0.0.1 stands in for the internet, 127.0.0.2 for the inside (see the module docstring)."""
    with FeedServer("127.0.0.1") as outside, FeedServer("127.0.0.2") as inside:
        yield outside, inside


def stand_in_guard(names: dict[str, list[str]]) -> AddressGuard:
    def resolve(host: str, port: int) -> list[str]:
        return names.get(host, [])

    return AddressGuard(resolve, public=lambda a: str(a) == "127.0.0.1")


def test_every_redirect_hop_is_checked(two_servers):
    outside, inside = two_servers
    inside.route("/secret", Reply(body=b"internal"))
    port = inside.server.server_address[1]
    targets = {
        "/to-ip": f"http://127.0.0.2:{port}/secret",
        "/to-name": f"http://intranet.example:{port}/secret",
        "/to-decimal": f"http://2130706434:{port}/secret",
        "/to-octal": f"http://0177.0.0.2:{port}/secret",
        "/to-padded": f"http://127.000.000.002:{port}/secret",
    }
    for path, target in targets.items():
        outside.route(path, Reply(302, headers={"Location": target}))
    outside.route("/fine", Reply(302, headers={"Location": "/page"}))
    outside.route("/page", Reply(body=b"public page"))
    guard = stand_in_guard({"news.example": ["127.0.0.1"], "intranet.example": ["127.0.0.2"]})
    oport = outside.server.server_address[1]
    with Fetcher(FetchSettings(timeout=5), guard) as fetcher:
        for path in targets:
            with pytest.raises(FetchError, match=r"not fetched|RemoteProtocolError") as caught:
                fetcher.get(f"http://news.example:{oport}{path}")
            assert "Traceback" not in str(caught.value)
        assert fetcher.get(f"http://news.example:{oport}/fine").content == b"public page"
    assert inside.requests == []
    assert outside.hits("/page")[0].headers["host"] == f"news.example:{oport}"  # Host kept


def test_a_name_is_resolved_once_and_the_checked_address_is_connected_to(two_servers):
    """A rebinding resolver: first the public stand-in, then the inside. Only one lookup is made."""
    outside, inside = two_servers
    port = outside.server.server_address[1]
    outside.route("/a", Reply(body=b"outside"))
    inside.route("/a", Reply(body=b"inside"))
    answers = [["127.0.0.1"], ["127.0.0.2"]]
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return answers[min(len(asked), 2) - 1]

    guard = AddressGuard(rebinding, public=lambda a: str(a) == "127.0.0.1")
    inside.server.server_close()  # the inside listens on another port anyway; be sure
    with Fetcher(FetchSettings(timeout=5), guard) as fetcher:
        fetched = fetcher.get(f"http://rebind.example:{port}/a", private=False)
    assert fetched.content == b"outside" and asked == ["rebind.example"]


def test_a_name_for_a_private_address_is_refused_from_a_public_feed(feed_server):
    port = feed_server.server.server_address[1]
    feed_server.route("/x", Reply(body=b"internal"))
    guard = AddressGuard(lambda host, p: ["127.0.0.1"] if host == "intern.example" else [])
    with Fetcher(FetchSettings(timeout=5), guard) as fetcher:
        with pytest.raises(FetchError, match="private address"):
            fetcher.get(f"http://intern.example:{port}/x", private=False)
        assert feed_server.requests == []
        # The operator's own URL on that name is a private feed: fetched, pinned, Host kept.
        fetched = fetcher.get(f"http://intern.example:{port}/x")
    assert fetched.content == b"internal" and fetched.private
    assert feed_server.hits("/x")[0].headers["host"] == f"intern.example:{port}"


def bomb(size: int, wbits: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    zeros = b"\0" * 1_000_000
    return b"".join(packer.compress(zeros) for _ in range(size // 1_000_000)) + packer.flush()


@pytest.mark.parametrize(("coding", "wbits"), [("gzip", 31), ("deflate", 15), ("deflate", -15)])
def test_a_compression_bomb_is_stopped_with_bounded_memory(feed_server, coding, wbits):
    body = bomb(200_000_000, wbits)
    url = feed_server.route("/bomb", Reply(body=body, headers={"Content-Encoding": coding}))
    with Fetcher(FetchSettings(timeout=10, max_bytes=1_000_000)) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(FetchError, match="too large"):
                fetcher.get(url)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 8_000_000, f"{peak:,} bytes at the peak for a 1 MB cap"


@pytest.mark.parametrize(("coding", "wbits"), [("gzip", 31), ("deflate", 15), ("deflate", -15)])
def test_compressed_bodies_still_decode(feed_server, coding, wbits):
    text = b"<rss version='2.0'><channel><title>T</title></channel></rss>" * 100
    packer = zlib.compressobj(6, zlib.DEFLATED, wbits)
    body = packer.compress(text) + packer.flush()
    url = feed_server.route("/c", Reply(body=body, headers={"Content-Encoding": coding}))
    with Fetcher(FetchSettings(timeout=5)) as fetcher:
        assert fetcher.get(url).content == text
