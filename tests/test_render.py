"""render(): structure, labels, safety and errors of the rendered email."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from digest.config import Config, config_from_dict
from digest.deliver.personalise import Personal, markers, personalise
from digest.errors import ConfigError, RenderError, TemplateError
from digest.models import Article, Edition, Quote, Section, Story
from digest.render.html import (
    check_templates,
    contrast,
    http_url,
    one_line,
    render,
    shorten_at_word,
    topic_of,
)
from digest.render.labels import Labels, check_labels, labels_for

NEWSLETTER = {
    "name": "Bayern am Abend",
    "sender": "Bayern am Abend <abend@example.org>",
    "sections": ["Bayern", "Deutschland", "Welt"],
    "closing_section": "Zum Schluss",
    "editor": "Ihre Abendredaktion",
    "web_url": "https://www.example.org/abend/{date}",
    "signup_url": "https://www.example.org/anmelden",
    "impressum_url": "https://www.example.org/impressum",
    "privacy_url": "https://www.example.org/datenschutz",
}


def make_config(tmp_path: Path, newsletter: dict[str, Any] | None = None, **render: Any) -> Config:
    data = {"newsletter": {**NEWSLETTER, **(newsletter or {})}, "render": render}
    return config_from_dict(data, tmp_path, "config.toml")


QUOTE = Quote("Wir schaffen das gemeinsam", "Anna Stolz", "Kultusministerin")


def make_story(
    key: str,
    headline: str,
    section: str = "Bayern",
    url: str | None = "https://www.br.de/nachrichten/x",
    credits: tuple[str, ...] = ("dpa", "Reuters"),
    quote: Quote | None = QUOTE,
) -> Story:
    article = Article(key, "BR24", url, headline, ("Text.",), section=section, credits=credits)
    return Story(
        article=article,
        headline=headline,
        teaser=f"Teaser zu {headline}. " * 6,
        facts=("Erste Tatsache zum Thema.", "Zweite Tatsache zum Thema."),
        quotes=(quote,) if quote else (),
    )


def make_edition(*stories: Story) -> Edition:
    stories = stories or (
        make_story("a", "Lehrermangel: Bayern holt Lehrkräfte zurück", "Bayern"),
        make_story("b", "Haushalt: Koalition einigt sich", "Deutschland", credits=("AFP",)),
        make_story("c", "Ukraine: 26 Staaten wollen Truppen schicken", "Welt"),
        make_story("d", "Riesenkürbis: Rekord in Unterfranken", "Zum Schluss", credits=()),
    )
    titles = ["Bayern", "Deutschland", "Welt", "Zum Schluss"]
    sections = tuple(Section(t, tuple(s for s in stories if s.section == t)) for t in titles)
    sections = tuple(s for s in sections if s.stories)
    ordered = tuple(s for section in sections for s in section.stories)
    return Edition("Bayern am Abend", date(2026, 11, 25), ordered, number=12, sections=sections)


class Elements(HTMLParser):
    """Start tags in document order as (tag, attributes)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def test_german_document_structure(config: Config) -> None:
    rendered = render(make_edition(), config)
    elements = Elements(rendered.html)
    assert rendered.html.startswith("<!DOCTYPE html>")
    assert elements.all("html") == [{"lang": "de", "dir": "ltr"}]
    wrapper = elements.all("table")[0]
    assert (wrapper["lang"], wrapper["dir"], wrapper["role"]) == ("de", "ltr", "presentation")
    for table in elements.all("table"):
        assert (table["role"], table["cellpadding"], table["border"]) == ("presentation", "0", "0")
    assert len(elements.all("h1")) == 1  # the wordmark
    assert len(elements.all("h2")) == 5  # the index, 3 sections and the closing
    assert len(elements.all("h3")) == 4  # the stories
    assert not [p for p in elements.all("p") if p.get("role") == "heading"]
    metas = {m.get("name"): m.get("content") for m in elements.all("meta")}
    assert metas["color-scheme"] == metas["supported-color-schemes"] == "light dark"
    title = re.search(r"<title>(.*?)</title>", rendered.html)
    assert title and title.group(1) == rendered.subject
    assert "Mittwoch, 25. November 2026 · Ausgabe 12" in rendered.html


def test_preheader_is_the_first_element_of_the_body_and_hidden(config: Config) -> None:
    rendered = render(make_edition(), config)
    elements = Elements(rendered.html)
    names = [tag for tag, _ in elements.tags]
    assert names[names.index("body") + 1] == "div"
    preheader = elements.all("div")[0]
    style = preheader["style"] or ""
    assert preheader["aria-hidden"] == "true"
    assert "display:none" in style and "mso-hide:all" in style
    assert 40 <= len(rendered.preheader) <= 90
    assert rendered.preheader in rendered.html


def test_dark_mode_rules_keep_important_after_inlining(config: Config) -> None:
    html = render(make_edition(), config).html
    dark = re.search(r"@media \(prefers-color-scheme: dark\) \{(.*?)\n\}", html, re.S)
    assert dark and dark.group(1).count("!important") >= 5
    assert 'style="' in html and "<style>\n/* Inlined" not in html  # style.css went inline


def test_labels_links_and_credits(config: Config) -> None:
    rendered = render(make_edition(), config)
    html = rendered.html
    for label in ("Die Themen heute", "Das Wichtigste", "Und zum Schluss", "Guten Abend"):
        assert label in html
    assert "Mehr bei BR24: Lehrermangel: Bayern holt Lehrkräfte zurück" in html
    assert "„Wir schaffen das gemeinsam“" in html
    assert "– Anna Stolz, Kultusministerin" in html
    assert html.count(">Mit Informationen von dpa und Reuters<") == 2  # per story
    assert ">Mit Informationen von dpa, Reuters und AFP<" in html  # the footer's union
    for url in ("https://www.example.org/abend/2026-11-25", "https://www.example.org/impressum"):
        assert f'href="{url}"' in html and url in rendered.text


def test_closing_section_comes_last(config: Config) -> None:
    html = render(make_edition(), config).html
    headlines = re.findall(r"<h3[^>]*>(.*?)</h3>", html)
    assert headlines[-1] == "Riesenkürbis: Rekord in Unterfranken"
    assert html.index("Und zum Schluss") > html.index("Ukraine: 26 Staaten")
    assert html.index("Und zum Schluss") < html.index("Riesenkürbis: Rekord in Unterfranken</h3>")


def test_markers_for_personalisation(config: Config) -> None:
    rendered = render(make_edition(), config)
    marks = markers(rendered.marker_key)  # secret per edition (issue 20)
    UNSUBSCRIBE_URL, NAME_SUFFIX = marks.unsubscribe_url, marks.name_suffix
    assert f'href="{UNSUBSCRIBE_URL}"' in rendered.html
    assert UNSUBSCRIBE_URL in rendered.text
    for part in (rendered.html, rendered.text):
        assert f"Guten Abend{NAME_SUFFIX}," in part
    personal = personalise(rendered, Personal("https://www.example.org/ab?t=1", "Anna"))
    assert "Guten Abend, Anna," in personal.html and "Guten Abend, Anna," in personal.text


def test_english_edition(tmp_path: Path) -> None:
    config = make_config(tmp_path, {"language": "en"})
    rendered = render(make_edition(), config)
    assert Elements(rendered.html).all("html") == [{"lang": "en", "dir": "ltr"}]
    assert "Wednesday, 25 November 2026" in rendered.html
    assert rendered.subject == "Bayern am Abend: Lehrermangel, Haushalt and Ukraine"
    for text in ("Good evening", "Key facts", "“Wir schaffen das gemeinsam”", "And finally"):
        assert text in rendered.html
    assert "With material from dpa, Reuters and AFP" in rendered.text


def test_only_http_links_are_linked(config: Config) -> None:
    story = make_story("x", "Gefahr: Ein Link", url="javascript:alert(1)")
    rendered = render(make_edition(story), config)
    assert "javascript:" not in rendered.html.lower() and "javascript:" not in rendered.text
    hrefs = [a["href"] or "" for a in Elements(rendered.html).all("a")]
    marker = markers(rendered.marker_key).unsubscribe_url
    assert all(h.startswith(("https://", "#", marker)) for h in hrefs)


def test_markup_in_a_headline_is_escaped(config: Config) -> None:
    story = make_story("x", "<script>alert(1)</script> & mehr")
    rendered = render(make_edition(story), config)
    assert "<script" not in rendered.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr" in rendered.html
    assert "<script>alert(1)</script> & mehr" in rendered.text  # plain text is not HTML


def test_control_characters_never_reach_subject_or_preheader(config: Config) -> None:
    story = make_story("x", "Bahn\r\nBcc: evil@example.com\x00: Streik\u202e am Freitag")
    rendered = render(make_edition(story), config)
    for line in (rendered.subject, rendered.preheader):
        assert not any(ord(c) < 32 or c == "\u202e" for c in line)
    assert "\x00" not in rendered.html and "\x00" not in rendered.text


def test_subject_fits_topics_into_seventy_characters(config: Config) -> None:
    rendered = render(make_edition(), config)
    assert rendered.subject == "Bayern am Abend: Lehrermangel, Haushalt und Ukraine"
    long = [make_story(k, f"{'Sehr langes Thema ' * 2}{k}: Aussage") for k in "abc"]
    subject = render(make_edition(*long), config).subject
    assert len(subject) <= 70 and subject.count("Sehr langes Thema") < 3
    skipped = [
        make_story("a", "Wintereinbruch in Oberfranken: A"),
        make_story("b", "Wohnen für Fachkräfte in München: B"),
        make_story("c", "Bahn: C"),
    ]
    subject = render(make_edition(*skipped), config).subject
    assert subject == "Bayern am Abend: Wintereinbruch in Oberfranken und Bahn"
    alone = make_story("a", "Ein einziges sehr langes Thema ohne Doppelpunkt und ohne Ende " * 2)
    subject = render(make_edition(alone), config).subject
    assert subject == "Bayern am Abend: Ein einziges sehr langes Thema"  # its leading nouns
    lowercase = make_story("a", "kein hauptwort in dieser sehr langen zeile ohne doppelpunkt " * 2)
    subject = render(make_edition(lowercase), config).subject
    assert len(subject) <= 70 and subject.endswith("…")
    assert render(make_edition(), config, test=True).subject.startswith("[Test] Bayern am Abend: ")


def test_topic_and_shortening() -> None:
    assert topic_of("Koalition der Willigen: 26 Staaten wollen Truppen schicken") == (
        "Koalition der Willigen"
    )
    assert topic_of("Streik") == "Streik"
    # A German headline without a topic names it in the capitalised words it starts with.
    assert topic_of("Gewerkschaft der Polizei kritisiert Innenminister Schäuble") == (
        "Gewerkschaft der Polizei"
    )
    assert topic_of("26 westliche Staaten wollen Truppen in die Ukraine schicken") == (
        "26 westliche Staaten"
    )
    shortened = topic_of("lange kleingeschriebene zeile ohne jedes hauptwort und ohne doppelpunkt")
    assert shortened.endswith("…") and len(shortened) <= 40 and " und…" not in shortened
    assert shorten_at_word("kurz", 10) == "kurz"
    assert shorten_at_word("abc def ghi", 8) == "abc def…"  # a word that ends at the limit is kept
    assert shorten_at_word("Streik bei der Bahn", 16) == "Streik…"
    assert shorten_at_word("Donaudampfschifffahrt", 10) == "Donaudamp…"


def test_plain_text_is_a_real_rendering(config: Config) -> None:
    text = render(make_edition(), config).text
    assert text.startswith("BAYERN AM ABEND\n")
    assert "- Erste Tatsache zum Thema." in text
    assert "„Wir schaffen das gemeinsam“\n– Anna Stolz, Kultusministerin" in text
    assert "Mehr bei BR24: Lehrermangel: Bayern holt Lehrkräfte zurück [1]" in text
    assert "\n[1] https://www.br.de/" in text
    assert "UND ZUM SCHLUSS" in text
    assert all(len(line) <= 72 or line.startswith(("http", "[")) for line in text.splitlines())
    assert "\n\n\n" not in text and text.endswith("\n")


def test_html_size_limit_raises(tmp_path: Path) -> None:
    config = make_config(tmp_path, max_html_kb=5)
    with pytest.raises(RenderError, match=r"KB, more than render\.max_html_kb = 5 KB"):
        render(make_edition(), config)


def test_twelve_stories_stay_compact(config: Config) -> None:
    sections = ["Bayern", "Deutschland", "Welt"]
    one = render(make_edition(make_story("k0", "Thema 0: Aussage")), config).html
    stories = [make_story(f"k{i}", f"Thema {i}: Aussage", sections[i % 3]) for i in range(12)]
    twelve = render(make_edition(*stories), config).html
    assert len(twelve.encode()) < 80 * 1024
    per_story = (len(twelve.encode()) - len(one.encode())) / 11
    assert per_story < 2.5 * 1024  # markup ~1.3 KB plus this test's ~0.8 KB of text


def test_undefined_variable_in_override_names_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "digest.html.j2").write_text("<p>ok</p>\n<p>{{ story.headline }}</p>\n")
    config = make_config(tmp_path, templates=str(folder))
    with pytest.raises(TemplateError, match=r"digest\.html\.j2:2: 'story' is undefined"):
        render(make_edition(), config)


def test_syntax_error_in_override_names_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "digest.txt.j2").write_text("line one\n{{ wordmark }}}\n{% if %}\n")
    config = make_config(tmp_path, templates=str(folder))
    with pytest.raises(TemplateError, match=r"digest\.txt\.j2:3: ") as raised:
        render(make_edition(), config)
    assert "\n" not in str(raised.value)


def test_missing_partial_is_a_template_error(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "digest.txt.j2").write_text('{% include "partials/nope.txt.j2" %}\n')
    config = make_config(tmp_path, templates=str(folder))
    with pytest.raises(TemplateError, match=r"template not found: partials/nope\.txt\.j2"):
        render(make_edition(), config)


def test_override_folder_falls_back_to_built_in_templates(tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "digest.txt.j2").write_text("EIGENE VORLAGE {{ wordmark }}\n")
    config = make_config(tmp_path, templates=str(folder))
    rendered = render(make_edition(), config)
    assert rendered.text == "EIGENE VORLAGE Bayern am Abend\n"
    assert "Die Themen heute" in rendered.html  # digest.html.j2 came from the built-in folder


def test_label_overrides(tmp_path: Path) -> None:
    config = make_config(tmp_path, labels={"more": "Weiterlesen bei {source}", "facts": "Kurz"})
    html = render(make_edition(), config).html
    assert ">Weiterlesen bei BR24</a>" in html and ">Kurz</p>" in html


def test_wrong_label_overrides_are_config_errors(tmp_path: Path) -> None:
    problems = check_labels({"mroe": "x", "credits": "Von {agency}", "facts": "{"})
    assert problems[0] == ("render.labels.mroe", "unknown label (did you mean 'more'?)")
    assert problems[1][0] == "render.labels.credits" and "{agency}" in problems[1][1]
    assert problems[2][0] == "render.labels.facts"
    with pytest.raises(ConfigError, match=r"render\.labels\.mroe: unknown label"):
        make_config(tmp_path, labels={"mroe": "x"})  # the config loader checks labels


def test_labels_join_and_count() -> None:
    german = labels_for("de", {})
    assert isinstance(german, Labels)
    assert german.join(["dpa"]) == "dpa"
    assert german.join(["dpa", "AFP", "Reuters"]) == "dpa, AFP und Reuters"
    counts = (german.count(1), german.count(6), german.count(14))
    assert counts == ("ein Thema", "sechs Themen", "14 Themen")
    assert labels_for("en", {}).join(["dpa", "Reuters"]) == "dpa and Reuters"


def test_safe_value_helpers() -> None:
    assert http_url(" https://example.org/a?b=1 ") == "https://example.org/a?b=1"
    bad = ("javascript:alert(1)", "data:text/html,x", "//example.org", "https://", "http://a b")
    assert [http_url(url) for url in bad] == [None] * len(bad)
    assert one_line("a\r\n\tb\u200b\u202ec") == "a b c"
    assert contrast("#0b5cad", "#fdfdfd") >= 4.5


def test_check_templates_finds_errors_before_a_send(tmp_path: Path) -> None:
    check_templates(make_config(tmp_path))
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "digest.html.j2").write_text("{{ stories[0].titel }}\n")
    with pytest.raises(TemplateError, match=r"digest\.html\.j2:1: .*has no attribute 'titel'"):
        check_templates(make_config(tmp_path, templates=str(folder)))
