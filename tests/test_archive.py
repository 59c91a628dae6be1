"""The web archive: each sent edition as a page without personal tokens, an index (newest first)
and an Atom feed, written when a send completes and rebuilt by `digest archive`."""

from __future__ import annotations

import re
import shutil
import subprocess
from email.message import EmailMessage

import feedparser
import pytest
from click.testing import CliRunner

from digest.archive import public_unsubscribe_url
from digest.cli import main

from .conftest import TOOLS, email_check, needs_shared
from .sendkit import SECRET, environment, people, write_config

pytestmark = pytest.mark.usefixtures("secrets")

BASE = "https://www.example.org/archiv/"
SECOND_ARTICLE = """Neue Radwege zwischen Bamberg und Forchheim

Zwischen Bamberg und Forchheim entstehen bis zum Sommer zwölf Kilometer neue Radwege. Der Landkreis
investiert dafür 4,5 Millionen Euro, teilte das Landratsamt am Donnerstag mit.

„Wer aufs Rad umsteigt, soll sicher ankommen“, sagte Landrätin Petra Beispiel. Die Strecke führt
entlang der Regnitz und verbindet sieben Gemeinden.
"""


def send_two_editions(relay, tmp_path):
    server = relay()
    extra = f'[archive]\ndir = "web"\nbase_url = "{BASE}"\n'
    config = write_config(tmp_path, server, csv_rows=people(2), extra=extra)
    runner = CliRunner(env=environment())
    first = runner.invoke(main, ["--config", str(config), "run", "--date", "2026-11-25"])
    assert first.exit_code == 0, first.output
    (tmp_path / "seeds" / "radwege.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    second = runner.invoke(main, ["--config", str(config), "send", "--date", "2026-11-26"])
    assert second.exit_code == 0, second.output
    return server, config, tmp_path / "web"


def test_sent_editions_are_published_without_personal_tokens(relay, tmp_path):
    server, _, web = send_two_editions(relay, tmp_path)
    assert sorted(p.name for p in web.iterdir()) == [
        "2026-11-25.html", "2026-11-26.html", "feed.xml", "index.html",
    ]  # fmt: skip
    for page in ("2026-11-25.html", "2026-11-26.html"):
        text = (web / page).read_text(encoding="utf-8")
        assert 'href="https://www.example.org/abmelden"' in text  # the form, for anyone
        assert "?t=" not in text and "Leser 0" not in text and "Leser 1" not in text
        assert "%%" not in text and SECRET not in text  # no marker left, no secret
        assert f'href="{BASE}{page}"' in text  # "Im Browser ansehen" is the page itself
    # the email's "Im Browser ansehen" link points at the edition's page
    html = next(
        part.get_content()
        for part in server.received[0].message.walk()
        if part.get_content_type() == "text/html"
    )
    assert re.search(rf'<a href="{BASE}2026-11-25.html"[^>]*>Im Browser ansehen</a>', html)
    index = (web / "index.html").read_text(encoding="utf-8")
    assert index.index("2026-11-26.html") < index.index("2026-11-25.html")  # newest first
    assert "Donnerstag, 26. November 2026" in index


def test_the_feed_parses_and_digest_archive_rebuilds_the_same_files(relay, tmp_path):
    _, config, web = send_two_editions(relay, tmp_path)
    feed = feedparser.parse((web / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "Bayern am Abend"
    assert [e.link for e in feed.entries] == [f"{BASE}2026-11-26.html", f"{BASE}2026-11-25.html"]
    assert [e.id for e in feed.entries] == [e.link for e in feed.entries]
    assert all(e.title.startswith("Bayern am Abend:") and e.summary for e in feed.entries)
    before = {p.name: p.read_bytes() for p in web.iterdir()}
    shutil.rmtree(web)
    result = CliRunner(env=environment()).invoke(main, ["--config", str(config), "-q", "archive"])
    assert result.exit_code == 0 and result.output == ""
    assert {p.name: p.read_bytes() for p in web.iterdir()} == before


def test_archive_without_a_folder_is_a_usage_error_and_test_mails_are_not_published(
    relay, tmp_path
):
    server = relay()
    config = write_config(tmp_path, server)
    result = CliRunner().invoke(main, ["--config", str(config), "archive"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no archive configured: set [archive] dir")
    config.write_text(config.read_text() + '\n[archive]\ndir = "web"\n')
    test = CliRunner(env=environment()).invoke(
        main, ["--config", str(config), "send", "--test", "t@example.org", "--date", "2026-11-25"]
    )
    assert test.exit_code == 0 and not (tmp_path / "web").exists()


def test_public_unsubscribe_url_drops_only_the_token():
    assert (
        public_unsubscribe_url("https://x.example/abmelden?t={token}")
        == "https://x.example/abmelden"
    )
    assert (
        public_unsubscribe_url("https://x.example/u?list=abend&t={token}")
        == "https://x.example/u?list=abend"
    )
    assert public_unsubscribe_url("https://x.example/u/{token}") == "https://x.example/u/"


@needs_shared
def test_archive_pages_pass_html_validate_and_axe(relay, tmp_path):
    _, _, web = send_two_editions(relay, tmp_path)
    for page in ("2026-11-25.html", "index.html"):
        # email-check runs html-validate (standard + document rules) on a message's HTML part
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", page
        message.set_content("text")
        message.add_alternative((web / page).read_text(encoding="utf-8"), subtype="html")
        eml = tmp_path / f"{page}.eml"
        eml.write_bytes(bytes(message))
        report = email_check(eml, "spam", "css")
        html_check = next(c for c in report["checks"] if c["check"] == "html")
        assert html_check["summary"].startswith("html-validate: 0 errors"), html_check
        shot = subprocess.run(
            [str(TOOLS / "email-shot"), "--strict", "--out", str(tmp_path / "shots"), str(web / page)],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert shot.returncode == 0, shot.stdout[-2000:] + shot.stderr[-1000:]
