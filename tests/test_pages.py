"""Article pages: one extractor for saved and fetched pages, nothing but the article.

The fixtures in tests/data/pages/ are pages we wrote in the shapes news sites use (navigation, skip
link, cookie banner, figure with caption, byline, share and newsletter prompts, related articles,
comments, JSON-LD, a decorated <title>). Each is read as a local file and over HTTP from a real
server on 127.0.0.1 (tests/feedserver.py), and both must give the same article.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.cli import main
from digest.extract import extract
from digest.models import RawItem
from digest.report import RunReport
from digest.sources.article_html import NoArticle, decode_page, read_page
from digest.sources.feed import parse_feed
from digest.sources.fetch import Fetcher, FetchError, FetchSettings
from digest.sources.htmlfile import read_html_file
from digest.sources.page import fetch_article
from digest.sources.textfile import TextFileConfig

from .conftest import ROOT
from .feedserver import Reply
from .test_sources_feed import read

PAGES = ROOT / "tests" / "data" / "pages"
HTML = {"Content-Type": "text/html; charset=utf-8"}

GERMAN_CHROME = [
    "Zum Inhalt springen",
    "Menü",
    "Suchbegriff",
    "Startseite",
    "Cookies",
    "akzeptieren",
    "Foto:",
    "Lesezeit",
    "Anzeige",
    "Teilen",
    "Link kopieren",
    "Newsletter",
    "Mehr zum Thema",
    "Grundschule Nord",
    "Kommentar",
    "Von Anna Beispiel",
    "Impressum",
    "Nordheimer Zeitung GmbH",
    "dataLayer",
    "Lokales",
]
ENGLISH_CHROME = [
    "Skip to",
    "cookie",
    "Accept all",
    "Photo:",
    "Getty",
    "min read",
    "Advertisement",
    "Share this",
    "newsletter",
    "Related",
    "Storm damages",
    "By Tom Writer",
    "November 24, 2026",
    "tracker",
    "All rights reserved",
]


def local(name: str) -> tuple[RawItem, RunReport]:
    report = RunReport()
    spec = TextFileConfig(name="Seiten", type="textfile", path=PAGES, language="de")
    items = read_html_file(PAGES / name, spec, report)
    assert len(items) == 1, report.failures
    return items[0], report


def fetched(feed_server, tmp_path, name: str) -> tuple[RawItem, RunReport]:
    url = feed_server.route(
        f"/artikel/{name}", Reply(body=(PAGES / name).read_bytes(), headers=HTML)
    )
    items, report = read(tmp_path, {"name": "Seiten", "type": "page", "urls": [url]})
    assert len(items) == 1, report.failures
    return items[0], report


@pytest.fixture(params=["file", "http"])
def page(request, feed_server, tmp_path):
    """Read a fixture page as a local file or from the test HTTP server."""

    def read_page_as(name: str) -> RawItem:
        if request.param == "file":
            item, report = local(name)
        else:
            item, report = fetched(feed_server, tmp_path, name)
        assert report.failures == [] and report.warnings == []
        return item

    return read_page_as


def text_of(item: RawItem) -> str:
    return "\n".join(extract(item).paragraphs)


def test_german_page_metadata(page):
    item = page("nordheim-de.html")
    assert item.title == "Stadtrat beschließt Haushalt mit Rekordinvestitionen"  # no (3), no site
    assert item.url == "https://www.nordheimer-zeitung.example/lokales/stadtrat-haushalt-2027"
    assert item.published == datetime(2026, 11, 25, 13, 30, tzinfo=UTC)
    assert item.section == "Lokales" and item.author == "Anna Beispiel"
    assert item.language == "de"


def test_german_page_is_only_the_article(page):
    text = text_of(page("nordheim-de.html"))
    assert text.startswith("Der Nordheimer Stadtrat hat am Mittwochabend den Haushalt")
    assert "sagte Oberbürgermeisterin Petra Sommer" in text
    assert text.endswith("will die Stadt einzelne Projekte verschieben.")
    assert [s for s in GERMAN_CHROME if s in text] == []


def test_english_page_metadata_from_json_ld(page):
    item = page("harbour-en.html")
    assert item.title == "Harbour town votes to rebuild its old pier"
    assert item.url == "https://www.examplepost.example/local/harbour-pier-rebuild"
    assert item.published == datetime(2026, 11, 24, 9, 15, tzinfo=UTC)
    assert (item.section, item.author, item.language) == ("Local", "Tom Writer", "en")


def test_english_page_is_only_the_article(page):
    text = text_of(page("harbour-en.html"))
    assert text.startswith("Residents of Eastport voted on Monday")
    assert "said council leader Mary Jones" in text
    assert text.endswith("keep one berth open at all times.")
    assert [s for s in ENGLISH_CHROME if s in text] == []


def test_file_and_http_give_the_same_article(feed_server, tmp_path):
    for name in ("nordheim-de.html", "harbour-en.html"):
        from_file, _ = local(name)
        over_http, _ = fetched(feed_server, tmp_path, name)
        assert extract(from_file).paragraphs == extract(over_http).paragraphs
        assert (from_file.title, from_file.published) == (over_http.title, over_http.published)


def test_reduce_json_for_file_and_url(feed_server):
    url = feed_server.route(
        "/a", Reply(body=(PAGES / "nordheim-de.html").read_bytes(), headers=HTML)
    )
    result = CliRunner().invoke(
        main, ["reduce", "--json", str(PAGES / "nordheim-de.html"), url], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    by_file, by_url = (json.loads(line) for line in result.stdout.splitlines())
    for story in (by_file, by_url):
        assert story["headline"] == "Stadtrat beschließt Haushalt mit Rekordinvestitionen"
        assert story["quotes"][0]["speaker"] == "Petra Sommer"
        shown = " ".join([story["teaser"], *story["facts"], *(q["text"] for q in story["quotes"])])
        assert [s for s in GERMAN_CHROME if s in shown] == []
    assert by_file["teaser"] == by_url["teaser"] and by_file["facts"] == by_url["facts"]


# -- bad pages ---------------------------------------------------------------------------------

BAD_PAGES = {
    "doc.html": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not an HTML page but a PDF document"),
    "bild.html": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not an HTML page but a PNG image"),
    "api.html": (b'{"articles": [{"title": "Kein HTML"}]}', "not an HTML page but JSON"),
    "leer.html": (b"   \n", "not an HTML page but an empty document"),
    "homepage.html": ((PAGES / "homepage.html").read_bytes(), "no article text found on the page"),
    "anmelden.html": (
        (PAGES / "login-wall.html").read_bytes(),
        "no article text found on the page",
    ),
}


# A bad page is one warning naming it and is skipped (exit 0: the run used everything it could,
# and running again would not help); a run where every input was such a page fails (exit 1).


@pytest.mark.parametrize("name", sorted(BAD_PAGES))
def test_a_bad_page_file_is_one_warning_and_skipped(tmp_path, name):
    content, reason = BAD_PAGES[name]
    path = tmp_path / name
    path.write_bytes(content)
    good = tmp_path / "gut.html"
    good.write_bytes((PAGES / "harbour-en.html").read_bytes())
    result = CliRunner().invoke(main, ["reduce", "--json", str(path), str(good)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"warning: {path}: {reason}; skipped\n"
    assert "Traceback" not in result.output
    (story,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert story["input"] == str(good)


@pytest.mark.parametrize("name", sorted(BAD_PAGES))
def test_a_bad_page_url_is_one_warning_and_skipped(feed_server, name):
    content, reason = BAD_PAGES[name]
    url = feed_server.route(f"/{name}", Reply(body=content, headers=HTML))
    good = feed_server.route(
        "/gut", Reply(body=(PAGES / "harbour-en.html").read_bytes(), headers=HTML)
    )
    result = CliRunner().invoke(main, ["reduce", "--json", url, good])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"warning: {url}: {reason}; skipped\n"
    (story,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert story["input"] == good


def test_nothing_but_bad_pages_is_an_error(feed_server, tmp_path):
    path = tmp_path / "doc.html"
    path.write_bytes(BAD_PAGES["doc.html"][0])
    url = feed_server.route("/kreis", Reply(302, headers={"Location": "/kreis"}))
    result = CliRunner().invoke(main, ["reduce", "--json", str(path), url])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"warning: {path}: not an HTML page but a PDF document; skipped",
        f"warning: {url}: too many redirects (more than 5); skipped",
        "error: nothing usable: all 2 pages were skipped (see the warnings)",
    ]
    quiet = CliRunner().invoke(main, ["-q", "reduce", "--json", str(path)])
    assert quiet.exit_code == 1
    assert quiet.stderr == "error: nothing usable: the page was skipped (see the warnings)\n"


def test_a_page_beyond_the_size_cap_is_not_read_whole(tmp_path):
    path = tmp_path / "riesig.html"
    filler = b"<p>" + b"Text ohne Ende. " * 1000 + b"</p>\n"
    with path.open("wb") as handle:
        handle.write(b"<html><body>")
        for _ in range(20_000_000 // len(filler) + 1):  # 20 MB
            handle.write(filler)
    report = RunReport()
    items = read_html_file(path, TextFileConfig(name="S", path=path), report)
    assert items == [] and report.failures == [] and report.pages_skipped == 1
    assert report.warnings == [f"{path}: too large: more than 5,000,000 bytes; skipped"]


@pytest.mark.parametrize("name", sorted(BAD_PAGES))
def test_a_bad_page_of_a_page_source_is_one_warning_and_skipped(feed_server, tmp_path, name):
    content, reason = BAD_PAGES[name]
    url = feed_server.route(f"/{name}", Reply(body=content, headers=HTML))
    good = feed_server.route(
        "/gut", Reply(body=(PAGES / "harbour-en.html").read_bytes(), headers=HTML)
    )
    items, report = read(tmp_path, {"name": "S", "type": "page", "urls": [url, good]})
    assert [item.origin for item in items] == [good]
    assert report.failures == [] and report.warnings == [f"page 'S': {url}: {reason}; skipped"]


def test_a_pdf_served_as_pdf(feed_server, tmp_path):
    headers = {"Content-Type": "application/pdf"}
    url = feed_server.route("/doc", Reply(body=BAD_PAGES["doc.html"][0], headers=headers))
    items, report = read(tmp_path, {"name": "S", "type": "page", "urls": [url]})
    assert items == [] and report.failures == []
    assert report.warnings == [
        f"page 'S': {url}: not an HTML page (Content-Type application/pdf); skipped"
    ]


def test_a_page_over_the_fetch_cap(feed_server, tmp_path):
    big = b"<html><body>" + b"<p>Viel Text.</p>" * 200_000 + b"</body></html>"  # 3.4 MB
    url = feed_server.route("/gross", Reply(body=big, headers=HTML))
    items, report = read(
        tmp_path, {"name": "S", "type": "page", "urls": [url]}, fetch={"max_mb": 1}
    )
    assert items == [] and report.failures == [] and len(report.warnings) == 1
    assert report.warnings[0].startswith(f"page 'S': {url}: too large")
    assert report.warnings[0].endswith("; skipped")


def test_a_20_mb_page_over_http(feed_server):
    big = b"<html><body>" + b"<p>Viel Text ohne Ende.</p>" * 800_000 + b"</body></html>"  # 21 MB
    url = feed_server.route("/riesig", Reply(body=big, headers=HTML))
    result = CliRunner().invoke(main, ["reduce", "--json", url])
    assert result.exit_code == 1 and result.stdout == ""
    warning, error = result.stderr.splitlines()
    assert warning.startswith(f"warning: {url}: too large") and warning.endswith("; skipped")
    assert error == "error: nothing usable: the page was skipped (see the warnings)"


def test_a_redirect_loop(feed_server, tmp_path):
    url = feed_server.route("/kreis", Reply(302, headers={"Location": "/kreis"}))
    items, report = read(tmp_path, {"name": "S", "type": "page", "urls": [url]})
    assert items == [] and report.failures == []
    assert report.warnings == [f"page 'S': {url}: too many redirects (more than 5); skipped"]


def test_a_server_error_is_still_a_failure(feed_server, tmp_path):
    url = feed_server.route("/kaputt", Reply(500, b"oops"))
    items, report = read(tmp_path, {"name": "S", "type": "page", "urls": [url]})
    assert items == [] and report.warnings == [] and report.pages_skipped == 0
    assert report.failures == [f"page 'S': {url}: HTTP 500 Internal Server Error"]


def test_a_feed_entry_whose_page_is_bad_and_has_no_text_is_skipped(feed_server, tmp_path):
    login = feed_server.route(
        "/artikel/zu", Reply(body=(PAGES / "login-wall.html").read_bytes(), headers=HTML)
    )
    pier = feed_server.route(
        "/artikel/pier", Reply(body=(PAGES / "harbour-en.html").read_bytes(), headers=HTML)
    )
    feed = (
        '<rss version="2.0"><channel><title>P</title>'
        f"<item><title>Zu</title><link>{login}</link></item>"
        f"<item><title>Pier</title><link>{pier}</link></item></channel></rss>"
    ).encode()
    url = feed_server.route(
        "/p.xml", Reply(body=feed, headers={"Content-Type": "application/rss+xml"})
    )
    items, report = read(tmp_path, {"name": "P", "type": "feed", "url": url, "fulltext": True})
    assert [item.url for item in items] == [pier]
    assert report.failures == [] and report.pages_skipped == 1
    assert report.warnings == [
        f"feed 'P': full text: {login}: no article text found on the page; "
        "skipped: the feed has no text"
    ]


def page_config(tmp_path, urls):
    sources = (
        "[[sources]]\nname = 'S'\ntype = 'page'\nurls = ["
        + ", ".join(f"'{u}'" for u in urls)
        + "]\n"
    )
    path = tmp_path / "config.toml"
    path.write_text(f"[newsletter]\nmax_age_hours = 1000000\n\n{sources}", encoding="utf-8")
    return path


def test_build_with_a_bad_page_warns_and_exits_0(feed_server, tmp_path):
    bad = feed_server.route("/doc", Reply(body=BAD_PAGES["doc.html"][0], headers=HTML))
    good = feed_server.route(
        "/gut", Reply(body=(PAGES / "harbour-en.html").read_bytes(), headers=HTML)
    )
    config = page_config(tmp_path, [bad, good])
    result = CliRunner().invoke(
        main, ["--config", str(config), "build", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert (
        result.stderr == f"warning: page 'S': {bad}: not an HTML page but a PDF document; skipped\n"
    )
    assert len(result.stdout.split()) == 4  # the edition was written


def test_build_with_nothing_but_bad_pages_exits_1(feed_server, tmp_path):
    bad = feed_server.route("/doc", Reply(body=BAD_PAGES["doc.html"][0], headers=HTML))
    config = page_config(tmp_path, [bad])
    result = CliRunner().invoke(
        main, ["--config", str(config), "build", "--json", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert summary["outputs"] == [] and summary["exit_code"] == 1
    assert summary["failures"] == ["nothing usable: the page was skipped (see the warnings)"]
    assert summary["warnings"] == [f"page 'S': {bad}: not an HTML page but a PDF document; skipped"]


# -- charsets ----------------------------------------------------------------------------------

ARTICLE = (
    "<html><head><meta charset='{charset}'><title>Grüße aus Fürth</title></head><body><article>"
    "<h1>Grüße aus Fürth</h1><p>Das Straßenfest in der Fürther Altstadt lockte am Wochenende "
    "rund 20.000 Besucherinnen und Besucher an. Die Veranstalter zählten so viele Gäste wie "
    "noch nie.</p><p>Für das nächste Jahr plant die Stadt eine größere Bühne am Grünen Markt "
    "und längere Öffnungszeiten für die Stände.</p></article></body></html>"
)


@pytest.mark.parametrize(
    ("declared", "encoding", "warning"),
    [
        ("utf-8", "utf-8", None),
        ("iso-8859-1", "iso-8859-1", None),
        ("iso-8859-1", "utf-8", "declares iso-8859-1 but is UTF-8, read as UTF-8"),
        ("utf-8", "cp1252", "declares UTF-8 but is not, read as cp1252"),
        ("x-unbekannt", "utf-8", "unknown charset 'x-unbekannt', read as UTF-8"),
    ],
)
def test_charset_declared_right_wrong_or_unknown(declared, encoding, warning):
    content = ARTICLE.format(charset=declared).encode(encoding)
    page = read_page(content, "fuerth.html")
    assert page.title == "Grüße aus Fürth" and "Straßenfest in der Fürther Altstadt" in page.html
    assert page.warning == (f"fuerth.html: {warning}" if warning else None)


def test_http_charset_wins_over_meta_and_a_lying_one_is_named(feed_server, tmp_path):
    body = ARTICLE.format(charset="utf-8").encode("utf-8")
    url = feed_server.route(
        "/fuerth", Reply(body=body, headers={"Content-Type": "text/html; charset=iso-8859-1"})
    )
    items, report = read(tmp_path, {"name": "S", "type": "page", "urls": [url]})
    assert items[0].title == "Grüße aus Fürth" and "Fürther Altstadt" in items[0].body
    assert report.warnings == [f"page 'S': {url}: declares iso-8859-1 but is UTF-8, read as UTF-8"]


@pytest.mark.parametrize(
    ("declared", "encoding", "warning"),
    [
        ("iso-8859-1", "utf-8", "declares iso-8859-1 but is UTF-8, read as UTF-8"),
        ("x-unbekannt", "utf-8", "unknown charset 'x-unbekannt', read as UTF-8"),
        ("utf-8", "cp1252", "declares UTF-8 but is not, read as cp1252"),
    ],
)
def test_a_lying_or_unknown_charset_is_one_warning_and_read(
    feed_server, tmp_path, declared, encoding, warning
):
    content = ARTICLE.format(charset=declared).encode(encoding)
    path = tmp_path / "fuerth.html"
    path.write_bytes(content)
    url = feed_server.route("/fuerth", Reply(body=content, headers={"Content-Type": "text/html"}))
    result = CliRunner().invoke(main, ["reduce", "--json", str(path), url])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning: {path}: {warning}",
        f"warning: {url}: {warning}",
    ]
    stories = [json.loads(line) for line in result.stdout.splitlines()]
    assert [s["headline"] for s in stories] == ["Grüße aus Fürth"] * 2
    assert all("Fürther Altstadt" in s["teaser"] for s in stories)


def test_decode_page_prefers_a_byte_order_mark():
    text, warning = decode_page("\ufeff<p>Grüße</p>".encode("utf-16-le"), "iso-8859-1")
    assert "Grüße" in text and warning is None


# -- feeds whose entries carry the whole article -------------------------------------------------


def test_full_article_in_a_feed_goes_through_the_same_extractor():
    article = (PAGES / "nordheim-de.html").read_text(encoding="utf-8")
    body = article.split("<article>")[1].split("</article>")[0]
    summary = "<p>Kurz: Der Stadtrat hat den Haushalt beschlossen. Foto: dpa</p>"
    feed = (
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>N</title>"
        "<item><title>Haushalt</title><link>https://n.example/a</link>"
        f"<content:encoded><![CDATA[{body}<p>Der Beitrag Haushalt erschien zuerst auf "
        "Nordheimer Zeitung.</p>]]></content:encoded></item>"
        f"<item><title>Kurz</title><link>https://n.example/b</link><description><![CDATA[{summary}]]>"
        "</description></item></channel></rss>"
    ).encode()
    full, short = parse_feed(feed, url="https://n.example/feed").entries
    assert "sagte Oberbürgermeisterin Petra Sommer" in full.html
    for chrome in ("Foto:", "Lesezeit", "Anzeige", "Teilen", "Newsletter", "erschien zuerst"):
        assert chrome not in full.html
    assert short.html == summary  # a summary is left as the feed gave it


def test_fulltext_page_metadata_fills_what_the_feed_lacks(feed_server, tmp_path):
    page_url = feed_server.route(
        "/artikel/pier", Reply(body=(PAGES / "harbour-en.html").read_bytes(), headers=HTML)
    )
    feed = (
        '<rss version="2.0"><channel><title>P</title><item><title>Pier</title>'
        f"<link>{page_url}</link><description>Short.</description></item></channel></rss>"
    ).encode()
    url = feed_server.route(
        "/p.xml", Reply(body=feed, headers={"Content-Type": "application/rss+xml"})
    )
    items, report = read(tmp_path, {"name": "P", "type": "feed", "url": url, "fulltext": True})
    (item,) = items
    assert report.failures == [] and report.warnings == []
    assert item.title == "Pier"  # the feed's own title is kept
    assert (item.section, item.author, item.language) == ("Local", "Tom Writer", "en")
    assert "Skip to" not in item.body and "Mary Jones" in item.body


def test_source_language_wins_over_the_page(feed_server, tmp_path):
    url = feed_server.route(
        "/pier", Reply(body=(PAGES / "harbour-en.html").read_bytes(), headers=HTML)
    )
    items, _ = read(tmp_path, {"name": "S", "type": "page", "urls": [url], "language": "de"})
    assert items[0].language == "de"


def test_fetch_article_keeps_the_fetcher_size_cap(feed_server):
    url = feed_server.route(
        "/pier", Reply(body=(PAGES / "harbour-en.html").read_bytes(), headers=HTML)
    )
    with (
        Fetcher(FetchSettings(max_bytes=1000)) as fetcher,
        pytest.raises(FetchError, match="too large"),
    ):
        fetch_article(fetcher, url)


# -- the page chrome rules, block by block -------------------------------------------------------

CHROME_BLOCKS = [
    "Zum Inhalt springen",
    "Direkt zum Inhalt",
    "Skip to main content",
    "Menü",
    "Foto: Max Muster/dpa",
    "(Bild: dpa)",
    "Der Bürgermeister bei der Eröffnung. Foto: Stadt Nordheim",
    "The pier after the storm. Photo: Getty Images",
    "© Nordheimer Zeitung 2026",
    "Lesezeit: 4 Min.",
    "4 min read",
    "Teilen auf Facebook, WhatsApp",
    "Share this article",
    "Fanden Sie diesen Artikel nützlich?",
    "Kommentar schreiben",
    "Leave a comment",
    "Jetzt den Newsletter abonnieren und nichts mehr verpassen.",
    "Sign up for our newsletter to get the top stories.",
    "Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie unserer Datenschutzerklärung zu.",
    "We use cookies to give you the best experience.",
    "Alle akzeptieren",
    "Anzeige",
    "ADVERTISEMENT",
    "Von Anna Beispiel und Jonas Weber",
    "By Tom Writer",
    "25.11.2026, 14:30 Uhr",
    "Aktualisiert am 25. November 2026 um 14:30 Uhr",
    "Updated November 24, 2026 at 9:15 a.m. ET",
    "vor 3 Stunden",
    "Der Beitrag Haushalt erschien zuerst auf Nordheimer Zeitung.",
    "This article originally appeared on Riverton Weekly.",
    "Dieser Artikel erschien zuerst im Nordheimer Boten.",
]
ARTICLE_BLOCKS = [
    "Die Polizei hat Anzeige gegen den Fahrer erstattet, er war zu schnell unterwegs.",
    "Mit einem Kommentar mischen sich viele Nutzer in die Debatte ein.",
    "Von Montag an gilt in der Altstadt Tempo 30.",
    "Das Foto zeigt den Bürgermeister bei der Eröffnung der neuen Brücke.",
    "By the end of the year the council wants to finish the work.",
    "Die EU verlangt, dass Nutzer dem Setzen von Cookies ausdrücklich zustimmen können.",
    "Am 25.11.2026 entscheidet der Stadtrat über den Haushalt.",
    "The story first appeared in a local paper, and within hours the mayor had to answer for it.",
]


def _cleaned(*blocks: str) -> str:
    from lxml.html import fromstring

    from digest.sources.page_chrome import remove_chrome

    body = fromstring("<div>" + "".join(f"<p>{b}</p>" for b in blocks) + "</div>")
    remove_chrome(body)
    return _text(body)


def _text(body) -> str:
    return " ".join(" ".join(e.text_content().split()) for e in body.iter("p", "li", "h3"))


@pytest.mark.parametrize("block", CHROME_BLOCKS)
def test_chrome_block_goes(block):
    assert _cleaned(ARTICLE_BLOCKS[0], block) == ARTICLE_BLOCKS[0]


@pytest.mark.parametrize("block", ARTICLE_BLOCKS)
def test_article_text_stays(block):
    assert _cleaned(block, ARTICLE_BLOCKS[2]) == f"{block} {ARTICLE_BLOCKS[2]}"


def test_credit_glued_to_a_paragraph_is_cut():
    text = "Private Anbieter unterliegen der Aufsicht der Kartellbehörden." * 6
    assert _cleaned(text + "Foto: photocase.de") == text


def test_related_list_and_comment_section_go():
    lines = [f"Satz {n} des Artikels über den Haushalt der Stadt Nordheim." for n in range(6)]
    from lxml.html import fromstring

    from digest.sources.page_chrome import remove_chrome

    body = fromstring(
        "<div>"
        + "".join(f"<p>{line}</p>" for line in lines[:3])
        + "<h3>Mehr zum Thema</h3><ul><li>Schulbau in Nord</li><li>Neue Radwege</li></ul>"
        + "".join(f"<p>{line}</p>" for line in lines[3:])
        + "<h3>3 Kommentare</h3><p>Leser A meint, das sei alles viel zu teuer geworden.</p>"
        + "</div>"
    )
    remove_chrome(body)
    assert _text(body) == " ".join(lines)


def test_the_rules_file_names_the_languages():
    from digest.sources.page_chrome import chrome_rules

    assert chrome_rules().languages == {"de", "en"}


# -- headlines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "url", "expected"),
    [
        (
            "<title>(16) Stadtrat beschließt Haushalt | Nordheimer Zeitung</title>"
            '<meta property="og:site_name" content="Nordheimer Zeitung">',
            None,
            "Stadtrat beschließt Haushalt",
        ),
        (
            "<title>Neue Regeln für E-Scooter - ZEIT ONLINE</title>",
            "https://www.zeit.de/mobilitaet/e-scooter",
            "Neue Regeln für E-Scooter",
        ),
        (
            "<title>Beispielblog » Warum Pseudonyme erlaubt sein sollten</title>",
            "https://beispielblog.example/pseudonyme",
            "Warum Pseudonyme erlaubt sein sollten",
        ),
        (
            "<title>Rezension: Meier - Medienrecht, 3. Auflage - Rechtsblog</title>",
            "https://www.rechtsblog.example/rezension",
            "Rezension: Meier - Medienrecht, 3. Auflage",
        ),
        (
            '<meta property="og:title" content="The river is back | Culture | News | PX | 10.06.2013">'
            "<title>x</title></head><body><h1>The river is back</h1>",
            "https://www.px.example/a",
            "The river is back",
        ),
        (
            '<meta property="og:title" content="Beispielblog"><title>Beispielblog</title></head>'
            "<body><h1>Beispielblog</h1><h1>Der eigentliche Titel des Beitrags</h1>",
            "https://beispielblog.example/a",
            "Der eigentliche Titel des Beitrags",
        ),
    ],
)
def test_headline_loses_counter_site_and_separator(head, url, expected):
    from digest.sources.article_html import parse_html
    from digest.sources.page_meta import read_meta

    tree = parse_html(f"<html><head>{head}</head><body><p>Text.</p></body></html>")
    assert tree is not None
    assert read_meta(tree, url).title == expected


def test_a_page_rendered_by_scripts_is_read_from_its_json_ld(page):
    item = page("script-rendered.html")
    assert item.title == "Ferry service to the islands resumes"
    text = text_of(item)
    assert text.startswith("The ferry between the mainland and the northern islands")
    assert "said Anne Fisher" in text and "Photo:" not in text and "JavaScript" not in text


@pytest.mark.parametrize("name", sorted(BAD_PAGES))
def test_digest_reduce_on_nothing_but_a_bad_page_url(feed_server, name):
    content, reason = BAD_PAGES[name]
    url = feed_server.route(f"/{name}", Reply(body=content, headers=HTML))
    result = CliRunner().invoke(main, ["reduce", "--json", url])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"warning: {url}: {reason}; skipped",
        "error: nothing usable: the page was skipped (see the warnings)",
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<p>",
                "</p>",
                "<div>",
                "<h1>",
                "<script>",
                "<!--",
                "<html lang='",
                "\x00",
                "ä",
                "&#0;",
            ]
        )
        | st.text(max_size=40),
        max_size=40,
    )
)
def test_any_bytes_give_an_article_or_one_named_reason(parts):
    content = "".join(parts).encode("utf-8", errors="replace")
    try:
        page = read_page(content, "zufall.html")
    except NoArticle as err:
        assert str(err).startswith("zufall.html: ")
    else:
        assert page.html.strip()


def test_a_reactions_subheading_late_in_the_article_does_not_end_it():
    lines = [f"Sentence {n} of the article about the harbour and its new pier." for n in range(4)]
    kept = _cleaned(*lines, "Reactions", "The mayor welcomed the decision of the council.")
    assert kept == " ".join(
        [*lines, "Reactions", "The mayor welcomed the decision of the council."]
    )
