"""Notices changed files by polling their modification times: config, templates, sources.

Polling a few dozen files four times a second costs next to nothing, works the same on every
platform and file system (network drives, containers, editors that save by renaming), and needs no
dependency; a change is seen within ~0.25 s and the rebuild takes well under a second.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from ..config import Config
from ..render.html import builtin_templates

POLL_SECONDS = 0.25
SETTLE_SECONDS = 0.05  # an editor's save may take more than one write: wait until it is done
MAX_ENTRIES = 5000  # a source folder that is a whole disk would make polling expensive
SKIPPED_NAMES = {"__pycache__", "node_modules"}

Fingerprint = dict[str, tuple[int, int]]


def watched_paths(config_path: Path, config: Config | None) -> tuple[Path, ...]:
    """What the edition is made of: config.toml, the templates and every local source path."""
    paths = [config_path.resolve(), builtin_templates()]
    if config is not None:
        if config.render.templates:
            paths.append(config.render.templates)
        paths.extend(path for source in config.sources for path in source.local_paths())
    return tuple(dict.fromkeys(paths))


def fingerprint(paths: Iterable[Path]) -> Fingerprint:
    """Modification time and size of every file under `paths` (hidden files and folders skipped)."""
    seen: Fingerprint = {}
    for path in paths:
        _add(Path(path), seen, depth=0)
    return seen


def _add(path: Path, seen: Fingerprint, depth: int) -> None:
    if len(seen) >= MAX_ENTRIES:
        return
    try:
        stat = path.stat()
    except OSError:
        return  # missing now; its appearance shows up as a new entry
    seen[str(path)] = (stat.st_mtime_ns, stat.st_size)
    if not path.is_dir() or depth > 4:
        return
    try:
        entries = sorted(os.scandir(path), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(".") and entry.name not in SKIPPED_NAMES:
            _add(Path(entry.path), seen, depth + 1)


def changed_files(before: Fingerprint, after: Fingerprint) -> list[str]:
    """The paths that appeared, disappeared or changed, files before the folders holding them."""
    changed = [p for p in before.keys() | after.keys() if before.get(p) != after.get(p)]
    return sorted(changed, key=lambda p: (-p.count(os.sep), p))


class Watcher(threading.Thread):
    """Calls `on_change(changed_paths)` whenever a file under `paths()` changes, until stopped."""

    def __init__(
        self,
        paths: Callable[[], Iterable[Path]],
        on_change: Callable[[list[str]], object],
        *,
        interval: float = POLL_SECONDS,
    ) -> None:
        super().__init__(name="digest-preview-watcher", daemon=True)
        self.paths = paths
        self.on_change = on_change
        self.interval = interval
        self.stopped = threading.Event()
        # The first look is taken now, not when the thread gets going: an edit made right after
        # start() returns must count as a change.
        self._watched = tuple(paths())
        self._last = fingerprint(self._watched)

    def run(self) -> None:
        watched, last = self._watched, self._last
        while not self.stopped.wait(self.interval):
            now = fingerprint(watched)
            if now == last:
                continue
            while not self.stopped.wait(SETTLE_SECONDS):
                settled = fingerprint(watched)
                if settled == now:
                    break
                now = settled
            self.on_change(changed_files(last, now))
            last = now  # taken before the rebuild: an edit during the rebuild is seen next time
            if (paths := tuple(self.paths())) != watched:  # e.g. a new templates folder
                watched, last = paths, fingerprint(paths)

    def stop(self) -> None:
        self.stopped.set()
