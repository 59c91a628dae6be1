"""Untrusted text cannot inject headers (CR/LF, RFC 2047 encoded-word tricks), markup, scripts,
dangerous links or trackers into the email built from it."""

from __future__ import annotations

import email
from email import policy

import pytest

from digest.config import Config, load_config
from digest.models import Rendered
from digest.render.message import build_message, header_text, message_bytes

from .conftest import ROOT

TRICKS = [
    "Hallo =?utf-8?q?x=0D=0ABcc:_evil@example.com?= Welt",
    "=?UTF-8?B?DQpCY2M6IGV2aWxAZXhhbXBsZS5jb20=?=",
    "Zeile\r\nBcc: evil@example.com",
    "Zeile\nX-Injected: 1",
    "Trenner\u2028Bcc: evil@example.com",
    "=?iso-8859-1?q?=0D=0AX-Injected:_1?=",
]


def message_for(subject: str):
    config: Config = load_config(ROOT / "config.toml")
    rendered = Rendered(subject=subject, preheader="p", html="<p>h</p>", text="t")
    msg = build_message(
        rendered, config, to="leser@example.org", unsubscribe_url="https://www.example.org/a?t=x"
    )
    return email.message_from_bytes(message_bytes(msg), policy=policy.default)


@pytest.mark.parametrize("subject", TRICKS)
def test_subject_tricks_stay_inside_the_subject(subject):
    parsed = message_for(subject)
    assert parsed["Bcc"] is None and parsed["X-Injected"] is None
    assert "\n" not in str(parsed["Subject"]) and "\r" not in str(parsed["Subject"])
    assert parsed.defects == []
    assert len(parsed.get_all("To")) == 1


def test_encoded_words_in_content_are_shown_literally():
    parsed = message_for("Titel =?utf-8?q?Gewinn?= heute")
    assert str(parsed["Subject"]).replace("\u200b", "") == "Titel =?utf-8?q?Gewinn?= heute"


def test_header_text_is_one_line_and_inert():
    assert header_text("a\r\nb =?x?q?y?= c\u2028d") == "a b =\u200b?x?q?y?= c d"


def test_hostile_article_end_to_end(write_config, tmp_path):
    """A text source with header, markup and link tricks: the built .eml stays inert."""
    from click.testing import CliRunner

    from digest.cli import main

    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.md").write_text(
        "---\nurl: javascript:alert(1)\nsection: Bayern\n---\n"
        "=?utf-8?q?x=0D=0ABcc:_evil@example.com?=: Landtag <script>alert(1)</script>\n\n"
        "Der Landtag hat am Mittwoch <img src=https://tracker.example.com/p.gif> 12 Millionen "
        "Euro bewilligt. „Das ist <b>gut</b> so und wir freuen uns“, sagte Anna Berg.\n",
        encoding="utf-8",
    )
    config = write_config(
        '[newsletter]\nsections = ["Bayern"]\n[[sources]]\nname = "s"\npath = "seeds"\n',
        seeds=False,
    )
    result = CliRunner().invoke(main, ["--config", str(config), "build", "--date", "2026-11-25"])
    assert result.exit_code == 0, result.output
    raw = (tmp_path / "out" / "2026-11-25" / "digest.eml").read_bytes()
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None and b"\nBcc:" not in raw
    html = parsed.get_body(("html",)).get_content()
    text = parsed.get_body(("plain",)).get_content()
    assert "<script" not in html and "<img" not in html and "javascript:" not in html
    assert "&lt;script&gt;" in html  # shown as text, escaped
    assert 'src="https://tracker' not in html and "javascript:" not in text
    # The plain-text part shows the words as written: text/plain is never interpreted as markup.
    assert "<script>alert(1)</script>" in text
