"""The fixed texts of the email in German and English, overridable per key by `[render.labels]`.

A label may contain `{placeholders}`; an override may use the built-in text's placeholders (or
fewer), never others, so a typo in config.toml is reported at load time instead of failing a send.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..errors import ConfigError

GERMAN: dict[str, str] = {
    "date_format": "EEEE, d. MMMM y",  # Babel pattern: "Mittwoch, 25. November 2026"
    "edition": "Ausgabe {number}",
    "greeting": "Guten Abend",
    "intro": "hier ist der Überblick über den Tag: {count}, kompakt zusammengefasst.",
    "count_one": "ein Thema",
    "count_many": "{count} Themen",
    "topics": "Die Themen heute",
    "facts": "Das Wichtigste",
    "quote": "„{text}“",
    "more": "Mehr bei {source}: {headline}",
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
    "intro": "here is your overview of the day: {count}, in brief.",
    "count_one": "one story",
    "count_many": "{count} stories",
    "topics": "Today's stories",
    "facts": "Key facts",
    "quote": "“{text}”",
    "more": "More at {source}: {headline}",
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

# Style guides spell out numbers up to twelve ("sechs Themen", "six stories").
NUMBER_WORDS = {
    "de": ("keine", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun",
           "zehn", "elf", "zwölf"),
    "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
           "ten", "eleven", "twelve"),
}  # fmt: skip


@dataclass(frozen=True)
class Labels:
    """The label texts of one language with the config's overrides applied."""

    language: str
    texts: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        return self.texts[key]

    def format(self, key: str, **values: object) -> str:
        """The label with its placeholders filled in."""
        return self.texts[key].format(**values)

    def join(self, items: Iterable[str]) -> str:
        """'A', 'A und B', 'A, B und C' (English: 'and')."""
        items = list(items)
        if len(items) < 2:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self.texts['and']} {items[-1]}"

    def count(self, number: int) -> str:
        """'ein Thema', 'sechs Themen', '14 Themen'."""
        if number == 1:
            return self.texts["count_one"]
        words = NUMBER_WORDS.get(self.language, ())
        spelled = words[number] if 0 <= number < len(words) else str(number)
        return self.format("count_many", count=spelled)


def check_labels(overrides: Mapping[str, str]) -> list[tuple[str, str]]:
    """Problems with `[render.labels]` as (key path, message) pairs, for the config loader."""
    problems = []
    for key, text in overrides.items():
        path = f"render.labels.{key}"
        if key not in GERMAN:
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


def labels_for(language: str, overrides: Mapping[str, str], filename: str = "") -> Labels:
    """The labels of `language` with `overrides`; ConfigError when an override is wrong."""
    if problems := check_labels(overrides):
        prefix = f"{filename}: " if filename else ""
        raise ConfigError([f"{prefix}{path}: {message}" for path, message in problems])
    texts = {**BUILT_IN.get(language, GERMAN), **overrides}
    return Labels(language, texts)


def _placeholders(text: str) -> set[str]:
    """The `{names}` used in a label text; ValueError for unbalanced braces."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
