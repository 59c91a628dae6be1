"""The preview's HTTP server: the standard library's ThreadingHTTPServer, GET only, local by default.

Routes: `/` the page, `/static/…` its CSS and script, `/email.html?scheme=light|dark` the email
for the frame, `/digest.eml` the message, `/api/snapshot` the panels after a build, `/events` a
Server-Sent Events stream announcing each build. Every request must name this machine in its Host
header (a DNS-rebinding page on the web cannot), and the email is served with a Content-Security-
Policy that forbids script, so nothing from a feed can run in the preview's origin.

One thread serves each connection, so connections are bounded: a socket that sends nothing for
REQUEST_TIMEOUT seconds is closed, at most MAX_CONNECTIONS are served at once (more are closed at
once) and at most MAX_EVENT_STREAMS of them may be event streams (more get 503).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from dataclasses import dataclass
from datetime import date
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from . import page
from .frame import SCHEMES, for_scheme
from .session import Log, Session
from .watch import Watcher

KEEPALIVE_SECONDS = 15.0
REQUEST_TIMEOUT = 5.0  # seconds a socket may stay silent (a request line, headers, keep-alive)
MAX_CONNECTIONS = 32
MAX_EVENT_STREAMS = 8  # open preview tabs; each holds a connection for as long as it is open
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
# No script at all, and the same sandbox as the page's iframe even when opened on its own.
EMAIL_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data: cid:; "
    "font-src https: data:; form-action 'none'; frame-ancestors 'self'; "
    "sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox"
)
COMMON_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",  # links opened from the email get no opener
}


class PreviewServer(ThreadingHTTPServer):
    """Serves one Session; `allowed_hosts` are the names a Host header may give."""

    daemon_threads = True
    request_queue_size = 64  # the listen backlog: a page opens several connections at once

    def __init__(self, session: Session, host: str, port: int) -> None:
        self.session = session
        self.allowed_hosts = allowed_hosts(host)
        self.connections = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.streams = threading.BoundedSemaphore(MAX_EVENT_STREAMS)
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), PreviewHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """A thread for the connection, unless MAX_CONNECTIONS are open: then it is closed."""
        if not self.connections.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.connections.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that closes a connection early is no error worth a traceback."""


def allowed_hosts(bound: str) -> frozenset[str]:
    """The host names this server answers to; IP literals are always fine (no DNS, no rebinding)."""
    names = {"localhost", bound.lower().strip("[]")}
    if not is_loopback(bound):
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    return frozenset(names)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_host(bound: str) -> str:
    """The host for the preview's URL: a wildcard address is reached through loopback."""
    try:
        address = ipaddress.ip_address(bound.strip("[]"))
    except ValueError:
        return bound
    if address.is_unspecified:
        address = ipaddress.ip_address("::1" if address.version == 6 else "127.0.0.1")
    return f"[{address}]" if address.version == 6 else str(address)


def host_allowed(header: str | None, allowed: frozenset[str]) -> bool:
    """Whether a Host header ('name', 'name:port', '[::1]:port') names this server."""
    if not header:
        return False
    name = header.strip().lower()
    if name.startswith("["):
        name = name[1 : name.find("]")] if "]" in name else ""
    elif name.count(":") == 1:
        name = name.split(":", 1)[0]
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return name in allowed


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "digest-preview"
    timeout = REQUEST_TIMEOUT  # set on the socket: a silent client is dropped after this

    def do_GET(self) -> None:
        if not host_allowed(self.headers.get("Host"), self.server.allowed_hosts):
            self._send(HTTPStatus.FORBIDDEN, b"Host not allowed\n", "text/plain; charset=utf-8")
            return
        url = urlsplit(self.path)
        session = self.server.session
        snapshot = session.snapshot
        if url.path == "/":
            body = page.page(snapshot, session.server_id).encode("utf-8")
            self._send(HTTPStatus.OK, body, "text/html; charset=utf-8", PAGE_POLICY)
        elif url.path.startswith("/static/") and (found := page.static_file(url.path[8:])):
            self._send(HTTPStatus.OK, *found)
        elif url.path == "/email.html":
            scheme = parse_qs(url.query).get("scheme", ["light"])[0]
            scheme = scheme if scheme in SCHEMES else "light"
            html = for_scheme(snapshot.email.html, scheme) if snapshot.email else None
            body = (html or page.no_email_page()).encode("utf-8")
            self._send(HTTPStatus.OK, body, "text/html; charset=utf-8", EMAIL_POLICY)
        elif url.path == "/digest.eml" and snapshot.email:
            self._send(HTTPStatus.OK, snapshot.email.eml, "message/rfc822", download="digest.eml")
        elif url.path == "/api/snapshot":
            body = page.snapshot_json(snapshot, session.server_id)
            self._send(HTTPStatus.OK, body, "application/json")
        elif url.path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
        elif url.path == "/events":
            if not self.server.streams.acquire(blocking=False):
                body = b"Too many event streams\n"
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, body, "text/plain; charset=utf-8")
                return
            try:
                self._stream_events()
            finally:
                self.server.streams.release()
        else:
            self._send(HTTPStatus.NOT_FOUND, b"Not found\n", "text/plain; charset=utf-8")

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        content_type: str,
        policy: str | None = None,
        download: str | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in COMMON_HEADERS.items():
            self.send_header(name, value)
        if policy:
            self.send_header("Content-Security-Policy", policy)
        if download:
            self.send_header("Content-Disposition", f'attachment; filename="{download}"')
        self.end_headers()
        self.wfile.write(body)

    def _stream_events(self) -> None:
        """Announce the current build at once, then every new one, until the page goes away."""
        session = self.server.session
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        for name, value in COMMON_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        snapshot = session.snapshot
        try:
            self._event(snapshot.version, page.event_data(snapshot, session.server_id))
            version = snapshot.version
            while not session.closed:
                newer = session.wait_newer(version, KEEPALIVE_SECONDS)
                if newer is None:
                    self.wfile.write(b": keep-alive\n\n")  # also finds out when the page is gone
                    self.wfile.flush()
                    continue
                version = newer.version
                self._event(version, page.event_data(newer, session.server_id))
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass

    def _event(self, version: int, data: str) -> None:
        self.wfile.write(f"retry: 1000\nid: {version}\nevent: build\ndata: {data}\n\n".encode())
        self.wfile.flush()

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the terminal shows builds and problems only."""


@dataclass
class RunningPreview:
    """A started preview: its address, and how to stop it."""

    url: str
    host: str
    port: int
    session: Session
    server: PreviewServer
    watcher: Watcher
    thread: threading.Thread

    def wait(self) -> None:
        """Block until the server stops (Ctrl+C raises KeyboardInterrupt here)."""
        while self.thread.is_alive():
            self.thread.join(0.5)

    def close(self) -> None:
        """Stop watching and serving; end the event streams."""
        self.watcher.stop()
        self.session.close()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)
        self.watcher.join(5)


def start(
    config_path: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    edition_date: date | None = None,
    log: Log | None = None,
    poll_seconds: float | None = None,
) -> RunningPreview:
    """Build the edition, start serving it and watching its files; OSError if it cannot listen."""
    session = Session(config_path, edition_date, log)
    server = PreviewServer(session, host, port)
    bound_port = server.server_address[1]
    shown = url_host(host)
    thread = threading.Thread(target=server.serve_forever, name="digest-preview-http", daemon=True)
    extra = {"interval": poll_seconds} if poll_seconds else {}
    watcher = Watcher(session.watched, session.rebuild, **extra)
    thread.start()
    watcher.start()
    url = f"http://{shown}:{bound_port}/"
    return RunningPreview(url, host, bound_port, session, server, watcher, thread)
