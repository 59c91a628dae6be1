"""A scripted SMTP server that fails at one chosen stage: connect, EHLO, STARTTLS, AUTH, MAIL,
RCPT, DATA (the reply to the final "."), QUIT.

aiosmtpd (tests/relay.py) is the relay for everything else; this one exists because a real relay
cannot be told to refuse EHLO or to hang up at QUIT. It is still a real TCP server on 127.0.0.1
speaking SMTP line by line to digest's real client: nothing in digest is patched.
"""

from __future__ import annotations

import socket
import socketserver
import threading
from dataclasses import dataclass, field

STAGES = ("connect", "ehlo", "starttls", "auth", "mail", "rcpt", "data", "quit")


@dataclass
class Script:
    """Which stage fails and how: a reply such as "554 5.7.1 no", or "hangup" (close silently)."""

    stage: str = ""
    reply: str = "hangup"
    accepted: list[str] = field(default_factory=list)  # recipients of messages taken with 250
    pipelining: bool = (
        False  # offer PIPELINING (RFC 2920): the client may send MAIL, RCPT, DATA at once
    )


class _Session(socketserver.StreamRequestHandler):
    server: FaultRelay  # type: ignore[assignment]

    def handle(self) -> None:
        script = self.server.script
        if script.stage == "connect":
            self.say(script.reply)
            return
        self.say("220 fault-relay ESMTP")
        recipients: list[str] = []
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            stage = {"EHLO": "ehlo", "HELO": "ehlo", "MAIL": "mail", "RCPT": "rcpt"}.get(verb, "")
            stage = {"STARTTLS": "starttls", "AUTH": "auth", "QUIT": "quit"}.get(verb, stage)
            if verb == "DATA":
                self.say("354 go ahead")  # even without a recipient: a careless relay
                if not self.read_message():
                    return  # the client hung up inside DATA: the message is dropped
                stage = "data"
            if stage == script.stage:
                if not self.say(script.reply) or stage == "quit":
                    return
                continue
            if not self.answer(verb, command, recipients, script):
                return

    def answer(self, verb: str, command: str, recipients: list[str], script: Script) -> bool:
        if verb in ("EHLO", "HELO"):
            extensions = ["250-fault-relay", "250-AUTH PLAIN LOGIN"]
            extensions += ["250-STARTTLS"] if script.stage == "starttls" else []
            extensions += ["250-PIPELINING"] if script.pipelining else []
            return self.say("\r\n".join([*extensions, "250 8BITMIME"]))
        if verb == "AUTH":
            return self.say("235 2.7.0 accepted")
        if verb == "RCPT":
            recipients.append(command.split(":", 1)[1].strip(" <>").lower())
        if verb == "DATA":
            script.accepted.extend(recipients)
            recipients.clear()
            return self.say("250 2.0.0 queued")
        if verb == "QUIT":
            self.say("221 bye")
            return False
        if verb == "RSET":
            recipients.clear()
        return self.say("250 ok")

    def read_message(self) -> bool:
        """Read up to the final "."; False when the connection ended before it."""
        while line := self.rfile.readline():
            if line in (b".\r\n", b".\n"):
                return True
        return False

    def say(self, reply: str) -> bool:
        if reply == "hangup":
            self.connection.shutdown(socket.SHUT_RDWR)
            return False
        self.wfile.write(reply.encode() + b"\r\n")
        self.wfile.flush()
        return True


class FaultRelay(socketserver.ThreadingTCPServer):
    """Start with `with FaultRelay(Script(stage="rcpt", reply="550 no")) as relay:`."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, script: Script) -> None:
        super().__init__(("127.0.0.1", 0), _Session)
        self.script = script
        self.port = self.server_address[1]
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self) -> FaultRelay:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
