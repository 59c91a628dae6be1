"""Property tests: any Unicode text extracts and reduces without an exception, in time proportional
to its length, and every quote the reducer returns occurs in the input."""

from __future__ import annotations

import re
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.extract import extract
from digest.htmltext import html_to_text
from digest.lang.typography import typeset
from digest.models import RawItem
from digest.reduce import RuleReducer

# Text that looks like news often enough to reach every rule: words, quotation marks of every kind,
# punctuation, numbers, names with particles, line breaks; plus arbitrary Unicode.
NEWSY = st.lists(
    st.sampled_from(
        [
            "Der",
            "die",
            "sagte",
            "erklärte",
            "er",
            "sie",
            "so",
            "Bundeskanzler",
            "Anna",
            "Berg",
            "von",
            "der",
            "Leyen",
            "Polizei",
            "3.",
            "September",
            "1,5",
            "Prozent",
            "z.",
            "B.",
            "„",
            "“",
            "”",
            '"',
            "»",
            "«",
            "‚",
            "‘",
            ",",
            ".",
            ":",
            "?",
            "!",
            "…",
            "–",
            "(CDU)",
            "\n",
            "\n\n",
            "Mit Informationen von dpa",
            "https://example.org/a.b",
            "Dr.",
            "Nr.",
            "said",
            "told",
            "“",
            "Mark",
            "Rutte",
            "Nato-Generalsekretär",
            "zufolge",
            "laut",
        ]
    ),
    max_size=300,
).map(" ".join)
ANY_TEXT = st.one_of(NEWSY, st.text(max_size=2000))


def reduce_text(text: str):
    item = RawItem(source="p", key="k", url=None, title=None, body=text)
    return RuleReducer().reduce(extract(item))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_any_text_reduces_and_quotes_come_from_the_input(text):
    story = reduce_text(text)
    # the article's text is the input in the reader's typography (quotation marks, dashes)
    flat = " ".join(" ".join(story.article.paragraphs).split())
    for quote in story.quotes:
        assert " ".join(quote.text.split()) in flat
    assert len(story.facts) <= 4
    assert len(story.headline) <= 81


_NOT_TYPOGRAPHY = re.compile(r"[\s\"„“”»«'‚‘’‹›–—-]")
_WORDS = st.sampled_from(["Der", "Rat", "sagte", "geht's", "Merkel’s", "1998-2004", "-", "Wort."])
_OPEN_CLOSE = st.sampled_from([('"', '"'), ("„", "“"), ("“", "”"), ("»", "«"), ("«", "»")])


@st.composite
def quoted_text(draw):
    """Words with well-formed quotations, some with a quotation inside ('…' or ‚…‘)."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        words = " ".join(draw(st.lists(_WORDS, min_size=1, max_size=4)))
        if draw(st.booleans()):
            opening, closing = draw(_OPEN_CLOSE)
            inner = draw(st.sampled_from(["", "'Plan B'", "‚Plan B‘"]))
            words = f"{opening}{words} {inner}{closing}" if inner else f"{opening}{words}{closing}"
        parts.append(words)
    return " ".join(parts)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, st.sampled_from(["de", "en"]))
def test_typeset_changes_only_marks_dashes_and_spaces(text, language):
    once = typeset(text, language)
    assert _NOT_TYPOGRAPHY.sub("", once) == _NOT_TYPOGRAPHY.sub("", text)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, st.sampled_from(["de", "en"]))
def test_typeset_is_idempotent_on_any_text(text, language):
    once = typeset(text, language)
    assert typeset(once, language) == once


@settings(max_examples=300, deadline=None)
@given(quoted_text(), st.sampled_from(["de", "en"]))
def test_typeset_is_idempotent_on_well_formed_quotations(text, language):
    once = typeset(text, language)
    assert typeset(once, language) == once
    outer = ("„", "“") if language == "de" else ("“", "”")
    assert once.count(outer[0]) == once.count(outer[1])


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=3000))
def test_any_html_extracts(text):
    extract(RawItem(source="p", key="k", url=None, title=text[:50], body=text, body_format="html"))
    html_to_text(f"<p>{text}</p><script>{text}</script>")


def test_time_grows_linearly_with_length():
    """No catastrophic backtracking: 8x the text may take at most ~20x the time."""
    unit = (
        "„Das ist ein Satz ohne Ende und mit vielen Wörtern, sagte er, und noch mehr “ "
        "Bundeskanzler Friedrich Merz (CDU) erklärte: „ 1,5 Prozent z. B. am 3. September "
    )
    small, large = unit * 20, unit * 160

    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            reduce_text(text)
            best = min(best, time.process_time() - start)
        return best

    assert seconds(large) <= 20 * seconds(small) + 0.05


def test_pathological_inputs_finish_quickly():
    """A guard against catastrophic backtracking, not a speed test: each input needs well under a
    second of CPU; the bound is CPU time (process_time), so a busy machine does not fail it."""
    cases = [
        "„" * 20000,
        "a" * 200000,
        ". " * 50000,
        "Anna " * 20000,
        ('"' + "x " * 5000) * 4,
        "\n" * 100000,
        "Mit Informationen von " + "dpa und " * 5000,
    ]
    for text in cases:
        start = time.process_time()
        reduce_text(text)
        assert time.process_time() - start < 5, text[:40]
