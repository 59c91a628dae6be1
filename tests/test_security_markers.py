"""Issue 20 (2): text from a feed, a page or an edit can never become a personalisation marker.

A feed entry holding the markers in its title, text, quote and link is sent to two readers through
a real SMTP relay: no copy may carry a reader's unsubscribe URL or name anywhere but where the
templates put them. The markers are secret per edition, and sanitising removes marker look-alikes.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from digest.deliver.personalise import Personal, markers, personalise
from digest.extract import extract
from digest.models import RawItem, Rendered
from digest.pipeline import send as send_edition
from digest.report import RunReport
from digest.sources.sanitise import clean_html, clean_link, plain_line, untrusted_text

from .sendkit import EDITION_DAY, load, write_config

DAY = date.fromisoformat(EDITION_DAY)
OLD_URL, OLD_NAME = "%%DIGEST_UNSUBSCRIBE_URL%%", "%%DIGEST_NAME_SUFFIX%%"
EVIL_LINK = f"https://evil.example/track?u={OLD_URL}&amp;n={OLD_NAME}"

FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Fremdfeed</title><link>https://feed.example/</link>
<item><title>Gemeinderat {OLD_URL} beschließt neuen Radweg {OLD_NAME}</title>
<link>{EVIL_LINK}</link>
<pubDate>Wed, 25 Nov 2026 10:00:00 +0100</pubDate>
<description><![CDATA[<p>Der Gemeinderat von Neustadt hat am Mittwoch einen neuen Radweg
beschlossen {OLD_URL}, der die Innenstadt mit dem Bahnhof verbindet {OLD_NAME}.</p>
<p>„Der Radweg ist ein wichtiger Schritt für die Stadt {OLD_URL}“, sagte Bürgermeisterin
Maria Beispiel am Mittwoch.</p>
<p>Die Bauarbeiten sollen im Frühjahr beginnen &#37;&#37;DIGEST_UNSUBSCRIBE_URL&#37;&#37; und
zwei Jahre dauern.</p>]]></description></item>
</channel></rss>
"""


@pytest.mark.usefixtures("secrets")
def test_feed_text_cannot_carry_a_readers_unsubscribe_url_or_name(relay, tmp_path):
    server = relay()
    (tmp_path / "feed.xml").write_text(FEED, encoding="utf-8")
    extra = '[[sources]]\nname = "Fremd"\ntype = "feed"\npath = "feed.xml"\nsection = "Bayern"\n'
    rows = ["email,name", "anna@example.org,Anna Geheim", "bert@example.org,Bert Geheim"]
    config = write_config(tmp_path, server, csv_rows=rows, extra=extra)
    report = RunReport()
    result = send_edition(load(config), report, edition_date=DAY)
    assert result.sent == 2, report.failures
    for copy in server.wait_for(2):
        message = copy.message
        html = message.get_body(("html",)).get_content()
        text = message.get_body(("plain",)).get_content()
        assert "Radweg" in html  # the hostile entry is in the edition
        for part in (html, text):
            assert "%%DIGEST" not in part
            # The reader's URL (with token) only in the footer's unsubscribe link, once per part.
            assert part.count("abmelden?t=") == 1, part
            assert part.count("Geheim") == 1  # only in the greeting
        evil = [line for line in (html + text).splitlines() if "evil.example" in line]
        assert evil and not any("abmelden" in line or "Geheim" in line for line in evil)


def test_markers_are_secret_per_edition_and_old_forms_are_inert():
    first, second = markers("a" * 32), markers("b" * 32)
    assert first.unsubscribe_url != second.unsubscribe_url
    from digest.render.markers import new_marker_key

    keys = {new_marker_key() for _ in range(5)}
    assert len(keys) == 5 and all(re.fullmatch(r"[0-9a-f]{32}", k) for k in keys)
    key = new_marker_key()
    mine = markers(key)
    rendered = Rendered(
        "s", "p", f"<a href='{OLD_URL}'>x</a><a href='{mine.unsubscribe_url}'>y</a>", OLD_NAME, key
    )
    personal = personalise(rendered, Personal("https://www.example.org/ab?t=SECRET", "Anna"))
    assert personal.html.count("SECRET") == 1 and OLD_URL in personal.html
    assert personal.text == OLD_NAME  # a look-alike without the key stays as it is


@pytest.mark.parametrize(
    "where",
    ["title", "teaser", "link", "quote", "edit"],
)
def test_sanitising_removes_marker_look_alikes(where):
    key = "0123456789abcdef0123456789abcdef"
    marker = markers(key).unsubscribe_url
    for hostile in (OLD_URL, OLD_NAME, marker, "%%digest_name_suffix%%", "%%DIGEST_X"):
        if where == "title":
            cleaned = plain_line(f"Titel {hostile} &amp; mehr")
        elif where == "link":
            cleaned = clean_link(f"https://evil.example/t?u={hostile}") or ""
        elif where == "teaser":
            cleaned = clean_html(f"<p>Ein Satz {hostile}.</p>")
        elif where == "quote":
            body = f"<p>„Wir bauen {hostile}“, sagte sie.</p><p>&#37;&#37;DIGEST_NAME_SUFFIX&#37;&#37;</p>"
            article = extract(RawItem("s", "k", None, f"T {hostile}", body, "html"))
            cleaned = " ".join([article.title or "", *article.paragraphs])
        else:  # an editor's correction, as the preview's edit form would hand it over
            cleaned = untrusted_text(f"Neuer Teaser {hostile} ohne Marker")
        assert "%%" not in cleaned and "DIGEST" not in cleaned.upper(), (where, hostile, cleaned)


def test_the_stored_edition_keeps_its_marker_key_for_a_resumed_send(tmp_path):
    from digest.deliver.ledger import Ledger
    from digest.models import Edition
    from digest.state.db import State

    rendered = Rendered("s", "p", "<p>h</p>", "t", "f" * 32)
    edition = Edition("Bayern am Abend", DAY, ())
    with State(tmp_path / "state.db") as state:
        ledger = Ledger(state)
        ledger.create(edition, rendered, "<id@example.org>")
        found = ledger.find("Bayern am Abend", DAY)
    assert found is not None and found.rendered == rendered
