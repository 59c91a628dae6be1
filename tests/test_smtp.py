"""The relay connection: STARTTLS against a CA file, AUTH accepted and refused, security rules,
and the password kept out of every output."""

from __future__ import annotations

import base64
from datetime import date

import pytest
from click.testing import CliRunner

from digest.cli import main
from digest.deliver.smtp import is_loopback, relay_settings
from digest.errors import ConfigError

from .sendkit import EDITION_DAY, PASSWORD, environment, load, people, write_config

pytestmark = pytest.mark.usefixtures("secrets")
DAY = date.fromisoformat(EDITION_DAY)


def cli(config, *args):
    runner = CliRunner(env=environment())
    return runner.invoke(main, ["--config", str(config), *args], catch_exceptions=False)


def test_starttls_with_the_relays_ca_file_and_auth(any_relay, tmp_path):
    server = any_relay(starttls=True, auth=("abend", PASSWORD))
    config = write_config(
        tmp_path,
        server,
        csv_rows=people(2),
        smtp={"username": "abend", "password_env": "DIGEST_SMTP_PASSWORD"},
    )
    result = cli(config, "send", "--date", EDITION_DAY)
    assert result.exit_code == 0, result.output
    received = server.wait_for(2)
    assert [(m.tls, m.auth) for m in received] == [(True, "abend")] * 2


def test_auth_refused_is_exit_3_names_the_user_never_the_password(any_relay, tmp_path):
    server = any_relay(starttls=True, auth=("abend", "the-right-one"))
    config = write_config(
        tmp_path,
        server,
        csv_rows=people(2),
        smtp={"username": "abend", "password_env": "DIGEST_SMTP_PASSWORD"},
    )
    for args in (("send", "--date", EDITION_DAY), ("-v", "run", "--date", EDITION_DAY), ("check",)):
        result = cli(config, *args)
        assert "refused AUTH for user 'abend': 535" in result.output
        assert_no_password(result.output)
    assert server.received == []
    assert cli(config, "send", "--date", EDITION_DAY).exit_code == 3
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert_no_password(path.read_bytes().decode("latin-1"))


def assert_no_password(text: str) -> None:
    plain = base64.b64encode(f"\0abend\0{PASSWORD}".encode()).decode()
    for secret in (PASSWORD, plain, base64.b64encode(PASSWORD.encode()).decode()):
        assert secret not in text


def test_a_self_signed_certificate_without_ca_file_is_refused(relay, tmp_path):
    server = relay(starttls=True)
    config = write_config(tmp_path, server, csv_rows=people(1))
    text = config.read_text().replace(f'ca_file = "{server.cert}"\n', "")
    config.write_text(text)
    result = cli(config, "send", "--date", EDITION_DAY)
    assert result.exit_code == 3
    assert "certificate not trusted" in result.stderr and "smtp.ca_file" in result.stderr
    assert server.received == []


def test_starttls_required_but_not_offered(relay, tmp_path):
    server = relay()  # plain relay
    config = write_config(tmp_path, server, csv_rows=people(1), smtp={"security": "starttls"})
    result = cli(config, "send", "--date", EDITION_DAY)
    assert result.exit_code == 3 and "does not offer STARTTLS" in result.stderr


def test_security_none_only_to_loopback_unless_allowed(tmp_path):
    config = write_config(tmp_path, None, smtp={"host": "smtp.example.org", "port": 25})
    with pytest.raises(ConfigError, match="only to a loopback relay"):
        relay_settings(load(config))
    config = write_config(
        tmp_path, None, smtp={"host": "smtp.example.org", "port": 25, "allow_insecure": True}
    )
    assert relay_settings(load(config)).security == "none"
    for host, loopback in (("localhost", True), ("127.0.0.2", True), ("::1", True), ("10.0.0.1", False), ("mail.localhost.example", False)):  # fmt: skip
        assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("port", "security"), [(465, "ssl"), (587, "starttls"), (2525, "starttls")]
)
def test_security_follows_the_port(tmp_path, port, security):
    config = write_config(tmp_path, None, smtp={"port": port})
    text = config.read_text().replace('security = "none"\n', "")
    config.write_text(text)
    assert relay_settings(load(config)).security == security


def test_missing_password_variable_is_a_config_error(tmp_path, monkeypatch):
    monkeypatch.delenv("DIGEST_SMTP_PASSWORD")
    config = write_config(
        tmp_path, None, smtp={"username": "abend", "password_env": "DIGEST_SMTP_PASSWORD"}
    )
    result = CliRunner().invoke(main, ["--config", str(config), "send", "--date", EDITION_DAY])
    assert result.exit_code == 2
    assert (
        result.stderr
        == "Error: smtp.password_env: the environment variable DIGEST_SMTP_PASSWORD is not set\n"
    )


def test_settings_repr_hides_the_password(tmp_path):
    config = write_config(
        tmp_path, None, smtp={"username": "abend", "password_env": "DIGEST_SMTP_PASSWORD"}
    )
    settings = relay_settings(load(config))
    assert settings.password == PASSWORD and PASSWORD not in repr(settings)


def test_dot_stuffing_doubles_every_dot_that_begins_a_line():
    """RFC 5321 4.5.2, as the multi-line pattern `^\\.` → `..` would do it, with a CRLF at the end."""
    import re

    from digest.deliver.smtp import _dot_stuffed

    samples = [
        b".",
        b"..",
        b".\r\n",
        b"a\r\n.\r\n",
        b"a\r\n..b\r\n",
        b"\n.x",
        b"a.b\r\n.",
        b"",
        b"x",
    ]
    for data in samples + [a + b for a in samples for b in samples]:
        expected = re.sub(rb"(?m)^\.", b"..", data)
        expected = expected if expected.endswith(b"\r\n") else expected + b"\r\n"
        assert _dot_stuffed(data) == expected, data
    assert _dot_stuffed(b".\r\n.a\r\nb.\r\n") == b"..\r\n..a\r\nb.\r\n"
