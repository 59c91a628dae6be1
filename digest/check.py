"""`digest check`: is everything in place for tonight's send? One result per check, nothing sent.

Config and templates, each source (read as a run would read it), the recipient list, the DKIM
key, and the relay (connect, EHLO, STARTTLS, AUTH as configured; no MAIL command is sent).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .config import Config, load_config
from .deliver.dkim import signer_for
from .deliver.recipients import iter_recipients
from .deliver.smtp import check_relay, relay_settings
from .errors import ConfigError, DigestError
from .render.html import check_templates
from .report import RunReport
from .sources import SourceContext, source_for


@dataclass(frozen=True)
class Check:
    """One line of `digest check`."""

    name: str
    ok: bool
    detail: str


def run_checks(config_path: Path) -> Iterator[Check]:
    """Each check in turn; a config that cannot be read ends the list."""
    try:
        config = load_config(config_path)
    except ConfigError as err:
        for problem in err.problems:
            yield Check("config", False, problem)
        return
    yield Check("config", True, str(config_path))
    yield _check("templates", lambda: _templates(config))
    for spec in config.sources:
        yield _check(f"source {spec.name}", functools.partial(_source, config, spec))
    yield _check("recipients", lambda: _recipients(config))
    if config.dkim.domain:
        yield _check("dkim", lambda: _dkim(config))
    yield _check("relay", lambda: check_relay(relay_settings(config)))


def _check(name: str, run: Callable[[], str]) -> Check:
    try:
        return Check(name, True, run())
    except ConfigError as err:
        return Check(name, False, "; ".join(err.problems))
    except DigestError as err:
        return Check(name, False, str(err))


def _templates(config: Config) -> str:
    check_templates(config)
    return str(config.render.templates or "built-in templates")


def _source(config: Config, spec: object) -> str:
    report = RunReport()
    items = list(source_for(spec, SourceContext(config, report)).items())  # type: ignore[arg-type]
    problems = report.failures + report.warnings
    if problems:
        raise DigestError(f"{len(items)} item(s); " + "; ".join(problems))
    return f"{len(items)} item(s)"


def _recipients(config: Config) -> str:
    report = RunReport()
    count = sum(1 for _ in iter_recipients(config, report))
    if report.failures:
        raise DigestError(f"{count} valid; " + "; ".join(report.failures))
    if not count:
        raise DigestError("none: set recipients.to or recipients.file")
    repeats = f", {len(report.warnings)} listed twice" if report.warnings else ""
    return f"{count} address(es){repeats}"


def _dkim(config: Config) -> str:
    signer_for(config)
    return f"{config.dkim.selector}._domainkey.{config.dkim.domain}: key signs"
