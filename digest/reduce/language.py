"""Which language an article is in, by a count of function words (no model, no download).

German and English are told apart by how many of the text's words are German or English function
words; a text that gives no clear answer keeps the language its source declared.
"""

from __future__ import annotations

import re

from .lexicon import STOP_WORDS_DE, STOP_WORDS_EN

MIN_EVIDENCE = 8  # function words needed before the count decides
MARGIN = 2.0  # one language's count must be this many times the other's

_WORD = re.compile(r"[a-zäöüß']+")


def detect_language(text: str) -> str | None:
    """'de', 'en', or None when the text is too short or too mixed to tell."""
    words = _WORD.findall(text[:4000].lower())
    # map() with the sets' own membership test counts in C, without a Python loop per word
    german = sum(map(STOP_WORDS_DE.__contains__, words))
    english = sum(map(STOP_WORDS_EN.__contains__, words))
    if max(german, english) < MIN_EVIDENCE:
        return None
    if german >= MARGIN * max(english, 1):
        return "de"
    if english >= MARGIN * max(german, 1):
        return "en"
    return None


def article_language(text: str, declared: str) -> str:
    """The language to reduce with: what the text clearly is, else what its source declared."""
    return detect_language(text) or declared
