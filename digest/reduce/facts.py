"""Key facts: the 2–4 sentences that carry the story's most important facts, from an explainable score.

score = position (the lead matters most)            1 / (1 + 0.25 · index)
      + numbers, amounts and dates                   0.3 per number, at most 3
      + centrality (TextRank, see centrality.py)    0.8 · rank scaled to 0…1
      − words beyond 30 after trimming               0.04 per word
      − a start that points back ("Er", "Dies")      0.3 (a connective like "Außerdem": 0.1)

Quotes, questions, list fragments and very short sentences never become facts; a candidate that
repeats the teaser or an already chosen fact (half its content words) is skipped. Chosen facts keep
their order in the article and are trimmed: parentheticals without numbers go (party tags stay),
and a long sentence loses trailing relative or subordinate clauses and dash asides while at least
eight words remain.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .. import lang
from .centrality import content_stems, content_words, stems_of, textrank

MAX_FACT_WORDS = 30
MIN_FACT_WORDS = 6
MIN_TRIMMED_WORDS = 8
REDUNDANT = 0.5
_DIGITS = re.compile(r"\d[\d.,]*")
# Number words, lower-case; "millione" (a cut-off "Millionen") counts as well.
NUMBER_WORDS = lang.word_set("numbers", "words")
_QUOTE_MARKS = re.compile(r"[„“”\"»«]")
_INNER_QUOTE = re.compile(r"[„\"»“]([^„“”\"»«]+)[“”\"«]")
_PARENTHETICAL = re.compile(r"\s*\((?![A-ZÄÖÜ][\w/ ]{1,12}\))[^()\d]{1,100}\)")
_BACK_POINTING = lang.compile_words(r"^{}\b", lang.words("facts", "back_pointing"))
_CONNECTIVE = lang.compile_words(r"^{}\b", lang.words("facts", "connectives"))
_TRAILING_CLAUSE = lang.compile_words(r",\s+{}\b[^,]*$", lang.words("clauses", "trailing"))
_DASH_ASIDE = re.compile(r"\s+[–—-]\s+[^–—]{3,120}?\s+[–—-]\s+|\s+[–—]\s+[^–—]{3,160}$")
_SPACED_DASH = re.compile(r"\s[–—-]")  # without one, _DASH_ASIDE cannot match
# Plugs and boilerplate, looked for in the lower-cased sentence (substring tests are far cheaper
# than a case-insensitive regex).
_NOISE = lang.words("facts", "noise")
_TAG_LINE = re.compile(r"\btag:\s")


class ScoredSentence(NamedTuple):
    """A candidate fact with its place among the sentences and its score."""

    text: str
    position: int
    score: float


def is_candidate(sentence: str) -> bool:
    """Could this sentence be a fact at all? Not a quote, question, list fragment or plug."""
    return _is_candidate(sentence, sentence.split(), sentence.lower())


def _is_candidate(sentence: str, written: list[str], lowered: str) -> bool:
    """is_candidate, given the sentence split at spaces and lower-cased."""
    if len(written) < MIN_FACT_WORDS or sentence.rstrip().endswith(("?", ":")):
        return False
    if _QUOTE_MARKS.search(sentence) and _has_direct_speech(sentence):
        return False
    if _is_noise(lowered):
        return False
    return _has_lower_case_words(written, 2)


def _has_lower_case_words(words: list[str], count: int) -> bool:
    """At least `count` words begin in lower case (a list of names and nouns has fewer); stops
    counting once there are enough."""
    for word in words:
        if word[:1].islower():
            count -= 1
            if not count:
                return True
    return False


def _is_noise(lowered: str) -> bool:
    if any(plug in lowered for plug in _NOISE):
        return True
    return "tag:" in lowered and _TAG_LINE.search(lowered) is not None


def _has_direct_speech(sentence: str) -> bool:
    inner = _INNER_QUOTE.findall(sentence)
    return any(len(part.split()) >= 4 for part in inner) or not inner


def count_numbers(sentence: str, words: list[str]) -> int:
    """Numbers in figures ("1,5" is one) and number words ("drei", "Millionen", "Prozent");
    `words` are the sentence's lower-cased content words (centrality.content_words)."""
    return len(_DIGITS.findall(sentence)) + sum(map(NUMBER_WORDS.__contains__, words))


def score_sentence(sentence: str, position: int, centrality: float) -> float:
    """Higher is more fact-like (see the module docstring for the parts)."""
    words = content_words(sentence.lower())
    return _score(sentence, sentence.split(), words, position, centrality)


def _score(
    sentence: str, written: list[str], words: list[str], position: int, centrality: float
) -> float:
    """score_sentence, given the sentence split at spaces and its content words."""
    length = len(written)
    trimmed_words = len(trim(sentence).split()) if length > MAX_FACT_WORDS else length
    score = 1.0 / (1 + position * 0.25)
    score += 0.3 * min(3, count_numbers(sentence, words))
    score += 0.8 * centrality
    score -= 0.04 * max(0, trimmed_words - MAX_FACT_WORDS)
    if _BACK_POINTING.match(sentence):
        score -= 0.3  # the referent is in another sentence
    elif _CONNECTIVE.match(sentence):
        score -= 0.1  # only a link to the sentence before; the fact itself stands
    return score


def choose_facts(
    sentences: list[str], *, skip: int = 0, count: int = 3, avoid: str = ""
) -> list[str]:
    """The best `count` (2–4) facts among `sentences`, the first `skip` (the teaser's) left out."""
    # Each sentence is split, lower-cased and cut into words once; the rules share the results.
    written = [s.split() for s in sentences]
    lowered = [s.lower() for s in sentences]
    words = [content_words(s) for s in lowered]
    stems = [stems_of(w) for w in words]
    ranks = textrank(sentences, stems)
    scored = [
        ScoredSentence(s, i, _score(s, written[i], words[i], i, ranks[i]))
        for i, s in enumerate(sentences)
        if i >= skip and _is_candidate(s, written[i], lowered[i])
    ]
    chosen: list[ScoredSentence] = []
    seen = [content_stems(avoid)] if avoid else []
    for candidate in sorted(scored, key=lambda s: -s.score):
        if len(chosen) >= count:
            break
        stem_set = stems[candidate.position]
        if all(_overlap(stem_set, other) < REDUNDANT for other in seen):
            chosen.append(candidate)
            seen.append(stem_set)
    return [trim(s.text) for s in sorted(chosen, key=lambda s: s.position)]


MAX_TRIMS = 6  # clauses dropped at most, one at a time
MAX_TRIM_WORDS = 150  # longer "sentences" are run-on text; trimming clause by clause is quadratic


@lru_cache(maxsize=256)  # a long sentence is trimmed to be scored, and again when chosen
def trim(sentence: str) -> str:
    """Shorter where the meaning survives: parentheticals, then trailing clauses and asides."""
    text = (_PARENTHETICAL.sub("", sentence) if "(" in sentence else sentence).strip()
    if text.startswith("(") and text.endswith((")", ").")):
        text = text.strip("().") + "."
    if len(text.split()) > MAX_TRIM_WORDS:
        return text  # no sentence: a run-on text that clause trimming cannot shorten sensibly
    for _ in range(MAX_TRIMS):
        if len(text.split()) <= MAX_FACT_WORDS:
            break
        body = text.rstrip(".!")
        shorter = _without_aside(body).strip()
        if shorter == body:
            shorter = _without_trailing_clause(body).strip()
        if shorter == body or len(shorter.split()) < MIN_TRIMMED_WORDS:
            break
        text = shorter.rstrip(",;: ") + "."
    return text


def _without_aside(body: str) -> str:
    """The first dash aside replaced by a space; only searched for when a dash follows a space."""
    return _DASH_ASIDE.sub(" ", body, count=1) if _SPACED_DASH.search(body) else body


def _without_trailing_clause(body: str) -> str:
    """The trailing clause cut off. It can only begin at the last comma (no comma may follow it),
    so the pattern is tried there rather than at every comma."""
    comma = body.rfind(",")
    clause = _TRAILING_CLAUSE.match(body, comma) if comma >= 0 else None
    return body[:comma] + body[clause.end() :] if clause else body


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
