"""Feed source (`type = "feed"`): RSS 0.9x/1.0/2.0 and Atom via feedparser, from a URL or a file.

We fetch (digest.sources.fetch: limits, gzip, conditional GET) and feedparser only parses. A malformed feed
yields the entries that could be read, with a warning naming the feed; an HTML page or anything else
that is no feed is a failure of that source alone. An unchanged feed (304) reuses the entries
parsed last time, from the feed cache. With `fulltext = true` each entry's page is fetched later,
in the collection's second phase, and its article replaces the feed's text.
"""

from __future__ import annotations

import json
import time
from calendar import timegm
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

import feedparser

from ..config.schema import http_url_check, option
from ..config.sources import NetworkSourceConfig
from ..errors import SourceError
from ..htmltext import html_to_text
from ..models import RawItem
from ..report import RunReport
from . import SourceContext, register
from .article_html import article_fragment, is_full_article
from .fetch import FEED_ACCEPT, Fetched, Fetcher
from .page import fetch_article, host_of, with_full_text
from .parallel import Job
from .sanitise import bound_html, clean_html, clean_link, plain_line
from .textfile import content_key

# feedparser's "problems" that only say the server labelled the feed oddly; the entries are fine.
_BENIGN = ("CharacterEncodingOverride", "NonXMLContentType")
_NOT_FEED_TYPES = ("image/", "audio/", "video/", "application/pdf", "application/zip", "font/")
# Seconds one feed's entries may take to clean; HTML is bounded per entry (sanitise.bound_html),
# so only a feed of very many large entries reaches it. The rest of its entries are left out.
TIME_BUDGET = 30.0


@dataclass(frozen=True)
class FeedConfig(NetworkSourceConfig):
    """[[sources]] type = "feed": an RSS or Atom feed, from a URL or a local file."""

    url: str | None = option(None, "URL of the feed", http_url_check)
    path: Path | None = option(None, "a local feed file (instead of url)")
    fulltext: bool = option(False, "fetch each entry's page for the full article")

    def problems(self) -> Iterator[tuple[str, str]]:
        if (self.url is None) == (self.path is None):
            yield "", "a feed source needs exactly one of url and path"
        elif self.path is not None and not self.path.is_file():
            yield "path", f"no such file '{self.path}'"

    def local_paths(self) -> tuple[Path, ...]:
        return (self.path,) if self.path else ()

    def cached_urls(self) -> tuple[str, ...]:
        return (self.url,) if self.url else ()


class NotAFeed(SourceError):
    """The document is no RSS or Atom feed (an HTML page, an image, an empty body)."""


@dataclass(frozen=True)
class Entry:
    """One feed entry, cleaned and independent of the source's config (so it can be cached)."""

    key: str
    url: str | None
    title: str | None
    html: str  # sanitised
    published: datetime  # the entry's date, else when it was first fetched
    categories: tuple[str, ...] = ()

    @property
    def has_text(self) -> bool:
        return bool(html_to_text(self.html).strip())


@dataclass(frozen=True)
class ParsedFeed:
    """The entries that could be read, and what was wrong with the document (None: nothing)."""

    entries: tuple[Entry, ...]
    title: str | None = None
    problem: str | None = None
    notes: tuple[str, ...] = ()  # entries whose HTML was cut, a time budget used up: warnings


def parse_feed(
    data: bytes,
    *,
    url: str | None,
    headers: dict[str, str] | None = None,
    budget: float = TIME_BUDGET,
) -> ParsedFeed:
    """Parse a feed document; NotAFeed when nothing in it is a feed."""
    fetched_at = datetime.now(UTC)
    deadline = time.monotonic() + budget
    parsed = feedparser.parse(data, response_headers=headers or {}, sanitize_html=True)
    problem = _problem(parsed)
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeed(_not_a_feed(data, parsed, problem))
    feed_link = clean_link(parsed.feed.get("link"), url)
    base = url if url and url.startswith("http") else feed_link
    entries: dict[str, Entry] = {}
    notes: list[str] = []
    for number, raw in enumerate(parsed.entries, 1):
        if time.monotonic() > deadline:
            left = len(parsed.entries) - number + 1
            notes.append(f"time budget of {budget:g} s used up: {entries_phrase(left)} left out")
            break
        cut: list[str] = []
        entry = _entry(raw, base, fetched_at, cut)
        if cut:
            label = plain_line(raw.get("title")) or raw.get("link") or f"#{number}"
            notes.append(f"entry {label[:80]!r}: its HTML is {'; '.join(cut)}; cut there")
        if entry is not None:
            entries.setdefault(entry.key, entry)  # a feed listing an entry twice: keep the first
    return ParsedFeed(
        tuple(entries.values()),
        plain_line(parsed.feed.get("title")) or None,
        problem,
        tuple(notes),
    )


def _entry(
    raw: Any, base: str | None, fetched_at: datetime, cut: list[str] | None = None
) -> Entry | None:
    link = clean_link(raw.get("link"), base)
    guid = plain_line(raw.get("id")) or None
    if link is None and guid and guid.startswith(("http://", "https://")):
        link = clean_link(guid)  # an RSS guid is a permalink unless it says otherwise
    title = plain_line(raw.get("title")) or None
    body, problem = bound_html(_body_html(raw))  # bounded before any parser sees it
    if problem and cut is not None:
        cut.append(problem)
    full = is_full_article(body)  # a whole article goes through the pages' extractor
    html = article_fragment(body, link or base) if full else clean_html(body, link or base)
    if not (title or link or html_to_text(html).strip()):
        return None
    key = link or guid_key(guid, base) or content_key(f"{title or ''}\n{html_to_text(html)}")
    published = _date(raw) or fetched_at
    categories = tuple(
        term for tag in raw.get("tags") or () if (term := plain_line(tag.get("term")))
    )
    return Entry(key, link, title, html, published, categories)


def _body_html(raw: Any) -> str:
    """The longest of the entry's content and summary (some feeds put the article in one only)."""
    details = [*(raw.get("content") or ()), raw.get("summary_detail") or {}]
    candidates = [_as_html(d.get("value") or "", d.get("type") or "") for d in details]
    return max(candidates, key=len)


def _as_html(value: str, media_type: str) -> str:
    """Plain-text content escaped (its "<" is a character, not a tag), HTML as it is."""
    return value if "html" in media_type or not media_type else escape(value)


def guid_key(guid: str | None, base: str | None) -> str | None:
    """A guid as key; a bare one ("12345") is only unique within its feed, so it is prefixed."""
    if not guid:
        return None
    return guid if ":" in guid or not base else f"{base}#{guid}"


def _date(raw: Any) -> datetime | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = raw.get(name)
        if value:
            try:  # feedparser gives UTC struct_time
                return datetime.fromtimestamp(timegm(value), UTC)
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def _problem(parsed: Any) -> str | None:
    if not parsed.get("bozo"):
        return None
    error = parsed.get("bozo_exception")
    if str(error).startswith("document declared as utf-8, but parsed as"):
        # Bytes that are not UTF-8 although the feed says so: the text may be subtly off (a
        # text/* Content-Type without charset "declares" us-ascii: that default is no news).
        return f"wrong encoding ({error})"
    if type(error).__name__ in _BENIGN:
        return None
    if hasattr(error, "getLineNumber"):  # an XML syntax error: say where, as an editor would
        return f"malformed XML at line {error.getLineNumber()}, column {error.getColumnNumber()}: {error.getMessage()}"
    return f"malformed feed ({type(error).__name__}: {error})"


def _not_a_feed(data: bytes, parsed: Any, problem: str | None) -> str:
    start = data[:2048].lstrip().lower()
    if not start:
        return "not a feed: the document is empty"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
        alternates = [
            link.get("href")
            for link in parsed.feed.get("links") or ()
            if "rss" in (link.get("type") or "") or "atom" in (link.get("type") or "")
        ]
        hint = f"; the page names a feed: {alternates[0]}" if alternates else ""
        return f"not a feed but an HTML page{hint}"
    return f"not a feed ({problem or 'no RSS or Atom elements'})"


def entries_to_json(entries: tuple[Entry, ...]) -> str:
    return json.dumps(
        [{**e.__dict__, "published": e.published.isoformat()} for e in entries], ensure_ascii=False
    )


def entries_from_json(text: str | None) -> tuple[Entry, ...] | None:
    """Entries stored by entries_to_json; None when there are none or they cannot be read."""
    if not text:
        return None
    try:
        rows = json.loads(text)
        return tuple(
            Entry(
                key=row["key"],
                url=row["url"],
                title=row["title"],
                html=row["html"],
                published=datetime.fromisoformat(row["published"]),
                categories=tuple(row["categories"]),
            )
            for row in rows
        )
    except (ValueError, KeyError, TypeError):
        return None


@register("feed", FeedConfig)
class FeedSource:
    """A feed's entries as RawItems; fetched in the collection's concurrent first phase."""

    def __init__(self, spec: FeedConfig, context: SourceContext) -> None:
        self.spec = spec
        self.context = context
        self.language = spec.language or context.config.newsletter.language
        self.where = spec.url or str(spec.path)
        # Whether the feed itself came from a private address (then its links may point inside,
        # as the operator chose to read it); a file or a public feed's links never may.
        self.on_private_address = False

    def jobs(self) -> list[Job[list[RawItem]]]:
        return [Job(f"feed {self.spec.name!r}", host_of(self.spec.url), self.read)]

    def items(self) -> list[RawItem]:
        """Read the feed now, without the concurrent machinery (`digest reduce`, scripts)."""
        if self.context.fetcher is not None or self.spec.path:
            return self.read(self.context.report)
        with Fetcher() as fetcher:
            own = type(self)(self.spec, replace(self.context, fetcher=fetcher))
            return own.read(self.context.report)

    def read(self, report: RunReport) -> list[RawItem]:
        """The feed's entries as items; SourceError when it cannot be read at all."""
        parsed = self._read_file() if self.spec.path else self._fetch(self.spec.url or "")
        return self.accept(parsed, report)

    def accept(self, parsed: ParsedFeed, report: RunReport) -> list[RawItem]:
        """Items of a parsed feed; what was wrong with the document becomes one warning."""
        if parsed.problem:
            count = len(parsed.entries)
            report.warn(
                f"feed {self.spec.name!r} ({self.where}): {parsed.problem}; read {entries_phrase(count)}"
            )
        for note in parsed.notes:
            report.warn(f"feed {self.spec.name!r} ({self.where}): {note}")
        return self.items_from(parsed.entries, report)

    def _read_file(self) -> ParsedFeed:
        path: Path = self.spec.path  # type: ignore[assignment]
        limit = int(self.context.config.fetch.max_mb * 1_000_000)
        try:
            with path.open("rb") as handle:
                data = handle.read(limit + 1)
        except OSError as err:
            raise SourceError(f"{path}: {err.strerror or err}") from None
        if len(data) > limit:
            raise SourceError(f"{path}: too large: more than {limit:,} bytes")
        try:
            return self.parse(data, url=None)
        except NotAFeed as err:
            raise NotAFeed(f"{path}: {err}") from None

    def _fetch(self, url: str) -> ParsedFeed:
        fetcher = self.context.fetcher
        assert fetcher is not None, "collect() provides a fetcher for network sources"
        cache = self.context.feed_cache
        cached = cache.get(url) if cache else None
        from_cache = self.from_cache(cached.entries) if cached else None
        validators = cached.validators if cached and from_cache is not None else None
        fetched = fetcher.get(
            url, validators=validators, accept=self.accept_header, timeout=self.spec.timeout
        )
        self.on_private_address = fetched.private
        if fetched.not_modified and from_cache is not None:
            return from_cache
        parsed = self.parse_fetched(fetched)
        if cache is not None and not parsed.problem:
            cache.put(url, fetched.validators, self.to_cache(parsed))
        return parsed

    # -- what a feed-like type changes (jsonfeed.py): the format, its media types, its cache text --

    accept_header = FEED_ACCEPT  # the Accept header of the feed request
    suffixes = (".xml", ".rss", ".atom", ".rdf")

    @classmethod
    def claims(cls, suffix: str, content_type: str, start: bytes | None) -> bool:
        """Whether this type reads a document (`digest reduce PATH`): by suffix, media type, or
        (`start`, when given) by how it begins: RSS, RDF or Atom."""
        if suffix in cls.suffixes or "xml" in content_type:
            return True
        begins = (start or b"").lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        return begins.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf"))

    def parse(
        self, data: bytes, *, url: str | None, headers: dict[str, str] | None = None
    ) -> ParsedFeed:
        """The entries of a feed document; NotAFeed when nothing in it is a feed."""
        return parse_feed(data, url=url, headers=headers)

    def parse_fetched(self, fetched: Fetched) -> ParsedFeed:
        """Parse a fetched feed; NotAFeed (naming the URL) for images, pages and other non-feeds."""
        if fetched.content_type.startswith(_NOT_FEED_TYPES):
            raise NotAFeed(f"{fetched.url}: not a feed (Content-Type {fetched.content_type})")
        try:
            return self.parse(fetched.content, url=fetched.final_url, headers=fetched.headers)
        except NotAFeed as err:
            raise NotAFeed(f"{fetched.url}: {err}") from None

    def to_cache(self, parsed: ParsedFeed) -> str:
        """The parsed entries as the feed cache keeps them (reused on a 304)."""
        return entries_to_json(parsed.entries)

    def from_cache(self, text: str | None) -> ParsedFeed | None:
        """What to_cache() stored; None when there is nothing usable (then no conditional GET)."""
        entries = entries_from_json(text)
        return ParsedFeed(entries) if entries is not None else None

    def items_from(self, entries: tuple[Entry, ...], report: RunReport) -> list[RawItem]:
        items = []
        title_only = 0
        for entry in entries:
            if not entry.has_text and not (self.spec.fulltext and entry.url):
                title_only += 1
                continue
            items.append(self.item(entry))
        if title_only:
            report.warn(
                f"feed {self.spec.name!r} ({self.where}): {entries_phrase(title_only)} without text "
                "skipped (set fulltext = true to fetch their pages)"
            )
        return items

    def item(self, entry: Entry) -> RawItem:
        return RawItem(
            source=self.spec.name,
            key=entry.key,
            url=entry.url,
            title=entry.title,
            body=entry.html,
            body_format="html",
            published=entry.published,
            section=self.spec.section or self._section(entry.categories),
            language=self.language,
            origin=entry.url or self.where,
        )

    def _section(self, categories: tuple[str, ...]) -> str | None:
        """The first category that is a configured section, else the first category."""
        sections = {s.casefold(): s for s in self.context.config.newsletter.sections}
        for category in categories:
            if category.casefold() in sections:
                return sections[category.casefold()]
        return categories[0] if categories else None

    # -- full text (second phase) ------------------------------------------------------------

    def completion(self, item: RawItem) -> Job[RawItem | None] | None:
        """With `fulltext`: a job fetching the entry's page (the run's second phase)."""
        if not (self.spec.fulltext and item.url):
            return None
        label = f"feed {self.spec.name!r}: full text"
        return Job(label, host_of(item.url), lambda report: self.complete(item, report))

    def complete(self, item: RawItem, report: RunReport) -> RawItem | None:
        """The item with its page's article; the feed's text (with a warning) when that fails."""
        fetcher = self.context.fetcher
        assert fetcher is not None and item.url is not None
        private = self.on_private_address
        try:
            if not private and fetcher.guard.is_private_host(item.url):  # for a plain message
                raise SourceError(f"{item.url}: not fetched: a private address in a public feed")
            # Every hop of the fetch is checked again, connected to the address that was checked.
            page = fetch_article(fetcher, item.url, self.spec.timeout, private=private)
            if page.warning:
                report.warn(f"feed {self.spec.name!r}: full text: {page.warning}")
            return with_full_text(item, page, self.spec.language)
        except SourceError as err:
            has_text = bool(html_to_text(item.body).strip())
            fallback = "using the feed's text" if has_text else "skipped: the feed has no text"
            message = f"feed {self.spec.name!r}: full text: {err}; {fallback}"
            if has_text:
                report.warn(message)
                return item
            report.skip_page(message)
            return None


def entries_phrase(count: int) -> str:
    return "1 entry" if count == 1 else f"{count} entries"
