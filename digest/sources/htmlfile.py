"""HTML files as articles: a saved page read by the same extractor as a fetched one.

Used by `digest reduce page.html`. The page's metadata gives the item its canonical URL (also its
key), headline, date, section, author and language; a file that is no article page (a PDF, an
image, JSON, a homepage, more than the size cap) is skipped with one line naming it.
"""

from __future__ import annotations

from pathlib import Path

from ..config.sources import SourceConfig
from ..models import RawItem
from ..report import RunReport
from .article_html import MAX_PAGE_BYTES, NoArticle, read_page
from .textfile import content_key


def read_html_file(
    path: Path, spec: SourceConfig, report: RunReport, max_bytes: int = MAX_PAGE_BYTES
) -> list[RawItem]:
    """The article of one saved page (a list of one), or none with the reason on the report."""
    try:
        with path.open("rb") as handle:
            content = handle.read(max_bytes + 1)
        page = read_page(content, str(path), url=None, max_bytes=max_bytes)
    except OSError as err:
        report.fail(f"{path}: skipped: {err.strerror or err}")
        return []
    except NoArticle as err:
        report.skip_page(f"{err}; skipped")
        return []
    if page.warning:
        report.warn(page.warning)
    return [
        RawItem(
            source=spec.name,
            key=page.url or content_key(page.html),
            url=page.url,
            title=page.title,
            body=page.html,
            body_format="html",
            published=page.published,
            section=spec.section or page.section,
            language=page.language or spec.language,
            origin=str(path),
            author=page.author,
        )
    ]
