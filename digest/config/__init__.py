"""Configuration: config.toml in → a typed, frozen `Config` out (every error with its key path).

load.py reads and checks the file; schema.py is the small option/validation toolkit it is built on;
sources.py the keys every [[sources]] table has (each source type declares its own in its module);
labels.py the [render.labels] table's built-in texts and the rules for overriding them.
publishing.py the [schedule] and [archive] tables.
The names below are re-exported so `from digest.config import Config, load_config` keeps working
(load.py imported at the first use of one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The environment variable naming the config file: here, not in load.py, so that `digest --help`
# can name it without importing the loader (load.py imports it from here).
CONFIG_ENV = "DIGEST_CONFIG"

if TYPE_CHECKING:
    from .load import (
        DEFAULT_CONFIG,
        ColoursConfig,
        Config,
        DkimConfig,
        FetchConfig,
        Format,
        NewsletterConfig,
        OutputConfig,
        RecipientsConfig,
        RenderConfig,
        Security,
        SmtpConfig,
        StateConfig,
        config_from_dict,
        find_config,
        load_config,
        reference,
    )
    from .sources import NetworkSourceConfig, SourceConfig

_FROM_SOURCES = frozenset({"NetworkSourceConfig", "SourceConfig"})


def __getattr__(name: str) -> Any:
    # load.py (its dataclasses, validators, labels, the [[sources]] keys) is imported at the first
    # use of one of the names below, not with the package: `digest --help` needs none of it.
    if name in __all__:
        from . import load, sources

        return getattr(sources if name in _FROM_SOURCES else load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CONFIG_ENV",
    "DEFAULT_CONFIG",
    "ColoursConfig",
    "Config",
    "DkimConfig",
    "FetchConfig",
    "Format",
    "NetworkSourceConfig",
    "NewsletterConfig",
    "OutputConfig",
    "RecipientsConfig",
    "RenderConfig",
    "Security",
    "SmtpConfig",
    "SourceConfig",
    "StateConfig",
    "config_from_dict",
    "find_config",
    "load_config",
    "reference",
]
