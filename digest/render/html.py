"""Edition → Rendered: subject, preheader, CSS-inlined HTML and plain text, from Jinja2 templates.

The templates get ready-made values (formatted date, safe links, credit lines, labels), so a user's
override folder only has to arrange them. Per-recipient markers (markers.py) pass through
untouched; they are replaced after inlining, once per recipient.
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
import re
import sys
import textwrap
import traceback
import types
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from babel.dates import format_date
from markupsafe import Markup

from ..config import Config
from ..errors import RenderError, TemplateError
from ..lines import has_space_or_invisible, one_line
from ..models import Article, Edition, Quote, Rendered, Section, Story, unique
from .labels import Labels, labels_for
from .markers import markers, new_marker_key
from .plan import plan, shorten_at_word, topic_of  # noqa: F401  (shorten_at_word, topic_of: part of the API)

HTML_TEMPLATE = "digest.html.j2"
TEXT_TEMPLATE = "digest.txt.j2"
TEST_PREFIX = "[Test] "
TEMPLATE_SUFFIXES = (".j2", ".css")


@dataclass(frozen=True)
class LinkView:
    """A link that is safe to put into href, with its descriptive text."""

    url: str
    text: str


@dataclass(frozen=True)
class StoryView:
    """One story as the templates show it."""

    anchor: str
    number: int  # its place in the edition, 1-based: the index and the text part count with it
    headline: str
    teaser: str
    facts: tuple[str, ...]
    quote: str | None  # the words in quotation marks
    speaker: str | None  # "Name, Rolle"
    link: LinkView | None  # "Mehr bei <Quelle>: <Schlagzeile>": one link, or none without a URL
    also: str  # "Auch bei: dpa-Ticker, tagesschau.de" for a merged story, or ""
    credits: str  # "Mit Informationen von dpa und Reuters", or ""
    story: Story

    @property
    def links(self) -> tuple[LinkView, ...]:
        """The story's link as a tuple (templates written for several links keep working)."""
        return (self.link,) if self.link else ()


@dataclass(frozen=True)
class SectionView:
    """A heading (None: no heading) and its stories."""

    title: str | None
    stories: tuple[StoryView, ...]


def render(edition: Edition, config: Config, *, test: bool = False) -> Rendered:
    """Render the edition's subject, preheader, inlined HTML and plain text."""
    key = new_marker_key()
    context = build_context(edition, config, test=test, marker_key=key)
    env = environment(config.render.templates)
    html = inline_css(render_template(env, HTML_TEMPLATE, context))
    check_size(html, config.render.max_html_kb)
    text = tidy_text(render_template(env, TEXT_TEMPLATE, context))
    return Rendered(context["subject"], context["preheader"], html, text, marker_key=key)


def check_templates(config: Config) -> None:
    """Render a one-story sample edition: TemplateError (or ConfigError for labels) when broken."""
    article = Article(
        "check", "Quelle", "https://example.org/", "Titel", ("Text.",), credits=("x",)
    )
    quote = Quote("Zitat", "Name", "Rolle")
    story = Story(article, "Thema: Aussage", "Teaser.", ("Fakt.",), (quote,))
    render(Edition(config.newsletter.name, date.today(), (story,), number=1), config)


def build_context(
    edition: Edition, config: Config, *, test: bool = False, marker_key: str = ""
) -> dict[str, Any]:
    """Everything the templates may use, computed once for both parts."""
    marks = markers(marker_key)
    newsletter = config.newsletter
    filename = config.path.name if config.path else ""
    labels = labels_for(newsletter.language, config.render.labels, filename)
    main, closing = arrange(edition, newsletter.closing_section)
    sections = _section_views(main, closing, labels)
    headline_stories = [s for section in main for s in section.stories] or list(edition.stories)
    lines = plan(newsletter.name, headline_stories, labels, newsletter.tagline, newsletter.intro)
    greeting = (newsletter.greeting or labels["greeting"]).strip().rstrip(",").strip()
    web_url = newsletter.web_url and newsletter.web_url.replace("{date}", edition.date.isoformat())
    web_url = web_url or config.archive.page_url(edition.date)  # the edition's archive page
    colours = config.render.colours
    stories = [story for section in sections for story in section.stories]
    return {
        "edition": edition,
        "config": config,
        "labels": labels.texts,
        "lang": newsletter.language,
        "subject": (TEST_PREFIX if test else "") + (edition.subject or lines.subject),
        "preheader": edition.preheader or lines.preheader,
        "wordmark": config.render.wordmark or newsletter.name,
        "tagline": newsletter.tagline,
        "date_text": format_date(edition.date, labels["date_format"], locale=newsletter.language),
        "edition_text": labels.format("edition", number=edition.number) if edition.number else "",
        "greeting": greeting,
        "name_suffix": marks.name_suffix,
        "intro": edition.intro or lines.intro,
        "count": labels.count(len(edition.stories)),
        "editor": newsletter.editor,
        "sections": sections[:-1] if closing else sections,
        "closing": sections[-1] if closing else None,
        "stories": stories,
        "story_heading": 3 if any(section.title for section in sections) else 2,
        "references": _references(stories),
        "credits": _credit_line(edition.credits, labels),
        "why": newsletter.why or labels.format("why", name=newsletter.name),
        "unsubscribe_url": marks.unsubscribe_url,
        "web_url": http_url(web_url),
        "signup_url": http_url(newsletter.signup_url),
        "privacy_url": http_url(newsletter.privacy_url),
        "impressum_url": http_url(newsletter.impressum_url),
        "colours": colours,
        "on_accent": _readable_on(colours.accent, colours.paper, colours.text),  # header text
    }


def _references(stories: list[StoryView]) -> dict[str, int]:
    """The text part's reference number of each story link ("[1]"), by anchor, in reading order."""
    linked = [story.anchor for story in stories if story.link]
    return {anchor: number for number, anchor in enumerate(linked, 1)}


def arrange(edition: Edition, closing_title: str | None) -> tuple[list[Section], list[Story]]:
    """The sections to show in order, and the stories of the closing section (shown last)."""
    sections = edition.sections or (Section(None, edition.stories),)
    main: list[Section] = []
    closing: list[Story] = []
    for section in sections:
        if closing_title and section.title == closing_title:
            closing.extend(section.stories)
            continue
        # A story can belong to the closing section by its own section (e.g. without titled ones).
        last = [s for s in section.stories if closing_title and s.section == closing_title]
        closing.extend(last)
        kept = tuple(s for s in section.stories if s not in last)
        if kept:
            main.append(Section(section.title, kept))
    return main, closing


def _section_views(main: list[Section], closing: list[Story], labels: Labels) -> list[SectionView]:
    groups = [(section.title, section.stories) for section in main]
    if closing:
        groups.append((labels["closing"], tuple(closing)))
    views, number = [], 0
    for title, stories in groups:
        shown = []
        for story in stories:
            number += 1
            shown.append(story_view(story, number, labels))
        views.append(SectionView(title, tuple(shown)))
    return views


def story_view(story: Story, number: int, labels: Labels) -> StoryView:
    """What the templates show of one story."""
    quote = story.top_quote
    link = _more_link(story, labels)
    return StoryView(
        anchor=f"story-{number}",
        number=number,
        headline=story.headline,
        teaser=story.teaser,
        facts=story.facts,
        quote=labels.format("quote", text=quote.text) if quote else None,
        speaker=_speaker(quote) if quote else None,
        link=link,
        also=_also(story, labels),
        credits=_credit_line(story.credits, labels),
        story=story,
    )


def _more_link(story: Story, labels: Labels) -> LinkView | None:
    """One descriptive link: the lead telling's URL, else the first other telling's with one."""
    for link in story.links:
        if url := http_url(link.url):
            return LinkView(url, labels.format("more", source=link.source, headline=story.headline))
    return None


def _also(story: Story, labels: Labels) -> str:
    """'Auch bei: B, C': the sources of the other tellings, besides the lead's."""
    others = unique(a.source for a in story.merged if a.source != story.article.source)
    return labels.format("also", sources=labels.join(others)) if others else ""


def _speaker(quote: Quote) -> str | None:
    return ", ".join(part for part in (quote.speaker, quote.role) if part) or None


def _credit_line(credits: tuple[str, ...], labels: Labels) -> str:
    return labels.format("credits", credits=labels.join(credits)) if credits else ""


# --- safe values ----------------------------------------------------------------------------------


def http_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL without spaces or controls, else None."""
    if not url:
        return None
    url = url.strip()
    if has_space_or_invisible(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def _readable_on(background: str, *candidates: str) -> str:
    """The candidate colour with the highest contrast on `background`."""
    return max(candidates, key=lambda colour: contrast(colour, background))


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


# --- templates ------------------------------------------------------------------------------------


def builtin_templates() -> Path:
    """templates/ of a source checkout or editable install, else the copy inside the wheel."""
    package = Path(__file__).resolve().parent.parent  # digest/
    checkout = package.parent / "templates"
    return checkout if (checkout / HTML_TEMPLATE).is_file() else package / "templates"


@functools.cache
def environment(override: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment for an override folder (searched first) and the built-in templates."""
    folders = [override] if override else []
    folders.append(builtin_templates())
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(folder) for folder in folders]),
        autoescape=jinja2.select_autoescape(("html", "html.j2"), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_without_controls,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["wrap"] = wrap
    env.filters["http_url"] = http_url
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling the twelve templates was a tenth of a cold
    `digest build`. Jinja2's own cache, in a folder of this user's only (Jinja2 checks owner and
    mode 0700 and refuses anything else; then there is no cache), keyed by template and source
    checksum, so an edited template is compiled anew."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (RuntimeError, OSError):
        return None


def render_template(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render a template; any error in it becomes a one-line TemplateError naming file and line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as err:
        raise TemplateError(f"template not found: {err.name} (looked in {_folders(env)})") from None
    except jinja2.TemplateSyntaxError as err:
        where = f"{_shown(err.filename or err.name or name)}:{err.lineno}"
        raise TemplateError(f"{where}: {err.message}") from None
    except Exception as err:
        frame = _template_frame(err)
        if frame is None:
            raise
        raise TemplateError(f"{frame}: {one_line(str(err))}") from None


def _template_frame(err: Exception) -> str | None:
    """'file:line' of the innermost template frame of an error raised while rendering."""
    frames = traceback.extract_tb(err.__traceback__)
    in_templates = [f for f in frames if f.filename.endswith(TEMPLATE_SUFFIXES)]
    if not in_templates:
        return None
    return f"{_shown(in_templates[-1].filename)}:{in_templates[-1].lineno}"


def _shown(path: str) -> str:
    """A template path relative to the working directory where it is below it."""
    try:
        return (
            os.path.relpath(path)
            if Path(path).resolve().is_relative_to(Path.cwd().resolve())
            else path
        )
    except (OSError, ValueError):
        return path


def _folders(env: jinja2.Environment) -> str:
    loader = env.loader
    assert isinstance(loader, jinja2.ChoiceLoader)
    return ", ".join(str(p) for sub in loader.loaders for p in getattr(sub, "searchpath", []))


def _without_controls(value: Any) -> Any:
    """Drop C0 controls from text put into a template (they make HTML invalid); keep our Markup."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", value)
    return value


def wrap(text: str, width: int = 72, first: str = "", rest: str = "") -> str:
    """Plain-text paragraphs wrapped at `width`, URLs and long words never broken."""
    paragraphs = [p for p in re.split(r"\n\s*\n", str(text)) if p.strip()]
    return "\n\n".join(
        textwrap.fill(
            " ".join(p.split()),
            width,
            initial_indent=first,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        for p in paragraphs
    )


def tidy_text(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, one final newline."""
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


# --- inlining -------------------------------------------------------------------------------------


def inline_css(html: str) -> str:
    """Move style.css into style attributes; the dark/mobile <style> block stays as written."""
    # keep_style_tags=False drops the inlined rules; media.css is marked data-premailer="ignore"
    # and kept verbatim. strip_important=False: else the dark rules lose to inline light colours.
    # The templates set Outlook's width attributes themselves; premailer would overwrite them.
    inlined = _premailer().transform(
        html,
        strip_important=False,
        allow_network=False,
        keep_style_tags=False,
        remove_classes=False,  # the media queries select by class
        disable_validation=True,
        disable_basic_attributes=["width", "height"],
        cssutils_logging_level=logging.CRITICAL,  # cssutils warns on every mso-* property
    )
    inlined = _STYLE_ATTRIBUTE.sub(_compact_style, inlined)
    return inlined.rstrip("\n") + "\n"  # set_content() would add it anyway; files want it too


_STYLE_ATTRIBUTE = re.compile(r' style="([^"]*)"')


def _compact_style(match: re.Match[str]) -> str:
    """premailer writes 'margin:0; color:#1f2328'; without the spaces every story is ~10 % smaller
    (the same declarations repeat on every paragraph)."""
    style = re.sub(r"\s*([;:,])\s*", r"\1", match.group(1)).rstrip(";")
    return f' style="{style}"'


def _premailer() -> Any:
    """premailer, imported when the first edition is inlined (`digest reduce` never is).

    premailer imports requests at its top only as the default session for external stylesheets,
    which inline_css forbids (allow_network=False); requests with urllib3, chardet and idna is a
    third of premailer's import. So premailer is imported with a stand-in module for requests that
    imports the real one at its first use (never, here), and later imports get the real one.
    """
    if "premailer" in sys.modules:
        return sys.modules["premailer"]
    stand_in = None
    if "requests" not in sys.modules:
        stand_in = types.ModuleType("requests", "imports requests when premailer first uses it")
        stand_in.__getattr__ = lambda name: getattr(importlib.import_module("requests"), name)  # type: ignore[method-assign]
        sys.modules["requests"] = stand_in
    try:
        import premailer
    finally:
        if stand_in is not None and sys.modules.get("requests") is stand_in:
            del sys.modules["requests"]
    return premailer


def check_size(html: str, limit_kb: int) -> None:
    """RenderError when the HTML is larger than `limit_kb` (Gmail clips at about 102 KB)."""
    size_kb = len(html.encode("utf-8")) / 1024
    if size_kb > limit_kb:
        raise RenderError(
            f"the email's HTML is {size_kb:.1f} KB, more than render.max_html_kb = {limit_kb} KB "
            "(Gmail clips at about 102 KB): send fewer stories or slim the template"
        )
