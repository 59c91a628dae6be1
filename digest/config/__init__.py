"""Configuration: config.toml in → a typed, frozen `Config` out (every error with its key path).

load.py reads and checks the file; schema.py is the small option/validation toolkit it is built on;
sources.py the keys every [[sources]] table has (each source type declares its own in its module);
labels.py the [render.labels] table's built-in texts and the rules for overriding them.
publishing.py the [schedule] and [archive] tables.
The names below are re-exported so `from digest.config import Config, load_config` keeps working.
"""

from __future__ import annotations

from .load import (
    CONFIG_ENV,
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
