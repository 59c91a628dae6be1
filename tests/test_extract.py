"""Extraction: paragraphs, subheadings, agency credits and promo boilerplate, normalised text."""

from __future__ import annotations

import pytest

from digest.extract import _TO_CLEAN, extract, normalise, parse_credits
from digest.htmltext import html_to_text
from digest.models import RawItem

from .conftest import BR24_SEED


def item(body: str, fmt: str = "text", title: str | None = None) -> RawItem:
    return RawItem(source="t", key="k", url=None, title=title, body=body, body_format=fmt)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def seed():
    return extract(item(BR24_SEED.read_text(encoding="utf-8")))


def test_seed_credits_are_dpa_and_reuters(seed):
    assert seed.credits == ("dpa", "Reuters")
    assert not any("Mit Informationen" in p for p in seed.paragraphs)


def test_seed_promo_is_removed(seed):
    text = "\n".join(seed.paragraphs)
    assert "Newsletter" not in text and "Anmeldung" not in text
    assert "Europäische Perspektive" not in text


def test_seed_subheadings(seed):
    assert seed.subheadings == (
        "Berlin setzt auf Waffenhilfe für Ukraine",
        "„Koalition der Willigen“ – US-Rolle bleibt unklar",
        "Keine klassische Friedenstruppe",
        "Russland lehnt Pläne ab",
        "Selenskyj zeigt sich nach den Beratungen zufrieden",
    )
    assert seed.paragraphs[0].startswith("In Paris haben sich 26 westliche Staaten")
    assert seed.paragraphs[-1].startswith("Der ukrainische Präsident Wolodymyr Selenskyj")
    assert len(seed.paragraphs) == 9


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        ("Mit Informationen von dpa und reuters", ("dpa", "Reuters")),
        ("Mit Material von AFP, dpa und epd.", ("AFP", "dpa", "epd")),
        ("Mit Informationen der Nachrichtenagenturen dpa und AP", ("dpa", "AP")),
        ("Quelle: KNA", ("KNA",)),
        ("(dpa/lby)", ("dpa",)),
        ("With reporting by Reuters", ("Reuters",)),
        ("Mit Informationen von unseren Reportern", None),
        ("Die dpa berichtete zuerst darüber.", None),
    ],
)
def test_credit_lines(line, credits):
    assert parse_credits(line) == credits


def test_dateline_credit_is_taken_from_the_first_paragraph():
    article = extract(
        item("München (dpa/lby) - Der Landtag hat beschlossen, dass es schneit.\n\nZweiter Absatz.")
    )
    assert article.credits == ("dpa",)
    assert article.paragraphs[0] == "Der Landtag hat beschlossen, dass es schneit."


def test_normalise_soft_hyphens_nbsp_and_controls():
    assert (
        normalise("Bundes\u00adtag\u00a0und\u202fLandtag\x07  heute\r\n")
        == "Bundestag und Landtag heute\n"
    )


def test_every_character_normalise_cleans_is_unprintable():
    """normalise skips its cleaning when the text is printable but for its line breaks: sound only
    while no character it cleans is printable (a control, format or separator character)."""
    cleaned = [chr(code) for code in range(0x110000) if _TO_CLEAN.fullmatch(chr(code))]
    assert "\u00ad" in cleaned and "\u202e" in cleaned and "\t" in cleaned  # the class is read
    assert not [c for c in cleaned if c.isprintable()]
    assert normalise("a\u00a0b\n\u200bc") == "a b\nc"  # found beside a line break too


def test_one_paragraph_per_line_without_blank_lines():
    article = extract(item("Erster Satz hier.\nZweiter Satz dort.\n"))
    assert article.paragraphs == ("Erster Satz hier.", "Zweiter Satz dort.")


def test_blank_line_blocks_join_their_lines():
    article = extract(item("Erste Zeile\ngeht weiter.\n\nNeuer Absatz."))
    assert article.paragraphs == ("Erste Zeile geht weiter.", "Neuer Absatz.")


def test_promo_sentence_inside_a_paragraph_is_cut():
    article = extract(
        item("Ein echter Satz steht hier. Hier geht's zur Anmeldung!\n\nMehr Text folgt.")
    )
    assert article.paragraphs[0] == "Ein echter Satz steht hier."


def test_html_body_drops_scripts_and_marks_headings():
    html = "<h2>Zwischentitel</h2><p>Absatz <b>eins</b>.</p><script>alert(1)</script><p>Absatz zwei.</p>"
    assert html_to_text(html) == "# Zwischentitel\n\nAbsatz eins.\n\nAbsatz zwei."
    article = extract(item("<p>Vorne.</p>" + html, "html"))
    assert article.subheadings == ("Zwischentitel",)
    assert "alert" not in " ".join(article.paragraphs)


def test_bidi_overrides_are_removed():
    article = extract(item("Text mit \u202eumgedrehter\u202c Schrift und \u2066Isolat\u2069."))
    assert article.paragraphs == ("Text mit umgedrehter Schrift und Isolat.",)


def test_giant_articles_are_cut_but_keep_their_credit_line():
    from digest.extract import MAX_ARTICLE_CHARS

    body = (
        "\n\n".join(["Ein langer Absatz mit vielen Wörtern. " * 50] * 100)
        + "\n\nMit Informationen von dpa"
    )
    article = extract(item(body))
    assert sum(len(p) for p in article.paragraphs) <= MAX_ARTICLE_CHARS
    assert article.credits == ("dpa",)
