"""Pre-send lint: what inboxes will make of an email, checked offline before anyone gets it.

Five checks, each a `CheckResult` (ok, warn or fail) with a one-line summary and details:
size (Gmail clips HTML above ~102 KB, hiding the footer with the unsubscribe link), images (alt
text, tracking pixels), links (https only, nothing relative or script-like), css (features major
mail clients drop, from a small built-in list condensed from caniemail's data of 2025-09) and
unsubscribe (RFC 8058 one-click headers plus a visible link). The standard library's HTML parser
does the reading, so the lint runs anywhere `digest` does; ../shared/tools/email-check is the
thorough, slower judge with SpamAssassin and the full caniemail data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import EmailMessage
from html.parser import HTMLParser
from typing import ClassVar, Literal

Level = Literal["ok", "warn", "fail"]
LEVELS: tuple[Level, ...] = ("ok", "warn", "fail")
GMAIL_CLIP_BYTES = 102 * 1024
MARKER = re.compile(r"%%DIGEST_\w+%%")  # render/markers.py's markers, if one was left unreplaced


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: its level, a summary line and one line per finding."""

    name: str
    level: Level
    summary: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class CssFeature:
    """A CSS feature some major mail clients ignore; `matches(prop, value)` finds a use of it."""

    label: str
    lacking: str  # the clients (as of caniemail 2025-09) that do not support it
    prop: re.Pattern[str]
    value: re.Pattern[str] | None = None

    def matches(self, prop: str, value: str) -> bool:
        if not self.prop.fullmatch(prop):
            return False
        return self.value is None or bool(self.value.search(value))


def _feature(label: str, lacking: str, prop: str, value: str | None = None) -> CssFeature:
    return CssFeature(label, lacking, re.compile(prop), re.compile(value) if value else None)


_ANY = r"[-a-z]+"
CSS_FEATURES: tuple[CssFeature, ...] = (
    _feature("display:flex", "Outlook for Windows", "display", r"\b(inline-)?flex\b"),
    _feature("CSS grid", "Gmail, Outlook, Yahoo", "display", r"\b(inline-)?grid\b"),
    _feature("CSS grid", "Gmail, Outlook, Yahoo", r"grid(-[-a-z]+)?"),
    _feature("position", "Gmail, Outlook for Windows", "position", r"^(?!\s*static\b)"),
    _feature("inset", "Gmail, Outlook, Yahoo", r"inset(-[-a-z]+)?"),
    _feature("CSS variables", "Gmail, Outlook, Yahoo", r"--[-\w]+"),
    _feature("CSS variables", "Gmail, Outlook, Yahoo", _ANY, r"\bvar\("),
    _feature("rgba()/hsla()", "Outlook for Windows; Gmail in part", _ANY, r"\b(rgba|hsla)\("),
    _feature(
        "lab()/lch()/oklch()", "Gmail, Outlook, Yahoo", _ANY, r"\b(ok)?(lab|lch)\(|color-mix\("
    ),
    _feature("background-image", "Outlook for Windows", "background-image"),
    _feature("background-image", "Outlook for Windows", "background", r"\burl\("),
    _feature(
        "gradients", "Outlook, Yahoo", _ANY, r"\b(repeating-)?(linear|radial|conic)-gradient\("
    ),
    _feature("calc()/min()/max()/clamp()", "Outlook, Yahoo", _ANY, r"\b(calc|min|max|clamp)\("),
    _feature("box-shadow", "Gmail, Outlook for Windows, Yahoo", "box-shadow"),
    _feature("float", "Outlook for Windows", "float", r"^(?!\s*none\b)"),
    _feature("opacity", "Outlook for Windows", "opacity"),
    _feature("transform", "Gmail, Outlook, Yahoo", "transform"),
    _feature("animation/transition", "Gmail, Outlook", r"(animation|transition)(-[-a-z]+)?"),
    _feature("filter", "Gmail, Outlook, Yahoo", "filter"),
)
CSS_AT_RULES = {  # at-rules in <style> blocks
    "font-face": ("web fonts (@font-face)", "Gmail, Outlook, Yahoo"),
    "import": ("@import", "Gmail, Outlook, Yahoo"),
    "supports": ("@supports", "Gmail, Outlook"),
}


@dataclass
class HtmlFacts:
    """What the checks need from an HTML document, each with its line number."""

    images: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    links: list[tuple[int, str, str]] = field(default_factory=list)  # line, tag, URL
    styles: list[tuple[int, str, str]] = field(default_factory=list)  # line, tag, style attribute
    style_blocks: list[tuple[int, str]] = field(default_factory=list)  # first line, CSS


class _Reader(HTMLParser):
    """Collects images, link targets and CSS (attributes and <style> blocks) with line numbers."""

    URL_ATTRIBUTES: ClassVar[dict[str, str]] = {
        "a": "href",
        "area": "href",
        "img": "src",
        "link": "href",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = HtmlFacts()
        self._style_start: int | None = None
        self._style_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value or "" for name, value in attrs}
        if tag == "img":
            self.facts.images.append((line, values))
        if (name := self.URL_ATTRIBUTES.get(tag)) and name in values:
            self.facts.links.append((line, tag, values[name]))
        if "background" in values:  # the old attribute, still used for Outlook backgrounds
            self.facts.links.append((line, tag, values["background"]))
        if values.get("style"):
            self.facts.styles.append((line, tag, values["style"]))
        if tag == "style":
            self._style_start, self._style_text = line, []

    def handle_data(self, data: str) -> None:
        if self._style_start is not None:
            self._style_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self._style_start is not None:
            self.facts.style_blocks.append((self._style_start, "".join(self._style_text)))
            self._style_start = None


def read_html(html: str) -> HtmlFacts:
    """Parse an email's HTML into what the checks look at."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.facts


def html_part(msg: EmailMessage) -> str:
    """The text/html part of a message ('' when there is none)."""
    part = msg.get_body(preferencelist=("html",))
    return part.get_content() if part is not None else ""


def lint_message(msg: EmailMessage, *, max_html_kb: int | None = None) -> tuple[CheckResult, ...]:
    """All checks on a built message; `max_html_kb` is the config's build limit, if any."""
    html = html_part(msg)
    facts = read_html(html)
    part = msg.get_body(preferencelist=("html",))
    encoded = len(str(part.get_payload())) if part is not None else 0
    return (
        check_size(html, encoded=encoded, max_html_kb=max_html_kb),
        check_images(facts),
        check_links(facts),
        check_css(facts),
        check_unsubscribe(msg, facts),
    )


def worst(results: Iterable[CheckResult]) -> Level:
    """The most severe level among the results ('ok' when there are none)."""
    return max((r.level for r in results), key=LEVELS.index, default="ok")


def _result(name: str, summary: str, fails: list[str], warns: list[str]) -> CheckResult:
    level: Level = "fail" if fails else "warn" if warns else "ok"
    return CheckResult(name, level, summary, tuple(fails + warns))


# --- the checks ----------------------------------------------------------------------------------


def check_size(html: str, *, encoded: int = 0, max_html_kb: int | None = None) -> CheckResult:
    """HTML size against Gmail's clipping (~102 KB) and the config's own build limit."""
    size = len(html.encode("utf-8"))
    kb, encoded_kb = size / 1024, encoded / 1024
    fails = []
    if max(size, encoded) > GMAIL_CLIP_BYTES:
        fails.append(
            f"HTML is {kb:.1f} KB ({encoded_kb:.1f} KB encoded): Gmail clips it behind "
            "'View entire message', hiding the footer and the unsubscribe link"
        )
    if max_html_kb is not None and kb > max_html_kb:
        fails.append(
            f"HTML is {kb:.1f} KB, above render.max_html_kb = {max_html_kb} KB: "
            "digest build will refuse this edition"
        )
    share = round(100 * max(size, encoded) / GMAIL_CLIP_BYTES)
    summary = f"HTML {kb:.1f} KB, {encoded_kb:.1f} KB encoded: {share} % of Gmail's 102 KB"
    return _result("size", summary, fails, [])


def check_images(facts: HtmlFacts) -> CheckResult:
    """Every image has an alt attribute (alt="" marks a decorative one); no tracking pixels."""
    fails, warns = [], []
    for line, attrs in facts.images:
        src = attrs.get("src", "")
        if "alt" not in attrs:
            fails.append(f"line {line}: <img src={_short(src)!r}> has no alt text")
        if attrs.get("width") in ("0", "1") and attrs.get("height") in ("0", "1"):
            warns.append(f"line {line}: {_short(src)!r} looks like a tracking pixel")
    count = len(facts.images)
    summary = f"{count} image{'s' if count != 1 else ''}" + (
        f", {len(fails)} without alt" if fails else ", all with alt" if count else ""
    )
    return _result("images", summary, fails, warns)


def check_links(facts: HtmlFacts) -> CheckResult:
    """Links and image sources are absolute https (or mailto:/tel:/#anchor); never scripts."""
    fails: list[str] = []
    warns: list[str] = []
    for line, tag, url in facts.links:
        problem = _link_problem(tag, url.strip())
        if problem:
            level, text = problem
            (fails if level == "fail" else warns).append(f"line {line}: <{tag}> {text}")
    count = len(facts.links)
    summary = f"{count} link{'s' if count != 1 else ''} and sources" + (
        "" if fails or warns else ", all https"
    )
    return _result("links", summary, fails, warns)


def _link_problem(tag: str, url: str) -> tuple[Level, str] | None:
    scheme = url.split(":", 1)[0].lower() if re.match(r"[A-Za-z][\w+.-]*:", url) else ""
    shown = _short(url)
    if MARKER.search(url):
        return "fail", f"{shown!r} still holds a personalisation marker"
    if scheme == "https" or (tag in ("a", "area") and scheme in ("mailto", "tel")):
        return None
    if scheme == "cid" and tag == "img":
        return None
    if url.startswith("#") and tag in ("a", "area") and len(url) > 1:
        return None
    if scheme == "http":
        return "warn", f"{shown!r} is not https (clients warn, links look unsafe)"
    if scheme in ("javascript", "vbscript", "data", "file"):
        level: Level = "warn" if scheme == "data" and tag == "img" else "fail"
        return level, f"{shown!r}: {scheme}: URLs are blocked or unsafe in email"
    if not url:
        return "fail", "has an empty URL"
    if scheme:
        return "warn", f"{shown!r}: unusual scheme {scheme}:"
    return "fail", f"{shown!r} is relative: an inbox has no base URL to resolve it against"


def check_css(facts: HtmlFacts) -> CheckResult:
    """CSS features that Gmail, Outlook or Yahoo drop, in style attributes and <style> blocks."""
    found: dict[str, list[str]] = {}
    lacking: dict[str, str] = {}
    for line, tag, style in facts.styles:
        for label, clients in _features_in(style):
            found.setdefault(label, []).append(f"style of <{tag}> line {line}")
            lacking[label] = clients
    for first_line, css in facts.style_blocks:
        for offset, label, clients in _features_in_sheet(css):
            found.setdefault(label, []).append(f"<style> line {first_line + offset}")
            lacking[label] = clients
    warns = [
        f"{label} (not in {lacking[label]}): {_places(places)}" for label, places in found.items()
    ]
    summary = f"{len(found)} unsupported feature(s)" if found else "no unsupported features found"
    return _result("css", summary, [], warns)


def _features_in(declarations: str) -> Iterable[tuple[str, str]]:
    for declaration in declarations.split(";"):
        prop, colon, value = declaration.partition(":")
        prop = prop.strip()
        if not colon or not prop:
            continue
        name = prop if prop.startswith("--") else prop.lower()
        for feature in CSS_FEATURES:
            if feature.matches(name, value.lower()):
                yield feature.label, feature.lacking


def _features_in_sheet(css: str) -> Iterable[tuple[int, str, str]]:
    """(line offset, label, clients) for each use in a style sheet; comments are skipped."""
    css = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), css, flags=re.S)
    for match in re.finditer(r"@([-a-z]+)", css, re.I):
        if rule := CSS_AT_RULES.get(match.group(1).lower()):
            yield css.count("\n", 0, match.start()), *rule
    for match in re.finditer(r"\{([^{}]*)\}", css):
        offset = css.count("\n", 0, match.start())
        for label, clients in _features_in(match.group(1)):
            yield offset, label, clients


def _places(places: list[str]) -> str:
    more = len(places) - 2
    return "; ".join(places[:2]) + (f" and {more} more" if more > 0 else "")


def check_unsubscribe(msg: EmailMessage, facts: HtmlFacts) -> CheckResult:
    """List-Unsubscribe with an https URL, one-click POST (RFC 8058), and the link in the body."""
    header = str(msg.get("List-Unsubscribe", ""))
    post = str(msg.get("List-Unsubscribe-Post", ""))
    targets = re.findall(r"<([^>]*)>", header)
    https = [t for t in targets if t.lower().startswith("https://")]
    fails, warns = [], []
    if not header:
        fails.append("no List-Unsubscribe header: Gmail and Yahoo require one for bulk mail")
    elif not https:
        fails.append(f"List-Unsubscribe has no https URL ({header!r}): one-click needs one")
    if header and post.strip() != "List-Unsubscribe=One-Click":
        fails.append("List-Unsubscribe-Post must be 'List-Unsubscribe=One-Click' (RFC 8058)")
    hrefs = {url.strip() for _, tag, url in facts.links if tag == "a"}
    if https and not hrefs.intersection(https):
        warns.append("the HTML has no visible link to the List-Unsubscribe URL")
    kinds = ", ".join(sorted({t.split(":", 1)[0].lower() for t in targets})) or "none"
    one_click = "one-click" if post.strip() == "List-Unsubscribe=One-Click" else "no one-click"
    summary = f"List-Unsubscribe: {kinds}; {one_click}"
    if https and not warns:
        summary += "; visible link in the body"
    return _result("unsubscribe", summary, fails, warns)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
