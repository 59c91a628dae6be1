"""One sender at a time: an fcntl lock on a file beside the state database.

The kernel drops the lock when the holder dies in any way (kill -9 included), so a stale lock file
never blocks the next run; the pid written into it is only there to name the holder in messages.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import LockHeldError, StateError
from ..privatefile import open_private


def lock_path(state_path: Path) -> Path:
    return state_path.with_name(state_path.name + ".lock")


@contextlib.contextmanager
def run_lock(state_path: Path) -> Iterator[Path]:
    """Hold the lock for the block; LockHeldError (exit 3) at once when another run holds it."""
    path = lock_path(state_path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = open_private(path)  # 0600, no symlink followed, a regular file
    except OSError as err:
        raise StateError(f"{path}: cannot open the lock file: {err.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = (os.pread(fd, 32, 0).decode("ascii", "replace").split() or ["?"])[0]
            raise LockHeldError(
                f"another digest run (pid {holder}) is sending; it holds {path}. "
                "Nothing was sent by this run."
            ) from None
        # Written over, never truncated: a fixed width covers any earlier pid.
        os.pwrite(fd, f"{os.getpid():<20}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)  # releases the lock
