"""Configuration: config.toml in → a typed, frozen `Config` out (every error with its key path).

load.py reads and checks the file; schema.py is the small option/validation toolkit it is built on;
labels.py the [render.labels] table's built-in texts and the rules for overriding them.
The names below are re-exported so `from digest.config import Config, load_config` keeps working
(load.py imported at the first use of one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

CONFIG_ENV = "DIGEST_CONFIG"  # here, not in load.py: `digest --help` names it without loading

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
        SourceConfig,
        SourceType,
        StateConfig,
        config_from_dict,
        find_config,
        load_config,
        reference,
    )


def __getattr__(name: str) -> Any:
    # load.py (its dataclasses, validators, the labels) is imported at the first use of a name
    # below, not with the package: `digest --help` needs none of it (bench/build.py).
    if name in __all__:
        from . import load

        return getattr(load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CONFIG_ENV",
    "DEFAULT_CONFIG",
    "ColoursConfig",
    "Config",
    "DkimConfig",
    "FetchConfig",
    "Format",
    "NewsletterConfig",
    "OutputConfig",
    "RecipientsConfig",
    "RenderConfig",
    "Security",
    "SmtpConfig",
    "SourceConfig",
    "SourceType",
    "StateConfig",
    "config_from_dict",
    "find_config",
    "load_config",
    "reference",
]
