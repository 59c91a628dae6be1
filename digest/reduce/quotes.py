"""Direct quotes: which quoted passages are statements, and who made them.

A quoted passage is a full quote when it is a statement of its own (a clause with a finite verb,
or attributed by a speech verb), a partial quote when it is quoted words inside the reporter's
sentence: a clause, or a phrase of five or more words that starts in lower case or is framed by a
speech verb ("nannte den Plan „eine zutiefst unannehmbare Intervention des Bundes“"). Scare quotes,
titles and names („strategischen Signal“, „Koalition der Willigen“, „Cassini“) are not quotes, nor
is a list of titles („A“, „B“ und „C“), a name explained after a colon („Hier ist Bayern“: Der
Newsletter …), a title after its noun (der Film „…“, unter dem Motto „…“) or a name after a bare
article (die „Aktion Deutschland hilft“). Quotes of fewer than four words count only when a speech
verb attributes them.

The quote's text is the words between the marks, as written, except that a final full stop (or a
trailing comma) is dropped: the email sets the marks, and "?" and "!" stay because they carry meaning.
"""

from __future__ import annotations

import re
from dataclasses import replace
from operator import methodcaller
from typing import NamedTuple

from .. import lang
from ..lang import lazy, lazy_words
from ..models import Quote
from . import attribution
from .attribution import Speaker
from .candidates import candidates_in
from .lexicon import SPEECH_VERBS, VERB_HINTS
from .marks import QuoteSpan
from .names import name_shaped
from .speakers import Person, PersonIndex, sentence_start_of

MIN_STATEMENT_WORDS = 4
MIN_PHRASE_WORDS = 5  # a quoted phrase without a verb counts from five words on
CONTINUATION_WINDOW = 600  # characters between a quote and an unattributed one that continues it
_SPEECH_VERBS = SPEECH_VERBS | lang.word_set("speech_verbs", "inversion")
_strip_commas = methodcaller("strip", ",:")  # map() calls it in C, without a Python frame
_WORD = re.compile(r"[\wäöüÄÖÜß'’\-]+")
_SUBORDINATORS = lang.word_set("clauses", "subordinators")
# Words in -t, -st or -te that are no finite verb ("nicht", "bereits", "first").
_NOT_FINITE = lang.word_set("clauses", "not_finite")
_DETERMINERS = lang.word_set("clauses", "determiners")
_PRONOUNS = lang.word_set("clauses", "pronouns")
_TITLE_NOUNS = lang.word_set("quotes", "title_nouns")
_ARTICLES = lang.word_set("articles", "words")
_DASHED = lazy(r"\w[ ]+[–—-][ ]+\w")


_VERB_ENDINGS = ("st", "te", "ten", "tet")  # and -t after anything but an e (_has_verb_ending)
# Patterns compiled once (the re module's own cache costs a look-up on every call).
_INFLECTED = lazy(r"[a-zäöüß]+(?:e|en|er|es|em)")
_CLAUSE_VERB_ENDING = lazy(r"(?:en|ern|eln|t|te|ten)$")
_GOES_ON = lazy_words(r"\s*{}?\s*:\s*", lang.words("quotes", "continuations"))
_ADDED = lazy(r"\bfügte?\b[^.!?]*\bhinzu\s*:\s*$")
_INTERRUPTION = lazy(r"\s*,\s*[^.!?:„“\"]{1,80},\s*|\s+")
_ORGANISATION_SAID = lazy(
    lang.fill(
        r"\b{verbs}\b[^.]*\b{links}\b",
        verbs=lang.words("quotes", "organisation_verbs"),
        links=lang.words("quotes", "organisation_links"),
    )
)
_SENTENCE_ENDED = lazy(r"(?:[.!?:“”\"]\s*|\n)$")
_WORD_ENDED = re.compile(r"[\wäöü,)]\s*$")
_CLAUSE_ENDED = lazy(r"[.!?:]\s*$")
_TITLE_JOIN = lazy_words(r"\s*(?:,|{})\s*", lang.words("quotes", "list_conjunctions"))
_AFTER_SENTENCE_QUOTE = lang.compile_words(
    r"[.!?][“”\"«»]\s*{}\s+$", lang.words("quotes", "list_conjunctions")
)
_EXPLANATION = re.compile(r":\s+[A-ZÄÖÜ]")
_ENDS_SENTENCE = lazy(r"[.!?]$")
_CLAUSE_SPLIT = lazy(r"[.!?]\s+|\n")
# the text between two quotes is one sentence: the first quote's cue and nothing more
_ONE_SENTENCE = lazy(r"\s*,?\s*[^.!?\n„“\"]+[.!?]\s*")


class FoundQuote(NamedTuple):
    """A statement with its place in the article, before ranking."""

    quote: Quote
    position: int


def has_finite_verb(words: str, tokens: list[str] | None = None) -> bool:
    """A finite verb among the words: an auxiliary or modal, a verb form in -t/-st/-te beside no
    article, or a verb in -en beside a pronoun ("holen wir"), or a subordinate clause's last word.
    `tokens` are the words' _WORD tokens when the caller has them already."""
    if tokens is None:
        tokens = _WORD.findall(words)
    lower = list(map(str.lower, tokens))
    for i, token in enumerate(tokens):
        word = lower[i]
        before = lower[i - 1] if i else ""
        after = lower[i + 1] if i + 1 < len(tokens) else ""
        if token[:1].isupper() and i:
            continue
        if word in VERB_HINTS and before != "zu":
            return True
        if len(word) < 4 or word in _NOT_FINITE:
            continue
        if _verb_before_article(word, after, i):
            return True  # "Paris unterstützt die …", "das bedeutet den Bau"
        if before in _DETERMINERS and (i > 1 or _INFLECTED.fullmatch(word)):
            continue  # "das große Haus"; but "Das passiert mir nie": a pronoun, then the verb
        participle = word.startswith("ge") and len(word) >= 6 and word.endswith("t")
        verb_form = _has_verb_ending(word) and not participle and i
        # "absolut geringer": a word in -t before an adjective is an adverb, not a verb
        if verb_form and not _INFLECTED.fullmatch(after or "-"):
            return True
        if word.endswith("en") and (before in _PRONOUNS or after in _PRONOUNS):
            return True
        if before in _SUBJECT_PRONOUNS and i > 0:
            return True  # "ich singe", "wir holen"
    return _subordinate_clause(words)


def _verb_before_article(word: str, after: str, i: int) -> bool:
    """A lower-case word in -t or -et right before an article is a finite verb with its object
    ("unterstützt die", "bedeutet den"): an adjective or adverb stands there only before a noun
    in lower case, and a participle in ge-…-t is left out ("hat gestern gemeldet, die …")."""
    if not i or after not in _ARTICLES or word.startswith("ge"):
        return False
    return word.endswith("t")


def _has_verb_ending(word: str) -> bool:
    """-t (not -et), -st, -te, -ten, -tet: string tests, this runs for every word of every quote."""
    return word.endswith(_VERB_ENDINGS) or (word[-1:] == "t" and word[-2:-1] not in ("e", ""))


_SUBJECT_PRONOUNS = lang.word_set("clauses", "subject_pronouns")
_SUBORDINATE = re.compile(
    lang.fill(
        r"(?:\b{conjunctions}|,\s*{relatives}|^(?:[a-zäöü]+\s+)?{starts})\b"
        r"[^,]*?\b([\wäöüß]+)\s+([a-zäöüß]+)\W*(?:,|$)",
        conjunctions=lang.words("clauses", "conjunctions"),
        relatives=lang.words("clauses", "relative_pronouns"),
        starts=lang.words("clauses", "relative_starts"),
    )
)


def _subordinate_clause(words: str) -> bool:
    """ "…, dass die Inhalte … übereinstimmen": a subordinator, then a verb at the clause's end."""
    for match in _SUBORDINATE.finditer(words):
        before, last = match.group(1).lower(), match.group(2)
        participle = last.startswith("ge") and len(last) > 6
        if (
            _CLAUSE_VERB_ENDING.search(last)
            and before not in _DETERMINERS | {"zu"}
            and not participle
        ):
            return True
    return False


def is_statement(words: str) -> bool:
    """A clause rather than a scare quote, title or name (on its own, without attribution)."""
    tokens = _WORD.findall(words)
    return len(tokens) >= MIN_STATEMENT_WORDS and has_finite_verb(words, tokens)


def find_quotes(text: str, index: PersonIndex) -> list[FoundQuote]:
    """All statement quotes of an article's text (paragraphs joined by blank lines), in order;
    `index` is that text's PersonIndex (whose quotation spans these are)."""
    found: list[FoundQuote] = []
    previous: tuple[QuoteSpan, Speaker | None] | None = None
    spans = index.quote_spans
    for i, span in enumerate(spans):
        words = " ".join(span.inner(text).split())
        tokens = _WORD.findall(words)
        long_enough = len(tokens) >= MIN_STATEMENT_WORDS
        verb = has_finite_verb(words, tokens)
        if not verb and not long_enough:
            continue  # a scare quote, title or name wherever it stands: no need to look around it
        partial = _is_partial(text, span)
        if _in_title_list(text, spans, i) or _labels_something(text, span):
            continue
        if _names_something(text, span, words, verb):
            continue
        attributed = _speech_verb_after(text, span) or _speech_verb_before(text, span)
        if previous is not None and _interrupted(text, previous[0], span):
            attributed, partial = True, False  # „A“, sagte er, „B“: the rest of A's statement
        statement = verb or (attributed and long_enough and not partial)
        statement = statement or _sentence_after_colon(text, span, words)
        if not statement and not (partial and _quoted_phrase(text, span, words, attributed)):
            continue
        if not (long_enough or attributed or partial):
            continue
        if partial and not long_enough and not attributed:
            continue
        speaker = _attribute(text, span, index, partial, previous)
        if speaker is not None or not partial:
            # a phrase quoted in passing with no speaker does not end a speaker's run of quotes
            previous = (span, speaker)
        found.append(FoundQuote(as_quote(words, speaker, partial=partial), span.start))
    return _roles_kept(found, text, index)


def _roles_kept(found: list[FoundQuote], text: str, index: PersonIndex) -> list[FoundQuote]:
    """A person's role stands on each of their quotes: a role only one cue gives ("“…,” said
    harbour master Linda Crane. She added: “…”", "according to council leader Anna Berg") is the
    person's, as the index's roles are."""
    roles: dict[str, str] = {}
    for item in found:
        if item.quote.speaker and item.quote.role:
            roles.setdefault(item.quote.speaker, item.quote.role)
    speakers = {item.quote.speaker for item in found if item.quote.speaker not in roles}
    for mention in index.mentions:
        if mention.person.name in speakers and mention.person.name not in roles:
            role = attribution.english_role_before(text, mention.position)
            role = role or attribution.english_apposition_role(text, mention.end)
            if role:
                roles[mention.person.name] = role
    return [
        item._replace(quote=replace(item.quote, role=roles[item.quote.speaker]))
        if item.quote.speaker in roles and not item.quote.role
        else item
        for item in found
    ]


def _attribute(
    text: str,
    span: QuoteSpan,
    index: PersonIndex,
    partial: bool,
    previous: tuple[QuoteSpan, Speaker | None] | None,
) -> Speaker | None:
    if text[max(0, span.start - 2) : span.start].strip() == "(":
        # "Landrat Peter Moll („…“) verteidigte": the person named right before the parenthesis
        named = index.mentions_between(max(0, span.start - 80), span.start)
        if named and text[named[-1].end : span.start].strip() == "(":
            return named[-1].person
    after = attribution.speaker_after(text, span.end, index)
    if after is not attribution.NO_ATTRIBUTION:
        # a person, an organisation, or None for "sagte der Student"
        return None if _two_frames(text, span, index, after, partial) else after
    continued = _continued_speaker(text, span, previous, index)
    if continued:
        return continued
    if partial:
        later = attribution.speaker_later_in_sentence(text, span.end, index)
        earlier = attribution.speaker_in_sentence(text, span.start, index)
        if later is not None and earlier is not None and later != earlier:
            # "Während A erklärte, …, „…“, räumte B ein": two reporting clauses, two speakers
            return None
        in_sentence = later or earlier
        if in_sentence is not None:
            return in_sentence
        # a sentence that names someone but not as the speaker has its own frame: the speaker of
        # the sentence before is then no safer guess
        sentence_start = sentence_start_of(text, span.start)
        if any(m.subject for m in index.mentions_between(sentence_start, span.start)):
            return None  # a name after a preposition ("durch Benedikt XVI.") is talked about
        # reported speech goes on in the subjunctive ("Es drohe „…“"); a sentence in the
        # indicative is the reporter's own
        if not attribution.in_subjunctive(text[sentence_start : span.start]):
            return None
        return attribution.reporting_subject(text, span.start, index)
    return (
        attribution.speaker_before(text, span.start, index)
        or attribution.opinion_holder(text, span.start, index)
        or attribution.lead_in_subject(text, span.start, span.end, index)
        or _reported_colon_frame(text, span, index)
    )


def _two_frames(
    text: str, span: QuoteSpan, index: PersonIndex, after: Speaker | None, partial: bool
) -> bool:
    """ "A zeigte sich froh: „…“, räumte B ein", "Während A sagte, …, „…“, räumte B ein": the
    frame before the quote (a colon frame, or the reporting clause of the sentence) names another
    person than the cue after it, so whose words these are is a guess."""
    if not isinstance(after, Person):
        return False  # nobody, or an organisation that speaks through the person before
    if text[: span.start].rstrip().endswith(":"):
        before = attribution.speaker_before(text, span.start, index)
        return isinstance(before, Person) and before != after
    if not partial:
        return False
    sentence_start = sentence_start_of(text, span.start)
    if not attribution.reports_speech(text[sentence_start : span.start]):
        return False  # "Der Plan sei „…“, sagte X": one reporting clause, X's
    # the sentence's own reporting clause before the quote must name the same person, or have
    # nobody known as its subject but someone else's name right before its verb
    before = attribution.speaker_in_sentence(text, span.start, index)
    if before is not None:
        return before != after
    subject = attribution.word_before_reporting_verb(text[sentence_start : span.start])
    return subject is not None and subject not in after.name.split()


def _reported_colon_frame(text: str, span: QuoteSpan, index: PersonIndex) -> Speaker | None:
    """ "Figeľ bekräftigte … . Die Pflichten seien klar festgelegt: „…“": a colon frame in the
    subjunctive that names nobody goes on with the reported speech of the sentence before."""
    if not text[max(0, span.start - 3) : span.start].rstrip().endswith(":"):
        return None
    sentence_start = sentence_start_of(text, span.start)
    if index.mentions_between(sentence_start, span.start):
        return None
    if not attribution.in_subjunctive(text[sentence_start : span.start]):
        return None
    return attribution.reporting_subject(text, span.start, index)


def as_quote(words: str, speaker: Speaker | None, *, partial: bool = False) -> Quote:
    """The Quote the email shows: text without a final full stop; speaker, role and kind."""
    text = _without_final_stop(words.strip()).strip()
    kind = "partial" if partial else "full"
    if isinstance(speaker, Person):
        return Quote(text, speaker.name, speaker.role, kind)
    return Quote(text, speaker, None, kind)


def _without_final_stop(words: str) -> str:
    """The words without a final ".", ",", ";" or ":" (an ellipsis "..." keeps its dots): by string
    tests, where a regex (a look back and an end anchor) would try every position of the quote."""
    if words[-1:] in (".", ",", ";", ":") and words[-2:-1] != ".":
        return words[:-1]
    return words


def _continued_speaker(
    text: str,
    span: QuoteSpan,
    previous: tuple[QuoteSpan, Speaker | None] | None,
    index: PersonIndex,
) -> Speaker | None:
    """„A“, sagte er, „B“ / „A“ Und: „B“ / an unattributed quote soon after another one by the
    same person, with nobody else named in between: B has A's speaker."""
    if previous is None or previous[1] is None:
        return None
    between = text[previous[0].end : span.start]
    if _interrupted(text, previous[0], span):
        return previous[1]
    if _GOES_ON.fullmatch(between) or _TITLE_JOIN.fullmatch(between):
        return previous[1]  # „A“ Und: „B“ / „A.“ und „B.“ (sentences, no list of titles)
    if text[: span.start].rstrip().endswith(":") and not _ADDED.search(between):
        return None  # a frame of its own ("Die Anwohner sehen es gelassen: „…“")
    if _ADDED.search(between) and not index.mentions_between(previous[0].end, span.start):
        return previous[1]
    if len(between) > CONTINUATION_WINDOW or not _starts_sentence(text, span):
        return None
    if attribution.speaker_before(text, span.start, index) is not None:
        return None
    named = index.mentions_between(previous[0].end, span.start)
    if any(m.person != previous[1] for m in named):
        return None
    if index.unnamed_person_between(previous[0].end, span.start, previous[1]):
        return None  # „A.“ Der Bürgermeister sieht das anders. „B“: B is his, not A's speaker's
    if _other_organisation(text, previous[0].end, span.start, index, previous[1]):
        return None  # „A.“ Die Polizei sieht das anders. „B“
    # „A“, sagte der Rabbiner X. „B“: the sentence between is A's own cue naming A's speaker,
    # so "sagte der" there is no organisation speaking
    own_cue = bool(named) and _ONE_SENTENCE.fullmatch(between) is not None
    return None if _organisation_named(between) and not own_cue else previous[1]


def _sentence_after_colon(text: str, span: QuoteSpan, words: str) -> bool:
    """ "skandierten: „Mussawi, hole unsere Stimmen zurück!“": a sentence of five words or more
    with its own end mark, announced by a colon, is a statement even when no verb form is known."""
    if not (_ENDS_SENTENCE.search(words) and words[:1].isupper()):
        return False
    if len(_WORD.findall(words)) < MIN_PHRASE_WORDS:
        return False
    return text[max(0, span.start - 3) : span.start].rstrip().endswith(":")


def _other_organisation(
    text: str, start: int, end: int, index: PersonIndex, speaker: Speaker | None
) -> bool:
    """An organisation other than the speaker stands as a subject between two quotes."""
    return any(
        c.subject and not c.person and c.speaker != speaker
        for c in candidates_in(text, start, end, index)
    )


def _quoted_phrase(text: str, span: QuoteSpan, words: str, attributed: bool) -> bool:
    """ "nannte den Plan „eine zutiefst unannehmbare Intervention“": quoted words of five or more
    inside the reporter's sentence, no verb of their own. A phrase starting in lower case is the
    speaker's wording; one starting with a capital only when a speech verb frames it, and never a
    title ("der Film „Die Welt von gestern“") nor a name in title case."""
    tokens = _WORD.findall(words)
    if len(tokens) < MIN_PHRASE_WORDS:
        return False
    if not words[:1].islower() and not attributed and not _worded_like_speech(tokens):
        return False
    lead = text[max(0, span.start - 40) : span.start].split()[-3:]
    if any(w.strip(",:") in _TITLE_NOUNS for w in lead):
        return False
    capitals = sum(1 for t in tokens if t[:1].isupper())
    return capitals * 3 < len(tokens) * 2  # "United Front for Democracy against Dictatorship"


def _worded_like_speech(tokens: list[str]) -> bool:
    """ "nichts mit „Sanktionen zu tun oder militärischen Aktionen“": a phrase that opens with a
    noun is still wording when most of its words are in lower case and it does not open with an
    article or a number as a title does („Die lange Nacht der Stadt“)."""
    if tokens[0].lower() in _ARTICLES or tokens[0][:1].isdigit():
        return False
    if any(map(name_shaped, tokens)):
        return False  # „Commandeur de la Légion d'Honneur“: a foreign name or title
    capitals = sum(1 for t in tokens if t[:1].isupper())
    return capitals * 2 < len(tokens)


def _names_something(text: str, span: QuoteSpan, words: str, verb: bool) -> bool:
    """A title or a name in marks, whatever its words: right after a title noun ("unter dem Motto
    „…“", "der Film „…“"), after a bare article with mostly capitalised words ("die „Aktion
    Deutschland hilft“ teilte mit"), or two parts around a dash without a verb („Karol Wojtyla –
    Geheimnisse eines Papstes“)."""
    lead = text[max(0, span.start - 30) : span.start].split()[-1:]
    previous = lead[0].strip(",:(") if lead else ""
    if previous in _TITLE_NOUNS:
        return True
    if previous.lower() in _ARTICLES:
        tokens = _WORD.findall(words)
        capitals = sum(1 for t in tokens if t[:1].isupper())
        if capitals * 3 >= len(tokens) * 2:
            return True  # mostly capitals: a name; "einen „Feldzug gegen die Schule“" is wording
    return not verb and bool(_DASHED.search(words))


def _interrupted(text: str, first: QuoteSpan, second: QuoteSpan) -> bool:
    """„A“, sagte er, „B“ — one statement interrupted by its attribution (or by nothing)."""
    between = text[first.end : second.start]
    if first.inner(text).rstrip().endswith(","):
        between = "," + between  # English sets the comma inside: “A,” said X, “b”
    return bool(_INTERRUPTION.fullmatch(between))


def _organisation_named(between: str) -> bool:
    return bool(_ORGANISATION_SAID.search(between))


def _starts_sentence(text: str, span: QuoteSpan) -> bool:
    before = text[max(0, span.start - 3) : span.start]
    return span.start == 0 or bool(_SENTENCE_ENDED.search(before))


def _is_partial(text: str, span: QuoteSpan) -> bool:
    """Embedded in a sentence: preceded by a word or comma, not by a colon or a sentence end."""
    before = text[max(0, span.start - 3) : span.start]
    if _AFTER_SENTENCE_QUOTE.search(text, max(0, span.start - 12), span.start):
        return False  # „Ich rechne damit, dass …“ und „Wenn wir …“: a second sentence
    if before.endswith(". ") and text[span.start + 1 : span.start + 2].islower():
        # "sagte Merkel, Benedikt XVI. „ist und bleibt …“": the full stop of a number or title
        return sentence_start_of(text, span.start) < span.start - 2
    return bool(_WORD_ENDED.search(before)) and not _CLAUSE_ENDED.search(before)


def _in_title_list(text: str, spans: list[QuoteSpan], i: int) -> bool:
    """„A“, „B“ und „C“: names of songs, films or places, whatever verbs they contain."""
    words = spans[i].inner(text).strip()
    if not words[:1].isupper():
        return False  # „dissozial“, „noch hätte er …“ is one statement in two parts
    after = i + 1 < len(spans) and _TITLE_JOIN.fullmatch(text[spans[i].end : spans[i + 1].start])
    before = i > 0 and _TITLE_JOIN.fullmatch(text[spans[i - 1].end : spans[i].start])
    if not (after or before):
        return False  # no list: asked first, as it is cheaper than the statement test
    # „Ich rechne damit, dass …“ und „…“: sentences with their full stop
    return not (words.endswith(".") and is_statement(words))


def _labels_something(text: str, span: QuoteSpan) -> bool:
    """„Hier ist Bayern“: Der Newsletter … — a name followed by its explanation."""
    return bool(_EXPLANATION.match(text[span.end : span.end + 3])) and not _ENDS_SENTENCE.search(
        span.inner(text).strip()
    )


def _speech_verb_after(text: str, span: QuoteSpan) -> bool:
    """A verb of speech opens the cue after the quote ("„…“, sagte X"), or ends a short cue that
    the quote's own comma ties to it ("“…,” Hale said", "“…,” the minister told Reuters")."""
    match = attribution.LEADING_WORD.match(text[span.end : span.end + 40])
    if match is not None and match.group(1) in _SPEECH_VERBS:
        return True
    if not span.inner(text).rstrip().endswith(","):
        return False
    cue = _CLAUSE_SPLIT.split(text[span.end : span.end + 140], maxsplit=1)[0]
    if attribution.ENGLISH_APPOSITION.match(cue):
        return True  # "“…,” the group's chairman, Peter Walsh, said"
    return not _SPEECH_VERBS.isdisjoint(_WORD.findall(cue)[:_CUE_WORDS])


_CUE_WORDS = 5  # "the city's harbour master said": a subject of up to four words, then the verb


def _speech_verb_before(text: str, span: QuoteSpan) -> bool:
    head = text[max(0, span.start - 160) : span.start]
    clause = _CLAUSE_SPLIT.split(head)[-1]
    return not _SPEECH_VERBS.isdisjoint(map(_strip_commas, clause.split()))
