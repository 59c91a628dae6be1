"""Memory backend: keeps delivered messages in a list, for tests and the preview."""

from __future__ import annotations

from email.message import EmailMessage

from ..models import DeliveryResult
from . import Delivery, register, unaddressed_copy


@register("memory")
class MemoryBackend:
    """Builds the message as the files backend would and keeps it in `messages`."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    def deliver(self, delivery: Delivery) -> DeliveryResult:
        _, message = unaddressed_copy(delivery, delivery.config.newsletter.sender_address)
        self.messages.append(message)
        return DeliveryResult("memory", delivered=(str(message["Message-ID"]),))
