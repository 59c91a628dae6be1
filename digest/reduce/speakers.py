"""Who is who in an article: persons with full name, surname, role and gender, and where each is named.

`PersonIndex` is built once per article. It answers "who does this phrase refer to": a full name, a
surname introduced earlier, a pronoun (the nearest fitting person named as a subject), or an
organisation. It prefers no answer to a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    ACADEMIC_TITLES,
    FEMALE_FIRST_NAMES,
    FIRST_NAMES,
    MALE_FIRST_NAMES,
    ORGANISATION_SUFFIXES,
    PRONOUNS,
    ROLE_PATTERN,
)

_CAP = r"[A-ZÄÖÜ][\wäöüßéèáàóòíìúùçñ'’\-]*[\w]"
# "von der Leyen", "van Dijk", "de Maizière", "zu Guttenberg"; "der"/"den" only after von/van, so
# that "Eva Roth der Zeitung" is not a name.
_PARTICLE = r"(?:(?:(?:von|van)(?:[ ]+(?:der|den|de))?|de[ ]+la|de|di|da|du|del|della|zu|al|el|bin|ibn|ten|ter)[ ]+)"
_MIDDLE = rf"(?:[ ]+(?:[A-ZÄÖÜ]\.|{_CAP}))?"
_FULL_NAME = re.compile(rf"(?=\b({_CAP})({_MIDDLE}(?:[ ]+{_PARTICLE}*{_CAP}))\b)")
MEDIA_NOUNS = re.compile(
    r"(?:Zeitung|Sender|Magazin|Blatt|Nachrichtenagentur|Agentur|Portal|Fernsehsender|"
    r"Radiosender|Sendung|newspaper|paper|broadcaster|magazine)\W*$",
    re.IGNORECASE,
)
PREPOSITIONS = frozenset(
    [
        "mit",
        "an",
        "gegen",
        "für",
        "von",
        "vom",
        "über",
        "zu",
        "zum",
        "zur",
        "bei",
        "beim",
        "nach",
        "aus",
        "um",
        "ohne",
        "durch",
        "neben",
        "zwischen",
        "with",
        "to",
        "from",
        "for",
        "against",
        "about",
        "by",
        "of",
    ]
)
ORGANISATION = re.compile(
    r"\b(?:die|der|das|den|dem|des|the)[ ]+((?:[A-ZÄÖÜ][\w\-]*[ ]+)?[A-ZÄÖÜ][\w\-]*)", re.IGNORECASE
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
    subject: bool  # named at a clause start, not after a preposition


class PersonIndex:
    """The persons of one article's text (paragraphs joined with blank lines)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.persons: dict[str, Person] = {}
        self.mentions: list[Mention] = []
        self._find_full_names()
        self._find_surname_mentions()
        self.mentions.sort(key=lambda m: m.position)

    def _find_full_names(self) -> None:
        for name in find_names(self.text):
            person = self.persons.get(name.surname)
            if person is None:
                role = name.role or role_after(self.text, name.end)
                party = party_after(self.text, name.end)
                if role and party:
                    role = f"{role} ({party})"
                gender = _gender(name.first, role)
                person = Person(name.text, name.surname, _standalone(role, gender), gender)
                self.persons[name.surname] = person
            self.mentions.append(Mention(person, name.start, _is_subject(self.text, name.start)))

    def _find_surname_mentions(self) -> None:
        # Characters already covered by a full-name mention: a surname there is no new mention.
        covered = {
            i for m in self.mentions for i in range(m.position, m.position + len(m.person.name))
        }
        for surname, person in self.persons.items():
            for match in re.finditer(rf"\b{re.escape(surname)}s?\b", self.text):
                start = match.start()
                if start in covered:
                    continue
                self.mentions.append(Mention(person, start, _is_subject(self.text, start)))

    def person_in(self, phrase: str) -> Person | None:
        """A person named in a phrase: a full name, or a known surname."""
        for name in find_names(phrase):
            if MEDIA_NOUNS.search(phrase[: name.start]):
                continue  # "sagte X der Zeitung Y": Y is not the speaker
            if name.surname in self.persons:
                return self.persons[name.surname]
            role = name.role or role_after(phrase, name.end)
            return Person(name.text, name.surname, role, _gender(name.first, role))
        for surname in sorted(self.persons, key=len, reverse=True):
            if re.search(rf"\b{re.escape(surname)}\b", phrase):
                return self.persons[surname]
        return None

    def pronoun(self, word: str, position: int) -> Person | None:
        """The person a pronoun at `position` refers to: the nearest earlier fitting subject."""
        gender = PRONOUNS.get(word.lower())
        if gender is None:
            return None
        candidates = [m for m in self.mentions if m.position < position]
        fitting = [m for m in candidates if m.person.gender in (gender, None)]
        subjects = [m for m in fitting if m.subject]
        chosen = (subjects or fitting)[-1:] if (subjects or fitting) else []
        return chosen[0].person if chosen else None


@dataclass(frozen=True)
class NameMatch:
    text: str
    first: str
    surname: str
    role: str | None
    start: int
    end: int


def find_names(text: str) -> list[NameMatch]:
    """Person names in a text: a known first name, or any name right after a role noun."""
    names: list[NameMatch] = []
    taken_until = 0
    for match in _FULL_NAME.finditer(text):
        start = match.start()
        if start < taken_until:
            continue
        first, rest = match.group(1), match.group(2).strip()
        role = role_before(text, start)
        if first in ACADEMIC_TITLES or (first not in FIRST_NAMES and not role):
            continue
        end = start + len(match.group(1)) + len(match.group(2))
        surname = _drop_middle_name(rest)
        names.append(NameMatch(f"{first} {rest}", first, surname, role, start, end))
        taken_until = end
    return names


def organisation_in(phrase: str) -> str | None:
    """An organisation named in a phrase ("das Bundesverkehrsministerium" → Bundesverkehrsministerium)."""
    for match in ORGANISATION.finditer(phrase):
        words = match.group(1).split()
        for end in range(len(words), 0, -1):
            if words[end - 1][:1].isupper() and words[end - 1].lower().endswith(
                ORGANISATION_SUFFIXES
            ):
                return " ".join(words[:end])
    return None


def role_before(text: str, position: int) -> str | None:
    """The function named right before a name, in the same clause.

    "Nato-Generalsekretär Mark Rutte", "Frankreichs Präsident Emmanuel Macron", "Der ukrainische
    Präsident Wolodymyr Selenskyj", "die Sprecherin der Autobahn GmbH in Nordbayern, Kerstin Wolf".
    """
    clause = re.split(r"[.;:!?„“”\"»«()]\s*|\n", text[max(0, position - 100) : position])[-1]
    words = clause.split()
    for i in range(len(words) - 1, max(-1, len(words) - 9), -1):
        word = words[i].strip(",")
        if not ROLE_PATTERN.match(word) or word[:1].islower():
            continue
        tail = words[i + 1 :]
        if tail and not words[-1].endswith(","):
            return None  # something else stands between the role and the name
        if any(w[:1].islower() and w not in _ROLE_LINKS for w in tail):
            return None
        return _with_qualifier(words[:i], " ".join(words[i:]).rstrip(","))
    return None


_ROLE_LINKS = frozenset(
    [
        "der",
        "des",
        "die",
        "in",
        "im",
        "von",
        "vom",
        "für",
        "am",
        "an",
        "aus",
        "und",
        "bei",
        "the",
        "of",
        "for",
    ]
)


def _with_qualifier(before: list[str], role: str) -> str:
    """Add a genitive owner or an adjective before the role: "Frankreichs Präsident"."""
    if not before:
        return role
    word = before[-1]
    if word[:1].isupper() and word.endswith("s") and word.lower() not in _ROLE_LINKS:
        return f"{word} {role}"
    article = before[-2].lower() if len(before) > 1 else ""
    if article in ("der", "die") and re.fullmatch(r"[a-zäöü]{3,}e", word):
        # "der ukrainische Präsident" → "ukrainischer Präsident" (the role stands alone)
        return f"{word}r {role}" if article == "der" else f"{word} {role}"
    return role


_WEAK_NOUNS = ("abgeordnete", "vorsitzende", "beauftragte", "gesandte", "angestellte", "delegierte")


def _standalone(role: str | None, gender: str | None) -> str | None:
    """ "(der) Abgeordnete" said of a man reads "Abgeordneter" when the role stands alone."""
    if not role or gender != "m":
        return role
    head, _, rest = role.partition(" ")
    if head.lower().endswith(_WEAK_NOUNS):
        head += "r"
    return f"{head} {rest}".strip() if rest else head


def role_after(text: str, position: int) -> str | None:
    """An apposition after a name (", Vorsitzender des örtlichen Burschenvereins,") or the
    organisation someone speaks for ("Lukas Ebner vom Fahrgastverband Pro Bahn")."""
    tail = text[position : position + 120]
    match = re.match(
        r",[ ]+(?:der |die )?([A-ZÄÖÜ][\w\-]*)((?:[ ]+[^,.;:()„“\"\n]{0,60})?)[,.;]", tail
    )
    if match and ROLE_PATTERN.match(match.group(1)):
        return (match.group(1) + match.group(2)).strip()
    match = re.match(r"[ ]+(?:vom|von der|von den)[ ]+((?:[A-ZÄÖÜ][\w\-]*[ ]?){1,4})", tail)
    if match and any(s in match.group(1).lower() for s in ORGANISATION_SUFFIXES):
        return match.group(1).strip()
    return None


def party_after(text: str, position: int) -> str | None:
    match = re.match(r"\s*\(([A-ZÄÖÜ][\w/ ]{1,20}|Grüne|Die Linke)\)", text[position:])
    return match.group(1) if match else None


def _drop_middle_name(rest: str) -> str:
    """'W. Bush' → 'Bush', 'von der Leyen' stays, 'Maria Sacharowa' → 'Sacharowa' (no first name)."""
    words = rest.split()
    while len(words) > 1 and (words[0].endswith(".") or words[0] in FIRST_NAMES):
        words = words[1:]
    return " ".join(words)


def _gender(first: str, role: str | None) -> str | None:
    if role:
        head = role.split("(")[0].split()[-1].lower() if role.split() else ""
        if head.endswith("in") and not head.endswith(("chin", "kin")):
            return "f"
    if first in FEMALE_FIRST_NAMES and first not in MALE_FIRST_NAMES:
        return "f"
    if first in MALE_FIRST_NAMES and first not in FEMALE_FIRST_NAMES:
        return "m"
    return None


def _is_subject(text: str, position: int) -> bool:
    before = text[max(0, position - 40) : position].split()
    words = [w.strip(",.;:()").lower() for w in before[-3:]]
    return not any(w in PREPOSITIONS for w in words)
