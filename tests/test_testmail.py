"""`digest send --test ADDR…`: the draft to those addresses only, marked, outside the send ledger."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from digest.cli import main

from .sendkit import EDITION_DAY, environment, people, write_config

pytestmark = pytest.mark.usefixtures("secrets")


def test_test_mail_goes_to_the_given_addresses_only_and_stays_out_of_the_ledger(
    any_relay, tmp_path
):
    server = any_relay()
    config = write_config(tmp_path, server, csv_rows=people(3))
    runner = CliRunner(env=environment())
    args = ["--config", str(config), "send", "--test", "a@example.org", "Bea <b@example.org>"]
    result = runner.invoke(main, [*args, "--date", EDITION_DAY])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{EDITION_DAY}: test mail sent to 2 of 2 address(es)\n"
    received = server.wait_for(2)
    assert sorted(r for m in received for r in m.rcpt_tos) == ["a@example.org", "b@example.org"]
    for copy in received:
        assert str(copy.message["Subject"]).startswith("[Test] Bayern am Abend:")
    # The test mail is recorded beside the draft (digest status shows it), never in the ledger.
    with sqlite3.connect(tmp_path / "state" / "state.db") as db:
        assert db.execute("SELECT count(*) FROM editions").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM sends").fetchone()[0] == 0
        assert db.execute("SELECT recipients FROM test_mails").fetchall() == [
            ('["a@example.org", "b@example.org"]',)
        ]
    assert not (tmp_path / "state" / "state.db.lock").exists()  # no lock taken
    result = runner.invoke(main, [*args, "--date", EDITION_DAY])  # a second test mail is fine
    assert result.exit_code == 0 and len(server.wait_for(4)) == 4
    ids = {str(m.message["Message-ID"]) for m in server.received}
    assert len(ids) == 4  # a fresh Message-ID each time: clients would hide a repeated one


def test_test_mail_works_without_recipients_and_uses_config_test_addresses(relay, tmp_path):
    server = relay()
    config = write_config(tmp_path, server)
    config.write_text(config.read_text().replace("to = []", 'to = []\ntest = ["red@example.org"]'))
    result = CliRunner(env=environment()).invoke(
        main, ["--config", str(config), "send", "--test", "--date", EDITION_DAY]
    )
    assert result.exit_code == 0, result.output
    assert [m.rcpt_tos for m in server.received] == [["red@example.org"]]


def test_addresses_without_test_flag_are_a_usage_error(tmp_path):
    config = write_config(tmp_path, None)
    result = CliRunner().invoke(main, ["--config", str(config), "send", "a@example.org"])
    assert result.exit_code == 2 and "only taken with --test" in result.stderr


@pytest.mark.parametrize("given", [["not-an-address"], ["ok@example.org", "not-an-address"]])
def test_an_invalid_test_address_is_a_usage_error_with_one_line(relay, tmp_path, given):
    """A mistyped address is the user's mistake: exit 2, one Error: line, nothing on stdout, no mail."""
    server = relay()
    config = write_config(tmp_path, server)
    result = CliRunner(env=environment()).invoke(
        main, ["--config", str(config), "send", "--test", *given, "--date", EDITION_DAY]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Error: test address {len(given)}: not a valid email address: 'not-an-address': "
        "an email address must have an @-sign"
    ]
    assert server.received == [] and server.connections == 0
