"""Text-file source: .txt and .md articles in a folder (or one file), one article per file.

A file may start with front matter between `---` lines (`url:`, `title:`, `section:`, `published:`,
`language:`, `key:`). Without a `title:`, a first line that looks like a title (short, no final full
stop, a paragraph after it, with or without a blank line between; see split_title) is the title;
otherwise the article has none (like the BR24 seed, whose first line is its lead sentence).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..config.schema import option
from ..config.sources import SourceConfig
from ..errors import SourceError
from ..models import RawItem
from . import SourceContext, register

TYPE_NAME = "textfile"
MAX_TITLE_CHARS = 150
MAX_BARE_TITLE_WORDS = 20
MAX_FILE_BYTES = 5_000_000  # a news article is a few KB; anything this big is not one
FRONT_MATTER_KEYS = ("url", "title", "section", "published", "language", "key")


@dataclass(frozen=True)
class TextFileConfig(SourceConfig):
    """[[sources]] type = "textfile": a folder of .txt and .md articles, or one file."""

    path: Path | None = option(None, "folder (or file) of articles")
    glob: tuple[str, ...] = option(("*.txt", "*.md"), "which files in the folder")

    def problems(self) -> Iterator[tuple[str, str]]:
        if self.path is None:
            yield "path", "missing (a textfile source needs a folder or file)"
        elif not self.path.exists():
            yield "path", f"no such folder '{self.path.name}' ({self.path})"

    def local_paths(self) -> tuple[Path, ...]:
        return (self.path,) if self.path else ()


class UnreadableText(Exception):
    """The bytes are not text in any encoding we accept."""


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Decode a text file: UTF-8 (BOM tolerated), UTF-16 (with or without BOM), else cp1252.

    Returns the text and a warning when a fallback encoding was used.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_utf16(data, "utf-16"), None
    if utf16 := _utf16_without_bom(data):
        return _decode_utf16(data, utf16), f"no BOM, read as {utf16.upper()}"
    if b"\x00" in data:
        raise UnreadableText("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
        warning = None
    except UnicodeDecodeError as err:
        text, fallback_lines = _decode_lines(data)
        where = f"byte {data[err.start]:#04x} at offset {err.start}"
        if fallback_lines == text.count("\n") + 1:
            warning = f"not UTF-8 ({where}), read as cp1252"
        else:
            warning = f"mixed encodings ({where}): {fallback_lines} line(s) read as cp1252"
    if _looks_binary(text):
        raise UnreadableText("binary file (mostly control characters)")
    return text, warning


def _decode_lines(data: bytes) -> tuple[str, int]:
    """UTF-8 line by line, cp1252 for the lines that are not UTF-8 (files pasted together)."""
    lines, fallback = [], 0
    for raw in data.removeprefix(b"\xef\xbb\xbf").split(b"\n"):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1252", errors="replace"))
            fallback += 1
    return "\n".join(lines), fallback


def _decode_utf16(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise UnreadableText(f"invalid {encoding.upper()} at offset {err.start}") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has a NUL in every other byte for Latin text."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.7 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.7 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


# Unicode's control characters (category Cc: U+0000–U+001F, U+007F–U+009F) but for line breaks,
# tab and form feed; one regex counts them, not a category lookup per character.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    controls = len(_CONTROL_CHARS.findall(sample))
    return controls > 0.05 * len(sample)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Front matter (`---` lines around `key: value` lines) and the rest of the text."""
    match = re.match(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", text, re.DOTALL)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[match.end() :]


def split_title(text: str) -> tuple[str | None, str]:
    """A first line that looks like a title, and the rest; (None, text) when there is none.

    A title is short, has no final full stop (comma, semicolon), and a paragraph follows it. With a
    blank line (or as a Markdown heading) that is enough; without one — the usual shape of exported
    articles — it must also begin with a capital, digit or quotation mark, end without a colon,
    be at most MAX_BARE_TITLE_WORDS words, and the line after it must be longer and read as text."""
    stripped = text.lstrip("\n")
    first, sep, rest = stripped.partition("\n")
    first = first.strip()
    heading = first.startswith("# ")
    if heading:
        first = first[2:].strip()
    if not sep or not 0 < len(first) <= MAX_TITLE_CHARS or first.endswith((".", ",", ";")):
        return None, text
    if heading or rest.startswith("\n"):
        return first, rest
    return (first, rest) if _bare_title(first, rest) else (None, text)


def _bare_title(first: str, rest: str) -> bool:
    """A title line with a paragraph right under it (no blank line between)."""
    following = rest.split("\n", 1)[0].strip()
    return (
        (first[0].isupper() or first[0].isdigit() or first[0] in "„“\"»«‚'(")
        and not first.endswith((":", "…", "-", "–"))
        and len(first.split()) <= MAX_BARE_TITLE_WORDS
        and len(following) > len(first)
        and following.endswith((".", "!", "?", "“", '"', "«", "»", ")", "…"))
    )


def content_key(text: str) -> str:
    """A stable key for an article without URL: a hash of its normalised words."""
    words = " ".join(text.split()).casefold()
    return "sha256:" + hashlib.sha256(words.encode()).hexdigest()[:24]


def parse_published(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


@register(TYPE_NAME, TextFileConfig, default=True)
class TextFileSource:
    """All matching files of a folder, in name order; or one file."""

    def __init__(self, spec: TextFileConfig, context: SourceContext) -> None:
        self.spec = spec
        self.report = context.report
        self.language = spec.language or context.config.newsletter.language

    def items(self) -> Iterator[RawItem]:
        for path in self.files():
            item = self.read(path)
            if item is not None:
                yield item

    def files(self) -> list[Path]:
        root = self.spec.path
        if root is None or not root.exists():
            raise SourceError(f"source {self.spec.name!r}: no such folder '{root}'")
        if root.is_file():
            return [root]
        return sorted({p for pattern in self.spec.glob for p in root.glob(pattern) if p.is_file()})

    def read(self, path: Path) -> RawItem | None:
        """One file as a RawItem; None (with a message on the report) when it cannot be used."""
        try:
            data = _read_bytes(path)
            text, warning = decode_text(data)
        except (OSError, UnreadableText) as err:
            self.report.fail(f"{path}: skipped: {_reason(err)}")
            return None
        if warning:
            self.report.warn(f"{path}: {warning}")
        return self.item_from_text(text, path)

    def item_from_text(self, text: str, path: Path) -> RawItem | None:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        meta, body = split_front_matter(text)
        for key in meta.keys() - set(FRONT_MATTER_KEYS):
            self.report.warn(f"{path}: front matter: unknown key {key!r}")
        title = meta.get("title") or None
        if title is None:
            title, body = split_title(body)
        if not body.strip():
            what = "only a title, no text" if title else "empty file"
            self.report.warn(f"{path}: skipped: {what}")
            return None
        url = meta.get("url") or None
        return RawItem(
            source=self.spec.name,
            key=meta.get("key") or url or content_key(body),
            url=url,
            title=title,
            body=body,
            body_format="text",
            published=parse_published(meta.get("published", "")),
            section=meta.get("section") or self.spec.section,
            language=meta.get("language") or self.language,
            origin=str(path),
        )


def _read_bytes(path: Path) -> bytes:
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableText(f"larger than {MAX_FILE_BYTES // 1_000_000} MB, not an article")
    return data


def _reason(err: Exception) -> str:
    if isinstance(err, OSError):
        return err.strerror or str(err)
    return str(err)


def read_paths(
    paths: Iterable[Path], spec: TextFileConfig, context: SourceContext
) -> list[RawItem]:
    """Read the given files as articles of `spec` (used by `digest reduce`)."""
    source = TextFileSource(spec, context)
    return [item for path in paths if (item := source.read(path)) is not None]
