"""Stories and editions as plain JSON-ready dicts: `digest.json`, `digest reduce --json`, and the
draft as the state database keeps it (every field, so it renders again exactly as built)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from ..models import Article, Edition, Quote, Rendered, Section, Story


def story_dict(story: Story) -> dict[str, Any]:
    """One story in the shape of DESIGN.md's `digest reduce --json` line (without `input`)."""
    article = story.article
    return {
        "key": article.key,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "headline": story.headline,
        "teaser": story.teaser,
        "facts": list(story.facts),
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "role": q.role, "kind": q.kind}
            for q in story.quotes
        ],
        "credits": list(story.credits),
    }


def edition_dict(edition: Edition, rendered: Rendered | None = None) -> dict[str, Any]:
    """The edition as written to digest.json."""
    data: dict[str, Any] = {
        "newsletter": edition.newsletter,
        "date": edition.date.isoformat(),
        "number": edition.number,
    }
    if rendered is not None:
        data["subject"] = rendered.subject
        data["preheader"] = rendered.preheader
    data["credits"] = list(edition.credits)
    data["stories"] = [
        {
            "id": story.id,
            **story_dict(story),
            "section": story.section,
            "links": [{"url": link.url, "source": link.source} for link in story.links],
        }
        for story in edition.stories
    ]
    return data


# --- the draft as stored in the state database (state/drafts.py) ---------------------------------


def edition_record(edition: Edition) -> dict[str, Any]:
    """Everything needed to render the edition again, as JSON-ready data (see edition_from_record)."""
    index = {id(story): i for i, story in enumerate(edition.stories)}
    return {
        "newsletter": edition.newsletter,
        "date": edition.date.isoformat(),
        "number": edition.number,
        "stories": [_story_record(story) for story in edition.stories],
        "sections": [
            {"title": s.title, "stories": [index[id(story)] for story in s.stories]}
            for s in edition.sections
        ],
    }


def edition_from_record(data: dict[str, Any]) -> Edition:
    """The edition stored by edition_record()."""
    stories = tuple(_story_from_record(story) for story in data["stories"])
    sections = tuple(
        Section(s["title"], tuple(stories[i] for i in s["stories"])) for s in data["sections"]
    )
    return Edition(
        newsletter=data["newsletter"],
        date=date.fromisoformat(data["date"]),
        stories=stories,
        number=data["number"],
        sections=sections,
    )


def _story_record(story: Story) -> dict[str, Any]:
    return {
        "article": _article_record(story.article),
        "headline": story.headline,
        "teaser": story.teaser,
        "facts": list(story.facts),
        "quotes": [[q.text, q.speaker, q.role, q.kind] for q in story.quotes],
        "merged": [_article_record(a) for a in story.merged],
    }


def _story_from_record(data: dict[str, Any]) -> Story:
    return Story(
        article=_article_from_record(data["article"]),
        headline=data["headline"],
        teaser=data["teaser"],
        facts=tuple(data["facts"]),
        quotes=tuple(Quote(*q) for q in data["quotes"]),  # records stored before `kind`: "full"
        merged=tuple(_article_from_record(a) for a in data["merged"]),
    )


def _article_record(article: Article) -> dict[str, Any]:
    data = asdict(article)
    data["published"] = article.published.isoformat() if article.published else None
    return data


def _article_from_record(data: dict[str, Any]) -> Article:
    values = dict(data)
    values["published"] = datetime.fromisoformat(data["published"]) if data["published"] else None
    for name in ("paragraphs", "subheadings", "credits"):
        values[name] = tuple(values[name])
    return Article(**values)
