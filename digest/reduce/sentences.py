"""Sentence splitting for German (and English) news text, without model downloads.

A boundary is end punctuation followed by space and a capital, digit or opening quote, unless the
word before the full stop is an abbreviation, an initial, or an ordinal ("3. September"). Boundaries
inside an open quotation are kept inside, so a quote of several sentences stays one unit. Sentences
glued in the source without a space ("… in Mombasa.Den Polizeibehörden …") are split too when a word
of two or more letters, ending in lower case, stands before the full stop and a capitalised word
after it; not after an abbreviation ("Dr.Müller", "z.B.Die") or a word with a dot, slash, colon or
digit in it (an address, "www.br24.de", "HRS.freie.Woche", "Nr.5").
"""

from __future__ import annotations

import re

from .. import lang
from .marks import scan_quotes
from .scan import finditer_at

ABBREVIATIONS = lang.word_set("abbreviations", "words")
# After a number with a full stop, one of these makes it an ordinal ("3. Mai", "4. Spieltag").
MONTHS_AND_ORDINAL_NOUNS = frozenset(
    [w.lower() for w in lang.words("months", "names") + lang.words("months", "variants")]
    + list(lang.words("months", "abbreviations"))
    + list(lang.words("ordinals", "nouns"))
)
# After one of these words a number with a full stop is an ordinal ("der 2. Bürgermeister", "am 3.
# Mai"): a sentence does not end on an article or a preposition that contains one.
ORDINAL_DETERMINERS = lang.word_set("ordinals", "determiners")
# group 3 is empty for a full stop glued to the next sentence ("Mombasa.Den")
_CANDIDATE = re.compile(
    r"([.!?…]+)([\"'“”»«‘’)\]]*)(\s+|(?<=[a-zäöüß]\.)(?=[A-ZÄÖÜ][a-zäöüß]))"
    r"(?=[\"„“»«‚(\[]?[A-ZÄÖÜ0-9])"
)
# a word glued to the next sentence: letters and hyphens only (no address, number or code)
_GLUED_WORD = re.compile(r"[^\W\d_][\w-]*[a-zäöüß]")
_ADDRESS_PART = re.compile(r"[./@]")
_OPENING_MARKS = '"„“»«(['
_WORD_AFTER = re.compile(r"[\"„(]?([\wÄÖÜäöüß-]+)")


def split_sentences(text: str) -> list[str]:
    """The sentences of a paragraph, stripped, in order."""
    sentences: list[str] = []
    start = 0
    spans = [(m.start, m.end) for m in scan_quotes(text)]
    # every candidate begins with end punctuation: tried only there (see scan.py)
    for match in finditer_at(_CANDIDATE, text, ".!?…"):
        end = match.end(2)
        inside = spans and any(a < match.start() and end < b for a, b in spans)
        if not inside and _is_boundary(text, start, match):
            sentence = text[start:end].strip()
            if sentence:
                sentences.append(sentence)
            start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _is_boundary(text: str, start: int, match: re.Match[str]) -> bool:
    marks = match.group(1)
    if not match.group(3):
        return _glued_boundary(text, start, match.start(), match.end())
    if marks != ".":
        return True  # ! ? … and runs like "..." end a sentence when a capital follows
    word, word_start = _word_before(text, max(start, match.start() - 80), match.start())
    bare = word.rstrip(".").lower()
    if not word or "://" in word or word.lower().startswith("www."):
        return True  # a URL's dots are inside it; the last one ends the sentence
    if bare in ABBREVIATIONS or "." in word.strip("."):
        return False  # "z. B", "u.a.", "Dr.", "U.S."
    if len(bare) == 1 and bare.isalpha():
        return False  # an initial: "Georg W. Bush"
    if bare.isdigit():
        return not (
            _ordinal_follows(text, match.end()) or _determiner_before(text, start, word_start)
        )
    return True


def _glued_boundary(text: str, start: int, stop: int, after: int) -> bool:
    """Does the full stop at `stop`, with a capitalised word from `after` on, end a sentence? Yes
    between plain words: two letters or more before it that are no abbreviation, and no dot, slash
    or "@" in the word after it ("www.Example.De" is an address; see the module docstring)."""
    word, _ = _word_before(text, max(start, stop - 80), stop)
    if len(word) < 2 or _GLUED_WORD.fullmatch(word) is None or word.lower() in ABBREVIATIONS:
        return False
    following = text[after : after + 80].split(None, 1)
    return not following or _ADDRESS_PART.search(following[0].rstrip('.,;:!?“”"»«)')) is None


def _word_before(text: str, low: int, end: int) -> tuple[str, int]:
    """The last word of text[low:end] without its opening marks, and where it begins (with them);
    ("", end) when a space comes right before `end`. String methods rather than a regex search:
    a search for a word at the window's end tries every start position in the window."""
    window = text[low:end]
    if window.endswith("\n"):
        window = window[:-1]  # as a regex `$` would, look past one final line break
    if not window or window[-1].isspace():
        return "", end
    token = window.rsplit(None, 1)[-1]
    return token.lstrip(_OPENING_MARKS) or token[-1], end - len(token) - (len(window) < end - low)


def _determiner_before(text: str, start: int, number_start: int) -> bool:
    words = text[start:number_start].rsplit(None, 1)
    return bool(words) and words[-1].lower() in ORDINAL_DETERMINERS


def _ordinal_follows(text: str, position: int) -> bool:
    """After "3." a month or a noun that takes ordinals means the full stop marks an ordinal."""
    following = _WORD_AFTER.match(text, position)
    if not following:
        return False
    word = following.group(1)
    return word.lower() in MONTHS_AND_ORDINAL_NOUNS or word[:1].islower()
