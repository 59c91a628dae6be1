"""Article pages: a page source (`type = "page"`, a list of URLs) and the full text of feed entries.

A page is fetched with the run's Fetcher and its article found by trafilatura, which is handed the
decoded HTML (its own downloader refuses loopback addresses and would bypass our limits). The
article comes back as sanitised HTML, so headings and paragraphs survive into extraction.
"""

from __future__ import annotations

import codecs
import ipaddress
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from ..config.schema import http_url_check, option
from ..config.sources import NetworkSourceConfig
from ..errors import SourceError
from ..models import RawItem
from ..report import RunReport
from . import SourceContext, register
from .fetch import PAGE_ACCEPT, Fetcher
from .parallel import Job
from .sanitise import clean_html, clean_link, plain_line

HTML_TYPES = ("", "text/html", "application/xhtml+xml", "text/plain")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_DATE_CONFIG = {
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
    "original_date": True,
    "extensive_search": False,
}


@dataclass(frozen=True)
class PageConfig(NetworkSourceConfig):
    """[[sources]] type = "page": article pages, one article per URL."""

    urls: tuple[str, ...] = option((), "URLs of article pages")

    def problems(self) -> Iterator[tuple[str, str]]:
        if not self.urls:
            yield "urls", "missing (a page source needs a list of URLs)"
        for i, url in enumerate(self.urls):
            if problem := http_url_check(url):
                yield f"urls[{i}]", problem


class NoArticle(SourceError):
    """The page was fetched but holds no article text trafilatura could find."""


@dataclass(frozen=True)
class PageText:
    """The article of a page: title, sanitised HTML, publication time (when the page says)."""

    url: str
    title: str | None
    html: str
    published: datetime | None


def fetch_article(fetcher: Fetcher, url: str, timeout: float | None = None) -> PageText:
    """Fetch a page and extract its article; FetchError or NoArticle (both name the URL)."""
    fetched = fetcher.get(url, accept=PAGE_ACCEPT, timeout=timeout)
    if fetched.content_type not in HTML_TYPES:
        raise NoArticle(f"{url}: not an HTML page (Content-Type {fetched.content_type})")
    html = decode_html(fetched.content, fetched.charset)
    return extract_article(html, fetched.final_url)


def extract_article(html: str, url: str) -> PageText:
    """The article in an HTML page, via trafilatura; NoArticle when it finds no text."""
    import trafilatura  # slow to import: only when a page is actually read

    try:
        body = trafilatura.extract(
            html,
            url=url,
            output_format="html",
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=True,
        )
        meta = trafilatura.extract_metadata(html, default_url=url, date_config=_DATE_CONFIG)
    except Exception as err:  # trafilatura on hostile markup: a bad page, not a bad run
        raise NoArticle(f"{url}: cannot read the page ({type(err).__name__})") from None
    title = plain_line(getattr(meta, "title", None)) or None
    article = clean_html(_without_title(body or "", title), url)
    if not re.sub(r"<[^>]+>|\s", "", article):
        raise NoArticle(f"{url}: no article text found on the page")
    return PageText(url, title, article, _parse_date(getattr(meta, "date", None)))


def decode_html(content: bytes, charset: str | None) -> str:
    """The page as text: the HTTP charset, else a <meta charset>, else UTF-8, else cp1252."""
    for candidate in (charset, _meta_charset(content)):
        if candidate and _known_codec(candidate):
            return content.decode(candidate, errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _meta_charset(content: bytes) -> str | None:
    match = _META_CHARSET.search(content[:4096])
    return match.group(1).decode("ascii") if match else None


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _without_title(body: str, title: str | None) -> str:
    """The extracted HTML without a leading <h1> that repeats the title."""
    match = re.match(r"\s*(?:<html>\s*<body>\s*)?<h1>(.*?)</h1>", body, re.DOTALL)
    if match and title and plain_line(match.group(1)) == title:
        return body[: match.start(1) - 4] + body[match.end() :]
    return body


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def with_full_text(item: RawItem, page: PageText) -> RawItem:
    """A feed item whose body is the page's article (the feed's title and date are kept)."""
    return replace(
        item,
        body=page.html,
        body_format="html",
        title=item.title or page.title,
        published=item.published or page.published,
    )


@register("page", PageConfig)
class PageSource:
    """One article per URL; the pages are fetched in the collection's second, concurrent phase."""

    def __init__(self, spec: PageConfig, context: SourceContext) -> None:
        self.spec = spec
        self.context = context
        self.language = spec.language or context.config.newsletter.language

    def items(self) -> list[RawItem]:
        """A placeholder per URL (key and link only), so seen pages are never fetched again."""
        items = []
        for url in dict.fromkeys(self.spec.urls):
            link = clean_link(url) or url
            items.append(
                RawItem(
                    source=self.spec.name,
                    key=link,
                    url=link,
                    title=None,
                    body="",
                    body_format="html",
                    section=self.spec.section,
                    language=self.language,
                    origin=url,
                )
            )
        return items

    def completion(self, item: RawItem) -> Job[RawItem | None]:
        """A job fetching the page (the run's second phase, after seen pages were left out)."""
        label = f"page {self.spec.name!r}"
        return Job(label, host_of(item.origin), lambda report: self.complete(item, report))

    def complete(self, item: RawItem, report: RunReport) -> RawItem | None:
        """The placeholder with the page's article; SourceError when the page cannot be read."""
        fetcher = self.context.fetcher
        assert fetcher is not None, "collect() provides a fetcher for network sources"
        page = fetch_article(fetcher, item.origin, self.spec.timeout)
        fetched_at = datetime.now(UTC)
        return replace(
            item,
            url=clean_link(page.url) or item.url,
            title=page.title,
            body=page.html,
            published=page.published or fetched_at,
        )


def is_private(url: str | None) -> bool:
    """Whether a URL names this machine or a private network by address (or as localhost).

    A public feed must not make digest fetch, and then mail around, pages from inside the
    network it runs in. Names are not resolved: this stops the plain cases, not DNS tricks.
    """
    host = host_of(url)
    if not host:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return not address.is_global


def host_of(url: str | None) -> str:
    """The host a request goes to (the per-host bound's key); "" for files."""
    try:
        return (urlsplit(url or "").hostname or "").lower()
    except ValueError:
        return ""
