"""HTML files as articles: the page title as title, the text of its blocks as body.

Used by `digest reduce page.html`; the page source of feeds extracts the article from whole pages.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from ..config.sources import SourceConfig
from ..models import RawItem
from ..report import RunReport
from .textfile import UnreadableText, content_key, decode_text


def read_html_file(path: Path, spec: SourceConfig, report: RunReport) -> list[RawItem]:
    try:
        text, warning = decode_text(path.read_bytes())
    except (OSError, UnreadableText) as err:
        report.fail(f"{path}: skipped: {getattr(err, 'strerror', None) or err}")
        return []
    if warning:
        report.warn(f"{path}: {warning}")
    title = _title(text)
    return [
        RawItem(
            source=spec.name,
            key=content_key(text),
            url=None,
            title=title,
            body=text,
            body_format="html",
            section=spec.section,
            language=spec.language,
            origin=str(path),
        )
    ]


def _title(html: str) -> str | None:
    for pattern in (r"<h1[^>]*>(.*?)</h1>", r"<title[^>]*>(.*?)</title>"):
        match = re.search(pattern, html, re.IGNORECASE | re.DOTALL)
        if match:
            title = " ".join(unescape(re.sub(r"<[^>]+>", "", match.group(1))).split())
            if title:
                return title
    return None
