"""Untrusted feed and page content made inert: HTML on an allow-list, titles as one line, clean links.

HTML goes through nh3 (the Rust ammonia sanitiser) with a short allow-list: text structure and links
only. No script, style, iframe or object (their content is dropped too), no event or style attributes,
no images (tracking pixels and remote content), and links only to http, https and mailto. Titles and
other one-line values lose tags and every control character, so CR/LF cannot reach a header. Links are
resolved against the document, unwrapped from known redirectors and stripped of tracking parameters,
which also keeps an article's key stable from one fetch to the next.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import nh3

from ..lines import has_space_or_invisible, one_line, without_markers

ALLOWED_TAGS = frozenset(
    "p br hr a em strong b i u s q cite blockquote ul ol li dl dt dd h1 h2 h3 h4 h5 h6 span div "
    "section article figure figcaption pre code sub sup abbr small mark time table thead tbody "
    "tr td th caption".split()
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "time": {"datetime"}}
DROPPED_WITH_CONTENT = frozenset(
    "script style iframe frame frameset object embed applet noscript template svg math "
    "textarea select button form head title".split()
)
URL_SCHEMES = frozenset({"http", "https", "mailto"})

# Query parameters that only track the reader; removing them changes nothing on the page.
TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|icid|wt_mc|wt\.mc_id|at_\w+|"
    r"_hsenc|_hsmi|mkt_tok|igshid|ref_src|cmpid|ns_(mchannel|source|campaign|linkname|fee))$",
    re.IGNORECASE,
)
# Redirector links ("https://www.google.com/url?url=<target>") and the parameter holding the target.
REDIRECT_PARAMS = ("url", "u", "q", "target", "dest", "destination", "redirect", "to")
REDIRECT_PATHS = re.compile(r"/(url|l\.php|redirect|out|click|goto|r)/?$", re.IGNORECASE)
_UNSAFE_IN_URL = re.compile(r"[\"'<>\\^`{|}]")

# nh3 (html5ever) takes time growing with the square of the nesting depth: 150,000 unclosed <div>
# took a minute. No article needs either limit; HTML beyond them is cut before sanitising.
MAX_HTML_CHARS = 500_000  # ten times the longest article extract keeps (MAX_ARTICLE_CHARS)
MAX_DEPTH = 100
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def bound_html(fragment: str) -> tuple[str, str | None]:
    """The fragment cut to MAX_HTML_CHARS and with tags nested deeper than MAX_DEPTH left out
    (their text stays), and what was done ("" → None when nothing was); linear time."""
    problems = []
    if len(fragment) > MAX_HTML_CHARS:
        fragment = fragment[:MAX_HTML_CHARS]
        problems.append(f"longer than {MAX_HTML_CHARS:,} characters")
    open_tags: list[str] = []
    dropped = 0
    pieces: list[str] = []
    last = 0
    for match in _TAG.finditer(fragment):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            if name in open_tags:
                while open_tags and open_tags.pop() != name:
                    pass
            continue
        if name in _VOID or self_closing:
            continue
        if len(open_tags) >= MAX_DEPTH:
            pieces.append(fragment[last : match.start()])
            last = match.end()
            dropped += 1
            continue
        open_tags.append(name)
    if dropped:
        pieces.append(fragment[last:])
        fragment = "".join(pieces)
        problems.append(f"nested deeper than {MAX_DEPTH} elements ({dropped:,} tags left out)")
    return fragment, "; ".join(problems) or None


def clean_html(
    fragment: str, base_url: str | None = None, problems: list[str] | None = None
) -> str:
    """The fragment with only allow-listed tags and attributes; relative links made absolute.

    HTML too long or nested too deep is bounded first (bound_html); what was cut is added to
    `problems` when given, so the caller can name the feed and entry."""
    fragment, problem = bound_html(fragment)
    if problem and problems is not None:
        problems.append(problem)
    relative: object = ("rewrite_with_base", base_url) if _absolute(base_url) else "deny"
    cleaned = nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        url_schemes=set(URL_SCHEMES),
        url_relative=relative,  # type: ignore[arg-type]
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return without_markers(cleaned)


def plain_line(value: str | None) -> str:
    """Text for one line (a title, a name): tags and entities gone, controls and breaks as spaces."""
    if not value:
        return ""
    text = html.unescape(nh3.clean(value, tags=set())) if "<" in value or "&" in value else value
    return untrusted_text(one_line(text))


def untrusted_text(text: str) -> str:
    """Text from a feed, a page or an editor's edit as it may go into an edition: no marker."""
    return without_markers(text)


def clean_link(link: str | None, base_url: str | None = None) -> str | None:
    """An absolute http(s) URL without trackers or fragment; None for anything else (javascript:…)."""
    if not link:
        return None
    link = without_markers(link.strip())
    if has_space_or_invisible(link):
        return None
    link = _UNSAFE_IN_URL.sub(lambda m: f"%{ord(m.group()):02X}", link)  # quotes cannot end an href
    if base_url and _absolute(base_url):
        link = urljoin(base_url, link)
    for _ in range(3):  # a redirector may wrap another one
        target = unwrap_redirect(link)
        if target is None:
            break
        link = target
    try:
        parts = urlsplit(link)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    kept = [(k, v) for k, v in query if not TRACKING_PARAMS.match(k)]
    netloc = parts.netloc.lower() if "@" not in parts.netloc else parts.netloc
    new_query = urlencode(kept, doseq=True) if len(kept) != len(query) else parts.query
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", new_query, ""))


def unwrap_redirect(link: str) -> str | None:
    """The target of a redirector link (Google, Facebook, newsletter click trackers), else None."""
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if host == "news.google.com" and "/articles/" in parts.path:
        return _google_news_target(parts.path.rsplit("/", 1)[-1])
    if not REDIRECT_PATHS.search(parts.path):
        return None
    params = dict(parse_qsl(parts.query))
    for name in REDIRECT_PARAMS:
        target = params.get(name, "")
        if re.match(r"https?://[^\s/]+", target, re.IGNORECASE):
            return target
    return None


def _google_news_target(article_id: str) -> str | None:
    """Google News article IDs of the older form carry the target URL in their base64 payload."""
    try:
        data = base64.urlsafe_b64decode(article_id + "=" * (-len(article_id) % 4))
    except (binascii.Error, ValueError):
        return None
    start = data.find(b"http")
    if start < 0:
        return None
    match = re.match(rb"https?://[\x21-\x7e]+", data[start:])
    return match.group(0).decode("ascii") if match else None


def _absolute(url: str | None) -> bool:
    if not url:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https", "file") and bool(parts.netloc or parts.path)
