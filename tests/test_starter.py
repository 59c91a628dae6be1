"""`digest init` (a new newsletter that builds at once, offline) and `digest sink` (a local relay
that keeps mail in a Maildir or mbox): the first mail in five minutes, with real processes."""

from __future__ import annotations

import mailbox
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from digest.cli import main

from .sendkit import environment


def digest(*args: str, **run: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "digest", *args],
        capture_output=True,
        text=True,
        env=environment(),
        timeout=120,
        **run,  # type: ignore[arg-type]
    )


def test_init_makes_a_newsletter_that_builds_at_once_offline(tmp_path):
    folder = tmp_path / "abend"
    result = CliRunner().invoke(main, ["init", str(folder), "--yes"])
    assert result.exit_code == 0, result.output
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == [
        ".env.example", "README.txt", "config.toml", "seeds", "seeds/beispiel-stadtbibliothek.txt",
    ]  # fmt: skip
    config = folder / "config.toml"
    text = config.read_text(encoding="utf-8")
    for line in ('timezone = "Europe/Berlin"', 'path = "seeds"', "# [[sources]]", "[schedule]",
                 'password_env = "DIGEST_SMTP_PASSWORD"'):  # fmt: skip
        assert line in text
    build = digest("--config", str(config), "build", "--json", "--date", "2026-11-25", cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    assert '"stories": 1' in build.stdout and build.stderr == ""
    assert (folder / "out" / "2026-11-25" / "digest.html").is_file()
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "CRON_TZ=Europe/Berlin" in readme
    assert "OnCalendar=Mon..Fri 17:45 Europe/Berlin" in readme
    assert f'-q --config "{config.resolve()}" run' in readme
    command = readme.split("CRON_TZ=Europe/Berlin\n")[1].split("&& ")[1].split(" -q ")[0]
    assert Path(command).is_file() and os.access(command, os.X_OK)  # this machine's digest


def test_init_never_overwrites_a_config(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("# mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path), "--yes"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {config.resolve()} already exists; not overwritten\n"
    assert config.read_text(encoding="utf-8") == "# mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.toml"]


def test_init_asks_on_a_terminal_with_defaults(tmp_path):
    """A real pseudo-terminal: the questions appear, Enter takes a default."""
    folder = tmp_path / "evening"
    pid, fd = pty.fork()
    if pid == 0:  # the child: digest init on the terminal
        os.execve(
            sys.executable, [sys.executable, "-m", "digest", "init", str(folder)], environment()
        )
    answers = iter(["Evening Post\r", "\r", "Vienna\r", "Europe/Vienna\r", "en\r"])
    screen = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break  # the child closed the terminal
        if not chunk:
            break
        screen += chunk
        if screen.rstrip().endswith(b":") or screen.rstrip().endswith(b"]:"):
            answer = next(answers, None)
            if answer is not None:
                os.write(fd, answer.encode())
                screen += b"\n"
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    shown = screen.decode(errors="replace")
    assert os.waitstatus_to_exitcode(status) == 0, shown
    assert "Name of the newsletter [Mein Abend]:" in shown
    assert "Sender (Name <address>) [Evening Post <abend@example.org>]:" in shown
    # a wrong answer is explained and asked again
    assert "Error: unknown time zone 'Vienna' (e.g. 'Europe/Berlin')" in shown
    text = (folder / "config.toml").read_text(encoding="utf-8")
    assert 'name = "Evening Post"' in text and 'sender = "Evening Post <abend@example.org>"' in text
    assert 'timezone = "Europe/Vienna"' in text and 'language = "en"' in text
    assert (folder / "seeds" / "sample-city-library.txt").is_file()


def start_sink(*args: str) -> tuple[subprocess.Popen[str], int]:
    sink = subprocess.Popen(
        [sys.executable, "-m", "digest", "sink", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
    )
    assert sink.stdout is not None
    line = sink.stdout.readline()
    assert line.startswith("smtp://127.0.0.1:"), line + (sink.stderr.read() if sink.stderr else "")
    return sink, int(line.rsplit(":", 1)[1])


def stop(sink: subprocess.Popen[str]) -> str:
    sink.terminate()
    _, err = sink.communicate(timeout=20)
    assert sink.returncode == 0, err
    return err


def test_the_first_mail_arrives_in_a_maildir_from_a_fresh_init(tmp_path):
    folder = tmp_path / "abend"
    assert CliRunner().invoke(main, ["init", str(folder), "--yes"]).exit_code == 0
    config = folder / "config.toml"
    sink, port = start_sink("--maildir", str(folder / "mail"))
    try:
        config.write_text(config.read_text().replace("port = 2525", f"port = {port}"))
        sent = digest("--config", str(config), "send", "--test", "you@example.org", cwd=tmp_path)
        assert sent.returncode == 0, sent.stderr
        assert sent.stdout.endswith("test mail sent to 1 of 1 address(es)\n")
    finally:
        log = stop(sink)
    (message,) = list(mailbox.Maildir(folder / "mail", create=False))
    assert message["Subject"].startswith("[Test] Mein Abend:")
    assert message["To"] == "you@example.org"
    assert "you@example.org" in log and "[Test] Mein Abend" in log  # one line per message


def test_the_sink_keeps_mail_in_an_mbox_too(tmp_path):
    sink, port = start_sink("--mbox", str(tmp_path / "mail.mbox"), "-q")
    try:
        import smtplib

        with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
            smtp.sendmail("a@example.org", ["b@example.org"], b"Subject: hallo\r\n\r\nText\r\n")
    finally:
        log = stop(sink)
    assert log == ""  # -q: errors only
    box = mailbox.mbox(tmp_path / "mail.mbox")
    try:
        assert [m["Subject"] for m in box] == ["hallo"]
    finally:
        box.close()


def test_the_sink_refuses_to_listen_beyond_this_machine(tmp_path):
    result = CliRunner().invoke(
        main, ["sink", "--host", "0.0.0.0", "--maildir", str(tmp_path / "m")]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: --host 0.0.0.0: the sink has no login and listens on this machine only"
    ]
