"""SQLite state: schema versioning, transactions, and clear errors for locked or corrupt files."""

from __future__ import annotations

import sqlite3

import pytest

from digest.errors import StateError
from digest.state.db import SCHEMA_VERSION, State


def test_new_database_gets_the_current_schema(tmp_path):
    with State(tmp_path / "state.db") as state:
        assert state.version == SCHEMA_VERSION
        tables = {
            r[0] for r in state.db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        assert {"seen", "feeds", "editions", "sends"} <= tables
        assert state.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_transaction_rolls_back_on_error(tmp_path):
    with State(tmp_path / "state.db") as state:
        with pytest.raises(RuntimeError), state.transaction() as db:
            db.execute("INSERT INTO seen VALUES ('k', 's', '2026-11-25', NULL)")
            raise RuntimeError("boom")
        assert state.db.execute("SELECT count(*) FROM seen").fetchone()[0] == 0


def test_reopening_keeps_data(tmp_path):
    with State(tmp_path / "state.db") as state, state.transaction() as db:
        db.execute("INSERT INTO seen VALUES ('k', 's', '2026-11-25', NULL)")
    with State(tmp_path / "state.db") as state:
        assert state.db.execute("SELECT key FROM seen").fetchone()[0] == "k"


def test_corrupt_file_is_a_clear_error(tmp_path):
    path = tmp_path / "state.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StateError, match=r"not a digest state database .*move it aside"):
        State(path)
    assert path.read_bytes().startswith(b"this is not sqlite")  # nothing overwritten


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "state.db"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StateError, match="newer than this digest understands"):
        State(path)


def test_seen_articles_and_feed_cache(tmp_path):
    from digest.state.db import FeedCache, FeedValidators, SeenArticles

    with State(tmp_path / "state.db") as state:
        seen = SeenArticles(state)
        assert seen.unseen(["a", "b"]) == {"a", "b"}
        seen.mark([("a", "src")])
        seen.mark([("a", "src"), ("b", "src")], edition_id=None)
        assert seen.unseen(["a", "b", "c"]) == {"c"}
        assert seen.unseen(f"k{i}" for i in range(1200)) == {f"k{i}" for i in range(1200)}
        cache = FeedCache(state)
        assert cache.get("https://x/feed") is None
        cache.put("https://x/feed", FeedValidators('"e1"', None))
        cache.put("https://x/feed", FeedValidators('"e2"', "Wed, 25 Nov 2026 10:00:00 GMT"))
        assert cache.get("https://x/feed") == FeedValidators(
            '"e2"', "Wed, 25 Nov 2026 10:00:00 GMT"
        )
