"""The per-recipient markers that rendering leaves in an edition for delivery to fill in.

Markers are plain ASCII that survive Jinja autoescaping and premailer untouched; deliver/personalise.py
replaces them in each recipient's copy.
"""

from __future__ import annotations

UNSUBSCRIBE_URL = "%%DIGEST_UNSUBSCRIBE_URL%%"
NAME_SUFFIX = "%%DIGEST_NAME_SUFFIX%%"  # "Guten Abend<here>," → "Guten Abend, Anna,"
MARKERS = (UNSUBSCRIBE_URL, NAME_SUFFIX)
