"""`digest check`: is everything in place for tonight's send? One result per check, nothing sent.

Config and templates, each source (read as a run would read it), the recipient list, the DKIM
key, and the relay (connect, EHLO, STARTTLS, AUTH as configured; no MAIL command is sent).

Each result has a level: `ok`; `warn` (the edition will still go out, but look at this: a source
that cannot be read, a skipped row of the list); `fail` (the send will not happen as things are)
with a `hint` saying what to do.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from .config import Config, load_config
from .deliver.dkim import signer_for
from .deliver.recipients import iter_recipients
from .deliver.smtp import check_relay, relay_settings
from .errors import ConfigError, DigestError
from .render.html import check_templates
from .report import RunReport
from .schedule import edition_date, no_edition_reason
from .sources import SourceContext, source_for

Level = Literal["ok", "warn", "fail"]


@dataclass(frozen=True)
class Check:
    """One line of `digest check`."""

    name: str
    level: Level
    detail: str
    hint: str = ""  # for a failure: what to do

    @property
    def ok(self) -> bool:
        """Not a failure: the send can go ahead (a warning is worth a look, no more)."""
        return self.level != "fail"

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


class CheckWarning(DigestError):
    """A problem the send works around: reported as `warn`."""


class CheckFailure(DigestError):
    """A failure whose remedy is not the check's usual one."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


HINTS = {
    "config": "fix each key named above (every problem is listed), then run digest check again",
    "templates": "fix the template named above, or remove render.templates for the built-in ones",
    "recipients": "set recipients.to or recipients.file (a CSV with an 'email' column)",
    "dkim": "check dkim.key_file, dkim.domain and dkim.selector, or remove [dkim]",
    "relay": (
        "check [smtp] host, port and security and the password variable; for a first test "
        "start a local relay: digest sink (see README, Sending)"
    ),
}


def run_checks(config_path: Path) -> Iterator[Check]:
    """Each check in turn; a config that cannot be read ends the list."""
    try:
        config = load_config(config_path)
    except ConfigError as err:
        for problem in err.problems:
            yield Check("config", "fail", problem, HINTS["config"])
        return
    yield Check("config", "ok", str(config_path))
    yield _check("templates", lambda: _templates(config))
    for spec in config.sources:
        yield _check(f"source {spec.name}", functools.partial(_source, config, spec))
    yield _check("schedule", lambda: _schedule(config))
    yield _check("recipients", lambda: _recipients(config))
    if config.dkim.domain:
        yield _check("dkim", lambda: _dkim(config))
    yield _check("relay", lambda: check_relay(relay_settings(config)))


def _check(name: str, run: Callable[[], str]) -> Check:
    hint = HINTS.get(name, "")
    try:
        return Check(name, "ok", run())
    except CheckWarning as err:
        return Check(name, "warn", str(err))
    except CheckFailure as err:
        return Check(name, "fail", str(err), err.hint)
    except ConfigError as err:
        return Check(name, "fail", "; ".join(err.problems), hint)
    except DigestError as err:
        return Check(name, "fail", str(err), hint)


def _templates(config: Config) -> str:
    check_templates(config)
    return str(config.render.templates or "built-in templates")


def _source(config: Config, spec: object) -> str:
    report = RunReport()
    items = list(source_for(spec, SourceContext(config, report)).items())  # type: ignore[arg-type]
    problems = report.failures + report.warnings
    if problems:
        raise CheckWarning(
            f"{len(items)} item(s); "
            + "; ".join(problems)
            + " (the run goes on without what failed)"
        )
    return f"{len(items)} item(s)"


def _recipients(config: Config) -> str:
    report = RunReport()
    try:
        count = sum(1 for _ in iter_recipients(config, report))
    except ConfigError as err:
        if not any("token_secret_env" in problem for problem in err.problems):
            raise
        variable = config.recipients.token_secret_env
        raise CheckFailure(
            "; ".join(err.problems),
            f"export {variable}='a long random string' before digest runs (keep it in a file "
            "only you can read; see .env.example from digest init)",
        ) from None
    if not count:
        raise DigestError("none to send to" + "".join(f"; {f}" for f in report.failures))
    if report.failures:
        raise CheckWarning(f"{count} valid; " + "; ".join(report.failures))
    repeats = f", {len(report.warnings)} listed twice" if report.warnings else ""
    return f"{count} address(es){repeats}"


def _schedule(config: Config) -> str:
    """Which days digest run sends, and whether today is one (information, never a failure)."""
    schedule = config.schedule
    days = ", ".join(schedule.days) or "no weekday"
    holidays = f"; not on holidays of {schedule.holidays}" if schedule.holidays else ""
    skipped = f"; {len(schedule.skip)} date(s) skipped" if schedule.skip else ""
    day = edition_date(config)
    today = no_edition_reason(config, day) or "an edition"
    return f"{days}{holidays}{skipped}; today ({day.isoformat()}, {config.newsletter.timezone}): {today}"


def _dkim(config: Config) -> str:
    signer_for(config)
    return f"{config.dkim.selector}._domainkey.{config.dkim.domain}: key signs"
