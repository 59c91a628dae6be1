"""The one place that knows the order of the stages:
sources → extract → reduce → edition → render → deliver.

One function per thing a command does, each reading top to bottom as its stages:

    build()        the day's edition and its rendering, without side effects
    build_files()  `digest build`: build, then the files backend writes out/<date>/
    send_test()    `digest send --test`: build (marked as a test), then the smtp backend to a few
                   addresses; touches no state
    send()         `digest send`: under the lock, the day's edition from the ledger (resume) or
                   built anew, then the smtp backend to every recipient once
    run()          `digest run`, the cron entry point: a send that never resends unconfirmed copies
    reduce_paths() `digest reduce PATH…`: read, extract and reduce articles, one dict each

State: `build()` reads the state database to leave out articles already delivered; it opens it
read-only unless the caller hands in a writable `State` (a send), in which case the feed cache and
new sources' baselines are saved too. Marking the edition's articles as seen is the smtp backend's
job, after the relay accepted a copy: `Edition.article_keys` gives what to mark.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from . import sources
from .config import Config
from .edition.assemble import Selector, assemble
from .edition.serialise import story_dict
from .errors import DigestError, SourceError
from .extract import extract
from .models import Article, Edition, RawItem, Rendered, SendResult, Story
from .reduce import Reducer, RuleReducer
from .report import RunReport
from .sources.cache import FeedCacheView
from .sources.parallel import Progress
from .sources.paths import read_path
from .state.db import SeenArticles, State

# The render and deliver stages are imported in the functions that use them: rendering pulls in
# jinja2, premailer (cssutils, requests) and babel, sending smtplib and the ledger; `digest reduce`
# needs none of them and `digest build` no SMTP machinery (bench/build.py measures the start-up).


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


def collect_items(
    config: Config,
    day: date,
    report: RunReport,
    state: State | None,
    progress: Progress | None,
) -> tuple[list[RawItem], tuple[tuple[str, str], ...]]:
    """The sources' new items for the edition of `day`, and the baseline of new sources.

    Without `state` the database is opened read-only (when it exists); a writable one also gets
    the feed cache and the baselines of new `baseline = true` sources saved.
    """
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
    return items, selector.baseline_keys


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
    from .render.html import render

    report = report if report is not None else RunReport()
    day = edition_date or today(config)
    items, baseline = collect_items(config, day, report, state, progress)
    stories = reduce_items(items, report, reducer or RuleReducer())
    edition = assemble(stories, config, day)
    report.stories = len(edition.stories)
    if not edition.stories:
        report.warn("the edition has no stories")
    return Built(edition, render(edition, config, test=test), baseline)


def build_files(
    config: Config,
    *,
    edition_date: date | None = None,
    out_dir: Path | None = None,
    backend_name: str = "files",
    report: RunReport | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """`digest build`: build the edition and deliver it with one backend (files: out/<date>/)."""
    from .deliver import Delivery, backend, deliver_edition

    report = report if report is not None else RunReport()
    built = build(config, edition_date=edition_date, report=report, progress=progress)
    delivery = Delivery(built.edition, built.rendered, config, out_dir=out_dir)
    result = deliver_edition(backend(backend_name), delivery)
    report.delivered += len(result.delivered)
    report.outputs.extend(Path(p) for p in result.delivered if backend_name == "files")
    for target, reason in result.failed:
        report.fail(f"{target}: {reason}")
    return report


def send_test(
    config: Config, addresses: Iterable[str], report: RunReport, *, edition_date: date | None = None
) -> SendResult:
    """`digest send --test`: the edition, subject marked '[Test]', to `addresses` only; no state."""
    from .deliver import Delivery
    from .deliver.recipients import Tokens, make_recipient
    from .deliver.smtp_backend import SmtpBackend

    day = edition_date or today(config)
    tokens = Tokens(config, fallback="test")
    recipients = [
        r
        for i, value in enumerate(addresses)
        if (r := make_recipient(f"test address {i + 1}", value, "", "", tokens, report))
    ]
    if not recipients:
        report.fail("no valid test address: give them after --test or set recipients.test")
        report.nothing_delivered = True
        return SendResult(day, "test")
    smtp = SmtpBackend(config, report, test_recipients=recipients)
    built = build(config, edition_date=day, report=report, test=True)
    with smtp.open(Delivery(built.edition, built.rendered, config)) as session:
        session.deliver(session.pending())
        return session.finish()


def send(
    config: Config,
    report: RunReport,
    *,
    edition_date: date | None = None,
    dry_run: bool = False,
    resend_unconfirmed: bool = False,
    progress: Progress | None = None,
) -> SendResult:
    """`digest send`: the day's edition to every recipient who has not got it yet.

    A relay that is down before anything was recorded leaves the state exactly as it was (exit 3).
    """
    from .deliver import Delivery
    from .deliver.ledger import Ledger
    from .deliver.smtp_backend import SmtpBackend
    from .state.lock import run_lock

    day = edition_date or today(config)
    if dry_run:
        return send_dry_run(config, report, day)
    with (
        run_lock(config.state.path),
        State(config.state.path, timeout=config.state.timeout) as state,
    ):
        ledger = Ledger(state)
        record = ledger.find(config.newsletter.name, day)
        if record and record.status != "sending" and not resend_unconfirmed:
            return SendResult(day, "already sent", counts=ledger.counts(record.id))
        smtp = SmtpBackend(
            config, report, ledger=ledger, resend_unconfirmed=resend_unconfirmed, progress=progress
        )
        if record is None:
            # The writable state: seen articles are left out, the feed cache and baselines saved.
            built = build(config, edition_date=day, report=report, state=state)
            if not built.edition.stories and not config.newsletter.send_empty:
                return SendResult(day, "nothing new")
            session = smtp.open(Delivery(built.edition, built.rendered, config))
        else:
            session = smtp.resume(record)
        with session:
            session.deliver(session.pending())
            return session.finish()


def run(
    config: Config,
    report: RunReport,
    *,
    edition_date: date | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> SendResult:
    """`digest run`, the cron entry point: build and send the day's edition once, under the lock."""
    return send(config, report, edition_date=edition_date, dry_run=dry_run, progress=progress)


def send_dry_run(config: Config, report: RunReport, day: date) -> SendResult:
    """Everything a send does but the SMTP transactions and the writes: no lock, no state change.

    Every message is built (and signed) as it would be sent, so a broken list or key shows up.
    """
    from .deliver.ledger import read_only
    from .deliver.smtp import relay_settings
    from .deliver.smtp_backend import rehearse
    from .render.message import edition_message_id

    relay_settings(config)  # the relay's settings must be valid, though it is not contacted
    with read_only(config.state.path) as view:
        record = view.find(config.newsletter.name, day) if view else None
        counts = view.counts(record.id) if view and record else {}
        if record and record.status != "sending":
            return SendResult(day, "already sent", counts=counts)
        if record is None:
            built = build(config, edition_date=day, report=report)  # state read-only
            if not built.edition.stories and not config.newsletter.send_empty:
                return SendResult(day, "nothing new")
            rendered, edition_id = built.rendered, edition_message_id(built.edition, config)
        else:
            rendered, edition_id = record.rendered, record.message_id
        would, total = rehearse(config, report, view, record, rendered, edition_id)
    return SendResult(day, "dry run", would, total, counts)


def reduce_paths(
    paths: tuple[str, ...], config: Config | None, report: RunReport
) -> Iterator[dict[str, Any]]:
    """`digest reduce PATH…`: one JSON-ready dict per article, in the order of `paths` (folders:
    files in name order). `input` is the path as given; `origin` (not part of the JSON lines) the
    file or URL read."""
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
