"""The web archive: every edition that went out, as a static page, with an index and an Atom feed.

The send ledger in → `[archive] dir`/YYYY-MM-DD.html, index.html (newest first), feed.xml out.
A page is the edition as it was sent (the ledger's rendered copy), without anything personal: no
name in the greeting, and the unsubscribe link without a token (the subscriber's own link is in
their email). Written when a send completes and rebuilt from the ledger by `digest archive`; each
file is written to a temporary name and renamed. With `[archive] base_url`, the email's "view in
browser" link points at the edition's page (render/html.py asks `ArchiveConfig.page_url`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from xml.etree import ElementTree as ET

import jinja2
from babel.dates import format_date

from .config import Config
from .deliver.files import write_all
from .deliver.ledger import EditionRecord, read_only
from .deliver.personalise import Personal, personalise
from .errors import DigestError, UsageError
from .models import SendResult
from .report import RunReport

ATOM = "http://www.w3.org/2005/Atom"
INDEX_TITLE = {"de": "Alle Ausgaben", "en": "All editions"}


@dataclass(frozen=True)
class Published:
    """One edition in the archive."""

    day: date
    subject: str
    preheader: str
    recorded: str  # when the send was recorded (UTC, ISO 8601): the feed's `updated`
    page: str  # file name, e.g. 2026-11-25.html


def write_archive(config: Config) -> list[Path]:
    """(Re)write the whole archive from the ledger; the paths written (none without editions)."""
    folder = config.archive.dir
    if folder is None:
        raise UsageError('no archive configured: set [archive] dir in the config (e.g. "archive")')
    with read_only(config.state.path) as ledger:
        editions = ledger.delivered_editions(config.newsletter.name) if ledger else []
    files: dict[str, bytes] = {}
    published = []
    for record, recorded in editions:
        item = Published(
            record.day,
            record.rendered.subject,
            record.rendered.preheader,
            recorded,
            f"{record.day.isoformat()}.html",
        )
        files[item.page] = public_page(record, config).encode("utf-8")
        published.append(item)
    published.reverse()  # newest first
    files["index.html"] = index_page(published, config).encode("utf-8")
    files["feed.xml"] = atom_feed(published, config)
    return write_all(folder, files)


def publish_after_send(config: Config, report: RunReport, result: SendResult) -> None:
    """After a send that delivered copies, bring the archive up to date (when one is configured).
    A failure to write it is named on the report (exit 1); the send itself stands."""
    if config.archive.dir is None or not (result.sent or result.status in ("sent", "partial")):
        return
    try:
        write_archive(config)
    except DigestError as err:
        report.fail(f"archive: {err}")


def public_page(record: EditionRecord, config: Config) -> str:
    """The edition as sent, with no one's name or token, linking the index and the feed."""
    unsubscribe = public_unsubscribe_url(config.newsletter.unsubscribe_url)
    page = personalise(record.rendered, Personal(unsubscribe)).html
    links = (
        '<link rel="index" href="index.html">\n'
        f'<link rel="alternate" type="application/atom+xml" href="feed.xml" title="{_attr(config.newsletter.name)}">\n'
    )
    return page.replace("</head>", links + "</head>", 1)


def public_unsubscribe_url(template: str) -> str:
    """The unsubscribe URL without its `{token}`: the query parameter that carries it is left
    out (…/abmelden?t={token} → …/abmelden), so the page leads to the form, for anyone."""
    parts = urlsplit(template)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if "{token}" not in v
    ]
    path = parts.path.replace("{token}", "")
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), parts.fragment))


_INDEX = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(
    """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ name }}: {{ title }}</title>
<link rel="alternate" type="application/atom+xml" href="feed.xml" title="{{ name }}">
<style>
body { margin: 0; background: #eef1f4; color: #1f2328; font: 17px/1.5 Helvetica, Arial, sans-serif; }
main { max-width: 600px; margin: 0 auto; padding: 24px 20px; background: #fdfdfd; }
h1 { margin: 0; font-size: 28px; color: #0b5cad; }
ol { list-style: none; padding: 0; }
li { padding: 12px 0; border-top: 1px solid #d5dae0; }
a { color: #0b5cad; }
.date { display: block; color: #545b64; font-size: 15px; }
@media (prefers-color-scheme: dark) {
  body { background: #111315; color: #e3e6ea; }
  main { background: #16191d; }
  h1, a { color: #8fbfff; }
  .date { color: #aab2bc; }
}
</style>
</head>
<body>
<main>
<h1>{{ name }}</h1>
<p>{{ tagline }}</p>
<h2>{{ title }}</h2>
{% if editions %}
<ol>
{% for edition in editions %}
<li><span class="date">{{ edition.date_text }}</span><a href="{{ edition.href }}">{{ edition.subject }}</a></li>
{% endfor %}
</ol>
{% else %}
<p>–</p>
{% endif %}
<p><a href="feed.xml">Atom feed</a></p>
</main>
</body>
</html>
"""
)


def index_page(published: list[Published], config: Config) -> str:
    """Every edition, newest first, with its date and subject."""
    news = config.newsletter
    lang = news.language
    editions = [
        {
            "href": item.page,
            "subject": item.subject.removeprefix(f"{news.name}: "),  # the page says the name
            "date_text": format_date(item.day, "full", locale=lang),
        }
        for item in published
    ]
    return _INDEX.render(
        lang=lang,
        name=news.name,
        tagline=news.tagline,
        title=INDEX_TITLE.get(lang, INDEX_TITLE["en"]),
        editions=editions,
    )


def atom_feed(published: list[Published], config: Config) -> bytes:
    """An Atom 1.0 feed (RFC 4287) of the editions, newest first."""
    news, base = config.newsletter, config.archive.base_url
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    if base:
        feed.set("{http://www.w3.org/XML/1998/namespace}base", base.rstrip("/") + "/")
    _sub(feed, "id", (base.rstrip("/") + "/") if base else f"urn:digest:{_slug(news.name)}")
    _sub(feed, "title", news.name)
    _sub(feed, "subtitle", news.tagline)
    _sub(feed, "updated", published[0].recorded if published else "1970-01-01T00:00:00+00:00")
    author = _sub(feed, "author")
    _sub(author, "name", news.name)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href="index.html")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href="feed.xml")
    for item in published:
        entry = _sub(feed, "entry")
        url = config.archive.page_url(item.day)
        _sub(entry, "id", url or f"urn:digest:{_slug(news.name)}:{item.day.isoformat()}")
        _sub(entry, "title", item.subject)
        _sub(entry, "updated", item.recorded)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=item.page)
        _sub(entry, "summary", item.preheader)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split()) or "digest"


def _attr(text: str) -> str:
    return html.escape(text, quote=True)
