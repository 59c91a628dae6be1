"""Who is who in an article: persons with full name, surname, role and gender, and where each is named.

`PersonIndex` is built once per article (from its title and text) out of the names names.py finds
(German capitalises every noun, so a name needs evidence: a known first name, a role noun right
before it, or an apposition with a role after it). The index answers "who is meant here": a full
name, a surname or its last word introduced earlier, a pronoun (the nearest fitting person named
as a subject), or a role noun ("die Kanzlerin" → Angela Merkel). It prefers no answer to a wrong
one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .. import lang
from ..lang import lazy, lazy_words
from .lexicon import (
    FEMALE_FIRST_NAMES,
    FIRST_NAMES,
    GENDERLESS_ROLE_WORDS,
    MALE_FIRST_NAMES,
    PREPOSITIONS,
    RELATIONS,
)
from .marks import scan_quotes
from .names import NameMatch, alias_occurrences, find_names
from .roles import (
    is_role_word,
    nominative,
    party_after,
    role_after,
    role_before,
    role_head,
    standalone,
)
from .scan import finditer_at

# A medium named right before: a person after it is quoted by it ("der Zeitung Y"), not its speaker.
MEDIA_NOUNS = lazy_words(r"{}(?:s|es)?\W*$", lang.words("media", "nouns"), ignore_case=True)
GENERIC_ROLE_NOUNS = lang.word_set("role_nouns", "generic")
# a clause ends at a quotation mark, colon, semicolon, "!", "?", a line or a full stop and space;
# the pattern is reversed, to find the last such mark before a name from the back
# two names joined as one subject: "Moll und Bürgermeister Weber", "Reed and Sheriff Hale"
_JOINED = lazy_words(
    r"[ ]*,?[ ]+{}[ ]+(?:[\w\-]+[ ]+){0,3}", lang.words("quotes", "list_conjunctions")
)
# (the same as `[„“”"»«:;!?\n]| \.`, opening with one class: the engine then skips to its characters)
_CLAUSE_END_REVERSED = re.compile(r'[„“”"»«:;!?\n ](?:(?<! )|\.)')


@dataclass(frozen=True)
class Person:
    name: str
    surname: str
    role: str | None
    gender: str | None  # "m", "f" or None when unknown


class Mention(NamedTuple):
    """Where a person is named (by full name, surname or alias)."""

    person: Person
    position: int
    end: int
    subject: bool  # named at a clause start, not after a preposition or as a genitive
    quoted: bool = False  # named inside a quotation: no antecedent for a pronoun outside it


class PersonIndex:
    """The persons of one article's text (paragraphs joined with blank lines) and its title."""

    def __init__(self, text: str, title: str | None = None) -> None:
        self.text = text
        self.persons: dict[str, Person] = {}  # by full name
        self.mentions: list[Mention] = []
        if title:
            for name in find_names(title):
                self._person(title, name)
        self.quote_spans = scan_quotes(text)  # find_quotes looks at the same spans
        self.quoted = [(span.start, span.end) for span in self.quote_spans]
        self._quote_starts = [start for start, _ in self.quoted]
        for name in find_names(text):
            person = self._person(text, name)
            self.mentions.append(
                Mention(
                    person,
                    name.start,
                    name.end,
                    is_subject(text, name.start),
                    self._in_quote(name.start),
                )
            )
        self._find_surname_mentions()
        self.mentions.sort(key=lambda m: m.position)
        self._positions = [m.position for m in self.mentions]  # for bisect in mentions_between

    def _person(self, text: str, name: NameMatch) -> Person:
        known = self.persons.get(name.text) or self._by_alias(name.surname)
        if known is not None and _another_first_name(known, name):
            known = None  # "Brigitta Stodden" is not "Jean Stodden": same surname, two persons
        role = name.role or role_after(text, name.end)
        if known is not None:
            fuller = known.name == known.surname and name.first
            if (known.role or not role) and not fuller:
                return known
            # named before without a role, or by surname only (in the title): complete it here
            del self.persons[known.name]
            role = role or known.role
        party = party_after(text, name.end)
        if role and party and party not in role:
            role = f"{role} ({party})"
        gender = gender_of(name.first, role) or (known.gender if known else None)
        full = name.text if known is None or name.first else known.name
        person = Person(
            full, known.surname if known else name.surname, standalone(role, gender), gender
        )
        self.persons[full] = person
        if known:
            self.mentions = [
                Mention(person, m.position, m.end, m.subject, m.quoted) if m.person == known else m
                for m in self.mentions
            ]
        return person

    def _by_alias(self, word: str) -> Person | None:
        found = {p for p in self.persons.values() if word in aliases(p)}
        return found.pop() if len(found) == 1 else None

    def _find_surname_mentions(self) -> None:
        taken = [(m.position, m.end) for m in self.mentions]
        owners: dict[str, set[Person]] = {}
        for person in self.persons.values():
            for alias in aliases(person):
                owners.setdefault(alias, set()).add(person)
        # two persons sharing a name: a bare surname would be a guess
        unique_aliases = {alias: next(iter(p)) for alias, p in owners.items() if len(p) == 1}
        if not unique_aliases:
            return
        for start, end, alias in alias_occurrences(self.text, unique_aliases):
            if any(a <= start < b for a, b in taken):
                continue
            person = unique_aliases[alias]
            subject = is_subject(self.text, start) and end == start + len(alias)
            self.mentions.append(Mention(person, start, end, subject, self._in_quote(start)))

    def _in_quote(self, position: int) -> bool:
        i = bisect_left(self._quote_starts, position) - 1  # the last quotation opened before
        return i >= 0 and position < self.quoted[i][1]

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """The mentions that begin between start and end (found by bisection: the rules ask
        this for every phrase they read)."""
        return self.mentions[
            bisect_left(self._positions, start) : bisect_left(self._positions, end)
        ]

    def pronoun(self, gender: str, position: int) -> Person | None:
        """The person a pronoun at `position` refers to: the nearest earlier fitting subject;
        none when a person nobody named stands between ("Der Moderator kam. Er sagte"), or when
        that sentence names two fitting persons and does not open with one of them."""
        earlier = self.mentions[: bisect_left(self._positions, position)]
        candidates = [m for m in earlier if m.end <= position and not m.quoted]
        fitting = [m for m in candidates if m.person.gender in (gender, None)]
        subjects = [m for m in fitting if m.subject]
        chosen = (subjects or fitting)[-1:]
        if not chosen or self._rival_in_sentence(chosen[0], subjects or fitting):
            return None
        latest = fitting[-1]
        if (
            latest.person != chosen[0].person
            and sentence_start_of(self.text, latest.position) > chosen[0].position
        ):
            return None  # "A kam. In January, B took over. He said": a later sentence names B
        mention = _sentence_subject(self.text, subjects or fitting, chosen[0])
        if mention is None or self._unnamed_person(gender, mention, position):
            return None
        return mention.person

    def _unnamed_person(self, gender: str, antecedent: Mention, position: int) -> bool:
        """A person of the pronoun's gender whom nobody named stands between the antecedent and
        the pronoun ("der Moderator", "eine Polizistin", "sein Bruder"), outside quotations."""
        return self.unnamed_person_between(antecedent.end, position, antecedent.person, (gender,))

    def unnamed_person_between(
        self,
        start: int,
        end: int,
        person: Person | str | None,
        genders: tuple[str, ...] = ("m", "f", "p"),
    ) -> bool:
        """Someone nobody named ("der Moderator", "eine Anwohnerin", "viele Anwohner"), and who is
        not `person` by role, stands between start and end outside quotations."""
        for gender in genders:
            for match in _PERSON_NOUN[gender].finditer(self.text, start, end):
                noun = match.group(1)
                feminine = noun.endswith("in") or noun in _FEMININE_RELATIONS
                if gender != "p" and feminine != (gender == "f"):
                    continue  # "der Ministerin" is a woman's dative, not a man
                if not (is_role_word(noun) or noun in PERSON_NOUNS):
                    continue
                if self._in_quote(match.start()) or self.mentions_between(
                    match.end(), match.end() + 2
                ):
                    continue  # quoted words, or "der Minister Hans Rot": named
                if self.by_role(nominative(noun), match.start()) != person:
                    return True
        return self._unnamed_english_person(start, end, person, genders)

    def _unnamed_english_person(
        self, start: int, end: int, person: Person | str | None, genders: tuple[str, ...]
    ) -> bool:
        """The same for English, whose nouns are in lower case and mostly of either gender."""
        for match in _PERSON_NOUN_EN.finditer(self.text, start, end):
            noun = match.group(1)
            gender = "m" if noun in _MEN_EN else "f" if noun in _WOMEN_EN else None
            if gender is None and noun not in _PERSONS_EN:
                continue
            if gender and "p" not in genders and gender not in genders:
                continue  # "his brother" before "she said"
            if self._in_quote(match.start()) or self.mentions_between(match.end(), match.end() + 2):
                continue
            if self.by_role(noun, match.start()) != person:
                return True
        return False

    def _rival_in_sentence(self, chosen: Mention, fitting: list[Mention]) -> bool:
        """ "Landrat Moll und Bürgermeister Weber besuchten …. „…“, sagte er.": another fitting
        person joined to the chosen one by "und" makes the pronoun a guess (precision first)."""
        for mention in reversed(fitting[:-1]):
            if mention.person == chosen.person:
                continue
            return bool(_JOINED.fullmatch(self.text, mention.end, chosen.position))
        return False

    def by_role(self, noun: str, position: int, stems: tuple[str, ...] = ()) -> Person | None:
        """ "die Kanzlerin" → the one person of the article whose role is a Kanzlerin; with
        `stems` of adjectives ("der brasilianische Präsident"), the one whose role has them."""
        noun = noun.lower()
        # any holder, also one named right after the noun ("der CSU-Vorsitzende Berghofer")
        holders = {
            person
            for person in self.persons.values()
            if person.role
            and role_head(person.role).endswith(noun)
            and all(stem in person.role.lower() for stem in stems)
        }
        if len(holders) > 1:
            return None  # two Päpste, two Trainer: "der Papst" would be a guess
        if holders:
            return holders.pop()
        return self._by_party(noun, position)

    def _by_party(self, noun: str, position: int) -> Person | None:
        """ "die SPD-Politikerin", "der CDU-Vorsitzende" → the nearest person named earlier whose
        role names that party (or group), with the same role or, for a generic noun
        ("-Politiker"), any role of the right gender."""
        prefix, _, head = noun.rpartition("-")
        if not prefix or len(prefix) < 2:
            return None
        gender = "f" if head.endswith("in") else "m"
        for mention in reversed([m for m in self.mentions if m.end <= position]):
            person = mention.person
            role = (person.role or "").lower()
            if prefix not in role or person.gender not in (gender, None):
                continue
            if head in GENERIC_ROLE_NOUNS or role_head(role).endswith(head):
                return person
        return None

    def by_age(self, gender: str, age: str, position: int) -> Person | None:
        """ "die 58-Jährige" → the nearest fitting person named earlier, when the article gave
        that age beside them ("Anna Brandl (58)", "die 58-jährige Anna Brandl")."""
        person = self.pronoun(gender, position)
        if person is None:
            return None
        for mention in self.mentions:
            if mention.person == person and mention.end <= position:
                near = self.text[max(0, mention.position - 30) : mention.end + 8]
                if age in near:
                    return person
        return None


_PERSON_NOUN = {
    gender: lazy_words(
        r"\b{}[ ]+(?:[a-zäöü][\w\-]*[ ]+){0,2}([A-ZÄÖÜ][\w\-]+)\b",
        lang.words("descriptions", f"person_openers_{name}"),
    )
    for gender, name in (("m", "masculine"), ("f", "feminine"), ("p", "plural"))
}
_FEMININE_RELATIONS = lang.word_set("descriptions", "feminine_relations")
_PERSON_NOUN_EN = lazy_words(
    r"\b{}[ ]+(?:[a-z][\w\-]*[ ]+){0,2}?([a-z][\w\-]+)\b",
    lang.words("descriptions", "person_openers", among=("en",)),
)
_MEN_EN = lang.word_set("descriptions", "masculine_persons", among=("en",))
_WOMEN_EN = lang.word_set("descriptions", "feminine_persons", among=("en",))
_PERSONS_EN = lang.word_set("descriptions", "person_nouns", among=("en",))
PERSON_NOUNS = RELATIONS | lang.word_set("descriptions", "person_nouns")
# titles whose full stop ends no sentence: "Prof. Dr.", and those that give a role ("Sen.")
_TITLES = (*lang.words("titles", "academic"), *lang.mapping("titles", "roles"))
NOT_AFTER_TITLE = "".join(
    rf"(?<!\b{re.escape(title[:-1])})" for title in _TITLES if title.endswith(".")
)
# The same test asked right after the end mark it stands before (a pattern that opens with the
# mark's character class lets the regex engine skip to the marks instead of trying every position).
NOT_AFTER_TITLE_AND_MARK = "".join(
    rf"(?<!\b{re.escape(title[:-1])}[.!?])" for title in _TITLES if title.endswith(".")
)
_SENTENCE_BREAK = lazy(
    # not after one capital ("W. Bush"), a regnal number ("Benedikt XVI. „ist …“") nor an
    # academic title ("laut Klinikdirektor Prof. Dr. Anna Roth „…“")
    r"(?:(?<![\s.][A-ZÄÖÜ])(?<![ ][IVX]{2})(?<![ ][IVX]{3})(?<![ ][IVX]{4})"
    + NOT_AFTER_TITLE
    + r"[.!?]"
    # "am 20. August": the full stop of a day before a month
    + rf"(?!(?<=\d\.)\s+{lang.alternation(lang.words('months', 'names'))}\b)"
    + r"[“”\"«»]?\s+(?=[A-ZÄÖÜ„\"»(])|\n"
    r"|(?<=[a-zäöüß]{2})\.(?=[A-ZÄÖÜ][a-zäöüß]))"  # "Bundesanzeiger.Mats Schönauer schreibt"
)
_OPENING_WORDS = lang.word_set("articles", "words") | lang.word_set("not_names", "words")


def _sentence_subject(text: str, mentions: list[Mention], chosen: Mention) -> Mention | None:
    """`chosen`, unless its sentence also names another fitting person ("A traf B. Er sagte"):
    then the one the sentence opens with (its subject), or none when it opens with neither."""
    start = sentence_start_of(text, chosen.position)
    rivals = [m for m in mentions if m.position >= start and m.person != chosen.person]
    if not rivals:
        return chosen
    in_sentence = [m for m in mentions if m.position >= start]
    first = in_sentence[0]
    return first if _opens_sentence(text, start, first) else None


def sentence_start_of(text: str, position: int) -> int:
    """Where the sentence holding `position` begins (after end punctuation, a closing mark or a line)."""
    low = max(0, position - 400)
    window = text[low : position + 1]
    breaks = finditer_at(_SENTENCE_BREAK, window, ".!?\n")
    ends = [m.end() for m in breaks if m.end() <= position - low]
    return low + (ends[-1] if ends else 0)


def _opens_sentence(text: str, start: int, mention: Mention) -> bool:
    """Only an article, an opening adverb and the person's role stand before the name."""
    role = role_before(text, mention.position)
    words = text[start : mention.position].split()
    if role:
        words = words[: -len(role.split())] if len(words) >= len(role.split()) else []
    return all(w in _OPENING_WORDS for w in words)


def _another_first_name(known: Person, name: NameMatch) -> bool:
    """Both have a known first name and they differ ("Frau Hinz" may still be Petra Hinz)."""
    known_first = known.name.split()[0]
    return known_first in FIRST_NAMES and name.first in FIRST_NAMES and known_first != name.first


def aliases(person: Person) -> set[str]:
    """How a person may be named again: the surname, and its last word ("Hirsi Ali" → "Ali");
    a surname with a particle also capitalised, as it opens a sentence ("Von der Leyen sagte")."""
    names = {person.surname}
    if person.surname[:1].islower():
        names.add(person.surname[:1].upper() + person.surname[1:])
    last = person.surname.split()[-1]
    if len(last) > 2 and last[:1].isupper():
        names.add(last)
    return names


def gender_of(first: str, role: str | None) -> str | None:
    """From the first name, else from the role: "-in" is a woman's role, a role noun without it
    (and not one in "-e" like "Vorsitzende") a man's."""
    if first in FEMALE_FIRST_NAMES and first not in MALE_FIRST_NAMES:
        return "f"
    if first in MALE_FIRST_NAMES and first not in FEMALE_FIRST_NAMES:
        return "m"
    if role:
        head = role_head(role)
        if head.endswith("in") and not head.endswith(("chin", "kin")):
            return "f"
        english = head.endswith(GENDERLESS_ROLE_WORDS)  # English roles say nothing of gender
        if not head.endswith("e") and not english and is_role_word(head.capitalize()):
            return "m"
    return None


@lru_cache(maxsize=4096)
def is_subject(text: str, position: int) -> bool:
    """Named as a clause's subject, not after a preposition nor as a genitive ("die Kritik des X")."""
    window = text[max(0, position - 120) : position]
    # only the words of the clause the name stands in: a quote's last words before its closing
    # mark ("“… at all,” Oden told") are no preposition of the name
    mark = _CLAUSE_END_REVERSED.search(window[::-1])  # the last mark, found from the back
    before = window[len(window) - mark.end() + 1 :].split() if mark else window.split()
    role = role_before(text, position)
    if role:  # look before the role: "mit Präsident Otto Brandt", not "GmbH in Nordbayern, X"
        before = before[: -len(role.split())] if len(before) > len(role.split()) else []
    if len(before) > 1 and before[-1] in _COORDINATORS and before[-2][:1].isupper():
        return _first_conjunct_subject(text, position, before[-1])
    words = [w.strip(',.;:()„“"').lower() for w in before[-2:]]
    if any(w in PREPOSITIONS for w in words):
        return False
    raw = before[-2:]
    genitive = (
        len(raw) == 2
        and raw[1] in ("des", "der")
        and raw[0][:1].isupper()
        and raw[0][-1:].isalpha()
        and raw[0] not in _OPENING_WORDS  # "Auch der Schiedsrichter X": no owner before "der"
    )
    return not genitive


_COORDINATORS = lang.word_set("quotes", "list_conjunctions")


def _first_conjunct_subject(text: str, position: int, coordinator: str) -> bool:
    """ "mit seinen Kollegen Edwin Aldrin und Michael Collins": the second of two names joined by
    "und" is a subject only when the first one is."""
    low = max(0, position - 120)
    head = text[low:position].rstrip()
    head = head[: len(head) - len(coordinator)].rstrip()
    words = head.split(" ")
    first = len(words)
    while first > 0 and words[first - 1][:1].isupper():
        first -= 1
    return is_subject(text, low + len(" ".join(words[:first])) + (1 if first else 0))
