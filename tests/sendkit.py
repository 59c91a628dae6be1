"""What the sending tests share: a config pointing at a test relay, recipient lists, the relays."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from digest.config import Config, load_config

from .relay import Faults, Relay, SinkRelay

ROOT = Path(__file__).resolve().parent.parent
BR24_SEED = ROOT / "seeds" / "br24-koalition-der-willigen.txt"
TOOLS = ROOT.parent / "shared" / "tools"
PASSWORD = "S3cr3t-Pa55w0rd-never-shown"
SECRET = "unsubscribe-secret-for-tests"
EDITION_DAY = "2026-11-25"


def write_config(
    folder: Path,
    relay: Relay | SinkRelay | None = None,
    *,
    to: list[str] | None = None,
    csv_rows: list[str] | None = None,
    smtp: dict[str, object] | None = None,
    extra: str = "",
) -> Path:
    """config.toml in `folder` (with the BR24 seed) sending to `relay` with fast retries."""
    seeds = folder / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    (seeds / BR24_SEED.name).write_bytes(BR24_SEED.read_bytes())
    settings: dict[str, object] = {
        "host": relay.host if relay else "127.0.0.1",
        "port": relay.port if relay else 1,
        "security": "none",
        "timeout": 5,
        "retry_delay": 0.01,
        "max_attempts": 4,
        # One connection: most tests pin exact counts and orders; the parallel path is tested
        # where it is named (test_send_processes.py, test_parallel_send.py).
        "connections": 1,
    }
    if relay is not None and relay.cert:
        settings.update(security="starttls", ca_file=str(relay.cert))
    settings.update(smtp or {})
    lines = [
        "[newsletter]",
        'name = "Bayern am Abend"',
        'sender = "Bayern am Abend <abend@example.org>"',
        'unsubscribe_url = "https://www.example.org/abmelden?t={token}"',
        'unsubscribe_mailto = "abmelden@example.org"',
        "",
        "[[sources]]",
        'name = "BR24"',
        'path = "seeds"',
        'section = "Welt"',
        "",
        "[smtp]",
        *(f"{key} = {_toml(value)}" for key, value in settings.items()),
        "",
        "[recipients]",
        f"to = {_toml(to or [])}",
    ]
    if csv_rows is not None:
        (folder / "list.csv").write_text("\n".join(csv_rows) + "\n", encoding="utf-8")
        lines.append('file = "list.csv"')
    lines += ["", "[state]", 'path = "state/state.db"', "", extra]
    path = folder / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return str(value)


def people(count: int, start: int = 0) -> list[str]:
    """CSV rows: a header and `count` recipients."""
    return ["email,name"] + [
        f"reader{i}@example.org,Leser {i}" for i in range(start, start + count)
    ]


def load(path: Path) -> Config:
    return load_config(path)


def environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ, DIGEST_UNSUBSCRIBE_SECRET=SECRET, DIGEST_SMTP_PASSWORD=PASSWORD)
    env.update(extra)
    return env


def digest_process(config: Path, *args: str, **popen: object) -> subprocess.Popen[str]:
    """`digest --config CONFIG ARGS…` as a separate process (what cron starts)."""
    return subprocess.Popen(
        [sys.executable, "-m", "digest", "--config", str(config), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
        **popen,  # type: ignore[arg-type]
    )


@pytest.fixture
def secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    """The unsubscribe secret and the SMTP password in the environment, as cron would set them."""
    monkeypatch.setenv("DIGEST_UNSUBSCRIBE_SECRET", SECRET)
    monkeypatch.setenv("DIGEST_SMTP_PASSWORD", PASSWORD)


@pytest.fixture
def relay(tmp_path: Path):
    """Factory: relay(starttls=…, auth=…, faults=Faults(…)) → a started aiosmtpd Relay."""
    started: list[Relay] = []

    def start(*, starttls: bool = False, auth: tuple[str, str] | None = None, faults: Faults | None = None, smtputf8: bool = False) -> Relay:  # fmt: skip
        folder = tmp_path / f"relay{len(started)}"
        started.append(
            Relay(folder, starttls=starttls, auth=auth, faults=faults, smtputf8=smtputf8)
        )
        return started[-1].start()

    yield start
    for one in started:
        one.stop()


@pytest.fixture(params=["aiosmtpd", "smtp-sink"])
def any_relay(request: pytest.FixtureRequest, relay):
    """The same factory for both real servers: our aiosmtpd relay and ../shared's smtp-sink."""
    if request.param == "aiosmtpd":
        yield relay
        return
    if not (TOOLS / "smtp_sink_fixture.py").exists():
        pytest.skip("needs ../shared/tools/smtp-sink beside the repo (present in CI)")
    smtp_sink = request.getfixturevalue("smtp_sink")
    started: list[SinkRelay] = []

    def start(*, starttls: bool = False, auth: tuple[str, str] | None = None, faults: Faults | None = None) -> SinkRelay:  # fmt: skip
        started.append(SinkRelay(smtp_sink(*SinkRelay.options(starttls, auth, faults or Faults()))))
        return started[-1]

    yield start
    for sink in started:  # the shared fixture leaves its pipe to the garbage collector
        sink.stop()
        sink.sink.proc.stdout.close()
