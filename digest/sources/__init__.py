"""Sources stage: the config's [[sources]] in → RawItems out (files, feeds, pages; fetched here).

One small class per source type, found in a registry by the config's `type`.

A source turns its config into RawItems. Problems with single items are recorded on the RunReport and
the item is skipped; a source that cannot be read at all raises SourceError, and the run goes on.

Local sources only have `items()`. Network sources may have `jobs()` instead (listing work, e.g.
fetching a feed), and `completion(item)`, a job for more per-item work or None (e.g. fetching an
entry's page). `collect()` runs jobs in two concurrent phases with a selection between them, so pages of
articles that were already sent, or are too old, are never fetched.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..config import Config, SourceConfig
from ..errors import SourceError
from ..models import RawItem
from ..report import RunReport
from .parallel import Job, Outcome, Progress, merge_reports, run_jobs

if TYPE_CHECKING:
    from .cache import FeedCacheView
    from .fetch import Fetcher

Select = Callable[[list[RawItem]], list[RawItem]]


@dataclass(frozen=True)
class SourceContext:
    """What every source may use besides its own config: the whole config and the run's report,
    and for network sources the run's fetcher and its feed cache."""

    config: Config
    report: RunReport
    fetcher: Fetcher | None = None
    feed_cache: FeedCacheView | None = None


class Source(Protocol):
    """Reads one configured source."""

    def __init__(self, spec: SourceConfig, context: SourceContext) -> None: ...

    def items(self) -> Iterable[RawItem]: ...


SourceFactory = Callable[[SourceConfig, SourceContext], Source]
REGISTRY: dict[str, SourceFactory] = {}
NETWORK_TYPES = ("feed", "page")


def register(type_name: str) -> Callable[[SourceFactory], SourceFactory]:
    """Class decorator: make a source class available under its config `type`."""

    def add(factory: SourceFactory) -> SourceFactory:
        REGISTRY[type_name] = factory
        return factory

    return add


def source_for(spec: SourceConfig, context: SourceContext) -> Source:
    """The source object for one [[sources]] entry."""
    _load_builtin_source(spec.type)
    try:
        factory = REGISTRY[spec.type]
    except KeyError:
        raise SourceError(f"source {spec.name!r}: no source type {spec.type!r}") from None
    return factory(spec, context)


def collect(
    config: Config,
    report: RunReport,
    *,
    select: Select | None = None,
    feed_cache: FeedCacheView | None = None,
    progress: Progress | None = None,
) -> list[RawItem]:
    """Read every configured source; a failing source is named on the report, the others go on.

    `select` (the edition's unseen/age filter) runs on the listed items before any page is
    fetched, and once more on the fetched pages, whose dates are known only then.
    """
    networked = any(spec.type in NETWORK_TYPES for spec in config.sources)
    fetcher = _fetcher(config) if networked else None
    try:
        context = SourceContext(config, report, fetcher, feed_cache)
        sources = _sources(config, context)
        if feed_cache is not None:
            feed_cache.load(spec.url for spec in config.sources if spec.url)
        items = _list_items(sources, context, progress)
        items = unique_keys(items)
        report.items_read += len(items)
        if select is not None:
            items = select(items)
        items = _complete_items(items, sources, context, select, progress)
        if feed_cache is not None:
            feed_cache.save(report)
    finally:
        if fetcher is not None:
            fetcher.close()
    return items


def unique_keys(items: Sequence[RawItem]) -> list[RawItem]:
    """The items without repeated keys (the same link in two feeds): the first one stays."""
    keys: set[str] = set()
    kept = []
    for item in items:
        if item.key not in keys:
            keys.add(item.key)
            kept.append(item)
    return kept


def _sources(config: Config, context: SourceContext) -> dict[str, Any]:
    sources: dict[str, Any] = {}
    for spec in config.sources:
        try:
            sources[spec.name] = source_for(spec, context)
        except SourceError as err:
            context.report.fail(str(err))
    return sources


def _list_items(
    sources: dict[str, Any], context: SourceContext, progress: Progress | None
) -> list[RawItem]:
    """Every source's items in config order; network jobs run concurrently meanwhile."""
    jobs: list[Job[list[RawItem]]] = []
    owner: dict[int, str] = {}
    for name, source in sources.items():
        if hasattr(source, "jobs"):
            for job in source.jobs():
                owner[len(jobs)] = name
                jobs.append(job)
    outcomes = _run(jobs, context, progress, "feeds")
    listed: dict[str, list[RawItem]] = {name: [] for name in sources}
    for index, outcome in enumerate(outcomes):
        listed[owner[index]].extend(outcome.value or [])
    for name, source in sources.items():
        if not hasattr(source, "jobs"):
            try:
                listed[name].extend(source.items())
            except SourceError as err:
                context.report.fail(str(err))
    return [item for name in sources for item in listed[name]]


def _complete_items(
    items: list[RawItem],
    sources: dict[str, Any],
    context: SourceContext,
    select: Select | None,
    progress: Progress | None,
) -> list[RawItem]:
    """Items whose source wants more (a page, the full text) fetched concurrently, in order."""
    pending: dict[int, Job[RawItem | None]] = {}
    for index, item in enumerate(items):
        source = sources.get(item.source)
        if source is not None and hasattr(source, "completion"):
            job = source.completion(item)
            if job is not None:
                pending[index] = job
    if not pending:
        return items
    outcomes = dict(
        zip(pending, _run(list(pending.values()), context, progress, "pages"), strict=True)
    )
    completed = []
    for index, item in enumerate(items):
        if index not in outcomes:
            completed.append(item)
        elif (value := outcomes[index].value) is not None:
            completed.append(value)
    if select is None:
        return completed
    fetched = {o.value.key for o in outcomes.values() if o.value is not None}
    still = {i.key for i in select([i for i in completed if i.key in fetched])}
    return [i for i in completed if i.key not in fetched or i.key in still]


def _run(
    jobs: list[Job[Any]], context: SourceContext, progress: Progress | None, label: str
) -> list[Outcome[Any]]:
    """Run jobs within the [fetch] bounds; a job's error becomes one failure line naming it."""
    fetch = context.config.fetch
    outcomes = run_jobs(
        jobs,
        concurrency=fetch.concurrency,
        per_host=fetch.per_host,
        progress=progress,
        label=label,
    )
    merge_reports(context.report, [o.report for o in outcomes])
    for outcome in outcomes:
        if isinstance(outcome.error, SourceError):
            context.report.fail(f"{outcome.job.label}: {outcome.error}")
        elif outcome.error is not None:  # a bug or a library's surprise: name it, keep the run
            error = outcome.error
            context.report.fail(
                f"{outcome.job.label}: internal error: {type(error).__name__}: {error}"
            )
    return outcomes


def _fetcher(config: Config) -> Fetcher:
    from .fetch import Fetcher, FetchSettings

    fetch = config.fetch
    return Fetcher(
        FetchSettings(
            timeout=fetch.timeout,
            max_bytes=int(fetch.max_mb * 1_000_000),
            max_redirects=fetch.max_redirects,
            connections=fetch.concurrency,
        )
    )


_BUILTIN_TYPES = ("feed", "page", "textfile")  # each the module that registers it


def _load_builtin_source(type_name: str) -> None:
    # Imported here, and only the type a config uses, so that a source type with an optional or
    # slow dependency (feedparser, httpx, trafilatura) only costs (or fails) when a config uses it.
    if type_name in _BUILTIN_TYPES and type_name not in REGISTRY:
        importlib.import_module(f"{__name__}.{type_name}")
