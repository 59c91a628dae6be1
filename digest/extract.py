"""RawItem → Article: clean text in paragraphs, subheadings apart, agency credits and promo removed,
in the reader's typography (typography.py: quotation marks, dashes, spaces).

The boilerplate rules, agencies and credit-line words are data (digest/lang/*.toml, loaded into
BOILERPLATE, AGENCIES and CREDIT_LINE below): add a pattern to drop a newsletter plug, a "read more"
line or a series tag line, or an agency, without touching the code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import lang
from .lang.detect import article_language
from .lang.typography import typeset
from .lines import without_markers
from .models import Article, RawItem

MAX_SUBHEADING_CHARS = 90
MAX_SUBHEADING_WORDS = 12


@dataclass(frozen=True)
class BoilerplateRule:
    """A pattern for promo or navigation text; `whole` rules drop the paragraph, others the match.

    `probe` is the pattern without a leading `\\s*`: it matches wherever the pattern does, but the
    regex engine tries a leading `\\s*` at every position of every paragraph (3-4x the time of
    the probe), so a rule that removes a match only runs where its probe finds one."""

    name: str
    pattern: re.Pattern[str]
    whole: bool = True
    probe: re.Pattern[str] | None = None


def _rule(name: str, pattern: str, whole: bool = True) -> BoilerplateRule:
    rest = pattern.removeprefix(r"\s*")
    plain = rest != pattern and not rest.startswith(("?", "+", "{"))  # not \s*? \s*+ \s*{
    probe = re.compile(rest, re.IGNORECASE) if plain else None
    return BoilerplateRule(name, re.compile(pattern, re.IGNORECASE), whole, probe)


# The rules of every language (digest/lang/*.toml, [[boilerplate]]), in file order.
BOILERPLATE: tuple[BoilerplateRule, ...] = tuple(
    _rule(rule["name"], rule["pattern"], rule.get("whole", True))
    for rule in lang.records("boilerplate")
)
# agency abbreviation as written (any case) → the name the email shows (lang/common.toml)
AGENCIES = lang.mapping("agencies", "names")
_AGENCY = r"(?:" + "|".join(sorted(AGENCIES, key=len, reverse=True)) + r")"
# words that join agency names ("dpa und Reuters"), besides , / &
_JOINERS = lang.words("credits", "joiners")
_AGENCY_LIST = rf"{_AGENCY}(?:\s*(?:,|/|{'|'.join(_JOINERS)}|&)\s*{_AGENCY})*"
CREDIT_LINE = re.compile(
    r"^\s*(?:" + "|".join(lang.words("credits", "lead_ins")) + r"|\()"
    rf"({_AGENCY_LIST})\)?\s*[.)]?\s*$",
    re.IGNORECASE,
)
# Patterns that few texts need are compiled on their first use (lang.lazy) rather
# than at import; a class of characters beyond Latin-1 alone costs ~0.4 ms to compile.
# "München (dpa) – …": a place and the agency in brackets before a dash, at the start of the first
# paragraph (asked only of one with a "(" in it).
_DATELINE = lang.lazy(
    rf"^([A-ZÄÖÜ][\w .'/-]{{1,40}}?)\s*\(({_AGENCY_LIST})\)\s*[-–—]\s*", re.IGNORECASE
)
_CREDIT_SEPARATOR = lang.lazy(
    r"\s*(?:,|/|" + "|".join(rf"\b{j}\b" for j in _JOINERS) + r"|&)\s*", re.IGNORECASE
)
# Soft hyphens and zero-width characters, and the bidi embeddings, overrides and isolates that can
# make untrusted text display as something else (U+202A–U+202E, U+2066–U+2069).
_INVISIBLE = "[\u00ad\u200b\u200c\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]"
MAX_ARTICLE_CHARS = 50_000  # a long read is ~30,000; beyond this it is not an article but a dump
_SPACES = "[\u00a0\u2007\u202f\u2002\u2003\u2009\u200a\t\x0b\x0c]"
# The control characters (category Cc: U+0000–U+001F, U+007F–U+009F) but "\n". Character classes
# rather than str.translate or a test of each character's category: both walk the text in Python
# objects, which was most of extract's time; a regex scans it in C and mostly finds nothing.
_CONTROLS = "[\x00-\x09\x0b-\x1f\x7f-\x9f]"
_RUNS_OF_SPACES = re.compile(r"[ ]{2,}")
# Any character that one of the steps of `normalise` replaces or removes: most texts have none, and
# one scan that finds nothing saves the other scans (three regexes and three replaces), and their
# compiling.
_TO_CLEAN = re.compile(
    "[" + "".join(p.strip("[]") for p in (_INVISIBLE, _SPACES, _CONTROLS)) + "\r\u2028]"
)
# The invisible characters, the odd spaces and the controls, as patterns.
_INVISIBLES = lang.lazy(_INVISIBLE)
_ODD_SPACES = lang.lazy(_SPACES)
_CONTROL_CHARACTERS = lang.lazy(_CONTROLS)


def _needs_cleaning(text: str) -> bool:
    """Does `text` hold a character of _TO_CLEAN? Each of them is unprintable (a control, format
    or separator character: tests/test_extract.py checks all), so a text printable but for its
    line breaks holds none; `str.isprintable` tells that from a table in C, 0.55× the
    instructions of the regex, which is asked only when it says no."""
    return not text.replace("\n", "").isprintable() and _TO_CLEAN.search(text) is not None


def normalise(text: str) -> str:
    """NFC, no soft hyphens or zero-width characters, plain spaces, LF line ends, no controls."""
    text = unicodedata.normalize("NFC", text)
    if _needs_cleaning(text):
        text = _ODD_SPACES.sub(" ", _INVISIBLES.sub("", text))
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
        text = _CONTROL_CHARACTERS.sub("", text)
    return _RUNS_OF_SPACES.sub(" ", text) if "  " in text else text


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks; a text without blank lines has one paragraph per line."""
    text = normalise(text).strip()
    if re.search(r"\n[ ]*\n", text):
        blocks = re.split(r"\n[ ]*\n+", text)
        return [" ".join(line.strip() for line in b.splitlines() if line.strip()) for b in blocks]
    return [line.strip() for line in text.splitlines() if line.strip()]


def parse_credits(paragraph: str) -> tuple[str, ...] | None:
    """The agencies of a credit line ("Mit Informationen von dpa und reuters"), else None."""
    match = CREDIT_LINE.match(paragraph)
    if not match:
        return None
    names = _CREDIT_SEPARATOR.split(match.group(1))
    return tuple(dict.fromkeys(AGENCIES[n.lower()] for n in names if n))


def remove_boilerplate(paragraphs: list[str]) -> list[str]:
    kept = []
    for paragraph in paragraphs:
        for rule in BOILERPLATE:
            if rule.whole and rule.pattern.search(paragraph):
                paragraph = ""
                break
            if not rule.whole:
                if rule.probe is None or rule.probe.search(paragraph):
                    paragraph = rule.pattern.sub("", paragraph)
                paragraph = paragraph.strip()
        if paragraph:
            kept.append(paragraph)
    return kept


def is_subheading(paragraph: str) -> bool:
    """A short line without end punctuation that stands between paragraphs."""
    words = paragraph.split()
    return (
        len(paragraph) <= MAX_SUBHEADING_CHARS
        and 1 <= len(words) <= MAX_SUBHEADING_WORDS
        and not re.search(r"[.!?:;,…“”\"»«)]$", paragraph)
        and not paragraph.startswith(("-", "*", "•", "–"))
    ) or bool(re.match(r"^#{1,6}\s", paragraph))


def extract(item: RawItem) -> Article:
    """Clean one item into an Article (never raises on odd text: it gives what it can)."""
    body = item.body
    if item.body_format == "html":
        from .htmltext import html_to_text  # html.parser: not for text files (`digest reduce`)

        body = html_to_text(body)
    body = without_markers(body)  # entities decoded: "&#37;&#37;DIGEST_…" is one again
    paragraphs = _within_limit(remove_boilerplate(split_paragraphs(body)))
    paragraphs, credits = _take_credits(paragraphs)
    body_paragraphs: list[str] = []
    subheadings: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        between = 0 < i < len(paragraphs) - 1
        if (between or paragraph.startswith("#")) and is_subheading(paragraph):
            subheadings.append(paragraph.lstrip("# ").strip())
        else:
            body_paragraphs.append(paragraph)
    title = " ".join(without_markers(normalise(item.title)).split()) if item.title else None
    # Typography where text enters: every stage after this one sees the reader's marks and dashes.
    language = article_language(" ".join(body_paragraphs[:3]), item.language or "de")
    return Article(
        key=item.key,
        source=item.source,
        url=without_markers(item.url) if item.url else item.url,
        title=typeset(title, language) if title else None,
        paragraphs=tuple(typeset(p, language) for p in body_paragraphs),
        subheadings=tuple(typeset(s, language) for s in subheadings),
        published=item.published,
        section=item.section,
        credits=credits,
        language=language,  # what the text is; the source's declared language when unclear
        origin=item.origin,
    )


def _within_limit(paragraphs: list[str]) -> list[str]:
    """The paragraphs up to MAX_ARTICLE_CHARS (the last one cut at a space), so that reducing stays
    fast on pathological input; the credit line at the very end is kept."""
    total = sum(len(p) for p in paragraphs)
    if total <= MAX_ARTICLE_CHARS:
        return paragraphs
    kept: list[str] = []
    room = MAX_ARTICLE_CHARS
    for paragraph in paragraphs:
        if len(paragraph) > room:
            cut = paragraph[:room].rsplit(" ", 1)[0]
            if cut:
                kept.append(cut)
            break
        kept.append(paragraph)
        room -= len(paragraph)
    tail = paragraphs[-1]
    return kept + ([tail] if parse_credits(tail) is not None and tail not in kept else [])


def _take_credits(paragraphs: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """Remove credit lines among the last paragraphs and a dateline credit in the first one."""
    credits: list[str] = []
    kept = list(paragraphs)
    for i in range(len(kept) - 1, max(len(kept) - 4, -1), -1):
        found = parse_credits(kept[i])
        if found is not None:
            credits.extend(found)
            del kept[i]
    # the pattern has a mandatory "(": without one the first paragraph has no dateline
    if kept and "(" in kept[0] and (head := _DATELINE.match(kept[0])):
        credits.extend(parse_credits(f"({head.group(2)})") or ())
        kept[0] = kept[0][head.end() :]
    return kept, tuple(dict.fromkeys(credits))
