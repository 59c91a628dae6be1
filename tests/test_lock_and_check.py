"""The run lock (held, released by the kernel on kill -9) and `digest check`, line by line."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from digest.cli import main
from digest.errors import LockHeldError
from digest.state.db import SCHEMA_VERSION, State
from digest.state.lock import lock_path, run_lock

from .relay import Faults
from .sendkit import PASSWORD, environment, people, write_config

HOLD = "import sys, time; from pathlib import Path; from digest.state.lock import run_lock\n" \
       "with run_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)\n"  # fmt: skip


def test_lock_is_exclusive_and_released_when_the_holder_is_killed(tmp_path):
    state = tmp_path / "state.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(state)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with (
            pytest.raises(
                LockHeldError, match=rf"another digest run \(pid {holder.pid}\)"
            ) as caught,
            run_lock(state),
        ):
            pass
        assert caught.value.exit_code == 3
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    finally:
        holder.kill()
        holder.communicate()
    with run_lock(state) as path:  # no stale lock after kill -9
        assert path == lock_path(state) and path.exists()


def test_state_of_schema_1_is_migrated_and_keeps_its_rows(tmp_path):
    path = tmp_path / "state.db"
    db = sqlite3.connect(path)
    from digest.state.db import MIGRATIONS

    db.executescript(MIGRATIONS[0])
    db.execute("INSERT INTO seen VALUES ('k', 's', '2026-11-24', NULL)")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with State(path) as state:
        assert state.version == SCHEMA_VERSION == 4
        assert state.db.execute("SELECT key FROM seen").fetchall()[0][0] == "k"
        assert "rendered" in {r[1] for r in state.db.execute("PRAGMA table_info(editions)")}
        assert "entries" in {r[1] for r in state.db.execute("PRAGMA table_info(feeds)")}


@pytest.mark.usefixtures("secrets")
def test_check_prints_one_line_per_check_and_sends_nothing(relay, tmp_path):
    server = relay(starttls=True, auth=("abend", PASSWORD))
    smtp = {"username": "abend", "password_env": "DIGEST_SMTP_PASSWORD"}
    config = write_config(tmp_path, server, csv_rows=[*people(2), "broken"], smtp=smtp)
    result = CliRunner(env=environment()).invoke(main, ["--config", str(config), "check"])
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "ok    config", "ok    templates", "ok    source BR24", "ok    schedule", "WARN  recipients",
        "ok    relay",
    ]  # fmt: skip
    assert lines[2] == "ok    source BR24: 1 item(s)"
    assert lines[3].startswith("ok    schedule: mon, tue, wed, thu, fri; today (")
    lines.pop(3)
    # a skipped row is worth a look, but the edition still goes to the others: WARN, exit 0
    assert lines[3] == (
        "WARN  recipients: 2 valid; list.csv:4: not a valid email address: 'broken': "
        "an email address must have an @-sign; skipped"
    )
    assert lines[4] == f"ok    relay: 127.0.0.1:{server.port}: EHLO, STARTTLS, AUTH as abend"
    assert result.exit_code == 0
    assert server.received == [] and server.connections == 1
    assert PASSWORD not in result.output


def test_check_reports_a_down_relay_and_a_bad_config(tmp_path, secrets):
    config = write_config(tmp_path, None, csv_rows=people(1))
    result = CliRunner(env=environment()).invoke(main, ["--config", str(config), "check"])
    assert result.exit_code == 1
    fail, hint = result.stdout.splitlines()[-2:]
    assert fail == "FAIL  relay: relay 127.0.0.1:1: Connection refused"
    assert hint.startswith("      what to do: check [smtp] host, port") and "digest sink" in hint
    as_json = CliRunner(env=environment()).invoke(
        main, ["--config", str(config), "check", "--json"]
    )
    report = json.loads(as_json.stdout)
    assert as_json.exit_code == 1 and report["ok"] is False
    relay_check = report["checks"][-1]
    assert relay_check["name"] == "relay" and relay_check["level"] == "fail"
    assert "digest sink" in relay_check["hint"]
    assert [c["level"] for c in report["checks"][:-1]] == ["ok"] * 5
    quiet = CliRunner(env=environment()).invoke(main, ["--config", str(config), "-q", "check"])
    assert quiet.stdout.splitlines()[0].startswith("FAIL  relay")  # errors only under -q
    no_secret = CliRunner(env={"DIGEST_UNSUBSCRIBE_SECRET": None}).invoke(
        main, ["--config", str(config), "check"]
    )
    assert no_secret.exit_code == 1
    recipients = next(line for line in no_secret.stdout.splitlines() if "recipients:" in line)
    hint = no_secret.stdout.splitlines()[no_secret.stdout.splitlines().index(recipients) + 1]
    assert recipients.startswith("FAIL  recipients: recipients.token_secret_env:")
    assert hint.startswith("      what to do: export DIGEST_UNSUBSCRIBE_SECRET=")
    config.write_text(config.read_text() + "\n[smtp2]\n")
    result = CliRunner().invoke(main, ["--config", str(config), "check"])
    assert result.exit_code == 1
    assert result.stdout.startswith("FAIL  config: ") and "smtp2: unknown key" in result.stdout


def test_relay_reply_to_a_kept_session_after_451(relay, tmp_path, secrets):
    """After a refused RCPT the session is reset and reused, not reopened."""
    server = relay(faults=Faults(fail_rcpt_every=2))
    config = write_config(tmp_path, server, csv_rows=people(4))
    result = CliRunner(env=environment()).invoke(
        main, ["--config", str(config), "send", "--date", "2026-11-25"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(server.by_recipient().values()) == [1] * 4 and server.connections == 1
