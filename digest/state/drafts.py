"""The editor's drafts in the state database: the edition as built per day, the story ids of every
build of that day, the test mails sent and the approvals given.

The edition itself is stored as JSON (edition/serialise.py makes and reads it); this module only
keeps rows. Each change is one transaction, so a kill -9 leaves the old draft or the new one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .db import State, utc_now


@dataclass(frozen=True)
class StoredDraft:
    """A day's draft as the last `digest build` (or send/run) made it."""

    built: datetime  # UTC
    edition: dict[str, Any]  # edition/serialise.py's edition_record()
    considered: frozenset[str]  # item keys the build collected (news since are the others)
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TestMail:
    sent: datetime
    recipients: tuple[str, ...]
    content: str


@dataclass(frozen=True)
class Approval:
    approved: datetime
    content: str  # the content hash approved
    summary: dict[str, Any]  # edition/approval.py's summary()


class Drafts:
    """Reads and writes the draft tables of one newsletter."""

    def __init__(self, state: State, newsletter: str) -> None:
        self.state = state
        self.newsletter = newsletter

    def get(self, day: date) -> StoredDraft | None:
        row = self.state.db.execute(
            "SELECT built, edition, considered, sources FROM drafts"
            " WHERE newsletter = ? AND day = ?",
            (self.newsletter, day.isoformat()),
        ).fetchone()
        if row is None:
            return None
        return StoredDraft(
            datetime.fromisoformat(row["built"]),
            json.loads(row["edition"]),
            frozenset(json.loads(row["considered"])),
            tuple(json.loads(row["sources"])),
        )

    def save(
        self,
        day: date,
        edition: dict[str, Any],
        considered: Iterable[str],
        sources: Iterable[str],
        stories: Iterable[tuple[str, str]],
    ) -> datetime:
        """Replace the day's draft; `stories` (id, headline) join the ids of the day's builds."""
        built = utc_now()
        key = (self.newsletter, day.isoformat())
        with self.state.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO drafts VALUES (?, ?, ?, ?, ?, ?)",
                (*key, built, json.dumps(edition, ensure_ascii=False),
                 json.dumps(sorted(considered)), json.dumps(list(sources))),
            )  # fmt: skip
            db.executemany(
                "INSERT OR REPLACE INTO draft_ids VALUES (?, ?, ?, ?)",
                [(*key, story_id, headline) for story_id, headline in stories],
            )
        return datetime.fromisoformat(built)

    def day_ids(self, day: date) -> dict[str, str]:
        """id → headline of every story in any build of the day."""
        rows = self.state.db.execute(
            "SELECT id, headline FROM draft_ids WHERE newsletter = ? AND day = ?",
            (self.newsletter, day.isoformat()),
        )
        return {row[0]: row[1] for row in rows}

    def record_test_mail(self, day: date, recipients: Iterable[str], content: str) -> None:
        with self.state.transaction() as db:
            db.execute(
                "INSERT INTO test_mails (newsletter, day, sent, recipients, content)"
                " VALUES (?, ?, ?, ?, ?)",
                (self.newsletter, day.isoformat(), utc_now(), json.dumps(list(recipients)),
                 content),
            )  # fmt: skip

    def test_mails(self, day: date) -> list[TestMail]:
        rows = self.state.db.execute(
            "SELECT sent, recipients, content FROM test_mails"
            " WHERE newsletter = ? AND day = ? ORDER BY id",
            (self.newsletter, day.isoformat()),
        )
        return [TestMail(datetime.fromisoformat(r[0]), tuple(json.loads(r[1])), r[2]) for r in rows]

    def approve(self, day: date, content: str, summary: dict[str, Any]) -> datetime:
        approved = utc_now()
        with self.state.transaction() as db:
            db.execute(
                "INSERT INTO approvals (newsletter, day, approved, content, summary)"
                " VALUES (?, ?, ?, ?, ?)",
                (self.newsletter, day.isoformat(), approved, content,
                 json.dumps(summary, ensure_ascii=False)),
            )  # fmt: skip
        return datetime.fromisoformat(approved)

    def approval(self, day: date) -> Approval | None:
        """The latest approval of the day's draft."""
        row = self.state.db.execute(
            "SELECT approved, content, summary FROM approvals"
            " WHERE newsletter = ? AND day = ? ORDER BY id DESC LIMIT 1",
            (self.newsletter, day.isoformat()),
        ).fetchone()
        if row is None:
            return None
        return Approval(datetime.fromisoformat(row[0]), row[1], json.loads(row[2]))
