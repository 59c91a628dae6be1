"""Sending over several relay connections at once ([smtp] connections): one worker per connection,
the ledger written by one thread in groups, the same guarantees as with one connection.

(The kill -9 and two-runs tests of test_send_processes.py run with 1 and 3 connections too.)
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import date

import pytest

from digest.deliver.ledger import Ledger
from digest.pipeline import send as send_edition
from digest.report import RunReport
from digest.state.db import State

from .relay import Faults
from .sendkit import EDITION_DAY, load, people, write_config

DAY = date.fromisoformat(EDITION_DAY)
pytestmark = pytest.mark.usefixtures("secrets")


def send(config_path):
    report = RunReport()
    return send_edition(load(config_path), report, edition_date=DAY), report


def statuses(config_path) -> list[str]:
    db = sqlite3.connect(config_path.parent / "state" / "state.db")
    rows = [row[0] for row in db.execute("SELECT status FROM sends")]
    db.close()
    return sorted(rows)


def test_four_connections_send_everyone_one_copy_at_once(any_relay, tmp_path):
    server = any_relay(faults=Faults(delay=0.05))  # slow DATA: the connections overlap
    smtp = {"connections": 4, "reconnect_every": 1000}
    config = write_config(tmp_path, server, csv_rows=people(24), smtp=smtp)
    result, report = send(config)
    assert (result.status, result.sent, report.exit_code) == ("sent", 24, 0), report.failures
    assert sorted(server.by_recipient().values()) == [1] * 24
    assert statuses(config) == ["sent"] * 24
    if hasattr(server, "connections"):
        assert server.connections == 4  # every worker its own connection, each reused


def test_4xx_is_retried_and_5xx_reported_with_several_connections(relay, tmp_path):
    server = relay(faults=Faults(fail_rcpt_every=3, reject={"reader5@example.org"}))
    config = write_config(tmp_path, server, csv_rows=people(9), smtp={"connections": 3})
    result, report = send(config)
    assert (result.status, result.sent) == ("partial", 8)
    assert report.exit_code == 1
    assert any(
        f.startswith("reader5@example.org: refused by the relay: 550") for f in report.failures
    )
    assert server.by_recipient() == {f"reader{i}@example.org": 1 for i in range(9) if i != 5}
    assert statuses(config) == ["failed"] + ["sent"] * 8


def test_a_relay_that_goes_down_leaves_the_rest_queued_and_resumes(relay, tmp_path):
    server = relay(faults=Faults(gone_after=4))
    config = write_config(tmp_path, server, csv_rows=people(12), smtp={"connections": 3})
    result, report = send(config)
    assert result.status == "incomplete" and report.exit_code == 1
    first = result.sent
    assert 4 <= first < 12  # the connections mid-transaction when it went may finish theirs
    assert statuses(config).count("queued") == 12 - first
    server.faults.gone_after = 0
    result, report = send(config)
    assert (result.status, result.sent, report.exit_code) == ("sent", 12 - first, 0)
    assert sorted(server.by_recipient().values()) == [1] * 12


def test_a_group_of_marks_is_one_transaction(tmp_path):
    """Nothing of a group is visible to another reader of the file before the group ends."""
    path = tmp_path / "state.db"
    with State(path) as state:
        ledger = Ledger(state)
        record_id = state.db.execute(
            "INSERT INTO editions (day, newsletter, subject, message_id, created, status, rendered)"
            " VALUES ('2026-11-25', 'n', 's', '<m@x>', 'now', 'sending', '{}')"
        ).lastrowid
        state.db.commit()
        ledger.queue(record_id, ["a@example.org", "b@example.org"])
        seen_inside: list[int] = []

        def look() -> None:  # another connection, as another process would
            other = sqlite3.connect(path)
            seen_inside.append(
                other.execute("SELECT count(*) FROM sends WHERE status = 'sent'").fetchone()[0]
            )
            other.close()

        with ledger.group():
            ledger.mark(record_id, "a@example.org", "sent", "250 ok")
            ledger.mark(record_id, "b@example.org", "sending")
            reader = threading.Thread(target=look)
            reader.start()
            reader.join()
        assert seen_inside == [0]
        assert ledger.counts(record_id) == {"sent": 1, "sending": 1}
