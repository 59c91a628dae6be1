"""Article → Story: headline, teaser, key facts and attributed quotes, German first, English too.

`Reducer` is the interface the pipeline uses; `RuleReducer` is the offline, deterministic one built
from the modules of this package, one per concern: sentences, marks (quotation spans), quotes
(which spans are statements), names (where names stand), speakers (who is who), roles, candidates
(who in a phrase may have said a quote), attribution (which of them said it), centrality
(TextRank), facts, headline (and teaser), language, lexicon (the shared word sets). The words
themselves are data: digest/lang/de.toml, en.toml and common.toml, read by digest/lang/__init__.py.

Speed: each text is scanned as few times as the rules allow, and what several rules ask about the
same words or positions is memoised for the article at hand only (ARTICLE_MEMOS).
"""

from __future__ import annotations

from typing import Protocol

from ..models import Article, Quote, Story
from .attribution import speaker_before
from .facts import choose_facts, trim
from .headline import headline, teaser
from .language import article_language
from .quotes import FoundQuote, find_quotes
from .roles import is_role_word, role_before, role_stem
from .sentences import split_sentences
from .speakers import PersonIndex, is_subject

MAX_QUOTES: int | None = None  # every quote is kept: `digest reduce --json` lists them all
FACT_COUNT = 3
# Pure functions asked about the same words, sentences and positions of one text again and again;
# their memos are emptied before each article, so that nothing carries over from one article to
# the next (nor flatters a benchmark that reduces the same articles several times).
ARTICLE_MEMOS = (role_before, is_role_word, role_stem, is_subject, trim, speaker_before)


class Reducer(Protocol):
    """Turns one article into the story the email shows."""

    def reduce(self, article: Article) -> Story: ...


class RuleReducer:
    """Rules and word lists, no models: fast, deterministic, explainable."""

    def __init__(self, max_quotes: int | None = MAX_QUOTES, fact_count: int = FACT_COUNT) -> None:
        self.max_quotes = max_quotes
        self.fact_count = fact_count

    def reduce(self, article: Article) -> Story:
        for memo in ARTICLE_MEMOS:
            memo.cache_clear()
        text = "\n\n".join(article.paragraphs)
        by_paragraph = [split_sentences(p) for p in article.paragraphs]
        sentences = [s for paragraph in by_paragraph for s in paragraph]
        quotes = rank_quotes(find_quotes(text, PersonIndex(text, article.title)))
        lead = by_paragraph[0] if by_paragraph else []
        story_teaser, used = teaser(sentences)
        # Facts add to the teaser: the sentences it already shows are not repeated as facts.
        skip = used if len(sentences) - used >= 2 else 0
        facts = choose_facts(sentences, skip=skip, count=self.fact_count, avoid=story_teaser)
        # The language only shapes a headline made from the lead; a title is used as it stands.
        language = article.language if article.title else article_language(text, article.language)
        return Story(
            article=article,
            headline=headline(article.title, lead, language),
            teaser=story_teaser,
            facts=tuple(facts),
            quotes=tuple(quotes[: self.max_quotes]),
        )


def rank_quotes(found: list[FoundQuote]) -> list[Quote]:
    """Best first: whole statements with a known speaker, of a readable length, early in the text
    (Story.display_quote takes the first full one with a speaker)."""

    def score(item: FoundQuote) -> float:
        length = len(item.quote.text)
        value = 2.0 if item.quote.speaker else 0.0
        value += 1.0 if 50 <= length <= 260 else 0.0
        value -= 1.0 if item.quote.kind == "partial" else 0.0
        return value - item.position / 10_000

    return [item.quote for item in sorted(found, key=score, reverse=True)]


def reduce_article(article: Article, reducer: Reducer | None = None) -> Story:
    """Reduce one article with the default reducer (or the given one)."""
    return (reducer or RuleReducer()).reduce(article)
