"""Recipient lists: config and CSV streamed, invalid rows named and skipped, repeats sent once,
tokens from the list or an HMAC with a secret from the environment, nothing injectable."""

from __future__ import annotations

import pytest

from digest.deliver.recipients import (
    SPECIAL_USE_TLDS,
    Tokens,
    check_address,
    iter_recipients,
    plain_address,
)
from digest.errors import ConfigError
from digest.report import RunReport

from .sendkit import SECRET, load, write_config


def recipients(tmp_path, rows, to=None):
    config = load(write_config(tmp_path, None, to=to, csv_rows=rows))
    report = RunReport()
    return list(iter_recipients(config, report)), report


def test_config_then_csv_with_names_tokens_and_extra_columns(tmp_path, secrets):
    rows = [
        "Email,Name,Token,Kundennummer",
        "anna@example.org,Anna Alt,tok-1,17",
        "bo@example.org,,,18",
    ]
    found, report = recipients(tmp_path, rows, to=["Chefin <chefin@example.org>"])
    assert [(r.key, r.name, r.where) for r in found] == [
        ("chefin@example.org", "Chefin", "config.toml: recipients.to[0]"),
        ("anna@example.org", "Anna Alt", "list.csv:2"),
        ("bo@example.org", "", "list.csv:3"),
    ]
    assert found[1].token == "tok-1"
    assert found[2].token == found[2].token.strip() and len(found[2].token) == 43  # HMAC-SHA256
    assert report.failures == report.warnings == []


def test_hmac_token_depends_on_secret_and_address_not_case(tmp_path, monkeypatch, secrets):
    config = load(write_config(tmp_path, None))
    tokens = Tokens(config)
    first = tokens.token("Anna@Example.org", "")
    assert first == tokens.token("anna@example.org", "") != tokens.token("bo@example.org", "")
    monkeypatch.setenv("DIGEST_UNSUBSCRIBE_SECRET", SECRET + "x")
    assert Tokens(config).token("anna@example.org", "") != first


def test_without_secret_and_token_column_it_is_a_config_error(tmp_path, monkeypatch):
    monkeypatch.delenv("DIGEST_UNSUBSCRIBE_SECRET", raising=False)
    with pytest.raises(ConfigError, match="set the environment variable DIGEST_UNSUBSCRIBE_SECRET"):
        recipients(tmp_path, ["email", "anna@example.org"])
    found, _ = recipients(tmp_path, ["email,token", "anna@example.org,given"])
    assert found[0].token == "given"


@pytest.mark.parametrize(
    "row",
    [
        'anna@example.org,Anna,"tok\r\nBcc: evil@example.org"',
        'anna@example.org,Anna,"><script>',
        "anna@example.org,Anna,a b",
    ],
)
def test_tokens_that_could_inject_are_refused(tmp_path, secrets, row):
    found, report = recipients(tmp_path, ["email,name,token", row])
    assert found == []
    assert report.failures and "the token may only contain" in report.failures[0]


def test_invalid_addresses_and_header_injection_are_skipped_by_name(tmp_path, secrets):
    rows = [
        "email,name",
        "no-at-sign,X",
        '"anna@example.org\nBcc: evil@example.org",Y',
        "two@example.org three@example.org,Z",
        "ünïcode@example.org,U",
        'ok@example.org,"Name\r\nBcc: evil@example.org"',
        "",
        "OK@EXAMPLE.ORG,again",
    ]
    found, report = recipients(tmp_path, rows)
    # a non-ASCII local part is a valid address (sent only where the relay offers SMTPUTF8)
    assert [(r.key, r.name, r.needs_smtputf8) for r in found] == [
        ("ünïcode@example.org", "U", True),
        ("ok@example.org", "Name Bcc: evil@example.org", False),
    ]
    assert [f.split(":")[0] + ":" + f.split(":")[1] for f in report.failures] == [
        "list.csv:2", "list.csv:3", "list.csv:5",
    ]  # fmt: skip
    assert report.warnings == ["list.csv:10: ok@example.org is listed more than once; sent once"]


def test_a_list_without_email_column_or_not_utf8_is_a_config_error(tmp_path, secrets):
    with pytest.raises(ConfigError, match="needs an 'email' column"):
        recipients(tmp_path, ["mail,name", "a@example.org,A"])
    write_config(tmp_path, None, csv_rows=["email"])
    (tmp_path / "list.csv").write_bytes(b"email,name\nb@example.org,M\xfcller\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        list(iter_recipients(load(tmp_path / "config.toml"), RunReport()))


def test_a_large_list_is_streamed(tmp_path, secrets):
    rows = ["email"] + [f"r{i}@example.org" for i in range(5000)]
    config = load(write_config(tmp_path, None, csv_rows=rows))
    stream = iter_recipients(config, RunReport())
    assert next(stream).key == "r0@example.org"  # the first before the file was read through
    assert sum(1 for _ in stream) == 4999


def test_plain_addresses_get_the_validators_verdict_without_it():
    # check_address answers plain addresses itself (so that `digest build` need not import
    # email-validator); each one it answers must be valid to the validator, in the same form.
    import random

    from email_validator import SPECIAL_USE_DOMAIN_NAMES, validate_email

    assert set(SPECIAL_USE_DOMAIN_NAMES) <= SPECIAL_USE_TLDS
    pieces = ["a", "z", "0", "9", "_", "+", "-", ".", "..", "A", "ä", "xn--", "--", "x" * 62]
    weights = [9, 9, 4, 4, 1, 1, 2, 2, 1, 1, 1, 1, 1, 1]
    tlds = ["de", "org", "d3", "x", "test", "local", "localhost", "arpa", "onion", "invalid", "Org"]
    generated = random.Random(15)
    samples = ["anna@example.org", "a.b-c+d_e@sub.muenchen.de", "x@y", "Anna@example.org"]
    for _ in range(20_000):
        local = "".join(generated.choices(pieces, weights, k=generated.randint(1, 5)))
        labels = [
            "".join(generated.choices(pieces, weights, k=generated.randint(1, 4))) for _ in "ab"
        ]
        domain = ".".join([*labels[: generated.randint(0, 2)], generated.choice(tlds)])
        samples.append(f"{local}@{domain}")
    answered = 0
    for address in samples:
        plain = plain_address(address)
        if plain is None:
            continue
        answered += 1
        valid = validate_email(address, check_deliverability=False, allow_smtputf8=True)
        assert plain == (valid.local_part, valid.ascii_domain), address
        assert check_address(address) == plain
    assert answered > 400  # the shortcut is taken, not merely never wrong
    assert plain_address("Anna@example.org") is None  # capitals, IDN, Punycode: the validator's
    assert plain_address("anna@xn--mller-kva.de") is plain_address("anna@müller.de") is None
