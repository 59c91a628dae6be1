"""The one place that knows the order of the stages: sources → extract → reduce → edition → render → deliver.

`build()` makes the day's edition and its rendering without side effects; `run()` builds and hands the
result to a delivery backend, counting everything on a RunReport.

State: `build()` reads the state database to leave out articles already delivered; it opens it
read-only unless the caller hands in a writable `State` (the sending run), in which case the feed
cache and new sources' baselines are saved too. Marking the edition's articles as seen is the
sender's job, after the relay accepted it: `Edition.article_keys` gives what to mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from . import sources
from .config import Config
from .deliver import Delivery, backend
from .edition.assemble import Selector, assemble
from .errors import DigestError
from .extract import extract
from .models import Article, Edition, RawItem, Rendered, Story
from .reduce import Reducer, RuleReducer
from .render.html import render
from .report import RunReport
from .sources.cache import FeedCacheView
from .sources.parallel import Progress
from .state.db import SeenArticles, State


@dataclass(frozen=True)
class Built:
    """An edition and its rendering (rendered and inlined once, not yet personalised).

    `baseline`: (key, source) of items of new `baseline = true` sources, left out of the edition.
    """

    edition: Edition
    rendered: Rendered
    baseline: tuple[tuple[str, str], ...] = ()


def open_state(config: Config, *, readonly: bool = True) -> State | None:
    """The state database; read-only: None when there is none yet (then nothing counts as seen)."""
    path = config.state.path
    if readonly and not path.exists():
        return None
    return State(path, readonly=readonly, timeout=config.state.timeout)


def reference_time(config: Config, edition_date: date) -> datetime:
    """'Now' for max_age: the current time for today's edition, else the end of its day."""
    zone = ZoneInfo(config.newsletter.timezone)
    now = datetime.now(zone)
    if edition_date == now.date():
        return now
    return datetime.combine(edition_date + timedelta(days=1), time.min, zone)


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
    state: State | None = None,
    progress: Progress | None = None,
) -> Built:
    """Collect, extract, reduce, assemble and render the edition of `edition_date` (default today).

    Without `state` the configured database is opened read-only (when it exists) and never
    written; a writable `state` also gets the feed cache and new baselines saved.
    """
    report = report if report is not None else RunReport()
    day = edition_date or today(config)
    opened = open_state(config) if state is None else None
    store = state or opened
    try:
        selector = Selector(
            config, seen=SeenArticles(store) if store else None, now=reference_time(config, day)
        )
        items = sources.collect(
            config, report, select=selector, feed_cache=FeedCacheView(store), progress=progress
        )
        report.skipped += len(selector.already_seen) + len(selector.too_old)
        for source, keys in selector.over_limit.items():
            report.skipped += len(keys)
            report.warn(f"source {source!r}: {len(keys)} older entries left out (max_items)")
        if store is not None and not store.readonly and selector.baseline:
            SeenArticles(store).mark(selector.baseline_keys)
    finally:
        if opened is not None:
            opened.close()
    stories = reduce_items(items, report, reducer or RuleReducer())
    edition = assemble(stories, config, day)
    report.stories = len(edition.stories)
    if not edition.stories:
        report.warn("the edition has no stories")
    return Built(edition, render(edition, config, test=test), selector.baseline_keys)


def run(
    config: Config,
    *,
    edition_date: date | None = None,
    out_dir: Path | None = None,
    backend_name: str = "files",
    report: RunReport | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """Build the edition and deliver it with one backend; return the report."""
    report = report if report is not None else RunReport()
    built = build(config, edition_date=edition_date, report=report, progress=progress)
    result = backend(backend_name).deliver(
        Delivery(built.edition, built.rendered, config, out_dir=out_dir)
    )
    report.delivered += len(result.delivered)
    report.outputs.extend(Path(p) for p in result.delivered if backend_name == "files")
    for target, reason in result.failed:
        report.fail(f"{target}: {reason}")
    return report
