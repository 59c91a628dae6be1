"""SQLite state: seen articles, feed validators, editions and the send ledger.

One file (config [state] path), WAL mode, schema version in `PRAGMA user_version`; each migration
runs in its own transaction. Every change goes through `State.transaction()`, so a crash leaves the
database as it was before the change or after it, never in between.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import StateError
from ..privatefile import create_private, restrict

# Each entry migrates from version i to i + 1. Never edit a released entry: append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE seen (
        key         TEXT PRIMARY KEY,
        source      TEXT NOT NULL,
        first_seen  TEXT NOT NULL,            -- ISO 8601, UTC
        edition_id  INTEGER                   -- the delivered edition that contained it, or NULL
    );
    CREATE TABLE feeds (
        url            TEXT PRIMARY KEY,
        etag           TEXT,
        last_modified  TEXT,
        checked        TEXT NOT NULL
    );
    CREATE TABLE editions (
        id          INTEGER PRIMARY KEY,
        day         TEXT NOT NULL,            -- the edition date, ISO
        newsletter  TEXT NOT NULL,
        subject     TEXT NOT NULL,
        message_id  TEXT NOT NULL,
        created     TEXT NOT NULL,
        status      TEXT NOT NULL DEFAULT 'sending',   -- sending | sent | partial
        UNIQUE (newsletter, day)
    );
    CREATE TABLE edition_keys (
        edition_id  INTEGER NOT NULL REFERENCES editions(id),
        key         TEXT NOT NULL,
        source      TEXT NOT NULL,
        PRIMARY KEY (edition_id, key)
    );
    CREATE TABLE sends (
        edition_id  INTEGER NOT NULL REFERENCES editions(id),
        recipient   TEXT NOT NULL,            -- the address, lower-cased
        status      TEXT NOT NULL,            -- queued | sending | sent | failed
        reply       TEXT,                     -- the relay's last reply
        attempts    INTEGER NOT NULL DEFAULT 0,
        message_id  TEXT,
        updated     TEXT NOT NULL,
        PRIMARY KEY (edition_id, recipient)
    );
    """,
    # 2: a feed's entries as last parsed (JSON), so a 304 reuses them instead of losing them.
    """
    ALTER TABLE feeds ADD COLUMN entries TEXT;
    """,
    # 3: the edition as rendered (JSON: subject, preheader, html, text), so that an interrupted send
    # resumes with exactly the copy the first recipients got (see digest/deliver/ledger.py).
    """
    ALTER TABLE editions ADD COLUMN rendered TEXT;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class State:
    """An open state database; `readonly` ones (build, reduce, preview) refuse every write."""

    def __init__(self, path: Path, *, readonly: bool = False, timeout: float = 10.0) -> None:
        self.path = path
        self.readonly = readonly
        self.db = _connect(path, timeout)
        self.migrate()  # a schema upgrade changes no content, so read-only opens do it too
        if readonly:
            self.db.execute("PRAGMA query_only = ON")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> State:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error; SQLite errors become StateError."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
        except sqlite3.Error as err:
            raise _state_error(self.path, err) from None

    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        version = self.version
        if version > SCHEMA_VERSION:
            raise StateError(
                f"{self.path}: state schema version {version} is newer than this digest "
                f"understands ({SCHEMA_VERSION}); upgrade digest"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction() as db:
                for statement in MIGRATIONS[target - 1].split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {target}")


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for private in (path, *(path.with_name(path.name + x) for x in ("-wal", "-shm"))):
            restrict(private)  # what an older digest created 0644
        if not path.exists():
            create_private(path)  # SQLite gives its -wal and -shm files the database's mode
        db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        db.execute("PRAGMA quick_check").fetchone()
    except (sqlite3.Error, OSError) as err:
        raise _state_error(path, err) from None
    return db


def _state_error(path: Path, err: Exception) -> StateError:
    text = str(err)
    if isinstance(err, sqlite3.DatabaseError) and "not a database" in text:
        return StateError(
            f"{path}: not a digest state database (corrupt?): move it aside to start afresh; "
            "articles already sent may then be sent again"
        )
    if "locked" in text:
        return StateError(f"{path}: the state database is locked by another process")
    return StateError(f"{path}: {getattr(err, 'strerror', None) or text}")


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FeedValidators:
    """What a feed's server said last time, for a conditional GET."""

    etag: str | None
    last_modified: str | None


class SeenArticles:
    """Which article keys were already delivered (or baselined) and need not be sent again."""

    def __init__(self, state: State) -> None:
        self.state = state

    def unseen(self, keys: Iterable[str]) -> set[str]:
        """The keys among `keys` that were never delivered nor baselined."""
        keys = list(dict.fromkeys(keys))
        seen: set[str] = set()
        for start in range(0, len(keys), 500):  # SQLite's parameter limit
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.state.db.execute(f"SELECT key FROM seen WHERE key IN ({marks})", chunk)
            seen.update(row[0] for row in rows)
        return set(keys) - seen

    def known_sources(self, names: Iterable[str]) -> set[str]:
        """The source names among `names` that have at least one seen article (for baselines)."""
        names = list(dict.fromkeys(names))
        marks = ",".join("?" * len(names))
        rows = self.state.db.execute(
            f"SELECT DISTINCT source FROM seen WHERE source IN ({marks})", names
        )
        return {row[0] for row in rows}

    def mark(self, items: Iterable[tuple[str, str]], edition_id: int | None = None) -> None:
        """Record (key, source) pairs as seen; with an edition id: delivered in that edition."""
        now = utc_now()
        with self.state.transaction() as db:
            db.executemany(
                "INSERT INTO seen (key, source, first_seen, edition_id) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET edition_id = COALESCE(seen.edition_id, excluded.edition_id)",
                [(key, source, now, edition_id) for key, source in items],
            )


class FeedCache:
    """ETag and Last-Modified per feed URL, so an unchanged feed costs a 304 and no parsing."""

    def __init__(self, state: State) -> None:
        self.state = state

    def get(self, url: str) -> FeedValidators | None:
        row = self.state.db.execute(
            "SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)
        ).fetchone()
        return FeedValidators(row["etag"], row["last_modified"]) if row else None

    def entries(self, url: str) -> str | None:
        """The feed's entries as stored with its validators (JSON), or None."""
        row = self.state.db.execute("SELECT entries FROM feeds WHERE url = ?", (url,)).fetchone()
        return row["entries"] if row else None

    def put(self, url: str, validators: FeedValidators, entries: str | None = None) -> None:
        with self.state.transaction() as db:
            db.execute(
                "INSERT INTO feeds (url, etag, last_modified, checked, entries) "
                "VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
                "last_modified = excluded.last_modified, checked = excluded.checked, "
                "entries = excluded.entries",
                (url, validators.etag, validators.last_modified, utc_now(), entries),
            )
