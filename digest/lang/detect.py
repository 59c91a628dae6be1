"""Which language an article is in, by a count of function words (no model, no download).

Used by extract (typography follows the language) and the reducer. The languages of lang/ (German, English) are told apart by how many of the text's words are each
language's function words; a text that gives no clear answer keeps the language its source declared.
"""

from __future__ import annotations

import re

from . import languages, word_set

MIN_EVIDENCE = 8  # function words needed before the count decides
MARGIN = 2.0  # one language's count must be this many times the other's

# `[…][…]*` rather than `[…]+`: a pattern that opens with a character class lets the search skip
# to the next letter in C instead of trying a match at every space and mark (0.6× the time)
_WORD = re.compile(r"[a-zäöüß'][a-zäöüß']*")
# Each language's function words ([function_words] of its data file), counted to tell them apart.
FUNCTION_WORDS = {code: word_set("function_words", "words", among=(code,)) for code in languages()}


def detect_language(text: str) -> str | None:
    """A language code ('de', 'en', … as in lang/), or None when the text is too short or too
    mixed to tell."""
    words = _WORD.findall(text[:4000].lower())
    # map() with the sets' own membership test counts in C, without a Python loop per word
    counts = sorted(
        (
            (sum(map(stop_words.__contains__, words)), code)
            for code, stop_words in FUNCTION_WORDS.items()
        ),
        reverse=True,
    )
    (best, code), second = counts[0], (counts[1][0] if len(counts) > 1 else 0)
    if best < MIN_EVIDENCE or best < MARGIN * max(second, 1):
        return None
    return code


def article_language(text: str, declared: str) -> str:
    """The language to reduce with: what the text clearly is, else what its source declared."""
    return detect_language(text) or declared
