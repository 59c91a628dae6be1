"""Where names stand in a text: capitalised words, person names with the evidence that makes them
names, lone surnames after a role noun, and later mentions of a known name.

German capitalises every noun, so a capitalised word is no evidence of a name. A name needs a known
first name, a role noun right before it ("CSU-Vorsitzende Stoiber") or an apposition with a role
after it ("Arni Finnsson, ein Vertreter der …"). speakers.PersonIndex makes persons of these names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from operator import methodcaller
from typing import NamedTuple

from .. import lang
from ..lang import lazy, lazy_words
from .lexicon import ACADEMIC_TITLES, FIRST_NAMES, RELATIONS
from .roles import is_role_word, role_after, role_before

_CAP = r"[A-ZÄÖÜ][\wäöüßéèáàóòíìúùçñ'’\-]*[\w]"
# A name particle ("von der Leyen", "van Dijk", "de Maizière", "zu Guttenberg") and the spaces after
# it; an article particle ("der"/"den") only after a leading one (von/van), so that "Eva Roth der
# Zeitung" is not a name (lang/common.toml, [name_particles]).
_PARTICLE = lang.fill(
    r"(?:(?:{lead}(?:[ ]+{lead_articles})?|{others})[ ]+)",
    space=r"[ ]+",
    lead=lang.words("name_particles", "lead"),
    lead_articles=lang.words("name_particles", "lead_articles"),
    others=lang.words("name_particles", "others"),
)
_MIDDLE = rf"(?:[ ]+(?:[A-ZÄÖÜ]\.|{_CAP}))?"
_FULL_NAME = re.compile(rf"({_CAP})({_MIDDLE}(?:[ ]+{_PARTICLE}*{_CAP}))\b")
# A capitalised word, or a compound like "ödp-Spitzenkandidat".
_WORD_SHAPE = rf"(?:\b{_CAP}\b|\b[a-zäöü]+-[A-ZÄÖÜ][\w\-]*\b)"
_CAPITAL_WORD = re.compile(_WORD_SHAPE)
# Only the capitalised words that may begin a name or stand before one (a capital or a particle
# follows): most capitalised words are nouns followed by a lower-case word, and the scan does not
# hand those to Python at all.
# The same words as _WORD_SHAPE, without backtracking: a space must follow the word, so only its
# whole run of word characters can match (possessive `++` and a look back at its last character
# give up at once where `*[\w]` would retry every shorter run; 10-20 % less scan time).
_CAP_RUN = _CAP.removesuffix(r"*[\w]") + r"++(?<=[\w])"  # _CAP as one run ending in a word char
_WORD_SHAPE_WHOLE = rf"(?:\b{_CAP_RUN}\b|\b[a-zäöü]++-[A-ZÄÖÜ][\w\-]*\b)"
_NAME_FOLLOWS = rf"(?=[ ]++(?:[A-ZÄÖÜ]|[a-zäöü]++-[A-ZÄÖÜ]|{_PARTICLE}))"
# The words `_WORD_SHAPE_WHOLE + _NAME_FOLLOWS` matches, by its two kinds of word, each found
# faster on its own (before_name_words; tests/test_fast_scans.py compares the two): a pattern
# that opens with the capital's class lets the engine skip to the capitals (the \b before it, a
# look back past the capital, would make it try every position), and the compounds are looked
# for at the hyphens only.
_CAPITAL_BEFORE_NAME = re.compile(
    "[A-ZÄÖÜ](?<!\\w.)" + _CAP_RUN.removeprefix("[A-ZÄÖÜ]") + rf"\b{_NAME_FOLLOWS}"
)
_COMPOUND_BEFORE_NAME = re.compile(rf"\b[a-zäöü]++-[A-ZÄÖÜ][\w\-]*\b{_NAME_FOLLOWS}")
_COMPOUND_HEAD = frozenset("abcdefghijklmnopqrstuvwxyzäöü")
# What must follow a first name for _FULL_NAME to match: a capital or a name particle.
_NAME_MAY_FOLLOW = re.compile(rf"[ ]+(?:[A-ZÄÖÜ]|{_PARTICLE})")
_MORE_NAME = lazy(r"[ ]+[A-ZÄÖÜ]")
_APPOSITION_NAME = lazy(r",[ ]+[A-ZÄÖÜ][\w\-]+[ ]+[A-ZÄÖÜ][\w\-]+")
# Capitalised words that begin sentences or name things, never a first name.
NOT_NAMES = lang.word_set("not_names", "words")
# Words that follow a name in a sentence but never end one: "Kevin Lynch Anfang April".
NOT_NAME_ENDS = (
    lang.word_set("not_names", "ends")
    | lang.word_set("months", "names")
    | lang.word_set("weekdays", "names")
)
NOUN_ENDINGS = lang.words("nouns", "endings")
_NOUN_ENDINGS = NOUN_ENDINGS


class NameMatch(NamedTuple):
    """A name where it stands in a text, with its parts and the role named before it."""

    text: str
    first: str
    surname: str
    role: str | None
    start: int
    end: int


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
    before_names = before_name_words(text)
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
        if first.endswith(_POSSESSIVE_ENDINGS):
            continue  # "Kreuzberg's Frühburgunder": whose wine, not a name
        if _someone_of_theirs(rest):
            continue  # "Hans Rots Anwalt": his lawyer, named nowhere
        rest = _without_origin(rest)
        end = text.index(rest, start + len(first)) + len(rest)
        role = role_before(text, start)
        if (
            first not in FIRST_NAMES
            and not role
            and not _apposition_role(text, end)
            and not _repeated_surname(text, start, first, rest)
        ):
            continue
        surname = _drop_middle_name(rest)
        names.append(NameMatch(f"{first} {rest}", first, surname, role, start, end))
        taken_until = end
    return sorted(names + _single_surnames(text, before_names, names), key=lambda n: n.start)


def before_name_words(text: str) -> list[re.Match[str]]:
    """The capitalised words (or compounds like "ödp-Spitzenkandidat") that a capital or a name
    particle follows: the matches of `_WORD_SHAPE_WHOLE + _NAME_FOLLOWS`, found by the two kinds
    of word apart and merged as finditer would (left to right, none inside the one before)."""
    found = list(_CAPITAL_BEFORE_NAME.finditer(text))
    hyphen = text.find("-")
    if hyphen < 0:
        return found
    compounds = []
    while hyphen >= 0:
        start = hyphen
        while start > 0 and text[start - 1] in _COMPOUND_HEAD:
            start -= 1
        match = _COMPOUND_BEFORE_NAME.match(text, start) if start < hyphen else None
        if match:
            compounds.append(match)
        hyphen = text.find("-", hyphen + 1)
    if not compounds:
        return found
    merged: list[re.Match[str]] = []
    for match in sorted(found + compounds, key=methodcaller("start")):
        if not merged or match.start() >= merged[-1].end():
            merged.append(match)
    return merged


def _single_surnames(
    text: str, before_names: list[re.Match[str]], found: list[NameMatch]
) -> list[NameMatch]:
    """ "der CSU-Vorsitzende Stoiber", "DFB-Präsident Zwanziger": a lone name right after a role.

    `before_names` are the capitalised words followed by another or a particle (before_name_words),
    among them every role noun followed by a name."""
    names = []
    for previous in before_names:
        if not is_role_word(previous.group(0)) or text[previous.end()] != " ":
            continue  # only right after a role noun, one space between
        match = _CAPITAL_WORD.match(text, previous.end() + 1)
        if not match:
            continue
        word, start = match.group(0), match.start()
        if word in NOT_NAMES or word in FIRST_NAMES or word.lower().endswith(_NOUN_ENDINGS):
            continue
        if f"{word}." in ACADEMIC_TITLES and text.startswith(".", match.end()):
            continue  # "Klinikdirektor Prof. Dr. Anna Roth": a title, the name follows
        if is_role_word(word) or word.endswith(_GENITIVE_PLACE_ENDINGS):
            continue  # "Verteidigungsminister Österreichs": whose minister, not who
        if any(n.start <= start < n.end for n in found):
            continue
        if _MORE_NAME.match(text, match.end(), match.end() + 2):
            continue  # "Richterin Bärbel …": more name follows
        if _APPOSITION_NAME.match(text, match.end()):
            continue  # "der Oberrabbiner Israels, Yona Metzger": a genitive, the name follows
        role = role_before(text, start)
        if role:
            names.append(NameMatch(word, "", word, role, start, match.end()))
    return names


def _repeated_surname(text: str, start: int, first: str, rest: str) -> bool:
    """ "Reinhold Gall … Gall sagte …": an unknown first name counts when the surname comes back
    alone in the article (not only as part of the same pair: „Beijing Shibao“ twice is a title)
    and never stands after an article (as a noun would: "die Bank"), the first word does not end
    like an adjective ("Deutsche Bank", "Neuer Vorstand"), and the pair is not opened by a
    quotation mark (a newspaper, ship or product: "gegenüber „Beijing Shibao“")."""
    if " " in rest or not 3 <= len(first) <= _LONGEST_FIRST_NAME:
        return False  # "Nominierungsprozess Mitt Romney": the name starts later
    surname = rest
    if first.lower().endswith(_ADJECTIVE_ENDINGS) or len(surname) < 3:
        return False
    if text[max(0, start - 1) : start] in _OPENING_MARKS:
        return False
    if first.lower() in _FUNCTION_WORDS:
        return False  # "Durch Hitze", "Mein Bruder"
    if _occurrences(text.replace(f"{first} {surname}", " "), surname, 1) < 1:
        return False
    return not (_after_article(text, surname) or _after_article(text, first))


def _occurrences(text: str, word: str, enough: int) -> int:
    """How often the word stands in the text as a word of its own (not inside another), counted
    up to `enough`."""
    seen = 0
    start = text.find(word)
    while start >= 0 and seen < enough:
        end = start + len(word)
        if not _is_word_char(text[start - 1 : start]) and not _is_word_char(text[end : end + 1]):
            seen += 1
        start = text.find(word, end)
    return seen


def _after_article(text: str, word: str) -> bool:
    """The word stands after an article somewhere in the text, as a noun does ("die Insel").
    By string search: a pattern made for each word would cost more than the search."""
    start = text.find(word)
    while start >= 0:
        before = text[max(0, start - 8) : start]
        if before.endswith(" ") and before.split()[-1:] and before.split()[-1].lower() in _ARTICLES:
            return True
        start = text.find(word, start + 1)
    return False


_LONGEST_FIRST_NAME = 12
_GENITIVE_PLACE_ENDINGS = tuple(lang.words("names", "genitive_place_endings"))
_OPENING_MARKS = frozenset("„“”\"»«‚‘'")
_ADJECTIVE_ENDINGS = tuple(lang.words("names", "adjective_endings"))
_ARTICLES = lang.word_set("articles", "words")
# prepositions, possessives, articles and the like: never a first name ("Durch Hitze", "Mein Bruder")
_FUNCTION_WORDS = (
    lang.word_set("function_words", "words")
    | lang.word_set("prepositions", "words")
    | lang.word_set("pronouns", "masculine_possessive")
    | lang.word_set("pronouns", "feminine_possessive")
    | lang.word_set("names", "not_first")
)


def _apposition_role(text: str, end: int) -> bool:
    """Evidence after an unknown name: ", ein Vertreter der …", ", Sprecher der …"."""
    return text.startswith(",", end) and role_after(text, end) is not None


def _without_origin(rest: str) -> str:
    """ "Martin Fenin von Frankfurt" → "Fenin": a particle after a surname names where someone
    comes from; a name's own particle follows the first names ("Karl Theodor zu Guttenberg").
    "Ludwig Kreuzberg's Frühburgunder" → "Kreuzberg": what follows a possessive is his."""
    words = rest.split(" ")
    if len(words) > 2 and words[1] in _PARTICLE_WORDS and words[0] not in FIRST_NAMES:
        return words[0]
    if len(words) > 1 and words[0].endswith(_POSSESSIVE_ENDINGS):
        return words[0][:-2]
    if rest.endswith(_POSSESSIVE_ENDINGS):
        return rest[:-2]  # "Tom Hale's critics": the name is Tom Hale
    return rest


_POSSESSIVE_ENDINGS = ("'s", "’s")


def _someone_of_theirs(rest: str) -> bool:
    """ "Rots Anwalt", "Rots Frau": a genitive surname, then a role or relation noun."""
    words = rest.split()
    return (
        len(words) > 1
        and words[-2].endswith(("s", "'", "’"))
        and (is_role_word(words[-1]) or words[-1] in RELATIONS)
    )


_PARTICLE_WORDS = lang.word_set("name_particles", "lead") | lang.word_set(
    "name_particles", "others"
)


_SURNAME_PREFIX = lazy_words(r"(?:{})[A-Z]", lang.words("names", "surname_prefixes"))
_FOREIGN_LETTERS = frozenset("".join(lang.words("names", "foreign_letters")))


def name_shaped(word: str) -> bool:
    """A word shaped as no German noun is: "McClaren", "O’Neill", "Pérez", "Nešković"."""
    return bool(_SURNAME_PREFIX.match(word)) or not _FOREIGN_LETTERS.isdisjoint(word.lower())


def _drop_middle_name(rest: str) -> str:
    """'W. Bush' → 'Bush', 'von der Leyen' stays, 'Maria Sacharowa' → 'Sacharowa' (no first name)."""
    words = rest.split()
    while len(words) > 1 and (words[0].endswith(".") or words[0] in FIRST_NAMES):
        words = words[1:]
    return " ".join(words)
