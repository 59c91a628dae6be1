"""Roles: the function a person is introduced with, as it would stand beside their name in the email.

"Frankreichs Präsident Emmanuel Macron" → "Frankreichs Präsident"; "der CSU-Vorsitzende Stoiber" →
"CSU-Vorsitzende"; "Andrew Wetzler, ein Anwalt des Natural Resources Defense Council," → "Anwalt des
Natural Resources Defense Council"; "des Generalanwalts des Europäischen Gerichtshofes, Damazo …" →
"Generalanwalt des Europäischen Gerichtshofes" (a role in the genitive is given in the nominative).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import lang
from ..lang import lazy_words
from .lexicon import (
    CLOSED_CLASS_WORDS,
    ORGANISATION_SUFFIXES,
    RELATIONS,
    ROLE_SUFFIXES,
    SPEECH_VERBS_DE,
    VERB_HINTS,
)
from .marks import ANY_MARK

_SUFFIXES = tuple(sorted(set(ROLE_SUFFIXES), key=len, reverse=True))
# The role suffixes by their last three letters (none is shorter), so that a word is compared with
# the few suffixes it may end in rather than with all of them.
_SUFFIXES_BY_TAIL: dict[str, tuple[str, ...]] = {}
for _suffix in _SUFFIXES:
    _SUFFIXES_BY_TAIL[_suffix[-3:]] = (*_SUFFIXES_BY_TAIL.get(_suffix[-3:], ()), _suffix)
_WORD_CHARS = re.compile(r"[\w\-]+")
_LOWER_COMPOUND = re.compile(r"[a-zäöü]+-[A-ZÄÖÜ]")
_CLAUSE_MARK = re.compile(r"[.;:!?„“”\"»«()\n]")
_INFLECTIONS = ("es", "en", "s", "n")
# Words that may stand inside a role after its noun: "Sprecher der Autobahn GmbH in Nordbayern".
ROLE_LINKS = lang.word_set("role_nouns", "links")
ARTICLES = lang.word_set("articles", "words")
_ADJECTIVE = re.compile(r"[a-zäöü][a-zäöüß\-]{2,}(?:e|en|er)")
_APPOSITION = lang.compile_words(
    r",[ ]+(?:{}[ ]+)?([A-ZÄÖÜ][\w\-]*)([^,.;:()\n]{0,110}(?:\([^()]{1,20}\))?)[ ]*(?:[,.;]|(?=[a-zäöü]))",
    lang.words("role_nouns", "apposition_articles"),
)
_SPEAKS_FOR = lang.compile_words(
    r"[ ]+{}[ ]+((?:[A-ZÄÖÜ][\w\-’']*[ ]?){1,5}(?:für [A-ZÄÖÜ][\w\-]*)?)",
    lang.words("role_nouns", "speaks_for"),
)
_ORGANISATION_WORD = lazy_words(r"\b{}\b", lang.words("organisations", "words"))
# A party after a name: matched at the name's end, not in a copy of the rest of the text.
_PARTY = lang.compile_words(r"\s*\(([A-ZÄÖÜ][\w/ ]{1,20}|{})\)", lang.words("parties", "names"))
_WEAK_NOUNS = lang.words("role_nouns", "adjectival")
_OWNER_LINKS = lang.word_set("attribution", "owner_links")
_TRAILING_TITLES = lazy_words(r"(?:[ ]+{})+[ ]*$", lang.words("titles", "academic"))
# English role nouns, which stand in lower case after a capitalised qualifier ("Education
# minister") and may qualify another ("Detective Inspector")
_ENGLISH_ROLES = lang.word_set("role_nouns", "genderless", among=("en",))
_DEPUTIES = lang.word_set("role_nouns", "deputies", among=("en",))
_TITLE_ROLES = lang.mapping("titles", "roles")
_TITLE_ROLE = lang.compile_words(r"(?<![\w.])(?:{}[ ]+)+$", list(_TITLE_ROLES))
_TITLE_ENDS = tuple(lang.words("titles", "academic"))  # what _TRAILING_TITLES needs at the end
# sentence openers, months and weekdays: before a role, never part of it ("Auch FDP-Chef")
_NOT_QUALIFIERS = (
    lang.word_set("not_names", "words")
    | lang.word_set("months", "names")
    | lang.word_set("weekdays", "names")
)


@lru_cache(maxsize=4096)  # the same words are asked about again and again in one article
def is_role_word(word: str) -> bool:
    """A capitalised noun naming a function ("Außenamtssprecherin", "Nato-Generalsekretärs",
    "ödp-Spitzenkandidat"), possibly inflected (Präsidenten, Generalanwalts)."""
    capital = word[:1].isupper() or _LOWER_COMPOUND.match(word) is not None
    return capital and role_stem(word.lower()) is not None


@lru_cache(maxsize=4096)  # asked for every role word of the article, and again for its forms
def role_stem(lower: str) -> str | None:
    """The role noun without its inflection ("generalanwalts" → "generalanwalt"), else None."""
    if not _WORD_CHARS.fullmatch(lower):
        return None
    if lower.endswith(_SUFFIXES_BY_TAIL.get(lower[-3:], ())):  # _ends_in_role, inlined: hot
        return lower
    for ending in _INFLECTIONS:
        if lower.endswith(ending) and _ends_in_role(lower[: -len(ending)]):
            return lower[: -len(ending)]
    return None


def _ends_in_role(lower: str) -> bool:
    return lower.endswith(_SUFFIXES_BY_TAIL.get(lower[-3:], ()))


def nominative(word: str) -> str:
    """ "Generalanwalts" → "Generalanwalt", "Präsidenten" → "Präsident"; other words unchanged."""
    stem = role_stem(word.lower())
    return word[: len(stem)] if stem else word


@lru_cache(maxsize=4096)  # asked again for each mention of a name; texts are hashed once
def role_before(text: str, position: int) -> str | None:
    """The function named right before a name, in the same clause.

    "Nato-Generalsekretär Mark Rutte", "Frankreichs Präsident Emmanuel Macron", "Der ukrainische
    Präsident Wolodymyr Selenskyj", "die Sprecherin der Autobahn GmbH in Nordbayern, Kerstin Wolf".
    """
    window = text[max(0, position - 120) : position]
    if _no_role_word_last(window):
        return None
    if window.endswith(". "):  # "Gov. Maria Delgado": a title that names the role
        titled = _TITLE_ROLE.search(window)
        if titled:
            return " ".join(_TITLE_ROLES[w] for w in titled.group(0).split())
    # "Klinikdirektor Prof. Dr. Anna Roth": the role stands before the titles, whose full stops
    # end no clause
    if _may_end_in_title(window):  # the regex tries every space of the window: ask first
        window = _TRAILING_TITLES.sub(" ", window)
    words = _last_clause(window).split()
    if len(words) > 1 and words[-1] in _ENGLISH_ROLES and _is_qualifier(words[-2]):
        return _with_qualifier(words[:-1], words[-1])  # "Education minister Priya Shah"
    # A role further back is followed by other words, and those must end in a comma ("die
    # Sprecherin der Autobahn GmbH, Kerstin Wolf"); without one, only the last word can be the role.
    reach = 9 if words and words[-1].endswith(",") else 1
    lowest = max(-1, len(words) - 1 - reach)
    for i in range(len(words) - 1, lowest, -1):
        word = words[i].strip(",")
        if not is_role_word(word) or _plural_dative(word):
            continue  # "von den Ermittlern Demjanjuk zugeordnet": many, and not his role
        tail = words[i + 1 :]
        if tail and not words[-1].endswith(","):
            return None  # something else stands between the role and the name
        if any(w[:1].islower() and w not in ROLE_LINKS for w in tail):
            return None
        # "der Bruder des Papstes, Georg Ratzinger": the owner's role is the named person's only
        # in an apposition; "ein Mitarbeiter von Landrat X" is someone else, and X the Landrat
        if i >= 2 and words[i - 1].lower() in _OWNER_LINKS and words[-1].endswith(","):
            owner = words[i - 2]
            if owner in RELATIONS:
                # "der ältere Bruder des Papstes, Georg Ratzinger" is no Papst: his brother
                return " ".join([owner, *words[i - 1 :]]).rstrip(",")
            if is_role_word(owner):  # "die Sprecherin des Ministers, Eva Korn"
                role = " ".join([nominative(owner), *words[i - 1 :]]).rstrip(",")
                return _with_qualifier(words[: i - 2], role)
        role = " ".join([nominative(word), *tail]).rstrip(",")
        return _with_qualifier(words[:i], role)
    return None


def _no_role_word_last(window: str) -> bool:
    """The common case, told from the last word alone (most candidate names follow an article or a
    preposition): the rules below find no role when the window does not end in a title, its last
    word is no role word, no English role, ends in no comma and contains no clause mark (so it is
    the last word of the last clause, or a line break after it leaves no clause at all)."""
    tail = window.rsplit(None, 1)
    last = tail[-1] if tail and not window.endswith(". ") else ""
    if not last or last.endswith(",") or _CLAUSE_MARK.search(last):
        return False
    if last in _ENGLISH_ROLES or is_role_word(last.strip(",")):
        return False
    return not _may_end_in_title(window)


def _may_end_in_title(window: str) -> bool:
    """Whether _TRAILING_TITLES can match: the window ends in a title and spaces (its `$` also
    matches before a final line break)."""
    if window.rstrip(" ").endswith(_TITLE_ENDS):
        return True
    return window.endswith("\n") and window[:-1].rstrip(" ").endswith(_TITLE_ENDS)


def _plural_dative(word: str) -> bool:
    """ "Ermittlern", "Politikern": a role noun in -er with a plural dative -n."""
    if not word.endswith("ern"):
        return False  # most words: one string test
    return nominative(word).lower() == word.lower()[:-1]


def _last_clause(window: str) -> str:
    """What follows the last clause mark in `window`: found by searching the window reversed (a
    search from the front would go through every earlier clause)."""
    mark = _CLAUSE_MARK.search(window[::-1])
    return window[len(window) - mark.start() :] if mark else window


def _with_qualifier(before: list[str], role: str) -> str:
    """Add what belongs to the role before its noun: an owner in the genitive ("Frankreichs
    Präsident"), adjectives ("ehemalige niederländische Politikerin"), a coordinated role
    ("Vizekanzler und Arbeitsminister"), or the first words of a compound ("Human Rights Watch-Sprecher")."""
    if not before:
        return role
    word = before[-1]
    if "-" in role.split()[0] and word[:1].isupper() and word.lower() not in ARTICLES:
        names: list[str] = []
        for w in reversed(before[-3:]):
            if not w[:1].isupper() or w.lower() in ARTICLES or w.endswith(","):
                break
            if w in _NOT_QUALIFIERS or w.lower() in CLOSED_CLASS_WORDS:
                break  # "Auch FDP-Chef X" → "FDP-Chef"
            names.insert(0, w)
        return " ".join([*names, role])
    if word[:1].isupper() and word.endswith("s") and word.lower() not in ROLE_LINKS:
        return f"{word} {role}"
    if word == "und" and len(before) > 1 and is_role_word(before[-2]):
        return _with_qualifier(before[:-2], f"{nominative(before[-2])} und {role}")
    qualifiers: list[str] = []
    for w in reversed(before[-2:]):
        if not _is_qualifier(w):
            break
        qualifiers.insert(0, w)
    if qualifiers:  # "Prime Minister", "Health Secretary", "Foreign Minister"
        return " ".join([*qualifiers, role])
    adjectives: list[str] = []
    for i in range(len(before) - 1, max(-1, len(before) - 3), -1):
        if not _is_adjective(before[i], before[i - 1] if i else ""):
            break
        adjectives.insert(0, before[i])
    if not adjectives:
        return role
    article = before[-len(adjectives) - 1].lower() if len(before) > len(adjectives) else ""
    feminine = role_head(role).endswith("in")
    if article == "der" and not feminine:  # "der ukrainische Präsident" → "ukrainischer Präsident"
        adjectives = [a + "r" if a.endswith("e") else a for a in adjectives]
    elif article in ("des", "dem", "den", "der") and all(a.endswith("en") for a in adjectives):
        # oblique case: "des zurückgetretenen Ministers" → "zurückgetretener Minister",
        # "der ehemaligen Ministerin" → "ehemalige Ministerin"
        adjectives = [a[:-1] if feminine else a[:-2] + "er" for a in adjectives]
    return " ".join([*adjectives, role])


def _is_qualifier(word: str) -> bool:
    """A capitalised word that is part of the role before its noun ("Prime", "Health"): no
    article, preposition or other function word, no sentence opener, no role of its own."""
    if not word[:1].isupper() or word.endswith((",", ".")) or not word.isalpha():
        return False
    lower = word.lower()
    if lower in ARTICLES or lower in CLOSED_CLASS_WORDS or word in _NOT_QUALIFIERS:
        return False
    return not is_role_word(word) or lower in _ENGLISH_ROLES  # "Detective Inspector"


def _is_adjective(word: str, previous: str) -> bool:
    """ "ehemalige", "ukrainische" — not a verb in the past ("sagte", "hatte") unless an article leads."""
    if not _ADJECTIVE.fullmatch(word) or word in SPEECH_VERBS_DE or word in VERB_HINTS:
        return False
    return not word.endswith(("te", "ten")) or previous.lower() in ARTICLES


def role_after(text: str, position: int) -> str | None:
    """An apposition after a name (", Vorsitzender des örtlichen Burschenvereins,", ", ein Anwalt
    des …") or the organisation someone speaks for ("Lukas Ebner vom Fahrgastverband Pro Bahn")."""
    tail = text[position : position + 160]
    match = _APPOSITION.match(tail)
    if match and is_role_word(match.group(1)):
        return _apposition(nominative(match.group(1)), match.group(2))
    match = _SPEAKS_FOR.match(tail)
    if match and _names_organisation(match.group(1)):
        return match.group(1).strip()
    return None


def _apposition(noun: str, rest: str) -> str:
    """The role words of an apposition, stopping at a verb a writer put in without a comma."""
    words: list[str] = []
    parts = ANY_MARK.sub("", rest).split()
    for i, word in enumerate(parts):
        following = parts[i + 1] if i + 1 < len(parts) else ""
        adjective = _ADJECTIVE.fullmatch(word) and following[:1].isupper()
        if word[:1].islower() and word not in ROLE_LINKS and not adjective:
            break
        words.append(word)
    return " ".join([noun, *words]).strip()


def _names_organisation(words: str) -> bool:
    lower = words.lower()
    return any(s in lower for s in ORGANISATION_SUFFIXES) or bool(_ORGANISATION_WORD.search(words))


def party_after(text: str, position: int) -> str | None:
    """ "(CDU)" after a name."""
    match = _PARTY.match(text, position)
    return match.group(1) if match else None


def standalone(role: str | None, gender: str | None) -> str | None:
    """ "(der) Abgeordnete" said of a man reads "Abgeordneter" when the role stands alone."""
    if not role or gender != "m":
        return role
    words = role.split()
    for i, word in enumerate(words):
        if is_role_word(word):
            if word.lower().endswith(_WEAK_NOUNS):
                words[i] = word + "r"
            break
    return " ".join(words)


def role_head(role: str) -> str:
    """The role noun itself: "Niedersachsens Ministerpräsident (CDU)" → "ministerpräsident";
    not a role in the genitive that owns it ("Bruder des Papstes" is no Papst)."""
    words = role.split()
    for i, word in enumerate(words):
        if i and words[i - 1].lower() in _OWNER_LINKS:
            break
        if is_role_word(word) or word in _ENGLISH_ROLES:  # "Education minister"
            return nominative(_last_side_by_side(words, i)).lower()
    return role.split()[0].lower() if role.split() else ""


def _last_side_by_side(words: list[str], i: int) -> str:
    """ "Detective Inspector" → "Inspector": of English role nouns side by side, the last one
    names the function ("the inspector said")."""
    while i + 1 < len(words) and {words[i].lower(), words[i + 1].lower()} <= _ENGLISH_ROLES:
        if words[i].lower() in _DEPUTIES:
            break  # "Lieutenant Governor": "the governor" is someone else
        i += 1
    return words[i]
