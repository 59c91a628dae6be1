"""Single lines of untrusted text: no controls, bidi overrides, zero-width or line-separator
characters, whitespace folded. Shared by what puts text into headers (render, message) and what
cleans feed titles and links (sanitise), without either importing the other's dependencies."""

from __future__ import annotations

import unicodedata

# Controls, format characters (bidi overrides, zero-width), line and paragraph separators.
INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})


def one_line(text: str) -> str:
    """Text for a single line (subject, preheader, header, title): invisible characters as spaces."""
    cleaned = "".join(" " if unicodedata.category(c) in INVISIBLE else c for c in text)
    return " ".join(cleaned.split())


def has_space_or_invisible(text: str) -> bool:
    """Whether a URL-like value holds whitespace or an invisible character (then it is no URL)."""
    return any(c.isspace() or unicodedata.category(c) in INVISIBLE for c in text)
