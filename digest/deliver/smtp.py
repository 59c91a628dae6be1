"""SMTP backend: the relay's settings, one connection to it, and one message per transaction.

`RelayConnection.send()` drives MAIL, RCPT and DATA itself (not smtplib's sendmail) so that the
caller can write the ledger between the message body and the final "." — the moment from which
the relay may hold the message. Replies are sorted into what the caller must do:

    TemporaryReply   4xx: try again later (421: the relay closes the connection too)
    PermanentReply   5xx: this recipient failed; the reply says why
    ConnectionLost   the connection broke; `ambiguous` when that happened after the final "."
    RelayUnavailable cannot connect, TLS or AUTH failed: nothing can be sent now (exit 3)

The password is read from the environment variable `smtp.password_env` names and never enters a
message, a log line or an error: smtplib's debug output is never switched on, and AUTH failures
are reported with the user name and the relay's reply only.
"""

from __future__ import annotations

import contextlib
import os
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..errors import ConfigError, DeliveryError
from ..hosts import is_loopback

Stage = tuple[str, tuple[int, ...]]  # an SMTP command's name in errors, and the replies it accepts
# MAIL FROM, RCPT TO and DATA, in the order they are sent, pipelined or one at a time
ENVELOPE_STAGES: tuple[Stage, ...] = (("MAIL", (250,)), ("RCPT", (250, 251)), ("DATA", (354,)))


class RelayUnavailable(DeliveryError):
    """The relay cannot be reached, or refused TLS or AUTH: nothing can be sent now.

    `transient` when trying again later may help (refused, timed out), not for AUTH or TLS trust.
    """

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


class ReplyError(Exception):
    """The relay answered a command with an error."""

    def __init__(self, stage: str, code: int, text: str) -> None:
        super().__init__(f"{code} {text}")
        self.stage = stage
        self.code = code
        self.reply = f"{code} {text}".strip()


class TemporaryReply(ReplyError):
    """4xx: the same message may succeed later."""


class PermanentReply(ReplyError):
    """5xx: the relay will not take this message."""


class ConnectionLost(Exception):
    """The connection broke; `ambiguous` when the relay may already have accepted the message."""

    def __init__(self, reason: str, *, ambiguous: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.ambiguous = ambiguous


@dataclass(frozen=True)
class RelaySettings:
    """[smtp] resolved: security decided, password read from the environment."""

    host: str
    port: int
    security: str  # ssl | starttls | none
    username: str | None
    password: str | None = field(repr=False)
    timeout: float
    ca_file: Path | None
    ehlo_name: str | None

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


def relay_settings(config: Config) -> RelaySettings:
    """The relay settings of `config`; ConfigError when they are unsafe or incomplete."""
    smtp = config.smtp
    security = smtp.security or ("ssl" if smtp.port == 465 else "starttls")
    if security == "none" and not smtp.allow_insecure and not is_loopback(smtp.host):
        raise ConfigError(
            [
                f"smtp.security: 'none' would send mail and password in clear text to {smtp.host}; "
                "it is allowed only to a loopback relay (localhost, 127.0.0.1, ::1) unless "
                "smtp.allow_insecure = true"
            ]
        )
    password = None
    if smtp.username:
        if not smtp.password_env:
            raise ConfigError(["smtp.password_env: needed with smtp.username (names the variable)"])
        password = os.environ.get(smtp.password_env)
        if not password:
            raise ConfigError(
                [f"smtp.password_env: the environment variable {smtp.password_env} is not set"]
            )
    return RelaySettings(
        smtp.host,
        smtp.port,
        security,
        smtp.username,
        password,
        smtp.timeout,
        smtp.ca_file,
        smtp.ehlo_name,
    )


def tls_context(settings: RelaySettings) -> ssl.SSLContext:
    """Certificate and host name verified; a private relay's CA from `ca_file`."""
    try:
        return ssl.create_default_context(
            cafile=str(settings.ca_file) if settings.ca_file else None
        )
    except (OSError, ssl.SSLError) as err:
        raise ConfigError([f"smtp.ca_file: cannot load {settings.ca_file}: {err}"]) from None


class RelayConnection:
    """One open SMTP session: connected, TLS as configured, authenticated."""

    def __init__(self, settings: RelaySettings) -> None:
        self.settings = settings
        self.smtp: smtplib.SMTP | None = None
        self.messages = 0  # sent on this connection
        self.steps: list[str] = []  # what open() did, for `digest check`

    def open(self) -> RelayConnection:
        s = self.settings
        context = tls_context(s) if s.security != "none" else None
        try:
            if s.security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    s.host, s.port, local_hostname=s.ehlo_name, timeout=s.timeout, context=context
                )
                self.steps.append("TLS")
            else:
                smtp = smtplib.SMTP(s.host, s.port, local_hostname=s.ehlo_name, timeout=s.timeout)
            self.smtp = smtp
            _no_delay(smtp)
            self._ehlo()
            self.steps.append("EHLO")
            if s.security == "starttls":
                if not smtp.has_extn("starttls"):
                    raise RelayUnavailable(f"relay {s.where} does not offer STARTTLS")
                smtp.starttls(context=context)
                self._ehlo()
                self.steps.append("STARTTLS")
            if s.username:
                smtp.login(s.username, s.password or "")
                self.steps.append(f"AUTH as {s.username}")
        except RelayUnavailable:
            self.close()
            raise
        except smtplib.SMTPAuthenticationError as err:
            self.close()
            raise RelayUnavailable(
                f"relay {s.where} refused AUTH for user {s.username!r}: {_reply(err)}"
            ) from None
        except smtplib.SMTPNotSupportedError:
            self.close()
            raise RelayUnavailable(f"relay {s.where} does not offer AUTH") from None
        except ssl.SSLCertVerificationError as err:
            self.close()
            raise RelayUnavailable(
                f"relay {s.where}: certificate not trusted ({err.verify_message}); "
                "for a private relay set smtp.ca_file"
            ) from None
        except (smtplib.SMTPException, OSError) as err:
            self.close()
            raise RelayUnavailable(f"relay {s.where}: {_describe(err)}", transient=True) from None
        return self

    def _ehlo(self) -> None:
        """EHLO, which an ESMTP relay must accept (AUTH, STARTTLS and 8BITMIME depend on it)."""
        assert self.smtp is not None
        code, text = self.smtp.ehlo()
        if code != 250:
            raise RelayUnavailable(
                f"relay {self.settings.where} refused EHLO: {code} {_text(text)}".rstrip()
            )

    @property
    def offers_smtputf8(self) -> bool:
        """The relay takes addresses with a non-ASCII local part (RFC 6531)."""
        return self.smtp is not None and self.smtp.has_extn("smtputf8")

    def send(self, sender: str, recipient: str, data: bytes, before_end: Callable[[], None]) -> str:
        """One transaction; `before_end` runs after the body and before the final '.'."""
        smtp = self.smtp
        assert smtp is not None, "open() first"
        options = [] if recipient.isascii() else ["SMTPUTF8"]
        try:
            if options or not smtp.has_extn("pipelining"):
                mail, rcpt, data_stage = ENVELOPE_STAGES
                self._expect(*mail, *smtp.mail(sender, options))
                self._expect(*rcpt, *smtp.rcpt(recipient))
                self._expect(*data_stage, *smtp.docmd("DATA"))
            else:
                self._pipelined(smtp, sender, recipient)
            smtp.send(_dot_stuffed(data))
        except (smtplib.SMTPServerDisconnected, OSError) as err:
            self.close()
            raise ConnectionLost(_describe(err), ambiguous=False) from None
        before_end()
        try:
            smtp.send(b".\r\n")
            code, text = smtp.getreply()
        except (smtplib.SMTPServerDisconnected, OSError) as err:
            self.close()
            raise ConnectionLost(_describe(err), ambiguous=True) from None
        self._expect("end of DATA", (250,), code, text)
        self.messages += 1
        return f"{code} {_text(text)}"

    def _pipelined(self, smtp: smtplib.SMTP, sender: str, recipient: str) -> None:
        """MAIL, RCPT and DATA in one write and then their replies (RFC 2920 PIPELINING, when the
        relay offers it): two round trips fewer per message. The replies are judged in order as
        if each command had waited for its answer. A relay that hangs up after refusing one is
        judged by that refusal; one that opens DATA although MAIL or RCPT was refused is hung up
        on (the unfinished message is dropped), so no empty message can go out."""
        smtp.send(
            f"mail FROM:{smtplib.quoteaddr(sender)}\r\n"
            f"rcpt TO:{smtplib.quoteaddr(recipient)}\r\nDATA\r\n"
        )
        stages = ENVELOPE_STAGES
        replies: list[tuple[int, bytes]] = []
        for _ in stages:
            try:
                replies.append(smtp.getreply())
            except (smtplib.SMTPServerDisconnected, OSError):
                if not _refused(replies, stages):
                    raise
                self._drop()  # it hung up after a refusal: that refusal is the answer
                break
            if replies[-1][0] == 421 or replies[-1][0] < 0:  # the session ends here
                break
        if len(replies) == len(stages) and replies[-1][0] == 354 and _refused(replies[:-1], stages):
            self._drop()
        for (stage, ok), (code, text) in zip(stages, replies, strict=False):
            self._expect(stage, ok, code, text)

    def _drop(self) -> None:
        """Close the socket without QUIT (inside DATA a QUIT would be message text)."""
        smtp, self.smtp = self.smtp, None
        if smtp is not None:
            smtp.close()

    def _expect(self, stage: str, ok: tuple[int, ...], code: int, text: bytes | str) -> None:
        if code in ok:
            return
        if code == 421 or code < 0:  # the relay closes the session, or answered garbage (-1)
            self.close()
        elif self.smtp is not None:
            try:
                self.smtp.rset()  # leave a clean session for the next message
            except (smtplib.SMTPException, OSError):
                self.close()
        error = TemporaryReply if 400 <= code < 500 else PermanentReply
        raise error(stage, code, _text(text))

    def close(self) -> None:
        smtp, self.smtp = self.smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()

    @property
    def is_open(self) -> bool:
        return self.smtp is not None


def check_relay(settings: RelaySettings) -> str:
    """Connect, EHLO, STARTTLS and AUTH as configured, send nothing; what was done, or raise."""
    connection = RelayConnection(settings).open()
    connection.close()
    return f"{settings.where}: " + ", ".join(connection.steps)


def _refused(replies: list[tuple[int, bytes]], stages: tuple[Stage, ...]) -> bool:
    """A reply (MAIL's, RCPT's …, in the order of `stages`) that its stage does not accept."""
    return any(code not in ok for (code, _), (_, ok) in zip(replies, stages, strict=False))


def _dot_stuffed(data: bytes) -> bytes:
    """RFC 5321 4.5.2: a line starting with '.' gets another one; the body ends with CRLF.

    bytes.replace rather than a multi-line regex, which tries every position of the message:
    a quarter of a millisecond of the client's time per 32 KB copy."""
    data = data.replace(b"\n.", b"\n..")
    if data.startswith(b"."):
        data = b"." + data
    return data if data.endswith(b"\r\n") else data + b"\r\n"


def _no_delay(smtp: smtplib.SMTP) -> None:
    # A TLS record per write plus Nagle's algorithm and the relay's delayed ACK stall every
    # reused-connection message by ~40 ms; measured, see bench/send.py.
    sock = getattr(smtp, "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def _reply(err: smtplib.SMTPResponseException) -> str:
    return f"{err.smtp_code} {_text(err.smtp_error)}".strip()


def _text(value: bytes | str) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    return " ".join(text.split())


def _describe(err: BaseException) -> str:
    if isinstance(err, smtplib.SMTPResponseException):
        return _reply(err)
    if isinstance(err, socket.timeout | TimeoutError):
        return "timed out"
    if isinstance(err, ssl.SSLError):
        return f"TLS failed: {err.reason or err}"
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return str(err) or type(err).__name__
