"""The `[render.labels]` table's schema: the built-in label texts per language, and which keys and
`{placeholders}` an override may use.

They are the defaults of a config table, so they live with the config (the loader checks overrides
against them and reports problems with their key paths); render/labels.py applies them.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

GERMAN: dict[str, str] = {
    "date_format": "EEEE, d. MMMM y",  # Babel pattern: "Mittwoch, 25. November 2026"
    "edition": "Ausgabe {number}",
    "greeting": "Guten Abend",
    "intro": "heute vor allem: {story}.",  # after "Guten Abend,"; {story}: the top headline
    "intro_more": "Außerdem: {topics}.",
    "intro_rest": "mehr",  # the last of the intro's topics when there are more stories
    "count_one": "ein Thema",
    "count_many": "{count} Themen",
    "topics": "Die Themen heute",
    "facts": "Das Wichtigste",
    "quote": "„{text}“",
    "more": "Mehr bei {source}: {headline}",
    "also": "Auch bei: {sources}",  # the other sources of a merged story
    "credits": "Mit Informationen von {credits}",
    "and": "und",
    "closing": "Und zum Schluss",
    "why": "Sie erhalten diese E-Mail, weil Sie den Newsletter „{name}“ abonniert haben.",
    "unsubscribe": "Abmelden",
    "web_version": "Im Browser ansehen",
    "signup_question": "Newsletter weitergeleitet bekommen?",
    "signup": "Hier kostenlos anmelden",
    "privacy": "Datenschutz",
    "impressum": "Impressum",
}

ENGLISH: dict[str, str] = {
    "date_format": "EEEE, d MMMM y",
    "edition": "Issue {number}",
    "greeting": "Good evening",
    "intro": "tonight, above all: {story}.",
    "intro_more": "Also: {topics}.",
    "intro_rest": "more",
    "count_one": "one story",
    "count_many": "{count} stories",
    "topics": "Today's stories",
    "facts": "Key facts",
    "quote": "“{text}”",
    "more": "More at {source}: {headline}",
    "also": "Also at: {sources}",
    "credits": "With material from {credits}",
    "and": "and",
    "closing": "And finally",
    "why": "You are receiving this email because you subscribed to “{name}”.",
    "unsubscribe": "Unsubscribe",
    "web_version": "View in your browser",
    "signup_question": "Was this forwarded to you?",
    "signup": "Sign up for free",
    "privacy": "Privacy",
    "impressum": "Legal notice",
}

BUILT_IN = {"de": GERMAN, "en": ENGLISH}


def check_labels(overrides: Mapping[str, str]) -> list[tuple[str, str]]:
    """Problems with `[render.labels]` as (key path, message) pairs, for the config loader."""
    problems = []
    for key, text in overrides.items():
        path = f"render.labels.{key}"
        if key not in GERMAN:
            import difflib  # only for a misspelt key

            close = difflib.get_close_matches(key, list(GERMAN), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (known: {', '.join(GERMAN)})"
            problems.append((path, "unknown label" + hint))
            continue
        try:
            used = _placeholders(text)
        except ValueError as err:
            problems.append((path, f"not a valid label text: {err}"))
            continue
        allowed = _placeholders(GERMAN[key])
        if unknown := sorted(used - allowed):
            known = ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"
            problems.append((path, f"unknown placeholder {{{unknown[0]}}} (allowed: {known})"))
    return problems


def _placeholders(text: str) -> set[str]:
    """The `{names}` used in a label text; ValueError for unbalanced braces."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
