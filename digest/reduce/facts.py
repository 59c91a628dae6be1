"""Key facts: the 2–4 sentences that carry the story's most important facts, from an explainable score.

Score = position (the lead matters most) + numbers, amounts and dates + named things, minus length
beyond ~30 words. Quotes, questions and very short sentences never become facts; near-duplicates of
an already chosen fact are skipped. Chosen facts keep their order in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_FACT_WORDS = 30
MIN_FACT_WORDS = 6
_NUMBER = re.compile(
    r"\d|\b(?:eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|hundert|tausend|"
    r"Millionen?|Milliarden?|Prozent|Euro|Dollar)\b",
    re.IGNORECASE,
)
_QUOTE_MARKS = re.compile(r"[„“”\"»«]")
_PARENTHETICAL = re.compile(r"\s*\((?![A-ZÄÖÜ][\w/ ]{1,12}\))[^()]{1,80}\)")


@dataclass(frozen=True)
class ScoredSentence:
    text: str
    position: int
    score: float


def score_sentence(sentence: str, position: int) -> float:
    """Higher is more fact-like; negative means never a fact."""
    words = sentence.split()
    if len(words) < MIN_FACT_WORDS or sentence.rstrip().endswith("?"):
        return -1.0
    if _QUOTE_MARKS.search(sentence) and _has_direct_speech(sentence):
        return -1.0
    score = 1.0 / (1 + position * 0.35)
    score += 0.35 * min(3, len(_NUMBER.findall(sentence)))
    names = sum(1 for w in words[1:] if w[:1].isupper())
    score += 0.05 * min(6, names)
    if len(words) > MAX_FACT_WORDS:
        score -= 0.04 * (len(words) - MAX_FACT_WORDS)
    return score


def _has_direct_speech(sentence: str) -> bool:
    inner = re.findall(r"[„\"»“]([^„“”\"»«]+)[“”\"«]", sentence)
    return any(len(part.split()) >= 4 for part in inner) or not inner


def choose_facts(sentences: list[str], count: int = 3) -> list[str]:
    """The best `count` sentences (2–4), redundancy removed, in article order, shortened."""
    scored = [ScoredSentence(s, i, score_sentence(s, i)) for i, s in enumerate(sentences)]
    chosen: list[ScoredSentence] = []
    for candidate in sorted(scored, key=lambda s: -s.score):
        if candidate.score < 0 or len(chosen) >= count:
            break
        if all(_overlap(candidate.text, other.text) < 0.5 for other in chosen):
            chosen.append(candidate)
    return [shorten_fact(s.text) for s in sorted(chosen, key=lambda s: s.position)]


def shorten_fact(sentence: str) -> str:
    """Drop parentheticals (but keep party tags like "(CDU)") and trailing dash asides when long."""
    text = _PARENTHETICAL.sub("", sentence)
    if len(text.split()) > MAX_FACT_WORDS:
        head = re.split(r"\s+[–—]\s+", text)[0]
        if len(head.split()) >= MIN_FACT_WORDS:
            text = head.rstrip(",;: ") + ("" if head.endswith((".", "!")) else ".")
    return text.strip()


def _overlap(a: str, b: str) -> float:
    wa, wb = _content_words(a), _content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\wäöüß]{4,}", text)}
