"""Files backend: out/<date>/digest.{html,txt,eml,json}, each written to a temporary name and renamed.

All files are first written in full under temporary names; only then are they renamed into place,
so a failure (disk full, read-only folder) leaves the previous edition's files as they were and no
half-written file behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..edition.serialise import edition_dict
from ..errors import OutputError
from ..models import DeliveryResult
from ..render.message import message_bytes
from . import Copy, Delivery, deliver_edition, register, unaddressed_copy
from .recipients import header_address


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _umask_mode()


@register("files")
class FilesBackend:
    """Writes the configured formats into <out>/<date>/."""

    def open(self, delivery: Delivery) -> FilesSession:
        return FilesSession(delivery)

    def deliver(self, delivery: Delivery) -> DeliveryResult:
        return deliver_edition(self, delivery)


class FilesSession:
    """One edition's files: nobody's copy, written with its HTML, text and JSON siblings."""

    def __init__(self, delivery: Delivery) -> None:
        self.delivery = delivery
        config = delivery.config
        first = header_address(config.recipients.to[0]) if config.recipients.to else None
        to = first or config.newsletter.sender_address  # an IDN domain as punycode, as when sent
        self.rendered, self.message = unaddressed_copy(delivery, to)

    def pending(self) -> list[Copy]:
        message = self.message
        return [
            Copy("", str(message["To"]), str(message["Message-ID"]), lambda: message_bytes(message))
        ]

    def deliver(self, copies: Iterable[Copy]) -> DeliveryResult:
        config = self.delivery.config
        folder = (
            self.delivery.out_dir or config.output.dir
        ) / self.delivery.edition.date.isoformat()
        paths: list[Path] = []
        for copy in copies:
            contents = self.files(copy.message())
            wanted = {f"digest.{fmt}": contents[f"digest.{fmt}"] for fmt in config.output.formats}
            paths += write_all(folder, wanted)
        return DeliveryResult("files", delivered=tuple(str(p) for p in paths))

    def files(self, eml: bytes) -> dict[str, bytes]:
        """The bytes of every output format, keyed by file name."""
        data = edition_dict(self.delivery.edition, self.rendered)
        return {
            "digest.html": self.rendered.html.encode("utf-8"),
            "digest.txt": self.rendered.text.encode("utf-8"),
            "digest.eml": eml,
            "digest.json": (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        }

    def close(self) -> None:
        pass


def write_all(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write every file under a temporary name first, then rename them all into place."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{folder}: cannot create the output folder: {err.strerror}") from None
    temporary: list[tuple[Path, Path]] = []
    try:
        for name, data in files.items():
            temporary.append((write_temporary(folder, name, data), folder / name))
        for temp, final in temporary:
            os.replace(temp, final)
    except OSError as err:
        for temp, _ in temporary:
            with contextlib.suppress(OSError):
                temp.unlink()
        culprit = err.filename or folder
        raise OutputError(f"{culprit}: cannot write: {err.strerror or err}") from None
    return [final for _, final in temporary]


def write_temporary(folder: Path, name: str, data: bytes) -> Path:
    """Write `data` to a new hidden file beside `name`; it is removed again when writing fails."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(handle, _FILE_MODE)  # mkstemp makes 0600; outputs are ordinary files
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return Path(temp_name)


def write_atomic(path: Path, data: bytes) -> Path:
    """Write one file atomically (temporary name, then rename)."""
    return write_all(path.parent, {path.name: data})[0]
