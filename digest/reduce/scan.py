"""Finding characters and regex matches with str.find rather than by the regex engine alone.

A regex search tries its pattern at every position of the text. When every match must begin with
one of a few characters (a quotation mark, end punctuation), str.find reaches the places where
those stand far faster, and the pattern is tried there only, with the same result as finditer.
Patterns that many articles never need are compiled on first use (`lazy`), not at import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import cast

from .. import lang


def positions(text: str, chars: Iterable[str]) -> list[int]:
    """Where any of `chars` stands in `text`, in order."""
    found: list[int] = []
    for char in chars:
        i = text.find(char)
        while i >= 0:
            found.append(i)
            i = text.find(char, i + 1)
    found.sort()
    return found


def finditer_at(pattern: re.Pattern[str], text: str, starts: str) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), for a pattern whose every match begins with one of `starts`."""
    end = 0
    for i in positions(text, starts):
        if i >= end:  # finditer goes on after a match, never inside it
            match = pattern.match(text, i)
            if match:
                end = match.end()
                yield match


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
    """lang.compile_words, compiled when first used."""
    source = template.replace("{}", lang.alternation(entries))
    return lazy(source, re.IGNORECASE if ignore_case else 0)
