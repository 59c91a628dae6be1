"""Sending an edition to many recipients through a real SMTP relay, with the ledger in real SQLite."""

from __future__ import annotations

import sqlite3
import time
from datetime import date

import pytest
from click.testing import CliRunner

from digest.cli import main
from digest.deliver.ledger import Ledger
from digest.errors import DeliveryError
from digest.pipeline import send as send_edition
from digest.report import RunReport
from digest.state.db import State

from .conftest import email_check
from .relay import Faults
from .sendkit import EDITION_DAY, PASSWORD, TOOLS, load, people, write_config

DAY = date.fromisoformat(EDITION_DAY)
pytestmark = pytest.mark.usefixtures("secrets")


def send(config_path, **options):
    report = RunReport()
    result = send_edition(load(config_path), report, edition_date=DAY, **options)
    return result, report


def ledger_rows(config_path) -> dict[str, tuple[str, str | None]]:
    db = sqlite3.connect(config_path.parent / "state" / "state.db")
    rows = db.execute("SELECT recipient, status, reply FROM sends").fetchall()
    db.close()
    return {r[0]: (r[1], r[2]) for r in rows}


def test_every_recipient_gets_one_personal_copy(any_relay, tmp_path):
    server = any_relay()
    config = write_config(tmp_path, server, to=["Chefin <chefin@example.org>"], csv_rows=people(5))
    result, report = send(config)
    assert (result.status, result.sent, report.exit_code) == ("sent", 6, 0), report.failures
    received = server.wait_for(6)
    assert sorted(server.by_recipient().values()) == [1] * 6
    ids, unsubscribe = set(), set()
    for copy in received:
        message = copy.message
        assert [str(message["To"]).split("<")[-1].rstrip(">")] == copy.rcpt_tos
        ids.add(message["Message-ID"])
        unsubscribe.add(message["List-Unsubscribe"])
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        html = message.get_body(("html",)).get_content()
        assert "%%DIGEST" not in html and "abmelden?t=" in html
    assert len(ids) == len(unsubscribe) == 6  # each copy its own Message-ID and token
    greeting = next(c for c in received if c.rcpt_tos == ["reader3@example.org"]).message
    assert "Guten Abend, Leser 3," in greeting.get_body(("plain",)).get_content()
    assert set(ledger_rows(config).values()) == {("sent", "250 2.0.0 OK: queued")}


def test_a_second_send_sends_nothing_and_says_already_sent(relay, tmp_path):
    server = relay()
    config = write_config(tmp_path, server, csv_rows=people(3))
    assert send(config)[0].sent == 3
    result, report = send(config)
    assert (result.status, result.sent, report.exit_code) == ("already sent", 0, 0)
    assert len(server.received) == 3


def test_451_on_every_third_rcpt_is_retried_and_550_is_reported(any_relay, tmp_path):
    server = any_relay(faults=Faults(fail_rcpt_every=3))
    config = write_config(tmp_path, server, csv_rows=people(7))
    result, report = send(config)
    assert (result.sent, report.exit_code) == (7, 0), report.failures
    assert sorted(server.by_recipient().values()) == [1] * 7
    attempts = sqlite3.connect(config.parent / "state" / "state.db").execute(
        "SELECT sum(attempts) FROM sends"
    )
    assert attempts.fetchone()[0] > 7  # some were deferred and tried again


def test_a_permanent_550_fails_one_recipient_the_others_get_theirs(relay, tmp_path):
    server = relay(faults=Faults(reject={"reader2@example.org"}))
    config = write_config(tmp_path, server, csv_rows=people(4))
    result, report = send(config)
    assert (result.status, result.sent, report.exit_code) == ("partial", 3, 1)
    assert report.failures == [
        "reader2@example.org: refused by the relay: 550 5.1.1 <reader2@example.org>: mailbox unavailable"
    ]
    assert ledger_rows(config)["reader2@example.org"][0] == "failed"
    assert "reader2@example.org" not in server.by_recipient()
    again, report = send(config)  # a permanent failure is not retried by later runs
    assert (again.status, len(server.received)) == ("already sent", 3)


def test_dropped_connections_are_reopened_and_nothing_is_lost(any_relay, tmp_path):
    server = any_relay(faults=Faults(drop_after=2))
    config = write_config(tmp_path, server, csv_rows=people(7))
    result, report = send(config)
    assert (result.sent, report.exit_code) == (7, 0), report.failures
    assert sorted(server.by_recipient().values()) == [1] * 7


def test_connection_is_reused_and_replaced_after_n_messages(relay, tmp_path):
    server = relay()
    config = write_config(tmp_path, server, csv_rows=people(7), smtp={"reconnect_every": 3})
    send(config)
    assert len(server.received) == 7
    assert server.connections == 3  # 3 + 3 + 1


def test_relay_gone_mid_send_leaves_the_rest_queued_for_the_next_run(relay, tmp_path):
    server = relay(faults=Faults(gone_after=3))
    config = write_config(tmp_path, server, csv_rows=people(6))
    result, report = send(config)
    assert (result.status, result.sent, report.exit_code) == ("incomplete", 3, 1)
    assert report.failures == [
        f"relay 127.0.0.1:{server.port}: MAIL refused 4 times in a row (421 4.3.2 Service "
        "shutting down (test relay)); 3 recipient(s) remain queued: the next digest send/run resumes"
    ]
    assert (
        sorted(status for status, _ in ledger_rows(config).values())
        == ["queued"] * 3 + ["sent"] * 3
    )
    server.faults.gone_after = 0  # the relay is back
    result, report = send(config)
    assert (result.status, result.sent, report.exit_code) == ("sent", 3, 0)
    assert sorted(server.by_recipient().values()) == [1] * 6


def test_relay_down_changes_nothing_and_exits_3(tmp_path):
    config = write_config(tmp_path, None, csv_rows=people(2))  # port 1: nobody listens
    with pytest.raises(DeliveryError, match=r"relay 127\.0\.0\.1:1: Connection refused") as caught:
        send(config)
    assert caught.value.exit_code == 3
    with State(config.parent / "state" / "state.db") as state:
        assert Ledger(state).find("Bayern am Abend", DAY) is None
        assert state.db.execute("SELECT count(*) FROM seen").fetchone()[0] == 0


def test_articles_become_seen_only_with_an_accepted_copy(relay, tmp_path):
    server = relay(faults=Faults(reject={"reader0@example.org"}))
    refused = write_config(tmp_path / "refused", server, csv_rows=people(1))
    send(refused)  # the only recipient is refused: the articles stay unseen for tomorrow
    with State(refused.parent / "state" / "state.db") as state:
        assert state.db.execute("SELECT count(*) FROM seen").fetchone()[0] == 0
    accepted = write_config(tmp_path / "accepted", server, csv_rows=people(2))
    send(accepted)  # reader1 accepted
    with State(accepted.parent / "state" / "state.db") as state:
        keys = state.db.execute("SELECT key, edition_id FROM seen").fetchall()
        edition = Ledger(state).find("Bayern am Abend", DAY)
    assert edition is not None and [k[1] for k in keys] == [edition.id]


def test_nothing_new_sends_nothing_unless_configured(relay, tmp_path):
    server = relay()
    config = write_config(tmp_path, server, csv_rows=people(1))
    for item in (tmp_path / "seeds").iterdir():
        item.unlink()
    result, report = send(config)
    assert (result.status, report.exit_code, server.received) == ("nothing new", 0, [])
    config = write_config(tmp_path, server, csv_rows=people(1), extra="")
    text = config.read_text().replace("[[sources]]", "send_empty = true\n\n[[sources]]")
    config.write_text(text)
    result, _ = send(config)
    assert (result.status, len(server.received)) == ("sent", 1)


def test_invalid_and_repeated_addresses_are_reported_and_skipped(relay, tmp_path):
    server = relay()
    rows = ["email,name", "ok@example.org,A", "not-an-address,B", "OK@example.org,A again"]
    config = write_config(tmp_path, server, csv_rows=rows)
    result, report = send(config)
    assert result.sent == 1 and report.exit_code == 1
    assert report.failures == [
        "list.csv:3: not a valid email address: 'not-an-address': "
        "an email address must have an @-sign; skipped"
    ]
    assert report.warnings[0].startswith(f"no draft for {EDITION_DAY} yet: built one now")
    assert report.warnings[1:] == ["list.csv:4: ok@example.org is listed more than once; sent once"]


def test_a_recipient_removed_before_resume_is_skipped_not_sent(relay, tmp_path):
    server = relay()
    config = write_config(tmp_path, server, csv_rows=people(3))
    # An interrupted run queued three; reader1 unsubscribed before the resume.
    from digest.pipeline import build

    cfg = load(config)
    built = build(cfg, edition_date=DAY)
    with State(cfg.state.path) as state:
        ledger = Ledger(state)
        record = ledger.create(built.edition, built.rendered, "<20261125.x.digest@example.org>")
        ledger.queue(record.id, [f"reader{i}@example.org" for i in range(3)])
    config = write_config(
        tmp_path, server, csv_rows=["email", "reader0@example.org", "reader2@example.org"]
    )
    result, report = send(config)
    assert (result.status, result.sent) == ("sent", 2)
    assert report.warnings == ["reader1@example.org: no longer in the recipient list; not sent"]
    assert ledger_rows(config)["reader1@example.org"][0] == "skipped"


def test_cli_run_dry_run_builds_everything_and_changes_nothing(relay, tmp_path):
    server = relay()
    config = write_config(tmp_path, server, csv_rows=people(3))
    runner = CliRunner()
    result = runner.invoke(
        main, ["--config", str(config), "run", "--dry-run", "--date", EDITION_DAY]
    )
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.strip()
        == f"{EDITION_DAY}: dry run: would send 3 of 3 message(s); nothing sent"
    )
    assert server.received == [] and server.connections == 0
    assert not (tmp_path / "state").exists()  # no state file, no lock file
    result = runner.invoke(main, ["--config", str(config), "run", "--date", EDITION_DAY])
    assert result.exit_code == 0 and len(server.received) == 3
    before = (tmp_path / "state" / "state.db").read_bytes()
    result = runner.invoke(
        main, ["--config", str(config), "run", "--dry-run", "--date", EDITION_DAY]
    )
    assert "already sent (3 sent)" in result.stdout
    assert (tmp_path / "state" / "state.db").read_bytes() == before


def test_cli_run_prints_one_line_and_nothing_with_q(relay, tmp_path):
    server = relay()
    config = write_config(tmp_path, server, csv_rows=people(2))
    runner = CliRunner()
    result = runner.invoke(main, ["--config", str(config), "-q", "run", "--date", EDITION_DAY])
    assert (result.exit_code, result.output) == (0, "")
    result = runner.invoke(main, ["--config", str(config), "run", "--date", EDITION_DAY])
    assert result.stdout == f"{EDITION_DAY}: already sent (2 sent); nothing to do\n"
    assert PASSWORD not in result.output


def test_resend_unconfirmed_sends_only_those_copies_with_their_message_id(relay, tmp_path):
    server = relay()
    config = write_config(tmp_path, server, csv_rows=people(3))
    send(config)
    path = config.parent / "state" / "state.db"
    with State(path) as state:  # as if reader1's run had died between "." and the relay's 250
        ledger = Ledger(state)
        record = ledger.find("Bayern am Abend", DAY)
        assert record is not None
        ledger.mark(record.id, "reader1@example.org", "sending", "unconfirmed: killed")
        with state.transaction() as db:
            db.execute("UPDATE editions SET status = 'partial'")
        first_id = ledger.get(record.id, "reader1@example.org").message_id
    config = write_config(tmp_path, server, csv_rows=people(4))  # reader3 subscribed since
    result, report = send(config)
    assert (result.status, report.exit_code) == ("already sent", 0)
    result, report = send(config, resend_unconfirmed=True)
    assert (result.status, result.sent, report.exit_code) == ("sent", 1, 0)
    assert report.warnings == ["reader1@example.org: unconfirmed copy sent again (same Message-ID)"]
    copies = [m for m in server.received if m.rcpt_tos == ["reader1@example.org"]]
    assert (
        len(copies) == 2
        and copies[0].message["Message-ID"] == copies[1].message["Message-ID"] == first_id
    )
    assert (
        "reader3@example.org" not in server.by_recipient()
    )  # a finished edition takes no newcomers


def test_no_recipients_is_a_config_error_before_anything_is_recorded(relay, tmp_path):
    server = relay()
    config = write_config(tmp_path, server, csv_rows=["email", "broken"])
    result = CliRunner().invoke(main, ["--config", str(config), "run", "--date", EDITION_DAY])
    assert result.exit_code == 2
    assert "recipients: nobody to send to" in result.stderr
    assert server.connections == 0
    with State(config.parent / "state" / "state.db") as state:
        assert Ledger(state).find("Bayern am Abend", DAY) is None


def test_sent_copies_keep_the_unsubscribe_url_readable_and_pass_email_check(relay, tmp_path):
    """A 43-character token makes the header longer than 78: it must not become encoded words."""
    server = relay()
    config = write_config(tmp_path, server, csv_rows=people(1))
    send(config)
    [copy] = server.received
    header = copy.data.split(b"\r\n\r\n")[0]
    field = header.split(b"List-Unsubscribe: ")[1].split(b"\r\nList-Unsubscribe-Post")[0]
    assert field.startswith(b"<https://www.example.org/abmelden?t=") and b"=?" not in field
    token = field.split(b"?t=")[1].split(b">")[0]
    assert len(token) == 43 and token.decode() in copy.message.get_body(("html",)).get_content()
    if not (TOOLS / "email-check").exists():
        pytest.skip("email-check needs ../shared/tools")
    eml = tmp_path / "copy.eml"
    eml.write_bytes(copy.data)
    report = email_check(eml, "css", "html", "spam")
    assert report["result"] == "pass", report
    unsub = next(check for check in report["checks"] if check["check"] == "unsub")
    assert "https + mailto, One-Click POST" in unsub["summary"], unsub


def test_rate_limit_spaces_messages_and_ehlo_name_is_used(relay, tmp_path):
    server = relay()
    smtp = {"rate_limit": 20, "ehlo_name": "digest.example.org"}
    config = write_config(tmp_path, server, csv_rows=people(6), smtp=smtp)
    started = time.monotonic()
    result, _ = send(config)
    assert result.sent == 6
    assert time.monotonic() - started >= 5 / 20  # five gaps of at least 1/20 s
    assert {copy.ehlo for copy in server.received} == {"digest.example.org"}
