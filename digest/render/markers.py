"""The per-recipient markers that rendering leaves in an edition for delivery to fill in.

Markers are plain ASCII that survive Jinja autoescaping and premailer untouched;
deliver/personalise.py replaces them in each recipient's copy. Each edition's markers carry a
random key (`secrets.token_hex`, 128 bits) drawn when it is rendered and kept with the stored
edition, so text from a feed cannot hold a marker and have every reader's unsubscribe URL and name
put into a link of its own.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

UNSUBSCRIBE_URL = "%%DIGEST_UNSUBSCRIBE_URL%%"  # the fixed form: only editions stored before keys
NAME_SUFFIX = "%%DIGEST_NAME_SUFFIX%%"  # "Guten Abend<here>," → "Guten Abend, Anna,"
MARKERS = (UNSUBSCRIBE_URL, NAME_SUFFIX)


@dataclass(frozen=True)
class Markers:
    """The two markers of one edition."""

    unsubscribe_url: str
    name_suffix: str

    @property
    def all(self) -> tuple[str, str]:
        return (self.unsubscribe_url, self.name_suffix)


def new_marker_key() -> str:
    """A fresh key for one edition's markers: unguessable, so no source can write a marker."""
    return secrets.token_hex(16)


def markers(key: str) -> Markers:
    """The markers for `key` ("%%DIGEST_UNSUBSCRIBE_URL_<key>%%"; "" gives the fixed old ones)."""
    suffix = f"_{key}" if key else ""
    return Markers(f"%%DIGEST_UNSUBSCRIBE_URL{suffix}%%", f"%%DIGEST_NAME_SUFFIX{suffix}%%")
