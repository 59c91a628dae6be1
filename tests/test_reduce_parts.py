"""Sentences, facts, headline, teaser, language and centrality, each on text written for the test."""

from __future__ import annotations

import pytest

from digest.lang.detect import article_language, detect_language
from digest.reduce.centrality import textrank
from digest.reduce.facts import choose_facts, trim
from digest.reduce.headline import from_lead, headline, shorten_at_phrase, teaser
from digest.reduce.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Das gilt z. B. für Dr. Meier. Er kam am 3. September nach Hause.", 2),
        ("Im 20. Jahrhundert war das anders. Heute nicht.", 2),
        ("Der Kurs stieg um 1,5 Prozent. Das ist viel.", 2),
        ("Sie wurde Platz 2. Danach ging sie heim.", 2),
        ("Mehr unter https://example.org/a.b. Danach kam nichts.", 2),
        ("„Wir kommen. Wir bleiben.“ Das sagte er.", 2),
        ("Das kostet ca. 5 Mio. Euro. So ist es.", 2),
        ("Warten... Dann kam er.", 2),
        ("Prof. Dr. Anna Berg leitet die Klinik seit Jan. 2024. Vorher war sie in Ulm.", 2),
        ("Die Feuerwehr rückte u. a. mit drei Löschzügen aus. Verletzt wurde niemand.", 2),
        ("Der 2. Bürgermeister eröffnete das Fest. Es dauert bis zum 3. Oktober.", 2),
        ("Der Torwart hielt in der 89. Minute. Dann war Schluss.", 2),
        ("Das Treffen ist am Mo., 4. Nov., um 10 Uhr. Gäste sind willkommen.", 2),
        ("Das Programm läuft bis 2030. Danach wird neu entschieden.", 2),
        ("US-Präsident George W. Bush besuchte Berlin. Er traf die Kanzlerin.", 2),
    ],
)
def test_sentences(text, count):
    assert len(split_sentences(text)) == count, split_sentences(text)


def test_headline_shortening_at_a_boundary():
    title = "Streit um den Haushalt: Landtag vertagt die Entscheidung über die Kliniken, die Schulen und die Straßen"
    short = shorten_at_phrase(title, 80)
    assert len(short) <= 80 and not short.endswith(",")


def test_title_wins_over_the_lead():
    assert (
        headline("Neue Brücke für Passau.", ["Die Stadt baut eine Brücke."])
        == "Neue Brücke für Passau"
    )


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        (
            "In Paris haben sich 26 westliche Staaten darauf verständigt, nach einem möglichen Waffenstillstand Truppen in die Ukraine zu schicken.",
            "26 westliche Staaten wollen Truppen in die Ukraine schicken",
        ),
        (
            "Der Stadtrat hat beschlossen, die Gebühren für Kitas im kommenden Jahr zu senken.",
            "Stadtrat will die Gebühren für Kitas im kommenden Jahr senken",
        ),
        (
            "Am Mittwoch hat die Polizei in Nürnberg einen mutmaßlichen Einbrecher festgenommen.",
            "Polizei hat in Nürnberg einen mutmaßlichen Einbrecher festgenommen",
        ),
        (
            "Die Deutsche Bahn will mit dem Fahrplanwechsel am 13. Dezember mehr schnelle Verbindungen zwischen großen Städten anbieten.",
            "Deutsche Bahn will am 13. Dezember mehr schnelle Verbindungen anbieten",
        ),
    ],
)
def test_headline_from_the_lead(lead, expected):
    line = from_lead(lead)
    assert line == expected
    assert len(line) <= 80 and not line.endswith(".")


def test_teaser_length_window():
    sentences = [("Wort " * 25).strip() + ".", ("Satz " * 20).strip() + ".", "Ende hier."]
    text, used = teaser(sentences)
    assert 200 <= len(text) <= 300 and used == 2


def test_teaser_trims_an_overlong_first_sentence():
    long = (
        "Der Rat hat beschlossen, die Straße zu sanieren, die seit "
        + "vielen Jahren " * 30
        + "marode ist."
    )
    text, used = teaser([long, "Danach geht es weiter."])
    assert len(text) <= 300 and used >= 1


def test_trim_drops_parentheticals_and_trailing_clauses_but_keeps_party_tags():
    sentence = (
        "Ministerin Anna Berg (SPD) hat am Montag in Berlin (nach einer langen Sitzung) ein Paket über 4 Milliarden Euro "
        "für die Bahn vorgestellt, das nach ihren Worten vor allem den Regionalverkehr stärken und die Pünktlichkeit "
        "der Züge in den nächsten fünf Jahren deutlich verbessern soll."
    )
    short = trim(sentence)
    assert "(SPD)" in short and "langen Sitzung" not in short
    assert len(short.split()) <= 30 and "4 Milliarden Euro" in short and short.endswith(".")


def test_facts_prefer_central_sentences_with_numbers_and_skip_repeats():
    sentences = [
        "Der Stadtrat hat am Mittwoch ein Programm für bezahlbare Wohnungen beschlossen.",
        "Die Stadt stellt bis 2031 rund 480 Millionen Euro für die Wohnungen bereit.",
        "Die Sitzung begann mit einer Schweigeminute für einen verstorbenen Kollegen.",
        "Für das Programm für bezahlbare Wohnungen stimmten 58 der 76 Mitglieder des Stadtrats.",
        "Für das Programm für bezahlbare Wohnungen stimmten 58 von 76 Stadträten am Mittwoch.",
        "Ist das genug für eine Stadt dieser Größe?",
    ]
    facts = choose_facts(sentences, skip=1, count=2)
    assert facts == [sentences[1], sentences[3]]


def test_textrank_ranks_the_sentence_others_share_words_with_highest():
    sentences = [
        "Die Brücke über die Donau wird saniert.",
        "Die Sanierung der Brücke über die Donau kostet Geld.",
        "Die Donau führt Hochwasser an der Brücke.",
        "Im Zoo wurde ein Elefant geboren.",
    ]
    ranks = textrank(sentences)
    assert ranks.index(1.0) in (0, 1, 2) and ranks[3] < min(ranks[:3])


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Der Stadtrat hat am Mittwoch mit großer Mehrheit das Programm für die Stadt beschlossen, und es ist gut.",
            "de",
        ),
        (
            "The council approved the budget on Tuesday, and the mayor said it was the best plan for the city.",
            "en",
        ),
        ("Kurz.", None),
    ],
)
def test_language_detection(text, language):
    assert detect_language(text) == language


def test_declared_language_stands_when_the_text_does_not_decide():
    assert article_language("Kurz.", "en") == "en"
