"""The command line: click commands that parse options, call the core, and map DigestError to
`Error: …` on stderr plus the exit code of DESIGN.md. Only this module prints results or exits.
"""

from __future__ import annotations

import functools
import json
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .config import CONFIG_ENV
from .errors import ConfigError, DigestError
from .report import RunReport

if TYPE_CHECKING:  # the config loader and models load when a command needs them, not for --help
    from .config import Config
    from .models import SendResult

F = TypeVar("F", bound=Callable[..., Any])


class Context:
    """Options common to every command."""

    def __init__(self, config_path: str | None, verbosity: int) -> None:
        self.config_path = config_path
        self.verbosity = verbosity
        self._config: Config | None = None

    @property
    def config(self) -> Config:
        from .config import find_config, load_config

        if self._config is None:
            self._config = load_config(find_config(self.config_path))
        return self._config

    def config_if_any(self) -> Config | None:
        """The config when one is given or present; None when there is none (reduce works without)."""
        from .config import find_config

        path = find_config(self.config_path)
        if self.config_path is None and not path.exists():
            return None
        return self.config

    def progress(self, message: str) -> None:
        if self.verbosity > 0:
            click.echo(message, err=True)

    def progress_bar(self) -> TerminalProgress | None:
        """A bar on stderr for long work, only on a terminal and without -q (cron sees nothing)."""
        if self.verbosity < 0 or not sys.stderr.isatty():
            return None
        return TerminalProgress()

    def show_report(self, report: RunReport) -> None:
        if self.verbosity >= 0:
            for warning in report.warnings:
                click.echo(f"warning: {warning}", err=True)
        for failure in report.failures:
            click.echo(f"error: {failure}", err=True)


class TerminalProgress:
    """sources.parallel.Progress as a click progress bar on stderr."""

    def __init__(self) -> None:
        self.bar: Any = None

    def start(self, total: int, label: str) -> None:
        self.bar = click.progressbar(length=total, label=label.ljust(6), file=sys.stderr)
        self.bar.__enter__()

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def handle_errors(command: F) -> F:
    """Turn DigestError into one `Error:` line and its exit code; a traceback only with -v."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context().find_object(Context)
        verbose = bool(ctx and ctx.verbosity > 0)
        try:
            return command(*args, **kwargs)
        except ConfigError as err:
            for problem in err.problems:
                click.echo(f"Error: {problem}", err=True)
            sys.exit(err.exit_code)
        except DigestError as err:
            if verbose:
                traceback.print_exc()
            click.echo(f"Error: {err}", err=True)
            sys.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("Error: interrupted", err=True)
            sys.exit(130)
        except Exception as err:  # a bug: say so plainly, keep the traceback for -v
            if verbose:
                traceback.print_exc()
            click.echo(
                f"Error: internal error: {type(err).__name__}: {err} (-v shows details)", err=True
            )
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-11-25") from None


def _set_config(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.find_object(Context).config_path = value  # type: ignore[union-attr]


def _set_verbose(ctx: click.Context, _param: click.Parameter, value: int) -> None:
    if value:
        context = ctx.find_object(Context)
        context.verbosity = max(context.verbosity, 0) + value  # type: ignore[union-attr]


def _set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_object(Context).verbosity = -1  # type: ignore[union-attr]


def common_options(command: F) -> F:
    """--config, -v and -q after the command name too: `digest build -q` as well as `digest -q build`."""
    options = (
        click.option(
            "--config",
            type=click.Path(dir_okay=False),
            callback=_set_config,
            expose_value=False,
            help=f"config file (default ./config.toml, env {CONFIG_ENV})",
        ),
        click.option(
            "-v",
            "--verbose",
            count=True,
            callback=_set_verbose,
            expose_value=False,
            help="more output on stderr; tracebacks on errors",
        ),
        click.option(
            "-q",
            "--quiet",
            is_flag=True,
            callback=_set_quiet,
            expose_value=False,
            help="errors only (for cron)",
        ),
    )
    for option in options:
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    envvar=CONFIG_ENV,
    help=f"config file (default ./config.toml, env {CONFIG_ENV})",
)
@click.option("-v", "--verbose", count=True, help="more output on stderr; tracebacks on errors")
@click.option("-q", "--quiet", is_flag=True, help="errors only (for cron)")
@click.version_option(__version__, prog_name="digest")
@click.pass_context
def main(click_ctx: click.Context, config_path: str | None, verbose: int, quiet: bool) -> None:
    """digest: turns news articles and feeds into a compact evening email digest."""
    click_ctx.obj = Context(config_path, -1 if quiet else verbose)


@main.command()
@click.option("--date", "edition_date", callback=parse_date, help="edition date, YYYY-MM-DD")
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), help="output folder"
)
@common_options
@click.pass_obj
@handle_errors
def build(ctx: Context, edition_date: date | None, out_dir: Path | None) -> None:
    """Collect, reduce and render the edition; write out/<date>/digest.{html,txt,eml,json}."""
    from .pipeline import build_files

    report = build_files(
        ctx.config,
        edition_date=edition_date,
        out_dir=out_dir.resolve() if out_dir else None,
        progress=ctx.progress_bar(),
    )
    ctx.show_report(report)
    for path in report.outputs:
        click.echo(str(path))
    sys.exit(report.exit_code)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="one JSON object per article and line")
@common_options
@click.pass_obj
@handle_errors
def reduce(ctx: Context, paths: tuple[str, ...], as_json: bool) -> None:
    """Show what the reducer makes of articles (files, folders, feeds or URLs)."""
    from .pipeline import reduce_paths

    report = RunReport()
    for result in reduce_paths(paths, ctx.config_if_any(), report):
        origin = result.pop("origin")
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False))
        else:
            click.echo(format_story(result, origin))
    ctx.show_report(report)
    sys.exit(report.exit_code)


def format_story(result: dict[str, Any], origin: str) -> str:
    """A reduced article for people to read in a terminal."""
    lines = [f"== {origin or result['input']}", result["headline"], "", result["teaser"], ""]
    lines += [f"  • {fact}" for fact in result["facts"]]
    for quote in result["quotes"]:
        who = ", ".join(p for p in (quote["speaker"], quote["role"]) if p) or "?"
        lines.append(f"  „{quote['text']}“ – {who}")
    if result["credits"]:
        lines.append(f"  ({', '.join(result['credits'])})")
    return "\n".join(lines) + "\n"


PREVIEW_PORT = 8040


@main.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=PREVIEW_PORT,
    show_default=True,
    help="port to listen on; 0 picks any free port",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="address to listen on; anything but loopback lets other machines see the edition",
)
@click.option("--no-open", is_flag=True, help="do not open a browser")
@click.option("--date", "edition_date", callback=parse_date, help="edition date, YYYY-MM-DD")
@common_options
@click.pass_obj
@handle_errors
def preview(ctx: Context, port: int, host: str, no_open: bool, edition_date: date | None) -> None:
    """Serve the edition in the browser, rebuilt live on every change; sends and records nothing."""
    from .config import find_config, load_config
    from .errors import UsageError
    from .preview import is_loopback, start

    path = find_config(ctx.config_path)
    if not path.is_file():
        load_config(path)  # raises the usual "no such file" error

    def log(message: str, is_error: bool) -> None:
        if is_error or ctx.verbosity >= 0:
            click.echo(("error: " if is_error else "") + message, err=True)

    if not is_loopback(host):
        click.echo(
            f"warning: listening on {host}: other machines can see the unsent edition "
            "(the preview has no login)",
            err=True,
        )
    try:
        running = start(path, host=host, port=port, edition_date=edition_date, log=log)
    except OSError as err:
        reason = err.strerror or str(err)
        hint = " (--port 0 picks a free port)" if port else ""
        raise UsageError(f"cannot listen on {host}:{port}: {reason}{hint}") from None
    click.echo(running.url)
    if ctx.verbosity >= 0:
        click.echo("Watching config, templates and sources; Ctrl+C stops the preview.", err=True)
    if not no_open:
        import webbrowser

        webbrowser.open(running.url)
    try:
        running.wait()
    except KeyboardInterrupt:
        pass
    finally:
        running.close()


def finish_send(ctx: Context, report: RunReport, result: SendResult) -> None:
    """Warnings and failures on stderr, the one-line summary on stdout (not with -q), exit."""
    ctx.show_report(report)
    if ctx.verbosity >= 0:
        click.echo(describe(result))
    sys.exit(report.exit_code)


def describe(result: SendResult) -> str:
    """The one line `digest send`/`run` prints about a send."""
    day = result.day.isoformat()
    counts = ", ".join(f"{n} {status}" for status, n in sorted(result.counts.items()))
    if result.status == "test":
        return f"{day}: test mail sent to {result.sent} of {result.total} address(es)"
    if result.status == "already sent":
        return f"{day}: already sent ({counts or 'no recipients'}); nothing to do"
    if result.status == "nothing new":
        return f"{day}: nothing new since the last edition; nothing sent"
    if result.status == "dry run":
        return (
            f"{day}: dry run: would send {result.sent} of {result.total} message(s); nothing sent"
        )
    return f"{day}: {result.status}: {result.sent} sent by this run ({counts})"


@main.command()
@click.argument("addresses", nargs=-1, metavar="[ADDR]...")
@click.option(
    "--test", is_flag=True, help="send a '[Test]' copy to ADDR… (default: recipients.test)"
)
@click.option("--date", "edition_date", callback=parse_date, help="edition date, YYYY-MM-DD")
@click.option(
    "--dry-run", is_flag=True, help="build every message, contact no relay, change nothing"
)
@click.option(
    "--resend-unconfirmed", is_flag=True, help="send again copies an interrupted run may have sent"
)
@common_options
@click.pass_obj
@handle_errors
def send(
    ctx: Context,
    addresses: tuple[str, ...],
    test: bool,
    edition_date: date | None,
    dry_run: bool,
    resend_unconfirmed: bool,
) -> None:
    """Send the edition to the recipients (resumes, never twice), or a test mail with --test."""
    from .errors import UsageError
    from .pipeline import send as send_edition
    from .pipeline import send_test

    if addresses and not test:
        raise UsageError("addresses are only taken with --test (digest send --test ADDR…)")
    report = RunReport()
    if test:
        if dry_run or resend_unconfirmed:
            raise UsageError("--test cannot be combined with --dry-run or --resend-unconfirmed")
        config = ctx.config
        result = send_test(
            config, addresses or config.recipients.test, report, edition_date=edition_date
        )
    else:
        result = send_edition(
            ctx.config,
            report,
            edition_date=edition_date,
            dry_run=dry_run,
            resend_unconfirmed=resend_unconfirmed,
            progress=ctx.progress_bar(),
        )
    finish_send(ctx, report, result)


@main.command()
@click.option("--date", "edition_date", callback=parse_date, help="edition date, YYYY-MM-DD")
@click.option(
    "--dry-run", is_flag=True, help="build every message, contact no relay, change nothing"
)
@common_options
@click.pass_obj
@handle_errors
def run(ctx: Context, edition_date: date | None, dry_run: bool) -> None:
    """The cron entry point: build and send the day's edition once, under a lock."""
    from .pipeline import run as run_edition

    report = RunReport()
    result = run_edition(
        ctx.config, report, edition_date=edition_date, dry_run=dry_run, progress=ctx.progress_bar()
    )
    finish_send(ctx, report, result)


@main.command()
@common_options
@click.pass_obj
@handle_errors
def check(ctx: Context) -> None:
    """Check config, templates, sources, recipients and the relay (EHLO, STARTTLS, AUTH); send nothing."""
    from .check import run_checks
    from .config import find_config

    failed = 0
    for result in run_checks(find_config(ctx.config_path)):
        failed += not result.ok
        click.echo(f"{'ok' if result.ok else 'FAIL':5} {result.name}: {result.detail}")
    sys.exit(1 if failed else 0)
