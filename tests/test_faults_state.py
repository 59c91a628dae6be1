"""The state database locked by another process, or corrupt: a clear error, the documented exit
code, no data lost, and the recovery README § Troubleshooting describes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import main

from .sendkit import EDITION_DAY, people, write_config

pytestmark = pytest.mark.usefixtures("secrets")


def invoke(config: Path, *args: str):
    return CliRunner().invoke(main, ["--config", str(config), *args], catch_exceptions=False)


def with_short_wait(config: Path) -> Path:
    config.write_text(config.read_text().replace("[state]", "[state]\ntimeout = 0.5"))
    return config


def test_locked_state_is_exit_3_and_loses_nothing(relay, tmp_path):
    server = relay()
    config = with_short_wait(write_config(tmp_path, server, csv_rows=people(2)))
    assert invoke(config, "send", "--date", "2026-11-24").exit_code == 0  # yesterday's edition
    (tmp_path / "seeds" / "neu.md").write_text(
        "Neue Meldung heute\n\nDer Stadtrat hat am Mittwoch 12 Millionen Euro bewilligt.\n",
        encoding="utf-8",
    )  # so that today has something new to record
    state = tmp_path / "state" / "state.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import sqlite3, sys, time\n"
            f"db = sqlite3.connect({str(state)!r}, isolation_level=None)\n"
            "db.execute('BEGIN EXCLUSIVE')\n"
            "print('locked', flush=True)\n"
            "time.sleep(30)\n"
        )],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        result = invoke(config, "send", "--date", EDITION_DAY)
        assert time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.communicate()
    assert result.exit_code == 3, result.output and "Traceback" not in result.output
    assert f"Error: {state}: the state database is locked by another process" in result.stderr
    assert len(server.received) == 2  # only yesterday's two copies
    db = sqlite3.connect(state)
    assert db.execute("SELECT day, status FROM editions").fetchall() == [("2026-11-24", "sent")]
    assert invoke(config, "send", "--date", EDITION_DAY).exit_code == 0  # lock gone: it goes on
    assert len(server.received) == 4


@pytest.mark.parametrize("command", [["send"], ["run"], ["build"]])
def test_corrupt_state_is_exit_3_names_the_file_and_how_to_recover(relay, tmp_path, command):
    server = relay()
    config = write_config(tmp_path, server, csv_rows=people(1))
    state = tmp_path / "state" / "state.db"
    state.parent.mkdir(parents=True, exist_ok=True)
    garbage = b"not sqlite at all " * 200
    state.write_bytes(garbage)
    result = invoke(config, *command, "--date", EDITION_DAY)
    assert result.exit_code == 3 and "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line == (
        f"Error: {state}: not a digest state database (corrupt?): move it aside to start afresh; "
        "articles already sent may then be sent again"
    )
    assert state.read_bytes() == garbage and server.received == []  # nothing touched or sent
