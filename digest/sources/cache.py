"""The feed cache as a run sees it: validators and entries read up front, updates saved at the end.

SQLite connections belong to the thread that opened them, and fetch jobs run in a pool: so the run
reads what state.FeedCache holds for its feeds before the jobs start, the jobs record what they got,
and the main thread writes it back afterwards in one go, and only when the state is writable
(`digest build`, `digest reduce` and the preview open it read-only and never write).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import StateError
from ..report import RunReport
from ..state.db import FeedCache, FeedValidators, State


@dataclass(frozen=True)
class CachedFeed:
    """What the server said last time, and the feed's entries as parsed then (JSON)."""

    validators: FeedValidators
    entries: str | None


class FeedCacheView:
    """Per-run view of state.FeedCache that fetch threads may use."""

    def __init__(self, state: State | None) -> None:
        self.state = state
        self.known: dict[str, CachedFeed] = {}
        self.updates: dict[str, CachedFeed] = {}
        self.lock = threading.Lock()

    @property
    def writable(self) -> bool:
        return self.state is not None and not self.state.readonly

    def load(self, urls: Iterable[str]) -> None:
        """Read the cache rows of these feeds (main thread)."""
        if self.state is None:
            return
        cache = FeedCache(self.state)
        for url in urls:
            validators = cache.get(url)
            if validators is not None:
                self.known[url] = CachedFeed(validators, cache.entries(url))

    def get(self, url: str) -> CachedFeed | None:
        return self.known.get(url)

    def put(self, url: str, validators: FeedValidators, entries: str) -> None:
        """Remember a fresh response's validators and entries (any thread)."""
        if validators.etag or validators.last_modified:
            with self.lock:
                self.updates[url] = CachedFeed(validators, entries)

    def save(self, report: RunReport) -> None:
        """Write the updates when the state is writable; a failure costs only a future 304."""
        if not self.writable or not self.updates:
            return
        assert self.state is not None
        cache = FeedCache(self.state)
        try:
            for url, cached in self.updates.items():
                cache.put(url, cached.validators, cached.entries)
        except StateError as err:
            report.warn(f"feed cache not saved: {err}")
        self.updates.clear()
