"""Cutting an edition to max_stories, and which telling leads a story told by several sources."""

from __future__ import annotations

import random
import string
from datetime import UTC, date, datetime, timedelta

from digest.config import config_from_dict
from digest.edition.assemble import FULL_TEXT_WORDS, assemble, merge_duplicates
from digest.models import Article, Quote, Story

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
DAY = date(2026, 11, 25)
SECTIONS = ["Bayern", "Deutschland", "Welt"]


def make_config(tmp_path, **newsletter):
    data = {
        "newsletter": {"sections": SECTIONS, "closing_section": "Zum Schluss", **newsletter},
        "sources": [
            {"name": "A", "type": "feed", "url": "https://a.example.org/feed", "priority": 2},
            {"name": "B", "type": "feed", "url": "https://b.example.org/feed"},
        ],
        "state": {"path": str(tmp_path / "s.db")},
    }
    return config_from_dict(data, tmp_path, "test.toml")


def make_story(key, section, hours_old=1.0, *, source="A", words=40, quote=False, url=True):
    """A story whose text is made of words drawn from the key (so unrelated keys never merge)."""
    vocabulary = [
        "".join(random.Random(f"{key}{n}").choices(string.ascii_lowercase, k=8)) for n in range(12)
    ]
    text = " ".join(vocabulary[n % len(vocabulary)] for n in range(words))
    article = Article(
        key=key,
        source=source,
        url=f"https://{source.lower()}.example.org/{key}" if url else None,
        title=f"{key} Titel",
        paragraphs=(text,),
        published=NOW - timedelta(hours=hours_old),
        section=section,
    )
    quotes = (Quote("Ein Satz dazu", "Eva Berg", "Sprecherin"),) if quote else ()
    headline = f"{vocabulary[0].capitalize()}: {vocabulary[1]} {vocabulary[2]}"
    return Story(article, headline, text[:200], ("Fakt.",), quotes)


def keys(edition):
    return [story.key for story in edition.stories]


def test_every_configured_section_keeps_its_lead_story_when_cutting(tmp_path):
    config = make_config(tmp_path, max_stories=8)
    bayern = [make_story(f"bayern{n}", "Bayern", hours_old=n) for n in range(7)]
    deutschland = [make_story(f"deutsch{n}", "Deutschland", hours_old=n) for n in range(3)]
    welt = [make_story("welt", "Welt")]
    closing = [make_story("kranz", "Zum Schluss")]
    edition = assemble(bayern + deutschland + welt + closing, config, DAY)
    assert len(edition.stories) == 8  # the closing story counts within max_stories
    assert [s.title for s in edition.sections] == ["Bayern", "Deutschland", "Welt", "Zum Schluss"]
    assert keys(edition) == [
        "bayern0",
        "bayern1",
        "bayern2",
        "bayern3",
        "bayern4",
        "deutsch0",
        "welt",
        "kranz",
    ]


def test_fewer_slots_than_sections_keep_the_leads_in_section_order(tmp_path):
    config = make_config(tmp_path, max_stories=2)
    stories = [
        make_story("welt", "Welt"),
        make_story("bayern1", "Bayern"),
        make_story("bayern2", "Bayern", hours_old=2),
        make_story("deutsch", "Deutschland"),
        make_story("kranz", "Zum Schluss"),
    ]
    assert keys(assemble(stories, config, DAY)) == ["bayern1", "deutsch"]


def test_the_closing_story_comes_after_the_leads_but_before_second_stories(tmp_path):
    config = make_config(tmp_path, max_stories=3)
    stories = [
        make_story("bayern1", "Bayern"),
        make_story("bayern2", "Bayern", hours_old=2),
        make_story("welt", "Welt"),
        make_story("kranz", "Zum Schluss"),
        make_story("kuerbis", "Zum Schluss", hours_old=3),
    ]
    assert keys(assemble(stories, config, DAY)) == ["bayern1", "welt", "kranz"]


def test_no_cut_when_everything_fits(tmp_path):
    config = make_config(tmp_path, max_stories=10)
    stories = [make_story(f"bayern{n}", "Bayern", hours_old=n) for n in range(4)]
    stories.append(make_story("sport", "Sport"))
    assert keys(assemble(stories, config, DAY)) == [
        "bayern0",
        "bayern1",
        "bayern2",
        "bayern3",
        "sport",
    ]


def same_event(key, source, **kwargs):
    """Two tellings of one event: the same words, a different key and source."""
    story = make_story("streik", "Bayern", source=source, **kwargs)
    article = Article(**{**story.article.__dict__, "key": key})
    return Story(article, story.headline, story.teaser, story.facts, story.quotes)


def test_the_richest_telling_leads_a_merged_story(tmp_path):
    config = make_config(tmp_path)
    thin = same_event("thin", "A", words=40)  # the higher-priority source, but a summary only
    full = same_event("full", "B", words=FULL_TEXT_WORDS + 20, quote=True)
    (merged,) = merge_duplicates([thin, full], config)
    assert merged.key == "full"
    assert [a.key for a in merged.merged] == ["thin"]
    assert [link.source for link in merged.links] == ["B", "A"]


def test_a_quote_and_a_url_outweigh_a_bare_telling(tmp_path):
    config = make_config(tmp_path)
    bare = same_event("bare", "A", url=False)
    quoted = same_event("quoted", "B", quote=True)
    (merged,) = merge_duplicates([bare, quoted], config)
    assert merged.key == "quoted"


def test_equally_rich_tellings_keep_the_priority_order(tmp_path):
    config = make_config(tmp_path)
    first = same_event("from-b", "B", quote=True)
    second = same_event("from-a", "A", quote=True)
    (merged,) = merge_duplicates([first, second], config)
    assert merged.key == "from-a"  # source A has the higher priority
