"""The reducer's fast scans find exactly what the plain patterns they replace would find.

Some patterns are split or reordered so that the regex engine can skip to where a match may begin
(names.before_name_words, attribution._SENTENCE_END) or replaced by string tests
(quotes._without_final_stop). Each is compared here with the pattern it stands for, on generated
text made of the pieces that matter, and on the corpus when ../shared is there (read in place,
never copied).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from digest import lang
from digest.reduce import attribution, names, quotes, speakers

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"

# The patterns as they were written before the speed changes (issue 15).
PLAIN_BEFORE_NAME = re.compile(names._WORD_SHAPE_WHOLE + names._NAME_FOLLOWS)
PLAIN_SENTENCE_END = re.compile(
    speakers.NOT_AFTER_TITLE + r"[.!?](?=\s|$)|\n|(?<=[a-zäöüß]{2})\.(?=[A-ZÄÖÜ][a-zäöüß])"
)
PLAIN_FINAL_STOP = re.compile(r"(?<!\.)[.,;:]$")


def generated(pieces: list[str], count: int, longest: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return [
        "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, longest))) for _ in range(count)
    ]


def corpus_texts() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.txt"))]


NAME_PIECES = [
    *("ab", "Cd", "ödp", "-", " ", "  ", "’s", "'", "von ", "de la ", "der ", "X", "ß", "é"),
    *("Éa", "\n", ".", ",", "Müller", "a-B", "1", "_", "Anna ", "CSU-Chef "),
]
END_PIECES = [
    *("ab", "Dr", "Prof", "Dipl.-Ing", "Sen", "Gov", ".", "!", "?", " ", "\n", "Ä", "ß", "x"),
    *("Der", "W", "1", "“", ". "),
]


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_before_name_words_are_the_plain_patterns_matches(source: str) -> None:
    texts = generated(NAME_PIECES, 20_000, 14, 3) if source == "generated" else corpus_texts()
    if not texts:
        pytest.skip("the corpus comes with ../shared, which is not beside this checkout")
    for text in texts:
        plain = [m.span() for m in PLAIN_BEFORE_NAME.finditer(text)]
        assert [m.span() for m in names.before_name_words(text)] == plain, text[:200]


@pytest.mark.parametrize("source", ["generated", "corpus"])
def test_sentence_end_finds_what_the_plain_pattern_finds(source: str) -> None:
    texts = generated(END_PIECES, 20_000, 12, 4) if source == "generated" else corpus_texts()
    if not texts:
        pytest.skip("the corpus comes with ../shared, which is not beside this checkout")
    for text in texts:
        plain = [m.span() for m in PLAIN_SENTENCE_END.finditer(text)]
        assert [m.span() for m in attribution._SENTENCE_END.finditer(text)] == plain, text[:200]


def test_final_stop_dropped_as_the_plain_pattern_drops_it() -> None:
    for text in generated(list("ab .,;:\n!…"), 50_000, 7, 5):
        words = text.strip()
        assert quotes._without_final_stop(words) == PLAIN_FINAL_STOP.sub("", words), words


def test_a_lazy_pattern_compiles_on_first_use_and_then_matches_as_compiled() -> None:
    source = r"\b(?:sagte|said)[ ]+([A-ZÄÖÜ]\w+)"
    pattern = lang.lazy(source)
    assert "search" not in vars(pattern)  # nothing compiled at import
    text = "„Ja“, sagte Anna. “Yes,” said Tom, sagte mir"
    plain = re.compile(source)
    assert [m.span(1) for m in pattern.finditer(text)] == [m.span(1) for m in plain.finditer(text)]
    assert "search" in vars(pattern)  # compiled once, its methods kept
    assert pattern.sub("-", text) == plain.sub("-", text)
    assert pattern.pattern == source
    words = lang.lazy_words(r"^{}$", ["Sprecher", "Sprecherin"], ignore_case=True)
    assert words.match("SPRECHERIN") and not words.match("Sprechern")


def test_every_age_noun_holds_the_hint_candidates_looks_for_first() -> None:
    from digest import lang
    from digest.reduce import candidates

    entries = lang.words("descriptions", "age")
    assert entries and all(candidates._AGE_HINT in entry for entry in entries)


def test_clause_end_reversed_finds_what_the_plain_pattern_finds() -> None:
    plain = re.compile(r'[„“”"»«:;!?\n]| \.')
    for text in generated(list('ab .:;!?\n„“"x'), 30_000, 10, 6):
        found = speakers._CLAUSE_END_REVERSED.search(text)
        expected = plain.search(text)
        assert (found and found.span()) == (expected and expected.span()), text
