"""Memory backend: keeps delivered messages in a list, for tests and the preview."""

from __future__ import annotations

from collections.abc import Iterable
from email.message import EmailMessage

from ..models import DeliveryResult
from ..render.message import message_bytes
from . import Copy, Delivery, deliver_edition, register, unaddressed_copy


@register("memory")
class MemoryBackend:
    """Builds the message as the files backend would and keeps it in `messages`."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    def open(self, delivery: Delivery) -> MemorySession:
        return MemorySession(self, delivery)

    def deliver(self, delivery: Delivery) -> DeliveryResult:
        return deliver_edition(self, delivery)


class MemorySession:
    """Nobody's copy of one edition, appended to the backend's `messages` when delivered."""

    def __init__(self, backend: MemoryBackend, delivery: Delivery) -> None:
        self.backend = backend
        _, self.message = unaddressed_copy(delivery, delivery.config.newsletter.sender_address)

    def pending(self) -> list[Copy]:
        message = self.message
        return [
            Copy("", str(message["To"]), str(message["Message-ID"]), lambda: message_bytes(message))
        ]

    def deliver(self, copies: Iterable[Copy]) -> DeliveryResult:
        delivered = []
        for copy in copies:
            self.backend.messages.append(self.message)
            delivered.append(copy.message_id)
        return DeliveryResult("memory", delivered=tuple(delivered))

    def close(self) -> None:
        pass
