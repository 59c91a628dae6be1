"""The data that passes between the pipeline's stages, as small frozen dataclasses.

sources → RawItem → extract → Article → reduce → Story → edition → Edition → render → Rendered
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

BodyFormat = Literal["text", "html"]


@dataclass(frozen=True)
class RawItem:
    """One article as a source delivered it, before any cleaning."""

    source: str
    key: str
    url: str | None
    title: str | None
    body: str
    body_format: BodyFormat = "text"
    published: datetime | None = None
    section: str | None = None
    language: str | None = None
    origin: str = ""  # file path or URL the item was read from, for messages
    author: str | None = None  # as the page names it (bylines that only repeat it are removed)


@dataclass(frozen=True)
class Article:
    """Clean text of one article: paragraphs in reading order, without boilerplate."""

    key: str
    source: str
    url: str | None
    title: str | None
    paragraphs: tuple[str, ...]
    subheadings: tuple[str, ...] = ()
    published: datetime | None = None
    section: str | None = None
    credits: tuple[str, ...] = ()
    language: str = "de"
    origin: str = ""


@dataclass(frozen=True)
class Quote:
    """A direct quote: the words without quotation marks, and who said them."""

    text: str
    speaker: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Link:
    """Where a story can be read in full, and under which source's name."""

    url: str
    source: str


@dataclass(frozen=True)
class Story:
    """What the email shows of one article, plus the articles on the same event merged into it."""

    article: Article
    headline: str
    teaser: str
    facts: tuple[str, ...]
    quotes: tuple[Quote, ...] = ()
    merged: tuple[Article, ...] = ()  # the same story from other sources

    @property
    def key(self) -> str:
        return self.article.key

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.article.key, *(other.key for other in self.merged))

    @property
    def section(self) -> str | None:
        return self.article.section

    @property
    def top_quote(self) -> Quote | None:
        return self.quotes[0] if self.quotes else None

    @property
    def links(self) -> tuple[Link, ...]:
        articles = (self.article, *self.merged)
        return tuple(Link(a.url, a.source) for a in articles if a.url)

    @property
    def credits(self) -> tuple[str, ...]:
        return unique(c for a in (self.article, *self.merged) for c in a.credits)


@dataclass(frozen=True)
class Section:
    """A heading of the edition and the stories under it (title None: no heading)."""

    title: str | None
    stories: tuple[Story, ...]


@dataclass(frozen=True)
class Edition:
    """The stories of one day, ordered, ready to be rendered."""

    newsletter: str
    date: date
    stories: tuple[Story, ...]
    number: int | None = None
    sections: tuple[Section, ...] = ()

    @property
    def article_keys(self) -> tuple[tuple[str, str], ...]:
        """(key, source) of every article in the edition, merged ones included: what becomes
        seen once the edition has been delivered."""
        articles = (a for story in self.stories for a in (story.article, *story.merged))
        return tuple(dict.fromkeys((a.key, a.source) for a in articles))

    @property
    def credits(self) -> tuple[str, ...]:
        """The union of the stories' credits, in order of first appearance."""
        return unique(c for story in self.stories for c in story.credits)


@dataclass(frozen=True)
class Rendered:
    """The edition as an email's parts: subject line, preheader, inlined HTML, plain text."""

    subject: str
    preheader: str
    html: str
    text: str
    # The per-edition secret in its personalisation markers (personalise.markers()); "" in an
    # edition stored by a digest before 0.x, whose markers were fixed strings.
    marker_key: str = ""


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """The items without repeats, in order of first appearance."""
    return tuple(dict.fromkeys(items))


@dataclass(frozen=True)
class DeliveryResult:
    """What a delivery backend did: where the edition went, and what failed (with the reason)."""

    backend: str
    delivered: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class SendResult:
    """What a send did, for the one line the CLI prints."""

    day: date
    status: str  # sent | partial | incomplete | already sent | nothing new | dry run | test
    sent: int = 0  # by this run
    total: int = 0  # recipients of the edition
    counts: dict[str, int] = field(default_factory=dict)  # ledger rows by status, after the run
