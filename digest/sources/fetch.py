"""HTTP fetching for feeds and pages: timeouts, a size cap, a redirect limit, gzip, conditional GET.

One `Fetcher` (an httpx.Client underneath, safe to share between threads) serves a whole run. Every
problem becomes a `FetchError` with a short reason ("HTTP 404 Not Found", "timed out after 20 s"),
so a source can name the URL and the reason in one line. Nothing here reads or writes state: the
caller passes the validators it has and stores the ones it gets back.

Private addresses: a request whose URL (the one a source was configured with) names a public host
may only ever reach public addresses, on every redirect hop. Each connection resolves the host once
(`Resolver`), refuses it unless every address it resolves to is global (ipaddress' `is_global`, and
no multicast; IPv4 inside IPv6 checked as IPv4) and connects to exactly the address it checked, so
a second DNS answer cannot differ. IPv4 hosts must be written the usual way (127.0.0.1): decimal,
hex, octal, zero-padded or shortened forms (2130706433, 0x7f.1, 0177.0.0.1, 127.1) are refused.
A URL whose own host is private (a feed on 127.0.0.1, an intranet name) was chosen by the operator
and may reach private addresses, pinned to what its host resolved to.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from .. import __version__
from ..errors import SourceError
from ..state.db import FeedValidators

USER_AGENT = f"digest/{__version__} (evening newsletter digest; feed reader)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# host, port → the addresses it resolves to. Tests pass their own: there is no public DNS here.
Resolver = Callable[[str, int], list[str]]
# A host whose last label is a number is an IPv4 address to URL parsers and getaddrinfo alike
# (WHATWG URL, inet_aton): "2130706433", "127.1", "0x7f.1", "0177.0.0.1", "0".
_NUMERIC_HOST = re.compile(r"(?:.*\.)?(?:0x[0-9a-f]*|[0-9]+)\.?", re.IGNORECASE)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True)
class FetchSettings:
    """Limits for every request of a run (config [fetch], per-source `timeout`)."""

    timeout: float = 20.0  # seconds for the whole request, from connecting to the last byte
    max_bytes: int = 5_000_000  # after decompression, so a gzip bomb stops here too
    max_redirects: int = 5
    connections: int = 10  # the pool size: the run's overall concurrency


@dataclass(frozen=True)
class Fetched:
    """A response: the body of a 200, or an empty 304 (`not_modified`)."""

    url: str  # as requested
    final_url: str  # after redirects: the base for relative links
    status: int
    content: bytes
    content_type: str  # media type, lower case, without parameters ("" when not given)
    charset: str | None
    validators: FeedValidators
    private: bool = False  # the URL's own host was private: it could reach private addresses

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def headers(self) -> dict[str, str]:
        """What feedparser wants to know about the response (base URL, declared charset)."""
        content_type = self.content_type + (f"; charset={self.charset}" if self.charset else "")
        return {"content-location": self.final_url, "content-type": content_type}


class FetchError(SourceError):
    """A URL could not be fetched; `reason` says why in a few words."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class PageFault(FetchError):
    """The document itself is unusable (beyond the size cap, a redirect loop), not the network:
    fetching it again would fail again, so a page is skipped with a warning."""


class Refused(Exception):
    """A connection the private-address rule does not allow; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def system_resolver(host: str, port: int) -> list[str]:
    """Every address getaddrinfo gives for `host` (the order it gives them in)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as err:
        raise Refused(f"cannot resolve {host}: {getattr(err, 'strerror', None) or err}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public(address: IPAddress) -> bool:
    """Global unicast: not loopback, private, link-local, unique-local, multicast, unspecified…"""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and not is_public(embedded):
            return False
    return address.is_global and not address.is_multicast


class AddressGuard:
    """Which addresses a host name or literal stands for, resolved once, and whether all are public."""

    def __init__(
        self, resolver: Resolver | None = None, public: Callable[[IPAddress], bool] = is_public
    ) -> None:
        self.resolver = resolver or system_resolver  # tests pass their own: no public DNS here
        self.public = public

    def addresses(self, host: str, port: int) -> list[IPAddress]:
        """The host's addresses; Refused for an unusual IPv4 form or a name that does not resolve."""
        host = host.strip("[]").lower()
        try:
            return [ipaddress.ip_address(host.split("%")[0])]
        except ValueError:
            pass
        if _NUMERIC_HOST.fullmatch(host):
            raise Refused(f"{host} is an IP address in an unusual form (decimal, hex or octal)")
        found = []
        for value in self.resolver(host, port):
            try:
                found.append(ipaddress.ip_address(value.split("%")[0]))
            except ValueError:
                raise Refused(f"{host} resolved to {value!r}, not an address") from None
        if not found:
            raise Refused(f"{host} does not resolve to any address")
        return found

    def is_private_host(self, url: str) -> bool:
        """Whether the URL's host is (or resolves to) a private address; False when unusable."""
        try:
            parts = urlsplit(url)
            host, port = parts.hostname or "", parts.port or 443
        except ValueError:
            return False
        if not host:
            return False
        try:
            return not all(self.public(a) for a in self.addresses(host, port))
        except Refused:
            return False

    def public_addresses(self, host: str, port: int) -> list[IPAddress]:
        """The host's addresses when every one of them is public; Refused otherwise."""
        found = self.addresses(host, port)
        for address in found:
            if not self.public(address):
                shown = host if host == str(address) else f"{host} ({address})"
                raise Refused(f"{shown} is a private address, reached from a public one")
        return found


class _PinnedBackend(httpcore.NetworkBackend):
    """Connects to the address that was checked, never to one a second lookup would give.

    httpcore hands us the host of each connection (the first request and every redirect to a new
    origin); TLS still gets the host name for SNI and certificate checks, and Host: stays as is."""

    def __init__(self, guard: AddressGuard, *, allow_private: bool) -> None:
        self.guard = guard
        self.allow_private = allow_private
        self.inner = httpcore.SyncBackend()
        self.pins = threading.local()  # host → addresses resolved for the request on this thread

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        pinned = getattr(self.pins, "hosts", {}).get(host.strip("[]").lower())
        if pinned:
            found = pinned
        elif self.allow_private:
            found = self.guard.addresses(host, port)
        else:
            found = self.guard.public_addresses(host, port)
        error: Exception | None = None
        for address in found:
            try:
                return self.inner.connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as err:  # the next address, as getaddrinfo users do
                error = err
        assert error is not None
        raise error

    def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        raise Refused("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def _client(settings: FetchSettings, backend: _PinnedBackend) -> httpx.Client:
    connections = max(1, settings.connections)
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    transport = httpx.HTTPTransport(limits=limits)
    # httpx takes no network backend; its pool is rebuilt with ours (same limits, same TLS).
    # Given a transport, httpx also uses no proxy from the environment: a proxy would resolve
    # host names itself, and the address check would no longer be the address connected to.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=backend,
    )
    return httpx.Client(
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        transport=transport,
    )


class Fetcher:
    """GET with the run's limits; use as a context manager (or call close())."""

    def __init__(
        self, settings: FetchSettings | None = None, guard: AddressGuard | None = None
    ) -> None:
        self.settings = settings or FetchSettings()
        self.guard = guard or AddressGuard()
        # Two pools, so that a connection opened for a private URL is never reused for a public one.
        self.client = _client(self.settings, _PinnedBackend(self.guard, allow_private=False))
        self.open_backend = _PinnedBackend(self.guard, allow_private=True)
        self.open_client = _client(self.settings, self.open_backend)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()
        self.open_client.close()

    def get(
        self,
        url: str,
        *,
        validators: FeedValidators | None = None,
        accept: str = FEED_ACCEPT,
        timeout: float | None = None,
        private: bool | None = None,
    ) -> Fetched:
        """Fetch `url`; a 304 answer to `validators` comes back as `not_modified`.

        `private`: whether private addresses may be reached (a public feed's links: False). By
        default they may when the URL's own host is private, and never otherwise."""
        check_url(url)
        seconds = timeout or self.settings.timeout
        headers = {"Accept": accept, **conditional_headers(validators)}
        deadline = time.monotonic() + seconds
        try:
            host, port = _host_port(url)
            found = self.guard.addresses(host, port) if private is not False else []
            own_private = bool(found) and not all(self.guard.public(a) for a in found)
            use_open = bool(private) or own_private
            # In the open pool the first host is pinned: what was checked is what is connected to.
            self.open_backend.pins.hosts = {host: found} if use_open else {}
            client = self.open_client if use_open else self.client
            with client.stream(
                "GET", url, headers=headers, timeout=httpx.Timeout(seconds)
            ) as response:
                if response.status_code == 304 and validators:
                    return _fetched(url, response, b"", own_private)
                if not 200 <= response.status_code < 300:
                    raise FetchError(url, _status_reason(response))
                body = self._body(url, response, deadline, seconds)
                return _fetched(url, response, body, own_private)
        except Refused as err:
            raise FetchError(url, f"not fetched: {err.reason}") from None
        except httpx.InvalidURL as err:  # a redirect to "http://0177.0.0.1/" and the like
            raise FetchError(url, f"not fetched: invalid URL ({err})") from None
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out after {seconds:g} s") from None
        except httpx.TooManyRedirects:
            limit = self.settings.max_redirects
            raise PageFault(url, f"too many redirects (more than {limit})") from None
        except httpx.DecodingError:
            raise FetchError(url, "invalid compressed data") from None
        except httpx.UnsupportedProtocol as err:
            raise FetchError(url, f"redirected to an unsupported URL: {err}") from None
        except httpx.ConnectError as err:
            raise FetchError(url, f"cannot connect: {_os_reason(err)}") from None
        except httpx.HTTPError as err:
            raise FetchError(url, f"{type(err).__name__}: {_os_reason(err)}") from None
        finally:
            self.open_backend.pins.hosts = {}

    def _body(self, url: str, response: httpx.Response, deadline: float, seconds: float) -> bytes:
        """The decoded body, stopping at the size cap and the deadline (a slow drip ends too)."""
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        encoded = response.headers.get("content-encoding", "identity").lower() != "identity"
        if declared.isdigit() and int(declared) > limit and not encoded:
            raise PageFault(url, f"too large: {int(declared):,} bytes (limit {limit:,})")
        chunks: list[bytes] = []
        size = 0
        coding = response.headers.get("content-encoding", "identity")
        for chunk in _decoded(url, response.iter_raw(), coding, limit):
            size += len(chunk)
            if size > limit:
                raise PageFault(url, f"too large: more than {limit:,} bytes")
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {seconds:g} s")
            chunks.append(chunk)
        return b"".join(chunks)


def _decoded(url: str, raw: Iterator[bytes], coding: str, limit: int) -> Iterator[bytes]:
    """The body decompressed (gzip, deflate) in pieces of at most `limit` + 1 bytes each.

    zlib's `max_length` bounds what one call may produce, so a compressed bomb costs at most the
    size cap in memory (httpx would inflate each received piece whole before we could look)."""
    codings = [c.strip().lower() for c in coding.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        yield from raw
        return
    if len(codings) > 1 or codings[0] not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(url, f"unsupported Content-Encoding {coding!r}")
    gzip = codings[0] != "deflate"
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS if gzip else zlib.MAX_WBITS)
    first = True
    try:
        for chunk in raw:
            if first and not gzip and not _zlib_header(chunk):
                inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # "deflate" sent without zlib header
            first = False
            data = chunk
            while data and not inflater.eof:
                piece = inflater.decompress(data, limit + 1)
                data = inflater.unconsumed_tail
                if piece:
                    yield piece
        tail = inflater.flush() if not inflater.eof else b""  # input all consumed: small
        if tail:
            yield tail
    except zlib.error:
        raise FetchError(url, "invalid compressed data") from None


def _zlib_header(data: bytes) -> bool:
    """Whether `data` starts with a zlib header (RFC 1950: method 8, check bits)."""
    return len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def check_url(url: str) -> None:
    """FetchError unless `url` is an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises on a port that is no number)
    except ValueError:
        raise FetchError(url, "not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(url, "not an http(s) URL")


def _host_port(url: str) -> tuple[str, int]:
    """The host as httpcore will be given it (IDNA, no brackets) and the port."""
    parsed = httpx.URL(url)
    default = 443 if parsed.scheme == "https" else 80
    return parsed.raw_host.decode("ascii").lower(), parsed.port or default


def conditional_headers(validators: FeedValidators | None) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from what the server said last time (when usable)."""
    if validators is None:
        return {}
    headers = {}
    if validators.etag and _header_safe(validators.etag):
        headers["If-None-Match"] = validators.etag
    if validators.last_modified and _header_safe(validators.last_modified):
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def _header_safe(value: str) -> bool:
    return value.isascii() and value.isprintable() and len(value) < 1000


def _fetched(url: str, response: httpx.Response, content: bytes, private: bool = False) -> Fetched:
    media_type, _, _ = response.headers.get("content-type", "").partition(";")
    etag = response.headers.get("etag")
    last_modified = response.headers.get("last-modified")
    return Fetched(
        url=url,
        final_url=str(response.url),
        status=response.status_code,
        content=content,
        content_type=media_type.strip().lower(),
        charset=response.charset_encoding,
        validators=FeedValidators(etag, last_modified),
        private=private,
    )


def _status_reason(response: httpx.Response) -> str:
    phrase = response.reason_phrase or ""
    text = f"HTTP {response.status_code} {phrase}".strip()
    if response.status_code == 304:
        return text + " without a conditional request"
    if 300 <= response.status_code < 400:
        return text + " (a redirect without a usable Location)"
    return text


def _os_reason(err: Exception) -> str:
    """The innermost reason of a connection error ("Connection refused"), not the whole chain."""
    cause: BaseException = err
    while cause.__cause__ is not None or cause.__context__ is not None:
        cause = cause.__cause__ or cause.__context__  # type: ignore[assignment]
    text = getattr(cause, "strerror", None) or str(cause) or str(err)
    return " ".join(str(text).split())
