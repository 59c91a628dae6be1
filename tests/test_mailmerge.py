"""The fast per-recipient path gives byte for byte what build_message() + personalise() give."""

from __future__ import annotations

from datetime import datetime
from email.headerregistry import Address
from zoneinfo import ZoneInfo

import pytest

from digest.config import load_config
from digest.deliver.merge import MessageTemplate
from digest.deliver.personalise import Personal, personalise, unsubscribe_url
from digest.pipeline import build
from digest.render.message import build_message, message_bytes

from .conftest import ROOT

SENT = datetime(2026, 11, 25, 18, 0, tzinfo=ZoneInfo("Europe/Berlin"))
NAMES = [
    "",
    "Anna",
    "Jörg Müller-Lüdenscheidt von und zu Hohenzollern-Sigmaringen, Großherzog",
    'Eve "the <b>bold</b>" O\'Hara',
    "=?utf-8?q?encoded?= Zoë 😀",
    "x" * 100,
    "Tab\tand  spaces",
]
TOKENS = ["abc", "a" * 120, "x/y?z&w=<script>", "töken mit leer"]


@pytest.fixture(scope="module")
def edition():
    config = load_config(ROOT / "config.toml")
    return config, build(config).rendered


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("token", TOKENS)
def test_fast_path_equals_the_email_package(edition, name, token):
    config, rendered = edition
    template = MessageTemplate(rendered, config)
    address = Address(display_name=name, username="reader.one", domain="example.org")
    url = unsubscribe_url(config.newsletter.unsubscribe_url, token)
    personal = Personal(url, name)
    message_id = "<20261125.0123456789abcdef.digest@example.org>"
    fast = template.render(address, personal, message_id, SENT)
    slow = build_message(
        personalise(rendered, personal), config, to=address, message_id=message_id,
        unsubscribe_url=url, date=SENT,
    )  # fmt: skip
    slow.set_boundary(template.boundary)
    assert fast == message_bytes(slow)
    assert b"%%DIGEST" not in fast


def test_one_template_for_many_recipients_stays_exact(edition):
    """Values of one shape reuse the email package's folding; every copy must still be exact."""
    config, rendered = edition
    template = MessageTemplate(rendered, config)
    tokens = [
        "A" * 43,
        "b" * 43,
        "Zz09_-Zz09_-" * 3 + "abcdefg",
        "-_" * 21 + "a",
        "0" * 43,
        "x" * 7,
    ]
    names = ["Leserin 1", "Leserin 2", "Leser 33", "Anna-Lena", "Anna_Lena", "Anna Lena", "Anna.Lena", "Leserin 1 " * 8, "", "Dr. Eva-Maria O'Neil (Redaktion)", "Müller 1", "Müller 2"]  # fmt: skip
    checked = 0
    for i, (name, token) in enumerate((n, t) for n in names for t in tokens):
        address = Address(
            display_name=name, username=f"reader{i}", domain=f"mail{i % 3}.example.org"
        )
        url = unsubscribe_url(config.newsletter.unsubscribe_url, token)
        message_id = f"<20261125.{i:016x}.digest@example.org>"
        when = SENT.replace(second=i % 60)
        fast = template.render(address, Personal(url, name), message_id, when)
        slow = build_message(
            personalise(rendered, Personal(url, name)), config, to=address,
            message_id=message_id, unsubscribe_url=url, date=when,
        )  # fmt: skip
        slow.set_boundary(template.boundary)
        assert fast == message_bytes(slow), (name, token)
        checked += 1
    assert checked == len(names) * len(tokens)
    assert any(template.folds.shapes.values())  # the shortcut was taken
