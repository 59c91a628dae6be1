"""Sentence splitters compared on German news: ours, SoMaJo, syntok and a naive regex.

Accuracy: boundary precision/recall/F1 against hand-annotated sentence ends (bench/gold/sentences.json
for 8 corpus articles, and bench/gold/sentences-own.txt, sentences written for this project with
abbreviations, ordinals, decimals and URLs). A sentence end inside a quotation of several sentences
is neither rewarded nor penalised: our splitter keeps such a quote in one piece on purpose.
Speed: every paragraph of the corpus, repeated, split in one process.

    python bench/sentences.py        (needs ../shared; somajo and syntok from the `bench` extra)
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable

from benchlib import GOLD, body_paragraphs, require_corpus

from digest.reduce.sentences import split_sentences

Splitter = Callable[[str], list[int]]  # a paragraph → end offsets of its sentences


def ours(paragraph: str) -> list[int]:
    return _ends_of(paragraph, split_sentences(paragraph))


def naive(paragraph: str) -> list[int]:
    return [m.end() for m in re.finditer(r"[.!?]+[\"“”»«)]*(?=\s+\S)", paragraph)] + [
        len(paragraph.rstrip())
    ]


def _ends_of(paragraph: str, sentences: list[str]) -> list[int]:
    ends, position = [], 0
    for sentence in sentences:
        found = paragraph.find(sentence, position)
        if found < 0:  # the splitter changed whitespace: fall back to the last word
            found = (
                paragraph.find(sentence.split()[-1], position)
                - len(sentence)
                + len(sentence.split()[-1])
            )
        position = found + len(sentence)
        ends.append(position)
    return ends


def load_somajo() -> Splitter | None:
    try:
        from somajo import SoMaJo
    except ImportError:
        return None
    tokenizer = SoMaJo("de_CMC", split_camel_case=False, character_offsets=True)

    def split(paragraph: str) -> list[int]:
        return [s[-1].character_offset[1] for s in tokenizer.tokenize_text([paragraph])]

    return split


def load_syntok() -> Splitter | None:
    try:
        import syntok.segmenter as segmenter
    except ImportError:
        return None

    def split(paragraph: str) -> list[int]:
        return [s[-1].offset + len(s[-1].value) for p in segmenter.analyze(paragraph) for s in p]

    return split


def corpus_gold() -> list[tuple[str, set[int], set[int]]]:
    """(paragraph text, its gold sentence ends, ends to ignore) for the annotated corpus articles."""
    corpus = require_corpus()
    cases = []
    for name, gold in json.loads((GOLD / "sentences.json").read_text(encoding="utf-8")).items():
        for offset, paragraph in body_paragraphs(corpus / name):
            inside = range(offset, offset + len(paragraph.rstrip()))
            ends = {b - offset for b in gold["boundaries"] if b in inside}
            ignore = {b - offset for b in gold["inside_quotes"] if b in inside}
            cases.append((paragraph, ends, ignore))
    return cases


def own_gold() -> list[tuple[str, set[int], set[int]]]:
    cases = []
    for line in (GOLD / "sentences-own.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        # " | " is a boundary at a space, "|" one where the source glued two sentences together
        pieces = re.split(r"( \| |\|)", line)
        ends, text = set(), ""
        for piece in pieces:
            if piece in (" | ", "|"):
                ends.add(len(text))
                text += " " if piece == " | " else ""
            else:
                text += piece
        cases.append((text, ends, set()))
    return cases


def score(
    split: Splitter, cases: list[tuple[str, set[int], set[int]]]
) -> tuple[float, float, float]:
    """Boundary P/R/F1; the paragraph's own end is not counted (every splitter gets it right)."""
    hits = found_total = gold_total = 0
    for paragraph, gold, ignore in cases:
        last = len(paragraph.rstrip())
        found = {e for e in split(paragraph) if e < last} - ignore
        gold = gold - ignore
        hits += len(found & gold)
        found_total += len(found)
        gold_total += len(gold)
    precision = hits / found_total if found_total else 1.0
    recall = hits / gold_total if gold_total else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def speed(split: Splitter, paragraphs: list[str], repeat: int) -> float:
    """Characters per second... reported as corpus passes per second, over `repeat` passes."""
    started = time.perf_counter()
    for _ in range(repeat):
        for paragraph in paragraphs:
            split(paragraph)
    return repeat / (time.perf_counter() - started)


def main() -> None:
    corpus = require_corpus()
    splitters: dict[str, Splitter | None] = {
        "ours (digest.reduce.sentences)": ours,
        "SoMaJo 2 (de_CMC)": load_somajo(),
        "syntok 1.4": load_syntok(),
        "naive regex": naive,
    }
    paragraphs = [p for f in sorted(corpus.glob("*.txt")) for _, p in body_paragraphs(f)]
    corpus_cases, own_cases = corpus_gold(), own_gold()
    print(
        f"gold: {sum(len(g - i) for _, g, i in corpus_cases)} sentence ends in 8 corpus articles, "
        f"{sum(len(g) for _, g, _ in own_cases)} in {len(own_cases)} own test paragraphs"
    )
    print(
        f"speed: {len(paragraphs)} paragraphs (all {len(list(corpus.glob('*.txt')))} articles), 5 passes\n"
    )
    print("| splitter | corpus P / R / F1 | own sentences P / R / F1 | corpus passes/s |")
    print("|---|---|---|---|")
    base = None
    for name, split in splitters.items():
        if split is None:
            print(f"| {name} | not installed (pip install -e '.[bench]') | | |")
            continue
        c = score(split, corpus_cases)
        o = score(split, own_cases)
        rate = speed(split, paragraphs, 5)
        base = base or rate
        print(
            f"| {name} | {c[0]:.3f} / {c[1]:.3f} / {c[2]:.3f} | {o[0]:.3f} / {o[1]:.3f} / {o[2]:.3f} "
            f"| {rate:.1f} ({rate / base:.2f}×) |"
        )


if __name__ == "__main__":
    main()
