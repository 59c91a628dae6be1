"""The pre-send lint: each check on crafted HTML and messages, and the default edition passing all."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from digest.config import load_config
from digest.deliver import Delivery
from digest.deliver.memory import MemoryBackend
from digest.pipeline import build
from digest.preview.lint import (
    GMAIL_CLIP_BYTES,
    check_css,
    check_images,
    check_links,
    check_size,
    check_unsubscribe,
    lint_message,
    read_html,
    worst,
)

from .conftest import ROOT

UNSUB = "https://www.example.org/abmelden?t=abc"


def message(html: str, *, unsubscribe: str | None = f"<{UNSUB}>", one_click: bool = True):
    msg = EmailMessage()
    msg["Subject"] = "Test"
    if unsubscribe is not None:
        msg["List-Unsubscribe"] = unsubscribe
    if one_click:
        msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content("text", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    return msg


def page(body: str, style: str = "") -> str:
    return f"<!DOCTYPE html><html><head><style>{style}</style></head><body>\n{body}\n</body></html>"


def test_the_default_edition_passes_every_check():
    config = load_config(ROOT / "config.toml")
    built = build(config)
    memory = MemoryBackend()
    memory.deliver(Delivery(built.edition, built.rendered, config))
    results = lint_message(memory.messages[0], max_html_kb=config.render.max_html_kb)
    assert [r.name for r in results] == ["size", "images", "links", "css", "unsubscribe"]
    assert {r.name: r.level for r in results} == dict.fromkeys(
        ("size", "images", "links", "css", "unsubscribe"), "ok"
    ), [r for r in results if r.level != "ok"]
    assert worst(results) == "ok"


def test_size_against_gmail_clipping_and_the_build_limit():
    small = check_size("x" * 10_000, max_html_kb=80)
    assert small.level == "ok" and "9.8 KB" in small.summary
    over_limit = check_size("x" * 90 * 1024, max_html_kb=80)
    assert over_limit.level == "fail" and "max_html_kb = 80" in over_limit.details[0]
    clipped = check_size("ä" * (GMAIL_CLIP_BYTES // 2 + 1))  # two bytes each in UTF-8
    assert clipped.level == "fail" and "Gmail clips" in clipped.details[0]
    encoded = check_size("x" * 1000, encoded=GMAIL_CLIP_BYTES + 1)
    assert encoded.level == "fail"  # quoted-printable can push it over


def test_images_need_alt_and_tracking_pixels_are_flagged():
    facts = read_html(
        page(
            '<img src="https://a.example/logo.png" alt="Logo">\n'
            '<img src="https://a.example/deko.png" alt="">\n'
            '<img src="https://a.example/chart.png">\n'
            '<img src="https://t.example/open.gif" width="1" height="1" alt="">'
        )
    )
    result = check_images(facts)
    assert result.level == "fail"
    assert result.summary == "4 images, 1 without alt"
    assert result.details[0].startswith("line 4: <img src='https://a.example/chart.png'>")
    assert "tracking pixel" in result.details[1]
    assert check_images(read_html(page('<img src="https://x/y.png" alt="Y">'))).level == "ok"


@pytest.mark.parametrize(
    ("href", "level"),
    [
        ("https://example.org/a", "ok"),
        ("mailto:redaktion@example.org", "ok"),
        ("#story-1", "ok"),
        ("http://example.org/a", "warn"),
        ("javascript:alert(1)", "fail"),
        ("JaVaScRiPt:alert(1)", "fail"),
        ("data:text/html,hi", "fail"),
        ("/relative/path", "fail"),
        ("", "fail"),
        ("https://example.org/x?t=%%DIGEST_UNSUBSCRIBE_URL%%", "fail"),
    ],
)
def test_links_must_be_absolute_https(href, level):
    result = check_links(read_html(page(f'<a href="{href}">Mehr</a>')))
    assert result.level == level, result


def test_link_findings_name_the_line():
    result = check_links(read_html(page('<p>a</p>\n<p><a href="http://x.example/">x</a></p>')))
    assert result.details == (
        "line 3: <a> 'http://x.example/' is not https (clients warn, links look unsafe)",
    )
    image = check_links(read_html(page('<img alt="" src="http://x.example/i.png">')))
    assert image.level == "warn"


def test_css_features_mail_clients_drop_in_attributes_and_style_blocks():
    style = (
        ".a { color: #111; }\n"
        "/* display: grid in a comment is not used */\n"
        ":root { --brand: #0b5cad; }\n"
        "@font-face { font-family: X; src: url(x.woff2); }\n"
        "@media (max-width: 599px) { .b { position: absolute; } }"
    )
    body = (
        '<div style="display:flex;gap:4px">a</div>\n'
        '<td style="background-color: rgba(0,0,0,.5); background-image: url(https://x/y.png)">b</td>\n'
        '<p style="position: static; float: none; color: var(--brand)">c</p>'
    )
    result = check_css(read_html(page(body, style)))
    assert result.level == "warn"
    found = {line.split(" (")[0]: line for line in result.details}
    assert set(found) == {
        "display:flex",
        "rgba()/hsla()",
        "background-image",
        "CSS variables",
        "web fonts",
        "position",
    }
    assert "style of <div> line 6" in found["display:flex"]  # after the 5-line <style>
    assert "<style> line 5" in found["position"]  # the media block, not position: static
    assert "CSS grid" not in found  # only mentioned in a comment
    assert "Outlook for Windows" in found["display:flex"]


def test_css_of_a_plain_table_layout_is_clean():
    body = '<table role="presentation" style="width:100%;max-width:600px;background-color:#fdfdfd">'
    assert check_css(read_html(page(body + "<tr><td>x</td></tr></table>"))).level == "ok"


def test_unsubscribe_headers_and_visible_link():
    good = message(page(f'<a href="{UNSUB}">Abmelden</a>'))
    result = check_unsubscribe(good, read_html(page(f'<a href="{UNSUB}">Abmelden</a>')))
    assert result.level == "ok" and "one-click" in result.summary

    no_header = lint_message(message(page("x"), unsubscribe=None, one_click=False))[-1]
    assert no_header.level == "fail" and "no List-Unsubscribe header" in no_header.details[0]

    mailto_only = lint_message(message(page("x"), unsubscribe="<mailto:a@example.org>"))[-1]
    assert mailto_only.level == "fail" and "no https URL" in mailto_only.details[0]

    no_post = lint_message(message(page(f'<a href="{UNSUB}">x</a>'), one_click=False))[-1]
    assert no_post.level == "fail" and "One-Click" in no_post.details[0]

    hidden = lint_message(message(page('<a href="https://example.org/">x</a>')))[-1]
    assert hidden.level == "warn" and "no visible link" in hidden.details[0]


def test_worst_level():
    results = lint_message(message(page('<a href="http://x.example/">x</a>')))
    assert worst(results) == "warn"  # http link, and no visible unsubscribe link
    assert worst([]) == "ok"
