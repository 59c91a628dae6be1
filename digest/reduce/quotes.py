"""Direct quotes: which quoted passages are statements, and who made them.

A quoted passage is a statement when it is a clause (enough words and a verb); scare quotes, titles
and names („strategischen Signal“, „Cassini“) are not. The speaker comes from the attribution after
the quote (`„…“, sagte X.`), before it (`X sagte: „…“`), or from the quote it continues
(`„A“, sagte er, „B“`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Quote
from .lexicon import PRONOUNS, SPEECH_VERBS_DE, SPEECH_VERBS_EN, VERB_HINTS
from .marks import QuoteSpan, scan_quotes
from .speakers import Person, PersonIndex, organisation_in

MIN_STATEMENT_WORDS = 4
_SPEECH_VERBS = SPEECH_VERBS_DE | SPEECH_VERBS_EN
_WORD = re.compile(r"[\wäöüÄÖÜß'’\-]+")
_AFTER = re.compile(r"^\s*,?\s*(?:([\wäöü]+)\s+)?([^.;:!?„“\"»«]{0,160})")
_CLAUSE_END = re.compile(r"[.!?;]\s")


@dataclass(frozen=True)
class FoundQuote:
    """A statement with its place in the article, before ranking."""

    quote: Quote
    position: int
    partial: bool


def is_statement(words: str) -> bool:
    """A clause rather than a scare quote, title or name."""
    tokens = _WORD.findall(words)
    if len(tokens) < MIN_STATEMENT_WORDS:
        return False
    lower = [t for t in tokens if t[:1].islower()]
    if not lower:
        return False  # a title in capitals only, or a name
    if any(t.lower() in VERB_HINTS for t in lower):
        return True  # an auxiliary or common verb: a clause
    verb_like = any(re.search(r"(?:en|t|te|ten|st|ert|elt)$", t) and len(t) > 3 for t in lower)
    return verb_like and (len(tokens) >= 6 or bool(re.search(r"[.!?]$", words.strip())))


def find_quotes(text: str, index: PersonIndex) -> list[FoundQuote]:
    """All statement quotes of an article's text (paragraphs joined by blank lines), in order."""
    found: list[FoundQuote] = []
    previous: tuple[QuoteSpan, Person | str | None] | None = None
    for span in scan_quotes(text):
        words = " ".join(span.inner(text).split())
        if not is_statement(words):
            previous = None
            continue
        partial = _is_partial(text, span)
        if partial and not _is_clause(words):
            continue
        speaker = _continued_speaker(text, span, previous) or _speaker(text, span, index)
        previous = (span, speaker)
        found.append(FoundQuote(_as_quote(words, speaker), span.start, partial))
    return found


def _as_quote(words: str, speaker: Person | str | None) -> Quote:
    if isinstance(speaker, Person):
        return Quote(words, speaker.name, speaker.role)
    return Quote(words, speaker, None)


def _speaker(text: str, span: QuoteSpan, index: PersonIndex) -> Person | str | None:
    return _speaker_after(text, span, index) or _speaker_before(text, span, index)


def _speaker_after(text: str, span: QuoteSpan, index: PersonIndex) -> Person | str | None:
    """`„…“, sagte X.` / `„…“, so X.` / `„…“, versprach er`."""
    tail = text[span.end : span.end + 200]
    if not re.match(r"^\s*,", tail):
        return None
    match = _AFTER.match(tail)
    if not match or not match.group(1):
        return None
    verb, phrase = match.group(1), match.group(2)
    if verb not in _SPEECH_VERBS and verb != "so":
        return None
    return _refer(phrase, span.end + match.start(2), index)


def _speaker_before(text: str, span: QuoteSpan, index: PersonIndex) -> Person | str | None:
    """`X sagte: „…“` / `Nach der Abstimmung sagte X: „…“` / `Sie sagt: „…“`."""
    head = text[max(0, span.start - 250) : span.start]
    if not re.search(r":\s*$", head):
        return None
    clause = re.split(r"[.!?]\s+|\n", head.rstrip()[:-1])[-1]
    speaks = any(w in _SPEECH_VERBS for w in clause.split())
    if not speaks and not re.search(r"\b(?:zufolge|laut|so)\b", clause):
        return None
    return _refer(clause, span.start - len(head) + head.rfind(clause), index)


def _refer(phrase: str, position: int, index: PersonIndex) -> Person | str | None:
    """The person or organisation a phrase names; pronouns resolved from the text before."""
    words = [w.strip(",;") for w in phrase.split()]
    for word in words[:4]:
        if word.lower() in PRONOUNS:
            return index.pronoun(word, position)
    return index.person_in(phrase) or organisation_in(phrase)


def _continued_speaker(
    text: str, span: QuoteSpan, previous: tuple[QuoteSpan, Person | str | None] | None
) -> Person | str | None:
    """„A“, sagte er, „B“: B has A's speaker."""
    if previous is None:
        return None
    between = text[previous[0].end : span.start]
    if re.fullmatch(r"\s*,\s*[^.!?:„“\"]{1,80},\s*", between) or re.fullmatch(r"\s+", between):
        return previous[1]
    return None


def _is_partial(text: str, span: QuoteSpan) -> bool:
    """Embedded in a sentence: preceded by a word in lower case, not by a colon or a sentence end."""
    before = text[max(0, span.start - 3) : span.start]
    return bool(re.search(r"[\wäöü,]\s*$", before)) and not re.search(r"[.!?:]\s*$", before)


def _is_clause(words: str) -> bool:
    tokens = _WORD.findall(words)
    return len(tokens) >= 5 and any(
        t.lower() in VERB_HINTS or t.endswith(("t", "en")) for t in tokens
    )
