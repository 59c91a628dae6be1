"""Attribution: who said a quote, read from the words around it.

The speaker stands after the quote (`„…“, sagte X.`, `„…“, so X.`, `„…“, versprach er`, `„…“,
zitiert die Zeitung Y X`, `„…“, heißt es in einer Mitteilung von X`), or in the clause before a
colon (`Macron stellte klar: „…“`, `Seine Begründung: „…“`), or, for a quote embedded in a sentence,
in the reporting clause of that sentence (`Künast sagte, es müsse Schluss sein mit „…“`). Within such
a phrase the candidates are persons, pronouns, role nouns ("die Kanzlerin"), descriptions ("die
58-Jährige", "die SPD-Politikerin"), spokespersons ("ein Sprecher des Finanzministeriums" →
Finanzministerium) and organisations; the subject wins. A name after a preposition is what is
talked about, not who talks, unless it owns the role or frame that speaks ("der Einsatzleiter der
Polizei", "Nach Auffassung des X"); a medium is never the speaker. Precision first: when the
evidence is weak, no speaker — also when a person nobody named is the subject ("Laut X hat der
Bürgermeister gesagt:"), the name stands in a fronted or relative clause, is quoted by the speaker
or addressed ("X zitierte Y:", "ein Schreiben an X"), or two frames name two persons.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .. import lang
from ..lang import lazy, lazy_words
from .candidates import (
    CUES,
    PLURAL_VERB_ENDINGS,
    Candidate,
    Speaker,
    by_role,
    candidates_in,
    name_after_verb,
    named_after,
    owns_speaker,
    unknown_subject,
)
from .lexicon import (
    CLOSED_CLASS_WORDS,
    PREPOSITIONS,
    PRONOUNS,
    SPEECH_VERBS_EN,
    SPOKESPERSON,
    SUBJUNCTIVES,
)
from .names import NOT_NAMES
from .roles import is_role_word, role_before, role_stem
from .speakers import (
    NOT_AFTER_TITLE_AND_MARK,
    PERSON_NOUNS,
    Person,
    PersonIndex,
    sentence_start_of,
)

NO_ATTRIBUTION = "(no attribution)"  # speaker_after found no speech verb after the quote
# A speech verb, "„…“, so X", or a preposition of attribution ("laut X", "X zufolge").
_CUES = CUES
_PREPOSITIONS = lang.word_set("speech_verbs", "prepositions")
# "teilte … mit": verbs that report speech only with one of their particles later in the clause
_PARTICLES = {
    verb: frozenset(particles.split())
    for verb, particles in lang.mapping("speech_verbs", "particles").items()
}
# a clause that opens with an article and a noun (after an optional adverb: "Dann sagte …" is no
# such opening, as the noun must come first)
_OPENING_ROLE = lazy_words(
    r"\s*{}[ ]+([A-ZÄÖÜ][\w\-]+)\b",
    lang.words("attribution", "role_articles") + lang.words("attribution", "spokesperson_articles"),
)
_OWNER_FOLLOWS = lazy_words(
    r"[ ]+{}[ ]+(?:[a-zäöü][\w\-]*[ ]+){0,2}[A-ZÄÖÜ]", lang.words("attribution", "owner_links")
)
_INVERTING = (lang.word_set("speech_verbs", "inversion") | _PREPOSITIONS) - lang.word_set(
    "speech_verbs", "postpositions"
)
_INVERTED_REACH = 40  # characters after a speech verb in which its subject may follow it
# a reporting verb, or "Laut X" at a sentence start
_REPORTING = _CUES | lang.word_set("speech_verbs", "sentence_openers")
_WORD = lazy(r"[\wäöüÄÖÜß'’\-]+")
# a full stop ends the clause after a quote, but not the one of a title ("sagte Prof. Dr. X")
_SENTENCE_END = lazy(
    # every match is one of these characters, tested first: the engine then skips to them
    # rather than trying the lookbehinds at every position (the same matches as
    # `NOT_AFTER_TITLE[.!?](?=\s|$)|\n|(?<=[a-zäöüß]{2})\.(?=…)`)
    r"[.!?\n](?:(?<=\n)|(?<=[.!?])"
    + NOT_AFTER_TITLE_AND_MARK
    + r"(?=\s|$)"
    # "sagte der Papst.Der Bruder …": a missing space after a sentence's full stop
    + r"|(?<=[a-zäöüß]{2}\.)(?=[A-ZÄÖÜ][a-zäöüß]))"
)
_ENGLISH_SUBJECT_VERB = lazy(
    lang.fill(
        r"\s*,?\s*(?:{pronouns}|{organisations}|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}|{articles}\s+[\w\s'’-]{1,60}?)\s+"
        r"{verbs}\b",
        pronouns=lang.words("attribution", "subject_pronouns"),
        organisations=lang.words("organisations", "bare_speaking", among=("en",)),
        articles=lang.words("attribution", "subject_articles"),
        verbs=sorted(SPEECH_VERBS_EN),
    )
)
# "“…,” harbour master Linda Crane said." / "“…,” said fire chief Tom Hale.": lower-case role
# words right before a name, the speech verb after the name or before the role
_ENGLISH_ROLE_NAME = lazy(
    lang.fill(
        r"\s*,?\s*(?:(?:{verbs})\s+)?(?P<role>(?:[A-Z][a-z]+\s+)?(?:[a-z][\w'’-]*\s+){1,3})"
        r"(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})(?P<after>\s+(?:{verbs})\b)?",
        verbs=sorted(SPEECH_VERBS_EN),
    )
)
_ADVERBS = lang.word_set("attribution", "not_role_words", among=("en",)) - SPEECH_VERBS_EN
_ENGLISH_ROLE_APPOSITION = lazy(
    lang.fill(
        r",[ ]+(?:{articles})[ ]+(?P<role>[a-z][\w'’-]*(?:[ ]+[a-z][\w'’-]*){0,3})[ ]*,",
        articles=lang.words("attribution", "subject_articles", among=("en",)),
    )
)
_ENGLISH_ROLE_BEFORE = lazy(
    lang.fill(
        r"\b(?:{verbs})\s+(?:(?:{prepositions})\s+)?(?P<role>(?:[a-z][\w'’-]*\s+){1,3})$",
        verbs=sorted(SPEECH_VERBS_EN)
        + list(lang.words("speech_verbs", "sentence_openers", among=("en",))),
        prepositions=lang.words("prepositions", "words", among=("en",)),
    )
)
# "“…,” Price, the city's mayor, said." / "“…,” the group's chairman, Peter Walsh, said."
ENGLISH_APPOSITION = lazy(
    lang.fill(
        r"\s*,?\s*(?P<first>[^,;:!?]{1,60}?)\s*,\s*(?P<second>[^,;:!?]{1,60}?)\s*,\s*"
        r"(?:{verbs})\b",
        verbs=sorted(SPEECH_VERBS_EN),
    )
)
_DESCRIPTION_ARTICLES = lang.word_set("attribution", "subject_articles", among=("en",))
# a description opens with an article or a possessive ("the city's mayor", "his lawyer"), or
# names a role ("mayor of Springfield"; "Hale, however, said" has no description)
_DESCRIPTION_OPENERS = lang.word_set("descriptions", "person_openers", among=("en",))
_NOT_ENGLISH_ROLE = (
    lang.word_set("function_words", "words", among=("en",)) | SPEECH_VERBS_EN
) - _ADVERBS
# The word right after a quote: a speech verb ("sagte"), "so", or something else.
LEADING_WORD = lazy(r"\s*[,–—-]?\s*([\wäöü]+)")
_PASSIVE = lang.word_set("attribution", "passive_auxiliaries")
_QUOTED_BY = lang.word_set("attribution", "quoted_verbs")
# "„…“, wie X sagte": a comparative conjunction that opens the attribution after a quote
_AS_REPORTED = lang.word_set("attribution", "as_reported")
_IMPERSONAL = lang.word_set("attribution", "impersonal_verbs")
_ZITIERT = lazy_words(r"\b{}\b", lang.words("attribution", "quoted_participles"))
_OPINION_MARKER = lazy(
    lang.fill(
        r"\b{leads} (?:{articles} )?{nouns} {links}\b",
        leads=lang.words("attribution", "opinion_leads"),
        articles=lang.words("attribution", "opinion_articles"),
        nouns=lang.words("attribution", "opinion_nouns"),
        links=lang.words("attribution", "opinion_links"),
    )
)
_SENTENCE_MARK = lazy(r"[.!?\n]")
_RELATIVE_OPENING = lazy_words(r",[ ]+(?:{})\b", lang.words("clauses", "relative_starts"))
# a quote that is a sentence of its own: its end mark inside or right after the closing mark
_OWN_SENTENCE_END = lazy(r"[.!?][“”\"«»]|.[“”\"«»][ ]*(?:[.!?]|\n|$)")
_LATER_CUE = lazy(r",[ ]*([\wäöü]+)(?=[ ])")
_NEXT_QUOTE = lazy(r"[,:]\s*[„»“\"]")
# ", der gesagt hatte", ", who had said": a relative pronoun, then the clause's lower-case words
_RELATIVE_CLAUSE = lazy_words(
    r",[ ]+{}[ ]+(?=[a-zäöü])", lang.words("clauses", "relative_pronouns")
)
_PARTICIPLES = lang.word_set("speech_verbs", "participles")
_SUBJECT_PRONOUN = lazy_words(r"[ ]*({})\b", list(PRONOUNS))
_PLURAL_PAST = tuple(lang.words("attribution", "plural_past_endings"))
_SUBJECT_NOUN = lazy(
    lang.fill(
        r"\b{masculine}[ ]+(?:[a-zäöü][\w\-]*[ ]+){0,2}([A-ZÄÖÜ][\w\-]+)\b(?<!in)"
        r"|\b{feminine}[ ]+(?:[a-zäöü][\w\-]*[ ]+){0,2}([A-ZÄÖÜ][\w\-]*in)\b",
        masculine=lang.words("descriptions", "subject_articles_masculine"),
        feminine=lang.words("descriptions", "subject_articles_feminine"),
    )
)
_SUBORDINATORS = (
    lang.word_set("clauses", "conjunctions")
    | lang.word_set("clauses", "temporal_conjunctions")
    | lang.word_set("attribution", "fronted_openers")
)
_ADDRESSEE = lang.word_set("attribution", "addressee_prepositions")
_ENGLISH_UNNAMED = lazy_words(
    r"\s*{}\s+(?:[a-z][\w-]*\s+)?([a-z][\w-]*)", lang.words("attribution", "unnamed_articles")
)
_SPOKES_EN_NOUNS = lang.word_set("spokesperson", "nouns", among=("en",))
_FRONTED_OPENERS = _SUBORDINATORS | PREPOSITIONS
_COMMA_VERB = lazy(r",[ ]*([\wäöü]+)")
_OPENING_WORD = lazy(r"\s*([\wäöüÄÖÜß'’\-]+)")  # a clause's first word
_ENGLISH_VERBS = tuple(sorted(SPEECH_VERBS_EN))  # for a substring test before the patterns
_ROLE_OR_PARTY = lazy(r"[ ]*(?:\([^()]{1,30}\))?[ ]*")  # "Hans Rot (SPD), der …"


def speaker_after(text: str, end: int, index: PersonIndex) -> Speaker | None:
    """`„…“, sagte X.` — the attribution right after a quote, up to the end of its clause.

    NO_ATTRIBUTION when no speech verb follows; None when one does but names nobody we can tell
    ("sagte der Student"): then the quote has no speaker rather than a guessed one.
    """
    clause = _clause_after(text, end)
    match = LEADING_WORD.match(clause)
    if not match:
        return NO_ATTRIBUTION
    verb = match.group(1)
    rest_start = end + match.end()
    rest = text[rest_start : end + len(clause)]
    if verb in _AS_REPORTED:
        return _as_reported(text, rest_start, rest, index)
    quoted = _ZITIERT.search(rest) if verb in _PASSIVE else None
    if quoted:
        # "„…“ wird der Franzose in der Zeitung Y zitiert": a named person, else look before
        found = _choose(text, rest_start, end + len(clause), index, verb=quoted.group(0))
        return found if found is not None else NO_ATTRIBUTION
    if not _with_particle(verb, rest):
        return NO_ATTRIBUTION  # "„…“ wahre, teilt X nicht": no speech without "mit"
    if verb not in _CUES and verb not in _IMPERSONAL:
        # English puts the speaker first: "“…,” he told reporters." / "“…,” Peters said."
        if not any(v in clause for v in _ENGLISH_VERBS):
            return NO_ATTRIBUTION  # each of the three English shapes below needs such a verb
        apposition = _english_apposition(text, end, clause, index)
        if apposition is not NO_ATTRIBUTION:
            return apposition
        inverted = _ENGLISH_SUBJECT_VERB.match(clause)
        if inverted:
            return _choose(text, end, end + len(clause), index)
        return _english_role_and_name(text, end, clause, index)
    if _unresolved_subject(text, rest_start, end + len(clause), index):
        return None  # "„…“, sagte ein Mann, der X kennt": that man, not X
    pronoun = _SUBJECT_PRONOUN.match(text, rest_start)
    if pronoun:  # "„…“, entgegnete er Minister X": he, whoever he is, and not X
        return index.pronoun(PRONOUNS[pronoun.group(1)], rest_start)
    if verb in SPEECH_VERBS_EN:
        with_role = _english_role_and_name(text, end, clause, index)
        if isinstance(with_role, Person):
            return with_role
        unnamed = _ENGLISH_UNNAMED.match(text, rest_start)
        if unnamed and unnamed.group(1) not in _SPOKES_EN_NOUNS:
            return None  # "said a woman who met Hale": that woman
    # "„…“, laut X", "according to X": the preposition's object is the speaker
    by_preposition = verb in _PREPOSITIONS
    return _choose(
        text, rest_start, end + len(clause), index, verb=verb, subjects_only=not by_preposition
    )


def _as_reported(text: str, start: int, rest: str, index: PersonIndex) -> Speaker | None:
    """ "„…“, wie Hoyzer von Spiegel-Online zitiert wird", "„…“, wie die Ministerin sagte": the
    subject of the comparative clause with the verb of speech that ends it (a medium quoting is
    not the speaker); without such a verb ("wie er genannt wird") no attribution."""
    cues = [m for m in _WORD.finditer(rest) if m.group(0) in _CUES or m.group(0) in _QUOTED_BY]
    if not cues:
        return NO_ATTRIBUTION
    cue = cues[-1]
    found = _choose(text, start, start + cue.start(), index, verb=cue.group(0))
    return found if found is not None else NO_ATTRIBUTION


def _english_role_and_name(text: str, end: int, clause: str, index: PersonIndex) -> Speaker | None:
    """ "“…,” harbour master Linda Crane said." / "“…,” said fire chief Tom Hale.": the person
    named right after lower-case role words, with those words as role when none is known. Only a
    name the article knows as a person counts (precision first), and a speech verb must stand
    before the role or after the name."""
    match = _ENGLISH_ROLE_NAME.match(clause)
    if not match:
        return NO_ATTRIBUTION
    said_before = match.group(0).lstrip(" ,").split()[0] in SPEECH_VERBS_EN
    if not (said_before or match.group("after")):
        return NO_ATTRIBUTION
    words = match.group("role").split()
    if any(w in _NOT_ENGLISH_ROLE for w in words):
        return NO_ATTRIBUTION  # "residents told Tom Tarr", "the mayor and Tom Tarr said"
    # "then Tom Tarr said", "Then Tom Tarr said": no role
    role_words = [w for w in words if w.lower() not in _ADVERBS]
    name_at = end + match.start("name")
    named = [
        m for m in index.mentions_between(name_at, name_at + 1) if m.end <= end + match.end("name")
    ]
    if not named:
        return NO_ATTRIBUTION
    person = named[0].person
    if person.role or not role_words:
        return person
    return replace(person, role=" ".join(role_words))


def english_role_before(text: str, position: int) -> str | None:
    """ "said harbour master Linda Crane", "according to council leader Anna Berg": the lower-case
    role words between a speech verb (and its preposition) and the name at `position`."""
    match = _ENGLISH_ROLE_BEFORE.search(text, max(0, position - 80), position)
    if not match:
        return None
    words = [w for w in match.group("role").split() if w not in _ADVERBS]
    if not words or any(w in _NOT_ENGLISH_ROLE for w in words):
        return None
    return " ".join(words)


def english_apposition_role(text: str, end: int) -> str | None:
    """ "Dr. Samuel Okafor, the hospital's medical director, said": the description in commas
    right after the name that ends at `end`, when a role noun ends it."""
    match = _ENGLISH_ROLE_APPOSITION.match(text, end)
    if not match or role_stem(match.group("role").split()[-1]) is None:
        return None
    return match.group("role")


def _english_apposition(text: str, end: int, clause: str, index: PersonIndex) -> Speaker | None:
    """ "“…,” Price, the city's mayor, said." / "“…,” the chair of the judges, Alan Reid, said.":
    a name and a description set off by commas, then the speech verb: the person the article
    knows by that name, with the description as role when none is known. NO_ATTRIBUTION when
    the clause has not that shape or no part of it is a known name."""
    match = ENGLISH_APPOSITION.match(clause)
    if not match:
        return NO_ATTRIBUTION
    for named, described in (("first", "second"), ("second", "first")):
        start, stop = end + match.start(named), end + match.end(named)
        mentions = [m for m in index.mentions_between(start, stop) if m.end == stop]
        description = match.group(described).split()
        if mentions and all(w in _ADVERBS for w in description):
            return mentions[-1].person  # "Hale, however, said": an adverb in commas, no role
        if not mentions or not _is_description(description):
            continue
        if not text[start : mentions[-1].position].istitle() and start != mentions[-1].position:
            continue  # only a title may stand before the name: "Professor Alan Reid"
        person = mentions[-1].person
        if description[0] in _DESCRIPTION_ARTICLES:
            description = description[1:]
        if person.role or not description:
            return person
        return replace(person, role=" ".join(description))
    return NO_ATTRIBUTION


def _is_description(words: list[str]) -> bool:
    if words[0] in _DESCRIPTION_OPENERS:
        return True
    return words[0][:1].islower() and any(role_stem(w.lower()) is not None for w in words)


@lru_cache(maxsize=256)  # asked first whether a quote continues an earlier one, then again
def speaker_before(text: str, start: int, index: PersonIndex) -> Speaker | None:
    """`Macron stellte klar: „…“` — the clause before a colon (or a bare `Sie fügte hinzu.`)."""
    head = text[max(0, start - 300) : start].rstrip()
    if not (head.endswith(":") or (head.endswith(".") and _bare_speech_sentence(head[:-1]))):
        return None
    clause_end = max(0, start - 300) + len(head) - 1
    clause_start = sentence_start_of(text, clause_end)
    # "Die EU kritisierte das Gesetz: So sagte X: „…“": only the last frame before the quote
    clause_start += text[clause_start:clause_end].rfind(":") + 1
    clause_start = _main_clause_start(text, clause_start, clause_end)
    relative = _relative_clause_speaker(text, clause_start, clause_end, index)
    if relative is not NO_ATTRIBUTION:
        return relative
    quoting = _quoted_person(text, clause_start, clause_end, index)
    if quoting is not NO_ATTRIBUTION:
        return quoting
    if _unnamed_subject_in(text, clause_start, clause_end, index):
        return None  # "Laut X hat der Bürgermeister gesagt:": the Bürgermeister, whoever he is
    if _plural_past(text, clause_start, clause_end):
        return None  # "X und Y erklärten gemeinsam:": both, not the first of them
    if _unresolved_subject(text, clause_start, clause_end, index):
        return None  # "Der Ermittler, der …, will …: „…“" — not any other name in the clause
    candidates = candidates_in(text, clause_start, clause_end, index)  # asked for once, used twice
    if _rival_subjects(text, clause_start, clause_end, candidates):
        return None  # "A wies das zurück, B erklärte: „…“": whose words these are is a guess
    return _choose(text, clause_start, clause_end, index, found=candidates)


def _relative_clause_speaker(text: str, start: int, end: int, index: PersonIndex) -> Speaker | None:
    """ "X lobte Y, der gesagt hatte: „…“", "…, who had said: “…”": the speech verb stands in a
    relative clause, so the speaker is what that clause describes: the person named right before
    its comma, else nobody. NO_ATTRIBUTION when the frame's speech verb is not in such a clause
    ("Y, der das Amt seit 2010 führt, sagte:")."""
    relatives = list(_RELATIVE_CLAUSE.finditer(text, start, end))
    if not relatives:
        return NO_ATTRIBUTION
    comma = relatives[-1].start()
    rest = text[relatives[-1].end() : end]
    if "," in rest or (not _has_speech_verb(rest) and _PARTICIPLES.isdisjoint(rest.split())):
        return NO_ATTRIBUTION
    named = [m for m in index.mentions_between(start, comma) if m.end <= comma]
    if named and _ROLE_OR_PARTY.fullmatch(text[named[-1].end : comma]):
        return named[-1].person
    return None


def _main_clause_start(text: str, start: int, end: int) -> int:
    """ "Nachdem X gesprochen hatte, sagte Y:", "Auf die Frage, ob X …, sagte Y:": a frame that
    opens with a subordinate clause or a phrase, whose comma a speech verb follows, has its
    speaker in the main clause after that comma ("Y, der das Amt führt, sagte:" opens with Y)."""
    opener = _OPENING_WORD.match(text, start, end)
    if not opener or opener.group(1).lower() not in _FRONTED_OPENERS:
        return start
    commas = list(_COMMA_VERB.finditer(text, start, end))
    verbs = [m for m in commas if m.group(1) in _CUES]
    verb = _WORD.match(text, end)
    if not verbs and verb and verb.group(0) not in SPEECH_VERBS_EN:
        return start  # "Wie X, der …, dazu feststellt,": the German verb ends the clause it is in
    # German puts the verb right after the fronted clause's comma; English its subject
    after = verbs[-1] if verbs else commas[0] if commas else None
    return after.start() + 1 if after else start


def _unnamed_subject_in(text: str, start: int, end: int, index: PersonIndex) -> bool:
    """A person nobody named stands in the frame in the nominative, after no preposition: a role
    or person noun that no name follows, no apposition names and no role of the article fits."""
    for match in _SUBJECT_NOUN.finditer(text, start, end):
        noun = match.group(1) or match.group(2)
        if not (is_role_word(noun) or noun in PERSON_NOUNS) or SPOKESPERSON.match(noun):
            continue  # a spokesperson speaks for whom they are named with
        before = text[max(start, match.start() - 20) : match.start()].split()[-1:]
        if before and before[0].strip(",").lower() in PREPOSITIONS:
            continue  # "mit der Ministerin", "für den Trainer"
        if _role_of_next_name(text, match, index):
            continue  # "der Minister Hans Rot", "Der Abgeordnete und Fraktionschef Hans Rot"
        if _OWNER_FOLLOWS.match(text, match.end(), end):
            continue  # "Der Einsatzleiter der Polizei": the owner speaks
        if _after_name(text, start, match.start(), index):
            continue  # "Günther Platter, der Verteidigungsminister Österreichs,"
        if named_after(index, text, match.end()) or by_role(index, "", noun, match.start()):
            continue
        return True
    return False


def _role_of_next_name(text: str, match: re.Match[str], index: PersonIndex) -> bool:
    """The noun is (part of) the role right before the next name."""
    following = index.mentions_between(match.end(), match.end() + 60)
    if not following:
        return False
    if following[0].position <= match.end() + 2:
        return True
    role = role_before(text, following[0].position)
    if not role:
        return False
    noun_at = match.start(1) if match.group(1) else match.start(2)
    return len(text[noun_at : following[0].position].split()) <= len(role.split())


def _after_name(text: str, start: int, position: int, index: PersonIndex) -> bool:
    """An apposition: a name and its comma stand right before `position`."""
    named = [m for m in index.mentions_between(start, position) if m.end <= position]
    return bool(named) and text[named[-1].end : position].strip() == ","


def _plural_past(text: str, start: int, end: int) -> bool:
    """The frame's speech verb is a plural in the past ("erklärten", "sagten"): a group speaks
    (a plural in the present may be an infinitive: "Er wollte nur eines sagen:")."""
    verbs = [w for w in _WORD.findall(text[start:end]) if w in _CUES]
    return bool(verbs) and verbs[-1].endswith(_PLURAL_PAST) and verbs[-1] not in SPEECH_VERBS_EN


def _quoted_person(text: str, start: int, end: int, index: PersonIndex) -> Speaker | None:
    """ "X zitierte Y mit den Worten:", "Die Agentur zitiert Y:": the one quoted speaks, the one
    quoting does not; nobody when no known person is quoted ("X zitierte Goethe:").
    NO_ATTRIBUTION when the frame quotes no one, or in the passive ("Y wird … zitiert:")."""
    words = _WORD.findall(text[start:end])
    quoting = [w for w in words if w in _QUOTED_BY]
    if not quoting or not _PASSIVE.isdisjoint(words):
        return NO_ATTRIBUTION
    verb_at = text.find(quoting[-1], start, end) + len(quoting[-1])
    quoted = index.mentions_between(verb_at, end)
    return quoted[0].person if quoted else None


def _rival_subjects(text: str, start: int, end: int, candidates: list[Candidate]) -> bool:
    """Two different persons stand as subjects in one frame before a colon (two clauses joined
    by a comma): the first is no safer a speaker than the last, so precision first names neither.
    `candidates` are those of the frame (candidates_in between start and end)."""
    if text.find(",", start, end) < 0:
        return False  # one clause: its subject is the speaker
    subjects = {
        c.speaker.name
        for c in candidates
        # a role word taken for a surname ("Herr Präsident") is no rival of the name it describes
        if c.subject and isinstance(c.speaker, Person) and not is_role_word(c.speaker.surname)
    }
    return len(subjects) > 1


def _unresolved_subject(text: str, start: int, end: int, index: PersonIndex) -> bool:
    """The clause opens with a role noun as its subject ("Der Ermittler", "Ein Kommentator") that
    names nobody known: the speaker is that unknown person."""
    match = _OPENING_ROLE.match(text, start, end)
    if not match or not (is_role_word(match.group(1)) or match.group(1) in PERSON_NOUNS):
        return False
    if _OWNER_FOLLOWS.match(text, match.end(1), end):
        return False  # "Der Einsatzleiter der Polizei", "Ein Sprecher von Tesla": the owner speaks
    at = match.start(1)
    noun_end = match.end(1)
    if index.mentions_between(noun_end, noun_end + 2):
        return False  # "Der GdP-Vorsitzende Konrad Freiberg": the name follows the role
    named = named_after(index, text, noun_end) or by_role(index, "", match.group(1), at)
    spokes = SPOKESPERSON.match(match.group(1))
    return named is None and not (spokes and spokes.group(1))


def speaker_in_sentence(text: str, start: int, index: PersonIndex) -> Speaker | None:
    """For a quote inside a sentence: the subject of the reporting verb before it."""
    sentence_start = sentence_start_of(text, start)
    before = text[sentence_start:start]
    words = _WORD.findall(before)  # the words alone first: set tests in C, no match objects
    if not _REPORTING.isdisjoint(words):
        verbs = [m for m in _WORD.finditer(before) if m.group(0) in _REPORTING]
        verb_at = sentence_start + verbs[-1].start()
        cue = verbs[-1].group(0)
        if cue.lower() in _INVERTING:  # "…, so Gall, „…“", "laut X „…“": X follows, or nobody
            cue_end = verb_at + len(cue)
            return _choose(text, cue_end, start, index, verb=cue, subjects_only=False)
        if cue.endswith(PLURAL_VERB_ENDINGS) and cue not in SPEECH_VERBS_EN:
            return None  # "X und der Bürgermeister sagten, …": several speak
        # "Während X schwieg, nannte der Bürgermeister …": the main clause after the comma
        clause_start = _main_clause_start(text, sentence_start, verb_at)
        found = _choose(text, clause_start, verb_at, index, nearest=True)
        # "sagte X, es müsse …": the subject right after the verb; a name further on is what
        # was said ("heißt es, der Preis gehe an X, „…“"), a pronoun there one of its words
        verb_end = verb_at + len(verbs[-1].group(0))
        reach = text[verb_end : min(start, verb_end + _INVERTED_REACH)]
        comma = reach.find(",")  # ", dass sie …": the subordinate clause's subject is no speaker
        subject_end = verb_end + (comma if comma >= 0 else len(reach))
        if _unnamed_subject_in(text, clause_start, subject_end, index):
            return None  # "Der Bürgermeister kritisierte X und nannte …": the Bürgermeister
        if found or (comma < 0 and cue in SPEECH_VERBS_EN):
            # "The spokesman said Tom Hale “…”": English puts no subject after the verb here
            # (German does: "Am Montag sagte X dazu, …"), so the name begins what was said
            return found
        reach_end = verb_end + (comma if comma >= 0 else len(reach))
        return (
            found
            or _choose(text, verb_at, reach_end, index)
            # "Pérez hoffte, dass „…“": a name nobody introduced, opening the sentence
            or unknown_subject(text, sentence_start, verb_end)
        )
    marker = _OPINION_MARKER.search(before)
    if marker:  # "Nach Angaben der Stadt sind „…“": whose statement the marker names
        after = sentence_start + marker.start()
        return _choose(text, after, min(start, after + 100), index, subjects_only=False)
    if not SUBJUNCTIVES.isdisjoint(words):
        return _choose(text, sentence_start, start, index)
    return None


def speaker_later_in_sentence(text: str, end: int, index: PersonIndex) -> Speaker | None:
    """ "Der Iran müsse „…“ beenden, so Rice.": for a quote inside a sentence, an attribution
    after a comma later in the same sentence."""
    tail = text[end : end + 240]
    stop = _SENTENCE_END.search(tail)
    tail = tail[: stop.start()] if stop else tail
    tail = tail.split(":", 1)[0]  # "…, doch die Richterin ließ sich nicht ein: …, so X": hers
    cues = [
        m
        for m in _LATER_CUE.finditer(tail)
        if m.group(1) in _CUES and _with_particle(m.group(1), tail[m.end() :])
    ]
    if not cues or _NEXT_QUOTE.search(tail, cues[-1].end()):
        return None
    cue = cues[-1]
    return _choose(text, end + cue.end(), end + len(tail), index, verb=cue.group(1))


def _with_particle(verb: str, clause: str) -> bool:
    """The verb is complete as a verb of speech: it needs no particle, or one follows it."""
    particles = _PARTICLES.get(verb)
    return particles is None or not particles.isdisjoint(_WORD.findall(clause))


def reporting_subject(text: str, start: int, index: PersonIndex) -> Speaker | None:
    """The speaker of the sentence before `start` when it reports speech (for `Es drohe „…“`)."""
    previous_end = sentence_start_of(text, start)
    if previous_end <= 0 or "\n" in text[max(0, previous_end - 2) : previous_end]:
        return None
    previous_start = sentence_start_of(text, max(0, previous_end - 2))
    sentence = text[previous_start:previous_end]
    if not _has_speech_verb(sentence):
        return None
    return _choose(text, previous_start, previous_end, index)


def lead_in_subject(text: str, start: int, end: int, index: PersonIndex) -> Person | None:
    """ "Khan verurteilte die Haltung der Regierung. „…“" — a quote standing as a sentence of its
    own, with no cue, right after a sentence of the same paragraph whose subject is a person and
    that names nobody else: the news writer's lead-in to that person's words."""
    if not _OWN_SENTENCE_END.match(text, end - 2):
        return None  # „…“ wie Spielberg ausübten: the sentence goes on, the reporter's own
    head = text[max(0, start - 40) : start]
    previous_end = start - (len(head) - len(head.rstrip()))
    if text[previous_end - 1 : previous_end] not in (".", "!", "?"):
        return None
    if "\n" in text[previous_end:start]:
        return None  # the quote opens a paragraph: a new frame
    previous_start = sentence_start_of(text, previous_end - 1)
    named = [m for m in index.mentions_between(previous_start, previous_end) if not m.quoted]
    persons = {m.person for m in named}
    if len(persons) != 1 or not any(m.subject for m in named):
        return None
    sentence = text[previous_start:previous_end]
    if any(mark in sentence for mark in '„“"»«'):
        return None  # a quote of its own there: its cue is not this quote's
    return named[0].person


def opinion_holder(text: str, start: int, index: PersonIndex) -> Speaker | None:
    """ "Nach Ansicht von X ist … . „…“" — the holder of the opinion in the sentence before."""
    previous_end = sentence_start_of(text, start)
    previous_start = sentence_start_of(text, max(0, previous_end - 2))
    sentence = text[previous_start:previous_end]
    marker = _OPINION_MARKER.search(sentence)
    if not marker:
        return None
    after = previous_start + marker.end()
    mentions = index.mentions_between(after, after + 80)
    return mentions[0].person if mentions else None


def _choose(
    text: str,
    start: int,
    end: int,
    index: PersonIndex,
    *,
    verb: str | None = None,
    subjects_only: bool = True,
    nearest: bool = False,
    found: list[Candidate] | None = None,
) -> Speaker | None:
    """The speaker named between start and end: the subject first, a person before a medium
    (`found`: the candidates there, when the caller has them already)."""
    if found is None:
        found = candidates_in(text, start, end, index)
    candidates = sorted(found, key=lambda c: c.position)
    if not candidates:
        return unknown_subject(text, start, end) or (
            name_after_verb(text, start, end) if verb and verb not in _IMPERSONAL else None
        )
    if verb in _QUOTED_BY:
        persons = [c for c in candidates if c.person]
        return persons[0].speaker if persons else None  # the medium quoting is not the speaker
    if verb in _IMPERSONAL:
        # "heißt es in einer Mitteilung von X", but not "… in einem Schreiben an X"
        speaking = [c for c in candidates if not _addressed(text, start, c.position)]
        return speaking[0].speaker if speaking else None
    if nearest:
        # "Wie X, der als Begleitung des Y …, feststellt": never a name inside X's relative
        # clause or apposition
        candidates = [
            c
            for c in candidates
            if not _in_relative_clause(text, start, c.position)
            and not _in_apposition(text, start, c.position, index)
        ]
        if not candidates:
            return None
    subjects = [c for c in candidates if c.subject]
    if nearest and subjects:
        return subjects[-1].speaker
    if nearest and candidates[-1].person and _subordinate(text, start):
        # "während Berg erklärte": in a subordinate clause the name right before the verb
        at = candidates[-1].position
        named = index.mentions_between(at, at + 1)
        if named and not text[named[0].end : end].strip():
            return named[0].person
    if subjects:
        return subjects[0].speaker
    # A name after a preposition or in the genitive ("zu der von der EU vorgebrachten Forderung")
    # is what the speaker talks about, not who speaks, unless it owns the role or the frame that
    # speaks ("der Einsatzleiter der Polizei", "Nach Auffassung des Vorsitzenden X").
    first = candidates[0]
    if subjects_only and not owns_speaker(text, start, first.position, person=first.person):
        return None
    return candidates[0].speaker


def _addressed(text: str, start: int, position: int) -> bool:
    """The candidate at `position` is whom something is addressed to ("an den Minister X")."""
    words = text[max(start, position - 40) : position].split()[-3:]
    return any(w.lower() in _ADDRESSEE for w in words)


def _in_relative_clause(text: str, start: int, position: int) -> bool:
    """The position stands in a relative clause (", der als Begleitung des Y …,") not yet closed."""
    # a role noun found with its relative pronoun ("der als Begleiter") stands right after it
    opened = [
        m for m in _RELATIVE_OPENING.finditer(text, start, position + 4) if m.start() < position
    ]
    return bool(opened) and "," not in text[opened[-1].end() : position]


def _in_apposition(text: str, start: int, position: int, index: PersonIndex) -> bool:
    """The position stands in the apposition of a person named as a subject before it ("Anna
    Berg, the council leader, said"), not yet closed by its second comma."""
    for mention in index.mentions_between(start, position):
        between = text[mention.end : position]
        if mention.subject and between.startswith(",") and "," not in between[1:]:
            return True  # not after a genitive: "Der Doktorvater Guttenbergs, Peter Häberle,"
    return False


def _subordinate(text: str, start: int) -> bool:
    """The clause at `start` opens with a subordinating conjunction ("Während", "Als", "Wie")."""
    opener = _OPENING_WORD.match(text, start)
    return opener is not None and opener.group(1).lower() in _SUBORDINATORS


def _bare_speech_sentence(head: str) -> bool:
    """ "Sie fügte hinzu" — a sentence of a few words that only says someone speaks."""
    last = _SENTENCE_MARK.split(head[-80:])[-1]
    return len(last.split()) <= 5 and _has_speech_verb(last)


def _has_speech_verb(text: str) -> bool:
    return not _CUES.isdisjoint(_WORD.findall(text))


def _clause_after(text: str, end: int) -> str:
    tail = text[end : end + 240]
    stop = _SENTENCE_END.search(tail)
    cut = stop.start() if stop else len(tail)
    opener = _NEXT_QUOTE.search(tail[:cut])  # the next quote begins
    return tail[: opener.start()] if opener else tail[:cut]


def reports_speech(words: str) -> bool:
    """A verb of speech (or "so", "laut") among the words."""
    return _has_speech_verb(words)


def word_before_reporting_verb(words: str) -> str | None:
    """ "Während Shakira erklärte, …" → "Shakira": the capitalised word right before the last
    verb of speech, when it may be a name (no sentence opener, article or function word)."""
    tokens = _WORD.findall(words)
    verbs = [i for i, w in enumerate(tokens) if w in _CUES]
    if not verbs or verbs[-1] == 0:
        return None
    word = tokens[verbs[-1] - 1]
    if not word[:1].isupper() or word in NOT_NAMES or word.lower() in CLOSED_CLASS_WORDS:
        return None
    return word


def in_subjunctive(words: str) -> bool:
    """A form of indirect speech among the words ("sei", "habe", "werde")."""
    return not SUBJUNCTIVES.isdisjoint(_WORD.findall(words))
