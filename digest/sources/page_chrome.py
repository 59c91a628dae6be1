"""Page chrome out of an extracted article: captions, credits, skip links, prompts, bylines, teasers.

trafilatura finds the article on a page, but what it keeps still holds text that is not the story:
photo captions and credits, reading times, share and comment prompts, cookie banners, "Anzeige",
related-article lists, bylines and datelines. The rules are data (digest/lang/page-chrome.toml,
described at its top); this module applies them to the blocks (paragraphs, headings, list items) of
the extracted HTML, plus two rules of HTML structure: figures and their captions go, and so does a
block that only repeats the headline or the section (a kicker) or names the author.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from lxml.html import HtmlElement

RULES_FILE = Path(__file__).parent.parent / "lang" / "page-chrome.toml"
DROPS = ("block", "part", "prompt", "section", "end")
BLOCK_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li blockquote dt dd pre td th div figcaption".split())
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
FIGURE_TAGS = ("figure", "figcaption", "picture", "img", "video", "audio")
MAX_REPEATED = 300  # longer than any headline, section or author name
MAX_NOT_SENTENCE = 120  # a line this short without a full stop is a teaser title, not text
_SENTENCE_END = re.compile(r"[.!?…\"“”»«)]$")


@dataclass(frozen=True)
class Rule:
    """One [[rule]] of the data file, compiled."""

    name: str
    language: str
    drop: str
    pattern: re.Pattern[str]
    max_chars: int = 400


@dataclass(frozen=True)
class ChromeRules:
    rules: tuple[Rule, ...]

    def of(self, drop: str) -> tuple[Rule, ...]:
        return self.by_drop.get(drop, ())

    @cached_property
    def by_drop(self) -> dict[str, tuple[Rule, ...]]:
        return {drop: tuple(r for r in self.rules if r.drop == drop) for drop in DROPS}

    @property
    def languages(self) -> frozenset[str]:
        """The languages the data file has words for (what a page's <html lang> may set)."""
        return frozenset(rule.language for rule in self.rules) - {"any"}


@cache
def chrome_rules(path: Path = RULES_FILE) -> ChromeRules:
    """The rules of the data file, compiled once; RuntimeError naming the file and rule when one
    cannot be read (a broken data file is a broken installation, not a bad page)."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise RuntimeError(f"{path}: cannot read the page chrome rules: {err}") from None
    defines = _defines(data.get("define", {}))
    rules = []
    for number, entry in enumerate(data.get("rule", []), start=1):
        where = f"{path}: rule {number} ({entry.get('name', '?')})"
        if entry.get("drop") not in DROPS:
            raise RuntimeError(f"{where}: drop must be one of {', '.join(DROPS)}")
        flags = 0 if entry.get("case") else re.IGNORECASE
        source = "|".join(f"(?:{_expand(p, defines)})" for p in entry.get("patterns", []))
        try:
            pattern = re.compile(source, flags)
        except re.error as err:
            raise RuntimeError(f"{where}: {err}") from None
        rules.append(
            Rule(
                name=entry.get("name", ""),
                language=entry.get("language", "any"),
                drop=entry["drop"],
                pattern=pattern,
                max_chars=int(entry.get("max_chars", 400)),
            )
        )
    return ChromeRules(tuple(rules))


def _defines(table: dict[str, str]) -> dict[str, str]:
    resolved = dict(table)
    for _ in range(3):  # a definition may use another one
        resolved = {name: _expand(value, resolved) for name, value in resolved.items()}
    return resolved


def _expand(pattern: str, defines: dict[str, str]) -> str:
    """`{name}` replaced by its definition; regex repetitions like {1,80} are left alone."""
    return re.sub(r"\{([a-z_]+)\}", lambda m: defines.get(m.group(1), m.group(0)), pattern)


def remove_chrome(
    body: HtmlElement,
    *,
    headline: str | None = None,
    section: str | None = None,
    author: str | None = None,
) -> None:
    """Remove the page chrome from an extracted article's HTML tree, in place; `headline`,
    `section` and `author` are the page's own (a block that only repeats one of them goes)."""
    rules = chrome_rules()
    for element in [e for e in body.iter(*FIGURE_TAGS)]:
        _drop(element)
    repeated = _repeated_keys((headline, section), author)
    blocks = list(_blocks(body))
    total = sum(len(text) for _, text in blocks) or 1
    seen = 0
    in_section = ending = False
    for element, text in blocks:
        seen += len(text)
        if ending:
            _drop(element)
            continue
        line = text.rstrip(" .:|")
        if not line or _repeats(line, repeated):
            _drop(element)
            continue
        if _fullmatch(rules.of("end"), line) and seen > total / 2:
            ending = True
            _drop(element)
            continue
        if _fullmatch(rules.of("section"), line):
            in_section = True
            _drop(element)
            continue
        if in_section and not _is_sentence(element, text):
            _drop(element)
            continue
        in_section = False
        if _fullmatch(rules.of("block"), line) or _prompt(rules.of("prompt"), text):
            _drop(element)
            continue
        cut = _cut(rules.of("part"), text)
        if cut != text:
            _set_text(element, cut) if cut else _drop(element)
    _drop_empty(body)


def _blocks(body: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """The innermost block elements in document order, with their text on one line."""
    for element in body.iter(*BLOCK_TAGS):
        if any(child.tag in BLOCK_TAGS for child in element.iterdescendants()):
            continue
        yield element, " ".join(element.text_content().split())


def _fullmatch(rules: tuple[Rule, ...], line: str) -> bool:
    return any(rule.pattern.fullmatch(line) for rule in rules)


def _prompt(rules: tuple[Rule, ...], text: str) -> bool:
    return any(len(text) <= rule.max_chars and rule.pattern.search(text) for rule in rules)


def _cut(rules: tuple[Rule, ...], text: str) -> str:
    for rule in rules:
        text = rule.pattern.sub("", text)
    return " ".join(text.split())


def _repeated_keys(labels: tuple[str | None, ...], author: str | None) -> frozenset[str]:
    """What a block that only repeats the headline, the section (a kicker) or the author's name
    (alone or with "Von"/"By") reads as, by _key()."""
    keys = {_key(label) for label in labels if label}
    if author and (name := _key(author)):
        keys |= {name, "von" + name, "by" + name}
    return frozenset(keys - {""})


def _repeats(line: str, keys: frozenset[str]) -> bool:
    return len(line) <= MAX_REPEATED and _key(line) in keys


def _is_sentence(element: HtmlElement, text: str) -> bool:
    if element.tag in HEADING_TAGS or element.tag == "li":
        return False
    return len(text) > MAX_NOT_SENTENCE or bool(_SENTENCE_END.search(text))


def _set_text(element: HtmlElement, text: str) -> None:
    for child in list(element):
        element.remove(child)
    element.text = text


def _drop(element: HtmlElement) -> None:
    if element.getparent() is not None:
        element.drop_tree()  # keeps the text that follows the element


def _drop_empty(body: HtmlElement) -> None:
    """Lists, quotes and tables left without text once their blocks are gone."""
    for tag in ("ul", "ol", "dl", "blockquote", "table", "div"):
        for element in list(body.iter(tag)):
            if not element.text_content().strip():
                _drop(element)


def _key(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())
