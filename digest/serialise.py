"""Stories and editions as plain JSON-ready dicts: `digest.json` and `digest reduce --json`."""

from __future__ import annotations

from typing import Any

from .models import Edition, Rendered, Story


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
            **story_dict(story),
            "section": story.section,
            "links": [{"url": link.url, "source": link.source} for link in story.links],
        }
        for story in edition.stories
    ]
    return data
