"""The relay failing at every SMTP stage: each ends with the documented exit code, one readable
line per problem, and a ledger that tells the truth (and lets the next run finish the job)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import main

from .faultrelay import FaultRelay, Script
from .sendkit import EDITION_DAY, PASSWORD, people, write_config

pytestmark = pytest.mark.usefixtures("secrets")


def config_for(folder: Path, port: int, *, starttls: bool = False) -> Path:
    smtp = {
        "host": "127.0.0.1",
        "port": port,
        "security": "starttls" if starttls else "none",
        "username": "abend",
        "password_env": "DIGEST_SMTP_PASSWORD",
        "max_attempts": 2,
        "retry_delay": 0.01,
    }
    return write_config(folder, None, csv_rows=people(2), smtp=smtp)


def send(config: Path):
    return CliRunner().invoke(
        main, ["--config", str(config), "send", "--date", EDITION_DAY], catch_exceptions=False
    )


def ledger(config: Path) -> tuple[list[str], dict[str, tuple[str, str | None]]]:
    path = config.parent / "state" / "state.db"
    if not path.exists():
        return [], {}
    db = sqlite3.connect(path)
    editions = [row[0] for row in db.execute("SELECT status FROM editions")]
    rows = {r[0]: (r[1], r[2]) for r in db.execute("SELECT recipient, status, reply FROM sends")}
    db.close()
    return editions, rows


@pytest.mark.parametrize(
    ("stage", "reply", "message"),
    [
        ("connect", "554 5.3.2 not accepting", "554 5.3.2 not accepting"),
        ("connect", "hangup", "Connection unexpectedly closed"),
        ("ehlo", "554 5.7.1 go away", "refused EHLO: 554 5.7.1 go away"),
        ("starttls", "454 4.7.0 TLS not available", "454 4.7.0 TLS not available"),
        ("auth", "535 5.7.8 bad credentials", "refused AUTH for user 'abend'"),
    ],
)
def test_before_any_message_nothing_is_recorded_exit_3(tmp_path, stage, reply, message):
    with FaultRelay(Script(stage, reply)) as relay:
        config = config_for(tmp_path, relay.port, starttls=stage == "starttls")
        result = send(config)
    assert result.exit_code == 3, result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Error: relay 127.0.0.1:") and message in line
    assert PASSWORD not in result.output
    assert ledger(config) == ([], {})  # state not advanced: the next run starts afresh


@pytest.mark.parametrize(
    ("stage", "reply", "exit_code", "statuses"),
    [
        ("mail", "451 4.3.0 try later", 3, {"queued"}),
        ("mail", "550 5.7.1 sender not allowed", 3, {"queued"}),
        ("rcpt", "550 5.1.1 no such user", 1, {"failed"}),
        ("data", "554 5.6.0 content rejected", 1, {"failed"}),
        ("data", "451 4.3.0 try later", 1, {"queued"}),
        ("data", "hangup", 1, {"sending"}),  # after the final ".": maybe delivered, not resent
        ("quit", "hangup", 0, {"sent"}),
        ("quit", "421 4.3.2 closing", 0, {"sent"}),
    ],
)
@pytest.mark.parametrize("pipelining", [False, True], ids=["one by one", "pipelined"])
def test_each_stage_leaves_a_truthful_ledger(
    tmp_path, stage, reply, exit_code, statuses, pipelining
):
    """With PIPELINING offered, MAIL, RCPT and DATA go out at once: the ledger ends the same."""
    with FaultRelay(Script(stage, reply, pipelining=pipelining)) as relay:
        config = config_for(tmp_path, relay.port)
        result = send(config)
        accepted = list(relay.script.accepted)
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    editions, rows = ledger(config)
    assert len(editions) == 1 and set(rows) == {"reader0@example.org", "reader1@example.org"}
    assert {status for status, _ in rows.values()} == statuses
    assert sorted(accepted) == sorted(a for a, (s, _) in rows.items() if s == "sent")
    if "sent" not in statuses and stage != "mail":
        assert all(
            reply.split(" ")[0] in (r or "") or "unconfirmed" in (r or "") for _, r in rows.values()
        )
    if stage == "mail":  # the row that was tried keeps the relay's reason
        assert reply in {r for _, r in rows.values()}


@pytest.mark.parametrize(("stage", "reply"), [("mail", "451 4.3.0 try later"), ("data", "hangup")])
def test_the_next_run_with_a_working_relay_finishes_without_duplicates(
    relay, tmp_path, stage, reply
):
    with FaultRelay(Script(stage, reply)) as broken:
        config = config_for(tmp_path, broken.port)
        send(config)
    good = relay()
    text = config.read_text().replace(f"port = {broken.port}", f"port = {good.port}")
    config.write_text(
        text.replace('username = "abend"\n', "").replace(
            'password_env = "DIGEST_SMTP_PASSWORD"\n', ""
        )
    )
    result = send(config)
    _, rows = ledger(config)
    if stage == "mail":  # nobody got it: everybody gets it now
        assert result.exit_code == 0 and good.by_recipient() == {
            "reader0@example.org": 1,
            "reader1@example.org": 1,
        }
        assert {s for s, _ in rows.values()} == {"sent"}
    else:  # maybe delivered: the edition is done and not sent twice; resending is a choice
        assert result.exit_code == 0 and good.by_recipient() == {}
        assert "already sent" in result.stdout
        again = CliRunner().invoke(
            main, ["--config", str(config), "send", "--date", EDITION_DAY, "--resend-unconfirmed"]
        )
        assert again.exit_code == 0, again.output
        assert good.by_recipient() == {"reader0@example.org": 1, "reader1@example.org": 1}
