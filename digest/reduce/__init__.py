"""Article → Story: headline, teaser, key facts and attributed quotes, German first, English too.

`Reducer` is the interface the pipeline uses; `RuleReducer` is the offline, deterministic one built
from the modules of this package (sentences, quotes, speakers, facts, headline).
"""

from __future__ import annotations

from typing import Protocol

from ..models import Article, Quote, Story
from .facts import choose_facts
from .headline import headline, teaser
from .quotes import FoundQuote, find_quotes
from .sentences import split_sentences
from .speakers import PersonIndex

MAX_QUOTES = 6


class Reducer(Protocol):
    """Turns one article into the story the email shows."""

    def reduce(self, article: Article) -> Story: ...


class RuleReducer:
    """Rules and word lists, no models: fast, deterministic, explainable."""

    def __init__(self, max_quotes: int = MAX_QUOTES) -> None:
        self.max_quotes = max_quotes

    def reduce(self, article: Article) -> Story:
        text = "\n\n".join(article.paragraphs)
        sentences = [s for p in article.paragraphs for s in split_sentences(p)]
        quotes = rank_quotes(find_quotes(text, PersonIndex(text, article.title)))
        lead = split_sentences(article.paragraphs[0]) if article.paragraphs else []
        story_teaser = teaser(sentences)
        # Facts add to the teaser: the sentences it already shows are not repeated as facts.
        rest = [s for s in sentences if s not in story_teaser]
        return Story(
            article=article,
            headline=headline(article.title, lead),
            teaser=story_teaser,
            facts=tuple(choose_facts(rest if len(rest) >= 2 else sentences)),
            quotes=tuple(quotes[: self.max_quotes]),
        )


def rank_quotes(found: list[FoundQuote]) -> list[Quote]:
    """Best first: whole statements with a known speaker, of a readable length, early in the text."""

    def score(item: FoundQuote) -> float:
        length = len(item.quote.text)
        value = 2.0 if item.quote.speaker else 0.0
        value += 1.0 if 50 <= length <= 260 else 0.0
        value -= 1.0 if item.partial else 0.0
        return value - item.position / 10_000

    return [item.quote for item in sorted(found, key=score, reverse=True)]


def reduce_article(article: Article, reducer: Reducer | None = None) -> Story:
    """Reduce one article with the default reducer (or the given one)."""
    return (reducer or RuleReducer()).reduce(article)
