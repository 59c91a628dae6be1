"""Candidates: who in a phrase may have said a quote, for attribution.py to choose from.

Persons named there (full name, surname, alias), pronouns (the nearest fitting person), possessives
("Seine Begründung"), role nouns ("die Kanzlerin", resolved only when one person holds the role;
"der Trainer der Frankfurter, Michael Skibbe": the apposition names him), descriptions ("die
58-Jährige" when the age was given beside the person, "die SPD-Politikerin"), spokespersons ("ein
Sprecher des Finanzministeriums" → Finanzministerium) and organisations ("die Polizei"); each with
where it stands and whether it is a clause's subject. Also the names nobody introduced that may
still speak: "Readers Edition spekuliert:", "„…“, sagte Trotnow später".
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import lang
from ..lang import lazy, lazy_words
from .lexicon import (
    ORGANISATION_SUFFIXES,
    POSSESSIVES,
    PRONOUNS,
    RELATIONS,
    SPEECH_VERBS,
    SPOKESPERSON,
    VERB_HINTS,
)
from .names import NOT_NAME_ENDS, NOT_NAMES, NOUN_ENDINGS, name_shaped
from .roles import is_role_word, nominative
from .speakers import MEDIA_NOUNS, Person, PersonIndex, is_subject

Speaker = Person | str
_POSSESSIVE_OPENING = lazy(r"\s*(\w+)[ ]+([A-ZÄÖÜ][\w\-]*)")
# A speech verb, "„…“, so X", or a preposition of attribution ("laut X", "X zufolge").
CUES = (
    SPEECH_VERBS
    | lang.word_set("speech_verbs", "inversion")
    | lang.word_set("speech_verbs", "prepositions")
)

_MASCULINE = lang.word_set("descriptions", "masculine_articles")


# "der 58-Jährige": an article, then an age as a noun
_AGE = lazy(
    lang.fill(
        r"\b({articles})[ ]+(?:{age})\b",
        articles=lang.words("descriptions", "masculine_articles")
        + lang.words("descriptions", "feminine_articles"),
    ).replace("{age}", "|".join(lang.words("descriptions", "age")))
)


# what every age noun contains ("58-Jährige"): a substring test before the pattern's scan
_AGE_HINT = "ährige"


_ADVERB_ENDINGS = lang.words("not_names", "adverb_endings")


_SUBORDINATING = lang.word_set("clauses", "conjunctions") | lang.word_set(
    "clauses", "temporal_conjunctions"
)


_APPOSITION_REACH = 60  # characters after a role noun in which an apposition may name the person


# "die Polizei", "The … police": a definite article, up to two adjectives, then the organisation.
_ORG = lazy(
    lang.fill(
        r"\b{articles}[ ]+(?:[a-zäöü][\w\-]*[ ]+){0,2}((?:[A-ZÄÖÜ][\w\-]*[ ]+)?[A-ZÄÖÜ][\w\-]*)"
        r"|\b{speaking_articles}[ ]+((?:[\w\-]+[ ]+)?{speaking})\b",
        articles=lang.words("attribution", "organisation_articles"),
        speaking_articles=lang.words("attribution", "speaking_articles"),
        speaking=lang.words("organisations", "speaking"),
    )
)


_ROLE_NOUN = lazy(
    lang.fill(
        r"\b{articles}[ ]+((?:[a-zäöü0-9][\w\-]*[ ]+){0,2})([A-ZÄÖÜ][\w\-]+)",
        articles=lang.words("attribution", "role_articles"),
    )
)


_ROLE_NOUN_LOWER = lazy(
    lang.fill(
        r"\b{articles}[ ]+((?:[a-z][\w\-]*\b[ ]*){1,3})",
        articles=lang.words("attribution", "role_articles_lower_case"),
    )
)


def _lower_case_role(index: PersonIndex, words: list[str], position: int) -> Person | None:
    """ "the health minister said": the first role noun among the words, those before it its
    adjectives."""
    for i, word in enumerate(words):
        if is_role_word(word.capitalize()):
            return by_role(index, " ".join(words[:i]), word.capitalize(), position)
    return None


# "ein Sprecher des Finanzministeriums", "der Porschesprecher" (German: the noun as a compound's end)
_SPOKES_NOUNS = lang.words("spokesperson", "nouns", among=("de",))


_SPOKES = lazy(
    lang.fill(
        r"\b{articles}[ ]+((?:[\w\-]+-)?\w*{nouns})\b(?:[ ]+{links}[ ]+((?:[A-ZÄÖÜ][\w\-]*[ ]*){1,3}))?",
        articles=lang.words("attribution", "spokesperson_articles", among=("de",)),
        nouns=_SPOKES_NOUNS + tuple(n.lower() for n in _SPOKES_NOUNS),
        links=lang.words("attribution", "spokesperson_links", among=("de",)),
    )
)


# Both spokesperson patterns need their noun; a substring test first saves their backtracking.
_SPOKES_HINTS = tuple({n[1:].lower() for n in _SPOKES_NOUNS})


_SPOKES_EN_NOUNS = lang.words("spokesperson", "nouns", among=("en",))


_SPOKES_EN = lazy(
    lang.fill(
        r"\b{articles}\s+{nouns}\s+{links}\s+(?:the\s+)?([\w'’ -]{2,40}?)(?=\s+{verbs}|[,.]|$)",
        articles=lang.words("attribution", "spokesperson_articles", among=("en",)),
        nouns=_SPOKES_EN_NOUNS,
        links=lang.words("attribution", "spokesperson_links", among=("en",)),
        verbs=lang.words("speech_verbs", "after_spokesperson"),
    )
)


# "“…,” police said", "said police": an organisation that speaks without article or name
_BARE_ORGS_EN = lang.words("organisations", "bare_speaking", among=("en",))
_AFTER_SPOKESPERSON_EN = lang.words("speech_verbs", "after_spokesperson", among=("en",))
_TELLS = lang.word_set("speech_verbs", "addressing", among=("en",))
_BARE_ORG_EN = lazy(
    lang.fill(
        "(?:"
        + "|".join(rf"(?<=\b{re.escape(v)} )" for v in _AFTER_SPOKESPERSON_EN if v not in _TELLS)
        + ")"
        r"({orgs})\b|\b({orgs})(?=[ ]+{verbs}\b)",
        verbs=_AFTER_SPOKESPERSON_EN,
        orgs=_BARE_ORGS_EN,
    )
)
# "a spokesman for the police": a lower-case owner speaks only when it is one of these ("a
# spokesperson for the health trust" names no one a reader could tell)
_SPEAKING_EN = lang.word_set("organisations", "speaking", among=("en",))


_PRONOUN = lazy_words(r"\b({})\b", [*PRONOUNS, *(p.capitalize() for p in PRONOUNS)])


_POSSESSIVE_PHRASE = lazy(r"\s*(\w+)\s+[A-ZÄÖÜ]\w*\s*(?:\w+\s+\w+\s*)?$")


# one to three capitalised words, then the clause ends or goes on in lower case
_NAME_AFTER_VERB = lazy_words(
    r"[ ]*(?:{}[ ]+)*((?:[A-ZÄÖÜ][\w'’\-]+)(?:[ ][A-ZÄÖÜ][\w'’\-]+){0,2})(?=[ ]*(?:[,.;:!?]|$)|[ ]+[a-zäöü])",
    lang.words("titles", "academic"),
)


_NAME_BEFORE_VERB = lazy(r"\s*((?:[A-ZÄÖÜ][\w'’\-]+[ ]){1,3})([a-zäöü]+)\b")


class Candidate(NamedTuple):
    """Something in an attribution phrase that may have said the quote."""

    speaker: Speaker
    position: int
    subject: bool
    person: bool


_FRAME_NOUNS = lang.word_set("attribution", "frame_nouns")


_OWNED = lazy_words(
    # the link may be the candidate's own first word ("der Polizei" is found with its article)
    # and adjectives only between ("der Chef der örtlichen Polizei"), no verb or preposition
    r"([A-ZÄÖÜ][\w\-]*)[ ]+(?P<link>{}[ ]+)?(?:[a-zäöü][\w\-]*(?:e|en|er|es|em)[ ]+){0,2}$",
    lang.words("attribution", "owner_links"),
)


_POSSESSIVE = frozenset(("'s", "’s"))


def owns_speaker(text: str, start: int, position: int, *, person: bool = False) -> bool:
    """ "der Einsatzleiter der Polizei", "Zitat von X": the candidate owns a role noun or a frame
    noun (an opinion, statement or words) right before it. A person owns only a frame noun or a
    spokesperson: "ein Mitarbeiter von X" is someone else; and the role right before a person's
    name is the person's own title ("mit Trainer X"), so what owns X is what owns that role."""
    low = max(start, position - 80)
    match = _OWNED.search(text[low:position])
    if not match:
        return False
    noun = match.group(1)
    if noun in _FRAME_NOUNS:
        return True
    if not is_role_word(noun):
        return False
    if not person:
        return True
    if match.group("link"):
        return SPOKESPERSON.match(noun) is not None
    return owns_speaker(text, start, low + match.start(), person=True)


def candidates_in(text: str, start: int, end: int, index: PersonIndex) -> list[Candidate]:
    phrase = text[start:end]
    found = [
        Candidate(m.person, m.position, m.subject, True)
        for m in index.mentions_between(start, end)
        if not MEDIA_NOUNS.search(text[max(0, m.position - 40) : m.position].rstrip(' „“"'))
        and text[m.end : m.end + 2] not in _POSSESSIVE  # "Tom Hale's critics said"
    ]
    taken = [
        (c.position, c.position + len(c.speaker.name))
        for c in found
        if isinstance(c.speaker, Person)
    ]
    for match in _PRONOUN.finditer(phrase):
        at = start + match.start()
        person = index.pronoun(PRONOUNS[match.group(1).lower()], at)
        if person:
            # "als er den Mond betrat": a pronoun in a subordinate clause is not the frame's subject
            previous = phrase[: match.start()].split()[-1:]
            subordinate = bool(previous) and previous[0].lower().strip(",") in _SUBORDINATING
            found.append(Candidate(person, at, is_subject(text, at) and not subordinate, True))
    possessive = _POSSESSIVE_PHRASE.match(phrase) or _possessive_frame(phrase)
    if (
        possessive
        and possessive.group(1).lower() in POSSESSIVES
        and not _someone_of_theirs(possessive.group(0))
    ):
        person = index.pronoun(POSSESSIVES[possessive.group(1).lower()], start)
        if person:
            found.append(Candidate(person, start, True, True))
    for match in _ROLE_NOUN.finditer(phrase):
        at = start + match.start()
        if any(a <= at + len(match.group(0)) and at < b for a, b in taken):
            continue
        # "der Trainer der Frankfurter, Michael Skibbe": the apposition names him, not an earlier
        # holder of the role
        named = named_after(index, text, start + match.end())
        person = named or by_role(index, match.group(1), match.group(2), at)
        if person:
            found.append(
                Candidate(
                    person, at, is_subject(text, at + len(match.group(0).split()[0]) + 1), True
                )
            )
    for match in _ROLE_NOUN_LOWER.finditer(phrase) if "the " in phrase else ():
        # "“…,” the minister said", "the health minister": English roles in lower case
        at = start + match.start()
        person = _lower_case_role(index, match.group(1).split(), at)
        if person and not any(a <= at < b for a, b in taken):
            found.append(Candidate(person, at, is_subject(text, at + 4), True))
    for match in _AGE.finditer(phrase) if _AGE_HINT in phrase else ():
        gender = "m" if match.group(1) in _MASCULINE else "f"
        person = index.by_age(gender, match.group(2), start + match.start())
        if person:
            at = start + match.start()
            found.append(
                Candidate(person, at, is_subject(text, at + len(match.group(1)) + 1), True)
            )
    found.extend(_organisations(text, start, end, taken, index))
    return found


def _possessive_frame(phrase: str) -> re.Match[str] | None:
    """ "Seine Zuversicht gründet sich auf …:": a clause opened by a possessive and a noun that
    is no person ("Seine Frau sagte:" is hers, "Ihr Sprecher erklärte:" his)."""
    match = _POSSESSIVE_OPENING.match(phrase)
    if not match or match.group(2) in RELATIONS or is_role_word(match.group(2)):
        return None
    return match


def _someone_of_theirs(phrase: str) -> bool:
    """ "Seine Frau sagte", "Ihr Anwalt erklärte", "Seine Spieler sagen": the possessive's noun is
    another person, who speaks; only a spokesperson ("Ihr Sprecher") speaks for the possessor."""
    words = phrase.split()
    noun = words[1].strip(",:") if len(words) > 1 else ""
    if noun in RELATIONS:
        return True
    return is_role_word(noun) and SPOKESPERSON.match(noun) is None


def named_after(index: PersonIndex, text: str, end: int) -> Person | None:
    """A person named in an apposition right after a role noun (after a comma, soon)."""
    for mention in index.mentions_between(end, end + _APPOSITION_REACH):
        between = text[end : mention.position]
        if "," not in between:
            continue  # "Der Doktorvater zu Guttenbergs, X": an owner before the comma
        if not _APPOSITION_GAP.fullmatch(between):
            return None
        # "Der Sprecher teilte mit, Tony Blair …": a verb between, so the name is what was said
        return None if _HAS_VERB.intersection(between.replace(",", " ").split()) else mention.person
    return None


_HAS_VERB = SPEECH_VERBS | VERB_HINTS


_APPOSITION_GAP = lazy(r"[^,.;:!?„“\"]*,[ ]*")  # " der Frankfurter, " and nothing after


def by_role(index: PersonIndex, adjectives: str, noun: str, position: int) -> Person | None:
    """ "die Kanzlerin" → Angela Merkel; with an adjective ("der brasilianische Präsident") only
    a person whose role has the same adjective, so that the other Präsident is not taken."""
    if not is_role_word(noun):
        return None
    stems = tuple(a[:6].lower() for a in adjectives.split() if len(a) > 4)
    return index.by_role(nominative(noun), position, stems)


def _organisations(
    text: str, start: int, end: int, taken: list[tuple[int, int]], index: PersonIndex
) -> list[Candidate]:
    phrase = text[start:end]
    found: list[Candidate] = []
    # Both spokesperson patterns need their noun; without it, their backtracking is wasted.
    spokes = _SPOKES.finditer(phrase) if any(h in phrase for h in _SPOKES_HINTS) else ()
    for match in spokes:
        at = start + match.start()
        compound = SPOKESPERSON.match(match.group(1))
        owner = compound.group(1) if compound else ""
        if match.group(2):
            words = [w for w in match.group(2).split() if w[:1].isupper()]
            if words and MEDIA_NOUNS.search(words[0]) and len(words) > 1:
                words = words[1:]  # "des Fernsehsenders ProSieben" → ProSieben
            owner = _genitive_to_nominative(" ".join(words))
            if len(words) > 1:  # "des Bayerischen Innenministeriums" → "Bayerisches …"
                *adjectives, noun = owner.split()
                owner = " ".join([*_adjectives_nominative(adjectives, noun), noun])
        if owner and is_role_word(owner.split()[-1]):
            continue  # "die Sprecherin des Ministers": a person's, found as the role noun
        named = (
            index.mentions_between(start + match.start(2), start + match.end(2))
            if match.group(2)
            else []
        )
        if named:  # "der Sprecher von Minister X": X speaks through him, as a person
            found.append(Candidate(named[0].person, at, True, True))
            taken.append((at, start + match.end()))
            continue
        if owner:
            found.append(Candidate(owner[:1].upper() + owner[1:], at, True, False))
            taken.append((at, start + match.end()))
    for match in _SPOKES_EN.finditer(phrase) if any(n in phrase for n in _SPOKES_EN_NOUNS) else ():
        at = start + match.start()
        owner = match.group(1).strip()
        if owner[:1].islower() and owner.split()[-1] not in _SPEAKING_EN:
            continue
        found.append(Candidate(owner[:1].upper() + owner[1:], at, True, False))
        taken.append((at, start + match.end()))
    bare = any(o in phrase for o in _BARE_ORGS_EN)
    for match in _BARE_ORG_EN.finditer(text, start, end) if bare else ():
        at = match.start()
        if not any(a <= at < b for a, b in taken):
            found.append(Candidate(match.group(0).capitalize(), at, True, False))
    for match in _ORG.finditer(phrase):
        at = start + match.start()
        if any(a <= at < b for a, b in taken):
            continue
        words = (match.group(1) or match.group(2)).split()
        name = _genitive_to_nominative(words[-1])
        if name.lower().endswith(ORGANISATION_SUFFIXES) and name not in NOT_NAMES:
            organisation = " ".join([*_adjectives_nominative(words[:-1], name), name])
            organisation = organisation[:1].upper() + organisation[1:]
            found.append(
                Candidate(
                    organisation,
                    at,
                    is_subject(text, at + len(match.group(0).split()[0]) + 1),
                    False,
                )
            )
    return found


_GENITIVES = tuple(suffix + ending for suffix in ORGANISATION_SUFFIXES for ending in ("es", "s"))


def _adjectives_nominative(adjectives: list[str], noun: str) -> list[str]:
    """ "Auswärtigen" before "Amt" → "Auswärtiges": an inflected adjective before an organisation
    in the nominative, by the gender of the organisation's ending; unknown genders stay as they are."""
    lower = noun.lower()
    ending = next((e for suffix, e in _GENDER_ENDINGS if lower.endswith(suffix)), None)
    if ending is None:
        return adjectives
    return [
        w[:-2] + ending if w[:1].isupper() and w.endswith(_OBLIQUE_ADJECTIVE) else w
        for w in adjectives
    ]


_GENDER_ENDINGS = sorted(
    [(s, "es") for s in lang.words("organisations", "neuter", among=("de",))]
    + [(s, "er") for s in lang.words("organisations", "masculine", among=("de",))]
    + [(s, "e") for s in lang.words("organisations", "feminine", among=("de",))],
    key=lambda pair: len(pair[0]),
    reverse=True,
)
_OBLIQUE_ADJECTIVE = tuple(lang.words("organisations", "adjective_oblique_endings", among=("de",)))


def _genitive_to_nominative(word: str) -> str:
    """ "Finanzministeriums" → "Finanzministerium"; names and other words stay."""
    lower = word.lower()
    if not lower.endswith(_GENITIVES):
        return word
    return (
        word[:-2]
        if lower[:-2].endswith(ORGANISATION_SUFFIXES) and lower.endswith("es")
        else word[:-1]
    )


def unknown_subject(text: str, start: int, end: int) -> str | None:
    """ "Readers Edition spekuliert …:" — a name without other evidence, right before a speech verb."""
    match = _NAME_BEFORE_VERB.match(text[start:end])
    if not match or match.group(2) not in CUES:
        return None
    words = match.group(1).split()
    if any(w in NOT_NAMES or is_role_word(w) or w.endswith(_ADVERB_ENDINGS) for w in words):
        return None  # "Relativierend fügt X hinzu": an adverb opens the sentence
    if match.group(2).endswith(PLURAL_VERB_ENDINGS):
        return None  # "Kritiker sagen": a group
    if any(w.lower() in _NOT_NAME_WORDS for w in words):
        return None  # "Dessen Kollege sagte": a pronoun and a noun, nobody's name
    return " ".join(words)


# "Kritiker sagen": a verb of a group, not of one person
PLURAL_VERB_ENDINGS = lang.words("attribution", "plural_verb_endings")
_NOT_NAME_WORDS = (
    lang.word_set("function_words", "words")
    | lang.word_set("clauses", "determiners")
    | lang.word_set("clauses", "relative_pronouns")
    | lang.word_set("clauses", "temporal_conjunctions")
    | lang.word_set("prepositions", "words")
)


def name_after_verb(text: str, start: int, end: int) -> str | None:
    """ "„…“, sagte Trotnow später", "„…“, strich Romney heraus": a name nobody introduced, right
    after the speech verb that follows a quote. German capitalises nouns, so it counts only with
    more evidence: a second capitalised word (first name and surname), or the same word elsewhere
    in the article."""
    match = _NAME_AFTER_VERB.match(text, start, end)
    if not match:
        return None
    words = match.group(1).split()
    for word in words:
        if word in NOT_NAMES or word in NOT_NAME_ENDS or is_role_word(word):
            return None
        if word.lower().endswith(NOUN_ENDINGS) or MEDIA_NOUNS.search(word):
            return None
    if len(words) == 1 and text.count(words[0]) < 2 and not name_shaped(words[0]):
        return None  # named once, and a noun could look the same
    return " ".join(words)
