"""Centrality of sentences: TextRank over word-overlap similarity (Mihalcea & Tarau, 2004).

Two sentences are similar when they share content words (stems: the first six letters of words that
are not function words), normalised by their lengths as in the TextRank paper. A sentence is central
when it is similar to many sentences. TextRank takes the PageRank of this graph; on an undirected
graph PageRank's random walk settles at each node's share of the edge weight (exactly so without
damping), so the score here is that closed form, the weighted degree, with TextRank's damping as a
floor: (1 - d) / n + d · degree / total degree. It needs no iterations, and an inverted index from
stem to sentences means only sentences that share a word are ever compared.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from itertools import chain, combinations

from .lexicon import STOP_WORDS

DAMPING = 0.85
STEM_LENGTH = 6
# A whole word of three letters or more: shorter words are never content words. (ä, ö, ü and ß
# are word characters of \w already; a class of one category is tested faster than a union.)
_LONG_WORD = re.compile(r"\w{3,}")
_STOP = STOP_WORDS


def content_words(lowered: str) -> list[str]:
    """The words of three letters or more of a lower-cased sentence, in order, stop words included
    (facts count number words among them too)."""
    return _LONG_WORD.findall(lowered)


def content_stems(sentence: str) -> frozenset[str]:
    """Crude stems of a sentence's content words ("Soldaten" and "Soldat" share "soldat")."""
    return stems_of(content_words(sentence.lower()))


def stems_of(words: list[str]) -> frozenset[str]:
    """content_stems for the words content_words found."""
    return frozenset([w[:STEM_LENGTH] for w in words if w not in _STOP])


def textrank(sentences: list[str], stems: list[frozenset[str]] | None = None) -> list[float]:
    """One score per sentence, scaled so that the most central sentence has 1.0."""
    n = len(sentences)
    if n == 0:
        return []
    stems = stems if stems is not None else [content_stems(s) for s in sentences]
    # Most stems occur in one sentence only; set operations (in C) find the others first, so
    # that the loop below visits only stems that link sentences.
    seen: set[str] = set()
    repeated: set[str] = set()
    for words in stems:
        repeated |= words & seen
        seen |= words
    holders: dict[str, list[int]] = defaultdict(list)
    for i, words in enumerate(stems):
        for stem in words & repeated:
            holders[stem].append(i)
    # How many stems each pair of sentences shares, counted by Counter in C rather than pair by
    # pair in Python.
    shared = Counter(chain.from_iterable(combinations(m, 2) for m in holders.values()))
    logs = [math.log(len(s)) if len(s) >= 2 else 0.0 for s in stems]
    degree = [0.0] * n
    for (i, j), common in shared.items():
        if logs[i] and logs[j]:
            weight = common / (logs[i] + logs[j])
            degree[i] += weight
            degree[j] += weight
    total = sum(degree) or 1.0
    scores = [(1 - DAMPING) / n + DAMPING * d / total for d in degree]
    top = max(scores)
    return [s / top for s in scores]
