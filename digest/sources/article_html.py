"""The one article extractor for HTML: saved pages, fetched pages and full articles in feeds.

bytes → checked (an HTML page, not a PDF, image or JSON; within the size cap) → decoded (the
declared charset checked against the bytes) → parsed once → the page's metadata (page_meta) and
its article, found by trafilatura with the same precision-oriented settings for every caller →
page chrome removed (page_chrome) → sanitised HTML (sanitise.clean_html). Every problem is a
NoArticle naming the page, so a caller skips it with one line.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, replace
from datetime import datetime
from html import escape

from lxml import etree
from lxml.html import HtmlElement, fromstring

from ..errors import SourceError
from .page_chrome import chrome_rules, remove_chrome
from .page_meta import PageMeta, parse_date, read_meta
from .sanitise import clean_html, plain_line

MAX_PAGE_BYTES = 5_000_000  # the largest news page in the test corpus is under 1 MB
MIN_ARTICLE_CHARS = 150  # less than this after extraction: a homepage, a login wall, a stub
# A feed entry with this many paragraphs or characters carries the article, not a summary.
FULL_ARTICLE_PARAGRAPHS = 3
FULL_ARTICLE_CHARS = 3000
HTML_TYPES = ("", "text/html", "application/xhtml+xml", "text/plain")
# What a body is when it is not HTML, by its first bytes (after white space).
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"{", "JSON"),
    (b"[", "JSON"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_SINGLE_BYTE = frozenset(
    codecs.lookup(n).name for n in ("ascii", "latin-1", "cp1252", "iso8859-15", "cp1250")
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


class NoArticle(SourceError):
    """A page without an article we can read: not HTML, too big, no article text."""


@dataclass(frozen=True)
class PageText:
    """The article of a page: sanitised HTML and what the page says about it."""

    url: str | None  # the canonical URL, else the URL it was read from
    title: str | None
    html: str
    published: datetime | None
    section: str | None = None
    author: str | None = None
    language: str | None = None
    warning: str | None = None  # a problem worked around (a wrong charset), for the caller's report


def read_page(
    content: bytes,
    where: str,
    *,
    url: str | None = None,
    charset: str | None = None,
    content_type: str = "",
    max_bytes: int = MAX_PAGE_BYTES,
) -> PageText:
    """The article of a page's bytes; `where` (file or URL) names it in every message."""
    if len(content) > max_bytes:
        raise NoArticle(f"{where}: too large: more than {max_bytes:,} bytes")
    if content_type not in HTML_TYPES:
        raise NoArticle(f"{where}: not an HTML page (Content-Type {content_type})")
    if kind := not_html(content):
        raise NoArticle(f"{where}: not an HTML page but {kind}")
    html, warning = decode_page(content, charset)
    page = extract_article(html, url, where)
    return page if warning is None else replace(page, warning=f"{where}: {warning}")


def not_html(content: bytes) -> str | None:
    """What the bytes are when they are plainly not an HTML page ("a PDF document"), else None."""
    start = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start:
        return "an empty document"
    for signature, kind in _SIGNATURES:
        if start.startswith(signature):
            return kind
    if b"\x00" in content[:4096] and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary data"
    if b"<" not in content[:8192]:
        return "text without markup"
    return None


def decode_page(content: bytes, charset: str | None) -> tuple[str, str | None]:
    """The page as text, and a warning when its declared charset was unknown or wrong.

    A byte-order mark decides; else the HTTP charset, else a <meta charset>. A declared
    single-byte charset (latin-1, cp1252) over bytes that are valid UTF-8 with non-ASCII letters
    is a lie (UTF-8 read as latin-1 gives "Ã¤"), and UTF-8 that does not decode is cp1252.
    """
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if content.startswith(bom):
            return content.decode(encoding, errors="replace"), None
    declared = charset or _meta_charset(content)
    codec = _codec(declared)
    utf8 = _utf8(content)
    if declared and codec is None:
        fallback = "UTF-8" if utf8 is not None else "cp1252"
        text = utf8 if utf8 is not None else content.decode("cp1252", errors="replace")
        return text, f"unknown charset {declared!r}, read as {fallback}"
    if codec in _SINGLE_BYTE and utf8 is not None and not utf8.isascii():
        return utf8, f"declares {declared} but is UTF-8, read as UTF-8"
    if codec == "utf-8" and utf8 is None:
        text = content.decode("cp1252", errors="replace")
        return text, "declares UTF-8 but is not, read as cp1252"
    if codec is not None:
        return content.decode(codec, errors="replace"), None
    if utf8 is not None:
        return utf8, None
    return content.decode("cp1252", errors="replace"), None


def _meta_charset(content: bytes) -> str | None:
    match = _META_CHARSET.search(content[:4096])
    return match.group(1).decode("ascii") if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf8(content: bytes) -> str | None:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return None


def extract_article(html: str, url: str | None, where: str | None = None) -> PageText:
    """The article of a decoded page, via trafilatura; NoArticle when it has no article text."""
    where = where or url or "page"
    if kind := not_html(html[:8192].encode("utf-8", errors="replace")):
        raise NoArticle(f"{where}: not an HTML page but {kind}")
    tree = parse_html(html)
    if tree is None:
        raise NoArticle(f"{where}: not an HTML page (nothing could be parsed)")
    try:
        meta = read_meta(tree, url)
        body = _article_body(tree, meta.url or url)
        published = meta.published or _guess_date(tree)
        if body is not None:
            remove_chrome(body, headline=meta.title, section=meta.section, author=meta.author)
        if (body is None or _chars(body) < MIN_ARTICLE_CHARS) and meta.article_body:
            body = _from_json_ld(meta)  # a page rendered by scripts has its text only there
    except Exception as err:  # trafilatura or lxml on hostile markup: a bad page, not a bad run
        raise NoArticle(f"{where}: cannot read the page ({type(err).__name__})") from None
    if body is None or _chars(body) < MIN_ARTICLE_CHARS:
        raise NoArticle(f"{where}: no article text found on the page")
    article = clean_html(etree.tostring(body, encoding="unicode", method="html"), meta.url or url)
    return PageText(
        url=meta.url or url,
        title=meta.title,
        html=article,
        published=published,
        section=meta.section,
        author=meta.author,
        language=_known_language(meta),
    )


def _chars(body: HtmlElement) -> int:
    return len(" ".join(body.text_content().split()))


def _from_json_ld(meta: PageMeta) -> HtmlElement:
    """The JSON-LD articleBody as paragraphs (at its line breaks), page chrome removed."""
    lines = [line.strip() for line in (meta.article_body or "").splitlines()]
    paragraphs = "".join(f"<p>{escape(plain_line(line))}</p>" for line in lines if line)
    body = fromstring(f"<div>{paragraphs}</div>")
    remove_chrome(body, headline=meta.title, section=meta.section, author=meta.author)
    return body


def parse_html(html: str) -> HtmlElement | None:
    """The page parsed as trafilatura parses it (so both see the same tree); None when empty."""
    from trafilatura.utils import load_html  # slow to import: only when a page is actually read

    html = _XML_DECLARATION.sub("", html)  # lxml refuses str input that declares an encoding
    if not html.strip():
        return None
    try:
        tree = load_html(html)
    except (ValueError, etree.ParserError):
        return None
    return tree if tree is not None and len(tree) else None


def _article_body(tree: HtmlElement, url: str | None) -> HtmlElement | None:
    """trafilatura's article as an HTML tree (its <body>), None when it finds none."""
    extracted = trafilatura_article(tree, url)
    if not extracted:
        return None
    document = fromstring(extracted)
    body = document.find("body")
    return body if body is not None else document


def trafilatura_article(page: str | HtmlElement, url: str | None) -> str | None:
    """trafilatura's article of a page (text or parsed tree, which it copies) as HTML.

    The same settings for every page: precision first; no comments, tables, images or links
    (we keep only the article's words)."""
    import trafilatura

    return trafilatura.extract(
        page,
        url=url,
        output_format="html",
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )


def _guess_date(tree: HtmlElement) -> datetime | None:
    """The publication date htmldate finds in the page when its metadata names none."""
    from htmldate import find_date

    found = find_date(
        tree, outputformat="%Y-%m-%dT%H:%M:%S%z", extensive_search=False, original_date=True
    )
    return parse_date(found) if found else None


def _known_language(meta: PageMeta) -> str | None:
    """The page's language when the page chrome rules know it (the reducer's languages)."""
    return meta.language if meta.language in chrome_rules().languages else None


def is_full_article(html: str) -> bool:
    """Whether a feed entry's content is a whole article (or page) rather than a summary."""
    start = html[:2048].lower()
    if "<html" in start or "<body" in start:
        return True
    paragraphs = len(re.findall(r"<p[\s>]", html, re.IGNORECASE))
    return paragraphs >= FULL_ARTICLE_PARAGRAPHS or len(html) >= FULL_ARTICLE_CHARS


def article_fragment(html: str, url: str | None) -> str:
    """A feed entry's full article through the same extractor, page chrome removed.

    Where the extractor keeps less than half of the entry's text (it judges a fragment by the
    standards of a page), the entry's own HTML is used, with the page chrome rules applied."""
    own = fromstring(f"<div>{clean_html(html, url)}</div>")
    own_chars = len("".join(own.text_content().split()))
    document = (
        html
        if "<html" in html[:2048].lower()
        else f"<html><body><article>{html}</article></body></html>"
    )
    try:
        page = extract_article(document, url)
    except NoArticle:
        page = None
    if page is not None:
        kept = len("".join(fromstring(f"<div>{page.html}</div>").text_content().split()))
        if kept * 2 >= own_chars:
            return page.html
    remove_chrome(own)
    return clean_html(etree.tostring(own, encoding="unicode", method="html"), url)
