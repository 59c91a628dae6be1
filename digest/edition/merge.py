"""Near-duplicate detection: do two stories report the same event? TF-IDF cosine on headline and lead.

Each story becomes a bag of crude stems (the first five letters of a word, numbers whole, stop words
dropped) from its title, headline and lead; the headline words count twice, since two newsrooms'
headlines on one event share their nouns and numbers more than their leads do. Weights are TF-IDF
over the stories at hand (smoothed, so two stories alone still compare sensibly), and two stories
are the same event when their cosine reaches the threshold. Stdlib only; an inverted index over
each vector's rarer terms, and bounds that decide most pairs it finds without a full cosine
(exact: see _first_match), keep 10,000 stories near-linear.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

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
    for chunk in text.casefold().split():  # no word spans white space; most chunks are one word
        for word in (chunk,) if chunk.isalpha() else _WORD.findall(chunk):
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
    documents = Counter(itertools.chain.from_iterable(bags))
    total = len(bags)
    idf = {term: math.log((1 + total) / (1 + count)) + 1 for term, count in documents.items()}
    vectors = []
    for bag in bags:
        weights = [_term_frequency_weight(n) * idf[t] for t, n in bag.items()]
        norm = math.sqrt(sum(map(operator.mul, weights, weights))) or 1.0
        vectors.append({t: w / norm for t, w in zip(bag, weights, strict=True)})
    return vectors


@functools.cache
def _term_frequency_weight(count: int) -> float:
    """1 + log(count): a term twice in a story weighs 1.69 times, not twice (a handful of counts
    occur, so each logarithm is taken once)."""
    return 1 + math.log(count)


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum(w * large.get(t, 0.0) for t, w in small.items())


def similarity_matrix(stories: Sequence[Story]) -> list[list[float]]:
    """Pairwise cosine similarity of the stories' TF-IDF vectors (for tests and tuning)."""
    vectors = tfidf_vectors(stories)
    return [[cosine(a, b) if a is not b else 0.0 for b in vectors] for a in vectors]


def same_event_groups(stories: Sequence[Story], threshold: float = THRESHOLD) -> list[list[int]]:
    """Indexes of the stories grouped by event, each group led by its first story in input order.

    A story joins the first earlier group whose lead story it resembles enough; comparing with
    the lead only (not any member) keeps a chain of loosely related stories from merging. The
    groups are exactly those of comparing every story with every earlier lead (`cosine`, in
    order), but a lead is looked at only when it shares a rarer term with the story (an inverted
    index over each lead's prefix, see _Ordered), and even then mostly decided by bounds on the
    cosine (see _first_match), so the cost grows about linearly with the stories.

    A story whose vector equals an earlier one's, term order included (the same wire text in two
    feeds), joins that story's group without a comparison: it would meet the same leads, the
    cosines bit for bit the same, and the earlier story's own group takes it (a vector resembles
    itself fully). An empty vector resembles nothing, so it is never taken for a twin.
    """
    if threshold <= 0:  # every pair would match, even one without a shared term: no index helps
        raise ValueError(f"the near-duplicate threshold must be above 0, not {threshold}")
    vectors = tfidf_vectors(stories)
    rank = _rarest_first(vectors)
    groups: list[list[int]] = []
    leads: list[_Ordered] = []  # each group's lead, its terms rarest first
    postings: dict[str, list[tuple[int, float, float]]] = {}  # term → (group, lead's weight, tail)
    group_of_vector: dict[tuple[tuple[str, ...], tuple[float, ...]], int] = {}
    twins = threshold < 0.99  # a vector's cosine with itself is 1 up to rounding
    for index, vector in enumerate(vectors):
        key = (tuple(vector), tuple(vector.values()))
        if twins and vector and key in group_of_vector:
            groups[group_of_vector[key]].append(index)
            continue
        ordered = _ordered(vector, rank, threshold)
        match = _first_match(vector, ordered, postings, leads, threshold)
        if match is None:
            match = len(groups)
            groups.append([])
            leads.append(ordered)
            for term, weight, tail in ordered.prefix:
                postings.setdefault(term, []).append((match, weight, tail))
        groups[match].append(index)
        group_of_vector.setdefault(key, match)
    return groups


ROUNDING = 1e-9  # far above the float error of these sums; closer calls go to cosine() itself


class _Ordered(NamedTuple):
    """A vector's terms, rarest first (the same order for all vectors), and what bounds need.

    `tails[i]` is the length of the vector from its i-th term on (it and every commoner term;
    tails[len] = 0). The prefix is the terms whose tail reaches the threshold, as (term, weight,
    tail); the terms after it together are shorter than the threshold. `end` is the rank of the
    first term after the prefix.
    """

    vector: dict[str, float]
    ranks: list[int]
    tails: list[float]
    prefix: list[tuple[str, float, float]]
    end: int
    suffix: float  # the length of the terms after the prefix, tails[len(prefix)]


def _rarest_first(vectors: Sequence[dict[str, float]]) -> dict[str, int]:
    """Each term's place when all terms are ordered by how many vectors have them, fewest first
    (ties in order of first use)."""
    frequency = Counter(itertools.chain.from_iterable(vectors))
    return {term: place for place, term in enumerate(sorted(frequency, key=frequency.__getitem__))}


def _ordered(vector: dict[str, float], rank: dict[str, int], threshold: float) -> _Ordered:
    terms = sorted(vector, key=rank.__getitem__)
    weights = list(map(vector.__getitem__, terms))
    # Summed from the end, so that each tail is accurate to a few ulps, however small it is.
    tails = list(map(math.sqrt, itertools.accumulate(w * w for w in reversed(weights))))
    tails.reverse()
    tails.append(0.0)
    limit = ROUNDING - threshold  # negated, as the tails only fall
    cut = bisect.bisect_right(tails, limit, hi=len(terms), key=operator.neg)
    ranks = list(map(rank.__getitem__, terms))
    end = ranks[cut] if cut < len(ranks) else len(rank)
    prefix = list(zip(terms[:cut], weights[:cut], tails[:cut], strict=True))
    return _Ordered(vector, ranks, tails, prefix, end, tails[cut])


def _first_match(
    vector: dict[str, float],
    ordered: _Ordered,
    postings: dict[str, list[tuple[int, float, float]]],
    leads: list[_Ordered],
    threshold: float,
) -> int | None:
    """The first group whose lead's cosine with `vector` reaches the threshold, or None.

    Exact, not a heuristic (the prefix, positional and score filters of all-pairs similarity
    search, Bayardo et al. 2007). All vectors order their terms alike, rarest first, and index
    their prefix. Two vectors' shared terms all lie in each one's tail from their rarest shared
    term on, so by Cauchy-Schwarz their cosine is at most the product of those two tails. If that
    term is not in both prefixes, one tail is below the threshold and the other at most 1: the
    pair cannot match and never meets in the index. If it is, the pair meets there first, and
    is dropped when the product is below the threshold (the products only fall from there).
    A lead that stays gets the products of all shared terms in both prefixes added up: a sum
    that reaches the threshold decides the match (the other products are positive); the shared
    terms not in both prefixes all come at or after the earlier prefix end, so their sum is at
    most the product of the two tails from there (Cauchy-Schwarz again), and a lead whose sum
    cannot reach the threshold with it is dropped. Only a lead that neither bound settles, each
    with ROUNDING to spare, is compared with cosine() itself, the reference.
    """
    limit = threshold - ROUNDING
    sums: dict[int, float] = {}  # group → products of the shared terms in both prefixes
    for term, weight, tail in ordered.prefix:
        for group, lead_weight, lead_tail in postings.get(term, ()):
            if group in sums:
                sums[group] += weight * lead_weight
            elif tail * lead_tail >= limit:
                sums[group] = weight * lead_weight
    for group in sorted(sums):
        shared = sums[group]
        if shared >= threshold + ROUNDING:
            return group
        lead = leads[group]
        if ordered.end <= lead.end:  # the tails from the earlier prefix end, one of them known
            rest = ordered.suffix * lead.tails[bisect.bisect_left(lead.ranks, ordered.end)]
        else:
            rest = ordered.tails[bisect.bisect_left(ordered.ranks, lead.end)] * lead.suffix
        if shared + rest >= limit and cosine(lead.vector, vector) >= threshold:
            return group
    return None
