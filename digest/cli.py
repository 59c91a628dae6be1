"""The command line: click commands that parse options, call the core, and map DigestError to
`Error: …` on stderr plus the exit code of DESIGN.md. Only this module prints results or exits.
"""

from __future__ import annotations

import atexit
import functools
import gc
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__
from .config import CONFIG_ENV
from .errors import ConfigError, DigestError

if TYPE_CHECKING:  # the config loader, models and report load when a command needs them
    from .config import Config
    from .models import SendResult
    from .report import RunReport

F = TypeVar("F", bound=Callable[..., Any])

# A command builds a large heap that lives until it exits (modules, compiled patterns, word lists,
# babel's locale data) and makes little cyclic garbage meanwhile. With Python's default first
# threshold (700 allocations) the collector traverses that heap over and over while it is being
# built (a full collection once babel's data is loaded: ~14 ms); at 10,000 the young collections
# run 14 times less often, and cycles are still collected, a little later. At exit the heap is
# frozen, so the interpreter's last full collection skips it: it would traverse everything to free
# memory the operating system takes back anyway (~15 ms after a build, see bench/build.py). What
# that skips is finalising garbage cycles at exit, which digest never relies on: its files,
# databases and connections are closed by `with` blocks.
YOUNG_COLLECTION_THRESHOLD = 10_000


def tune_collector() -> None:
    """At the import of this module, which runs a command (`digest --help` too: ~8 ms at exit)."""
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD)
    atexit.unregister(gc.freeze)  # registered once, however often this is called
    atexit.register(gc.freeze)


tune_collector()


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


def to_json(value: Any, **options: Any) -> str:
    """JSON for stdout, non-ASCII as it is; json is imported by the commands that print it."""
    import json

    return json.dumps(value, ensure_ascii=False, **options)


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
                import traceback  # only for -v: not loaded by every command

                traceback.print_exc()
            click.echo(f"Error: {err}", err=True)
            sys.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("Error: interrupted", err=True)
            sys.exit(130)
        except Exception as err:  # a bug: say so plainly, keep the traceback for -v
            if verbose:
                import traceback  # only for -v: not loaded by every command

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


def help_width() -> int:
    """The width click's help formatter would take from shutil.get_terminal_size() (COLUMNS, else
    the terminal, else 80; at most 78, at least 50), found without importing shutil: that pulls in
    zlib, bz2 and lzma, a twentieth of `digest --help` (bench/build.py)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return max(min(columns or 80, 80) - 2, 50)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "terminal_width": help_width()}
)
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
@click.option(
    "--json", "as_json", is_flag=True, help="print what was written and the counts as JSON"
)
@common_options
@click.pass_obj
@handle_errors
def build(ctx: Context, edition_date: date | None, out_dir: Path | None, as_json: bool) -> None:
    """Collect, reduce and render the edition; write out/<date>/digest.{html,txt,eml,json}."""
    from .pipeline import build_files

    report = build_files(
        ctx.config,
        edition_date=edition_date,
        out_dir=out_dir.resolve() if out_dir else None,
        progress=ctx.progress_bar(),
    )
    ctx.show_report(report)
    if as_json:
        click.echo(to_json(build_summary(report)))
    elif ctx.verbosity >= 0:
        for path in report.outputs:
            click.echo(str(path))
        if report.nothing_new:
            click.echo(f"nothing new for {report.nothing_new.isoformat()}")
    sys.exit(report.exit_code)


def build_summary(report: RunReport) -> dict[str, Any]:
    """`digest build --json`: what was written and the counts, for scripts."""
    return {
        "outputs": [str(path) for path in report.outputs],
        "articles": report.articles,
        "stories": report.stories,
        "skipped": report.skipped,
        "warnings": report.warnings,
        "failures": report.failures,
        "exit_code": report.exit_code,
    }


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="one JSON object per article and line")
@common_options
@click.pass_obj
@handle_errors
def reduce(ctx: Context, paths: tuple[str, ...], as_json: bool) -> None:
    """Show what the reducer makes of articles (files, folders, feeds or URLs)."""
    from .pipeline import reduce_paths
    from .report import RunReport

    report = RunReport()
    for result in reduce_paths(paths, ctx.config_if_any(), report):
        origin, language = result.pop("origin"), result.pop("language")
        if as_json:
            click.echo(to_json(result))
        else:
            click.echo(format_story(result, origin, language))
    ctx.show_report(report)
    sys.exit(report.exit_code)


def format_story(result: dict[str, Any], origin: str, language: str = "de") -> str:
    """A reduced article for people to read in a terminal, quotes in the marks of its language."""
    from .config.labels import BUILT_IN

    quoted = BUILT_IN.get(language, BUILT_IN["de"])["quote"]
    lines = [f"== {origin or result['input']}", result["headline"], "", result["teaser"], ""]
    lines += [f"  • {fact}" for fact in result["facts"]]
    for quote in result["quotes"]:
        who = ", ".join(p for p in (quote["speaker"], quote["role"]) if p) or "?"
        lines.append(f"  {quoted.format(text=quote['text'])} – {who}")
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
            f"warning: listening on {host}: other machines can see the unsent edition and "
            "correct it in edits.toml (the preview has no login)",
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
    if result.status == "no edition":  # not a result: a note for whoever watches cron
        if ctx.verbosity >= 0:
            click.echo(f"{result.day.isoformat()}: {result.note}", err=True)
    elif ctx.verbosity >= 0:
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
        return f"nothing new for {day}: no story since the last edition; nothing sent"
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
    from .report import RunReport

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
@click.option("--force", is_flag=True, help="send even on a day without an edition ([schedule])")
@common_options
@click.pass_obj
@handle_errors
def run(ctx: Context, edition_date: date | None, dry_run: bool, force: bool) -> None:
    """The cron entry point: on a day of the [schedule], build and send the day's edition once,
    under a lock. On other days it says why on stderr and exits 0 (--force sends anyway)."""
    from .pipeline import run as run_edition
    from .report import RunReport

    report = RunReport()
    result = run_edition(
        ctx.config,
        report,
        edition_date=edition_date,
        dry_run=dry_run,
        progress=ctx.progress_bar(),
        force=force,
    )
    finish_send(ctx, report, result)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="one JSON object with every check")
@common_options
@click.pass_obj
@handle_errors
def check(ctx: Context, as_json: bool) -> None:
    """Check config, templates, sources, recipients and the relay (EHLO, STARTTLS, AUTH); send nothing.

    FAIL: the send will not happen as things are (with what to do); WARN: it will, but look at this.
    Exit 1 when anything FAILs, else 0.
    """
    from .check import run_checks
    from .config import find_config

    results = list(run_checks(find_config(ctx.config_path)))
    failed = sum(not result.ok for result in results)
    if as_json:
        checks = [result.as_dict() for result in results]
        click.echo(to_json({"ok": not failed, "checks": checks}))
    elif ctx.verbosity >= 0 or failed:
        for result in results:
            if ctx.verbosity >= 0 or not result.ok:
                click.echo(
                    f"{result.level.upper() if result.level != 'ok' else 'ok':5} "
                    f"{result.name}: {result.detail}"
                )
            if result.hint:
                click.echo(f"      what to do: {result.hint}")
    sys.exit(1 if failed else 0)


@main.command()
@common_options
@click.pass_obj
@handle_errors
def archive(ctx: Context) -> None:
    """(Re)write the web archive of sent editions from the ledger: [archive] dir."""
    from .archive import write_archive

    for path in write_archive(ctx.config):
        if ctx.verbosity >= 0:
            click.echo(str(path))


@main.command()
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--yes", "-y", is_flag=True, help="ask nothing: take every default")
@common_options
@click.pass_obj
@handle_errors
def init(ctx: Context, folder: Path, yes: bool) -> None:
    """Make a new newsletter in FOLDER (default: here): config.toml, seeds/, .env.example, README.txt.

    On a terminal it asks for the name, sender, time zone and language (Enter takes the default);
    --yes asks nothing. An existing config.toml is never overwritten (exit 2).
    """
    from .starter.scaffold import Answers, answer_problem, scaffold

    if (folder / "config.toml").exists():  # before any question
        scaffold(folder, Answers())  # raises the one-line usage error

    def ask(key: str, text: str, default: str) -> str:
        """One question; a wrong answer is explained and asked again."""

        def valid(value: str) -> str:
            if problem := answer_problem(key, value):
                raise click.UsageError(problem)
            return value

        return str(click.prompt(text, default=default, value_proc=valid))

    answers = Answers()
    if not yes and sys.stdin.isatty():
        name = ask("name", "Name of the newsletter", answers.name)
        answers = Answers(
            name=name,
            sender=ask("sender", "Sender (Name <address>)", f"{name} <abend@example.org>"),
            timezone=ask("timezone", "Time zone", answers.timezone),
            language=ask("language", "Language (de or en)", answers.language),
        )
    written = scaffold(folder, answers)
    if ctx.verbosity >= 0:
        for path in written:
            click.echo(str(path))
        config = (folder / "config.toml").resolve()
        click.echo(f"Next: digest --config {config} build   (README.txt has the rest)", err=True)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=2525,
    show_default=True,
    help="port to listen on; 0 picks a free one",
)
@click.option(
    "--maildir",
    type=click.Path(file_okay=False, path_type=Path),
    help="keep mail in this Maildir (default ./mail)",
)
@click.option(
    "--mbox", type=click.Path(dir_okay=False, path_type=Path), help="keep mail in this mbox file"
)
@common_options
@click.pass_obj
@handle_errors
def sink(ctx: Context, host: str, port: int, maildir: Path | None, mbox: Path | None) -> None:
    """A local SMTP server for the first test mail: keeps every message in a Maildir or mbox.

    Point [smtp] at it (host = "localhost", port = 2525, security = "none"); Ctrl+C stops it.
    """
    from .errors import UsageError
    from .preview import is_loopback
    from .starter.sink import Stored, open_box, serve

    if maildir and mbox:
        raise UsageError("give --maildir or --mbox, not both")
    if not is_loopback(host):
        raise UsageError(f"--host {host}: the sink has no login and listens on this machine only")
    box, where = open_box(maildir, mbox)

    def ready(bound_host: str, bound_port: int) -> None:
        click.echo(f"smtp://{bound_host}:{bound_port}")  # stdout: for scripts that wait for it
        if ctx.verbosity >= 0:
            click.echo(f"Keeping mail in {where.resolve()}; Ctrl+C stops the sink.", err=True)
        sys.stdout.flush()

    def kept(message: Stored) -> None:
        if ctx.verbosity >= 0:
            to = ", ".join(message.rcpt_tos)
            click.echo(
                f"{message.mail_from} → {to}: {message.subject!r} ({message.path})", err=True
            )

    try:
        serve(host, port, box, where, ready, kept)
    finally:
        box.close()


@main.command()
@click.option("--date", "edition_date", callback=parse_date, help="edition date, YYYY-MM-DD")
@common_options
@click.pass_obj
@handle_errors
def approve(ctx: Context, edition_date: date | None) -> None:
    """Approve the day's draft as it is now (edits.toml included): prints what was approved."""
    from .pipeline import approve as approve_draft

    draft, approved = approve_draft(ctx.config, edition_date=edition_date)
    edition = draft.edition
    click.echo(f"approved the edition of {edition.date} at {approved.astimezone():%H:%M:%S}")
    click.echo(f"subject: {draft.rendered.subject}")
    for number, story in enumerate(edition.stories, 1):
        click.echo(f"  {number}. [{story.id}] {story.headline}")
    for story in draft.dropped:
        click.echo(f"  dropped: [{story.id}] {story.headline}")
    click.echo(f"content: sha256:{draft.content}")
    for warning in draft.warnings:
        if ctx.verbosity >= 0:
            click.echo(f"warning: {warning}", err=True)


@main.command()
@click.option("--date", "edition_date", callback=parse_date, help="edition date, YYYY-MM-DD")
@click.option("--json", "as_json", is_flag=True, help="the status as one JSON object")
@common_options
@click.pass_obj
@handle_errors
def status(ctx: Context, edition_date: date | None, as_json: bool) -> None:
    """The day's draft, its edits, approval, test mails and send progress."""
    from .pipeline import status as draft_status

    data = draft_status(ctx.config, edition_date=edition_date)
    if as_json:
        click.echo(to_json(data, indent=2))
    else:
        click.echo(format_status(data))


def format_status(data: dict[str, Any]) -> str:
    """`digest status` for people."""
    lines = [f"{data['newsletter']}, edition of {data['date']}"]
    draft = data["draft"]
    if draft is None:
        lines.append("draft: none yet (digest build makes one)")
    else:
        lines.append(f"draft: built {_local(draft['built'])} from {', '.join(draft['sources'])}")
        for problem in draft.get("edits_problems", []):
            lines.append(f"edits: {problem}")
        if "stories" in draft:
            lines.append(f"subject: {draft['subject']}")
            for number, story in enumerate(draft["stories"], 1):
                mark = f"  (edited: {', '.join(story['edited'])})" if story["edited"] else ""
                lines.append(f"  {number}. [{story['id']}] {story['headline']}{mark}")
            for story in draft["dropped"]:
                lines.append(f"  dropped: [{story['id']}] {story['headline']}")
            edits = draft["edits"]
            applied = ", ".join(edits["applied"]) or "none"
            lines.append(f"edits ({data['edits_file']}): {applied}")
            for story_id in edits["stale"]:
                lines.append(f"  stale: {story_id} is no longer in the draft")
            lines.append(_approval_line(draft["approval"], data["approval_required"]))
            for mail in draft["test_mails"]:
                same = "" if mail["matches"] else " (the draft has changed since)"
                lines.append(
                    f"test mail: {_local(mail['sent'])} to {', '.join(mail['recipients'])}{same}"
                )
    send = data["send"]
    if send is None:
        lines.append("send: not started")
    else:
        counts = ", ".join(f"{n} {s}" for s, n in sorted(send["counts"].items())) or "no recipients"
        lines.append(f"send: {send['status']} ({counts})")
    return "\n".join(lines)


def _approval_line(approval: dict[str, Any] | None, required: bool) -> str:
    need = " (required before sending)" if required else ""
    if approval is None:
        return f"approval: none{need}"
    if approval["matches"]:
        return f"approval: approved {_local(approval['approved'])}, matches the draft"
    changed = "; ".join(approval["changed"])
    return f"approval: approved {_local(approval['approved'])}, but changed since: {changed}{need}"


def _local(moment: str) -> str:
    from datetime import datetime

    return datetime.fromisoformat(moment).astimezone().strftime("%Y-%m-%d %H:%M")
