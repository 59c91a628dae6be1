"""JSON Feed source (`type = "jsonfeed"`): JSON Feed 1.0 and 1.1 (jsonfeed.org), from a URL or a file.

feedparser does not read JSON Feed, so the standard library's json does; everything after parsing is
the feed source's: fetching with conditional GET, the feed cache, HTML sanitised on the allow-list
(no images, so no tracking pixels or remote content), sections from tags, and with `fulltext = true`
the pages of the entries that carry only a summary.

An item gives `title`, `url` (else `external_url`), `id`, `content_html` (else `content_text`, else
`summary`), `date_published` (else `date_modified`) and `tags`. `author` (1.0) and `authors` (1.1) are
read past: digest keeps no bylines (nor for RSS); an article's credits come from its text.

A document that is no JSON, or no JSON object with an `items` list, fails this source alone, in one
line naming the feed and where. What can be read is read: a missing or unknown `version`, and items
without `id`, or without anything to show, are one warning per kind naming the feed and the items.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from typing import Any

from ..config.schema import option
from ..htmltext import html_to_text
from ..models import RawItem
from ..report import RunReport
from ..times import parse_article_time
from . import register
from .feed import (
    Entry,
    FeedConfig,
    FeedSource,
    NotAFeed,
    ParsedFeed,
    entries_from_json,
    entries_phrase,
    entries_to_json,
    guid_key,
)
from .parallel import Job
from .sanitise import clean_html, clean_link, plain_line
from .textfile import content_key

VERSIONS = {"https://jsonfeed.org/version/1": "1.0", "https://jsonfeed.org/version/1.1": "1.1"}
MEDIA_TYPES = ("application/feed+json", "application/json")
NAMED_ITEMS = 3  # a warning names this many items, then counts the rest


@dataclass(frozen=True)
class JsonFeedConfig(FeedConfig):
    """[[sources]] type = "jsonfeed": a JSON Feed (1.0 or 1.1), from a URL or a local file."""

    fulltext: bool = option(False, "fetch the page of each entry that carries only a summary")


@dataclass(frozen=True)
class ParsedJsonFeed(ParsedFeed):
    """A parsed JSON Feed: its problems one per kind, and the keys of summary-only entries."""

    problems: tuple[str, ...] = ()
    summary_only: frozenset[str] = frozenset()


class _Problems:
    """Items with the same problem, gathered so that each kind becomes one warning."""

    def __init__(self) -> None:
        self.kinds: dict[str, list[str]] = {}

    def add(self, kind: str, item: str) -> None:
        self.kinds.setdefault(kind, []).append(item)

    def lines(self) -> Iterator[str]:
        for kind, items in self.kinds.items():
            named = ", ".join(items[:NAMED_ITEMS])
            more = f" and {len(items) - NAMED_ITEMS} more" if len(items) > NAMED_ITEMS else ""
            count = "1 item" if len(items) == 1 else f"{len(items)} items"
            yield f"{count} {kind} ({named}{more})"


def parse_json_feed(data: bytes, *, url: str | None) -> ParsedJsonFeed:
    """The entries of a JSON Feed document; NotAFeed when it is no JSON Feed at all."""
    document = _load(data)
    problems: list[str] = []
    version = document.get("version")
    if version is None:
        problems.append("no version (read as JSON Feed 1.1)")
    elif version not in VERSIONS:
        problems.append(f"unknown version {_shown(version)} (read as JSON Feed 1.1)")
    items = document.get("items")
    if not isinstance(items, list):
        raise NotAFeed("not a JSON Feed: no items list")
    base = url if url and url.startswith("http") else None
    base = base or _string(document.get("feed_url")) or _string(document.get("home_page_url"))
    fetched_at = datetime.now(UTC)
    item_problems = _Problems()
    entries: dict[str, Entry] = {}
    summary_only: set[str] = set()
    for number, raw in enumerate(items, 1):
        read = _entry(raw, number, base, fetched_at, item_problems)
        if read is not None:
            entry, only_summary = read
            if entry.key not in entries:  # an item listed twice: keep the first
                entries[entry.key] = entry
                if only_summary:
                    summary_only.add(entry.key)
    problems.extend(item_problems.lines())
    return ParsedJsonFeed(
        entries=tuple(entries.values()),
        title=plain_line(_string(document.get("title"))) or None,
        problem="; ".join(problems) or None,
        problems=tuple(problems),
        summary_only=frozenset(summary_only),
    )


def _load(data: bytes) -> dict[str, Any]:
    """The document as a JSON object; NotAFeed saying where it is not one."""
    if not data.strip():
        raise NotAFeed("not a feed: the document is empty")
    try:
        document = json.loads(data)
    except json.JSONDecodeError as err:
        raise NotAFeed(
            f"malformed JSON at line {err.lineno}, column {err.colno}: {err.msg}"
        ) from None
    except UnicodeDecodeError as err:
        raise NotAFeed(f"not UTF-8 JSON (byte {data[err.start]:#04x} at {err.start})") from None
    except (ValueError, RecursionError) as err:  # a number too long, arrays nested too deeply
        raise NotAFeed(f"unreadable JSON ({type(err).__name__})") from None
    if not isinstance(document, dict):
        raise NotAFeed(f"not a JSON Feed: the document is {_json_kind(document)}, not an object")
    return document


def _entry(
    raw: Any, number: int, base: str | None, fetched_at: datetime, problems: _Problems
) -> tuple[Entry, bool] | None:
    """One item as an Entry, and whether it carries only a summary; None when it has nothing."""
    if not isinstance(raw, dict):
        problems.add("that are no JSON object, skipped", f"item {number}")
        return None
    title = plain_line(_string(raw.get("title"))) or None
    link = clean_link(_string(raw.get("url")), base) or clean_link(
        _string(raw.get("external_url")), base
    )
    html, only_summary = _body(raw, link or base)
    text = html_to_text(html).strip()
    named = f"item {number}" + (f" {title[:40]!r}" if title else "")
    if not (title or link or text):
        problems.add("without title, url or text, skipped", named)
        return None
    item_id = _item_id(raw.get("id"))
    if item_id is None:
        problems.add("without id, keyed by url or text", named)
    key = link or guid_key(item_id, base) or content_key(f"{title or ''}\n{text}")
    published = (
        parse_article_time(raw.get("date_published"))
        or parse_article_time(raw.get("date_modified"))
        or fetched_at
    )
    tags = raw.get("tags")
    categories = tuple(
        term
        for tag in (tags if isinstance(tags, list) else ())
        if (term := plain_line(_string(tag)))
    )
    return Entry(key, link, title, html, published, categories), only_summary


def _body(raw: dict[str, Any], base: str | None) -> tuple[str, bool]:
    """The item's text as sanitised HTML: content_html, else content_text, else the summary."""
    content_html = _string(raw.get("content_html"))
    if content_html and (html := clean_html(content_html, base)) and html_to_text(html).strip():
        return html, False
    content_text = _string(raw.get("content_text"))
    if content_text and content_text.strip():
        return _paragraphs(content_text), False
    return _paragraphs(_string(raw.get("summary")) or ""), True


def _paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs (its "<" is a character, not a tag)."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{escape(block)}</p>" for block in blocks if block)


def _item_id(value: Any) -> str | None:
    """The item's id; JSON Feed 1.1 asks readers to take a number as its string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return str(value)
    return plain_line(_string(value)) or None


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _json_kind(value: Any) -> str:
    kinds = {list: "a list", str: "a string", bool: "true or false", type(None): "null"}
    return kinds.get(type(value), "a number")


@register("jsonfeed", JsonFeedConfig)
class JsonFeedSource(FeedSource):
    """A JSON Feed's items as RawItems; fetching, cache and full text as for RSS and Atom."""

    accept_header = "application/feed+json, application/json;q=0.9, */*;q=0.5"

    def __init__(self, spec: JsonFeedConfig, context: Any) -> None:
        super().__init__(spec, context)
        self.summary_only: set[str] = set()

    @classmethod
    def claims(cls, suffix: str, content_type: str, start: bytes | None) -> bool:
        """A JSON media type, or a document that starts like a JSON Feed. Not the suffix: a .json in
        a folder may be anything (digest.json), and a named file that is no feed is read as text."""
        if content_type in MEDIA_TYPES:
            return True
        begins = (start or b"").lstrip(b"\xef\xbb\xbf \t\r\n")
        return begins.startswith(b"{") and b"jsonfeed.org/version" in begins

    def parse(
        self, data: bytes, *, url: str | None, headers: dict[str, str] | None = None
    ) -> ParsedFeed:
        return parse_json_feed(data, url=url)

    def accept(self, parsed: ParsedFeed, report: RunReport) -> list[RawItem]:
        """Items of a parsed feed; each kind of problem is one warning naming the feed."""
        for problem in getattr(parsed, "problems", ()):
            read = entries_phrase(len(parsed.entries))
            report.warn(f"feed {self.spec.name!r} ({self.where}): {problem}; read {read}")
        self.summary_only.update(getattr(parsed, "summary_only", ()))
        return self.items_from(parsed.entries, report)

    def to_cache(self, parsed: ParsedFeed) -> str:
        summary_only = sorted(getattr(parsed, "summary_only", ()))
        entries = json.loads(entries_to_json(parsed.entries))
        return json.dumps({"entries": entries, "summary_only": summary_only}, ensure_ascii=False)

    def from_cache(self, text: str | None) -> ParsedFeed | None:
        try:
            stored = json.loads(text or "")
            entries = entries_from_json(json.dumps(stored["entries"]))
            summary_only = frozenset(str(key) for key in stored["summary_only"])
        except (ValueError, KeyError, TypeError):
            return None
        if entries is None:
            return None
        return ParsedJsonFeed(entries, summary_only=summary_only)

    def completion(self, item: RawItem) -> Job[RawItem | None] | None:
        """With `fulltext`: the page of an entry that carries only a summary."""
        if item.key not in self.summary_only:
            return None
        return super().completion(item)
