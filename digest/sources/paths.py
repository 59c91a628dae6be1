"""Articles named on the command line (`digest reduce PATH…`): files, folders, feeds and URLs.

Each PATH becomes RawItems through the same source classes the pipeline uses, so the reducer sees
exactly what a run would see (pipeline.reduce_paths() takes them on from here).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config, SourceConfig
from ..errors import SourceError
from ..models import RawItem
from ..report import RunReport
from . import SourceContext
from .textfile import TextFileSource

if TYPE_CHECKING:
    from .feed import FeedSource

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")


def read_path(given: str, config: Config | None, report: RunReport) -> list[RawItem]:
    """The articles at a path or URL as the command line gave it."""
    if re.match(r"https?://", given, re.IGNORECASE):
        return read_url(given, config, report)
    path = Path(given)
    if not path.exists():
        raise SourceError(f"{given}: no such file or folder")
    if not path.is_dir():
        return read_file(path, given, config, report, named=True)
    items: list[RawItem] = []
    for file in sorted(p for p in path.iterdir() if p.is_file()):
        try:
            items.extend(read_file(file, given, config, report, named=False))
        except SourceError as err:  # one bad file in a folder does not stop the others
            report.fail(str(err))
    return items


def read_file(
    file: Path, given: str, config: Config | None, report: RunReport, *, named: bool
) -> list[RawItem]:
    """The articles of one file; a file named on the command line is read whatever its suffix."""
    suffix = file.suffix.lower()
    if suffix in HTML_SUFFIXES:
        from .htmlfile import read_html_file  # lxml and the page rules: only for HTML files

        return read_html_file(file, _spec(config, given), report)
    if suffix in FEED_SUFFIXES or (named and _looks_like_feed(file)):
        return list(_feed_source(config, given, report, path=file).items())
    if suffix in TEXT_SUFFIXES or named:
        item = _text_source(config, given, report).read(file)
        return [item] if item else []
    return []


def read_url(url: str, config: Config | None, report: RunReport) -> list[RawItem]:
    """A feed's entries or a page's article, whichever the URL serves (fetched once)."""
    from .feed import parse_fetched
    from .fetch import FEED_ACCEPT, Fetcher, FetchSettings
    from .page import decode_html, extract_article

    fetch = (config or Config()).fetch
    settings = FetchSettings(fetch.timeout, int(fetch.max_mb * 1_000_000), fetch.max_redirects, 1)
    with Fetcher(settings) as fetcher:
        fetched = fetcher.get(url, accept=FEED_ACCEPT.replace("*/*", "text/html;q=0.8, */*"))
    if fetched.content_type in ("text/html", "application/xhtml+xml") or _is_html(fetched.content):
        page = extract_article(decode_html(fetched.content, fetched.charset), fetched.final_url)
        spec = _spec(config, url)
        return [
            RawItem(
                source=_host(url),
                key=url,
                url=page.url,
                title=page.title,
                body=page.html,
                body_format="html",
                published=page.published,
                language=page.language or spec.language,
                origin=url,
            )
        ]
    source = _feed_source(config, url, report, url=url)
    return source.accept(parse_fetched(fetched), report)


def _is_html(content: bytes) -> bool:
    start = content[:1024].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _looks_like_feed(path: Path) -> bool:
    """A file without a telling suffix that starts like RSS, RDF or Atom."""
    try:
        with path.open("rb") as handle:
            start = handle.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    except OSError:
        return False
    return start.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf"))


def _host(url: str) -> str:
    from .page import host_of

    return host_of(url) or url


def _feed_source(
    config: Config | None,
    given: str,
    report: RunReport,
    *,
    path: Path | None = None,
    url: str | None = None,
) -> FeedSource:
    from .feed import FeedSource

    name = _host(given) if url else (Path(given).name or given)
    spec = SourceConfig(
        name=name,
        type="feed",
        path=path,
        url=url,
        language=_spec(config, given).language,
    )
    return FeedSource(spec, SourceContext(config or Config(), report))


def _spec(config: Config | None, given: str) -> SourceConfig:
    language = config.newsletter.language if config else "de"
    return SourceConfig(
        name=Path(given).name or given, type="textfile", path=Path(given), language=language
    )


def _text_source(config: Config | None, given: str, report: RunReport) -> TextFileSource:
    return TextFileSource(_spec(config, given), SourceContext(config or Config(), report))
