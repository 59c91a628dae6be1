"""The reducer's language knowledge as data: one TOML file per language, read once.

`de.toml`, `en.toml` (one file per language, named by its ISO 639-1 code) and `common.toml` (lists
that belong to no language: first names, name particles, news agencies) hold every word list the
reducer and extract.py use: speech verbs, role nouns, titles, months, function words, boilerplate
patterns, … Each file is a set of sections, one per kind of list (`[speech_verbs]`,
`[role_nouns]`, …); the format is described at the top of de.toml.

The rules ask for a list by section and key and get the words of every language together, in
file order (common, then the languages in alphabetical order): an article in one language quotes
speakers and names from others, and which language a text is in is not known before it is read.
The code builds its sets and compiles its patterns from these lists once, at import (patterns
that many texts never need on first use: `lazy`, `lazy_words`); adding a
word or a language is an edit to the data files alone.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, cast

DATA_DIR = Path(__file__).parent
LANGUAGE_FILE = re.compile(r"[a-z]{2,3}")  # de.toml, en.toml: ISO 639-1/-2 codes
COMMON = "common"


@cache
def languages() -> tuple[str, ...]:
    """The language codes that have a data file, in alphabetical order ("de", "en").

    A language file is named by its ISO 639 code; other data files here (common.toml,
    page-chrome.toml) are not languages."""
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.toml") if LANGUAGE_FILE.fullmatch(p.stem)))


@cache
def table(name: str) -> Mapping[str, Any]:
    """One data file as parsed TOML (read once per process)."""
    path = DATA_DIR / f"{name}.toml"
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RuntimeError(f"{path}: cannot read the reducer's word lists: {error}") from None


def _values(section: str, key: str, among: Iterable[str] | None) -> list[Any]:
    """The value of section.key in each file that has it, in file order; an error when none has it
    (a misspelt section would otherwise silently give an empty list)."""
    names = (COMMON, *languages()) if among is None else tuple(among)
    found = [table(n)[section][key] for n in names if key in table(n).get(section, {})]
    if not found:
        raise KeyError(f"no data file in {DATA_DIR} has [{section}] {key}")
    return found


def words(section: str, key: str, among: Iterable[str] | None = None) -> tuple[str, ...]:
    """The entries of a word list in every language (or those `among`), in file order.

    A list is written either as one string of words separated by white space, or as an array of
    strings when an entry holds a space ("weißes haus") or is a regular expression."""
    entries: list[str] = []
    for value in _values(section, key, among):
        entries.extend(value.split() if isinstance(value, str) else value)
    return tuple(entries)


def word_set(section: str, key: str, among: Iterable[str] | None = None) -> frozenset[str]:
    """words() as a set, for membership tests."""
    return frozenset(words(section, key, among))


def mapping(section: str, key: str, among: Iterable[str] | None = None) -> dict[str, str]:
    """A table of the data files (e.g. pronoun → gender), merged over the languages in file order."""
    merged: dict[str, str] = {}
    for value in _values(section, key, among):
        merged.update(value)
    return merged


def records(section: str, among: Iterable[str] | None = None) -> tuple[Mapping[str, Any], ...]:
    """An array of tables (`[[boilerplate]]`) of every language, in file order."""
    names = (COMMON, *languages()) if among is None else tuple(among)
    return tuple(record for n in names for record in table(n).get(section, ()))


def alternation(entries: Iterable[str], *, space: str | None = None) -> str:
    """A regex group matching any of the entries literally, tried in the given order; with `space`
    (e.g. `[ ]+`), a space in an entry matches that pattern ("de la" → `de[ ]+la`)."""
    if space is None:
        return "(?:" + "|".join(map(re.escape, entries)) + ")"
    return "(?:" + "|".join(space.join(map(re.escape, e.split())) for e in entries) + ")"


def fill(template: str, *, space: str | None = None, **lists: Iterable[str]) -> str:
    """A regex template with each `{name}` replaced by the alternation of that list; other braces
    (quantifiers like `{0,2}`) stay as they are."""
    for name, entries in lists.items():
        template = template.replace("{" + name + "}", alternation(entries, space=space))
    return template


def compile_words(
    template: str, entries: Iterable[str], *, ignore_case: bool = False
) -> re.Pattern[str]:
    """A pattern with `{}` in `template` standing for the alternation of `entries`."""
    return re.compile(
        template.replace("{}", alternation(entries)), re.IGNORECASE if ignore_case else 0
    )


# What a lazy pattern takes over from the compiled one on first use.
_PATTERN_ATTRIBUTES = (
    *("match", "search", "finditer", "fullmatch", "findall", "sub", "subn", "split"),
    *("pattern", "flags", "groups", "groupindex"),
)


class _LazyPattern:
    """A regex compiled on first use: the attributes the compiled pattern has are copied onto
    this object then, so that later calls cost what calls of the compiled pattern cost."""

    def __init__(self, source: str, flags: int) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> object:  # asked only for attributes not set yet
        if name.startswith("_"):
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for attribute in _PATTERN_ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)


def lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(source, flags), compiled when first used: for the patterns that many articles
    never need (English cues, rare frames), whose compiling would cost a one-file run at start-up."""
    return cast(re.Pattern[str], _LazyPattern(source, flags))


def lazy_words(
    template: str, entries: Iterable[str], *, ignore_case: bool = False
) -> re.Pattern[str]:
    """compile_words, compiled when first used."""
    source = template.replace("{}", alternation(entries))
    return lazy(source, re.IGNORECASE if ignore_case else 0)
