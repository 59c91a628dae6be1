"""DKIM: messages as sent are signed over the one-click headers and verify against the public key."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import dkim
import pytest

from .sendkit import EDITION_DAY, environment, people, write_config

pytestmark = pytest.mark.usefixtures("secrets")


def make_key(folder: Path) -> tuple[Path, bytes]:
    """An RSA key pair (openssl CLI); the DNS TXT record of its public half."""
    key = folder / "dkim.pem"
    subprocess.run(["openssl", "genrsa", "-out", str(key), "2048"], check=True, capture_output=True)
    der = subprocess.run(
        ["openssl", "rsa", "-in", str(key), "-pubout", "-outform", "DER"],
        check=True,
        capture_output=True,
    ).stdout
    return key, b"v=DKIM1; k=rsa; p=" + base64.b64encode(der)


def test_sent_messages_verify_and_cover_the_unsubscribe_headers(relay, tmp_path):
    from click.testing import CliRunner

    from digest.cli import main

    key, record = make_key(tmp_path)
    server = relay()
    dkim_table = f'[dkim]\ndomain = "example.org"\nselector = "abend"\nkey_file = "{key}"\n'
    config = write_config(tmp_path, server, csv_rows=people(2), extra=dkim_table)
    result = CliRunner(env=environment()).invoke(
        main, ["--config", str(config), "send", "--date", EDITION_DAY]
    )
    assert result.exit_code == 0, result.output
    asked: list[bytes] = []

    def dns(name: bytes, timeout: int = 5) -> bytes:  # the DNS answer, given by the test
        asked.append(name)
        return record if name == b"abend._domainkey.example.org." else b""

    for copy in server.wait_for(2):
        assert dkim.verify(copy.data, dnsfunc=dns)
        signature = copy.message["DKIM-Signature"]
        signed = {h.strip().lower() for h in signature.split("h=")[1].split(";")[0].split(":")}
        assert {"from", "to", "subject", "date", "message-id", "list-unsubscribe", "list-unsubscribe-post"} <= signed  # fmt: skip
        tampered = copy.data.replace(b"List-Unsubscribe-Post: List-Unsubscribe=One-Click", b"List-Unsubscribe-Post: List-Unsubscribe=One-Clack")  # fmt: skip
        assert tampered != copy.data and not dkim.verify(tampered, dnsfunc=dns)
    assert asked and set(asked) == {b"abend._domainkey.example.org."}


def test_an_unusable_key_is_a_config_error(tmp_path):
    from click.testing import CliRunner

    from digest.cli import main

    key = tmp_path / "broken.pem"
    key.write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    extra = f'[dkim]\ndomain = "example.org"\nselector = "abend"\nkey_file = "{key}"\n'
    config = write_config(tmp_path, None, csv_rows=people(1), extra=extra)
    result = CliRunner(env=environment()).invoke(
        main, ["--config", str(config), "send", "--dry-run", "--date", EDITION_DAY]
    )
    assert (
        result.exit_code == 2
        and "dkim.key_file" in result.stderr
        and "not a usable key" in result.stderr
    )


def test_the_openssl_signature_is_byte_for_byte_dkimpys_and_verifies(tmp_path):
    """With cryptography installed the RSA step runs in OpenSSL; PKCS #1 v1.5 is deterministic,
    so the header must equal dkimpy's own (same key, same second for t=)."""
    pytest.importorskip("cryptography")
    from digest.deliver.dkim import Signer

    key, record = make_key(tmp_path)
    message = (
        b"From: Abend <abend@example.org>\r\nTo: leser@example.org\r\nSubject: Heute \r\n"
        b"List-Unsubscribe: <https://example.org/ab?t=x>\r\n"
        b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n\r\nGuten  Abend,\r\n\r\n.\r\n"
    )
    fast = Signer("example.org", "abend", key.read_bytes())
    slow = Signer("example.org", "abend", key.read_bytes(), openssl=False)
    assert fast.signing is not None and slow.signing is None
    for _ in range(3):  # t= is the current second: retry if a second boundary fell between
        signed, reference = fast.sign(message), slow.sign(message)
        if signed == reference:
            break
    assert signed == reference
    assert dkim.verify(signed, dnsfunc=lambda name, timeout=5: record)


BODIES = (
    b"",
    b"\r\n",
    b"\r\n\r\n\r\n",
    b"Guten  Abend,\t\tihr \r\n  eingerueckt\t \r\n\r\n",
    b"<td>\r\n        <p>Text</p>   \t\r\n    </td>\r\n\r\n \r\n\t\r\n",
    b"kein Zeilenende am Schluss  \t",
    b"ein \r einzelnes CR \r\r\n und Tab\tam Ende\t\r\n",
    b"ein nacktes LF \n mittendrin\r\n",
    b"=?utf-8?q?x?= lange   Zeile " * 40 + b"\r\n",
)


def test_the_fast_canonicalisation_is_dkimpys():
    """The OpenSSL path parses and canonicalises with bytes methods: the same headers and body as
    dkimpy's regexes, whatever the white space and line ends."""
    from dkim import rfc822_parse
    from dkim.canonicalization import Relaxed

    from digest.deliver.dkim import parse_message, relaxed_body

    heads = (
        b"From: a@example.org\r\nSubject:  Zwei\r\n  Zeilen \r\n",
        b"From: a@example.org\r\nX-Leer:\r\n",
    )
    for head in heads:
        for body in BODIES:
            message = head + b"\r\n" + body
            assert parse_message(message) == rfc822_parse(message), message
            canonical = Relaxed.canonicalize_body(rfc822_parse(message)[1])
            assert relaxed_body(rfc822_parse(message)[1]) == canonical, body
    assert parse_message(b"From: a@example.org\r\n") == rfc822_parse(b"From: a@example.org\r\n")


def test_signatures_of_awkward_bodies_are_dkimpys(tmp_path):
    """Byte for byte dkimpy's header for bodies with runs of spaces and tabs, trailing white
    space, bare CR or LF, no final line end, or nothing at all; and each verifies."""
    pytest.importorskip("cryptography")
    from digest.deliver.dkim import Signer

    key, record = make_key(tmp_path)
    fast = Signer("example.org", "abend", key.read_bytes())
    slow = Signer("example.org", "abend", key.read_bytes(), openssl=False)
    for body in BODIES:
        message = b"From: Abend <abend@example.org>\r\nTo: leser@example.org\r\n\r\n" + body
        for _ in range(3):  # t= is the current second: retry if a second boundary fell between
            signed, reference = fast.sign(message), slow.sign(message)
            if signed == reference:
                break
        assert signed == reference, body
        assert dkim.verify(signed, dnsfunc=lambda name, timeout=5: record), body
