"""Key facts: 2–4 self-contained statements that carry the story's news, from an explainable score.

score = position (the lead matters most)            1 / (1 + 0.25 · index)
      + numbers, amounts and dates                   0.15 per number, at most 2
      + centrality (TextRank, see centrality.py)    0.2 · rank scaled to 0…1
      + what happens next ("soll", "plant", …)       0.1
      + the sentence right after the teaser          0.3 (the lead goes on there)
      − words beyond 30 after trimming               0.04 per word
      − a quoted phrase in the sentence              0.4 (and no bonus for following the teaser)

A fact must stand on its own (`self_contained`): a sentence that opens with a word pointing back
into the article is repaired or left out. A linking connective goes ("Außerdem will Berlin …" →
"Berlin will …"), inside the sentence too ("… will jedoch festhalten" → "… will festhalten");
a pronoun subject becomes the person it means ("Er kündigte an …" → "Söder kündigte an …",
through the `who` callback the reducer gives); "Dies", "Damit", "Es" and the like cannot be
repaired, and the sentence is no fact. Inside the first clause a pronominal adverb ("Die Kosten
dafür …", "sprach sich dagegen aus"), a personal pronoun ("Unmittelbar nach ihm …") or "nach
ihren Angaben" points back as well, unless it points ahead to the clause after the comma ("wies
darauf hin, dass …"); an adverb that only says "thereby" or "shortly after" goes ("wurden dabei
verletzt", "erlag kurz darauf"), any other such sentence is no fact. Quotes, questions, list
fragments, captions, plugs, lines without final punctuation (list items, a bibliography line) and
very short sentences never become facts (of a sentence that ends in ": „…“" the words before the
colon may; a short phrase without a verb quoted inside the reporter's sentence is no quote); a
candidate that repeats the teaser, the displayed quote or an already chosen fact (half its content
words) is skipped. Chosen facts keep their order in
the article and are at most 30 words: parentheticals without numbers go (party tags stay), then
trailing relative or subordinate clauses and dash asides, then a second main clause; a sentence that
stays longer is no fact. A piece that ends on its point (an essay, review or blog post, see
shape.py) keeps its conclusion as its last fact. The words are data: [facts] in lang/*.toml.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from .. import lang
from .centrality import content_stems, content_words, stems_of, textrank
from .lexicon import FIRST_NAMES, SPEECH_VERBS, STOP_WORDS, VERB_HINTS
from .marks import ANY_MARK

MAX_FACT_WORDS = 30
MIN_FACT_WORDS = 6
MIN_TRIMMED_WORDS = 8
REDUNDANT = 0.5
# an essay's conclusion is looked for among its last sentences (choose_facts `closing`)
CLOSING_SENTENCES = 4
# the weights of the score (module docstring)
POSITION_DECAY = 0.25
# chosen on the development references of bench/facts_quality.py and bench/reduce_quality.py
NUMBER_WEIGHT = 0.15
CENTRALITY_WEIGHT = 0.2
QUOTE_PENALTY = 0.4
NEXT_WEIGHT = 0.1
NUMBER_CAP = 2
FOLLOWS_TEASER_WEIGHT = 0.3
# a quoted part of this many words is what someone said; a phrase quoted inside the reporter's
# sentence has at most MAX_PHRASE_WORDS and no verb
MIN_SPEECH_WORDS = 4
MAX_PHRASE_WORDS = 7
# a number in figures, `\d[\d.,]*`, found from a class of what a digit is not (letters and the
# space, most of any text): the search skips them with a bitmap test instead of asking each
# character's Unicode category, and the look-behind then asks it only of the rest (the same
# matches; 0.81× the instructions)
_DIGITS = re.compile(r"[^ a-zA-ZäöüßÄÖÜ](?<=\d)[\d.,]*")
# Number words, lower-case; "millione" (a cut-off "Millionen") counts as well.
NUMBER_WORDS = lang.word_set("numbers", "words")
_INNER_QUOTE = re.compile(r"[„\"»“]([^„“”\"»«]+)[“”\"«]")
_PARENTHETICAL = lang.lazy(r"\s*\((?![A-ZÄÖÜ][\w/ ]{1,12}\))[^()\d]{1,100}\)")
_OPENING_MARKS = "„“\"‚‘'»«("
_BACK_POINTING = lang.word_set("facts", "back_pointing")
_OTHERWISE = lang.word_set("facts", "otherwise")
_COMPARISON = lang.word_set("facts", "comparison")
# "Das sei …", "Das musste X einräumen": a demonstrative before a verb (a lower-case word that no
# noun follows, or a known verb form), not before an adjective and noun ("Das erste Konzert")
_DEMONSTRATIVE = lang.compile_words(
    r"^{}\s+(?P<word>[a-zäöüß]+)\b(?P<noun>\s+[A-ZÄÖÜ])?", lang.words("facts", "demonstratives")
)
_CONNECTIVE = re.compile(
    lang.fill(
        r"^(?:{phrases}|{words})\b,?\s+",
        phrases=lang.words("facts", "connective_phrases"),
        words=lang.words("facts", "connectives"),
    )
)
_PRONOUNS = {
    **dict.fromkeys(lang.words("facts", "pronoun_masculine"), "m"),
    **dict.fromkeys(lang.words("facts", "pronoun_feminine"), "f"),
}
_PLURAL_VERBS = lang.word_set("facts", "plural_verbs")
_PLURAL_ENDINGS = lang.words("facts", "plural_verb_endings")
# Patterns that few articles need are compiled on their first use (lang.lazy) rather
# than at import: `digest reduce` of one file then compiles only what it uses.
# After a dropped connective the finite verb comes first: the subject after it moves to the front.
# (An alternation of every first name, ~8 ms to compile; needed by one article in eight.)
_VERB_THEN_SUBJECT = lang.lazy(
    lang.fill(
        r"^(?P<verb>[a-zäöüß]+)\s+(?P<subject>(?:{articles})\s+(?:[a-zäöüß][\wäöüß-]*\s+){0,2}"
        r"[A-ZÄÖÜ][\wäöüß-]*(?:\s+(?:des|der)\s+(?:[a-zäöüß][\wäöüß-]*\s+){0,2}[A-ZÄÖÜ][\wäöüß-]*)?"
        r"(?:\s+(?:{first_names})\s+[A-ZÄÖÜ][\wäöüß-]*)?"
        r"|(?:[A-ZÄÖÜ][\wäöüß.-]*\s+){0,2}[A-ZÄÖÜ][\wäöüß-]*(?:\s+\([^()]{1,30}\))?)\s+(?P<rest>.+)$",
        articles=lang.words("facts", "subject_articles"),
        first_names=sorted(FIRST_NAMES),
    )
)
# A second main clause: after a semicolon or dash, a comma and "aber", "und" …, or "und" and a
# finite verb with the same subject ("Das Triebwerk spart 90 Prozent Treibstoff und kann …");
# looked for in a fact still too long after trimming.
_MAIN_CLAUSE = lang.lazy(
    lang.fill(
        r"(?:;|,\s+(?={joiners}\b)|\s+–\s+|\s+(?:{ands})\s+(?={verbs}\b))",
        joiners=lang.words("facts", "main_clause_joiners"),
        ands=lang.words("facts", "same_subject_joiners"),
        verbs=sorted(VERB_HINTS),
    )
)
_SUBJECT_ARTICLES = lang.word_set("facts", "subject_articles")
# a linking word inside the sentence, after a word (not a comma) and before one; the space first
# and the look back after it, so that the search skips to the next space in C (the same matches
# as `(?<=[\wäöüß)“”])\s+{}(?=…)`)
_INNER_LINK = lang.compile_words(
    r"\s(?<=[\wäöüß)“”]\s)\s*{}(?=\s+[\wäöüßÄÖÜ„(])", lang.words("facts", "inner_connectives")
)
_LINK_GUARDS = lang.word_set("facts", "link_guards")
# a pronominal adverb or a pronoun's attribution in a fact's first clause points back, unless what
# follows the comma is the clause it points ahead to ("wies darauf hin, dass …", "…, zu …")
_POINTER = re.compile(
    r"\b(?:"
    + lang.alternation(lang.words("facts", "pointing_adverbs"))
    + "".join("|" + pattern for pattern in lang.words("facts", "pronoun_attributions"))
    + r")\b"
)
# a personal pronoun after the first word (the first is resolved, see self_contained); in lower case
_INNER_PRONOUN = lang.compile_words(r"(?<=\s){}\b", lang.words("facts", "inner_pronouns"))
# a pronoun that points back only when no noun or name stands before it ("Smith said he …")
_INNER_SUBJECT = lang.compile_words(r"(?<=\s){}\b", lang.words("facts", "inner_subject_pronouns"))
_CONJUNCTION_OPENERS = lang.word_set("facts", "conjunction_openers")
_COORDINATOR = lang.compile_words(r"\s{}\s", lang.words("facts", "coordinators"))
_POINTING_ADVERBS = lang.word_set("facts", "pointing_adverbs")
# What says what a pronominal adverb before the comma stands for ("dass …", "… zu senken"); asked
# only after such an adverb.
_AHEAD = lang.lazy(
    lang.fill(
        r"^{ahead}\b|^[^,]*\b{marker}\s+[a-zäöüß]|^[^,]*\b[a-zäöüß]+zu[a-zäöüß]+en\b",
        ahead=lang.words("facts", "ahead"),
        marker=lang.words("facts", "infinitive_marker"),
    )
)
_CLOSING_ANNOUNCERS = lang.word_set("facts", "closing_announcers")
# the announcers as strings too: `in` finds none in most sentences, faster than the regex fails
_ANNOUNCER_WORDS = tuple(lang.words("facts", "quote_announcers"))
_ANNOUNCER = lang.lazy_words(r"\b{}\b", _ANNOUNCER_WORDS)
_NEXT = lang.word_set("facts", "next_words")
_TRAILING_CLAUSE = lang.lazy_words(r",\s+{}\b[^,]*$", lang.words("clauses", "trailing"))
_DASH_ASIDE = lang.lazy(r"\s+[–—-]\s+[^–—]{3,120}?\s+[–—-]\s+|\s+[–—]\s+[^–—]{3,160}$")
_SPACED_DASH = re.compile(r"\s[–—-]")  # without one, _DASH_ASIDE cannot match
# Plugs and boilerplate, looked for in the lower-cased sentence: a substring test per entry (in C,
# skipping ahead by the entry's length) costs 0.6× the instructions of one regex of them all, whose
# first letters stop the search at a third of all positions to try every entry there.
_NOISE = tuple(dict.fromkeys(lang.words("facts", "noise")))
_COLON_QUOTE = re.compile(r":\s*[„“\"»«]")
_TAG_LINE = lang.lazy(r"\btag:\s")
# What may follow a sentence's final "." or "!" (see _ends_as_sentence).
_SENTENCE_CLOSERS = '“”"»«’)'


class ScoredSentence(NamedTuple):
    """A candidate fact with its place among the sentences and its score."""

    text: str
    position: int
    score: float


def is_candidate(sentence: str) -> bool:
    """Could this sentence be a fact at all? Not a quote, question, list fragment or plug."""
    marked = ANY_MARK.search(sentence) is not None
    return _is_candidate(sentence, sentence.split(), sentence.lower(), marked)


def _is_candidate(sentence: str, written: list[str], lowered: str, marked: bool) -> bool:
    """is_candidate, given the sentence split at spaces, lower-cased, and whether it holds a
    quotation mark (`marked`)."""
    if len(written) < MIN_FACT_WORDS or sentence.rstrip().endswith(("?", ":")):
        return False
    if not _ends_as_sentence(sentence):
        return False  # a list item, a line of names or roles, a product line: no sentence
    if marked and _has_direct_speech(sentence):
        return False
    if _is_noise(lowered):
        return False
    if (
        any(map(lowered.__contains__, _ANNOUNCER_WORDS))
        and _ANNOUNCER.search(lowered)
        and _announces_a_quote(lowered.split())
    ):
        return False
    if written[-1].strip(".").lower() in _CLOSING_ANNOUNCERS and any(
        word in SPEECH_VERBS for word in lowered.split()
    ):
        return False  # "…, erklärte die Universität so.": the quote follows
    return _has_lower_case_words(written, 2)


def _ends_as_sentence(sentence: str) -> bool:
    """A final "." or "!", then only closing marks: what the regex `[.!][“”"»«’)]*$` finds (whose `$`
    also matches before a final line break), by string methods rather than a regex tried at
    every position of the sentence."""
    if sentence.rstrip(_SENTENCE_CLOSERS).endswith((".", "!")):
        return True
    return sentence.endswith("\n") and sentence[:-1].rstrip(_SENTENCE_CLOSERS).endswith((".", "!"))


def _announces_a_quote(words: list[str]) -> bool:
    """ "X sagte dazu gegenüber der ARD.", "In dem Antrag heißt es wörtlich.": a speech verb (and
    "es") before a word that announces the quote in the next sentence."""
    for i, word in enumerate(words[1:], 1):
        if _ANNOUNCER.fullmatch(word.strip(".,;:")):
            before = words[i - 1] if words[i - 1] != "es" or i < 2 else words[i - 2]
            if before in SPEECH_VERBS:
                return True
    return False


def _has_lower_case_words(words: list[str], count: int) -> bool:
    """At least `count` words begin in lower case (a list of names and nouns has fewer); stops
    counting once there are enough."""
    for word in words:
        if word[:1].islower():
            count -= 1
            if not count:
                return True
    return False


def _is_noise(lowered: str) -> bool:
    if any(map(lowered.__contains__, _NOISE)):
        return True
    return "tag:" in lowered and _TAG_LINE.search(lowered) is not None


def _quotes_a_phrase(sentence: str) -> bool:
    """Quoted words that are a phrase („strategischen Signal“), not a name or title („Channel
    10“, „Glas der Vernunft“, „Gasoducto del Sur“): a lower-case word in them that is no function
    word, unless they begin and end with a capital as names do."""
    for part in _INNER_QUOTE.findall(sentence):
        words = part.split()
        if not words or (words[0][:1].isupper() and words[-1][:1].isupper()):
            continue  # empty marks, or a name or title whatever its small words
        if any(w[:1].islower() and w.lower() not in STOP_WORDS for w in words):
            return True
    return False


def _has_direct_speech(sentence: str) -> bool:
    """Quotation marks around what someone said, not around a phrase in the reporter's sentence
    („eine wachsende „Kluft zwischen Arm und Reich“"): a quote of MIN_SPEECH_WORDS words or more,
    unless the sentence does not open with it and it is a short phrase without a verb. Marks
    that pair with nothing count as speech."""
    inner = _INNER_QUOTE.findall(sentence)
    if not inner:
        return True
    opens = sentence.lstrip()[:1] in _OPENING_MARKS
    return any(
        len(part.split()) >= MIN_SPEECH_WORDS and (opens or not _is_phrase(part)) for part in inner
    )


def _is_phrase(quoted: str) -> bool:
    """A short quoted phrase without a verb form („Kluft zwischen Arm und Reich“)."""
    words = quoted.split()
    return len(words) <= MAX_PHRASE_WORDS and not any(
        w.strip(",.;:!?").lower() in VERB_HINTS for w in words
    )


def count_numbers(sentence: str, words: list[str]) -> int:
    """Numbers in figures ("1,5" is one) and number words ("drei", "Millionen", "Prozent");
    `words` are the sentence's lower-cased content words (centrality.content_words)."""
    return len(_DIGITS.findall(sentence)) + sum(map(NUMBER_WORDS.__contains__, words))


def score_sentence(sentence: str, position: int, centrality: float) -> float:
    """Higher is more fact-like (see the module docstring for the parts)."""
    words = content_words(sentence.lower())
    marked = ANY_MARK.search(sentence) is not None
    return _score(sentence, sentence.split(), words, position, centrality, marked=marked)


def _score(
    sentence: str,
    written: list[str],
    words: list[str],
    position: int,
    centrality: float,
    follows_teaser: bool = False,
    *,
    marked: bool,
) -> float:
    """score_sentence, given the sentence split at spaces, its content words and whether it holds a
    quotation mark."""
    length = len(written)
    trimmed_words = len(trim(sentence).split()) if length > MAX_FACT_WORDS else length
    score = 1.0 / (1 + position * POSITION_DECAY)
    score += NUMBER_WEIGHT * min(NUMBER_CAP, count_numbers(sentence, words))
    score += CENTRALITY_WEIGHT * centrality
    score -= 0.04 * max(0, trimmed_words - MAX_FACT_WORDS)
    if marked and _quotes_a_phrase(sentence):
        score -= QUOTE_PENALTY  # a quoted phrase: the reporter's own words read better as a fact
    elif follows_teaser:
        score += FOLLOWS_TEASER_WEIGHT  # the lead goes on here: the next most important fact
    if not _NEXT.isdisjoint(words):
        score += NEXT_WEIGHT  # what happens next
    return score


# The person a pronoun means: (index of the sentence, gender "m" or "f") → a name, or None.
Who = Callable[[int, str], "str | None"]


def self_contained(sentence: str, position: int = 0, who: Who | None = None) -> str | None:
    """The sentence as a fact that stands on its own, or None when it points back and cannot be
    repaired (see the module docstring)."""
    connective = _CONNECTIVE.match(sentence)
    if connective:
        repaired = _without_connective(sentence[connective.end() :])
        if repaired is None:
            return None
        sentence = repaired
    first = sentence.split(None, 1)[0].strip(_OPENING_MARKS + ",") if sentence.strip() else ""
    if first in _PRONOUNS:
        resolved = _resolved(sentence, first, position, who)
        if resolved is None:
            return None
        sentence = resolved
    elif first in _BACK_POINTING or _points_back(sentence) or _otherwise(sentence, first):
        return None
    # a pronoun inside is not resolved: which person it means is far less sure than for a subject
    # that opens the sentence (the nearest name before is often another's)
    return None if points_back_inside(sentence) else sentence


def points_back_inside(sentence: str) -> bool:
    """A pronominal adverb ("Die Kosten dafür …", "sprach sich dagegen aus") or an attribution to a
    pronoun ("nach ihren Angaben") in the first clause (up to a comma or "und": "wird gesperrt
    und danach abgerissen" points inside) that does not point ahead to the clause
    after the comma ("wies darauf hin, dass …", "einigten sich darauf, … zu senken"); or a
    personal pronoun there ("Unmittelbar nach ihm kam …") or later with no noun before it
    ("Schon 2006, als sie …"), unless the sentence opens with a subordinate clause, whose pronoun
    may mean the main clause's subject ("Nachdem er …, verließ der Vorsitzende …")."""
    lowered = sentence.lower()
    clause, comma, _ = lowered.partition(",")
    clause = _COORDINATOR.split(clause, 1)[0]
    pointer = ":" not in clause and _POINTER.search(clause) is not None
    if pointer and not _points_ahead(sentence, 0):
        return True
    if comma and sentence.split(None, 1)[0] in _CONJUNCTION_OPENERS:
        return False
    if _INNER_PRONOUN.search(clause):
        return True
    # later, a pronoun with no noun or name before it for it to mean ("Schon 2006, als sie …")
    later = _INNER_PRONOUN.search(lowered, len(clause)) if comma else None
    subject = _INNER_SUBJECT.search(lowered)
    return any(
        match is not None and not _referent_before(sentence[: match.start()].split())
        for match in (later, subject)
    )


def _referent_before(words: list[str]) -> bool:
    """Is there a noun or name among `words` that a pronoun after them may mean? A capitalised
    word after the first, or a first word that is no function word."""
    if any(word[:1].isupper() for word in words[1:]):
        return True
    return bool(words) and words[0].strip(_OPENING_MARKS + ",").lower() not in STOP_WORDS


def _otherwise(sentence: str, first: str) -> bool:
    """ "Anders ließen sich … nicht erklären": "otherwise", not a comparison ("Anders als …")."""
    if first not in _OTHERWISE:
        return False
    words = sentence.split(None, 2)
    return len(words) < 2 or words[1] not in _COMPARISON


def _points_back(sentence: str) -> bool:
    """ "Das sei …", "Das musste X …": a demonstrative pronoun as the subject or object."""
    match = _DEMONSTRATIVE.match(sentence)
    if match is None:
        return False
    return not match.group("noun") or match.group("word") in VERB_HINTS


def _without_connective(rest: str) -> str | None:
    """What follows a dropped connective, as a sentence: "will Berlin vier …" → "Berlin will vier
    …"; None when the subject cannot be told."""
    if rest[:1].isupper() or rest.split(None, 1)[0] in _SUBJECT_ARTICLES:
        return rest[:1].upper() + rest[1:]  # the subject comes first already
    swapped = _VERB_THEN_SUBJECT.match(rest)
    if not swapped:
        return None
    subject, after = swapped.group("subject"), swapped.group("rest")
    if after[:1].isupper():
        return None  # "baten die Europäer Trump …": where the subject ends cannot be told
    return f"{subject[:1].upper()}{subject[1:]} {swapped.group('verb')} {swapped.group('rest')}"


def _resolved(sentence: str, pronoun: str, position: int, who: Who | None) -> str | None:
    """ "Er kündigte an …" → "Söder kündigte an …"; None when it cannot be told who is meant."""
    words = sentence.split(None, 2)
    if who is None or len(words) < 3:
        return None
    verb = words[1].rstrip(",;:")
    plural = verb in _PLURAL_VERBS or (
        _PLURAL_ENDINGS and verb.endswith(_PLURAL_ENDINGS) and verb[:1].islower()
    )
    if plural and _PRONOUNS[pronoun] == "f":
        return None  # "Sie sagten": they, not she
    name = who(position, _PRONOUNS[pronoun])
    return f"{name} {words[1]} {words[2]}" if name else None


def choose_facts(
    sentences: list[str],
    *,
    skip: int = 0,
    count: int = 3,
    avoid: str | Sequence[str] = "",
    who: Who | None = None,
    closing: bool = False,
) -> list[str]:
    """The best `count` (2–4) facts among `sentences`, the first `skip` (the teaser's) left out,
    none repeating the texts to `avoid` (the teaser, the displayed quote). With `closing` (a piece
    that ends on its point, see shape.py) one fact is its conclusion: the last of the final
    CLOSING_SENTENCES that makes a fact."""
    # Each sentence is split, lower-cased and cut into words once; the rules share the results.
    written = [s.split() for s in sentences]
    lowered = [s.lower() for s in sentences]
    words = [content_words(s) for s in lowered]
    stems = [stems_of(w) for w in words]
    ranks = textrank(sentences, stems)
    texts = list(sentences)
    for i in range(skip, len(texts)):
        framing = _before_quote(texts[i]) if ":" in texts[i] else ""
        if framing:  # "Todt stellt sich vor Schumacher: „…“": the reporter's words before it
            texts[i], written[i], lowered[i] = framing, framing.split(), framing.lower()
            words[i] = content_words(lowered[i])
    scored: list[ScoredSentence] = []
    for i in range(skip, len(texts)):
        text = texts[i]
        marked = ANY_MARK.search(text) is not None  # both tests ask; one search
        if _is_candidate(text, written[i], lowered[i], marked):
            score = _score(text, written[i], words[i], i, ranks[i], i == skip, marked=marked)
            scored.append(ScoredSentence(text, i, score))
    avoided = [avoid] if isinstance(avoid, str) else list(avoid)
    seen = [content_stems(text) for text in avoided if text]
    ranked = sorted(scored, key=lambda s: -s.score)
    chosen: list[tuple[int, str]] = []
    if closing and count > 1:
        chosen = _pick(_conclusions(scored, texts, ranks), 1, stems, seen, who)
        ranked = [c for c in ranked if not chosen or c.position != chosen[0][0]]
    chosen += _pick(ranked, count - len(chosen), stems, seen, who)
    return [fact for _, fact in sorted(chosen)]


def _conclusions(
    scored: list[ScoredSentence], texts: list[str], ranks: list[float]
) -> list[ScoredSentence]:
    """Candidates for a piece's conclusion, last first: among its final CLOSING_SENTENCES, those
    at least as central as the median sentence (a job ad, an author's biography or a reading tip
    below the text is not; a line without a full stop is no candidate at all)."""
    median = sorted(ranks)[len(ranks) // 2] if ranks else 0.0
    last = len(texts) - CLOSING_SENTENCES
    ending = [c for c in scored if c.position >= last and ranks[c.position] >= median]
    return sorted(ending, key=lambda c: -c.position)


def _pick(
    candidates: list[ScoredSentence],
    count: int,
    stems: list[frozenset[str]],
    seen: list[frozenset[str]],
    who: Who | None,
) -> list[tuple[int, str]]:
    """The first `count` candidates that make a fact and repeat nothing `seen` (which grows by
    the chosen ones), as (position, fact)."""
    chosen: list[tuple[int, str]] = []
    for candidate in candidates:
        if len(chosen) >= count:
            break
        stem_set = stems[candidate.position]
        if any(_overlap(stem_set, other) >= REDUNDANT for other in seen):
            continue
        fact = _as_fact(candidate.text, candidate.position, who)
        if fact is not None:
            chosen.append((candidate.position, fact))
            seen.append(stem_set)
    return chosen


def _before_quote(sentence: str) -> str:
    """The words before ": „…“" in a sentence, as a sentence of its own, when they are one (six
    words or more, no quotation marks); else ""."""
    match = _COLON_QUOTE.search(sentence)
    if not match:
        return ""
    head = sentence[: match.start()].strip()
    if len(head.split()) < MIN_FACT_WORDS or ANY_MARK.search(head):
        return ""
    if head.split()[-1] in SPEECH_VERBS:
        return ""  # "A spokesperson for the trust said": nothing is said without the quote
    return head + "."


def _as_fact(sentence: str, position: int, who: Who | None) -> str | None:
    """The sentence self-contained and at most MAX_FACT_WORDS long, or None."""
    # the linking words go first: an adverb that only says "thereby" ("damit") may go, and then
    # nothing in the sentence points back
    fact = self_contained(without_links(trim(sentence)), position, who)
    if fact is None:
        return None
    if len(fact.split()) > MAX_FACT_WORDS:
        fact = _first_main_clause(fact)
    if len(fact.split()) > MAX_FACT_WORDS:
        return None
    return fact[:1].upper() + fact[1:]


def without_links(sentence: str) -> str:
    """The sentence without the words inside it that only link it to the one before ("Die
    Landesregierung will jedoch am Gesetz festhalten" → "… will am Gesetz festhalten"): a fact
    stands alone. Not after a comma, where the word joins two clauses (", jedoch ist …"), nor
    after a guard word ("als auch", "sondern auch")."""
    if _INNER_LINK.search(sentence) is None:
        return sentence
    kept: list[str] = []
    last = 0
    for match in _INNER_LINK.finditer(sentence):
        before = sentence[: match.start()].rsplit(None, 1)
        if before and before[-1].lower() in _LINK_GUARDS:
            continue
        if match.group(0).split()[-1] in _POINTING_ADVERBS and _points_ahead(sentence, match.end()):
            continue  # "rechnet damit, dass …": the word stands for the clause that follows
        kept.append(sentence[last : match.start()])
        last = match.end()
    return "".join(kept) + sentence[last:]


def _points_ahead(sentence: str, end: int) -> bool:
    """Does the clause after the next comma (from `end` on) say what a pronominal adverb ending at
    `end` stands for?"""
    _, comma, rest = sentence[end:].lower().partition(",")
    return bool(comma) and _AHEAD.search(rest.lstrip()) is not None


def _first_main_clause(sentence: str) -> str:
    """A long sentence cut before its second main clause (", aber …", "; …", " – …") when at least
    MIN_TRIMMED_WORDS remain."""
    for match in _MAIN_CLAUSE.finditer(sentence):
        head = sentence[: match.start()].rstrip(",;: ")
        if len(head.split()) >= MIN_TRIMMED_WORDS and not _quote_open(head):
            candidate = head + "."
            if len(candidate.split()) <= MAX_FACT_WORDS:
                return candidate
    return sentence


def _quote_open(text: str) -> bool:
    """A quotation opened and not closed in `text` (a cut there would break it)."""
    return text.count("„") > text.count("“") or text.count("“") > text.count("”") + text.count("„")


MAX_TRIMS = 6  # clauses dropped at most, one at a time
MAX_TRIM_WORDS = 150  # longer "sentences" are run-on text; trimming clause by clause is quadratic


@lru_cache(maxsize=256)  # a long sentence is trimmed to be scored, and again when chosen
def trim(sentence: str) -> str:
    """Shorter where the meaning survives: parentheticals, then trailing clauses and asides."""
    text = (_PARENTHETICAL.sub("", sentence) if "(" in sentence else sentence).strip()
    if text.startswith("(") and text.endswith((")", ").")):
        text = text.strip("().") + "."
    if len(text.split()) > MAX_TRIM_WORDS:
        return text  # no sentence: a run-on text that clause trimming cannot shorten sensibly
    for _ in range(MAX_TRIMS):
        if len(text.split()) <= MAX_FACT_WORDS:
            break
        body = text.rstrip(".!")
        shorter = _without_aside(body).strip()
        if shorter == body:
            shorter = _without_trailing_clause(body).strip()
        if shorter == body or len(shorter.split()) < MIN_TRIMMED_WORDS:
            break
        text = shorter.rstrip(",;: ") + "."
    return text


def _without_aside(body: str) -> str:
    """The first dash aside replaced by a space; only searched for when a dash follows a space."""
    return _DASH_ASIDE.sub(" ", body, count=1) if _SPACED_DASH.search(body) else body


def _without_trailing_clause(body: str) -> str:
    """The trailing clause cut off. It can only begin at the last comma (no comma may follow it),
    so the pattern is tried there rather than at every comma."""
    comma = body.rfind(",")
    clause = _TRAILING_CLAUSE.match(body, comma) if comma >= 0 else None
    return body[:comma] + body[clause.end() :] if clause else body


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))
