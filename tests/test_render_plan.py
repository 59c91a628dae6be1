"""Subject, preheader and intro planned together; one descriptive link per story; the outline;
the text part for a terminal mail client."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from digest.config import Config
from digest.models import Article, Story
from digest.render.html import render
from digest.render.labels import labels_for
from digest.render.markers import markers
from digest.render.plan import plan, split_headline
from tests.test_render import Elements, make_config, make_edition, make_story

GERMAN = labels_for("de", {})
ENGLISH = labels_for("en", {})

DAY_DE = [
    "Wintereinbruch in Oberfranken: Glatte A9 sorgt für Unfallserie",
    "Wohnen für Fachkräfte: Münchner Stadtrat gibt 480 Millionen frei",
    "Fahrplanwechsel: Bahn setzt auf mehr Sprinter",
    "26 westliche Staaten wollen Truppen in die Ukraine schicken",
    "Zugreisen in Europa: EU-Parlament will Tickets aus einer Hand",
]
DAY_EN = [
    "Storm Arwen: Thousands still without power in Scotland",
    "Rail fares: Season tickets to rise by four per cent",
    "Council approves new cycle lanes on the ring road",
    "Museum reopens: Dinosaur hall returns after two years",
]


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def stories_with(headlines: list[str]) -> list[Story]:
    return [make_story(f"k{n}", h) for n, h in enumerate(headlines)]


@pytest.mark.parametrize("headlines", [DAY_DE, DAY_DE[3:], DAY_DE[:1], DAY_DE[::-1]])
def test_subject_names_two_or_three_topics_in_whole_words(headlines: list[str]) -> None:
    lines = plan("Bayern am Abend", stories_with(headlines), GERMAN, "Das Wichtigste vom Tag")
    assert len(lines.subject) <= 70
    topics = lines.subject.removeprefix("Bayern am Abend: ")
    assert not topics.endswith((" und", " und …", ",", "…"))
    named = re.split(r", | und ", topics)
    assert 1 <= len(named) <= 3 and len(named) >= min(2, len(headlines))
    for topic in named:  # every topic is a whole-word beginning of one of the headlines
        assert any(
            h.startswith(topic) and h[len(topic) : len(topic) + 1] in ("", ":", " ")
            for h in headlines
        )


def test_preheader_adds_what_the_subject_does_not_say() -> None:
    lines = plan("Bayern am Abend", stories_with(DAY_DE), GERMAN, "Das Wichtigste vom Tag")
    assert 40 <= len(lines.preheader) <= 90
    named = re.split(r", | und ", lines.subject.removeprefix("Bayern am Abend: "))
    for topic in named:
        assert topic not in lines.preheader
    assert lines.preheader.startswith(
        "Glatte A9 sorgt für Unfallserie"
    )  # the top story's statement


def test_short_preheader_is_filled_with_the_tagline() -> None:
    lines = plan(
        "Abend", stories_with(["Streik: Aus"]), GERMAN, "Das Wichtigste vom Tag auf einen Blick"
    )
    assert 40 <= len(lines.preheader) <= 90 and "Das Wichtigste vom Tag" in lines.preheader


def test_intro_names_the_top_story_first() -> None:
    lines = plan("Bayern am Abend", stories_with(DAY_DE), GERMAN)
    first, rest = lines.intro.split(". ", 1)
    assert (
        first == "heute vor allem: Wintereinbruch in Oberfranken – Glatte A9 sorgt für Unfallserie"
    )
    assert (
        rest == "Außerdem: Wohnen für Fachkräfte, Fahrplanwechsel, 26 westliche Staaten und mehr."
    )
    configured = plan("B", stories_with(DAY_DE[:2]), GERMAN, intro="Schönen Feierabend!")
    assert configured.intro.endswith("Unfallserie. Schönen Feierabend!")


def test_english_edition_is_planned_alike() -> None:
    lines = plan("Evening Brief", stories_with(DAY_EN), ENGLISH, "The day in five minutes")
    assert lines.subject == "Evening Brief: Storm Arwen, Rail fares and Museum reopens"
    assert 40 <= len(lines.preheader) <= 90
    assert lines.preheader.startswith("Thousands still without power in Scotland")
    assert lines.intro.startswith("tonight, above all: Storm Arwen – Thousands still without power")
    assert not lines.subject.endswith(" and")


def test_an_english_headline_without_a_topic_is_not_cut_into_one() -> None:
    assert split_headline("Council approves new cycle lanes on the ring road", "en").topic is None
    assert (
        split_headline("Deutsche Bank will auf Kündigungen verzichten", "de").topic
        == "Deutsche Bank"
    )


# --- links ----------------------------------------------------------------------------------------


def test_every_story_with_a_url_has_exactly_one_descriptive_link(config: Config) -> None:
    with_url = make_story("a", "Lehrermangel: Bayern holt Lehrkräfte zurück")
    without = make_story("b", "Haushalt: Koalition einigt sich", "Deutschland", url=None)
    other = Article(
        "c", "tagesschau.de", "https://www.tagesschau.de/x", "T", ("Text.",), credits=()
    )
    merged = Story(
        with_url.article,
        with_url.headline,
        with_url.teaser,
        with_url.facts,
        with_url.quotes,
        (other,),
    )
    rendered = render(make_edition(merged, without), config)
    story_links = [
        a for a in Elements(rendered.html).all("a") if (a["href"] or "").startswith("https://www.")
    ]
    links = [a for a in story_links if "example.org" not in (a["href"] or "")]
    assert [a["href"] for a in links] == ["https://www.br.de/nachrichten/x"]
    assert "Mehr bei BR24: Lehrermangel: Bayern holt Lehrkräfte zurück</a>" in rendered.html
    assert "Auch bei: tagesschau.de" in rendered.html and "Auch bei: tagesschau.de" in rendered.text
    assert rendered.html.count("Mehr bei") == 1 and ">hier<" not in rendered.html.lower()
    haushalt = rendered.text.split("Haushalt: Koalition einigt sich\n-")[1]
    assert "Mehr bei" not in haushalt.split("------")[0]  # no link, and no word about it


# --- outline and text part ------------------------------------------------------------------------


def test_index_links_jump_to_the_stories(config: Config) -> None:
    html = render(make_edition(), config).html
    targets = re.findall(r'<a href="#([^"]+)"', html)
    ids = re.findall(r'<h3 id="([^"]+)"', html)
    assert targets == ids and len(ids) == 4


def test_without_sections_stories_are_h2(tmp_path: Path) -> None:
    config = make_config(tmp_path, {"sections": [], "closing_section": ""})
    story = make_story("a", "Lehrermangel: Bayern holt Lehrkräfte zurück", section=None)
    edition = make_edition(story)
    edition = type(edition)(edition.newsletter, edition.date, (story,), 1)
    html = render(edition, config).html
    assert len(Elements(html).all("h2")) == 1 and not Elements(html).all("h3")


def test_text_part_reads_well_in_a_terminal(config: Config) -> None:
    rendered = render(make_edition(), config)
    text = rendered.text
    lines = text.splitlines()
    assert all(len(line) <= 78 for line in lines if "://" not in line and "%%" not in line)
    assert max(len(line) for line in lines if "://" not in line) >= 60  # wrapped, not chopped
    assert not re.search(r"&[a-z]+;|&#\d+;|<[a-z/][^>]*>", text)  # no entities, no markup
    # the same order as the HTML: index numbers, then the stories numbered alike
    headlines = re.findall(r"<h3[^>]*>(.*?)</h3>", rendered.html)
    index = [re.sub(r"^ *\d+\. ", "", line) for line in lines if re.match(r"^ *\d+\. ", line)]
    assert index[: len(headlines)] == headlines
    assert [text.index(f"{n}. {h}\n---") for n, h in enumerate(headlines, 1)] == sorted(
        text.index(f"{n}. {h}\n---") for n, h in enumerate(headlines, 1)
    )
    references = re.findall(r"\[(\d+)\]\n", text)
    assert references == [str(n) for n in range(1, len(references) + 1)] and references
    for number in references:
        assert re.search(rf"^\[{number}\] https://", text, re.M)
    tail = text.rsplit("----------", 1)[1]
    assert tail.rstrip().endswith(markers(rendered.marker_key).unsubscribe_url)
    assert "Im Browser ansehen:\nhttps://www.example.org/abend/2026-11-25" in tail


def test_the_english_sample_edition_end_to_end(tmp_path: Path) -> None:
    """tests/data/english: five articles written for the tests, one event told by two sources."""
    from dataclasses import replace
    from datetime import date

    from digest.config import load_config
    from digest.pipeline import build

    config = load_config(Path(__file__).parent / "data" / "english" / "config.toml")
    config = replace(config, state=replace(config.state, path=tmp_path / "state.db"))
    built = build(config, edition_date=date(2026, 11, 25))
    rendered = built.rendered
    assert rendered.subject == "Evening Brief: Storm Arwen, Rail fares and Climate talks"
    assert 40 <= len(rendered.preheader) <= 90
    assert "tonight, above all: Storm Arwen – Thousands still without power" in rendered.text
    storm = built.edition.stories[0]
    assert storm.article.source == "Example News" and [a.source for a in storm.merged] == ["Wire"]
    assert "Also at: Wire" in rendered.text and "Also at: Wire" in rendered.html
    assert rendered.html.count(">More at ") == 4  # five stories, one without a URL


@pytest.mark.parametrize(
    ("headline", "topic"),
    [
        ("Neuer Bürgermeister von Passau tritt sein Amt an", "Neuer Bürgermeister von Passau"),
        ("Bahn-Chefin verteidigt die Preise vor dem Verkehrsausschuss", "Bahn-Chefin"),
        ("ADAC warnt vor Glätte auf allen Autobahnen im Süden", "ADAC"),
        ("Landrätin Maria Huber-Schmidhuber Eröffnet Neues Kreiskrankenhaus", None),
        (
            "Stadtwerke erhöhen zum Jahreswechsel die Preise für Fernwärme",
            "Stadtwerke erhöhen zum Jahreswechsel",
        ),
    ],
)
def test_german_topics_are_leading_nouns_never_a_cut_name(headline: str, topic: str | None) -> None:
    assert split_headline(headline, "de").topic == topic
