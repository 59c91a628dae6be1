"""Centrality of sentences: TextRank over word-overlap similarity (Mihalcea & Tarau, 2004).

Two sentences are similar when they share content words (stems: the first six letters of words that
are not function words), normalised by their lengths as in the TextRank paper. A sentence is central
when many sentences are similar to it; the score is the PageRank of the similarity graph. Pure
Python: an article has a few dozen sentences, so the n² comparisons cost well under a millisecond.
"""

from __future__ import annotations

import math
import re

from .lexicon import STOP_WORDS_DE, STOP_WORDS_EN

DAMPING = 0.85
ITERATIONS = 30
TOLERANCE = 1e-4
STEM_LENGTH = 6
_WORD = re.compile(r"[\wäöüß]+")
_STOP = STOP_WORDS_DE | STOP_WORDS_EN


def content_stems(sentence: str) -> frozenset[str]:
    """Crude stems of a sentence's content words ("Soldaten" and "Soldat" share "soldat")."""
    return frozenset(
        w[:STEM_LENGTH] for w in (m.lower() for m in _WORD.findall(sentence)) if len(w) > 2 and w not in _STOP
    )


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if len(a) < 2 or len(b) < 2:
        return 0.0
    return len(a & b) / (math.log(len(a)) + math.log(len(b)))


def textrank(sentences: list[str]) -> list[float]:
    """One score per sentence, scaled so that the most central sentence has 1.0."""
    n = len(sentences)
    if n == 0:
        return []
    stems = [content_stems(s) for s in sentences]
    weights = [[similarity(stems[i], stems[j]) if i != j else 0.0 for j in range(n)] for i in range(n)]
    totals = [sum(row) for row in weights]
    incoming = [
        [(j, weights[j][i] / totals[j]) for j in range(n) if weights[j][i] > 0] for i in range(n)
    ]
    scores = [1.0 / n] * n
    for _ in range(ITERATIONS):
        new = [(1 - DAMPING) / n + DAMPING * sum(w * scores[j] for j, w in edges) for edges in incoming]
        converged = max(abs(a - b) for a, b in zip(new, scores, strict=True)) < TOLERANCE
        scores = new
        if converged:
            break
    top = max(scores)
    return [s / top for s in scores] if top else scores
