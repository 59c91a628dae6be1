"""`digest send`/`digest run` as cron starts them: killed with SIGKILL mid-send, or twice at once.

The relay counts what it accepted; the test then checks that every recipient holds exactly one copy.
Each test runs with one relay connection and with three ([smtp] connections): with several, the
other connections are mid-transaction when the kill comes, so the counts are ranges, and the
guarantees (never twice, nothing lost, unconfirmed copies reported) are the same.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from .relay import Faults
from .sendkit import EDITION_DAY, PASSWORD, digest_process, people, write_config

RECIPIENTS = 8
CONNECTIONS = pytest.mark.parametrize("connections", [1, 3], ids=["1 connection", "3 connections"])


def killer(holder: dict[str, Any], at: int) -> Callable[..., None]:
    """A relay hook that SIGKILLs the sending process the `at`-th time it is called."""

    def hook(*_: object) -> None:
        holder["calls"] = holder.get("calls", 0) + 1
        if holder["calls"] == at:
            os.kill(holder["process"].pid, signal.SIGKILL)
            holder["killed"] = True

    return hook


def finish(process, timeout: float = 60) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


@CONNECTIONS
@pytest.mark.parametrize("moment", ["before MAIL", "after DATA, before the relay's reply"])
def test_kill_9_mid_send_then_resume_gives_everyone_exactly_one_copy(
    relay, tmp_path, moment, connections
):
    holder: dict[str, Any] = {}
    if moment == "before MAIL":
        faults = Faults(on_mail=killer(holder, at=4))
    else:
        faults = Faults(on_data=killer(holder, at=4))
    server = relay(faults=faults)
    smtp = {"connections": connections}
    config = write_config(tmp_path, server, csv_rows=people(RECIPIENTS), smtp=smtp)
    holder["process"] = digest_process(config, "send", "--date", EDITION_DAY)
    code, _, _ = finish(holder["process"])
    assert code == -signal.SIGKILL and holder.get("killed")
    interrupted = len(server.received)
    # killed while the 4th message was on its way; other connections may be ahead or behind
    assert 4 - connections <= interrupted <= 3 + connections
    assert sorted(server.by_recipient().values()) == [1] * interrupted
    server.faults.on_mail = server.faults.on_data = None

    code, out, err = finish(digest_process(config, "send", "--date", EDITION_DAY))
    counts = server.by_recipient()
    unconfirmed = [
        line.split(": ")[1]
        for line in err.splitlines()
        if "an earlier run was interrupted while the relay took this copy" in line
    ]
    if connections == 1 and moment == "before MAIL":
        # the 4th was never handed over: sent again, nothing to report
        assert counts == {f"reader{i}@example.org": 1 for i in range(RECIPIENTS)}, (out, err)
        assert code == 0, err
        assert out.strip() == f"{EDITION_DAY}: sent: 5 sent by this run ({RECIPIENTS} sent)"
    elif connections == 1:  # the relay had the 4th when the sender died: not sent again, reported
        assert counts == {f"reader{i}@example.org": 1 for i in range(RECIPIENTS)}, (out, err)
        assert code == 1
        assert unconfirmed == ["reader3@example.org"]
        assert out.strip() == f"{EDITION_DAY}: partial: 4 sent by this run (1 sending, 7 sent)"
    else:
        # Nobody twice; everyone confirmed has one copy. A copy is marked sending before its
        # final "."; one whose connection was cut after that mark may or may not have reached
        # the relay: it is reported, and not sent again (as with one connection).
        everyone = {f"reader{i}@example.org" for i in range(RECIPIENTS)}
        assert set(counts.values()) == {1}, counts
        assert everyone - set(unconfirmed) <= set(counts), (out, err)
        assert len(unconfirmed) <= connections
        assert code == (1 if unconfirmed else 0), err
        sending = len(unconfirmed)
        if sending:
            assert f"({sending} sending, {RECIPIENTS - sending} sent)" in out
        else:
            assert f"({RECIPIENTS} sent)" in out
    again = finish(digest_process(config, "run", "--date", EDITION_DAY))
    assert again[0] == 0 and "already sent" in again[1]
    assert set(server.by_recipient().values()) == {1}
    if connections == 1:
        assert len(server.received) == RECIPIENTS


@CONNECTIONS
def test_kill_9_while_a_discarding_relay_answers_data_is_reported_then_resent(
    any_relay, tmp_path, connections
):
    """smtp-sink stores a message only after answering DATA: a sender killed while it waits for
    that answer leaves a copy the relay threw away. The resume cannot know; it reports the
    recipient (exit 1) instead of risking a second copy, and --resend-unconfirmed completes."""
    server = any_relay(faults=Faults(delay=0.6, store_after_delay=True))
    smtp = {"connections": connections}
    config = write_config(tmp_path, server, csv_rows=people(RECIPIENTS), smtp=smtp)
    process = digest_process(config, "send", "--date", EDITION_DAY)
    deadline = time.monotonic() + 30
    while len(server.received) < 3 and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(0.3)  # the next message(s) handed over (~10 ms); the relay answers at 0.6 s
    process.kill()
    finish(process)
    time.sleep(0.6)  # what the relay would have stored by now, it has
    stored = set(server.by_recipient())
    code, out, err = finish(digest_process(config, "send", "--date", EDITION_DAY))
    assert code == 1, err
    unconfirmed = {
        line.split(": ")[1]
        for line in err.splitlines()
        if "an earlier run was interrupted while the relay took this copy" in line
    }
    if connections == 1:
        assert unconfirmed == {"reader3@example.org"}
    assert 1 <= len(unconfirmed) <= connections
    everyone = {f"reader{i}@example.org" for i in range(RECIPIENTS)}
    # the unconfirmed copies were thrown away by the relay and are not sent again; all others once
    assert server.by_recipient() == dict.fromkeys(everyone - unconfirmed, 1)
    assert stored <= everyone - unconfirmed
    code, out, err = finish(
        digest_process(config, "send", "--resend-unconfirmed", "--date", EDITION_DAY)
    )
    assert code == 0, err
    for address in unconfirmed:
        assert f"{address}: unconfirmed copy sent again (same Message-ID)" in err
    assert server.by_recipient() == dict.fromkeys(everyone, 1)
    assert PASSWORD not in out + err


@CONNECTIONS
def test_a_second_run_while_the_first_sends_exits_3_and_sends_nothing(relay, tmp_path, connections):
    second_done = threading.Event()
    first_is_sending = threading.Event()

    def hold(*_: object) -> None:  # the relay keeps the first run mid-send until the second ended
        first_is_sending.set()
        second_done.wait(60)

    server = relay(faults=Faults(on_data=hold))
    smtp = {"connections": connections}
    config = write_config(tmp_path, server, csv_rows=people(RECIPIENTS), smtp=smtp)
    first = digest_process(config, "run", "--date", EDITION_DAY)
    assert first_is_sending.wait(60)
    try:
        code, out, err = finish(digest_process(config, "run", "--date", EDITION_DAY))
    finally:
        second_done.set()
    assert code == 3 and out == ""
    assert err.startswith(f"Error: another digest run (pid {first.pid}) is sending")
    assert "Nothing was sent by this run" in err
    assert finish(first)[0] == 0
    assert sorted(server.by_recipient().values()) == [1] * RECIPIENTS


@CONNECTIONS
def test_two_runs_started_together_send_one_edition(relay, tmp_path, connections):
    server = relay(faults=Faults(delay=0.01))
    smtp = {"connections": connections}
    config = write_config(tmp_path, server, csv_rows=people(RECIPIENTS), smtp=smtp)
    runs = [digest_process(config, "run", "--date", EDITION_DAY) for _ in range(2)]
    results = sorted(finish(run) for run in runs)
    codes = [code for code, _, _ in results]
    assert codes in ([0, 0], [0, 3]), results
    if codes == [0, 0]:  # the second got the lock after the first had finished
        assert any("already sent" in out for _, out, _ in results)
    assert sorted(server.by_recipient().values()) == [1] * RECIPIENTS
