"""Sends a stream of messages through reused relay connections: retries, back-off, rate limit.

The outbox knows nothing of editions or the ledger: it tells a Journal what happened to each copy
(sending before the final ".", then sent, failed, deferred or unconfirmed), and the Journal writes
it down. Messages are built lazily, one at a time, so memory does not grow with the list.

- The connection is reused, and replaced after `reconnect_every` messages, after a 421 and when it
  drops (the message is then sent again on the new connection: it was never accepted).
- 4xx to RCPT or DATA defers that recipient: it is tried again after `retry_delay`, doubling,
  up to `max_attempts`, while the others go on. 5xx fails that recipient, the others go on.
- Opening a connection is retried with the same back-off; when that fails, or AUTH is refused, the
  run stops with RelayUnavailable and what is left stays queued for the next run.
- ParallelOutbox runs several Outboxes, one per connection ([smtp] connections), and writes the
  journal of all of them from the calling thread in groups (see its docstring).
"""

from __future__ import annotations

import contextlib
import dataclasses
import heapq
import itertools
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from . import Copy
from .smtp import (
    ConnectionLost,
    PermanentReply,
    RelayConnection,
    RelaySettings,
    RelayUnavailable,
    TemporaryReply,
)


class Journal(Protocol):
    """Where the outbox reports each copy's progress (the ledger, or nothing for test mails)."""

    def sending(self, copy: Copy) -> None: ...
    def sent(self, copy: Copy, reply: str) -> None: ...
    def failed(self, copy: Copy, reply: str) -> None: ...
    def deferred(self, copy: Copy, reply: str) -> None: ...
    def unconfirmed(self, copy: Copy, reason: str) -> None: ...


class NoJournal:
    """Records nothing: test mails touch no state."""

    def sending(self, copy: Copy) -> None: ...
    def sent(self, copy: Copy, reply: str) -> None: ...
    def failed(self, copy: Copy, reply: str) -> None: ...
    def deferred(self, copy: Copy, reply: str) -> None: ...
    def unconfirmed(self, copy: Copy, reason: str) -> None: ...


@dataclass(frozen=True)
class Policy:
    """How hard to try: from [smtp]."""

    reconnect_every: int = 100
    max_attempts: int = 5
    retry_delay: float = 2.0
    rate_limit: float | None = None  # messages per second


@dataclass
class Outcome:
    """What happened to the copies of one deliver() call."""

    sent: int = 0
    sent_to: list[str] = field(default_factory=list)  # recipients' keys, in the order accepted
    failed: list[tuple[str, str]] = field(default_factory=list)  # (recipient, reply)
    deferred: list[tuple[str, str]] = field(default_factory=list)  # given up for this run
    unconfirmed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # never offered to the relay


class Outbox:
    """Delivers copies over a reused connection; `open()` first to learn early if the relay is up."""

    def __init__(
        self,
        settings: RelaySettings,
        policy: Policy,
        sender: str,
        journal: Journal,
        progress: Callable[[int], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.policy = policy
        self.sender = sender
        self.journal = journal
        self.progress = progress or (lambda _n: None)
        self.sleep = sleep
        self.connection = RelayConnection(settings)
        self.outcome = Outcome()
        self._retries: list[tuple[float, int, int, Copy]] = []  # (due, order, attempt, copy)
        self._order = itertools.count()
        self._next_start = 0.0

    def open(self) -> None:
        self._connect()

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def deliver(self, copies: Iterable[Copy]) -> Outcome:
        for copy in copies:
            self._retry_due(wait=False)
            self._attempt(copy, 1)
        while self._retries:
            self._retry_due(wait=True)
        return self.outcome

    def _retry_due(self, *, wait: bool) -> None:
        while self._retries:
            due, _, attempt, copy = self._retries[0]
            pause = due - time.monotonic()
            if pause > 0:
                if not wait:
                    return
                if pause > 30:
                    self.connection.close()  # relays drop idle sessions anyway
                self.sleep(pause)
            heapq.heappop(self._retries)
            self._attempt(copy, attempt)

    def _attempt(self, copy: Copy, attempt: int) -> None:
        """Try one copy until it is sent, failed, deferred or unconfirmed."""
        losses = 0
        while True:
            self._connection()
            if not copy.rcpt.isascii() and not self.connection.offers_smtputf8:
                reason = "the address needs SMTPUTF8, which the relay does not offer"
                self.journal.failed(copy, reason)
                self._done(self.outcome.skipped, copy, reason)
                return
            self._throttle()
            try:
                reply = self.connection.send(
                    self.sender, copy.rcpt, copy.message(), lambda: self.journal.sending(copy)
                )
            except ConnectionLost as lost:
                if lost.ambiguous:
                    self.journal.unconfirmed(copy, lost.reason)
                    self._done(self.outcome.unconfirmed, copy, lost.reason)
                    return
                losses = self._lost(losses, lost.reason)
                continue
            except TemporaryReply as reply_error:
                if reply_error.stage == "MAIL":  # about the session, not this recipient
                    self.journal.deferred(copy, reply_error.reply)  # the row keeps the reason
                    losses = self._lost(losses, reply_error.reply, what="MAIL refused")
                    continue
                self._defer(copy, attempt, reply_error.reply)
                return
            except PermanentReply as reply_error:
                if reply_error.stage == "MAIL":  # the sender is refused: nobody can get it now
                    self.journal.deferred(copy, reply_error.reply)
                    raise RelayUnavailable(
                        f"relay {self.settings.where} refused the sender {self.sender}: "
                        f"{reply_error.reply}"
                    ) from None
                self.journal.failed(copy, reply_error.reply)
                self._done(self.outcome.failed, copy, reply_error.reply)
                return
            self.journal.sent(copy, reply)
            self.outcome.sent += 1
            self.outcome.sent_to.append(copy.key)
            self.progress(1)
            return

    def _lost(self, losses: int, reason: str, what: str = "connection lost") -> int:
        """A dropped connection (or a session the relay refuses): reconnect at once the first
        time, then back off; give up after max_attempts."""
        losses += 1
        if losses >= self.policy.max_attempts:
            raise RelayUnavailable(
                f"relay {self.settings.where}: {what} {losses} times in a row ({reason})",
                transient=True,
            )
        if losses > 1:
            self.sleep(self._backoff(losses - 1))
        return losses

    def _defer(self, copy: Copy, attempt: int, reply: str) -> None:
        self.journal.deferred(copy, reply)
        if attempt >= self.policy.max_attempts:
            self._done(self.outcome.deferred, copy, f"{reply} (after {attempt} attempts)")
            return
        due = time.monotonic() + self._backoff(attempt)
        heapq.heappush(self._retries, (due, next(self._order), attempt + 1, copy))

    def _done(self, bucket: list[tuple[str, str]], copy: Copy, reason: str) -> None:
        bucket.append((copy.key, reason))
        self.progress(1)

    def _backoff(self, attempt: int) -> float:
        return float(self.policy.retry_delay * 2 ** (attempt - 1))

    def _connection(self) -> RelayConnection:
        connection = self.connection
        if connection.is_open and connection.messages >= self.policy.reconnect_every:
            connection.close()
        if not connection.is_open:
            self._connect()
        return connection

    def _connect(self) -> None:
        for attempt in range(1, self.policy.max_attempts + 1):
            try:
                self.connection = RelayConnection(self.settings).open()
                return
            except RelayUnavailable as err:
                if not err.transient or attempt == self.policy.max_attempts:
                    raise
                self.sleep(self._backoff(attempt))

    def _throttle(self) -> None:
        if not self.policy.rate_limit:
            return
        now = time.monotonic()
        if self._next_start > now:
            self.sleep(self._next_start - now)
            now = self._next_start
        self._next_start = now + 1.0 / self.policy.rate_limit


# -- several connections ---------------------------------------------------------------------
class ParallelOutbox:
    """Delivers copies over `connections` relay connections at once, one Outbox (worker thread)
    each, with the journal written by the calling thread only.

    The workers ask the calling thread for each copy (the recipient list and the ledger are read
    there) and hand it what happened; the calling thread writes everything that arrived together
    in one group (`journal.group()`, one transaction, one fsync) and only then lets a worker that
    waits on its `sending` mark send the final ".". So each row is `sending` on disk before its
    final ".", as with one connection; `sent` and the other outcomes are written with the next
    group, never before the relay's reply. Building (and DKIM-signing) a copy happens in its
    worker, while the others wait on their relay.
    """

    def __init__(
        self,
        settings: RelaySettings,
        policy: Policy,
        sender: str,
        journal: Journal,
        progress: Callable[[int], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        *,
        connections: int = 2,
    ) -> None:
        self.settings = settings
        self.journal = journal
        self.progress = progress or (lambda _n: None)
        # A rate limit holds for the relay, not per connection.
        if policy.rate_limit:
            policy = dataclasses.replace(policy, rate_limit=policy.rate_limit / connections)
        self._inbox: queue.SimpleQueue[_Request] = queue.SimpleQueue()
        self.workers = [
            Outbox(settings, policy, sender, _Forwarder(self._inbox), self._forward_progress, sleep)
            for _ in range(connections)
        ]
        self._sent_to: list[str] = []

    def _forward_progress(self, count: int) -> None:
        self._inbox.put(_Request("progress", count=count))

    def open(self) -> None:
        """Open every connection now: the first must open (else RelayUnavailable, as with one
        connection); one that the relay refuses beyond it leaves fewer workers, not an error."""
        self.workers[0].open()
        for index, worker in enumerate(self.workers[1:], start=1):
            try:
                worker.open()
            except RelayUnavailable:
                del self.workers[index:]
                break

    def close(self) -> None:
        for worker in self.workers:
            worker.close()

    def __enter__(self) -> ParallelOutbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def outcome(self) -> Outcome:
        """What the workers did, the accepted copies in the order the journal recorded them."""
        merged = Outcome(sent=len(self._sent_to), sent_to=list(self._sent_to))
        for worker in self.workers:
            merged.failed += worker.outcome.failed
            merged.deferred += worker.outcome.deferred
            merged.unconfirmed += worker.outcome.unconfirmed
        return merged

    def deliver(self, copies: Iterable[Copy]) -> Outcome:
        pending = iter(copies)
        threads = [
            threading.Thread(target=self._work, args=(worker,), name=f"outbox-{i}", daemon=True)
            for i, worker in enumerate(self.workers)
        ]
        for thread in threads:
            thread.start()
        error: BaseException | None = None
        running = len(threads)
        while running:
            batch = [self._inbox.get()]
            while not self._inbox.empty():  # everything that is there: one group, one commit
                batch.append(self._inbox.get())
            failure = self._record(batch)
            error = error or failure
            for request in batch:
                if request.kind == "next":
                    copy = None
                    if error is None:
                        try:
                            copy = next(pending, None)
                        except BaseException as err:  # the list or the ledger: stop, then raise
                            error = err
                    assert request.reply is not None
                    request.reply.put(copy)
                elif request.kind == "error":
                    error = error or request.error
                elif request.kind == "done":
                    running -= 1
        for thread in threads:
            thread.join()
        if error is not None:
            raise error
        return self.outcome

    def _record(self, batch: list[_Request]) -> BaseException | None:
        """Write the batch's journal entries as one group; then release the waiting workers."""
        entries = [r for r in batch if r.kind == "journal"]
        failure: BaseException | None = None
        if entries:
            try:
                with _group(self.journal):
                    for entry in entries:
                        assert entry.copy is not None
                        write = getattr(self.journal, entry.event)
                        write(entry.copy) if entry.event == "sending" else write(
                            entry.copy, entry.text
                        )
            except BaseException as err:  # not written: no worker may go on to the final "."
                failure = err
        for entry in entries:
            if entry.event == "sent" and failure is None:
                assert entry.copy is not None
                self._sent_to.append(entry.copy.key)
            if entry.reply is not None:
                entry.reply.put(failure)
        for request in batch:
            if request.kind == "progress":
                self.progress(request.count)
        return failure

    def _work(self, worker: Outbox) -> None:
        try:
            worker.deliver(self._copies())
        except BaseException as err:
            self._inbox.put(_Request("error", error=err))
        finally:
            self._inbox.put(_Request("done"))

    def _copies(self) -> Iterator[Copy]:
        reply: queue.SimpleQueue[Any] = queue.SimpleQueue()
        while True:
            self._inbox.put(_Request("next", reply=reply))
            copy = reply.get()
            if copy is None:
                return
            yield copy


@dataclass
class _Request:
    """What a worker asks of the calling thread: a copy, a journal entry written, or it ended."""

    kind: str  # next | journal | progress | error | done
    event: str = ""  # journal: sending | sent | failed | deferred | unconfirmed
    copy: Copy | None = None
    text: str = ""
    reply: queue.SimpleQueue[Any] | None = None  # answered when a worker waits for it
    count: int = 0
    error: BaseException | None = None


class _Forwarder:
    """A worker's journal: hands each entry to the calling thread; `sending` waits until it is
    on disk (the final "." must not go out before), the others go with the next group."""

    def __init__(self, inbox: queue.SimpleQueue[_Request]) -> None:
        self.inbox = inbox

    def sending(self, copy: Copy) -> None:
        reply: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.inbox.put(_Request("journal", "sending", copy, reply=reply))
        failure = reply.get()
        if failure is not None:
            raise failure

    def sent(self, copy: Copy, reply: str) -> None:
        self.inbox.put(_Request("journal", "sent", copy, reply))

    def failed(self, copy: Copy, reply: str) -> None:
        self.inbox.put(_Request("journal", "failed", copy, reply))

    def deferred(self, copy: Copy, reply: str) -> None:
        self.inbox.put(_Request("journal", "deferred", copy, reply))

    def unconfirmed(self, copy: Copy, reason: str) -> None:
        self.inbox.put(_Request("journal", "unconfirmed", copy, reason))


def _group(journal: Journal) -> contextlib.AbstractContextManager[Any]:
    """The journal's group (one transaction for many entries), if it has one."""
    group = getattr(journal, "group", None)
    return group() if group is not None else contextlib.nullcontext()
