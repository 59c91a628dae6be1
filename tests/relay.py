"""A real SMTP relay for tests (aiosmtpd on 127.0.0.1 in a thread), with fault injection.

It stands in for ../shared/tools/smtp-sink where that is missing, with the same knobs (STARTTLS with
a self-signed certificate, AUTH, 4xx/5xx on RCPT, dropped connections, slow DATA) plus a hook run
when a message's DATA has arrived, before the reply, which the kill -9 test uses.
"""

from __future__ import annotations

import asyncio
import logging
import ssl
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session


@dataclass
class Received:
    """One message as the relay accepted it."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    tls: bool
    auth: str | None
    ehlo: str | None = None

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=policy.default)  # type: ignore[return-value]


def copies_per_recipient(received: list[Received]) -> dict[str, int]:
    """How many copies each (lower-cased) recipient got."""
    counts: dict[str, int] = {}
    for message in received:
        for rcpt in message.rcpt_tos:
            counts[rcpt.lower()] = counts.get(rcpt.lower(), 0) + 1
    return counts


@dataclass
class Faults:
    """What the relay does wrong, on purpose."""

    fail_rcpt_every: int = 0  # every Nth RCPT (counted across connections) gets `fail_code`
    fail_code: int = 451
    reject: set[str] = field(default_factory=set)  # these addresses get 550 at RCPT
    drop_after: int = 0  # per connection: at the MAIL after N messages, close without reply
    gone_after: int = 0  # after N accepted messages, answer every MAIL with 421 (relay going down)
    delay: float = 0.0  # seconds before answering DATA
    # Keep the message when the client vanishes while DATA is answered (as Postfix and Exim do), or
    # store it only after the delay (as smtp-sink does: aiosmtpd cancels the handler then).
    store_after_delay: bool = False
    on_mail: Callable[[int], None] | None = None  # at MAIL FROM, with the number of the message
    on_data: Callable[[Envelope], None] | None = None  # after DATA arrived, before the reply


class Handler:
    def __init__(self, relay: Relay) -> None:
        self.relay = relay
        self.rcpts = 0

    async def handle_MAIL(self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]) -> str:  # fmt: skip
        faults = self.relay.faults
        done = getattr(session, "relay_messages", 0)
        if faults.drop_after and done >= faults.drop_after:
            self.relay.drops += 1
            assert server.transport is not None
            server.transport.abort()
            return "421 dropped"  # never reaches the client
        if faults.gone_after and len(self.relay.received) >= faults.gone_after:
            return "421 4.3.2 Service shutting down (test relay)"
        if faults.on_mail:
            faults.on_mail(len(self.relay.received) + 1)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]) -> str:  # fmt: skip
        faults = self.relay.faults
        self.rcpts += 1
        if address.lower() in faults.reject:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        if faults.fail_rcpt_every and self.rcpts % faults.fail_rcpt_every == 0:
            if faults.fail_code >= 500:
                return "550 5.1.1 Mailbox unavailable (test relay)"
            return "451 4.3.0 Temporary failure, try again later (test relay)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        faults = self.relay.faults
        if faults.store_after_delay and faults.delay:
            await asyncio.sleep(faults.delay)
        data = envelope.original_content or b""
        self.relay.received.append(
            Received(
                envelope.mail_from or "",
                list(envelope.rcpt_tos),
                data,
                bool(session.ssl),
                session.auth_data.decode() if session.authenticated and session.auth_data else None,
                session.host_name,
            )
        )
        session.relay_messages = getattr(session, "relay_messages", 0) + 1  # type: ignore[attr-defined]
        if faults.on_data:
            faults.on_data(envelope)
        if faults.delay and not faults.store_after_delay:
            await asyncio.sleep(faults.delay)
        return "250 2.0.0 OK: queued"


class Relay:
    """Start with `Relay(tmp_path, ...).start()`; `stop()` at the end (the fixture does)."""

    def __init__(
        self,
        folder: Path,
        *,
        starttls: bool = False,
        auth: tuple[str, str] | None = None,
        faults: Faults | None = None,
        smtputf8: bool = False,
    ) -> None:
        self.folder = folder
        self.smtputf8 = smtputf8  # offer SMTPUTF8 (RFC 6531) in the EHLO reply
        self.faults = faults or Faults()
        self.auth = auth
        self.received: list[Received] = []
        self.drops = 0
        self.connections = 0
        self.auth_failures = 0
        self.cert: Path | None = None
        self.tls = self._tls_context() if starttls else None
        self.host = "127.0.0.1"
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.AbstractServer | None = None
        self._sessions: list[SMTP] = []

    def start(self) -> Relay:
        logging.getLogger("mail.log").setLevel(logging.CRITICAL)
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._serve(), self._loop)
        self.port = future.result(10)
        return self

    async def _serve(self) -> int:
        handler = Handler(self)

        def factory() -> SMTP:
            self.connections += 1
            session = SMTP(
                handler,
                hostname="relay.test",
                tls_context=self.tls,
                require_starttls=False,
                auth_required=bool(self.auth),
                auth_require_tls=bool(self.tls),
                authenticator=self._authenticate if self.auth else None,
                enable_SMTPUTF8=self.smtputf8,
            )
            self._sessions.append(session)
            return session

        self._server = await self._loop.create_server(factory, self.host, 0)
        return int(self._server.sockets[0].getsockname()[1])

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, login: Any) -> AuthResult:  # fmt: skip
        assert self.auth is not None and isinstance(login, LoginPassword)
        ok = (login.login, login.password) == (self.auth[0].encode(), self.auth[1].encode())
        if not ok:
            self.auth_failures += 1
        return AuthResult(success=ok, handled=False, auth_data=login.login)

    def _tls_context(self) -> ssl.SSLContext:
        self.folder.mkdir(parents=True, exist_ok=True)
        cert, key = self.folder / "relay-cert.pem", self.folder / "relay-key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-days", "2", "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert),
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
            check=True, capture_output=True,
        )  # fmt: skip
        self.cert = cert
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        return context

    def by_recipient(self) -> dict[str, int]:
        """How many copies each recipient got."""
        return copies_per_recipient(self.received)

    def wait_for(self, count: int, timeout: float = 10) -> list[Received]:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.received

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()
            for session in self._sessions:  # end open sessions, so no socket is left behind
                if session.transport is not None:
                    session.transport.close()
            await asyncio.sleep(0.05)  # let the sessions' tasks see the closed transports
            if self._server is not None:
                await self._server.wait_closed()

        if self._thread.is_alive():
            asyncio.run_coroutine_threadsafe(close(), self._loop).result(5)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(5)
        self._loop.close()


class SinkRelay:
    """../shared/tools/smtp-sink behind the same attributes as Relay (host, port, cert, received)."""

    def __init__(self, sink: Any) -> None:
        self.sink = sink
        self.host = sink.host
        self.port = sink.port
        self.cert = Path(sink.cert) if sink.cert else None

    @staticmethod
    def options(starttls: bool, auth: tuple[str, str] | None, faults: Faults) -> list[str]:
        args = ["--starttls"] if starttls else []
        if auth:
            args += ["--auth", f"{auth[0]}:{auth[1]}"]
        if faults.fail_rcpt_every:
            args += ["--fail-rcpt-every", str(faults.fail_rcpt_every)]
            args += ["--fail-rcpt-code", str(faults.fail_code)]
        if faults.drop_after:
            args += ["--drop-after", str(faults.drop_after)]
        if faults.delay:
            args += ["--delay", str(faults.delay)]
        cannot = faults.reject or faults.on_data or faults.on_mail or faults.gone_after
        assert not cannot, "smtp-sink cannot do that"
        return args

    @property
    def received(self) -> list[Received]:
        return [
            Received(
                m["mail_from"], m["rcpt_tos"], Path(m["path"]).read_bytes(), m["tls"], m["auth"]
            )
            for m in self.sink.messages()
        ]

    def by_recipient(self) -> dict[str, int]:
        """How many copies each recipient got."""
        return copies_per_recipient(self.received)

    def wait_for(self, count: int, timeout: float = 10) -> list[Received]:
        self.sink.wait_for(count, timeout)
        return self.received

    def stop(self) -> None:
        self.sink.stop()
