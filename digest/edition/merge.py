"""Near-duplicate detection: do two stories report the same event? TF-IDF cosine on headline and lead.

Each story becomes a bag of crude stems (the first six letters of a word, numbers whole, stop words
dropped) from its title, headline and lead; the headline words count twice, since two newsrooms'
headlines on one event share their nouns and numbers more than their leads do. Weights are TF-IDF
over the stories at hand (smoothed, so two stories alone still compare sensibly), and two stories
are the same event when their cosine reaches the threshold. Stdlib only; an inverted index over
each vector's rarer terms (exact: see _tails) keeps 10,000 stories near-linear, and each cosine
adds up the shared terms alone, found by a set intersection in C (see _shared_cosine).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from ..models import Story

THRESHOLD = 0.36  # tests/test_edition.py's pairs: same event ≥ 0.43, different events ≤ 0.27
STEM = 5
COMPOUND = 9
LEAD_WORDS = 60

_STOP_WORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bereits
    bis bisher dabei dadurch dafür dagegen daher damit dann darauf darin das dass dem den denen der
    des deshalb dessen die dies diese diesem diesen dieser dieses doch dort durch ein eine einem
    einen einer eines er es etwa euch für gegen gibt hat hatte hatten heute hier ihm ihn ihr ihre
    ihrem ihren ihrer im in ins ist jetzt kann kein keine können laut mehr mit muss nach nach neue
    neuen nicht noch nun nur ob oder ohne sein seine seinem seinen seiner seit sich sie sind so
    soll sollen sowie über um und uns unter vom von vor war waren was weil wenn werden wie wieder
    will wir wird wurde wurden zu zum zur zwei drei sagte sagt heißt demnach jedoch sei seien
    about after again against all also and another any are because been before being between both
    but can could did does during each from further had has have having her here hers him his how
    into its just more most new not now off once only other our out over said says she should some
    such than that the their them then there these they this those through too under until very
    was were what when where which while who why will with would you your year years
    """.split()
)
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")


def stems(text: str) -> list[str]:
    """The text's content words, cut to a common stem ("Koalitionen" and "Koalition" agree)."""
    words = []
    for word in _WORD.findall(text.casefold()):
        if word[0].isdigit():
            words.append(word.replace(",", "."))
        elif len(word) >= 3 and word not in _STOP_WORDS:
            words.append(word[:STEM])
            if len(word) >= COMPOUND:  # German compounds: "Bahnstreik" also counts as "Streik"
                words.append(word[-STEM - 1 :][:STEM])
    return words


def story_terms(story: Story) -> Counter[str]:
    """Term counts of a story's title, headline (twice) and lead."""
    article = story.article
    lead = " ".join(" ".join(article.paragraphs[:2]).split()[:LEAD_WORDS])
    headline = f"{story.headline} {article.title or ''}"
    return Counter(stems(headline) * 2 + stems(f"{story.teaser} {lead}"))


def tfidf_vectors(stories: Sequence[Story]) -> list[dict[str, float]]:
    """Each story's TF-IDF vector, scaled to length 1 (so a dot product is the cosine)."""
    bags = [story_terms(story) for story in stories]
    documents = Counter(term for bag in bags for term in bag)
    total = len(bags)
    idf = {term: math.log((1 + total) / (1 + count)) + 1 for term, count in documents.items()}
    vectors = []
    for bag in bags:
        vector = {t: (1 + math.log(n)) * idf[t] for t, n in bag.items()}
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vectors.append({t: w / norm for t, w in vector.items()})
    return vectors


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum(w * large.get(t, 0.0) for t, w in small.items())


def _shared_cosine(
    a: dict[str, float], b: dict[str, float], rank_a: dict[str, int], rank_b: dict[str, int]
) -> float:
    """cosine(a, b) bit for bit, at a fraction of the cost: the products of the shared terms,
    added in the same order (the smaller vector's; `rank_*` gives each term's place there). A
    term the other vector lacks adds 0.0 in cosine(), which changes no float sum."""
    small, large, rank = (a, b, rank_a) if len(a) <= len(b) else (b, a, rank_b)
    shared = small.keys() & large.keys()
    if len(shared) > 1:
        return sum(small[t] * large[t] for t in sorted(shared, key=rank.__getitem__))
    return sum(small[t] * large[t] for t in shared)


def similarity_matrix(stories: Sequence[Story]) -> list[list[float]]:
    """Pairwise cosine similarity of the stories' TF-IDF vectors (for tests and tuning)."""
    vectors = tfidf_vectors(stories)
    return [[cosine(a, b) if a is not b else 0.0 for b in vectors] for a in vectors]


def same_event_groups(stories: Sequence[Story], threshold: float = THRESHOLD) -> list[list[int]]:
    """Indexes of the stories grouped by event, each group led by its first story in input order.

    A story joins the first earlier group whose lead story it resembles enough; comparing with
    the lead only (not any member) keeps a chain of loosely related stories from merging. Only
    leads that can reach the threshold are compared (an inverted index over the rarer terms,
    exact: see _tails), so the cost grows about linearly with the stories, not with their pairs.

    A story whose vector equals an earlier one's (the same wire text in two feeds) joins that
    story's group without a comparison: it would find the same candidates in the same order and
    fail or pass them alike, and the earlier story's own group takes it (a vector resembles itself
    fully). An empty vector resembles nothing, so it is never taken for a twin.
    """
    vectors = tfidf_vectors(stories)
    ranks = [{term: place for place, term in enumerate(vector)} for vector in vectors]
    frequency = Counter(term for vector in vectors for term in vector)
    groups: list[list[int]] = []
    leads_with: dict[str, list[tuple[int, float]]] = {}  # term → (group, its lead's tail there)
    group_of_vector: dict[frozenset[tuple[str, float]], int] = {}
    twins = threshold < 0.99  # a vector's cosine with itself is 1 up to rounding
    for index, vector in enumerate(vectors):
        key = frozenset(vector.items())
        if twins and vector and key in group_of_vector:
            groups[group_of_vector[key]].append(index)
            continue
        tails = _tails(vector, frequency, threshold)
        candidates = sorted(
            {
                g
                for term, tail in tails
                for g, lead_tail in leads_with.get(term, ())
                if tail * lead_tail >= threshold - 1e-9  # rounding: compare rather more
            }
        )
        for g in candidates:
            lead = groups[g][0]
            if _shared_cosine(vectors[lead], vector, ranks[lead], ranks[index]) >= threshold:
                groups[g].append(index)
                break
        else:
            g = len(groups)
            groups.append([index])
            for term, tail in tails:
                leads_with.setdefault(term, []).append((g, tail))
        group_of_vector.setdefault(key, g)
    return groups


def _tails(
    vector: dict[str, float], frequency: Counter[str], threshold: float
) -> list[tuple[str, float]]:
    """(term, tail) for a vector's terms, rarest first, where `tail` is the length of the part of
    the vector from that term on (it and all commoner terms); only terms whose tail reaches
    `threshold`.

    Exact, not a heuristic (the prefix and positional filters of all-pairs similarity search):
    all vectors order their terms alike, rarest first. The shared terms of two vectors all lie
    in each one's tail from their rarest shared term on, so by Cauchy-Schwarz their cosine is at
    most the product of those two tails' lengths. A pair whose rarest shared term gives a product
    below the threshold (or is not listed: a tail below it) cannot reach it, and is never
    compared. Common terms, which would put every lead on every story's list, stay out.
    """
    ordered = sorted(vector, key=lambda term: (frequency[term], term))  # rarest first
    tails: list[tuple[str, float]] = []
    rest = 1.0  # squared length from here on (the vector has length 1)
    for term in ordered:
        tail = math.sqrt(max(rest, 0.0))
        if tail < threshold - 1e-9:
            break
        tails.append((term, tail))
        rest -= vector[term] ** 2
    return tails
