"""Articles named on the command line (`digest reduce PATH…`): files, folders, feeds and URLs.

Each PATH becomes RawItems through the same source classes the pipeline uses, so the reducer sees
exactly what a run would see (pipeline.reduce_paths() takes them on from here). Which feed-like type
reads a file or a fetched document, the types say themselves: a source class with a `claims(suffix,
content_type, start)` class method is asked (RSS/Atom and JSON Feed do); RSS/Atom is the fallback.
A file with a text suffix (.txt, .md…) that does not begin like markup or JSON (`<`, `{`) is text
without asking them: listing the types imports their modules (feedparser, httpx, lxml, the plugins'
entry points), which a one-file `digest reduce` of a text file never needs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Config
from ..errors import SourceError
from ..models import RawItem
from ..report import RunReport
from . import SourceContext, SourceType, source_types
from .textfile import TYPE_NAME as TEXTFILE
from .textfile import TextFileConfig, TextFileSource

if TYPE_CHECKING:
    from .feed import FeedSource

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


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
    start = _start(file) if named else None
    feed_type = _claiming_type(suffix, "", start) if _may_be_feed(suffix, start) else None
    if feed_type is not None:
        return list(_feed_source(config, given, report, feed_type, path=file).items())
    if suffix in TEXT_SUFFIXES or named:
        item = _text_source(config, given, report).read(file)
        return [item] if item else []
    return []


def read_url(url: str, config: Config | None, report: RunReport) -> list[RawItem]:
    """A feed's entries or a page's article, whichever the URL serves (fetched once); a URL that
    serves no article (not HTML, too large, a redirect loop) is skipped with a warning."""
    from .page import BAD_PAGE

    try:
        return _read_url(url, config, report)
    except BAD_PAGE as err:
        report.skip_page(f"{err}; skipped")
        return []


def _read_url(url: str, config: Config | None, report: RunReport) -> list[RawItem]:
    from .article_html import read_page
    from .fetch import Fetcher, FetchSettings

    fetch = (config or Config()).fetch
    settings = FetchSettings(fetch.timeout, int(fetch.max_mb * 1_000_000), fetch.max_redirects, 1)
    with Fetcher(settings) as fetcher:
        fetched = fetcher.get(url, accept=_accept())
    if fetched.content_type in ("text/html", "application/xhtml+xml") or _is_html(fetched.content):
        # The checks and decoding every page gets (read_page); the bytes were already found HTML.
        page = read_page(
            fetched.content,
            url,
            url=fetched.final_url,
            charset=fetched.charset,
            content_type="text/html",
            max_bytes=settings.max_bytes,
        )
        if page.warning:
            report.warn(page.warning)
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
    start = fetched.content[:1024]
    feed_type = _claiming_type("", fetched.content_type, start) or _claiming_type(".xml", "", None)
    source = _feed_source(config, url, report, feed_type, url=url)
    return source.accept(source.parse_fetched(fetched), report)


def _feed_types() -> list[SourceType]:
    """The source types that read feed documents (they have `claims`), in name order."""
    registry = source_types()
    found = (registry.get(name) for name in registry.builtin_names() + registry.names())
    return list({t.name: t for t in found if t and hasattr(t.factory, "claims")}.values())


def _claiming_type(suffix: str, content_type: str, start: bytes | None) -> SourceType | None:
    """The first feed-like type that reads a document with this suffix, media type or start."""
    for source_type in _feed_types():
        if source_type.factory.claims(suffix, content_type, start):  # type: ignore[attr-defined]
            return source_type
    return None


def _may_be_feed(suffix: str, start: bytes | None) -> bool:
    """Whether a feed-like type could claim a file: every feed format begins with `<` or `{`, so a
    text file (by suffix) that begins otherwise is text, whatever the types would say."""
    if suffix not in TEXT_SUFFIXES:
        return True
    return (start or b"").lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<", b"{"))


def _accept() -> str:
    """An Accept header for a URL that may serve any feed format or an HTML page."""
    kinds = [getattr(t.factory, "accept_header", "") for t in _feed_types()]
    wanted = [kind.strip() for accept in kinds for kind in accept.split(",") if "*/*" not in kind]
    return ", ".join([*dict.fromkeys(wanted), "text/html;q=0.8", "*/*;q=0.5"])


def _is_html(content: bytes) -> bool:
    start = content[:1024].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _start(path: Path) -> bytes:
    """The first KB of a file (what a feed type's `claims` looks at); b"" when unreadable."""
    try:
        with path.open("rb") as handle:
            return handle.read(1024)
    except OSError:
        return b""


def _host(url: str) -> str:
    from .page import host_of

    return host_of(url) or url


def _feed_source(
    config: Config | None,
    given: str,
    report: RunReport,
    feed_type: SourceType | None,
    *,
    path: Path | None = None,
    url: str | None = None,
) -> FeedSource:
    assert feed_type is not None, "the RSS/Atom type claims .xml files"
    name = _host(given) if url else (Path(given).name or given)
    spec = feed_type.config(
        name=name,
        type=feed_type.name,
        path=path,  # type: ignore[call-arg]
        url=url,  # type: ignore[call-arg]
        language=_spec(config, given).language,
    )
    source: FeedSource = feed_type.factory(spec, SourceContext(config or Config(), report))  # type: ignore[assignment]
    return source


def _spec(config: Config | None, given: str) -> TextFileConfig:
    language = config.newsletter.language if config else "de"
    return TextFileConfig(
        name=Path(given).name or given, type=TEXTFILE, path=Path(given), language=language
    )


def _text_source(config: Config | None, given: str, report: RunReport) -> TextFileSource:
    return TextFileSource(_spec(config, given), SourceContext(config or Config(), report))
