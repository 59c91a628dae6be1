"""State for feeds: schema version 2 (cached entries), read-only opens, sources known for baselines."""

from __future__ import annotations

import sqlite3

import pytest

from digest.errors import StateError
from digest.state.db import MIGRATIONS, FeedCache, FeedValidators, SeenArticles, State


def test_a_version_1_database_is_upgraded_and_keeps_its_rows(tmp_path):
    path = tmp_path / "state.db"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute("INSERT INTO feeds VALUES ('https://e.example/f', '\"e\"', NULL, '2026-11-24')")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with State(path, readonly=True) as state:  # reading needs the new column: it is added
        assert state.version == len(MIGRATIONS) >= 2
        cache = FeedCache(state)
        assert cache.get("https://e.example/f") == FeedValidators('"e"', None)
        assert cache.entries("https://e.example/f") is None


def test_feed_entries_are_stored_with_the_validators(tmp_path):
    with State(tmp_path / "state.db") as state:
        cache = FeedCache(state)
        cache.put("https://e.example/f", FeedValidators('"e1"', None), '[{"key": "k"}]')
        assert cache.entries("https://e.example/f") == '[{"key": "k"}]'
        cache.put("https://e.example/f", FeedValidators('"e2"', None))
        assert cache.entries("https://e.example/f") is None  # new validators, old entries gone


def test_read_only_state_refuses_writes(tmp_path):
    State(tmp_path / "state.db").close()
    with State(tmp_path / "state.db", readonly=True) as state, pytest.raises(StateError):
        SeenArticles(state).mark([("k", "s")])


def test_known_sources(tmp_path):
    with State(tmp_path / "state.db") as state:
        seen = SeenArticles(state)
        seen.mark([("k1", "A"), ("k2", "A"), ("k3", "C")])
        assert seen.known_sources(["A", "B"]) == {"A"}
        assert seen.known_sources([]) == set()
