"""Headline and teaser: the article's title when it has one, else a short line built from the lead.

A headline is at most 80 characters, cut at a sensible boundary (colon, dash, comma, word), without
a final full stop. The teaser is one or two sentences, 200–300 characters where the text allows.
"""

from __future__ import annotations

import re

MAX_HEADLINE = 80
TEASER_MIN, TEASER_MAX = 200, 300


def headline(title: str | None, lead_sentences: list[str]) -> str:
    """The title, shortened if needed; or the lead's first clause."""
    if title:
        return shorten(title, MAX_HEADLINE)
    if not lead_sentences:
        return ""
    first = lead_sentences[0].rstrip(".!? ")
    clause = re.split(r",\s+(?:nach|um|dass|weil|wobei|nachdem|als|wie|die|der|das)\b", first)[0]
    if len(clause) < 25:
        clause = first
    return shorten(clause, MAX_HEADLINE)


def shorten(text: str, limit: int) -> str:
    """Cut at the last boundary before `limit`: dash, colon, comma, else a word (with '…')."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= limit:
        return text
    window = text[:limit]
    for boundary in (" – ", " — ", ": ", ", "):
        cut = window.rfind(boundary)
        if cut >= limit // 2:
            return window[:cut].rstrip()
    cut = window.rfind(" ")
    return window[: cut if cut > 0 else limit - 1].rstrip(",;:– ") + "…"


def teaser(sentences: list[str]) -> str:
    """One or two sentences from the start, 200–300 characters when the text allows."""
    text = ""
    for sentence in sentences:
        candidate = f"{text} {sentence}".strip()
        if text and len(candidate) > TEASER_MAX:
            break
        text = candidate
        if len(text) >= TEASER_MIN:
            break
    if len(text) > TEASER_MAX:
        cut = text[: TEASER_MAX - 1].rfind(" ")
        text = text[:cut].rstrip(",;:– ") + " …"
    return text
