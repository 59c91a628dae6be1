"""Articles named on the command line (`digest reduce PATH…`): files, folders, feeds and URLs.

Each PATH becomes RawItems through the same source classes the pipeline uses, so the reducer sees
exactly what a run would see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .config import Config, SourceConfig
from .errors import SourceError
from .extract import extract
from .models import RawItem
from .reduce import RuleReducer
from .report import RunReport
from .serialise import story_dict
from .sources import SourceContext
from .sources.htmlfile import read_html_file
from .sources.textfile import TextFileSource

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def reduce_paths(
    paths: tuple[str, ...], config: Config | None, report: RunReport
) -> Iterator[dict[str, Any]]:
    """One JSON-ready dict per article, in the order of `paths` (folders: files in name order).

    `input` is the path as given; `origin` (not part of the JSON lines) the file or URL read.
    """
    reducer = RuleReducer()
    for given in paths:
        try:
            items = read_path(given, config, report)
        except SourceError as err:
            report.fail(str(err))
            continue
        for item in items:
            article = extract(item)
            if not article.paragraphs:
                report.warn(f"{item.origin}: skipped: no text")
                continue
            yield {"input": given, **story_dict(reducer.reduce(article)), "origin": item.origin}


def read_path(given: str, config: Config | None, report: RunReport) -> list[RawItem]:
    """The articles at a path or URL as the command line gave it."""
    if re.match(r"https?://", given):
        raise SourceError(f"{given}: reading URLs needs the feed and page sources")
    path = Path(given)
    if not path.exists():
        raise SourceError(f"{given}: no such file or folder")
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    items: list[RawItem] = []
    for file in files:
        if file.suffix.lower() in HTML_SUFFIXES:
            items.extend(read_html_file(file, _spec(config, given), report))
        elif file.suffix.lower() in TEXT_SUFFIXES or not path.is_dir():
            item = _text_source(config, given, report).read(file)
            items.extend([item] if item else [])
    return items


def _spec(config: Config | None, given: str) -> SourceConfig:
    language = config.newsletter.language if config else "de"
    return SourceConfig(
        name=Path(given).name or given, type="textfile", path=Path(given), language=language
    )


def _text_source(config: Config | None, given: str, report: RunReport) -> TextFileSource:
    return TextFileSource(_spec(config, given), SourceContext(config or Config(), report))
