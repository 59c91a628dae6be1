"""Delivery backends: one small class per way out (files, smtp, memory), found by name.

Each backend has one method, `deliver(delivery) -> DeliveryResult`. Tests use the memory backend
instead of patching anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from ..config import Config
from ..models import DeliveryResult, Edition, Rendered
from ..render.message import build_message, edition_message_id
from .personalise import Personal, personalise, unsubscribe_url


@dataclass(frozen=True)
class Delivery:
    """One edition, rendered once, on its way out."""

    edition: Edition
    rendered: Rendered
    config: Config
    out_dir: Path | None = None  # files backend: overrides config.output.dir


def unaddressed_copy(delivery: Delivery, to: str | Address) -> tuple[Rendered, EmailMessage]:
    """The edition as nobody's personal copy (files, preview): its unsubscribe link leads to the
    form without a token; the message is addressed to `to` with the edition's Message-ID."""
    unsubscribe = unsubscribe_url(delivery.config.newsletter.unsubscribe_url, "")
    rendered = personalise(delivery.rendered, Personal(unsubscribe))
    message = build_message(
        rendered,
        delivery.config,
        to=to,
        message_id=edition_message_id(delivery.edition, delivery.config),
        unsubscribe_url=unsubscribe,
    )
    return rendered, message


class Backend(Protocol):
    def deliver(self, delivery: Delivery) -> DeliveryResult: ...


BackendFactory = Callable[[], Backend]
REGISTRY: dict[str, BackendFactory] = {}


def register(name: str) -> Callable[[BackendFactory], BackendFactory]:
    def add(factory: BackendFactory) -> BackendFactory:
        REGISTRY[name] = factory
        return factory

    return add


def backend(name: str) -> Backend:
    """The backend registered under `name` ("files", "memory", "smtp")."""
    from . import files, memory  # noqa: F401  (registers them)

    return REGISTRY[name]()
