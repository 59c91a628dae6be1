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
from dataclasses import dataclass

from .centrality import content_stems, textrank

MAX_FACT_WORDS = 30
MIN_FACT_WORDS = 6
MIN_TRIMMED_WORDS = 8
REDUNDANT = 0.5
_NUMBER = re.compile(
    r"\d[\d.,]*|\b(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|hundert|tausend|"
    r"Millionen?|Milliarden?|Prozent|Euro|Dollar|million|billion|percent)\b",
    re.IGNORECASE,
)
_QUOTE_MARKS = re.compile(r"[„“”\"»«]")
_PARENTHETICAL = re.compile(r"\s*\((?![A-ZÄÖÜ][\w/ ]{1,12}\))[^()\d]{1,100}\)")
_BACK_POINTING = re.compile(
    r"^(?:Er|Sie|Es|Dies|Diese|Dieser|Dieses|Das|Damit|Dabei|Dort|Demnach|He|She|It|This|They)\b"
)
_CONNECTIVE = re.compile(
    r"^(?:Außerdem|Zudem|Auch|Dennoch|Allerdings|Trotzdem|Deshalb|Daher|However|Also)\b"
)
_TRAILING_CLAUSE = re.compile(
    r",\s+(?:die|der|das|denen|deren|dessen|welche[rsm]?|wobei|wodurch|womit|nachdem|weil|da|um|ohne|"
    r"sodass|so dass|was|wie|als|obwohl|which|who|while|after|because)\b[^,]*$"
)
_DASH_ASIDE = re.compile(r"\s+[–—-]\s+[^–—]{3,120}?\s+[–—-]\s+|\s+[–—]\s+[^–—]{3,160}$")
_NOISE = re.compile(r"Wikinews|berichtete\)|Newsletter|Kleine Chronik|\bTag:\s", re.IGNORECASE)


@dataclass(frozen=True)
class ScoredSentence:
    text: str
    position: int
    score: float


def is_candidate(sentence: str) -> bool:
    """Could this sentence be a fact at all? Not a quote, question, list fragment or plug."""
    words = sentence.split()
    if len(words) < MIN_FACT_WORDS or sentence.rstrip().endswith(("?", ":")):
        return False
    if _QUOTE_MARKS.search(sentence) and _has_direct_speech(sentence):
        return False
    if _NOISE.search(sentence):
        return False
    lower = sum(1 for w in words if w[:1].islower())
    return lower >= 2


def _has_direct_speech(sentence: str) -> bool:
    inner = re.findall(r"[„\"»“]([^„“”\"»«]+)[“”\"«]", sentence)
    return any(len(part.split()) >= 4 for part in inner) or not inner


def score_sentence(sentence: str, position: int, centrality: float) -> float:
    """Higher is more fact-like (see the module docstring for the parts)."""
    words = len(sentence.split())
    trimmed_words = len(trim(sentence).split()) if words > MAX_FACT_WORDS else words
    score = 1.0 / (1 + position * 0.25)
    score += 0.3 * min(3, len(_NUMBER.findall(sentence)))
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
    stems = [content_stems(s) for s in sentences]
    ranks = textrank(sentences, stems)
    scored = [
        ScoredSentence(s, i, score_sentence(s, i, ranks[i]))
        for i, s in enumerate(sentences)
        if i >= skip and is_candidate(s)
    ]
    chosen: list[ScoredSentence] = []
    seen = [content_stems(avoid)] if avoid else []
    for candidate in sorted(scored, key=lambda s: -s.score):
        if len(chosen) >= count:
            break
        words = stems[candidate.position]
        if all(_overlap(words, other) < REDUNDANT for other in seen):
            chosen.append(candidate)
            seen.append(words)
    return [trim(s.text) for s in sorted(chosen, key=lambda s: s.position)]


MAX_TRIMS = 6  # clauses dropped at most, one at a time
MAX_TRIM_WORDS = 150  # longer "sentences" are run-on text; trimming clause by clause is quadratic


def trim(sentence: str) -> str:
    """Shorter where the meaning survives: parentheticals, then trailing clauses and asides."""
    text = _PARENTHETICAL.sub("", sentence).strip()
    if text.startswith("(") and text.endswith((")", ").")):
        text = text.strip("().") + "."
    if len(text.split()) > MAX_TRIM_WORDS:
        return text  # no sentence: a run-on text that clause trimming cannot shorten sensibly
    for _ in range(MAX_TRIMS):
        if len(text.split()) <= MAX_FACT_WORDS:
            break
        body = text.rstrip(".!")
        shorter = _DASH_ASIDE.sub(" ", body, count=1).strip()
        if shorter == body:
            shorter = _TRAILING_CLAUSE.sub("", body).strip()
        if shorter == body or len(shorter.split()) < MIN_TRIMMED_WORDS:
            break
        text = shorter.rstrip(",;: ") + "."
    return text


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
