"""Sources stage: the config's [[sources]] in → RawItems out (files, feeds, pages; fetched here).

One small class per source type, found in a registry by the config's `type`. A source type is one
module: it declares its config keys (a `SourceConfig` subclass, see digest/config/sources.py) and
registers both with `@register("name", NameConfig)`; nothing else knows its name. Built-in types are
the modules of this package; other packages add types through the `digest.sources` entry-point
group (the entry point's name is the type, its value the module or class that registers it).

A source turns its config into RawItems. Problems with single items are recorded on the RunReport and
the item is skipped; a source that cannot be read at all raises SourceError, and the run goes on.

Local sources only have `items()`. Network sources may have `jobs()` instead (listing work, e.g.
fetching a feed), and `completion(item)`, a job for more per-item work or None (e.g. fetching an
entry's page). `collect()` runs jobs in two concurrent phases with a selection between them, so pages of
articles that were already sent, or are too old, are never fetched.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..config import Config
from ..config.sources import NetworkSourceConfig, SourceConfig
from ..errors import SourceError
from ..models import RawItem
from ..report import RunReport

if TYPE_CHECKING:
    from .cache import FeedCacheView
    from .fetch import Fetcher
    from .parallel import Job, Outcome, Progress

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


SourceFactory = Callable[..., Source]  # (its SourceConfig subclass, SourceContext) -> Source
F = TypeVar("F", bound=SourceFactory)
ENTRY_POINT_GROUP = "digest.sources"


@dataclass(frozen=True)
class SourceType:
    """A registered source type: its config class and the class that reads it."""

    name: str
    config: type[SourceConfig]
    factory: SourceFactory
    builtin: bool


class SourceTypes:
    """The registry: built-in types (this package's modules, each imported when a config names its
    type, all of them when the types are listed) and the types of the `digest.sources` entry-point
    group (each loaded when a config names it)."""

    def __init__(self) -> None:
        self.types: dict[str, SourceType] = {}
        self.default_name = ""
        self.broken: dict[str, str] = {}  # entry points that failed to load → why
        self.builtins_loaded = False

    def add(self, source_type: SourceType, *, default: bool = False) -> None:
        self.types[source_type.name] = source_type
        if default:
            self.default_name = source_type.name

    def get(self, name: str) -> SourceType | None:
        if name not in self.types:
            self._load_builtin(name)
        if name not in self.types and name not in self.broken:
            self._load_entry_point(name)
        return self.types.get(name)

    def names(self) -> list[str]:
        from importlib.metadata import entry_points  # ~20 ms: only when plugins are looked up

        self._load_builtins()
        plugins = {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)}
        return sorted(set(self.types) | plugins)

    def builtin_names(self) -> list[str]:
        self._load_builtins()
        return sorted(name for name, t in self.types.items() if t.builtin)

    def default(self) -> str:
        if not self.default_name:  # the text files' module registers the default type
            from . import textfile  # noqa: F401
        if not self.default_name:
            self._load_builtins()
        return self.default_name

    def config_class(self, name: str) -> type[SourceConfig] | None:
        source_type = self.get(name)
        return source_type.config if source_type else None

    def why_unavailable(self, name: str) -> str | None:
        """Why a type named by an entry point could not be loaded (None: it is fine or unknown)."""
        return self.broken.get(name)

    def _load_builtin(self, name: str) -> None:
        # A built-in type is registered by the module of its name (feed.py: "feed"), so only that
        # module is imported: a config pays for (or fails on) the dependencies of the types it
        # uses, not feedparser, httpx and lxml for text files. Failing that, all of them.
        if name in _builtin_modules():
            importlib.import_module(f"{__name__}.{name}")
        if name not in self.types:
            self._load_builtins()

    def _load_builtins(self) -> None:
        # Imported on first use, not at module top: the package's modules import this one.
        if self.builtins_loaded:
            return
        self.builtins_loaded = True
        for module in _builtin_modules():
            importlib.import_module(f"{__name__}.{module}")

    def _load_entry_point(self, name: str) -> None:
        from importlib.metadata import entry_points

        for entry_point in entry_points(group=ENTRY_POINT_GROUP, name=name):
            try:
                entry_point.load()  # the module registers its type with @register on import
            except Exception as err:  # a broken plugin names itself; the other types still work
                self.broken[name] = f"{entry_point.value}: {type(err).__name__}: {err}"
                return
            if name not in self.types:
                self.broken[name] = f"{entry_point.value} registers no source type {name!r}"


@functools.cache
def _builtin_modules() -> tuple[str, ...]:
    """The modules of this package, in name order (pkgutil's), without private ones."""
    import pkgutil  # only when the types are listed: a config names its types (`source_for`)

    return tuple(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


_REGISTRY = SourceTypes()


def source_types() -> SourceTypes:
    """The registry of source types (what digest/config/sources.py asks for)."""
    return _REGISTRY


def register(
    type_name: str, config: type[SourceConfig] = SourceConfig, *, default: bool = False
) -> Callable[[F], F]:
    """Class decorator: the source class for config `type = type_name`, and its config keys.

    `default`: the type of a [[sources]] table without `type` (the built-in text files).
    """

    def add(factory: F) -> F:
        builtin = getattr(factory, "__module__", "").startswith(__name__ + ".")
        _REGISTRY.add(SourceType(type_name, config, factory, builtin), default=default)
        return factory

    return add


def source_for(spec: SourceConfig, context: SourceContext) -> Source:
    """The source object for one [[sources]] entry."""
    source_type = _REGISTRY.get(spec.type)
    if source_type is None:
        reason = _REGISTRY.why_unavailable(spec.type)
        detail = f" ({reason})" if reason else ""
        raise SourceError(f"source {spec.name!r}: no source type {spec.type!r}{detail}")
    return source_type.factory(spec, context)


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
    networked = any(isinstance(spec, NetworkSourceConfig) for spec in config.sources)
    fetcher = _fetcher(config) if networked else None
    try:
        context = SourceContext(config, report, fetcher, feed_cache)
        sources = _sources(config, context)
        if feed_cache is not None:
            feed_cache.load(url for spec in config.sources for url in spec.cached_urls())
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
    from .parallel import merge_reports, run_jobs

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
