"""Who is who in an article: persons with full name, surname, role and gender, and where each is named.

`PersonIndex` is built once per article (from its title and text). German capitalises every noun, so
a name needs evidence: a known first name, a role noun right before it ("CSU-Vorsitzende Stoiber"),
or an apposition with a role after it ("Arni Finnsson, ein Vertreter der …"). The index answers "who
is meant here": a full name, a surname or its last word introduced earlier, a pronoun (the nearest
fitting person named as a subject), or a role noun ("die Kanzlerin" → Angela Merkel). It prefers no
answer to a wrong one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (
    ACADEMIC_TITLES,
    EN_ROLE_WORDS,
    FEMALE_FIRST_NAMES,
    FIRST_NAMES,
    MALE_FIRST_NAMES,
)
from .marks import scan_quotes
from .roles import is_role_word, party_after, role_after, role_before, role_head, standalone

_CAP = r"[A-ZÄÖÜ][\wäöüßéèáàóòíìúùçñ'’\-]*[\w]"
# "von der Leyen", "van Dijk", "de Maizière", "zu Guttenberg"; "der"/"den" only after von/van, so
# that "Eva Roth der Zeitung" is not a name.
_PARTICLE = r"(?:(?:(?:von|van)(?:[ ]+(?:der|den|de))?|de[ ]+la|de|di|da|du|del|della|zu|al|el|bin|ibn|ten|ter)[ ]+)"
_MIDDLE = rf"(?:[ ]+(?:[A-ZÄÖÜ]\.|{_CAP}))?"
_FULL_NAME = re.compile(rf"({_CAP})({_MIDDLE}(?:[ ]+{_PARTICLE}*{_CAP}))\b")
# A capitalised word (or a compound like "ödp-Spitzenkandidat"); group 1 is set (to "") when a
# space and another capitalised word or a name particle follow, i.e. when the word may begin a
# name or stand before one. Most capitalised words are nouns followed by a lower-case word: the
# group lets the name rules pass over them with one cheap test each.
_CAPITAL_WORD = re.compile(
    rf"(?:\b{_CAP}\b|\b[a-zäöü]+-[A-ZÄÖÜ][\w\-]*\b)"
    rf"((?=[ ]+(?:[A-ZÄÖÜ]|[a-zäöü]+-[A-ZÄÖÜ]|{_PARTICLE})))?"
)
# What must follow a first name for _FULL_NAME to match: a capital or a name particle.
_NAME_MAY_FOLLOW = re.compile(rf"[ ]+(?:[A-ZÄÖÜ]|{_PARTICLE})")
_MORE_NAME = re.compile(r"[ ]+[A-ZÄÖÜ]")
# Capitalised words that begin sentences or name things, never a first name.
NOT_NAMES = frozenset(
    """
    Der Die Das Den Dem Des Ein Eine Einer Einem Einen Im Am In Auch Nach Vor Bei Mit Für Von Zu Zur
    Zum Als Wie Wenn Dass Doch Aber Und Oder So Nur Noch Schon Dann Da Hier Dort Laut Seit Bis Unter
    Über Auf Aus Ob Sie Er Es Wir Ich Man Dieser Diese Dieses Jeder Jede Alle Mehr Viele Heute Gestern
    Morgen Damit Dabei Zudem Außerdem Bereits Laut Neben Gegen Ohne The This That And But
    """.split()
)
# Words that follow a name in a sentence but never end one: "Kevin Lynch Anfang April".
NOT_NAME_ENDS = frozenset(
    """
    Anfang Ende Mitte Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag Januar Februar
    März April Mai Juni Juli August September Oktober November Dezember Jahr Jahre Jahren Uhr
    """.split()
)
_NOUN_ENDINGS = ("ung", "heit", "keit", "schaft", "tion", "tät", "ismus", "ment", "nis", "tum")
MEDIA_NOUNS = re.compile(
    r"(?:Zeitung|Sender|Magazin|Blatt|Fachblatt|Nachrichtenagentur|Agentur|Portal|Fernsehsender|"
    r"Radiosender|Sendung|Focus|Spiegel|newspaper|paper|broadcaster|magazine)(?:s|es)?\W*$",
    re.IGNORECASE,
)
PREPOSITIONS = frozenset(
    """
    mit an gegen für von vom über zu zum zur bei beim nach aus um ohne durch neben zwischen gegenüber
    auf in im unter vor hinter wegen trotz seit dank per via samt
    with to from for against about by of on at
    """.split()
)


@dataclass(frozen=True)
class Person:
    name: str
    surname: str
    role: str | None
    gender: str | None  # "m", "f" or None when unknown


@dataclass(frozen=True)
class Mention:
    person: Person
    position: int
    end: int
    subject: bool  # named at a clause start, not after a preposition or as a genitive
    quoted: bool = False  # named inside a quotation: no antecedent for a pronoun outside it


@dataclass(frozen=True)
class NameMatch:
    text: str
    first: str
    surname: str
    role: str | None
    start: int
    end: int


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

    def _person(self, text: str, name: NameMatch) -> Person:
        known = self.persons.get(name.text) or self._by_alias(name.surname)
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
        return any(a < position < b for a, b in self.quoted)

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.position < end]

    def pronoun(self, gender: str, position: int) -> Person | None:
        """The person a pronoun at `position` refers to: the nearest earlier fitting subject."""
        candidates = [m for m in self.mentions if m.end <= position and not m.quoted]
        fitting = [m for m in candidates if m.person.gender in (gender, None)]
        subjects = [m for m in fitting if m.subject]
        chosen = (subjects or fitting)[-1:]
        return chosen[0].person if chosen else None

    def by_role(self, noun: str, position: int) -> Person | None:
        """ "die Kanzlerin" → the nearest person named earlier whose role is a Kanzlerin."""
        noun = noun.lower()
        for mention in reversed([m for m in self.mentions if m.end <= position]):
            role = mention.person.role
            if role and role_head(role).endswith(noun):
                return mention.person
        for person in self.persons.values():  # named in the title only
            if person.role and role_head(person.role).endswith(noun):
                return person
        return None


def aliases(person: Person) -> set[str]:
    """How a person may be named again: the surname, and its last word ("Hirsi Ali" → "Ali")."""
    names = {person.surname}
    last = person.surname.split()[-1]
    if len(last) > 2 and last[:1].isupper():
        names.add(last)
    return names


def alias_occurrences(text: str, aliases: Iterable[str]) -> list[tuple[int, int, str]]:
    """Where the aliases stand in `text` as words of their own, also with a genitive s or an
    apostrophe ("Macrons", "Lewis’"): (start, end, alias), left to right and not overlapping; the
    longest alias where two begin at the same place. The same as finditer with the alternation
    `\\b(alias|…)(?:s|’|')?(?!\\w)`, but by string search: a regex built for each article costs
    more to compile than the search itself."""
    longest: dict[int, tuple[int, str]] = {}
    for alias in aliases:
        start = text.find(alias)
        while start >= 0:
            end = _word_end(text, start, alias)
            if end and (start not in longest or len(alias) > len(longest[start][1])):
                longest[start] = (end, alias)
            start = text.find(alias, start + 1)
    found: list[tuple[int, int, str]] = []
    for start in sorted(longest):
        if not found or start >= found[-1][1]:
            found.append((start, *longest[start]))
    return found


def _word_end(text: str, start: int, alias: str) -> int | None:
    """Where `alias` found at `start` ends as a word (with an "s" or apostrophe), else None."""
    if (start > 0 and _is_word_char(text[start - 1])) == _is_word_char(alias[0]):
        return None  # no word boundary before it
    end = start + len(alias)
    if text[end : end + 1] in ("s", "’", "'") and not _is_word_char(text[end + 1 : end + 2]):
        return end + 1
    return None if _is_word_char(text[end : end + 1]) else end


def _is_word_char(char: str) -> bool:
    """What a regex \\w matches (False for the empty string past either end of the text)."""
    return char.isalnum() or char == "_"


def find_names(text: str) -> list[NameMatch]:
    """Person names in a text, each with the evidence that makes it a name."""
    names: list[NameMatch] = []
    taken_until = 0
    before_names = [m for m in _CAPITAL_WORD.finditer(text) if m.lastindex]  # group 1 was set
    for match in before_names:
        start, first = match.start(), match.group(0)
        if start < taken_until:
            continue
        # Cheap tests first. When _FULL_NAME matches, its first word is this whole word.
        if first in NOT_NAMES or first in ACADEMIC_TITLES or first.lower().endswith(_NOUN_ENDINGS):
            continue
        if not _NAME_MAY_FOLLOW.match(text, match.end()):
            continue
        full = _FULL_NAME.match(text, start)
        if not full:
            continue
        first, rest = full.group(1), full.group(2).strip()
        if is_role_word(first) or (
            first not in FIRST_NAMES and any(w in FIRST_NAMES for w in rest.split()[:-1])
        ):
            continue  # "Richterin Bärbel Stock", "Focus John West": the name starts later
        if rest.split()[-1] in NOT_NAME_ENDS:
            rest = rest.rsplit(None, 1)[0] if " " in rest else ""  # spaces as in the text
            if not rest:
                continue  # "Mark Jahr", "Kevin Montag": no surname is left, so no name
        end = text.index(rest, start + len(first)) + len(rest)
        role = role_before(text, start)
        if first not in FIRST_NAMES and not role and not _apposition_role(text, end):
            continue
        surname = _drop_middle_name(rest)
        names.append(NameMatch(f"{first} {rest}", first, surname, role, start, end))
        taken_until = end
    return sorted(names + _single_surnames(text, before_names, names), key=lambda n: n.start)


def _single_surnames(
    text: str, before_names: list[re.Match[str]], found: list[NameMatch]
) -> list[NameMatch]:
    """ "der CSU-Vorsitzende Stoiber", "DFB-Präsident Zwanziger": a lone name right after a role.

    `before_names` are the capitalised words followed by another or a particle (_CAPITAL_WORD),
    among them every role noun followed by a name."""
    names = []
    for previous in before_names:
        if text[previous.end() : previous.end() + 1] != " ":
            continue  # only right after a role noun, one space between (the role is tested last)
        match = _CAPITAL_WORD.match(text, previous.end() + 1)
        if not match:
            continue
        word, start = match.group(0), match.start()
        if word in NOT_NAMES or word in FIRST_NAMES or word.lower().endswith(_NOUN_ENDINGS):
            continue
        if not is_role_word(previous.group(0)) or is_role_word(word):
            continue
        if any(n.start <= start < n.end for n in found):
            continue
        if _MORE_NAME.match(text, match.end(), match.end() + 2):
            continue  # "Richterin Bärbel …": more name follows
        role = role_before(text, start)
        if role:
            names.append(NameMatch(word, "", word, role, start, match.end()))
    return names


def _apposition_role(text: str, end: int) -> bool:
    """Evidence after an unknown name: ", ein Vertreter der …", ", Sprecher der …"."""
    return role_after(text, end) is not None and text[end : end + 2].startswith(",")


def _drop_middle_name(rest: str) -> str:
    """'W. Bush' → 'Bush', 'von der Leyen' stays, 'Maria Sacharowa' → 'Sacharowa' (no first name)."""
    words = rest.split()
    while len(words) > 1 and (words[0].endswith(".") or words[0] in FIRST_NAMES):
        words = words[1:]
    return " ".join(words)


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
        english = head.endswith(EN_ROLE_WORDS)  # English roles say nothing of gender
        if not head.endswith("e") and not english and is_role_word(head.capitalize()):
            return "m"
    return None


@lru_cache(maxsize=4096)
def is_subject(text: str, position: int) -> bool:
    """Named as a clause's subject, not after a preposition nor as a genitive ("die Kritik des X")."""
    before = text[max(0, position - 120) : position].split()
    role = role_before(text, position)
    if role:  # look before the role: "mit Präsident Otto Brandt", not "GmbH in Nordbayern, X"
        before = before[: -len(role.split())] if len(before) > len(role.split()) else []
    words = [w.strip(',.;:()„“"').lower() for w in before[-2:]]
    if any(w in PREPOSITIONS for w in words):
        return False
    raw = before[-2:]
    genitive = (
        len(raw) == 2
        and raw[1] in ("des", "der")
        and raw[0][:1].isupper()
        and raw[0][-1:].isalpha()
    )
    return not genitive
