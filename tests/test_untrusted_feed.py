"""A feed full of XSS and header-injection payloads, built into an edition: the HTML part, the text
part and the headers of the .eml must all come out inert."""

from __future__ import annotations

import re
from datetime import date
from email import message_from_bytes, policy

import pytest

from digest.config import config_from_dict
from digest.pipeline import build_files as run

from .conftest import email_check, needs_shared

DAY = date(2026, 11, 25)
EXPECTED_HEADERS = {
    "from", "to", "reply-to", "subject", "date", "message-id", "list-id", "list-unsubscribe",
    "list-unsubscribe-post", "mime-version", "content-type", "content-language",
}  # fmt: skip


@pytest.fixture
def eml(feed_server, tmp_path):
    url = feed_server.serve_file("/xss.xml", "xss.xml")
    data = {
        "newsletter": {"max_age_hours": 1_000_000, "reply_to": "r@example.org"},
        "sources": [{"name": "Böse <b>Quelle</b>", "type": "feed", "url": url}],
        "state": {"path": str(tmp_path / "state.db")},
    }
    config = config_from_dict(data, tmp_path, "test.toml")
    report = run(config, edition_date=DAY, out_dir=tmp_path / "out")
    assert report.failures == [] and report.stories == 2
    return tmp_path / "out" / DAY.isoformat() / "digest.eml"


def parts(eml_path):
    msg = message_from_bytes(eml_path.read_bytes(), policy=policy.default)
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    return msg, text, html


def test_headers_are_not_injected(eml):
    msg, _, _ = parts(eml)
    assert {name.lower() for name in msg} == EXPECTED_HEADERS
    assert "\n" not in msg["Subject"] and "\r" not in msg["Subject"]
    raw_headers = eml.read_bytes().split(b"\r\n\r\n", 1)[0]
    for line in raw_headers.split(b"\r\n"):
        assert re.match(rb"[A-Za-z-]+: |[ \t]", line), line
    assert b"\nBcc:" not in eml.read_bytes() and b"\nX-Injected:" not in eml.read_bytes()


def test_html_part_is_inert(eml):
    _, _, html = parts(eml)
    assert "Haushalt" in html and "neues Dach" in html  # the stories are there
    lowered = html.lower()
    for needle in ("<script", "<iframe", "<object", "<svg", "<img", "javascript:", "data:text"):
        assert needle not in lowered, needle
    assert not re.search(r"<[^>]+\son\w+\s*=", lowered)  # no event handler attribute on any tag
    assert "tracker.example.org" not in lowered and "document.cookie" not in lowered
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert hrefs and all(h.startswith(("https://", "http://", "mailto:", "#")) for h in hrefs)
    assert "Mehr bei Böse &lt;b&gt;Quelle&lt;/b&gt;" in html  # the source name is text, escaped


def test_text_part_is_inert(eml):
    _, text, _ = parts(eml)
    assert "Haushalt" in text
    assert "<script" not in text and "onerror" not in text
    assert "zweite%22onmouseover=%22alert(5)" in text  # a quote in a link is percent-encoded
    assert not re.search(r"^(Bcc|X-Injected|Subject):", text, re.MULTILINE)


@needs_shared
def test_email_check_finds_no_injection(eml):
    report = email_check(eml, "spam", "css", "html")
    assert report["result"] == "pass", report
