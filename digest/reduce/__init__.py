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

from collections.abc import Callable
from typing import Protocol

from .. import lang
from ..lang.typography import typeset
from ..models import Article, Quote, Story
from .attribution import speaker_before
from .facts import choose_facts, trim
from .headline import headline, teaser, teaser_rest
from .quotes import FoundQuote, find_quotes
from .roles import is_role_word, role_before, role_stem
from .sentences import split_sentences
from .shape import ends_on_its_point
from .speakers import Person, PersonIndex, is_subject

MAX_QUOTES: int | None = None  # every quote is kept: `digest reduce --json` lists them all
FACT_COUNT = 3
# how many sentences back a fact's "Er"/"Sie" may find the person it names
PRONOUN_REACH = 2
_RIVAL_OPENERS = {
    "m": lang.word_set("facts", "rival_openers_masculine"),
    "f": lang.word_set("facts", "rival_openers_feminine"),
    "": frozenset[str](),
}
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
        persons = PersonIndex(text, article.title)
        quotes = rank_quotes(find_quotes(text, persons))[: self.max_quotes]
        lead = by_paragraph[0] if by_paragraph else []
        # extract decided the language from the text (the source's declared one when unclear)
        language = article.language
        story_headline = headline(article.title, lead, language, sentences)
        story_teaser, used = teaser(sentences, story_headline)
        # Facts add to the teaser: the sentences it already shows are not repeated as facts, nor
        # is the quote the email displays.
        skip = used if len(sentences) - used >= 2 else 0
        # what the teaser cut off its last sentence ("…: Hinter X waren …") may still be a fact
        rest = teaser_rest(sentences[skip - 1], story_teaser) if skip else ""
        candidates = [*sentences[: skip - 1], rest, *sentences[skip:]] if rest else sentences
        facts = choose_facts(
            candidates,
            skip=skip - 1 if rest else skip,
            count=self.fact_count,
            avoid=[story_teaser, *(q.text for q in quotes[:1])],
            who=_pronoun_resolver(text, sentences, persons, story_teaser),
            closing=ends_on_its_point(article.paragraphs, article.title),
        )
        return Story(
            article=article,
            headline=typeset(story_headline, language),
            teaser=typeset(story_teaser, language),
            facts=tuple(typeset(fact, language) for fact in facts),
            quotes=tuple(quotes),
        )


def _pronoun_resolver(
    text: str, sentences: list[str], persons: PersonIndex, shown: str
) -> Callable[[int, str], str | None]:
    """who(sentence index, gender): the person a pronoun opening that sentence means, by full name
    (by surname when the reader has met the full name in the teaser already)."""
    offsets: list[int] = []  # where each sentence starts in `text`; found on the first question

    def who(index: int, gender: str) -> str | None:
        if not offsets:
            cursor = 0
            for sentence in sentences:
                found = text.find(sentence, cursor)
                offsets.append(found if found >= 0 else cursor)
                cursor = max(cursor, found)
        person = persons.pronoun(gender, offsets[index]) if index < len(offsets) else None
        if person is None or not _named_just_before(person, persons, offsets, sentences, index):
            return None
        return person.surname if person.name in shown else person.name

    return who


def _named_just_before(
    person: Person, persons: PersonIndex, offsets: list[int], sentences: list[str], index: int
) -> bool:
    """A fact stands alone, so its pronoun is named only when the antecedent is close: the person
    is mentioned in one of the PRONOUN_REACH sentences before, and the sentence right before
    either mentions them or does not open with a noun of their gender that the pronoun may mean
    instead ("Der bekannteste Zwischenfall ist Flug 19. Er fand …")."""
    start = offsets[max(0, index - PRONOUN_REACH)]
    last = offsets[index - 1] if index else offsets[0]
    near = [m.position for m in persons.mentions if m.person == person]
    if not any(start <= at < offsets[index] for at in near):
        return False
    if any(last <= at < offsets[index] for at in near):
        return True
    first_word = sentences[index - 1].split(" ", 1)[0] if index else ""
    return first_word not in _RIVAL_OPENERS[person.gender or ""]


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
