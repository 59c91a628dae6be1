"""What a page says about its article: canonical URL, headline, date, section, author, language.

Read from the parsed page's head (`<link rel=canonical>`, Open Graph and `article:` meta tags,
JSON-LD `NewsArticle`/`Article`, `<html lang>`) and its `<h1>`s. The headline is the one a reader
sees: the `<h1>` that the page's title repeats, else `og:title` or the JSON-LD headline, else
`<title>`, each without the decoration around it — a notification counter "(16)", the site's name
and a separator (" | Site", " - ZEIT ONLINE", "Site » …"), a trailing date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ..times import parse_article_time
from .sanitise import clean_link, plain_line

MAX_TITLE_CHARS = 300
MAX_JSON_LD_CHARS = 200_000  # a page's JSON-LD is a few KB; more is not metadata worth parsing
_COUNTER = re.compile(r"^\s*[(\[]\d{1,4}\+?[)\]]\s*")
_SEPARATOR = re.compile(r"(\s+[|»«·•–—:/-]{1,2}\s+|\s*\|\s*|\s+::\s+)")
_DATE_ONLY = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_LANGUAGE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]|$)")
_ARTICLE_TYPES = re.compile(r"(Article|BlogPosting|Report|NewsArticle)$")
# Host labels that say nothing about the site (www.example.co.uk → "example").
_GENERIC_LABELS = frozenset(
    "www m amp mobile web news blog blogs com org net co gov edu info".split()
)
_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
)
_SECTION_KEYS = ("article:section", "section", "parsely-section", "og:section")
_AUTHOR_KEYS = ("author", "article:author", "parsely-author", "dc.creator", "byl")
_LANGUAGE_KEYS = ("content-language", "language", "dc.language", "og:locale")


@dataclass(frozen=True)
class PageMeta:
    """The page's own statements about its article (None: the page does not say)."""

    url: str | None = None
    title: str | None = None
    published: datetime | None = None
    section: str | None = None
    author: str | None = None
    language: str | None = None  # ISO 639 code, lower case ("de" for "de-DE")
    article_body: str | None = None  # JSON-LD articleBody: the text of pages rendered by scripts


def read_meta(tree: HtmlElement, page_url: str | None) -> PageMeta:
    """The metadata of a parsed page; `page_url` resolves a relative canonical link."""
    metas = _meta_tags(tree)
    article = _json_ld_article(tree)
    url = _canonical(tree, metas, article, page_url)
    sites = _site_names(metas, article, url or page_url)
    return PageMeta(
        url=url,
        title=headline(tree, metas, article, sites),
        published=_published(metas, article),
        section=_first_text(metas, _SECTION_KEYS) or _ld_text(article.get("articleSection")),
        author=_author(metas, article),
        language=_language(tree, metas, article),
        article_body=_article_body(article),
    )


# -- reading the head ------------------------------------------------------------------------


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """<meta> contents by property/name/itemprop/http-equiv (lower case), the first of each."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        key = key or meta.get("http-equiv")
        content = meta.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), content.strip())
    return found


def _json_ld_article(tree: HtmlElement) -> dict[str, Any]:
    """The first JSON-LD object of an article type (NewsArticle, BlogPosting, …), else {}."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = (script.text or "").strip()
        if not text or len(text) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(text)
        except ValueError:  # pages ship broken JSON-LD often enough; it is only a hint
            continue
        for node in _ld_nodes(data):
            kinds = node.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
                return node
    return {}


def _ld_nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD document: top level, lists and @graph (not deeper)."""
    if depth > 3:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _ld_nodes(data.get("@graph"), depth + 1)


def _ld_text(value: Any) -> str | None:
    """A JSON-LD value as one line: a string, the first of a list, or an object's name."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return plain_line(value) or None if isinstance(value, str) else None


def _article_body(article: dict[str, Any]) -> str | None:
    body = article.get("articleBody")
    return body.strip() or None if isinstance(body, str) else None


def _first_text(metas: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if value := plain_line(metas.get(key)):
            return value
    return None


def _canonical(
    tree: HtmlElement, metas: dict[str, str], article: dict[str, Any], page_url: str | None
) -> str | None:
    links = [
        link.get("href")
        for link in tree.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    for candidate in (*links, metas.get("og:url"), _ld_text(article.get("url"))):
        if candidate and (url := clean_link(candidate, page_url)):
            return url
    return None


def _published(metas: dict[str, str], article: dict[str, Any]) -> datetime | None:
    candidates = [_ld_text(article.get("datePublished")), *(metas.get(k) for k in _DATE_KEYS)]
    for value in candidates:
        if value and (when := parse_date(value)):
            return when
    return None


def parse_date(value: str) -> datetime | None:
    """An ISO 8601 date or time as an aware datetime (UTC when it has no zone); None when it is
    not one or lies before 1990 or more than two days ahead (a placeholder, a typo)."""
    text = value.strip().replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", value) else value
    when = parse_article_time(text)
    if when is None or when.year < 1990 or when > datetime.now(UTC) + timedelta(days=2):
        return None
    return when


def _author(metas: dict[str, str], article: dict[str, Any]) -> str | None:
    authors = article.get("author")
    names = [_ld_text(a) for a in authors] if isinstance(authors, list) else [_ld_text(authors)]
    names += [metas.get(k) for k in _AUTHOR_KEYS]
    for name in names:
        name = plain_line(name)
        if name and not re.match(r"(https?:|@|www\.)", name, re.IGNORECASE):
            return re.sub(r"^(?:von|by)\s+", "", name, flags=re.IGNORECASE)
    return None


def _language(tree: HtmlElement, metas: dict[str, str], article: dict[str, Any]) -> str | None:
    html = tree if tree.tag == "html" else tree.getroottree().getroot()
    candidates = [html.get("lang"), html.get("{http://www.w3.org/XML/1998/namespace}lang")]
    candidates += [metas.get(k) for k in _LANGUAGE_KEYS]
    candidates.append(_ld_text(article.get("inLanguage")))
    for value in candidates:
        if value and (match := _LANGUAGE.match(value.strip())):
            return match.group(1).lower()
    return None


# -- the headline ----------------------------------------------------------------------------


def headline(
    tree: HtmlElement, metas: dict[str, str], article: dict[str, Any], sites: list[str]
) -> str | None:
    """The article's headline without the page's decoration (see the module docstring)."""
    titles = [
        metas.get("og:title"),
        metas.get("twitter:title"),
        _ld_text(article.get("headline")),
        _title_element(tree),
    ]
    decorated = [t for t in (_line(v) for v in titles) if t]
    plain = [t for t in (strip_decoration(t, sites) for t in decorated) if t]
    h1s = [h for h in (_line(h.text_content()) for h in _h1s(tree)) if h]
    for h1 in h1s:  # the <h1> that the page's title repeats (with decoration around it)
        if _repeated(h1, decorated) and not is_site(h1, sites):
            return h1
    for title in plain:
        if not is_site(title, sites):
            return title
    return next((h for h in h1s if not is_site(h, sites)), None)


def _repeated(h1: str, titles: list[str]) -> bool:
    """Whether a title starts or ends with the <h1> (compared by letters and digits only)."""
    key = _key(h1)
    return len(key) >= 8 and any(_key(t).startswith(key) or _key(t).endswith(key) for t in titles)


def _title_element(tree: HtmlElement) -> str | None:
    element = next(tree.iter("title"), None)
    return element.text_content() if element is not None else None


def _h1s(tree: HtmlElement) -> list[HtmlElement]:
    return list(tree.iter("h1"))[:5]


def _line(value: str | None) -> str:
    line = plain_line(value)
    line = _COUNTER.sub("", line)
    return line if len(line) <= MAX_TITLE_CHARS else ""


def strip_decoration(title: str, sites: list[str]) -> str:
    """The title without a leading counter, the site's name with its separator (on either end,
    with whatever follows a trailing site name: a slogan) and a trailing date."""
    parts = _SEPARATOR.split(_COUNTER.sub("", title).strip())  # text, separator, text, …
    first, last = 0, len(parts) // 2  # the segments kept: parts[2 * first] … parts[2 * last]
    while last > first and _DATE_ONLY.match(parts[2 * last].strip()):
        last -= 1
    for index in range(first, last + 1):
        if last > first and is_site(parts[2 * index], sites):
            first, last = (index + 1, last) if index == first else (first, index - 1)
            break
    return "".join(parts[2 * first : 2 * last + 1]).strip()


def is_site(text: str, sites: list[str]) -> bool:
    """Whether the text names the site: one of its names, or its host name ("ZEIT ONLINE" on
    zeit.de, "DW.COM" on dw.com) — not an article headline."""
    key = _key(text)
    if not key:
        return False
    words = [_key(w) for w in text.split()]
    for site in sites:
        name = _key(site)
        if not name:
            continue
        if key == name or (words[0] == name and len(words) <= 2):
            return True
        if len(name) >= 2 and key.startswith(name) and key[len(name) :] in _TLD_KEYS:
            return True
    return False


_TLD_KEYS = frozenset({"de", "com", "org", "net", "info", "at", "ch", "couk", "eu", "fr", "online"})


def _site_names(metas: dict[str, str], article: dict[str, Any], url: str | None) -> list[str]:
    """The site's names: og:site_name and the like (split at separators), host labels."""
    names = [
        metas.get("og:site_name"),
        metas.get("application-name"),
        metas.get("apple-mobile-web-app-title"),
        (metas.get("twitter:site") or "").lstrip("@"),
        _ld_text(article.get("publisher")),
    ]
    found = [p.strip() for n in names if n for p in _SEPARATOR.split(n)[0::2] if p.strip()]
    host = (urlsplit(url).hostname or "") if url else ""
    found += [label for label in host.split(".")[:-1] if label not in _GENERIC_LABELS]
    return found


def _key(text: str) -> str:
    """Letters and digits only, lower case: "Germany′s" and "Germany's" compare equal."""
    return "".join(c for c in text.casefold() if c.isalnum())
