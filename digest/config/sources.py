"""[[sources]]: the keys every source has; each source type declares its own keys in its own module.

`SourceConfig` holds what all sources share (name, type, section, language, priority, baseline).
A source type subclasses it with its own options (digest/sources/feed.py: `FeedConfig`) and
registers both in the source registry; the config knows no type by name. `NetworkSourceConfig` is
the base of types whose entries are fetched, or read like feeds: a request timeout, an age limit and
a bound per source, which the edition's selection applies.

Which class a `[[sources]]` table becomes depends on its `type`, so the loader asks the source
registry (digest/sources/) for it. That lookup is the config's one late import of a higher stage,
made by module name when a table is read, as plugin loaders do: the schema of a type belongs to the
type's module, and the registry is where the types (built-in and `digest.sources` entry points) are
found.
"""

from __future__ import annotations

import builtins
import importlib
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Protocol

from .schema import Problems, did_you_mean, language_check, option, positive_check

# The package whose `source_types()` lists every source type (see the module docstring).
SOURCE_REGISTRY = "digest.sources"


@dataclass(frozen=True)
class SourceConfig:
    """[[sources]]: one place articles come from (the keys every type has)."""

    name: str = option(doc="name shown in messages and links ('Mehr bei <name>')")
    type: str = option("", "the source type; its own keys are listed below")
    section: str | None = option(None, "section of this source's articles (else the item's own)")
    language: str | None = option(None, "'de' or 'en' (default: the newsletter's)", language_check)
    priority: int = option(0, "higher comes first within a section")
    baseline: bool = option(
        False, "first run with a state database: record what is there as seen, send none of it"
    )

    def problems(self) -> Iterator[tuple[str, str]]:
        """Checks beyond single values (file system, keys that go together): (key, message)."""
        return iter(())

    def local_paths(self) -> tuple[Path, ...]:
        """Files and folders the source reads (the preview watches them)."""
        return ()

    def cached_urls(self) -> tuple[str, ...]:
        """URLs whose responses the feed cache keeps (loaded before the run's fetch jobs start)."""
        return ()

    @classmethod
    def config_class_for(
        cls, table: Any, path: str, problems: Problems
    ) -> tuple[builtins.type[SourceConfig], Any]:
        """The class of one [[sources]] table, chosen by its `type`, and the table to build it from."""
        if not isinstance(table, dict):
            return cls, table
        types = source_types()
        given = table.get("type", types.default())
        config_class = types.config_class(given) if isinstance(given, str) else None
        if config_class is not None:
            return config_class, {
                **_without_foreign_keys(table, config_class, types),
                "type": given,
            }
        if isinstance(given, str) and (reason := types.why_unavailable(given)):
            problems.add(f"{path}.type", f"source type {given!r} cannot be loaded: {reason}")
        else:
            known = types.names()
            listed = ", ".join(repr(name) for name in known)
            hint = did_you_mean(given, known)
            problems.add(f"{path}.type", f"must be one of {listed}, got {given!r}{hint}")
        common = {f.name for f in fields(cls)} - {"type"}
        return cls, {key: value for key, value in table.items() if key in common}


@dataclass(frozen=True)
class NetworkSourceConfig(SourceConfig):
    """Sources of dated entries, fetched or read like a feed: timeout, age limit, a bound."""

    timeout: float | None = option(
        None, "seconds per request (default [fetch] timeout)", positive_check
    )
    max_age_hours: float | None = option(
        None, "older entries are left out (default [newsletter] max_age_hours)", positive_check
    )
    max_items: int = option(
        50, "at most this many of the newest unseen entries are considered", positive_check
    )


def _without_foreign_keys(
    table: dict[str, Any], config_class: type[SourceConfig], types: SourceTypes
) -> dict[str, Any]:
    """The table without keys that only another built-in type has (`fulltext` on a textfile
    source): configs written when all types shared one flat table set them, and they were
    ignored then, so they still are; a key no type has is reported with did-you-mean."""
    own = {f.name for f in fields(config_class)}
    if own.issuperset(table):
        return table
    others = {
        f.name
        for name in types.builtin_names()
        if (other := types.config_class(name)) is not None
        for f in fields(other)
    }
    return {key: value for key, value in table.items() if key in own or key not in others}


class SourceTypes(Protocol):
    """What the config needs of the source registry."""

    def names(self) -> list[str]: ...

    def builtin_names(self) -> list[str]: ...

    def default(self) -> str: ...

    def config_class(self, name: str) -> type[SourceConfig] | None: ...

    def why_unavailable(self, name: str) -> str | None: ...


def source_types() -> SourceTypes:
    """The source registry (built-in types and the `digest.sources` entry-point group)."""
    registry: Any = importlib.import_module(SOURCE_REGISTRY)
    return registry.source_types()  # type: ignore[no-any-return]
