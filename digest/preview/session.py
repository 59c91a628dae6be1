"""The preview session: the current build, rebuilt when files change, and who is waiting to hear of it.

Each rebuild makes a new numbered `Snapshot`. A failed rebuild keeps the last good email beside the
problems, so the page can show both; the next good build clears the problems. The page's event
stream waits in `wait_newer()`.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..config import Config, load_config
from ..errors import DigestError
from ..pipeline import day_story_ids, edits_file, refresh_files, today
from .corrections import Refused, correct
from .snapshot import Email, Problem, build_email
from .watch import watched_paths

Log = Callable[[str, bool], None]  # (message, is_error)


@dataclass(frozen=True)
class Snapshot:
    """One numbered build: the email (the last good one), and the problems when this build failed."""

    version: int
    built_at: datetime
    seconds: float
    email: Email | None
    email_version: int  # the build the email comes from; older than `version` after a failure
    problems: tuple[Problem, ...]
    changed: tuple[str, ...]  # the files whose change caused this build

    @property
    def ok(self) -> bool:
        return not self.problems


class Session:
    """Builds the edition of `config_path` on demand and tells waiters about each new build."""

    def __init__(
        self, config_path: Path, edition_date: date | None = None, log: Log | None = None
    ) -> None:
        self.config_path = Path(config_path)
        self.edition_date = edition_date
        self.log = log or (lambda message, is_error: None)
        self.server_id = secrets.token_hex(6)  # the page reloads fully when the server restarts
        # Embedded in the page, required by every write: another site cannot read it (CORS).
        self.token = secrets.token_urlsafe(32)
        self._saving = threading.Lock()  # one correction at a time
        self._config: Config | None = None
        self._changed = threading.Condition()
        self._building = threading.Lock()
        self._closed = False
        self._snapshot: Snapshot | None = None
        self.rebuild()

    @property
    def snapshot(self) -> Snapshot:
        with self._changed:
            assert self._snapshot is not None
            return self._snapshot

    def watched(self) -> tuple[Path, ...]:
        """The files to watch: those of the last config that could be read, and out/<date>/ with
        edits.toml and the files `digest build` writes."""
        paths = watched_paths(self.config_path, self._config)
        if self._config is None:
            return paths
        day = self.edition_date or today(self._config)
        return (*paths, edits_file(self._config, day).parent)

    def correct(self, body: object) -> Snapshot:
        """Write a correction posted by the page into edits.toml, then rebuild (Refused if not)."""
        with self._saving:
            try:
                config = load_config(self.config_path)
            except DigestError as err:
                raise Refused(409, f"the config cannot be read: {err}") from None
            email = self.snapshot.email
            if email is None or email.draft is None or not self.snapshot.ok:
                raise Refused(409, "the preview shows no good build: fix the problem first")
            day = self.edition_date or today(config)
            path = edits_file(config, day)
            correct(path, email.draft, day_story_ids(config, day), body)
            try:
                refresh_files(config, edition_date=day)
            except DigestError as err:
                self.log(f"{path.name} saved, but out/{day}/ was not rewritten: {err}", True)
        return self.rebuild([str(path)])

    def rebuild(self, changed: list[str] | None = None) -> Snapshot:
        """Build again; the new snapshot is announced to every waiter."""
        with self._building:
            outcome = build_email(self.config_path, self.edition_date)
            if outcome.config is not None:
                self._config = outcome.config
            previous = self._snapshot
            version = previous.version + 1 if previous else 1
            if outcome.email is not None or previous is None:
                email, email_version = outcome.email, version
            else:
                email, email_version = previous.email, previous.email_version
            snapshot = Snapshot(
                version=version,
                built_at=datetime.now().astimezone(),
                seconds=outcome.seconds,
                email=email,
                email_version=email_version,
                problems=outcome.problems,
                changed=tuple(_shown(p) for p in changed or ()),
            )
            with self._changed:
                self._snapshot = snapshot
                self._changed.notify_all()
        self._report(snapshot)
        return snapshot

    def wait_newer(self, version: int, timeout: float) -> Snapshot | None:
        """The snapshot once it is newer than `version`; None on timeout or when closing."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._closed or (self._snapshot and self._snapshot.version > version),
                timeout,
            )
            if self._closed or self._snapshot is None or self._snapshot.version <= version:
                return None
            return self._snapshot

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Wake every waiter so event streams end."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()

    def _report(self, snapshot: Snapshot) -> None:
        cause = f" ({', '.join(snapshot.changed[:3])} changed)" if snapshot.changed else ""
        if snapshot.problems:
            for problem in snapshot.problems:
                self.log(f"build {snapshot.version} failed{cause}: {problem.message}", True)
            return
        email = snapshot.email
        stories = f"{email.stories} stories, " if email else ""
        self.log(f"build {snapshot.version}: {stories}{snapshot.seconds:.2f} s{cause}", False)


def _shown(path: str) -> str:
    """A path relative to the working directory when it is below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative
