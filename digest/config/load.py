"""config.toml read with tomllib into typed, frozen dataclasses; every error reported with its key path.

Relative paths resolve against the folder of the config file, never the working directory (cron runs
from $HOME). Secrets are never in the file: it names the environment variables that hold them.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from email.utils import parseaddr
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ConfigError
from ..lines import no_encoded_words, one_line
from . import CONFIG_ENV
from .labels import check_labels
from .publishing import ArchiveConfig, ScheduleConfig
from .schema import (
    Problems,
    build,
    describe,
    http_url_check,
    language_check,
    option,
    positive_check,
)
from .sources import SourceConfig, SourceTypes, source_types

if TYPE_CHECKING:  # email.headerregistry: only for the sender's address (rendering, sending)
    from email.headerregistry import Address

DEFAULT_CONFIG = "config.toml"


def _email(value: str) -> str | None:
    _, addr = parseaddr(value)
    if not addr or "@" not in addr or any(c in value for c in "\r\n"):
        return f"not an email address: {value!r}"
    return None


def _timezone(value: str) -> str | None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return f"unknown time zone {value!r} (e.g. 'Europe/Berlin')"
    return None


def _connections(value: int) -> str | None:
    # A relay or provider limits parallel sessions per client (Postfix: 50, many providers ~10):
    # more than it allows only earns 421 replies.
    return None if 1 <= value <= 32 else f"must be between 1 and 32, got {value}"


def _hex_colour(value: str) -> str | None:
    return None if re.fullmatch(r"#[0-9a-fA-F]{6}", value) else f"not a #rrggbb colour: {value!r}"


def _env_name(value: str) -> str | None:
    ok = re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value)
    return None if ok else f"must name an environment variable, got {value!r}"


@dataclass(frozen=True)
class NewsletterConfig:
    """[newsletter]: who sends what, in which language, with which links."""

    name: str = option(
        "Bayern am Abend", "brand name: wordmark, subject prefix, sender display name"
    )
    tagline: str = option("Das Wichtigste vom Tag auf einen Blick", "line under the wordmark")
    sender: str = option(
        "Bayern am Abend <abend@example.org>", "From: display name and address", _email
    )
    reply_to: str | None = option(None, "Reply-To address", _email)
    language: str = option("de", "'de' or 'en': labels, dates, reducer rules", language_check)
    timezone: str = option("Europe/Berlin", "time zone of the edition date", _timezone)
    max_stories: int = option(8, "at most this many stories in an edition", positive_check)
    max_age_hours: float = option(36.0, "older articles are left out", positive_check)
    sections: tuple[str, ...] = option((), "section order, e.g. ['Bayern', 'Deutschland', 'Welt']")
    closing_section: str | None = option(None, "section shown last as 'Und zum Schluss'")
    greeting: str | None = option(None, "salutation; default 'Guten Abend,' / 'Good evening,'")
    intro: str | None = option(
        None, "intro text under the greeting; default built from the stories"
    )
    editor: str | None = option(None, "name that signs the intro")
    why: str | None = option(None, "footer: why the reader gets this email")
    web_url: str | None = option(
        None, "web version of the edition ({date} is replaced)", http_url_check
    )
    signup_url: str | None = option(None, "sign-up page, for forwarded copies", http_url_check)
    unsubscribe_url: str = option(
        "https://www.example.org/abmelden?t={token}",
        "one-click unsubscribe URL; {token} is replaced per recipient",
        http_url_check,
    )
    unsubscribe_mailto: str | None = option(None, "address for mailto: unsubscribe", _email)
    impressum_url: str | None = option(None, "Impressum (legal notice) page", http_url_check)
    privacy_url: str | None = option(None, "privacy policy page", http_url_check)
    list_id: str | None = option(None, "List-Id header; default <slug>.<sender domain>")
    send_empty: bool = option(False, "send (digest run/send) even when no story is new")

    @property
    def sender_address(self) -> Address:
        from email.headerregistry import Address

        name, addr = parseaddr(self.sender)
        user, _, domain = addr.partition("@")
        shown = no_encoded_words(one_line(name or self.name))  # as a recipient's name is cleaned
        return Address(display_name=shown, username=user, domain=domain)


@dataclass(frozen=True)
class ColoursConfig:
    """[render.colours]: solid hex colours of the light scheme (dark mode has its own)."""

    accent: str = option("#0b5cad", "wordmark bar, links, headline rule", _hex_colour)
    text: str = option("#1f2328", "body text", _hex_colour)
    muted: str = option("#545b64", "dates, credits, footer", _hex_colour)
    background: str = option("#eef1f4", "around the email", _hex_colour)
    paper: str = option("#fdfdfd", "the email's own background", _hex_colour)


@dataclass(frozen=True)
class RenderConfig:
    """[render]: the look of the email."""

    templates: Path | None = option(None, "folder with templates overriding the built-in ones")
    wordmark: str | None = option(None, "text wordmark in the header (default: newsletter name)")
    colours: ColoursConfig = option(ColoursConfig(), "colours, see [render.colours]")
    labels: dict[str, str] = option({}, "override any label text, e.g. more = 'Weiterlesen'")
    max_html_kb: int = option(80, "fail the build when the HTML is larger (Gmail clips at ~102)")


Format = Literal["html", "txt", "eml", "json"]


@dataclass(frozen=True)
class OutputConfig:
    """[output]: where `digest build` writes the edition."""

    dir: Path = option(Path("out"), "output folder; the edition goes to <dir>/<date>/")
    formats: tuple[Format, ...] = option(("html", "txt", "eml", "json"), "files to write")


Security = Literal["ssl", "starttls", "none"]


@dataclass(frozen=True)
class SmtpConfig:
    """[smtp]: the relay that sends the edition."""

    host: str = option("localhost", "relay host name")
    port: int = option(587, "relay port: 465 → ssl, 587 → starttls by default")
    security: Security | None = option(None, "'ssl', 'starttls' or 'none' (default from the port)")
    username: str | None = option(None, "AUTH user name")
    password_env: str | None = option(None, "environment variable holding the password", _env_name)
    timeout: float = option(30.0, "seconds per SMTP command", positive_check)
    rate_limit: float | None = option(None, "at most this many messages per second", positive_check)
    ca_file: Path | None = option(None, "CA certificate file for a private relay")
    ehlo_name: str | None = option(None, "name sent with EHLO (default: this host's name)")
    allow_insecure: bool = option(False, "allow security = 'none' to a non-loopback relay")
    reconnect_every: int = option(
        100, "open a new connection after this many messages", positive_check
    )
    connections: int = option(
        2, "relay connections sending at once, each its own worker (1 to 32)", _connections
    )
    max_attempts: int = option(
        5, "tries per message on 4xx replies and network errors", positive_check
    )
    retry_delay: float = option(
        2.0, "seconds before the first retry; doubled for each further one", positive_check
    )

    UNKNOWN_KEY_HINTS: ClassVar[dict[str, str]] = {
        "password": "secrets do not belong in the file: name an environment variable in password_env",
    }


@dataclass(frozen=True)
class RecipientsConfig:
    """[recipients]: who gets the edition."""

    to: tuple[str, ...] = option((), "recipient addresses ('Name <addr>' or 'addr')")
    file: Path | None = option(None, "CSV file with a header row: email, name, other fields")
    test: tuple[str, ...] = option((), "addresses for `digest send --test` without arguments")
    token_secret_env: str | None = option(
        "DIGEST_UNSUBSCRIBE_SECRET",
        "environment variable with the secret for unsubscribe tokens (HMAC of the address)",
        _env_name,
    )


@dataclass(frozen=True)
class DkimConfig:
    """[dkim]: sign outgoing mail (needs dkimpy)."""

    domain: str | None = option(None, "signing domain (d=)")
    selector: str | None = option(None, "selector (s=)")
    key_file: Path | None = option(None, "PEM private key")


@dataclass(frozen=True)
class FetchConfig:
    """[fetch]: how feeds and pages are downloaded."""

    concurrency: int = option(10, "at most this many requests at once", positive_check)
    per_host: int = option(2, "at most this many requests at once to one host", positive_check)
    timeout: float = option(
        20.0, "seconds per request, from connecting to the last byte", positive_check
    )
    max_mb: float = option(
        5.0, "largest response accepted, in MB after decompression", positive_check
    )
    max_redirects: int = option(5, "redirects followed per request", positive_check)


@dataclass(frozen=True)
class StateConfig:
    """[state]: the SQLite file that remembers seen articles, feeds and sends."""

    path: Path = option(Path("state.db"), "state database, beside config.toml by default")
    timeout: float = option(
        10.0, "seconds to wait while another process holds the state database", positive_check
    )


@dataclass(frozen=True)
class Config:
    """The whole config.toml."""

    newsletter: NewsletterConfig = option(NewsletterConfig(), "the newsletter")
    sources: tuple[SourceConfig, ...] = option((), "where articles come from")
    render: RenderConfig = option(RenderConfig(), "the email's look")
    output: OutputConfig = option(OutputConfig(), "output files")
    smtp: SmtpConfig = option(SmtpConfig(), "the relay")
    recipients: RecipientsConfig = option(RecipientsConfig(), "recipients")
    dkim: DkimConfig = option(DkimConfig(), "DKIM signing")
    fetch: FetchConfig = option(FetchConfig(), "downloading feeds and pages")
    state: StateConfig = option(StateConfig(), "state database")
    schedule: ScheduleConfig = option(ScheduleConfig(), "the days with an edition, approval")
    archive: ArchiveConfig = option(ArchiveConfig(), "the web archive of sent editions")
    path: Path | None = field(default=None, metadata={"internal": True})  # the file read

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def find_config(explicit: str | os.PathLike[str] | None) -> Path:
    """The config file to use: --config, else $DIGEST_CONFIG, else ./config.toml."""
    return Path(explicit or os.environ.get(CONFIG_ENV) or DEFAULT_CONFIG)


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate a config file; raise ConfigError listing every problem."""
    path = Path(path)
    shown = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(
            [f"{shown}: no such file (give --config PATH or set {CONFIG_ENV})"]
        ) from None
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or err
        raise ConfigError([f"{shown}: cannot read: {reason}"]) from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError([f"{shown}: invalid TOML: {err}"]) from None
    return config_from_dict(data, path.resolve().parent, shown, path.resolve())


def config_from_dict(data: dict, base_dir: Path, filename: str, path: Path | None = None) -> Config:
    """Validate an already parsed config; relative paths resolve against `base_dir`."""
    problems = Problems(filename)
    config = build(Config, data, "", problems, base_dir)
    problems.close_reading()
    _check_consistency(config, problems)
    if problems.items:
        raise ConfigError(problems.items)
    return replace(config, path=path)


def _check_consistency(config: Config, problems: Problems) -> None:
    """Checks that involve more than one key, or the file system; quiet where a key was wrong."""

    def add(path: str, message: str) -> None:
        if not problems.under(path):
            problems.add(path, message)

    names: set[str] = set()
    for i, source in enumerate(config.sources):
        where = f"sources[{i}]"
        if problems.under(where):
            continue  # its type or keys are wrong already: further checks would only guess
        if source.name in names:
            add(f"{where}.name", f"duplicate source name {source.name!r}")
        names.add(source.name)
        for key, message in source.problems():
            add(f"{where}.{key}" if key else where, message)
    for key_path, message in check_labels(config.render.labels):
        add(key_path, message)
    if config.render.templates and not config.render.templates.is_dir():
        add("render.templates", f"no such folder '{config.render.templates}'")
    if config.recipients.file and not config.recipients.file.is_file():
        add("recipients.file", f"no such file '{config.recipients.file}'")
    for key in ("to", "test"):
        for i, addr in enumerate(getattr(config.recipients, key)):
            if problem := _email(addr):
                add(f"recipients.{key}[{i}]", problem)
    dkim = config.dkim
    if any((dkim.domain, dkim.selector, dkim.key_file)) and not all(
        (dkim.domain, dkim.selector, dkim.key_file)
    ):
        add("dkim", "set all of domain, selector and key_file, or none")


def reference() -> str:
    """The config reference as Markdown tables (README § Configuration; a test keeps it current)."""
    types = source_types()
    common = [f.name for f in fields(SourceConfig)]
    tables: list[tuple[str, type, list[str]]] = [
        ("[newsletter]", NewsletterConfig, []),
        ("[[sources]]", SourceConfig, []),
        *(
            (f'[[sources]] type = "{name}"', types.config_class(name) or SourceConfig, common)
            for name in types.builtin_names()
        ),
        ("[render]", RenderConfig, []),
        ("[render.colours]", ColoursConfig, []),
        ("[output]", OutputConfig, []),
        ("[smtp]", SmtpConfig, []),
        ("[recipients]", RecipientsConfig, []),
        ("[dkim]", DkimConfig, []),
        ("[fetch]", FetchConfig, []),
        ("[state]", StateConfig, []),
        ("[schedule]", ScheduleConfig, []),
        ("[archive]", ArchiveConfig, []),
    ]
    parts = []
    for title, cls, inherited in tables:
        rows = [
            f"| `{key}` | `{_shown_default(cls, key, value, types)}` | {doc} |"
            for key, value, doc in describe(cls)
            if key not in inherited
        ]
        parts.append(
            f"**{title}**\n\n| key | default | meaning |\n|---|---|---|\n" + "\n".join(rows)
        )
    return "\n\n".join(parts)


def _shown_default(cls: type, key: str, value: str, types: SourceTypes) -> str:
    """A default as the reference shows it; a source's `type` defaults to the registry's default."""
    return f'"{types.default()}"' if cls is SourceConfig and key == "type" else value
