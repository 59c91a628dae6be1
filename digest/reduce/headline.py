"""Headline and teaser: the article's title when it has one, else a short line built from the lead.

A headline is at most 70 characters, without a final full stop. A title loses site names, counters
and decorations ("… | BR24", "(16) …", "[Video]"); a long one is cut at a clause boundary within its
first sentence, or keeps the statement of its "Thema: Aussage", or loses a prepositional phrase or
a genitive — never cut mid-phrase; when none of that fits, the headline is made from the lead.
Without a title the headline is the lead's main clause made headline-like: an intention ("X haben
sich darauf verständigt, … zu schicken") becomes "X wollen … schicken"; a fronted place or time
("In Paris haben sich …") and the leading article go; prepositional phrases are dropped, least
informative first, until the line fits; and the article's clear topic comes first in the BR24
manner "Thema: Aussage" ("Ukraine: 26 westliche Staaten wollen Truppen schicken").

The teaser is two or three whole sentences from the start, 200–300 characters where the text
allows; a sentence too long for the window is cut only at a clause boundary (clause_cut), or loses
a relative clause inserted before its verb, never with "…"; a sentence that only names the source
("Das meldet die Zeitung X.") is passed over, and after a sentence passed over the next one must
not point back (it may mean the one left out).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .. import lang
from .centrality import content_stems
from .facts import self_contained, trim, without_links
from .lexicon import STOP_WORDS, VERB_HINTS
from .roles import is_role_word
from .sentences import split_sentences

MAX_HEADLINE = 70
# Patterns that few articles need (most have a title that fits, and a lead that needs no cut) are
# compiled on their first use, by lang.lazy, rather than at import.

# a topic is named at least this often in the article (and more often than any other word)
TOPIC_MENTIONS = 3
# the capital first and the look back after it: a pattern that opens with a character class lets
# the search skip to the next capital in C (the same matches as `(?<![\w-])[A-ZÄÖÜ][\wäöüß-]+`)
_CAPITALISED = re.compile(r"[A-ZÄÖÜ](?<![\w-][A-ZÄÖÜ])[\wäöüß-]+")
# a prepositional phrase that ends on the topic ("in die Ukraine"); TOPIC stands for it
_TOPIC_PHRASE = lang.fill(
    r"\s(?:{prepositions})\s+(?:(?:{articles})\s+)?(?:[a-zäöüß][\wäöüß-]*\s+){0,2}TOPIC(?=[\s,.]|$)",
    prepositions=lang.words("headline", "prepositions"),
    articles=lang.words("headline", "phrase_articles"),
)
_COUNTER = re.compile(r"^\(\d+\)\s*|^\+{2,}\s*|\s*\+{2,}$")
_DECORATION = re.compile(
    lang.fill(r"\s*[\[(](?:{words})[\])]", words=lang.words("headline", "decorations")),
    re.IGNORECASE,
)
_SITE_SUFFIX = re.compile(r"\s+(?:[|·•]|[-–—])\s+(?P<site>[^|·•–—]{1,40})$")
_SITE_WORDS = lang.word_set("headline", "site_words")
_WEB_ADDRESS = lang.lazy(r"\w\.(?:de|com|net|org|at|ch|eu|info)\b", re.IGNORECASE)
_TITLE_BOUNDARY = lang.lazy(r",\s|\s[–—-]\s|;\s")

TEASER_MIN, TEASER_MAX = 200, 300
TEASER_SENTENCES = 3
SOURCE_LINE_WORDS = 20
_SOURCE_OPENERS = lang.word_set("headline", "source_openers")
_SOURCE_VERBS = lang.word_set("headline", "source_verbs")
_DEMONSTRATIVE_WORDS = lang.word_set("facts", "demonstrative_words")
_CORRELATIVE = lang.lazy_words(r"\b{}\b", lang.words("facts", "correlatives"))
_CONJUNCTION_OPENERS = lang.word_set("facts", "conjunction_openers")
_PHRASE_OPENERS = lang.word_set("facts", "phrase_openers")
# where a long sentence may end early: a dash, semicolon, colon, a comma before a main clause
# ("…, aber …") or before a subordinate or relative clause ("…, die …"); not before "der", "die",
# "das" and a capital, which is as often the next item of a list ("Ursula von der Leyen, der
# Vorstandsvorsitzende …") and would leave the main clause without its verb
_CLAUSE_BOUNDARY = lang.lazy(
    lang.fill(
        r"\s+[–—]\s+|;\s+|(?P<colon>:\s+(?=[A-ZÄÖÜ]))|,\s+(?={joiners}\b)"
        r"|(?P<subordinate>,\s+(?={trailing}\b)(?!(?:{articles})\s+[A-ZÄÖÜ]))",
        joiners=lang.words("facts", "main_clause_joiners"),
        trailing=lang.words("clauses", "trailing"),
        articles=lang.words("facts", "subject_articles"),
    )
)
# a relative clause inserted between the subject (or a fronted phrase) and the finite verb: it
# begins at the first comma, with a preposition ("…, zu der Vertreter …") or without one and not before a
# capital (that is the next item of a list: "Ursula von der Leyen, der Vorstandsvorsitzende …"); it
# ends at the first comma before a finite verb, where the main clause goes on
_INSERTED_START = lang.lazy(
    lang.fill(
        r",\s+(?:(?:{prepositions})\s+(?:{relatives})\s|(?:{relatives})\s+(?![A-ZÄÖÜ]))",
        prepositions=lang.words("prepositions", "words"),
        relatives=lang.words("clauses", "inserted"),
    )
)
_NOUN_PHRASE_WORDS = (
    lang.word_set("clauses", "noun_phrase_words")
    | lang.word_set("articles", "words")
    | lang.word_set("clauses", "determiners")
    | lang.word_set("prepositions", "words")
)
_ADJECTIVE_ENDINGS = lang.words("clauses", "adjective_endings")
_MAIN_CLAUSE_GOES_ON = lang.lazy(
    lang.fill(r",\s+(?={verbs}\b)", verbs=sorted(VERB_HINTS, key=len, reverse=True))
)
# where the rest of a sentence the teaser cut may stand on its own: after a colon before a capital,
# after a semicolon; and how many words it needs
_REST_BOUNDARY = lang.lazy(r":\s+(?=[A-ZÄÖÜ])|;\s+")
REST_WORDS = 6
_LAST_SEGMENT = lang.lazy(r",\s|\s[–—]\s|;\s")
# words after a comma that begin no main clause: relative pronouns, articles, prepositions
_CLAUSE_WORDS = (
    lang.word_set("clauses", "subordinators")
    | lang.word_set("articles", "words")
    | lang.word_set("prepositions", "words")
)
_INTENTION = lang.lazy(
    lang.fill(
        r"^(?P<front>.*?)\b(?P<aux>hat|haben)\s+(?:sich\s+)?(?P<middle>.*?)\s*\b(?:darauf\s+|dafür\s+)?"
        r"{participles}\s*,\s*(?P<object>.+?)\s+zu\s+(?P<verb>[a-zäöüß]+)\b",
        participles=lang.words("headline", "intention_participles"),
    )
)
_PREPOSITIONS = lang.words("headline", "prepositions")
# A prepositional phrase: preposition, article, up to two adjectives, one noun, a genitive after it.
_PP = lang.lazy(
    lang.fill(
        r"\s\b{prepositions}\s+(?:{articles}\s+)?(?:[a-zäöüß][\wäöüß-]*\s+){0,2}[A-ZÄÖÜ][\wäöüß-]*"
        r"(?:\s+{genitives}\s+(?:[a-zäöüß][\wäöüß-]*\s+){0,2}[A-ZÄÖÜ][\wäöüß-]*)?(?=[\s,.]|$)",
        prepositions=lang.words("headline", "adjunct_prepositions"),
        articles=lang.words("headline", "phrase_articles"),
        genitives=lang.words("headline", "genitive_articles"),
    )
)
_TIME_WORDS = lang.lazy(
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
_CLAUSE_CUT = lang.lazy_words(r",\s+{}\b", lang.words("headline", "clause_cuts"))
_PHRASE_GOES_ON = lang.lazy_words(
    r"\s*(?:{}\b|,|[A-ZÄÖÜ0-9])", lang.words("headline", "phrase_continues")
)
# the start of any prepositional phrase (a long title may end before its last one)
_ANY_PP = lang.lazy_words(r"\s{}\s", lang.words("prepositions", "words"))
# or a genitive after a noun or number ("Jahrestagung 2015 der Heinrich-Böll-Stiftung …"; not "und
# der …")
_GENITIVE = lang.lazy_words(r"(?<=[\wäöüß])\s{}\s", lang.words("headline", "genitive_articles"))
# a title too long to keep whole may end before "und" (it keeps the first of what it joins)
_COORDINATION = lang.lazy_words(r"\s(?:{})\s", lang.words("headline", "coordinations"))
# "Taiwanese President Tsai …": at most this many words before the name are role and adjectives
MAX_LEADING_ROLE_WORDS = 3
_DIGIT = lang.lazy(r"\d")
_ARTICLE = lang.lazy(
    lang.fill(
        r"^{before_capital}\s+(?=[A-ZÄÖÜ0-9])|^{always}\s+",
        before_capital=lang.words("headline", "leading_articles"),
        always=lang.words("headline", "leading_articles_always"),
    )
)


def headline(
    title: str | None,
    lead_sentences: list[str],
    language: str = "de",
    sentences: Sequence[str] = (),
) -> str:
    """The title, cleaned and shortened if needed; or a headline made from the lead's first
    sentence, also when the title cannot be shortened without leaving a fragment (and the lead
    gives a sound line; else the title loses its last prepositional phrase). A line from the lead
    names the article's topic first when it has a clear one ("Thema: Aussage", see with_topic;
    `sentences` are all of the article's)."""
    if title:
        cleaned = clean_title(title)
        line = shorten_title(cleaned)
        if line:
            return line
        from_the_lead = from_lead(lead_sentences[0], language) if lead_sentences else ""
        if not _sound(from_the_lead):
            return _shortened_title(cleaned)
        return with_topic(from_the_lead, sentences)
    if not lead_sentences:
        return ""
    return with_topic(from_lead(lead_sentences[0], language), sentences)


def topic(sentences: Sequence[str]) -> str:
    """The article's clear topic: the capitalised word (not opening a sentence, not a function
    word, not a role such as "Präsident") that it names most often, at least TOPIC_MENTIONS times
    and more often than any other; "" when there is none."""
    counts: Counter[str] = Counter()
    for sentence in sentences:
        counts.update(
            m.group(0)
            for m in _CAPITALISED.finditer(sentence)
            if m.start() > 0 and m.group(0).lower() not in STOP_WORDS
        )
    # a function ("Präsident", "Sprecherin") names no topic
    ranked = [(word, n) for word, n in counts.most_common(3) if not is_role_word(word)][:2]
    if not ranked or ranked[0][1] < TOPIC_MENTIONS:
        return ""
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return ""
    return ranked[0][0]


def with_topic(line: str, sentences: Sequence[str]) -> str:
    """ "26 Staaten wollen Truppen in die Ukraine schicken" → "Ukraine: 26 Staaten wollen Truppen
    schicken": in the BR24 manner the topic comes first, and the phrase that named it goes. The
    line stays as it is when the article has no clear topic, the line opens with it or names it
    other than in a prepositional phrase, or the result would not fit."""
    subject = topic(sentences)
    if not subject or not line or line.split(None, 1)[0].strip(",:") == subject:
        return line
    spaced = " " + line
    if subject not in line:  # neither pattern below can match: save compiling them (~3 ms)
        statement = line
    elif phrase := re.search(_TOPIC_PHRASE.replace("TOPIC", re.escape(subject)), spaced):
        statement = (spaced[: phrase.start()] + spaced[phrase.end() :]).strip()
    elif re.search(rf"\b{re.escape(subject)}\b", line):
        return line
    else:
        statement = line
    with_subject = f"{subject}: {statement}"
    return with_subject if len(with_subject) <= MAX_HEADLINE else line


def _sound(line: str) -> bool:
    """A headline that is no fragment: it fits, is not cut off, and does not open with a verb."""
    first = line.split(None, 1)[0].lower() if line else ""
    return 0 < len(line) <= MAX_HEADLINE and not line.endswith("…") and first not in VERB_HINTS


def _without_last_phrase(title: str) -> str:
    """ "FIFA vergibt Fußball-Weltmeisterschaften nach Deutschland und Brasilien" → "FIFA vergibt
    Fußball-Weltmeisterschaften"; the title cut at a word when that is all there is."""
    return _head_before_phrase(title) or shorten_at_phrase(title, MAX_HEADLINE)


def _shortened_title(title: str) -> str:
    """A title too long for a headline, when neither a clause boundary nor the lead gives one:
    without its last prepositional phrase; if that is not enough, also without the roles before
    the name it opens with ("Taiwanese President Tsai Ing-wen's playbook should be essential
    reading for …" → "Tsai Ing-wen's playbook should be essential reading"); else cut before a
    coordinating "und" ("Einigung zwischen dem DFB und dem ehemaligen Schiedsrichter …" →
    "Einigung zwischen dem DFB"), which keeps what it says true; cut at a word with "…" only when
    none of that fits. (Not for lines from the lead: there "und" often joins two subjects.)"""
    versions = dict.fromkeys([title, _without_leading_roles(title)])  # once when no roles go
    for version in versions:
        head = _head_before_phrase(version)
        if head:
            return head
    for version in versions:
        head = _head_before_coordination(version)
        if head:
            return head
    return shorten_at_phrase(title, MAX_HEADLINE)


def _head_before_phrase(title: str) -> str:
    """The longest head of `title` before a prepositional phrase or genitive that fits, "" if none."""
    spaced = " " + title
    genitives = [m for m in _GENITIVE.finditer(spaced) if _after_a_noun(spaced, m.start())]
    phrases = sorted([*_ANY_PP.finditer(spaced), *genitives], key=lambda m: m.start())
    for match in reversed(phrases):
        head = spaced[: match.start()].strip(" ,")
        if len(head) <= MAX_HEADLINE and len(head.split()) >= 3:
            return head
    return ""


def _head_before_coordination(title: str) -> str:
    """The longest head of `title` before "und"/"and" (what it joins on is left out) that fits and
    keeps three words after a "Thema:"; "" if none."""
    for match in reversed(list(_COORDINATION.finditer(title))):
        head = title[: match.start()].rstrip(" ,")
        if len(head) <= MAX_HEADLINE and len(head.split(": ", 1)[-1].split()) >= 3:
            return head
    return ""


def _without_leading_roles(title: str) -> str:
    """ "Taiwanese President Tsai Ing-wen's …" → "Tsai Ing-wen's …": the capitalised words before a
    name that end in a role ("President", "Bundesinnenminister") go; the title as it is otherwise."""
    words = title.split(" ")
    for i, word in enumerate(words[:MAX_LEADING_ROLE_WORDS]):
        if not word[:1].isupper():
            break
        if is_role_word(word) and i + 1 < len(words) and words[i + 1][:1].isupper():
            return " ".join(words[i + 1 :])
    return title


def _after_a_noun(text: str, end: int) -> bool:
    """The word before `end` is a noun or a number (it begins with a capital or a digit)."""
    before = text[:end].split()
    return bool(before) and (before[-1][:1].isupper() or before[-1][:1].isdigit())


def clean_title(title: str) -> str:
    """A title without a site name, counter or decoration: "(16) Coronavirus-Update: … | BR24" →
    "Coronavirus-Update: …"."""
    line = " ".join(title.split())
    line = _COUNTER.sub("", line)
    line = _DECORATION.sub("", line).strip()
    while True:
        site = _SITE_SUFFIX.search(line)
        if not site or not _is_site(site.group("site")) or len(line[: site.start()].split()) < 2:
            return line.rstrip(" .")
        line = line[: site.start()].rstrip()


def _is_site(part: str) -> bool:
    words = part.lower().split()
    return len(words) <= 3 and (
        any(w.strip(".") in _SITE_WORDS for w in words) or bool(_WEB_ADDRESS.search(part))
    )


def shorten_title(title: str) -> str:
    """The title within MAX_HEADLINE characters without leaving a fragment: the longest of the
    title cut at a clause boundary (comma, dash, semicolon) and the statement of "Thema: Aussage"
    or "Thema – Aussage" (itself cut so if needed); else the title with prepositional phrases less.
    "" when none of these fits."""
    if len(title) <= MAX_HEADLINE:
        return title
    texts = [title] + [title.split(mark, 1)[1] for mark in (": ", " – ") if mark in title]
    fitting = [cut for text in texts if (cut := _cut_at_boundary(text))]
    if fitting:
        line = max(fitting, key=len)
        first = line.split(None, 1)[0]
        if first.islower():  # a statement after "Thema:" in lower case ("digitale …", not "iOS")
            line = line[:1].upper() + line[1:]
        return line
    shorter = title
    while len(shorter) > MAX_HEADLINE:
        dropped = _drop_one_phrase(shorter)
        if dropped == shorter:
            return ""
        shorter = dropped
    return shorter


def _cut_at_boundary(text: str) -> str:
    """`text` if it fits, else its longest head before a clause boundary that fits and keeps a
    statement of three words or more, within its first sentence; "" when there is none."""
    if len(text) <= MAX_HEADLINE:
        return text
    sentences = split_sentences(text)
    if len(sentences) > 1 and len(sentences[0].split()) >= 3:
        # a title of two sentences ends with its first ("… for over a century. Now, …")
        return _cut_at_boundary(sentences[0].rstrip(".!? "))
    for match in reversed(list(_TITLE_BOUNDARY.finditer(text[: MAX_HEADLINE + 1]))):
        head = text[: match.start()].rstrip(",;:– ")
        statement = head.split(": ", 1)[-1]
        if len(head) <= MAX_HEADLINE and len(statement.split()) >= 3:
            return head
    return ""


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
    line = _ARTICLE.sub("", line[:1].upper() + line[1:])  # "der Stadtrat will …" too
    while len(line) > MAX_HEADLINE:
        shorter = _drop_one_phrase(line)
        if shorter == line:
            break
        line = shorter
    line = line[:1].upper() + line[1:]
    return _without_last_phrase(line) if len(line) > MAX_HEADLINE else line


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


_FRONTED = lang.lazy(
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


def teaser(sentences: list[str], headline_text: str = "") -> tuple[str, int]:
    """Two or three whole sentences from the start, 200–300 characters where the text allows, and
    how many leading sentences it used. A sentence too long for the window is shortened at a clause
    boundary (clause_cut); a later one that cannot be is passed over for the next if that one
    stands on its own; a first sentence that only repeats the headline
    is left out when the next one stands on its own; it ends before a sentence that announces
    what follows it with a colon (a list, a table, a quote)."""
    parts: list[str] = []
    used = passed = 0
    for index, sentence in enumerate(sentences[:8]):
        length = len(" ".join(parts))
        if len(parts) == TEASER_SENTENCES or (len(parts) >= 2 and length >= TEASER_MIN):
            break
        if index == 0 and headline_text and _repeats(sentence, headline_text, sentences[1:2]):
            used = 1
            continue
        if not parts:
            parts.append(clause_cut(sentence, TEASER_MAX, first=True) or trim(sentence))
        elif length >= TEASER_MIN:
            break
        elif names_the_source(sentence):
            continue  # "Das meldet die Zeitung X.": where the news is from, not news
        elif sentence.rstrip().endswith(":"):
            break  # "Ergebnisse des ersten Spieltags:" announces a list the teaser cannot show
        elif passed and length + 1 + len(linked := without_links(sentence)) <= TEASER_MAX:
            if not _stands_alone(linked):
                break  # it may point back to the sentence passed over
            parts.append(linked)  # without "damit", "jedoch": it follows a sentence passed over
        elif length + 1 + len(sentence) <= TEASER_MAX:
            parts.append(sentence)
        elif (short := clause_cut(sentence, TEASER_MAX - length - 1)) and short != sentence:
            parts.append(short)
        else:
            passed += 1
            if passed > 1:
                break
            continue
        used += used == index
    return " ".join(parts), used


def teaser_rest(sentence: str, shown: str) -> str:
    """What the teaser left of `sentence` when it showed it cut at a colon or semicolon, as a
    sentence of its own ("…, sah es dieses Jahr schlecht aus: Hinter Renault waren die Italiener
    nur die dritte Kraft." → "Hinter Renault waren die Italiener nur die dritte Kraft."), so that
    it may still be a fact; "" when the teaser did not cut it there."""
    if sentence in shown:
        return ""
    for match in _REST_BOUNDARY.finditer(sentence):
        head = sentence[: match.start()].rstrip()
        if shown.endswith(head + "."):
            rest = sentence[match.end() :].strip()
            return rest[:1].upper() + rest[1:] if len(rest.split()) >= REST_WORDS else ""
    return ""


def names_the_source(sentence: str) -> bool:
    """ "Das meldet die Tageszeitung X.", "Dies geht aus einer Meldung der dpa hervor.": a short
    sentence that only says where the news before it comes from."""
    words = sentence.split()
    if len(words) > SOURCE_LINE_WORDS or not words or words[0] not in _SOURCE_OPENERS:
        return False
    return len(words) > 1 and words[1].strip(",") in _SOURCE_VERBS


def _repeats(sentence: str, headline_text: str, following: list[str]) -> bool:
    """The sentence says no more than the headline, and the next one can open the teaser."""
    if len(sentence) > MAX_HEADLINE * 2:
        return False  # far longer than any headline: it says more
    stems = content_stems(sentence)
    if not stems or len(stems & content_stems(headline_text)) < 0.8 * len(stems):
        return False
    return bool(following) and _stands_alone(following[0])


def _stands_alone(sentence: str) -> bool:
    """No back-pointing opener and no demonstrative ("dieser Fontänen") that needs the sentence
    before."""
    if self_contained(sentence) != sentence:
        return False
    return not any(w.strip(",.;:") in _DEMONSTRATIVE_WORDS for w in sentence.lower().split())


def clause_cut(sentence: str, limit: int, *, first: bool = False) -> str:
    """The sentence cut at a clause boundary so that it has at most `limit` characters and at least
    six words, as a sentence; else without a relative clause inserted before its verb
    (without_inserted_clause), and cut so if needed; "" when none of that fits. Boundaries: a dash, a semicolon, in a lead a
    colon (not after a short clause that only announces what follows: "klar ist aber:"), a comma
    before "aber" and the like, and the first comma before a subordinate or relative clause (after
    it, every comma is inside that clause). A cut needs the main clause complete before it, and is
    never inside a quotation or between "zwar" and "aber"."""
    if len(sentence) <= limit:
        return sentence
    best = _cut_at_clause(sentence, limit, first)
    if best:
        return best
    compact = without_inserted_clause(sentence)
    if compact == sentence:
        return ""
    return compact if len(compact) <= limit else _cut_at_clause(compact, limit, first)


def _cut_at_clause(sentence: str, limit: int, first: bool) -> str:
    """clause_cut's cut at a clause boundary; "" when there is none."""
    opener = sentence.split(None, 1)[0]
    best = ""
    for match in _CLAUSE_BOUNDARY.finditer(sentence):
        head = sentence[: match.start()].rstrip(",;:– ")
        if len(head) + 1 > limit:
            break
        if match.group("colon") and (not first or _announces(head)):
            continue
        if (
            len(head.split()) >= 6
            and head.count("„") <= head.count("“")
            and not _CORRELATIVE.search(head)
            and _main_clause_in(head, opener)
        ):
            best = head + "."
        if match.group("subordinate"):
            break  # what follows is inside the subordinate clause
    return best


def without_inserted_clause(sentence: str) -> str:
    """The sentence without a relative clause inserted before its main clause's verb ("Entgegen der
    Position der Regierung, die sich geweigert hatte, …, haben sich die Abgeordneten … geeinigt" →
    "Entgegen der Position der Regierung haben sich die Abgeordneten … geeinigt"): the main clause
    stays whole. The sentence as it is when there is none, or a finite verb stands before it."""
    start = _INSERTED_START.match(sentence, max(sentence.find(","), 0))
    if start is None or not _is_noun_phrase(sentence[: start.start()].split()):
        return sentence
    goes_on = _MAIN_CLAUSE_GOES_ON.search(sentence, start.end())
    if goes_on is None:
        return sentence
    inserted = sentence[start.start() : goes_on.start()]
    if inserted.count("„") != inserted.count("“") or "(" in inserted or ")" in inserted:
        return sentence  # a cut would break a quotation or a parenthesis
    return sentence[: start.start()] + " " + sentence[goes_on.end() :]


def _is_noun_phrase(words: list[str]) -> bool:
    """Are these words a noun or prepositional phrase, with no verb ("Entgegen der bisherigen
    Position der Regierung", "Die Firma", not "Die Firma baut Autos")? Capitalised words and
    numbers, function words, and inflected adjectives after a function word or adjective."""
    after_function = True
    for word in words:
        lowered = word.lower()
        if not word[:1].islower():
            after_function = word[:1].isdigit()
        elif lowered in _NOUN_PHRASE_WORDS:
            after_function = True
        elif not (after_function and _ADJECTIVE_ENDINGS and lowered.endswith(_ADJECTIVE_ENDINGS)):
            return False
    return bool(words)


def _announces(head: str) -> bool:
    """A short clause before a colon only announces what follows ("klar ist aber:")."""
    return len(_LAST_SEGMENT.split(head)[-1].split()) < 4


def _main_clause_in(head: str, opener: str) -> bool:
    """Is the main clause complete in `head`? After an opening subordinate clause it begins after
    the first comma with the verb ("Wie die Bahn mitteilte, sollen …"); after an opening phrase a
    finite verb may stand before the first comma ("Nach dem Treffen hält die Bank …")."""
    if opener not in _CONJUNCTION_OPENERS and opener not in _PHRASE_OPENERS:
        return True
    before, comma, after = head.partition(",")
    if opener in _PHRASE_OPENERS and any(w in VERB_HINTS for w in before.lower().split()[1:]):
        return True
    following = after.split(None, 1)[0] if after.strip() else ""
    return bool(comma) and following[:1].islower() and following not in _CLAUSE_WORDS
