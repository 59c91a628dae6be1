"""The hand-made gold in bench/gold/: well-formed everywhere, and the reducer meets its targets on it
where the corpus (../shared/corpus/de-news) is there to read."""

from __future__ import annotations

import json
import sys

import pytest

from .conftest import CORPUS, ROOT

GOLD = ROOT / "bench" / "gold"
ARTICLE_GOLD = sorted(g for g in GOLD.glob("*.json") if g.name != "sentences.json")
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason="needs ../shared/corpus/de-news beside the repo (present in CI)"
)


def test_at_least_25_articles_are_annotated():
    assert len(ARTICLE_GOLD) >= 25


@pytest.mark.parametrize("path", ARTICLE_GOLD, ids=[p.stem for p in ARTICLE_GOLD])
def test_gold_file_is_well_formed_and_holds_annotations_only(path):
    gold = json.loads(path.read_text(encoding="utf-8"))
    assert set(gold) == {"article", "language", "quotes", "not_quotes", "facts"}
    assert gold["article"] == f"{path.stem}.txt"
    assert 2 <= len(gold["facts"]) <= 4
    for fact in gold["facts"]:
        assert set(fact) == {"about", "numbers", "words"} and (fact["numbers"] or fact["words"])
    for quote in gold["quotes"]:
        assert {"text", "speaker", "role"} <= set(quote) <= {"text", "speaker", "role", "partial"}
        assert quote["speaker"] and quote["role"]  # lists of what an editor would accept
        assert len(quote["text"]) < 800  # the quoted words only, never whole paragraphs


def test_sentence_gold_is_well_formed():
    gold = json.loads((GOLD / "sentences.json").read_text(encoding="utf-8"))
    for entry in gold.values():
        ends = entry["boundaries"] + entry["inside_quotes"] + entry["not_boundaries"]
        assert len(ends) == len(set(ends)) and all(isinstance(e, int) for e in ends)


@needs_corpus
def test_reducer_meets_its_quality_targets_on_the_gold():
    sys.path.insert(0, str(ROOT / "bench"))
    from reduce_quality import evaluate

    results = evaluate()
    assert results.ours.f1 >= 0.92
    assert results.ours.speaker_accuracy >= 0.90
    assert results.ours.role_accuracy >= 0.70
    assert results.facts["ours_any3"] > results.facts["lead3"]
    assert results.facts["ours_shown"] > results.facts["lead_shown"]
    assert results.ours.f1 > results.baseline.f1
