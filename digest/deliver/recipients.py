"""Who gets the edition: [recipients] `to` from config, then the CSV file, streamed, de-duplicated.

Each recipient has an address, an optional name (greeting and To: display name) and the token that
goes into their unsubscribe URL: the CSV's `token` column where given, else an HMAC-SHA256 of the
lower-cased address keyed with a secret from the environment variable `token_secret_env` names.
Tokens are restricted to URL-safe characters, so a token can carry neither a header nor markup.
Invalid rows are named on the report and skipped; repeats are sent once.

Addresses are checked with email-validator (RFC 5321/5322 syntax, IDNA 2008; a plain lower-case
ASCII address by a pattern that gives its verdict without importing it): an internationalised
domain (anna@müller.de) is kept in its ASCII form (anna@xn--mller-kva.de), which goes into the
envelope and the To: header alike; an address whose local part is not ASCII (jörg@example.org) is
valid too, but needs a relay that offers SMTPUTF8 (`Recipient.needs_smtputf8`).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import hmac
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path

from ..config import Config
from ..errors import ConfigError
from ..lines import is_one_field, no_encoded_words, one_line
from ..report import RunReport

_TOKEN = re.compile(r"[A-Za-z0-9._~-]{1,200}")  # RFC 3986 unreserved: inert in URLs, HTML, headers
_NAME_LIMIT = 100
_SMTP = policy.SMTP.clone(refold_source="none")  # as message.SMTP_POLICY folds the To: field

# An address of this plain shape is one that email-validator accepts and gives back unchanged: an
# ASCII dot-atom local part without capitals, lower-case letter-digit-hyphen labels without "--"
# (no Punycode), a top-level domain of letters that is not a special-use name. Checked here, it
# spares `digest build` importing the validator (about 30 ms: it compiles its patterns at import)
# for the sample .eml's To:; every other address goes to the validator. tests/test_recipients.py
# holds both to the same verdicts.
_PLAIN_ADDRESS = re.compile(
    r"(?P<local>[a-z0-9_+-]{1,64}(?:\.[a-z0-9_+-]{1,64})*)"
    r"@(?P<domain>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?P<tld>[a-z]{2,63}))"
)
SPECIAL_USE_TLDS = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})


@dataclass(frozen=True)
class Recipient:
    """One address to send to, with what personalises their copy."""

    address: Address
    name: str
    token: str
    where: str  # "config.toml: recipients.to[0]" or "list.csv:17", for messages

    @property
    def key(self) -> str:
        """The address as the ledger stores it: lower-cased."""
        return self.address.addr_spec.lower()

    @property
    def needs_smtputf8(self) -> bool:
        """A non-ASCII local part: only a relay that offers SMTPUTF8 can take it."""
        return not self.address.addr_spec.isascii()


def check_address(value: str) -> tuple[str, str] | str:
    """(local part, ASCII domain) of a bare address, or the reason it is not a valid one."""
    if plain := plain_address(value):
        return plain
    from email_validator import EmailNotValidError, validate_email

    try:
        valid = validate_email(value, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as err:
        reason = str(err).rstrip(".")
        return reason[:1].lower() + reason[1:]
    return valid.local_part, valid.ascii_domain


def plain_address(value: str) -> tuple[str, str] | None:
    """(local part, domain) of an address of the plain shape above, else None (ask the validator)."""
    match = _PLAIN_ADDRESS.fullmatch(value) if len(value) <= 254 else None
    if (
        match is None
        or len(match["local"]) > 64
        or len(match["domain"]) > 253
        or "--" in match["domain"]
        or match["tld"] in SPECIAL_USE_TLDS
    ):
        return None
    return match["local"], match["domain"]


class Tokens:
    """Unsubscribe tokens: from the list, else an HMAC of the address with a secret from the env."""

    def __init__(self, config: Config, fallback: str | None = None) -> None:
        self.env_name = config.recipients.token_secret_env
        self.needed = "{token}" in config.newsletter.unsubscribe_url
        self.fallback = fallback  # test mails: a fixed token rather than an error without secret
        self._secret: bytes | None = None

    def token(self, address: str, given: str) -> str:
        if given or not self.needed:
            return given
        if self.fallback is not None and not os.environ.get(self.env_name or ""):
            return self.fallback
        digest = hmac.new(self.secret(), address.lower().encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def secret(self) -> bytes:
        if self._secret is None:
            value = os.environ.get(self.env_name or "", "")
            if not value:
                raise ConfigError(
                    [
                        "recipients.token_secret_env: the unsubscribe URL needs a {token} per "
                        f"recipient: set the environment variable {self.env_name or '(none named)'} "
                        "to a secret, or give the list a 'token' column"
                    ]
                )
            self._secret = value.encode()
        return self._secret


def header_address(value: str) -> Address | None:
    """'Name <addr>' as a To: address with the domain in ASCII (punycode), or None when invalid or
    when its local part is not ASCII (that needs an SMTPUTF8 message, which nobody's copy is not)."""
    pairs = getaddresses([value]) if value == one_line(value) else []
    checked = check_address(pairs[0][1]) if len(pairs) == 1 else "not one address"
    if isinstance(checked, str) or not checked[0].isascii():
        return None
    try:
        return Address(display_name=one_line(pairs[0][0]), username=checked[0], domain=checked[1])
    except (ValueError, IndexError):
        return None


def iter_recipients(config: Config, report: RunReport) -> Iterator[Recipient]:
    """Every valid recipient once, config's `to` first, then the CSV, in order; streamed."""
    tokens = Tokens(config)
    seen: set[str] = set()
    config_name = config.path.name if config.path else "config"
    rows: Iterator[tuple[str, str, str, str]] = _config_rows(config, config_name)
    if config.recipients.file:
        rows = _chain(rows, csv_rows(config.recipients.file, report))
    for where, value, name, token in rows:
        recipient = make_recipient(where, value, name, token, tokens, report)
        if recipient is None:
            continue
        if recipient.key in seen:
            report.warn(f"{where}: {recipient.key} is listed more than once; sent once")
            continue
        seen.add(recipient.key)
        yield recipient


def make_recipient(
    where: str, value: str, name: str, token: str, tokens: Tokens, report: RunReport
) -> Recipient | None:
    """A Recipient, or None (and a failure on the report) when the row is unusable."""
    shown = one_line(value)[:200]
    pairs = getaddresses([value]) if value == one_line(value) else []
    checked = check_address(pairs[0][1]) if len(pairs) == 1 else "not one address"
    if isinstance(checked, str):
        report.fail(f"{where}: not a valid email address: {shown!r}: {checked}; skipped")
        return None
    display, _ = pairs[0]
    user, domain = checked
    addr = f"{user}@{domain}"
    if token and not _TOKEN.fullmatch(token):
        report.fail(
            f"{where}: {addr}: the token may only contain letters, digits and . _ ~ -; skipped"
        )
        return None
    name = no_encoded_words(one_line(name or display)[:_NAME_LIMIT])
    try:
        address = Address(display_name=name, username=user, domain=domain)
    except (ValueError, IndexError):
        report.fail(f"{where}: not a valid email address: {shown!r}; skipped")
        return None
    if not to_field_is_clean(address):
        report.fail(f"{where}: {addr}: the name would break the To: header; skipped")
        return None
    return Recipient(address, name, tokens.token(addr, token), where)


def to_field_is_clean(address: Address) -> bool:
    """Whether the To: field for `address`, folded as it goes out, is one field and nothing more.

    The last guard against header injection through a name, whatever the email package of this
    Python does with it (see lines.no_encoded_words): the bytes are checked, not the intent."""
    msg = EmailMessage(policy=policy.default)
    try:
        msg["To"] = address
        raw = _SMTP.fold_binary("To", msg["To"])
    except (ValueError, TypeError, IndexError):
        return False
    return is_one_field(raw)


def _config_rows(config: Config, filename: str) -> Iterator[tuple[str, str, str, str]]:
    for i, value in enumerate(config.recipients.to):
        yield f"{filename}: recipients.to[{i}]", value, "", ""


def csv_rows(path: Path, report: RunReport | None = None) -> Iterator[tuple[str, str, str, str]]:
    """(where, email, name, token) per data row of a CSV file with a header row, streamed.

    A row the csv module cannot read (a field over its 128 KiB limit) is a failure on `report`
    naming file and line, and skipped; the rows after it are read as usual."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream)
            header = [h.strip().lower() for h in next(reader, [])]
            if "email" not in header:
                raise ConfigError(
                    [f"{path}: line 1: the header row needs an 'email' column (found {header})"]
                )
            columns = [header.index(c) if c in header else None for c in ("email", "name", "token")]
            while True:
                line = (
                    reader.line_num + 1
                )  # where the record starts (a quoted field may span lines)
                try:
                    row = next(reader, None)
                except csv.Error as err:  # the reader goes on with the next record
                    if report is not None:
                        report.fail(f"{path.name}:{line}: cannot read this row ({err}); skipped")
                    continue
                if row is None:
                    return
                if not any(cell.strip() for cell in row):
                    continue  # blank line
                email, name, token = (
                    row[i].strip() if i is not None and i < len(row) else "" for i in columns
                )
                yield f"{path.name}:{line}", email, name, token
    except OSError as err:
        raise ConfigError([f"{path}: cannot read: {err.strerror or err}"]) from None
    except UnicodeDecodeError:
        raise ConfigError([f"{path}: not UTF-8 text (save the list as UTF-8 CSV)"]) from None
    except csv.Error as err:
        raise ConfigError([f"{path}: invalid CSV: {err}"]) from None


def _chain(*parts: Iterator[tuple[str, str, str, str]]) -> Iterator[tuple[str, str, str, str]]:
    for part in parts:
        yield from part
