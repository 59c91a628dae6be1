"""Sending speed and memory, against baselines measured in the same run.

    .venv/bin/python bench/send.py [--recipients 2000] [--dkim-recipients 1000]
                                   [--memory-recipients 100000] [--plain]

1. Messages per second for N personalised recipients through the real send path (outbox, mail
   merge, ledger in SQLite) to a local relay over STARTTLS + AUTH, with connection reuse, against
   one connection per message (what rss2email does).
2. Personalisation overhead: the same run with one pre-rendered message sent to everybody.
3. Scaling with the relay: [smtp] connections 1, 4 and 8 against one connection per message, to
   smtp-sink and to a real Postfix on 127.0.0.1 that accepts and discards (bench/postfix.py:
   Debian's postfix, `apt-get install postfix`, started and stopped here).
4. DKIM on: 1 connection (signing before each send, as before) against 4 and 8 connections, whose
   workers sign while the others wait on the relay; to Postfix.
5. Peak memory (max RSS of a child process) of `digest send` to 100,000 recipients from a CSV
   file, against a fast local relay that discards what it gets.

The relay is ../shared/tools/smtp-sink when it is there, else the test relay (tests/relay.py).
This machine has 2 cores shared with other work: figures vary between runs by 10-20 %.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from postfix import PostfixMissing, postfix_relay  # noqa: E402  (bench/postfix.py)

from digest.config import load_config  # noqa: E402
from digest.deliver import Copy  # noqa: E402
from digest.deliver.dkim import Signer  # noqa: E402
from digest.deliver.ledger import Ledger, LedgerJournal  # noqa: E402
from digest.deliver.merge import MessageFactory, recipient_message_id  # noqa: E402
from digest.deliver.outbox import Outbox, ParallelOutbox, Policy  # noqa: E402
from digest.deliver.recipients import iter_recipients  # noqa: E402
from digest.deliver.smtp import relay_settings  # noqa: E402
from digest.pipeline import build  # noqa: E402
from digest.report import RunReport  # noqa: E402
from digest.state.db import State  # noqa: E402

SINK = ROOT.parent / "shared" / "tools" / "smtp-sink"
ROWS: list[dict[str, str]] = []  # the figures, for --json (bench/run.py)
DAY = date(2026, 11, 25)
USER, PASSWORD = "bench", "bench-password"
CHUNK_MESSAGES = 200  # the smallest chunk of the DKIM arms (see dkim_speed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, default=2000)
    parser.add_argument("--memory-recipients", type=int, default=100_000)
    parser.add_argument("--dkim-recipients", type=int, default=1000)
    parser.add_argument("--chunks", type=int, default=10)
    parser.add_argument("--plain", action="store_true", help="no STARTTLS/AUTH")
    parser.add_argument("--json", action="store_true", help="one JSON object for bench/run.py")
    args = parser.parse_args()
    os.environ.setdefault("DIGEST_UNSUBSCRIBE_SECRET", "bench-secret")
    os.environ["DIGEST_SMTP_PASSWORD"] = PASSWORD
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        folder = Path(tmp)
        sink = start_relay(folder / "sink", tls=not args.plain)
        try:
            speed(folder / "speed0", sink, args.recipients, tls=not args.plain, chunks=args.chunks)
            scaling(
                folder / "scale0", sink, args.recipients, tls=not args.plain, chunks=args.chunks
            )
        finally:
            sink.stop()
        blackhole = start_blackhole(None if args.plain else folder / "blackhole-tls")
        try:
            speed(folder / "speed1", blackhole, args.recipients, tls=not args.plain, chunks=args.chunks)  # fmt: skip
        finally:
            blackhole.stop()
        try:
            with postfix_relay() as postfix:
                relay = RelayProcess(postfix.name, None, postfix.port, postfix.cert)
                tls = not args.plain  # STARTTLS (Postfix here has no SASL: no AUTH)
                scaling(folder / "scale2", relay, args.recipients, tls=tls, chunks=args.chunks, auth=False)  # fmt: skip
                dkim_speed(folder / "dkim2", relay, args.dkim_recipients, tls=tls, chunks=args.chunks, auth=False)  # fmt: skip
        except PostfixMissing as why:
            print(f"Postfix: not measured: {why}", file=sys.stderr)
            ROWS.append({"benchmark": "send to Postfix", "ours": "–", "baseline": "–", "ratio": f"did not run: {why}"})  # fmt: skip
        if args.memory_recipients:
            memory(folder, args.memory_recipients)
    if args.json:
        print(json.dumps(ROWS, ensure_ascii=False))


# -- 1 and 2: speed ---------------------------------------------------------------------------
Arm = tuple[int, bool, int]  # reconnect_every, personalised, connections


def speed(folder: Path, relay: RelayProcess, count: int, *, tls: bool, chunks: int) -> None:
    """Connection reuse and personalisation against one connection per message."""
    arms: dict[str, Arm] = {
        "reuse, personalised (digest send)": (100, True, 1),
        "one connection per message, personalised": (1, True, 1),
        "reuse, one pre-rendered message for all": (100, False, 1),
    }
    totals, building = timed_arms(folder, relay, count, arms, tls=tls, chunks=chunks)
    reuse, each, same = totals.values()
    ROWS.append({
        "benchmark": f"send {count} personalised messages to {relay.name} (STARTTLS + AUTH), 1 connection"
        if tls else f"send {count} personalised messages to {relay.name}, 1 connection",
        "ours": f"{count / reuse:.0f} msg/s (connection reused)",
        "baseline": f"one connection per message: {count / each:.0f} msg/s",
        "ratio": f"{each / reuse:.1f}× faster; personalisation {100 * (reuse - same) / same:+.0f} %",
    })  # fmt: skip
    print(f"  connection reuse: {each / reuse:.1f}x faster than one connection per message")
    print(f"  personalisation overhead: {100 * (reuse - same) / same:+.1f} % against pre-rendered; "
          f"making the personal messages took {1000 * building[0] / count:.2f} ms each, "
          f"{100 * building[0] / reuse:.1f} % of the send")  # fmt: skip


def scaling(
    folder: Path, relay: RelayProcess, count: int, *, tls: bool, chunks: int, auth: bool = True
) -> None:
    """[smtp] connections 1, 4 and 8 against one connection per message, same relay, same run."""
    arms: dict[str, Arm] = {
        "one connection per message": (1, True, 1),
        "1 connection, reused": (1000, True, 1),
        "4 connections": (1000, True, 4),
        "8 connections": (1000, True, 8),
    }
    totals, _ = timed_arms(folder, relay, count, arms, tls=tls, chunks=chunks, auth=auth)
    each = totals["one connection per message"]
    rates = {label: count / elapsed for label, elapsed in totals.items()}
    ROWS.append({
        "benchmark": f"send {count} personalised messages to {relay.name}{_how(tls, auth)}: connections 1 / 4 / 8",
        "ours": " / ".join(f"{rates[k]:.0f}" for k in list(arms)[1:]) + " msg/s",
        "baseline": f"one connection per message: {rates['one connection per message']:.0f} msg/s",
        "ratio": " / ".join(f"{each / totals[k]:.1f}×" for k in list(arms)[1:])
        + " (target at 4 or 8: ≥ 5×)",
    })  # fmt: skip


def dkim_speed(
    folder: Path, relay: RelayProcess, count: int, *, tls: bool, chunks: int, auth: bool = True
) -> None:
    """DKIM on (a 2048-bit RSA key): as before (dkimpy alone, one connection, signing before each
    send) against the RSA step in OpenSSL at 1, 4 and 8 connections, whose workers sign while the
    others wait on the relay."""
    key = folder / "dkim.pem"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["openssl", "genrsa", "-out", str(key), "2048"], check=True, capture_output=True)
    arms: dict[str, Arm] = {
        "DKIM as before: dkimpy alone, 1 connection": (1000, True, -1),  # negative: dkimpy alone
        "DKIM, 1 connection": (1000, True, 1),
        "DKIM, 4 connections": (1000, True, 4),
        "DKIM, 8 connections": (1000, True, 8),
    }
    # Every chunk opens its connections anew: chunks as large as the scaling arms' (200 messages),
    # else 8 connections share a chunk of 60 and the figure is mostly TLS handshakes.
    chunks = max(1, min(chunks, count // CHUNK_MESSAGES))
    totals, building = timed_arms(
        folder, relay, count, arms, tls=tls, chunks=chunks, dkim_key=key, auth=auth
    )
    before = totals["DKIM as before: dkimpy alone, 1 connection"]
    ours = list(arms)[1:]
    ROWS.append({
        "benchmark": f"send {count} DKIM-signed messages to {relay.name}{_how(tls, auth)}: connections 1 / 4 / 8",
        "ours": " / ".join(f"{count / totals[k]:.0f}" for k in ours) + " msg/s",
        "baseline": f"as before (dkimpy alone, 1 connection): {count / before:.0f} msg/s, "
        f"signing {1000 * building[0] / count:.1f} ms per message",
        "ratio": " / ".join(f"{before / totals[k]:.1f}×" for k in ours) + " (target ≥ 3×)",
    })  # fmt: skip


def _how(tls: bool, auth: bool) -> str:
    return (" (STARTTLS + AUTH)" if auth else " (STARTTLS)") if tls else ""


def timed_arms(
    folder: Path,
    relay: RelayProcess,
    count: int,
    arms: dict[str, Arm],
    *,
    tls: bool,
    chunks: int,
    dkim_key: Path | None = None,
    auth: bool = True,
) -> tuple[dict[str, float], list[float]]:
    """The ways of sending, interleaved in chunks so that the shared machine's changing load falls
    on all of them alike; times are summed per way. Also: time spent making messages (1st arm)."""
    config_path = write_config(folder, relay, count, tls=tls, dkim_key=dkim_key, auth=auth)
    config = load_config(config_path)
    built = build(config, edition_date=DAY)
    recipients = list(iter_recipients(config, RunReport()))
    factories = {True: MessageFactory(config, built.rendered)}
    factories[False] = MessageFactory(config, built.rendered)
    if factories[False].signer is not None:  # connections < 0: DKIM by dkimpy alone, as before
        signer = factories[False].signer
        factories[False].signer = Signer(
            signer.domain.decode(), signer.selector.decode(), signer.key, openssl=False
        )
    prerendered = factories[True].message(recipients[0], "<prerendered@example.org>")
    print(f"relay: {relay.name}, {('STARTTLS + AUTH' if auth else 'STARTTLS') if tls else 'plain'}; {count} recipients "
          f"in {chunks} interleaved chunks; message {len(prerendered) / 1024:.1f} KB")  # fmt: skip
    totals = dict.fromkeys(arms, 0.0)
    building = [0.0]  # time spent making personalised messages in the first arm

    def timed_message(job: Copy) -> Copy:
        def message() -> bytes:
            started = time.perf_counter()
            data = job.message()
            building[0] += time.perf_counter() - started
            return data

        return Copy(job.key, job.rcpt, job.message_id, message)

    size = -(-count // chunks)
    for n in range(chunks):
        part = recipients[n * size : (n + 1) * size]
        order = list(arms.items())
        order = order[n % len(order) :] + order[: n % len(order)]  # rotate who goes first
        for label, (reconnect_every, personal, connections) in order:
            factory = factories[connections > 0]
            with State(folder / f"{label}.db") as state:
                ledger = Ledger(state)
                record = ledger.find(built.edition.newsletter, DAY) or ledger.create(
                    built.edition, built.rendered, "<20261125.bench@example.org>"
                )
                ledger.queue(record.id, (r.key for r in part))
                journal = LedgerJournal(ledger, record.id)
                policy = Policy(reconnect_every=reconnect_every, max_attempts=3, retry_delay=0.1)
                settings, sender = relay_settings(config), "abend@example.org"
                outbox: Outbox | ParallelOutbox
                if abs(connections) > 1:
                    outbox = ParallelOutbox(settings, policy, sender, journal, connections=connections)  # fmt: skip
                else:
                    outbox = Outbox(settings, policy, sender, journal)
                if personal:
                    jobs = [factory.copy(r, recipient_message_id(record.message_id, r.key)) for r in part]  # fmt: skip
                    if label == next(iter(arms)):
                        jobs = [timed_message(job) for job in jobs]
                else:
                    jobs = [Copy(r.key, r.address.addr_spec, "<x@example.org>", lambda: prerendered) for r in part]  # fmt: skip
                started = time.perf_counter()
                with outbox:
                    outbox.open()
                    outcome = outbox.deliver(jobs)
                totals[label] += time.perf_counter() - started
            assert outcome.sent == len(part), outcome
    for label, elapsed in totals.items():
        print(f"  {label:<44} {elapsed:6.2f} s  {count / elapsed:7.1f} msg/s")
    return totals, building


# -- 3: memory --------------------------------------------------------------------------------
CHILD = textwrap.dedent(
    """
    import resource, sys
    from digest.cli import main
    try:
        main(["--config", sys.argv[1], "-q", "send", "--date", "2026-11-25"])
    except SystemExit as done:
        print("exit", done.code, "maxrss_kb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    """
)


def memory(folder: Path, count: int) -> None:
    relay = start_blackhole()
    try:
        config = write_config(folder / "memory", relay, count, tls=False)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(config)], capture_output=True, text=True, cwd=ROOT
        )
        elapsed = time.perf_counter() - started
    finally:
        relay.stop()
    words = done.stdout.split()
    if "maxrss_kb" not in words:
        print("memory run failed:", done.stdout, done.stderr[-2000:])
        return
    peak = int(words[words.index("maxrss_kb") + 1]) / 1024
    sent = relay.count()
    ROWS.append({
        "benchmark": f"peak memory of digest send to {count:,} recipients (CSV streamed)",
        "ours": f"{peak:.0f} MB",
        "baseline": "limit 150 MB",
        "ratio": f"{sent:,} accepted in {elapsed:.0f} s",
    })  # fmt: skip
    print(f"memory: digest send to {count} recipients (CSV, ledger, {sent} accepted by a "
          f"discarding relay) in {elapsed:.0f} s: peak RSS {peak:.0f} MB (limit 150 MB), "
          f"exit {words[1]}")  # fmt: skip


# -- relays and config ------------------------------------------------------------------------
class RelayProcess:
    def __init__(self, name: str, process: subprocess.Popen[str] | None, port: int, cert: str | None) -> None:  # fmt: skip
        self.name, self.process, self.port, self.cert = name, process, port, cert
        self.counter: Path | None = None

    def count(self) -> int:
        return int(self.counter.read_text() or 0) if self.counter and self.counter.exists() else -1

    def stop(self) -> None:
        if self.process is None:  # not ours to stop (Postfix stops with its context)
            return
        self.process.terminate()
        self.process.communicate(timeout=20)


def start_relay(folder: Path, *, tls: bool) -> RelayProcess:
    options = ["--starttls", "--auth", f"{USER}:{PASSWORD}"] if tls else []
    if SINK.exists():
        command = ["bash", str(SINK), "--port", "0", "--dir", str(folder), *options]
        name = "smtp-sink"
    else:
        command = [sys.executable, "-c", TEST_RELAY, str(folder), "tls" if tls else "plain"]
        name = "tests/relay.py (aiosmtpd)"
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert process.stdout is not None
    line = process.stdout.readline()
    words = line.split()
    assert words and words[0] == "READY", line
    port = int(words[1].rsplit(":", 1)[1])
    cert = next((w.split("=", 1)[1] for w in words if w.startswith("cert=")), None)
    # smtp-sink prints a line per message: keep reading, or it blocks on a full pipe.
    threading.Thread(target=process.stdout.read, daemon=True).start()
    return RelayProcess(name, process, port, cert)


TEST_RELAY = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tests.relay import Relay
    relay = Relay(Path(sys.argv[1]), starttls=sys.argv[2] == "tls",
                  auth=("bench", "bench-password") if sys.argv[2] == "tls" else None).start()
    print("READY", f"127.0.0.1:{relay.port}", f"cert={relay.cert}" if relay.cert else "", flush=True)
    try:
        sys.stdin.read() if not sys.stdin.isatty() else time.sleep(10**6)
    except KeyboardInterrupt:
        pass
    """
)

BLACKHOLE = textwrap.dedent(
    """
    import asyncio, signal, ssl, sys
    counter, accepted = sys.argv[1], [0]
    tls = None
    if len(sys.argv) > 2:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(sys.argv[2], sys.argv[3])
    async def session(reader, writer):
        writer.write(b"220 blackhole\\r\\n")
        while line := await reader.readline():
            verb = line[:4].upper()
            if verb == b"DATA":
                writer.write(b"354 go\\r\\n")
                await reader.readuntil(b"\\r\\n.\\r\\n")
                accepted[0] += 1
                writer.write(b"250 ok\\r\\n")
            elif verb == b"QUIT":
                writer.write(b"221 bye\\r\\n"); break
            elif verb == b"EHLO":
                writer.write(b"250-blackhole\\r\\n250-AUTH PLAIN\\r\\n250 STARTTLS\\r\\n")
            elif verb == b"STAR":
                writer.write(b"220 go ahead\\r\\n")
                await writer.drain()
                await writer.start_tls(tls)
                continue
            elif verb == b"AUTH":
                writer.write(b"235 ok\\r\\n")
            else:
                writer.write(b"250 ok\\r\\n")
            await writer.drain()
        writer.close()
    async def serve():
        server = await asyncio.start_server(session, "127.0.0.1", 0, limit=2**20)
        print("READY 127.0.0.1:%d" % server.sockets[0].getsockname()[1], flush=True)
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        await stop.wait()
        open(counter, "w").write(str(accepted[0]))
    asyncio.run(serve())
    """
)


def start_blackhole(folder: Path | None = None) -> RelayProcess:
    """A relay that answers everything at once and keeps nothing; with `folder`: STARTTLS too."""
    counter = Path(tempfile.mkstemp(prefix="digest-bench-count-")[1])
    tls: list[str] = []
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-days", "1", "-subj", "/CN=localhost", "-keyout", key, "-out", cert,
             "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True,
        )  # fmt: skip
        tls = [cert, key]
    command = [sys.executable, "-c", BLACKHOLE, str(counter), *tls]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    port = int(process.stdout.readline().split(":")[1])
    relay = RelayProcess("discarding relay", process, port, tls[0] if tls else None)
    relay.counter = counter
    return relay


def write_config(
    folder: Path,
    relay: RelayProcess,
    count: int,
    *,
    tls: bool,
    dkim_key: Path | None = None,
    auth: bool = True,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "list.csv").open("w", encoding="utf-8") as out:
        out.write("email,name\n")
        for i in range(count):
            out.write(f"leser{i}@example.org,Leserin {i}\n")
    smtp = f'security = "starttls"\nca_file = "{relay.cert}"' if tls else 'security = "none"'
    if tls and auth:
        smtp += f'\nusername = "{USER}"\npassword_env = "DIGEST_SMTP_PASSWORD"'
    (folder / "config.toml").write_text(
        textwrap.dedent(
            f"""
            [newsletter]
            sender = "Bayern am Abend <abend@example.org>"
            sections = ["Bayern", "Deutschland", "Welt"]
            closing_section = "Zum Schluss"

            [[sources]]
            name = "example.org"
            path = "{ROOT / "seeds"}"

            [smtp]
            host = "127.0.0.1"
            port = {relay.port}
            reconnect_every = 1000

            [recipients]
            file = "list.csv"

            [state]
            path = "state.db"
            """
        ).replace("reconnect_every = 1000", "reconnect_every = 1000\n" + smtp)
        + (
            f'\n[dkim]\ndomain = "example.org"\nselector = "bench"\nkey_file = "{dkim_key}"\n'
            if dkim_key
            else ""
        ),
        encoding="utf-8",
    )
    return folder / "config.toml"


if __name__ == "__main__":
    asyncio.set_event_loop_policy(None)
    main()
    print(
        f"(bench process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )
