"""Delivery backends: one small class per way out (files, smtp, memory), found by name.

Each backend has one method, `deliver(delivery) -> DeliveryResult`. Tests use the memory backend
instead of patching anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..config import Config
from ..models import DeliveryResult, Edition, Rendered


@dataclass(frozen=True)
class Delivery:
    """One edition, rendered once, on its way out."""

    edition: Edition
    rendered: Rendered
    config: Config
    out_dir: Path | None = None  # files backend: overrides config.output.dir


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
