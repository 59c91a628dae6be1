"""A private Postfix instance on 127.0.0.1 that accepts every message and discards it.

    with postfix_relay() as relay:   # relay.port; PostfixMissing says why when it cannot run
        ...

Debian's `postfix` package (`apt-get install postfix`, "No configuration" is enough): this starts
its own instance from a temporary folder (main.cf, master.cf, queue), listening on 127.0.0.1 only,
offering STARTTLS (a self-signed certificate for 127.0.0.1: `cert`), with every transport
`discard:`, so a message is received, queued with fsync as Postfix does, and dropped. The system's own Postfix configuration is neither read nor changed. Needs root (Postfix
starts as root and drops to the `postfix` user), as on the development machines and in CI.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MASTER_CF = Path("/etc/postfix/master.cf")


class PostfixMissing(Exception):
    """Postfix cannot be run here; the message says why."""


@dataclass
class PostfixRelay:
    name: str
    port: int
    cert: str | None = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def postfix_relay() -> Iterator[PostfixRelay]:
    if not shutil.which("postfix") or not MASTER_CF.exists():
        raise PostfixMissing("Postfix is not installed (apt-get install postfix)")
    if os.geteuid() != 0:
        raise PostfixMissing("Postfix must be started as root")
    folder = Path(tempfile.mkdtemp(prefix="digest-bench-postfix-"))
    folder.chmod(0o755)
    conf, queue, data = folder / "conf", folder / "queue", folder / "data"
    for path in (conf, queue, data):
        path.mkdir()
    shutil.chown(data, "postfix")
    port = free_port()
    cert, key = conf / "cert.pem", conf / "key.pem"  # STARTTLS, as a relay on another host has
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert),
         "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True,
    )  # fmt: skip
    (conf / "main.cf").write_text(
        f"""compatibility_level = 3.6
queue_directory = {queue}
data_directory = {data}
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = bench.localdomain
mydestination =
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
default_transport = discard:bench
local_transport = discard:bench
relay_transport = discard:bench
alias_maps =
alias_database =
smtputf8_enable = no
smtpd_tls_security_level = may
smtpd_tls_cert_file = {cert}
smtpd_tls_key_file = {key}
"""
    )
    master = []
    for line in MASTER_CF.read_text().splitlines():
        if line.startswith("smtp ") and " inet " in f" {line} ":
            line = f"127.0.0.1:{port} inet n - n - - smtpd"  # loopback only, no chroot
        master.append(line)
    (conf / "master.cf").write_text("\n".join(master) + "\n")
    started = subprocess.run(
        ["postfix", "-c", str(conf), "start"], capture_output=True, text=True, check=False
    )
    try:
        if started.returncode != 0:
            raise PostfixMissing(
                f"postfix start failed: {started.stderr.strip() or started.stdout}"
            )
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise PostfixMissing("Postfix did not listen within 20 s") from None
                time.sleep(0.1)
        yield PostfixRelay("Postfix (discarding)", port, str(cert))
    finally:
        subprocess.run(["postfix", "-c", str(conf), "stop"], capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)
