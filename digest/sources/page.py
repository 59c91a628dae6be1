"""Article pages: a page source (`type = "page"`, a list of URLs) and the full text of feed entries.

A page is fetched with the run's Fetcher (trafilatura's own downloader refuses loopback addresses
and would bypass our limits) and read by the one article extractor (article_html), as saved pages
are. The article comes back as sanitised HTML, so headings and paragraphs survive into extraction,
with the page's metadata: canonical URL, headline, date, section, author, language.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from ..config.schema import http_url_check, option
from ..config.sources import NetworkSourceConfig
from ..models import RawItem
from ..report import RunReport
from . import SourceContext, register
from .article_html import HTML_TYPES, NoArticle, PageText, extract_article, read_page
from .fetch import PAGE_ACCEPT, Fetcher, PageFault
from .parallel import Job
from .sanitise import clean_link

__all__ = ["BAD_PAGE", "HTML_TYPES", "NoArticle", "PageText", "extract_article", "fetch_article"]

# A page that is no article, whatever the network does: skipped with a warning (README, exit codes).
BAD_PAGE = (NoArticle, PageFault)


def fetch_article(
    fetcher: Fetcher, url: str, timeout: float | None = None, private: bool | None = None
) -> PageText:
    """Fetch a page and extract its article; FetchError or NoArticle (both name the URL).

    `private`: may the page be on a private address (see Fetcher.get; a public feed's link: no)."""
    fetched = fetcher.get(url, accept=PAGE_ACCEPT, timeout=timeout, private=private)
    return read_page(
        fetched.content,
        url,
        url=fetched.final_url,
        charset=fetched.charset,
        content_type=fetched.content_type,
        max_bytes=fetcher.settings.max_bytes,
    )


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


def with_full_text(item: RawItem, page: PageText, language: str | None = None) -> RawItem:
    """A feed item whose body is the page's article (the feed's title, date and section are kept);
    `language` is the source's own setting, which wins over the page's <html lang>."""
    return replace(
        item,
        body=page.html,
        body_format="html",
        title=item.title or page.title,
        published=item.published or page.published,
        section=item.section or page.section,
        author=item.author or page.author,
        language=language or page.language or item.language,
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
        """The placeholder with the page's article; None (a warning) when the page is no article,
        SourceError when it cannot be fetched."""
        fetcher = self.context.fetcher
        assert fetcher is not None, "collect() provides a fetcher for network sources"
        try:
            page = fetch_article(fetcher, item.origin, self.spec.timeout)
        except BAD_PAGE as err:
            report.skip_page(f"page {self.spec.name!r}: {err}; skipped")
            return None
        if page.warning:
            report.warn(f"page {self.spec.name!r}: {page.warning}")
        fetched_at = datetime.now(UTC)
        return replace(
            item,
            url=clean_link(page.url) or item.url,
            title=page.title,
            body=page.html,
            published=page.published or fetched_at,
            section=self.spec.section or page.section,
            author=page.author,
            language=self.spec.language or page.language or self.language,
        )


def host_of(url: str | None) -> str:
    """The host a request goes to (the per-host bound's key); "" for files."""
    try:
        return (urlsplit(url or "").hostname or "").lower()
    except ValueError:
        return ""
