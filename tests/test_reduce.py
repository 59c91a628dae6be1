"""The rule reducer on the BR24 seed and the five sample articles, end to end."""

from __future__ import annotations

import pytest

from digest.config import Config
from digest.extract import extract
from digest.models import Article, RawItem
from digest.reduce import RuleReducer
from digest.report import RunReport
from digest.sources import SourceContext
from digest.sources.textfile import TextFileConfig, TextFileSource

from .conftest import BR24_SEED, SEEDS


def reduce_text(body: str, title: str | None = None, language: str | None = None):
    raw = RawItem(source="t", key="k", url=None, title=title, body=body, language=language)
    return RuleReducer().reduce(extract(raw))


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
    assert not any("„" in f or "Hier ist Bayern" in f for f in seed_story.facts)
    assert all(len(f.split()) <= 32 for f in seed_story.facts)


def test_seed_headline_is_built_from_the_lead(seed_story):
    # The seed has no title: the headline says who wants to do what, not the lead's first words,
    # after its topic in the BR24 manner "Thema: Aussage" (the article names Ukraine most often).
    assert seed_story.headline == "Ukraine: 26 westliche Staaten wollen Truppen schicken"


def test_seed_teaser_is_not_repeated_as_a_fact(seed_story):
    assert seed_story.teaser.startswith("In Paris haben sich 26 westliche Staaten")
    assert not any(f in seed_story.teaser for f in seed_story.facts)


SAMPLE_SPEAKERS = {
    "sample-1-muenchen-wohnen-fuer-fachkraefte.md": {"Julia Brandstetter", "Benedikt Hörmann"},
    "sample-2-oberfranken-wintereinbruch-a9.md": {"Thomas Brandl", "Kerstin Wolf"},
    "sample-3-bahn-fahrplanwechsel.md": {
        "Miriam Hoffmann",
        "Bundesverkehrsministerium",
        "Lukas Ebner",
    },
    "sample-4-eu-parlament-bahntickets.md": {"Marieke van Dijk", "Stefan Brunner"},
    "sample-5-oberpfalz-riesen-adventskranz.md": {"Korbinian Stadler", "Theresia Gruber"},
}


@pytest.mark.parametrize("name", sorted(SAMPLE_SPEAKERS))
def test_sample_articles_keep_every_quote_with_its_speaker(name):
    spec = TextFileConfig(name="seeds", type="textfile", path=SEEDS, language="de")
    item = TextFileSource(spec, SourceContext(Config(), RunReport())).read(SEEDS / name)
    story = RuleReducer().reduce(extract(item))
    assert story.quotes and all(q.speaker for q in story.quotes)
    assert {q.speaker for q in story.quotes} == SAMPLE_SPEAKERS[name]
    assert story.headline == item.title and 2 <= len(story.facts) <= 4


def test_english_article_is_detected_and_reduced_with_english_rules():
    body = (
        "The city council of Springfield approved a new budget of 12 million dollars on Tuesday, "
        "ending months of debate over school funding.\n\n"
        "“This budget keeps our schools open and our streets safe,” said Mayor Joan Peters. "
        "Council member Robert Kline voted against the plan. “We are borrowing from our children,” "
        "he told reporters.\n\nThe budget will grow by 3 percent next year, the finance department said."
    )
    story = reduce_text(body, language="de")  # the source says German; the text is clearly English
    assert story.headline == "City council of Springfield approved a new budget"
    assert [(q.speaker, q.role) for q in story.quotes] == [
        ("Joan Peters", "Mayor"),
        ("Robert Kline", None),
    ]


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


def test_max_quotes_is_a_parameter(seed_story):
    article = seed_story.article
    assert len(RuleReducer(max_quotes=2).reduce(article).quotes) == 2
