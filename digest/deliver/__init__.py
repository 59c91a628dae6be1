"""Deliver stage: a rendered edition in → copies out (files, memory or an SMTP relay) → DeliveryResult.

Every way out is a Backend with one interface, modelled on httpx's transports: a session is opened
per edition, says which copies are still `pending()`, and `deliver()`s them:

    session = backend.open(delivery)
    result = session.deliver(session.pending())
    session.close()

`deliver_edition()` does exactly that. files.py writes the unaddressed copy to out/<date>/,
memory.py keeps it in a list (tests, the preview), smtp_backend.py sends one personal copy per
recipient through the relay, under the send ledger. The SMTP machinery lives here too: smtp.py (the
relay connection), outbox.py (retries, back-off, rate limit), ledger.py, recipients.py, merge.py
and personalise.py (per-recipient copies), dkim.py.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

from ..config import Config
from ..models import DeliveryResult, Edition, Rendered
from ..render.message import build_message, edition_message_id
from .personalise import SAMPLE_TOKEN, Personal, personalise, unsubscribe_url


@dataclass(frozen=True)
class Delivery:
    """One edition, rendered once, on its way out."""

    edition: Edition
    rendered: Rendered
    config: Config
    out_dir: Path | None = None  # files backend: overrides config.output.dir


@dataclass(frozen=True)
class Copy:
    """One copy of the edition on its way to one recipient (or to nobody: files, preview)."""

    key: str  # the ledger's name for the recipient (lower-cased address); "" for nobody's copy
    rcpt: str  # envelope recipient
    message_id: str
    message: Callable[[], bytes]  # built when needed, so a long list does not fill memory


class Session(Protocol):
    """One edition's way out, open."""

    def pending(self) -> Iterable[Copy]:
        """The copies nobody has delivered yet."""
        ...

    def deliver(self, copies: Iterable[Copy]) -> DeliveryResult: ...

    def close(self) -> None: ...


class Backend(Protocol):
    def open(self, delivery: Delivery) -> Session: ...


def deliver_edition(backend: Backend, delivery: Delivery) -> DeliveryResult:
    """Open a session for the edition, deliver every pending copy, close it again."""
    session = backend.open(delivery)
    try:
        return session.deliver(session.pending())
    finally:
        session.close()


def unaddressed_copy(delivery: Delivery, to: str | Address) -> tuple[Rendered, EmailMessage]:
    """The edition as nobody's personal copy (files, preview): its unsubscribe link carries the
    clearly marked SAMPLE_TOKEN; the message is addressed to `to` with the edition's Message-ID."""
    unsubscribe = unsubscribe_url(delivery.config.newsletter.unsubscribe_url, SAMPLE_TOKEN)
    rendered = personalise(delivery.rendered, Personal(unsubscribe))
    message = build_message(
        rendered,
        delivery.config,
        to=to,
        message_id=edition_message_id(delivery.edition, delivery.config),
        unsubscribe_url=unsubscribe,
    )
    return rendered, message


BackendFactory = Callable[..., Backend]
REGISTRY: dict[str, BackendFactory] = {}


def register(name: str) -> Callable[[BackendFactory], BackendFactory]:
    def add(factory: BackendFactory) -> BackendFactory:
        REGISTRY[name] = factory
        return factory

    return add


def backend(name: str, **options: Any) -> Backend:
    """The backend registered under `name` ("files", "memory", "smtp"), made with `options`."""
    # Only the module of the backend asked for is imported (it registers itself): `digest build`
    # writes files and needs none of the SMTP machinery (smtplib, ledger, DKIM).
    if name in _BUILTIN and name not in REGISTRY:
        importlib.import_module(f"{__name__}.{_BUILTIN[name]}")
    return REGISTRY[name](**options)


_BUILTIN = {"files": "files", "memory": "memory", "smtp": "smtp_backend"}
