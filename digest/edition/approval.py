"""What an approval is of: the content hash of exactly what would be sent, and a summary of the
edition (subject, stories and their fields) to name what changed when the hash no longer matches.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ..models import Edition, Rendered

STORY_FIELDS = ("headline", "teaser", "facts", "quote", "section")


def content_hash(rendered: Rendered) -> str:
    """SHA-256 of the rendered edition (subject, preheader, HTML, text): what subscribers get.

    Each rendering draws a new secret key for its per-recipient markers; they stand where every
    reader's own link and name go, so they are hashed as the fixed markers: the same edition
    rendered twice has the same content."""
    digest = hashlib.sha256()
    keyed = f"_{rendered.marker_key}%%"  # render/markers.py: "%%DIGEST_…_<key>%%"
    for part in (rendered.subject, rendered.preheader, rendered.html, rendered.text):
        if rendered.marker_key:
            part = part.replace(keyed, "%%")
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def summary(edition: Edition, rendered: Rendered) -> dict[str, Any]:
    """The edition as approved, field by field (JSON-ready)."""
    return {
        "subject": rendered.subject,
        "preheader": rendered.preheader,
        "stories": [
            {
                "id": story.id,
                "headline": story.headline,
                "teaser": story.teaser,
                "facts": list(story.facts),
                "quote": [story.top_quote.text, story.top_quote.speaker, story.top_quote.role]
                if story.top_quote
                else None,
                "section": story.section,
            }
            for story in edition.stories
        ],
    }


def changes(approved: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """What differs between two summaries, in words: 'story 1a2b3c4d5e: headline, quote', …"""
    found = [name for name in ("subject", "preheader") if approved.get(name) != now.get(name)]
    before = {s["id"]: s for s in approved.get("stories", [])}
    after = {s["id"]: s for s in now.get("stories", [])}
    found += [f"story {i} added" for i in after if i not in before]
    found += [f"story {i} removed" for i in before if i not in after]
    for story_id, story in after.items():
        if story_id in before:
            fields = [f for f in STORY_FIELDS if before[story_id].get(f) != story.get(f)]
            if fields:
                found.append(f"story {story_id}: {', '.join(fields)}")
    common_before = [i for i in before if i in after]
    common_after = [i for i in after if i in before]
    if common_before != common_after:
        found.append("the order of the stories")
    return found or ["the rendering (templates or config)"]
