"""The one place that knows the order of the stages: sources → extract → reduce → edition → render → deliver.

`build()` makes the day's edition and its rendering without side effects; `run()` builds and hands the
result to a delivery backend, counting everything on a RunReport.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from . import sources
from .config import Config
from .deliver import Delivery, backend
from .edition import assemble
from .errors import DigestError
from .extract import extract
from .models import Article, Edition, RawItem, Rendered, Story
from .reduce import Reducer, RuleReducer
from .render import render
from .report import RunReport


@dataclass(frozen=True)
class Built:
    """An edition and its rendering (rendered and inlined once, not yet personalised)."""

    edition: Edition
    rendered: Rendered


def today(config: Config) -> date:
    """The edition date: today in the newsletter's time zone (cron runs in UTC on many servers)."""
    return datetime.now(ZoneInfo(config.newsletter.timezone)).date()


def reduce_items(items: list[RawItem], report: RunReport, reducer: Reducer) -> list[Story]:
    """Extract and reduce each item; a failing item is named on the report and skipped."""
    stories = []
    for item in items:
        try:
            article: Article = extract(item)
            if not article.paragraphs:
                report.warn(f"{item.origin or item.key}: skipped: no text after extraction")
                continue
            stories.append(reducer.reduce(article))
        except DigestError as err:
            report.fail(f"{item.origin or item.key}: {err}")
    report.articles += len(stories)
    return stories


def build(
    config: Config,
    *,
    edition_date: date | None = None,
    report: RunReport | None = None,
    reducer: Reducer | None = None,
    test: bool = False,
) -> Built:
    """Collect, extract, reduce, assemble and render the edition of `edition_date` (default today)."""
    report = report if report is not None else RunReport()
    items = sources.collect(config, report)
    stories = reduce_items(items, report, reducer or RuleReducer())
    edition = assemble(stories, config, edition_date or today(config))
    report.stories = len(edition.stories)
    if not edition.stories:
        report.warn("the edition has no stories")
    return Built(edition, render(edition, config, test=test))


def run(
    config: Config,
    *,
    edition_date: date | None = None,
    out_dir: Path | None = None,
    backend_name: str = "files",
    report: RunReport | None = None,
) -> RunReport:
    """Build the edition and deliver it with one backend; return the report."""
    report = report if report is not None else RunReport()
    built = build(config, edition_date=edition_date, report=report)
    result = backend(backend_name).deliver(
        Delivery(built.edition, built.rendered, config, out_dir=out_dir)
    )
    report.delivered += len(result.delivered)
    report.outputs.extend(Path(p) for p in result.delivered if backend_name == "files")
    for target, reason in result.failed:
        report.fail(f"{target}: {reason}")
    return report
