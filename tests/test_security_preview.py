"""Issue 20 (5): the preview server drops silent connections and bounds connections and streams.

Against the real preview server on 127.0.0.1 with raw sockets and its real limits (a silent
client is dropped after REQUEST_TIMEOUT, 5 s).
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from digest.preview import server as preview_server
from digest.preview import start

from .preview_helpers import make_project


@pytest.fixture
def running(tmp_path: Path):
    preview = start(make_project(tmp_path), port=0, poll_seconds=0.5)
    yield preview
    preview.close()


def silent(preview) -> socket.socket:
    sock = socket.create_connection((preview.host, preview.port), timeout=10)
    return sock


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the server closed the connection (recv gives b"" or a reset) within 10 s."""
    try:
        return sock.recv(1024) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False


def request(preview, path: str) -> bytes:
    sock = socket.create_connection((preview.host, preview.port), timeout=10)
    with sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        return sock.recv(200)


def test_a_silent_connection_is_closed_after_the_request_timeout(running):
    sock = silent(running)
    with sock:
        started = time.monotonic()
        assert closed_by_server(sock)
        assert (
            time.monotonic() - started < preview_server.REQUEST_TIMEOUT + 3
        )  # closed by the server, not our own timeout


def test_connections_beyond_the_cap_are_closed_and_service_resumes(running):
    held = [silent(running) for _ in range(preview_server.MAX_CONNECTIONS)]
    time.sleep(0.2)  # the server has accepted them all
    try:
        extra = silent(running)
        with extra:
            extra.settimeout(1.5)  # shorter than the request timeout: closed at once, not later
            assert closed_by_server(extra)
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.5)
    assert request(running, "/favicon.ico").startswith(b"HTTP/1.0 204")


def test_event_streams_beyond_the_cap_get_503(running):
    streams = []
    try:
        for _ in range(preview_server.MAX_EVENT_STREAMS):
            sock = socket.create_connection((running.host, running.port), timeout=10)
            sock.sendall(b"GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert sock.recv(100).startswith(b"HTTP/1.0 200")
            streams.append(sock)
        assert request(running, "/events").startswith(b"HTTP/1.0 503")
    finally:
        for sock in streams:
            sock.close()
