"""The send ledger: which edition went to whom, written before and after every SMTP transaction.

Tables `editions`, `edition_keys` and `sends` of state/db.py. One row per edition and day holds the
rendered copy, so an interrupted send resumes with exactly what the first recipients got. One row
per edition and recipient moves through these states, each change its own committed transaction:

    queued   → sending   committed before the final "." of DATA: from here the relay may have it
    sending  → sent      the relay answered 250 to DATA
    sending  → failed    the relay answered 5xx (the reply is kept)
    queued   → queued    a 4xx or a dropped connection before DATA: tried again later (attempts + 1)
    queued   → skipped   the address left the recipient list before its copy went out

A row found in `sending` by a later run is "unconfirmed": the process died (or the connection broke)
between the end of DATA and the commit of the relay's answer. It is not sent again (see README,
"What a kill -9 can do"), only reported, unless the user asks for it with --resend-unconfirmed.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import StateError
from ..models import Edition, Rendered
from ..state.db import SeenArticles, State, utc_now
from . import Copy


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[LedgerView | None]:
    """The ledger of the state file at `path` without writing to it (None when there is none)."""
    if not path.exists():
        yield None
        return
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        db.row_factory = sqlite3.Row
        db.execute("SELECT rendered FROM editions LIMIT 0")  # an older schema cannot be resumed
    except sqlite3.Error:
        yield None
        return
    with contextlib.closing(db):
        yield LedgerView(db)


QUEUED, SENDING, SENT, FAILED, SKIPPED = "queued", "sending", "sent", "failed", "skipped"
_BATCH = 1000  # rows per transaction when queueing


@dataclass(frozen=True)
class EditionRecord:
    """An edition as the ledger knows it."""

    id: int
    newsletter: str
    day: date
    subject: str
    message_id: str
    status: str  # sending | sent | partial
    rendered: Rendered


@dataclass(frozen=True)
class SendRecord:
    """One recipient's row."""

    recipient: str
    status: str
    reply: str | None
    attempts: int
    message_id: str | None


class LedgerView:
    """Reads the ledger; works on a read-only connection too (dry runs change nothing)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def find(self, newsletter: str, day: date) -> EditionRecord | None:
        row = self.db.execute(
            "SELECT * FROM editions WHERE newsletter = ? AND day = ?", (newsletter, day.isoformat())
        ).fetchone()
        return _edition(row) if row else None

    def get(self, edition_id: int, address: str) -> SendRecord | None:
        row = self.db.execute(
            "SELECT recipient, status, reply, attempts, message_id FROM sends"
            " WHERE edition_id = ? AND recipient = ?",
            (edition_id, address),
        ).fetchone()
        return SendRecord(*row) if row else None

    def counts(self, edition_id: int) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT status, count(*) FROM sends WHERE edition_id = ? GROUP BY status", (edition_id,)
        )
        return {row[0]: row[1] for row in rows}

    def delivered_editions(self, newsletter: str) -> list[tuple[EditionRecord, str]]:
        """Every edition of `newsletter` that at least one recipient got, with the UTC time it was
        recorded (ISO 8601), oldest first: what the web archive publishes."""
        rows = self.db.execute(
            "SELECT * FROM editions WHERE newsletter = ? AND EXISTS (SELECT 1 FROM sends"
            " WHERE sends.edition_id = editions.id AND sends.status = 'sent') ORDER BY day",
            (newsletter,),
        ).fetchall()
        return [(_edition(row), row["created"]) for row in rows]

    def with_status(self, edition_id: int, status: str) -> list[SendRecord]:
        rows = self.db.execute(
            "SELECT recipient, status, reply, attempts, message_id FROM sends"
            " WHERE edition_id = ? AND status = ? ORDER BY recipient",
            (edition_id, status),
        )
        return [SendRecord(*row) for row in rows]


class Ledger(LedgerView):
    """Reads and writes the send ledger in an open State, each change a transaction."""

    def __init__(self, state: State) -> None:
        super().__init__(state.db)
        self.state = state
        self.grouped = False
        # Each mark must be on disk before the next SMTP step (power loss included): fsync per
        # commit, even where SQLite was built with a laxer default for WAL.
        state.db.execute("PRAGMA synchronous = FULL")

    def create(self, edition: Edition, rendered: Rendered, message_id: str) -> EditionRecord:
        """Record a new edition with its rendered copy and its article keys (before any sending)."""
        copy = json.dumps(
            {
                "subject": rendered.subject,
                "preheader": rendered.preheader,
                "html": rendered.html,
                "text": rendered.text,
                "marker_key": rendered.marker_key,
            }
        )
        keys = dict(edition.article_keys)
        with self.state.transaction() as db:
            cursor = db.execute(
                "INSERT INTO editions (day, newsletter, subject, message_id, created, status, rendered)"
                " VALUES (?, ?, ?, ?, ?, 'sending', ?)",
                (
                    edition.date.isoformat(),
                    edition.newsletter,
                    rendered.subject,
                    message_id,
                    utc_now(),
                    copy,
                ),
            )
            edition_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO edition_keys (edition_id, key, source) VALUES (?, ?, ?)",
                [(edition_id, key, source) for key, source in keys.items()],
            )
        record = self.find(edition.newsletter, edition.date)
        assert record is not None
        return record

    def keys(self, edition_id: int) -> list[tuple[str, str]]:
        rows = self.db.execute(
            "SELECT key, source FROM edition_keys WHERE edition_id = ? ORDER BY key", (edition_id,)
        )
        return [(row[0], row[1]) for row in rows]

    def mark_articles_seen(self, edition_id: int) -> None:
        """The edition's articles count as delivered: called once the relay accepted a copy."""
        SeenArticles(self.state).mark(self.keys(edition_id), edition_id)

    def finish(self, edition_id: int) -> str:
        """Close the edition when no row is queued: 'sent' when every copy was accepted, else
        'partial'. An edition with queued rows stays 'sending', to be resumed."""
        counts = self.counts(edition_id)
        if counts.get(QUEUED):
            return "sending"
        status = "sent" if set(counts) <= {SENT, SKIPPED} else "partial"
        with self.state.transaction() as db:
            db.execute("UPDATE editions SET status = ? WHERE id = ?", (status, edition_id))
        return status

    @contextlib.contextmanager
    def group(self) -> Iterator[None]:
        """Every mark() inside in one transaction: one commit (one fsync) for a group of rows, as
        several connections report together; nothing of it is on disk before the end."""
        with self.state.transaction():
            self.grouped = True
            try:
                yield
            finally:
                self.grouped = False

    def _transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return contextlib.nullcontext(self.db) if self.grouped else self.state.transaction()

    # -- recipients -------------------------------------------------------------------------
    def queue(self, edition_id: int, addresses: Iterable[str]) -> int:
        """Add every address not yet in the ledger as queued; returns how many were new."""
        added = 0
        for batch in _batches(addresses, _BATCH):
            now = utc_now()
            with self.state.transaction() as db:
                before = db.total_changes
                db.executemany(
                    "INSERT OR IGNORE INTO sends (edition_id, recipient, status, updated)"
                    " VALUES (?, ?, 'queued', ?)",
                    [(edition_id, address, now) for address in batch],
                )
                added += db.total_changes - before
        return added

    def mark(
        self,
        edition_id: int,
        address: str,
        status: str,
        reply: str | None = None,
        *,
        message_id: str | None = None,
        attempt: bool = False,
    ) -> None:
        """Move one row to `status` in its own transaction, or its group's (inserting it when it
        is new)."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO sends (edition_id, recipient, status, reply, attempts, message_id, updated)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (edition_id, recipient) DO UPDATE SET"
                " status = excluded.status, reply = COALESCE(excluded.reply, sends.reply),"
                " attempts = sends.attempts + ?, message_id = COALESCE(excluded.message_id,"
                " sends.message_id), updated = excluded.updated",
                (
                    edition_id,
                    address,
                    status,
                    reply,
                    int(attempt),
                    message_id,
                    utc_now(),
                    int(attempt),
                ),
            )

    def skip_queued_except(self, edition_id: int, present: set[str]) -> list[str]:
        """Mark queued rows whose address is no longer in the recipient list as skipped."""
        gone = [
            r.recipient for r in self.with_status(edition_id, QUEUED) if r.recipient not in present
        ]
        now = utc_now()
        with self.state.transaction() as db:
            db.executemany(
                "UPDATE sends SET status = 'skipped', reply = 'no longer in the recipient list',"
                " updated = ? WHERE edition_id = ? AND recipient = ? AND status = 'queued'",
                [(now, edition_id, address) for address in gone],
            )
        return gone


class LedgerJournal:
    """Writes each transaction's progress to the ledger; marks articles seen at the first 250."""

    def __init__(self, ledger: Ledger, edition_id: int) -> None:
        self.ledger = ledger
        self.edition_id = edition_id
        self.seen_marked = False
        self._seen_due = False

    @contextlib.contextmanager
    def group(self) -> Iterator[None]:
        """The entries inside written in one transaction (see Ledger.group)."""
        with self.ledger.group():
            yield
        if self._seen_due:  # its own transaction, after the group that holds the first 250
            self._mark_seen()

    def sending(self, copy: Copy) -> None:
        self.ledger.mark(
            self.edition_id, copy.key, SENDING, message_id=copy.message_id, attempt=True
        )

    def sent(self, copy: Copy, reply: str) -> None:
        self.ledger.mark(self.edition_id, copy.key, SENT, reply)
        if not self.seen_marked:
            if self.ledger.grouped:
                self._seen_due = True
            else:
                self._mark_seen()

    def _mark_seen(self) -> None:
        self.ledger.mark_articles_seen(self.edition_id)
        self.seen_marked = True
        self._seen_due = False

    def failed(self, copy: Copy, reply: str) -> None:
        self.ledger.mark(self.edition_id, copy.key, "failed", reply)

    def deferred(self, copy: Copy, reply: str) -> None:
        self.ledger.mark(self.edition_id, copy.key, QUEUED, reply, attempt=True)

    def unconfirmed(self, copy: Copy, reason: str) -> None:
        self.ledger.mark(self.edition_id, copy.key, SENDING, f"unconfirmed: {reason}")


def _edition(row: object) -> EditionRecord:
    try:
        copy = json.loads(row["rendered"])  # type: ignore[index]
        rendered = Rendered(
            copy["subject"],
            copy["preheader"],
            copy["html"],
            copy["text"],
            copy.get("marker_key", ""),  # none in editions stored before markers had keys
        )
    except (TypeError, KeyError, ValueError):
        raise StateError(
            f"edition of {row['day']} in the state has no stored copy to resume from"  # type: ignore[index]
        ) from None
    return EditionRecord(
        id=row["id"],  # type: ignore[index]
        newsletter=row["newsletter"],  # type: ignore[index]
        day=date.fromisoformat(row["day"]),  # type: ignore[index]
        subject=row["subject"],  # type: ignore[index]
        message_id=row["message_id"],  # type: ignore[index]
        status=row["status"],  # type: ignore[index]
        rendered=rendered,
    )


def _batches(items: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
