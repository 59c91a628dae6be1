"""Quotation marks: finds the spans of quoted text in a paragraph, whatever marks the writer used.

German „…“ (also closed with ” or " by careless typing), straight "…", guillemets »…« and «…»,
English “…”. Single marks ‚…‘ and '…' nest inside and are not scanned. A quote left open at the end
of the paragraph is no quote.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .scan import positions

# opener → the marks that may close it
CLOSERS: dict[str, str] = {
    "„": '“”"',
    '"': '"“”',
    "»": "«",
    "«": "»",
    "“": '”"',
}


MARKS = frozenset("".join(CLOSERS) + "".join(CLOSERS.values()))
# any one of them, for a test whether a text holds a quotation mark at all
ANY_MARK = re.compile("[" + re.escape("".join(sorted(MARKS))) + "]")


class QuoteSpan(NamedTuple):
    """start/end include the marks; the quoted words are text[start + 1 : end - 1].

    A NamedTuple rather than a frozen dataclass (as are the reducer's other small records made
    many times per article): as immutable, and several times cheaper to make."""

    start: int
    end: int
    opener: str

    def inner(self, text: str) -> str:
        return text[self.start + 1 : self.end - 1]


def scan_quotes(text: str) -> list[QuoteSpan]:
    """Top-level quotation spans in `text`, in order."""
    spans: list[QuoteSpan] = []
    opener = ""
    start = 0
    for i in positions(text, MARKS):  # str.find: faster than a regex for any mark
        char = text[i]
        if opener:
            if char in CLOSERS[opener] and not _is_inch_or_apostrophe(text, i):
                spans.append(QuoteSpan(start, i + 1, opener))
                opener = ""
        elif char in CLOSERS and _can_open(text, i):
            opener, start = char, i
    return spans


def _can_open(text: str, i: int) -> bool:
    """A straight or guillemet mark opens only at a word start (not after a letter)."""
    char = text[i]
    if char in "„":
        return True
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isalnum() and not after.isspace()


def _is_inch_or_apostrophe(text: str, i: int) -> bool:
    # 5" (five inches) is no closing mark; a real close is never directly preceded by a digit and
    # followed by a letter.
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isdigit() and after.isalpha()
