"""The fixed texts of the email in the edition's language, with the `[render.labels]` overrides.

The built-in texts and the rules for overrides are the config table's schema (config/labels.py): an
override may use the built-in text's `{placeholders}` (or fewer), never others, so a typo in
config.toml is reported at load time instead of failing a send.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..config.labels import BUILT_IN, GERMAN, check_labels
from ..errors import ConfigError

__all__ = ["NUMBER_WORDS", "Labels", "check_labels", "labels_for"]

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


def labels_for(language: str, overrides: Mapping[str, str], filename: str = "") -> Labels:
    """The labels of `language` with `overrides`; ConfigError when an override is wrong."""
    if problems := check_labels(overrides):
        prefix = f"{filename}: " if filename else ""
        raise ConfigError([f"{prefix}{path}: {message}" for path, message in problems])
    texts = {**BUILT_IN.get(language, GERMAN), **overrides}
    return Labels(language, texts)
