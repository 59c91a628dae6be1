"""The rule reducer on the BR24 seed and on hard cases written for these tests."""

from __future__ import annotations

import pytest

from digest.extract import extract
from digest.models import Article, RawItem
from digest.reduce import RuleReducer
from digest.reduce.headline import shorten, teaser
from digest.reduce.marks import scan_quotes
from digest.reduce.quotes import find_quotes, is_statement
from digest.reduce.sentences import split_sentences
from digest.reduce.speakers import PersonIndex

from .conftest import BR24_SEED


def reduce_text(body: str, title: str | None = None):
    raw = RawItem(source="t", key="k", url=None, title=title, body=body)
    return RuleReducer().reduce(extract(raw))


def quotes_of(text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (f.quote.text, f.quote.speaker, f.quote.role) for f in find_quotes(text, PersonIndex(text))
    ]


@pytest.fixture(scope="module")
def seed_story():
    return reduce_text(BR24_SEED.read_text(encoding="utf-8"))


def test_seed_has_exactly_its_four_statement_quotes(seed_story):
    speakers = sorted((q.speaker, q.role) for q in seed_story.quotes)
    assert speakers == [
        ("Emmanuel Macron", "Frankreichs Präsident"),
        ("Emmanuel Macron", "Frankreichs Präsident"),
        ("Maria Sacharowa", "Außenamtssprecherin"),
        ("Mark Rutte", "Nato-Generalsekretär"),
    ]
    texts = " ".join(q.text for q in seed_story.quotes)
    assert "strategischen Signal" not in texts and "Hier ist Bayern" not in texts
    assert all('"' not in q.text for q in seed_story.quotes)


def test_seed_pronoun_speaker_is_macron_not_trump(seed_story):
    [quote] = [q for q in seed_story.quotes if q.text.startswith("In den nächsten Tagen")]
    assert quote.speaker == "Emmanuel Macron"


def test_seed_story_shape(seed_story):
    assert seed_story.credits == ("dpa", "Reuters")
    assert 2 <= len(seed_story.facts) <= 4
    assert seed_story.headline and len(seed_story.headline) <= 80
    assert not seed_story.headline.endswith(".")
    assert not any("„" in f or "Hier ist Bayern" in f for f in seed_story.facts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Landrätin Petra Vogl (CSU) sagte: „Wir werden die Straße im Frühjahr sanieren.“",
            [("Wir werden die Straße im Frühjahr sanieren.", "Petra Vogl", "Landrätin (CSU)")],
        ),
        (
            "„Das Programm wird bis Ende des Jahres verlängert“, erklärte Ministerin Anna Berg.",
            [("Das Programm wird bis Ende des Jahres verlängert", "Anna Berg", "Ministerin")],
        ),
        (
            "Bürgermeister Jan Kurz eröffnete die Brücke. „Wir haben lange darauf gewartet“, so Kurz.",
            [("Wir haben lange darauf gewartet", "Jan Kurz", "Bürgermeister")],
        ),
        (
            "Trainerin Lena Hofer sprach mit Präsident Otto Brandt. „Wir bleiben zuversichtlich für die Saison“, sagte sie.",
            [("Wir bleiben zuversichtlich für die Saison", "Lena Hofer", "Trainerin")],
        ),
        (
            "„Wir sind zufrieden mit dem Ergebnis“, sagte Vorstand Karl Huber, „aber es bleibt viel zu tun.“",
            [
                ("Wir sind zufrieden mit dem Ergebnis", "Karl Huber", "Vorstand"),
                ("aber es bleibt viel zu tun.", "Karl Huber", "Vorstand"),
            ],
        ),
        (
            "„Die Lage an der Grenze ist weiterhin angespannt“, teilte die Polizei mit.",
            [("Die Lage an der Grenze ist weiterhin angespannt", "Polizei", None)],
        ),
        (
            "Das Projekt „Stadtbahn Nord“ und die „Brückentage“ bleiben umstritten.",
            [],
        ),
    ],
)
def test_hard_cases(text, expected):
    assert quotes_of(text) == expected


def test_interview_medium_is_not_the_speaker():
    text = "„Wir müssen jetzt schnell handeln und investieren“, sagte Sprecherin Eva Roth der Zeitung Die Welt."
    assert quotes_of(text) == [
        ("Wir müssen jetzt schnell handeln und investieren", "Eva Roth", "Sprecherin")
    ]


@pytest.mark.parametrize(
    "words", ["strategischen Signal", "Koalition der Willigen", "Cassini", "Hier ist Bayern"]
)
def test_scare_quotes_and_titles_are_not_statements(words):
    assert not is_statement(words)


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("Er sagte „ja, das stimmt” dazu.", "„”"),
        ('Er sagte „ja, das stimmt" dazu.', '„"'),
        ("Sie sagte »so geht das« heute.", "»«"),
        ("Sie sagte «so geht das» heute.", "«»"),
        ("He said “this is it” today.", "“”"),
    ],
)
def test_quote_marks_including_broken_closing_marks(text, marks):
    [span] = scan_quotes(text)
    assert text[span.start] == marks[0] and text[span.end - 1] == marks[1]


def test_nested_single_quotes_stay_inside():
    text = "„Er nannte es ‚Wahnsinn‘, und das war es auch“, sagte sie."
    [span] = scan_quotes(text)
    assert "‚Wahnsinn‘" in span.inner(text)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Das gilt z. B. für Dr. Meier. Er kam am 3. September nach Hause.", 2),
        ("Im 20. Jahrhundert war das anders. Heute nicht.", 2),
        ("Der Kurs stieg um 1,5 Prozent. Das ist viel.", 2),
        ("Sie wurde Platz 2. Danach ging sie heim.", 2),
        ("Mehr unter https://example.org/a.b. Danach kam nichts.", 2),
        ("„Wir kommen. Wir bleiben.“ Das sagte er.", 2),
        ("Das kostet ca. 5 Mio. Euro. So ist es.", 2),
        ("Warten... Dann kam er.", 2),
    ],
)
def test_sentences(text, count):
    assert len(split_sentences(text)) == count, split_sentences(text)


def test_headline_shortening_at_a_boundary():
    title = "Streit um den Haushalt: Landtag vertagt die Entscheidung über die Kliniken, die Schulen und die Straßen"
    short = shorten(title, 80)
    assert len(short) <= 80 and not short.endswith(",")


def test_teaser_length_window():
    sentences = [("Wort " * 25).strip() + ".", ("Satz " * 20).strip() + ".", "Ende hier."]
    result = teaser(sentences)
    assert 200 <= len(result) <= 300


def test_facts_never_quotes_or_questions():
    body = (
        "Der Stadtrat hat 12 Millionen Euro für 300 neue Wohnungen bewilligt. "
        "Ist das genug? „Wir sind sehr zufrieden mit diesem Beschluss“, sagte Anna Berg. "
        "Die Bauarbeiten sollen am 3. März 2027 beginnen und zwei Jahre dauern. "
        "Bis 2030 sollen weitere 500 Wohnungen in Freiham folgen, teilte die Stadt mit."
    )
    story = reduce_text(body, title="Wohnungsbau")
    assert story.facts and not any("?" in f or "„" in f for f in story.facts)


def test_article_without_paragraphs_reduces_to_empty_story():
    story = RuleReducer().reduce(Article(key="k", source="s", url=None, title="T", paragraphs=()))
    assert story.headline == "T" and story.facts == () and story.quotes == ()
