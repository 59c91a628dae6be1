"""Typography of everything a reader sees: the language's quotation marks, dashes and spaces.

`typeset(text, language)` is the one normalising function. extract.py applies it where text enters
(title, paragraphs, subheadings), and the reducer once more to what it builds, so that headline,
teaser, facts, quotes, subject, preheader, HTML and text part all read alike:
- double quotation marks of any style (straight, English, German, guillemets) become the language's
  („…“ in German, “…” in English), marks inside a quotation its inner ones (‚…‘, ‘…’);
- single marks become inner quotation marks only when they pair up; an apostrophe (geht's,
  Merkel’s, Hans') stays as written;
- a hyphen or dash standing between spaces becomes a spaced en dash (" – "); runs of spaces one.
Whether a mark opens or closes is told by its neighbours (a space or a bracket before: opening; a
letter or punctuation before and a space after: closing), so it works on text whose marks were
mixed. A mark that pairs with nothing, or stands between spaces, stays as it is. typeset is
idempotent, also on odd and unpaired marks (typeset(typeset(x)) == typeset(x)): the pairing is
repeated until it settles, so text typeset by extract.py and again by the reducer or the editor's
edits reads the same. The marks themselves are data: [typography] in digest/lang/<language>.toml.
"""

from __future__ import annotations

from functools import cache

from .. import lang

DOUBLE_MARKS = '"„“”»«'
SINGLE_MARKS = "'‚‘’‹›"
_OPENING_CONTEXT = " \n([{/–—-" + DOUBLE_MARKS + SINGLE_MARKS
_SPACED_DASH = lang.lazy(r"(?<=\S)[ ]+(?:-{1,2}|–|—)[ ]+(?=\S)")
_SPACES = lang.lazy(r"[ ]{2,}")
MAX_PASSES = 4  # pairing settles in one or two passes on real text
_MARK = lang.lazy(r"[\"„“”»«'‚‘’‹›]")


@cache
def _foreign(style: tuple[str, str, str, str]) -> str:
    """The marks that are not the style's own: any of them in a text calls for typesetting. (Looked
    for with a substring test per mark, memchr-fast, rather than a regex class tested at every
    character: extract 0.95× the instructions.)"""
    return "".join(m for m in DOUBLE_MARKS + SINGLE_MARKS if m not in style)


@cache
def marks(language: str) -> tuple[str, str, str, str]:
    """Outer opening, outer closing, inner opening, inner closing mark of a language (German when
    the language has none)."""

    code = language if language in lang.languages() else "de"
    try:
        outer = lang.words("typography", "quotes", among=(code,))
        inner = lang.words("typography", "inner_quotes", among=(code,))
    except KeyError:
        outer = lang.words("typography", "quotes", among=("de",))
        inner = lang.words("typography", "inner_quotes", among=("de",))
    return outer[0], outer[1], inner[0], inner[1]


def typeset(text: str, language: str = "de") -> str:
    """`text` with the language's quotation marks, spaced en dashes and single spaces."""
    if not text:
        return text
    style = marks(language[:2].lower())
    if "  " in text or " -" in text or "- " in text or "—" in text:
        text = _SPACED_DASH.sub(" – ", text)
        text = _SPACES.sub(" ", text)
    return _settled(text, style)


def _settled(text: str, style: tuple[str, str, str, str]) -> str:
    """The quotation marks paired until another pass changes nothing, so that typeset is
    idempotent also where marks are left unpaired (a pass can turn a nested double mark into an
    inner single one, which pairs differently the next time). Marks that do not settle within a
    few passes (odd marks no reading pairs) stay as written: the same answer the next time."""
    current = text
    for _ in range(MAX_PASSES):
        if not any(map(current.__contains__, _foreign(style))):
            return current  # only the language's own marks, or none: already typeset
        paired = _quotes(current, style)
        if paired == current:
            return current
        current = paired
    return text


def _role(text: str, index: int) -> str:
    """ "open", "close", "" (either) or "stray" (spaces on both sides) for the mark at `index`,
    from its neighbours."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if before.isspace() and after.isspace():
        return "stray"  # a mark standing alone opens and closes nothing
    opens = before in _OPENING_CONTEXT and not after.isspace()
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if text[index] in "„‚":
        return "open"  # low marks only ever open
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return ""


def _quotes(text: str, style: tuple[str, str, str, str]) -> str:
    outer_open, outer_close, inner_open, inner_close = style
    chars = list(text)
    stack: list[tuple[int, str]] = []  # (index, "double" | "single") of the marks still open
    for match in _MARK.finditer(text):
        index, mark = match.start(), match.group()
        kind = "double" if mark in DOUBLE_MARKS else "single"
        role = _role(text, index)
        if role == "stray":
            continue
        if kind == "single" and _is_apostrophe(text, index, stack):
            continue
        open_same = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][1] == kind), None)
        if role == "close" or (role == "" and open_same is not None):
            if open_same is None:
                continue  # closes nothing: left as written
            start, _ = stack[open_same]
            del stack[open_same:]
            inner = any(k == "double" for _, k in stack) or kind == "single"
            chars[start] = inner_open if inner else outer_open
            chars[index] = inner_close if inner else outer_close
        elif role in ("open", ""):
            stack.append((index, kind))
    return "".join(chars)


def _is_apostrophe(text: str, index: int, stack: list[tuple[int, str]]) -> bool:
    """A single mark inside a word ("geht's"), or after a word's s with no single quotation open
    ("Hans' Rede"), is an apostrophe."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if before.isalpha() and after.isalpha():
        return True
    single_open = any(kind == "single" for _, kind in stack)
    return before in "sßxzSXZ" and after.isspace() and not single_open
