"""`digest sink`: a local SMTP server that keeps every message it gets, for the first test mail.

aiosmtpd on 127.0.0.1 (no TLS, no AUTH: loopback only), each message appended to a Maildir (the
folder mail clients such as mutt, neomutt or Thunderbird's Maildir store open) or an mbox file;
one line per message on stderr. It runs until Ctrl+C or SIGTERM.
"""

from __future__ import annotations

import asyncio
import mailbox
import signal
from collections.abc import Callable
from dataclasses import dataclass
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

from ..errors import UsageError

DEFAULT_PORT = 2525


@dataclass(frozen=True)
class Stored:
    """One message the sink kept."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    subject: str
    path: Path  # the message file (Maildir) or the mbox


class Keeper:
    """aiosmtpd handler: every message into the mailbox, then `on_message`."""

    def __init__(self, box: mailbox.Mailbox, where: Path, on_message: Callable[[Stored], None]):  # type: ignore[type-arg]
        self.box = box
        self.where = where
        self.on_message = on_message

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        data = envelope.original_content or b""
        key = self.box.add(data)
        self.box.flush()
        # Maildir.add() puts a new message at new/<key>: the file a mail client will show
        path = self.where / "new" / key if isinstance(self.box, mailbox.Maildir) else self.where
        subject = str(message_from_bytes(data, policy=policy.default).get("Subject", ""))
        self.on_message(Stored(envelope.mail_from, tuple(envelope.rcpt_tos), subject, path))
        return "250 2.0.0 OK: kept"


def open_box(maildir: Path | None, mbox: Path | None) -> tuple[mailbox.Mailbox, Path]:  # type: ignore[type-arg]
    """The Maildir (made when missing) or mbox file to keep mail in."""
    try:
        if mbox is not None:
            mbox.parent.mkdir(parents=True, exist_ok=True)
            return mailbox.mbox(mbox), mbox
        folder = maildir or Path("mail")
        return mailbox.Maildir(folder, create=True), folder
    except OSError as err:
        raise UsageError(f"{err.filename}: cannot create the mailbox: {err.strerror}") from None


def serve(
    host: str,
    port: int,
    box: mailbox.Mailbox,  # type: ignore[type-arg]
    where: Path,
    on_ready: Callable[[str, int], None],
    on_message: Callable[[Stored], None],
) -> None:
    """Listen on host:port until SIGINT/SIGTERM; `on_ready(host, port)` once listening."""
    from aiosmtpd.smtp import SMTP

    async def main() -> None:
        loop = asyncio.get_running_loop()
        handler = Keeper(box, where, on_message)

        def factory() -> SMTP:
            return SMTP(handler, hostname="digest-sink", enable_SMTPUTF8=True)

        try:
            server = await loop.create_server(factory, host, port)
        except OSError as err:
            raise UsageError(
                f"cannot listen on {host}:{port}: {err.strerror or err} (--port 0 picks a free port)"
            ) from None
        stop = asyncio.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        on_ready(host, int(server.sockets[0].getsockname()[1]))
        async with server:
            await stop.wait()

    import logging

    logging.getLogger("mail.log").setLevel(logging.CRITICAL)  # aiosmtpd's own chatter
    asyncio.run(main())
