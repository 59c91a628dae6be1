"""Memory backend: keeps delivered messages in a list, for tests and the preview."""

from __future__ import annotations

from email.message import EmailMessage

from ..message import build_message, edition_message_id
from ..models import DeliveryResult
from ..personalise import Personal, personalise, unsubscribe_url
from . import Delivery, register


@register("memory")
class MemoryBackend:
    """Builds the message as the files backend would and keeps it in `messages`."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    def deliver(self, delivery: Delivery) -> DeliveryResult:
        news = delivery.config.newsletter
        unsubscribe = unsubscribe_url(news.unsubscribe_url, "")
        rendered = personalise(delivery.rendered, Personal(unsubscribe))
        message = build_message(
            rendered,
            delivery.config,
            to=news.sender_address,
            message_id=edition_message_id(delivery.edition, delivery.config),
            unsubscribe_url=unsubscribe,
        )
        self.messages.append(message)
        return DeliveryResult("memory", delivered=(str(message["Message-ID"]),))
