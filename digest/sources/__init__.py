"""Sources: one small class per source type, found in a registry by the config's `type`.

A source turns its config into RawItems. Problems with single items are recorded on the RunReport and
the item is skipped; a source that cannot be read at all raises SourceError, and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from ..config import Config, SourceConfig
from ..errors import SourceError
from ..models import RawItem
from ..report import RunReport


@dataclass(frozen=True)
class SourceContext:
    """What every source may use besides its own config: the whole config and the run's report."""

    config: Config
    report: RunReport


class Source(Protocol):
    """Reads one configured source."""

    def __init__(self, spec: SourceConfig, context: SourceContext) -> None: ...

    def items(self) -> Iterable[RawItem]: ...


SourceFactory = Callable[[SourceConfig, SourceContext], Source]
REGISTRY: dict[str, SourceFactory] = {}


def register(type_name: str) -> Callable[[SourceFactory], SourceFactory]:
    """Class decorator: make a source class available under its config `type`."""

    def add(factory: SourceFactory) -> SourceFactory:
        REGISTRY[type_name] = factory
        return factory

    return add


def source_for(spec: SourceConfig, context: SourceContext) -> Source:
    """The source object for one [[sources]] entry."""
    _load_builtin_sources()
    try:
        factory = REGISTRY[spec.type]
    except KeyError:
        raise SourceError(f"source {spec.name!r}: no source type {spec.type!r}") from None
    return factory(spec, context)


def collect(config: Config, report: RunReport) -> list[RawItem]:
    """Read every configured source; a failing source is named on the report, the others go on."""
    context = SourceContext(config, report)
    items: list[RawItem] = []
    for spec in config.sources:
        try:
            items.extend(source_for(spec, context).items())
        except SourceError as err:
            report.fail(str(err))
    report.items_read += len(items)
    return items


def _load_builtin_sources() -> None:
    # Imported here, not at module top, so that a source type with an optional dependency only
    # costs (or fails) when a config uses it.
    from . import textfile  # noqa: F401
