"""HTTP fetching for feeds and pages: timeouts, a size cap, a redirect limit, gzip, conditional GET.

One `Fetcher` (an httpx.Client underneath, safe to share between threads) serves a whole run. Every
problem becomes a `FetchError` with a short reason ("HTTP 404 Not Found", "timed out after 20 s"),
so a source can name the URL and the reason in one line. Nothing here reads or writes state: the
caller passes the validators it has and stores the ones it gets back.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

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


class Fetcher:
    """GET with the run's limits; use as a context manager (or call close())."""

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings or FetchSettings()
        connections = max(1, self.settings.connections)
        self.client = httpx.Client(
            follow_redirects=True,
            max_redirects=self.settings.max_redirects,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(
        self,
        url: str,
        *,
        validators: FeedValidators | None = None,
        accept: str = FEED_ACCEPT,
        timeout: float | None = None,
    ) -> Fetched:
        """Fetch `url`; a 304 answer to `validators` comes back as `not_modified`."""
        check_url(url)
        seconds = timeout or self.settings.timeout
        headers = {"Accept": accept, **conditional_headers(validators)}
        deadline = time.monotonic() + seconds
        try:
            with self.client.stream(
                "GET", url, headers=headers, timeout=httpx.Timeout(seconds)
            ) as response:
                if response.status_code == 304 and validators:
                    return _fetched(url, response, b"")
                if not 200 <= response.status_code < 300:
                    raise FetchError(url, _status_reason(response))
                return _fetched(url, response, self._body(url, response, deadline, seconds))
        except httpx.TimeoutException:
            raise FetchError(url, f"timed out after {seconds:g} s") from None
        except httpx.TooManyRedirects:
            limit = self.settings.max_redirects
            raise FetchError(url, f"too many redirects (more than {limit})") from None
        except httpx.DecodingError:
            raise FetchError(url, "invalid compressed data") from None
        except httpx.UnsupportedProtocol as err:
            raise FetchError(url, f"redirected to an unsupported URL: {err}") from None
        except httpx.ConnectError as err:
            raise FetchError(url, f"cannot connect: {_os_reason(err)}") from None
        except httpx.HTTPError as err:
            raise FetchError(url, f"{type(err).__name__}: {_os_reason(err)}") from None

    def _body(self, url: str, response: httpx.Response, deadline: float, seconds: float) -> bytes:
        """The decoded body, stopping at the size cap and the deadline (a slow drip ends too)."""
        limit = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        encoded = response.headers.get("content-encoding", "identity").lower() != "identity"
        if declared.isdigit() and int(declared) > limit and not encoded:
            raise FetchError(url, f"too large: {int(declared):,} bytes (limit {limit:,})")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(url, f"too large: more than {limit:,} bytes")
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out after {seconds:g} s")
            chunks.append(chunk)
        return b"".join(chunks)


def check_url(url: str) -> None:
    """FetchError unless `url` is an absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchError(url, "not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(url, "not an http(s) URL")


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


def _fetched(url: str, response: httpx.Response, content: bytes) -> Fetched:
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
