"""Single lines of untrusted text: no controls, bidi overrides, zero-width or line-separator
characters, whitespace folded. Shared by what puts text into headers (render, message) and what
cleans feed titles and links (sanitise), without either importing the other's dependencies."""

from __future__ import annotations

import re
import unicodedata

# Controls, format characters (bidi overrides, zero-width), line and paragraph separators.
INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})
# Anything shaped like a personalisation marker (personalise.py: "%%DIGEST_…%%"), and its start.
_MARKER_LIKE = re.compile(r"%%DIGEST_\w*(?:%%)?", re.IGNORECASE)


def one_line(text: str) -> str:
    """Text for a single line (subject, preheader, header, title): invisible characters as spaces."""
    cleaned = "".join(" " if unicodedata.category(c) in INVISIBLE else c for c in text)
    return " ".join(cleaned.split())


def has_space_or_invisible(text: str) -> bool:
    """Whether a URL-like value holds whitespace or an invisible character (then it is no URL)."""
    return any(c.isspace() or unicodedata.category(c) in INVISIBLE for c in text)


def no_encoded_words(text: str) -> str:
    """`text` with every "=?" broken by a zero-width space, so no RFC 2047 encoded word is left.

    The email package decodes "=?utf-8?q?…?=" in a header value it is given and, on Python before
    3.11.10 / 3.12.5 (CVE-2024-6923), writes a decoded CR/LF raw: a new header or the body."""
    return text.replace("=?", "=\u200b?")


def is_one_field(raw: bytes) -> bool:
    """Whether folded header bytes are exactly one field: every CRLF but the last is folding
    (followed by a space or tab), ending in CRLF, with no bare CR or LF anywhere."""
    if not raw.endswith(b"\r\n"):
        return False
    lines = raw[:-2].split(b"\r\n")
    if any(b"\r" in line or b"\n" in line for line in lines):
        return False
    return all(line[:1] in (b" ", b"\t") and line.strip() for line in lines[1:])


def without_markers(text: str) -> str:
    """Untrusted text (feed, page, edit) without anything shaped like a personalisation marker.

    Markers carry a secret key per edition, so a source cannot guess one; this removes the old
    fixed forms and any attempt too, so no text but the templates' can ever become a marker."""
    return _MARKER_LIKE.sub("", text) if "%%" in text else text
