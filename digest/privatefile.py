"""Files only their owner may read: the state database, its lock, the editor's edits and approvals.

`state.db` holds every recipient address and the rendered edition, so it is created 0600 (or
stricter, when the umask takes away more); so is anything else digest keeps beside it. A path that
is a symbolic link or anything but a plain file is refused rather than followed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

PRIVATE_MODE = 0o600


class NotPrivateFile(OSError):
    """The path is a symbolic link, not a regular file, or linked elsewhere: not ours to open."""


def open_private(path: Path, flags: int = os.O_RDWR) -> int:
    """A descriptor for `path`, created with mode 0600 (minus the umask) when it does not exist.

    Never follows a symlink (O_NOFOLLOW) and refuses anything but a regular file with one link, so
    a file planted in the state folder cannot make digest write elsewhere. Nothing is truncated.
    """
    fd = os.open(path, flags | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, PRIVATE_MODE)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
            raise NotPrivateFile(0, "not a regular file of its own (a link?)", str(path))
    except BaseException:
        os.close(fd)
        raise
    return fd


def create_private(path: Path) -> None:
    """`path` created empty and private when missing; an existing file is made private too."""
    os.close(open_private(path))
    restrict(path)


def restrict(path: Path) -> None:
    """Take group and other permissions away from an existing file (an older digest made it 0644)."""
    try:
        mode = os.stat(path, follow_symlinks=False).st_mode
        if stat.S_ISREG(mode) and mode & 0o077:
            os.chmod(path, stat.S_IMODE(mode) & ~0o077)
    except (FileNotFoundError, PermissionError):
        pass  # gone, or another user's file that we may still read: theirs to protect


def write_private(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically (a temporary 0600 file beside it, then a rename): a
    kill -9 at any moment leaves the old file or the new one. mkstemp creates the temporary file
    with O_EXCL, so it never follows a symlink; the rename replaces a symlink at the final name
    rather than writing through it. OSError."""
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
