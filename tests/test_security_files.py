"""Issue 20 (6, 7, 8, 10): private state files, a lock that follows no link, a CSV row too large to
read, and a sender name with bidi controls. Real files, a real SQLite database, a real relay."""

from __future__ import annotations

import os
import stat
from datetime import date

import pytest

from digest.errors import StateError
from digest.pipeline import send as send_edition
from digest.privatefile import open_private
from digest.report import RunReport
from digest.state.db import State
from digest.state.lock import lock_path, run_lock

from .sendkit import EDITION_DAY, load, write_config

DAY = date.fromisoformat(EDITION_DAY)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)  # the usual umask, under which the old code made 0644 files
    yield
    os.umask(old)


def test_state_database_and_its_lock_are_private(tmp_path, umask_022):
    db = tmp_path / "state" / "state.db"
    with run_lock(db), State(db) as state:
        state.db.execute("CREATE TABLE IF NOT EXISTS probe (x)")
        with state.transaction() as tx:
            tx.execute("INSERT INTO probe VALUES (1)")
        files = [p for p in db.parent.iterdir()]
        assert {p.name for p in files} >= {"state.db", "state.db.lock", "state.db-wal"}
        assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}


def test_a_stricter_umask_is_respected(tmp_path):
    old = os.umask(0o277)
    try:
        os.close(open_private(tmp_path / "edits.toml"))
    finally:
        os.umask(old)
    assert mode(tmp_path / "edits.toml") == 0o400


def test_an_existing_world_readable_database_is_made_private(tmp_path, umask_022):
    db = tmp_path / "state.db"
    State(db).close()
    os.chmod(db, 0o644)
    State(db).close()
    assert mode(db) == 0o600


def test_the_lock_follows_no_symlink_and_truncates_nothing(tmp_path):
    victim = tmp_path / "precious.txt"
    victim.write_text("do not touch\n" * 3)
    db = tmp_path / "state.db"
    lock_path(db).symlink_to(victim)
    with pytest.raises(StateError, match="cannot open the lock file"), run_lock(db):
        pass
    assert victim.read_text() == "do not touch\n" * 3


def test_the_lock_refuses_a_hard_link_and_a_fifo(tmp_path):
    victim = tmp_path / "precious.txt"
    victim.write_text("do not touch\n")
    db = tmp_path / "state.db"
    os.link(victim, lock_path(db))
    with pytest.raises(StateError, match="not a regular file"), run_lock(db):
        pass
    assert victim.read_text() == "do not touch\n"
    lock_path(db).unlink()
    os.mkfifo(lock_path(db))
    with pytest.raises(StateError), run_lock(db):
        pass


def test_the_lock_names_the_holder_after_a_longer_pid(tmp_path):
    db = tmp_path / "state.db"
    lock_path(db).write_text("123456789012\n")
    with run_lock(db):
        first = lock_path(db).read_text().split()
    assert first == [str(os.getpid())]


@pytest.mark.usefixtures("secrets")
def test_an_oversized_csv_field_skips_that_row_and_the_rest_are_sent(relay, tmp_path):
    server = relay()
    rows = ["email,name", "a@example.org,A", "b@example.org," + "B" * 200_000, "c@example.org,C"]
    config = write_config(tmp_path, server, csv_rows=rows)
    report = RunReport()
    result = send_edition(load(config), report, edition_date=DAY)
    assert result.sent == 2
    assert sorted(server.by_recipient()) == ["a@example.org", "c@example.org"]
    assert len(report.failures) == 1
    assert report.failures[0].startswith("list.csv:3: cannot read this row (field larger than")


@pytest.mark.usefixtures("secrets")
def test_bidi_controls_in_the_sender_name_are_cleaned(relay, tmp_path):
    server = relay()
    config = write_config(tmp_path, server, to=["leser@example.org"])
    text = config.read_text().replace(
        'sender = "Bayern am Abend <abend@example.org>"',
        'sender = "Bank\\u202egnalriew\\u202c =?utf-8?q?X?= <abend@example.org>"',
    )
    config.write_text(text)
    report = RunReport()
    result = send_edition(load(config), report, edition_date=DAY)
    assert result.sent == 1, report.failures
    sender = server.wait_for(1)[0].message["From"]
    shown = str(sender)
    assert "\u202e" not in shown and "\u202c" not in shown
    assert "Bank gnalriew" in shown and "=\u200b?utf-8?q?X?=" in shown
