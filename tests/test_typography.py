"""typography.typeset: the reader's quotation marks, dashes and spaces, German and English."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.extract import extract
from digest.lang.typography import typeset
from digest.models import RawItem
from digest.reduce import RuleReducer

from .conftest import BR24_SEED


@pytest.mark.parametrize(
    ("text", "german", "english"),
    [
        (
            'Der Minister sprach von einem "klaren Signal" an die Länder.',
            "Der Minister sprach von einem „klaren Signal“ an die Länder.",
            "Der Minister sprach von einem “klaren Signal” an die Länder.",
        ),
        (  # English marks in a German text, and German marks in an English one
            "Sie nannte es “eine gute Nachricht”.",
            "Sie nannte es „eine gute Nachricht“.",
            "Sie nannte es “eine gute Nachricht”.",
        ),
        (  # guillemets of either direction
            "Das Stück »Die Brücke« und das Buch «Der Fluss» laufen.",
            "Das Stück „Die Brücke“ und das Buch „Der Fluss“ laufen.",
            "Das Stück “Die Brücke” und das Buch “Der Fluss” laufen.",
        ),
        (  # nested: single marks inside double ones
            "Er sagte: \"Wir nennen das 'Plan B' und bleiben dabei.\"",
            "Er sagte: „Wir nennen das ‚Plan B‘ und bleiben dabei.“",
            "Er sagte: “Wir nennen das ‘Plan B’ und bleiben dabei.”",
        ),
        (  # a spaced hyphen is a dash; double spaces go
            "Die Brücke - seit Mai gesperrt -  öffnet am Montag.",
            "Die Brücke – seit Mai gesperrt – öffnet am Montag.",
            "Die Brücke – seit Mai gesperrt – öffnet am Montag.",
        ),
    ],
)
def test_quotation_marks_dashes_and_spaces(text, german, english):
    assert typeset(text, "de") == german
    assert typeset(text, "en") == english


@pytest.mark.parametrize(
    "text",
    [
        "Hier geht's zur Übersicht, und so geht’s weiter.",
        "Merkel’s plan and the mayor's office stay as they are.",
        "Hans' Rede war kurz.",
        "Ein Bindestrich-Wort und 1998-2004 bleiben.",
    ],
)
def test_apostrophes_and_hyphens_stay(text):
    assert typeset(text, "de") == text
    assert typeset(text, "en") == text


def test_typeset_is_idempotent_and_leaves_an_unpaired_mark():
    once = typeset('Sie sagte: "Wir kommen wieder. Dann - vielleicht.', "de")
    assert once == 'Sie sagte: "Wir kommen wieder. Dann – vielleicht.'  # nothing to pair with
    text = "Er rief: „Das ist ‚unser‘ Tag!“ – und ging."
    assert typeset(typeset(text, "de"), "de") == typeset(text, "de") == text


def test_extract_typesets_title_paragraphs_and_subheadings_of_a_straight_quoted_text():
    body = (
        'Der Rat sprach von einem "wichtigen Schritt" - und stimmte zu.\n\n'
        '"Neue Wege" für die Stadt\n\n'
        'Die Bürgermeisterin sagte: "Wir fangen im Frühjahr an."'
    )
    article = extract(
        RawItem(source="s", key="k", url=None, title='Rat sagt "Ja" zum Radweg', body=body)
    )
    assert article.title == "Rat sagt „Ja“ zum Radweg"
    assert article.paragraphs[0] == "Der Rat sprach von einem „wichtigen Schritt“ – und stimmte zu."
    assert article.subheadings == ("„Neue Wege“ für die Stadt",)
    assert not any('"' in p for p in article.paragraphs)


def test_english_articles_get_english_marks():
    body = (
        'The council called it "a fair deal" - and voted for it on Monday evening after a long '
        "debate about the new cycle lanes and the costs of the project for the city.\n\n"
        'The mayor said: "We start in spring, and we will finish the work before the summer."'
    )
    article = extract(RawItem(source="s", key="k", url=None, title=None, body=body, language="en"))
    assert "“a fair deal” – and" in article.paragraphs[0]
    story = RuleReducer().reduce(article)
    assert '"' not in story.teaser and "„" not in story.teaser


def test_an_english_article_with_a_title_in_a_german_newsletter_keeps_english_marks():
    """The source declares German (the newsletter's language), the text is clearly English: the
    story is English throughout, also when a title means no headline is made from the lead."""
    body = (
        "Mayor Tom Hale opened the new river bridge in Millbrook on Monday after a decade of "
        'planning and two failed budgets. "It took us ten long years to get here," Hale said.'
    )
    item = RawItem(source="s", key="k", url=None, title="Bridge opens", body=body, language="de")
    article = extract(item)
    assert article.language == "en"
    story = RuleReducer().reduce(article)
    assert "“It took us ten long years to get here,” Hale said." in story.teaser
    assert "„" not in story.teaser + " ".join(story.facts)


def test_the_seed_reads_in_german_typography():
    # the seed has straight quotes only
    raw = BR24_SEED.read_text(encoding="utf-8")
    assert '"' in raw and "„" not in raw
    item = RawItem(source="t", key="k", url=None, title=None, body=raw)
    seed_story = RuleReducer().reduce(extract(item))
    shown = [seed_story.headline, seed_story.teaser, *seed_story.facts]
    shown += [q.text for q in seed_story.quotes]
    assert not any('"' in text for text in shown)
    assert "„Koalition der Willigen“ – US-Rolle bleibt unklar" in seed_story.article.subheadings


# Marks that pair with nothing, or pair one way and then another: a nested double mark becomes
# an inner single one, which a second pass would pair differently without the settling.
ODD_MARKS = [
    "'‚'",
    "‹‚‹",
    '"„‹"',
    "‚A‚‘",
    "„„‚”",
    "»„„‹” ",
    "”s -- «›s«",
    "‚‚’›‚",
    "'‚'''",
    'a„‹—"“',
    "”!‚„”)",
    '"x  "‚,"  ‹"\'',
    "»»xa‹›—.»»a„a",
    'Er sagte: "Das ist \'seine Sache. Und "ihre".',
    "Sie rief: »Geht's ‚los?« und ging'",
    "Hans' Haus, Merkel’s Plan, 'n Abend, rock 'n' roll",
]


@pytest.mark.parametrize("text", ODD_MARKS)
@pytest.mark.parametrize("language", ["de", "en"])
def test_typeset_is_idempotent_on_odd_marks(text, language):
    once = typeset(text, language)
    assert typeset(once, language) == once


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"\"„“”»«'‚‘’‹› -–—.,!?():\n", "  ", " - ", " -- ", "geht", "Hans", "A", "s"]
        ),
        max_size=30,
    ).map("".join),
    st.sampled_from(["de", "en"]),
)
def test_typeset_is_idempotent(text, language):
    once = typeset(text, language)
    assert typeset(once, language) == once
