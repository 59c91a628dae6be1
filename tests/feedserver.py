"""A real HTTP server on a loopback address for tests and bench/fetch.py: routes, latency, counters.

Each route answers with a fixed `Reply` or a function of the request. The server records every
request (path and headers) and the most requests it was serving at once, so tests can check
conditional GET, the User-Agent and the per-host bound against what really went over the wire.
"""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEEDS = Path(__file__).parent / "data" / "feeds"


@dataclass
class Reply:
    """What a route sends: status, body, headers, after `delay` seconds (gzip: compress the body)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    gzip: bool = False
    drip: float = 0.0  # seconds between 1 KB pieces of the body: a server that never finishes


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]


Route = Reply | Callable[[Request], Reply]


def feed_file(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


class FeedServer:
    """ThreadingHTTPServer on `host` (any 127.x.y.z works on Linux), random free port."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.active = 0
        self.max_active = 0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer((host, 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, reply: Route) -> str:
        """Serve `reply` at `path`; returns the full URL. A `path` that is a whole URL
        ("http://nachrichten.example/feed.xml") is served to clients that use this server as their
        HTTP proxy: stable URLs for golden tests, whatever port the server got."""
        self.routes[path] = reply
        return path if path.startswith("http://") else self.url(path)

    def serve_file(self, path: str, name: str, content_type: str = "application/rss+xml") -> str:
        return self.route(path, Reply(body=feed_file(name), headers={"Content-Type": content_type}))

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]


def _handler(owner: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            request = Request(self.path, {k.lower(): v for k, v in self.headers.items()})
            with owner.lock:
                owner.requests.append(request)
                owner.active += 1
                owner.max_active = max(owner.max_active, owner.active)
            try:
                route = owner.routes.get(self.path.split("?")[0])
                reply = Reply(404, b"not found") if route is None else route
                if callable(reply):
                    reply = reply(request)
                time.sleep(reply.delay)
                self._send(reply)
            finally:
                with owner.lock:
                    owner.active -= 1

        def _send(self, reply: Reply) -> None:
            body = gzip.compress(reply.body) if reply.gzip else reply.body
            self.send_response(reply.status)
            headers = {"Content-Length": str(len(body)), **reply.headers}
            if reply.gzip:
                headers["Content-Encoding"] = "gzip"
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not reply.drip:
                self.wfile.write(body)
                return
            for start in range(0, len(body), 1024):
                self.wfile.write(body[start : start + 1024])
                self.wfile.flush()
                time.sleep(reply.drip)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: pytest shows stderr of failing tests only, and this is noise

        def handle(self) -> None:
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                super().handle()  # the client may give up first (timeout tests): expected

    return Handler
