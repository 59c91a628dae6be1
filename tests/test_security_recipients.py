"""Issue 20 (1, 8, 10): a recipient list or config cannot add headers or a body, nor stop a send.

Sent through a real SMTP relay (aiosmtpd, tests/relay.py); the received bytes are what is checked.
"""

from __future__ import annotations

from datetime import date

import pytest

from digest.lines import is_one_field
from digest.pipeline import send as send_edition
from digest.report import RunReport

from .sendkit import EDITION_DAY, load, write_config

DAY = date.fromisoformat(EDITION_DAY)
pytestmark = pytest.mark.usefixtures("secrets")
ATTACK = "=?utf-8?q?A=0D=0AReply-To:_a@evil.example=0D=0A=0D=0AKonto_gesperrt:_evil.example/x?="


def send(config_path):
    report = RunReport()
    return send_edition(load(config_path), report, edition_date=DAY), report


def head_and_body(data: bytes) -> tuple[bytes, bytes]:
    head, _, body = data.partition(b"\r\n\r\n")
    return head, body


def test_an_encoded_word_name_adds_no_header_and_no_body(any_relay, tmp_path):
    server = any_relay()
    rows = ["email,name", f'victim@example.org,"{ATTACK}"', "other@example.org,Anna"]
    config = write_config(tmp_path, server, csv_rows=rows)
    result, report = send(config)
    assert result.sent == 2, report.failures
    for copy in server.wait_for(2):
        head, body = head_and_body(copy.data)
        assert b"reply-to" not in head.lower()
        assert b"Konto gesperrt" not in body and b"Konto_gesperrt" not in head.split(b"\r\nTo:")[0]
        message = copy.message
        assert message["Reply-To"] is None
        assert message.is_multipart()  # the body is still the edition, not the attacker's text
        assert "Konto gesperrt" not in message.get_body(("plain",)).get_content().split("\n")[0]
        for line in head.split(b"\r\n"):
            assert line[:1] in (b" ", b"\t") or b":" in line.split(b" ")[0]


def test_a_name_that_would_break_the_to_field_is_refused_with_file_and_line(relay, tmp_path):
    # Whatever this Python's email package does with a name, the folded To: bytes are checked.
    from email.headerregistry import Address

    from digest.deliver.recipients import to_field_is_clean

    assert to_field_is_clean(Address("Anna Muster", "anna", "example.org"))
    assert not is_one_field(b"To: A\r\nReply-To: a@evil.example\r\n")
    assert not is_one_field(b"To: A\r\n\r\nbody\r\n")
    assert not is_one_field(b"To: A\rB\r\n")
    assert is_one_field(b"To: A\r\n <a@example.org>\r\n")
