"""Patterns rewritten for speed find exactly what the patterns they replace found (issue 15).

A regex that opens with a character class lets the search skip in C to where a match can begin;
one that opens with a look-behind or a repeat is tried at every position. The rewrites below move
the look-behind after the first character (or spell `[x]+` as `[x][x]*`) and must not change a
single match: each is compared with the pattern it replaced, written out here, on generated text
and on the corpus when ../shared is beside the repo.
"""

from __future__ import annotations

import importlib
import json
import random
import re
from pathlib import Path

import pytest

from digest import lang

# the modules (digest.reduce exports functions of the same names as some of them)
detect = importlib.import_module("digest.lang.detect")
centrality = importlib.import_module("digest.reduce.centrality")
facts = importlib.import_module("digest.reduce.facts")
headline = importlib.import_module("digest.reduce.headline")
shape = importlib.import_module("digest.reduce.shape")
_FORMS = shape._FIRST_PERSON_FORMS

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

# (the pattern as it was, the pattern as it is, how it is used)
OLD_AND_NEW = {
    "detect._WORD": (re.compile(r"[a-zäöüß']+"), detect._WORD),
    "headline._CAPITALISED": (re.compile(r"(?<![\w-])[A-ZÄÖÜ][\wäöüß-]+"), headline._CAPITALISED),
    "centrality._LONG_WORD": (re.compile(r"[\wäöüß]{3,}"), centrality._LONG_WORD),
    "facts._INNER_LINK": (
        lang.compile_words(
            r"(?<=[\wäöüß)“”])\s+{}(?=\s+[\wäöüßÄÖÜ„(])", lang.words("facts", "inner_connectives")
        ),
        facts._INNER_LINK,
    ),
    "facts._DIGITS": (re.compile(r"\d[\d.,]*"), facts._DIGITS),
    "shape._FIRST_PERSON": (
        re.compile(
            "(?=["
            + "".join(sorted({form[0] for form in _FORMS}))
            + r"])(?<![\w'’-])"
            + lang.alternation(_FORMS)
            + r"(?![\w-])"
        ),
        shape._FIRST_PERSON,
    ),
}

# what the generated texts are made of: letters around the classes' edges, marks, spaces, line
# breaks, and the words the alternations list
_PIECES = [
    *"aäAÄzZßöÖüÜéÉ-'’_0 9\n\t.,;:!?()“”„»«\u00a0²٣",
    "12.5",
    "3,4",
    " ",
    " ",
    "  ",
    "Er",
    "ab",
    "Wort",
    *lang.words("facts", "inner_connectives"),
    *_FORMS,
    *[form + "s" for form in _FORMS],
]


def _generated(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 60))) for _ in range(count)]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", sorted(OLD_AND_NEW))
def test_the_rewritten_pattern_finds_the_same_on_generated_text(name):
    old, new = OLD_AND_NEW[name]
    texts = _generated(4000, seed=15)
    for text in texts:
        assert _spans(new, text) == _spans(old, text), (name, text)
        assert _spans(new, text.lower()) == _spans(old, text.lower()), (name, text)
    assert any(old.search(text) for text in texts)  # the texts give the patterns something to find


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus beside the repo")
@pytest.mark.parametrize("name", sorted(OLD_AND_NEW))
def test_the_rewritten_pattern_finds_the_same_in_the_corpus(name):
    old, new = OLD_AND_NEW[name]
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*/*.txt"))]
    with (CORPUS / "wikinews-train" / "train.jsonl").open(encoding="utf-8") as lines:
        texts += [json.loads(line)["text"] for line, _ in zip(lines, range(300), strict=False)]
    assert len(texts) > 300
    for text in texts:
        assert _spans(new, text) == _spans(old, text), name
        assert _spans(new, text.lower()) == _spans(old, text.lower()), name
