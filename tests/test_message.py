"""build_message(): MIME structure and headers, parsed back from the bytes that go over SMTP."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from email import message_from_bytes, policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from digest.config import Config, config_from_dict
from digest.deliver.personalise import Personal, personalise
from digest.errors import RenderError
from digest.models import Article, Edition, Quote, Rendered, Section, Story
from digest.render.html import render
from digest.render.message import build_message, edition_message_id, list_unsubscribe, message_bytes

from .conftest import TOOLS, email_check, spam_score

EMAIL_CHECK = TOOLS / "email-check"
UNSUB = "https://www.example.org/abmelden?t=tok-1"
CREDITS = ("dpa",)
SENT = datetime(2026, 11, 25, 18, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def config(tmp_path: Path) -> Config:
    newsletter = {
        "name": "Bayern am Abend",
        "sender": "Bayern am Abend <abend@example.org>",
        "reply_to": "Redaktion <redaktion@example.org>",
        "unsubscribe_mailto": "abmelden@example.org",
        "impressum_url": "https://www.example.org/impressum",
    }
    return config_from_dict({"newsletter": newsletter}, tmp_path, "config.toml")


@pytest.fixture
def edition() -> Edition:
    stories = tuple(
        Story(
            article=Article(key, "BR24", f"https://www.br.de/{key}", None, ("x",), credits=CREDITS),
            headline=headline,
            teaser="Nach langen Verhandlungen gibt es eine Einigung, die viele überrascht hat. "
            "Die Einzelheiten sollen in den kommenden Tagen vorgestellt werden.",
            facts=("Die Einigung gilt ab Januar.", "Beide Seiten zeigen sich zufrieden."),
            quotes=(Quote("Das ist ein guter Tag für Bayern", "Anna Stolz", "Ministerin"),),
        )
        for key, headline in (
            ("a", "Tarifstreit: Einigung im öffentlichen Dienst"),
            ("b", "Nahverkehr: Neue Tram für Würzburg"),
        )
    )
    sections = (Section(None, stories),)
    return Edition("Bayern am Abend", date(2026, 11, 25), stories, sections=sections)


def personal_copy(edition: Edition, config: Config, token: str = "tok-1") -> Rendered:
    url = f"https://www.example.org/abmelden?t={token}"
    return personalise(render(edition, config), Personal(url, "Anna"))


def parsed(msg: EmailMessage) -> EmailMessage:
    parsed = message_from_bytes(message_bytes(msg), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_headers(edition: Edition, config: Config) -> None:
    rendered = personal_copy(edition, config)
    to = "Anna <anna@example.org>"
    msg = parsed(build_message(rendered, config, to=to, unsubscribe_url=UNSUB, date=SENT))
    assert msg["From"].addresses[0] == Address("Bayern am Abend", "abend", "example.org")
    assert str(msg["To"]) == "Anna <anna@example.org>"
    assert str(msg["Reply-To"]) == "Redaktion <redaktion@example.org>"
    assert str(msg["Subject"]) == rendered.subject
    assert parsedate_to_datetime(str(msg["Date"])) == SENT
    assert re.fullmatch(r"<[0-9a-f]{12}\.digest@example\.org>", str(msg["Message-ID"]))
    assert str(msg["List-Unsubscribe"]) == (
        f"<{UNSUB}>, <mailto:abmelden@example.org?subject=unsubscribe>"
    )
    assert str(msg["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    assert str(msg["List-Id"]) == "Bayern am Abend <bayern-am-abend.example.org>"
    assert str(msg["Content-Language"]) == "de"
    assert str(msg["MIME-Version"]) == "1.0"


def test_parts_plain_then_html_utf8_quoted_printable(edition: Edition, config: Config) -> None:
    rendered = personal_copy(edition, config)
    msg = parsed(build_message(rendered, config, to="anna@example.org", unsubscribe_url=UNSUB))
    assert msg.get_content_type() == "multipart/alternative"
    parts = list(msg.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    for part in parts:
        assert part.get_content_charset() == "utf-8"
        assert part["Content-Transfer-Encoding"] == "quoted-printable"
    assert parts[0].get_content().replace("\r\n", "\n") == rendered.text
    assert parts[1].get_content().replace("\r\n", "\n") == rendered.html


def test_bytes_use_crlf_and_short_lines(edition: Edition, config: Config) -> None:
    rendered = personal_copy(edition, config)
    msg = build_message(rendered, config, to="anna@example.org", unsubscribe_url=UNSUB)
    raw = message_bytes(msg)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78
    assert raw.isascii()


def test_message_id_is_stable_per_copy_and_differs_between_recipients(
    edition: Edition, config: Config
) -> None:
    def message_id(token: str, **options: str) -> str:
        copy = personal_copy(edition, config, token)
        msg = build_message(copy, config, to="a@example.org", unsubscribe_url=UNSUB, **options)
        return str(msg["Message-ID"])

    assert message_id("tok-1") == message_id("tok-1") != message_id("tok-2")
    assert message_id("tok-1", message_id="<given@example.org>") == "<given@example.org>"
    edition_id = edition_message_id(edition, config)
    assert edition_id == edition_message_id(edition, config)
    assert re.fullmatch(r"<20261125\.[0-9a-f]{12}\.digest@example\.org>", edition_id)
    for_anna = edition_message_id(edition, config, recipient="anna@example.org")
    assert for_anna == edition_message_id(edition, config, recipient="Anna@example.org")
    assert for_anna not in (edition_id, edition_message_id(edition, config, recipient="b@x.org"))


def test_subject_with_line_breaks_cannot_inject_headers(config: Config) -> None:
    rendered = Rendered("Streik\r\nBcc: evil@example.com\nX-Evil: 1", "p", "<p>x</p>", "x\n")
    msg = parsed(build_message(rendered, config, to="anna@example.org", unsubscribe_url=UNSUB))
    assert msg["Bcc"] is None and msg["X-Evil"] is None
    assert str(msg["Subject"]) == "Streik Bcc: evil@example.com X-Evil: 1"
    for to in ("anna@example.org\r\nBcc: evil@example.com", "a@example.org, b@example.org"):
        with pytest.raises(RenderError, match="not an email address"):
            build_message(rendered, config, to=to, unsubscribe_url=UNSUB)


def test_list_unsubscribe_formats() -> None:
    assert list_unsubscribe("https://example.org/u?t=1") == "<https://example.org/u?t=1>"
    both = list_unsubscribe("https://example.org/u?t=1", "Abmeldung <ab@example.org>")
    assert both == "<https://example.org/u?t=1>, <mailto:ab@example.org?subject=unsubscribe>"
    with pytest.raises(RenderError, match="http"):
        list_unsubscribe("javascript:alert(1)")


def test_bad_recipient_is_an_error(edition: Edition, config: Config) -> None:
    with pytest.raises(RenderError, match="not an email address"):
        build_message(personal_copy(edition, config), config, to="nobody", unsubscribe_url=UNSUB)


@pytest.mark.skipif(
    not EMAIL_CHECK.exists(), reason="needs ../shared/tools/email-check beside the repo"
)
def test_email_check_passes(edition: Edition, config: Config, tmp_path: Path) -> None:
    if shutil.which("bash") is None:
        pytest.skip("email-check needs bash")
    msg = build_message(
        personal_copy(edition, config), config, to="Anna <anna@example.org>", unsubscribe_url=UNSUB
    )
    eml = tmp_path / "digest.eml"
    eml.write_bytes(message_bytes(msg))
    report = email_check(eml, "css", "html")
    assert report["result"] == "pass", report
    assert spam_score(report) <= 1.0
