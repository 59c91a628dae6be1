"""One private file written atomically: a temporary file (mode 0600) beside it, then a rename.

A kill -9 at any moment leaves the old file or the new one, never a mixture. The temporary file is
created with O_EXCL by mkstemp, so it never follows a symlink planted under its name, and the
rename replaces a symlink at the final name rather than writing through it.

(A security fix on another branch adds a shared helper for this; until it is merged, edits.toml
uses this one.)
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE_MODE = 0o600


def write_private(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically; the file is readable by its owner only. OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(handle, PRIVATE_MODE)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):  # the rename itself on disk (power loss)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
