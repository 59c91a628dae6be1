"""Headline and teaser: the article's title when it has one, else a short line built from the lead.

A headline is at most 80 characters, without a final full stop. A title is cut at a sensible
boundary (dash, colon, comma, word). Without a title the headline is the lead's main clause made
headline-like: an intention ("X haben sich darauf verständigt, … zu schicken") becomes "X wollen …
schicken"; a fronted place or time ("In Paris haben sich …") and the leading article go; prepositional
phrases are dropped, least informative first, until the line fits. The teaser is one or two
sentences, 200–300 characters where the text allows.
"""

from __future__ import annotations

import re

from .. import lang
from .facts import trim

MAX_HEADLINE = 80
TEASER_MIN, TEASER_MAX = 200, 300
_INTENTION = re.compile(
    lang.fill(
        r"^(?P<front>.*?)\b(?P<aux>hat|haben)\s+(?:sich\s+)?(?P<middle>.*?)\s*\b(?:darauf\s+|dafür\s+)?"
        r"{participles}\s*,\s*(?P<object>.+?)\s+zu\s+(?P<verb>[a-zäöüß]+)\b",
        participles=lang.words("headline", "intention_participles"),
    )
)
_PREPOSITIONS = lang.words("headline", "prepositions")
# A prepositional phrase: preposition, article, up to two adjectives, one noun, a genitive after it.
_PP = re.compile(
    lang.fill(
        r"\s\b{prepositions}\s+(?:{articles}\s+)?(?:[a-zäöüß][\wäöüß-]*\s+){0,2}[A-ZÄÖÜ][\wäöüß-]*"
        r"(?:\s+{genitives}\s+(?:[a-zäöüß][\wäöüß-]*\s+){0,2}[A-ZÄÖÜ][\wäöüß-]*)?(?=[\s,.]|$)",
        prepositions=lang.words("headline", "adjunct_prepositions"),
        articles=lang.words("headline", "phrase_articles"),
        genitives=lang.words("headline", "genitive_articles"),
    )
)
_TIME_WORDS = re.compile(
    lang.fill(
        r"\s*\b(?:seit\s+)?(?:{adverbs}|am\s+(?:heutigen\s+)?{days}\w*|{on}\s+{weekdays}|{phrases})\b",
        adverbs=lang.words("headline", "time_adverbs"),
        days=lang.words("weekdays", "names", among=("de",)) + lang.words("headline", "day_parts"),
        on=lang.words("headline", "weekday_preposition"),
        weekdays=lang.words("weekdays", "names", among=("en",)),
        phrases=lang.words("headline", "time_phrases"),
        space=r"\s+",
    ),
    re.IGNORECASE,
)
_CLAUSE_CUT = lang.compile_words(r",\s+{}\b", lang.words("headline", "clause_cuts"))
_PHRASE_GOES_ON = lang.compile_words(
    r"\s*(?:{}\b|,|[A-ZÄÖÜ0-9])", lang.words("headline", "phrase_continues")
)
_DIGIT = re.compile(r"\d")
_ARTICLE = re.compile(
    lang.fill(
        r"^{before_capital}\s+(?=[A-ZÄÖÜ0-9])|^{always}\s+",
        before_capital=lang.words("headline", "leading_articles"),
        always=lang.words("headline", "leading_articles_always"),
    )
)


def headline(title: str | None, lead_sentences: list[str], language: str = "de") -> str:
    """The title, shortened if needed; or a headline made from the lead's first sentence."""
    if title:
        return shorten_at_phrase(title, MAX_HEADLINE)
    if not lead_sentences:
        return ""
    return from_lead(lead_sentences[0], language)


def from_lead(sentence: str, language: str = "de") -> str:
    """A short headline from a lead sentence (see the module docstring)."""
    sentence = " ".join(sentence.split()).rstrip(".!? ")
    line = _intention(sentence) if language == "de" else None
    if line is None:
        line = _CLAUSE_CUT.split(sentence)[0]
        if len(line) < 25:
            line = sentence
        line = _subject_first(line) if language == "de" else line
        line = _TIME_WORDS.sub("", line).strip()
    line = _ARTICLE.sub("", line)
    while len(line) > MAX_HEADLINE:
        shorter = _drop_one_phrase(line)
        if shorter == line:
            break
        line = shorter
    return shorten_at_phrase(line[:1].upper() + line[1:], MAX_HEADLINE)


def _intention(sentence: str) -> str | None:
    """ "In Paris haben sich 26 Staaten darauf verständigt, … Truppen zu schicken" → "26 Staaten
    wollen … Truppen schicken"."""
    match = _INTENTION.match(sentence)
    if not match:
        return None
    front, middle = match.group("front").strip(), match.group("middle").strip()
    inverted = (
        not front or front.split()[0].lower() in _PREPOSITIONS or _TIME_WORDS.fullmatch(front)
    )
    subject = middle if inverted and middle else front
    if not subject or len(subject.split()) > 6:
        return None
    modal = "wollen" if match.group("aux") == "haben" else "will"
    infinitive = f"{match.group('object')} {match.group('verb')}"
    line = f"{subject} {modal} {infinitive}"
    leading = _PP.match(" " + infinitive)
    if len(line) > MAX_HEADLINE and leading:  # "nach einem möglichen Waffenstillstand Truppen …"
        line = f"{subject} {modal} {infinitive[leading.end() - 1 :].strip()}"
    return line


_FRONTED = re.compile(
    lang.fill(
        r"^(?P<front>{openers}\b[^,]{0,60}?)\s+(?P<verb>{verbs})\s+"
        r"(?P<subject>{articles}\s+(?:[a-zäöüß][\wäöüß-]*\s+){0,2}[A-ZÄÖÜ][\wäöüß-]*"
        r"(?:\s+[A-ZÄÖÜ][\wäöüß-]*)?|[A-ZÄÖÜ][\wäöüß-]*(?:\s+[A-ZÄÖÜ][\wäöüß-]*)?)\s+(?P<rest>.+)$",
        openers=lang.words("headline", "fronted_openers"),
        verbs=lang.words("headline", "fronted_verbs"),
        articles=lang.words("headline", "subject_articles"),
    )
)


def _subject_first(line: str) -> str:
    """ "Am Mittwoch hat die Polizei in Nürnberg … festgenommen" → "Die Polizei hat in Nürnberg …
    festgenommen": the fronted time or place goes, the subject comes first."""
    match = _FRONTED.match(line)
    if not match:
        return line
    subject = match.group("subject")
    return f"{subject[:1].upper()}{subject[1:]} {match.group('verb')} {match.group('rest')}"


def _drop_one_phrase(line: str) -> str:
    """Drop the prepositional phrase that carries least: no digits first, then the earliest."""
    spaced = " " + line
    phrases = [
        m
        for m in _PP.finditer(spaced)
        if m.start() > 0  # the fronted one stays: without it the verb would come first
        and not _PHRASE_GOES_ON.match(spaced, m.end())
    ]
    if not phrases:
        return line
    plain = [m for m in phrases if not _DIGIT.search(m.group(0))]
    chosen = (plain or phrases)[0]
    return (line[: chosen.start() - 1] + line[chosen.end() - 1 :]).strip()


def shorten_at_phrase(text: str, limit: int) -> str:
    """Cut at the last boundary before `limit`: dash, colon, comma, else a word (with '…').

    Not render.html.shorten_at_word: a headline should end where a phrase ends, so a cut at a
    dash, colon or comma in its second half wins over the last word (and needs no '…').
    """
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


def teaser(sentences: list[str]) -> tuple[str, int]:
    """One or two sentences from the start, 200–300 characters when the text allows, and how many
    sentences it used (a first sentence too long for the window is trimmed, else cut with '…')."""
    text, used = "", 0
    for sentence in sentences:
        if not text and len(sentence) > TEASER_MAX:
            sentence = trim(sentence)
        candidate = f"{text} {sentence}".strip()
        if text and len(candidate) > TEASER_MAX:
            break
        text, used = candidate, used + 1
        if len(text) >= TEASER_MIN:
            break
    if len(text) > TEASER_MAX:
        cut = text[: TEASER_MAX - 1].rfind(" ")
        text = text[:cut].rstrip(",;:– ") + " …"
    return text, used
