"""Quotes and their speakers: one row per pattern the reducer must handle, in sentences written for
these tests (invented people)."""

from __future__ import annotations

import pytest

from digest.reduce.marks import scan_quotes
from digest.reduce.quotes import find_quotes, has_finite_verb, is_statement
from digest.reduce.speakers import PersonIndex


def quotes_of(text: str, title: str | None = None) -> list[tuple[str, str | None, str | None]]:
    index = PersonIndex(text, title)
    return [(f.quote.text, f.quote.speaker, f.quote.role) for f in find_quotes(text, index)]


MARKS = [
    ("german", "Landrätin Petra Vogl (CSU) sagte: „Wir werden die Straße im Frühjahr sanieren.“"),
    ("straight", 'Landrätin Petra Vogl (CSU) sagte: "Wir werden die Straße im Frühjahr sanieren."'),
    (
        "guillemets",
        "Landrätin Petra Vogl (CSU) sagte: »Wir werden die Straße im Frühjahr sanieren.«",
    ),
    ("swiss", "Landrätin Petra Vogl (CSU) sagte: «Wir werden die Straße im Frühjahr sanieren.»"),
    (
        "english marks",
        "Landrätin Petra Vogl (CSU) sagte: “Wir werden die Straße im Frühjahr sanieren.”",
    ),
    (
        "broken close ”",
        "Landrätin Petra Vogl (CSU) sagte: „Wir werden die Straße im Frühjahr sanieren.”",
    ),
    (
        'broken close "',
        'Landrätin Petra Vogl (CSU) sagte: „Wir werden die Straße im Frühjahr sanieren."',
    ),
]


@pytest.mark.parametrize(("case", "text"), MARKS, ids=[m[0] for m in MARKS])
def test_every_kind_of_quotation_mark(case, text):
    assert quotes_of(text) == [
        ("Wir werden die Straße im Frühjahr sanieren", "Petra Vogl", "Landrätin (CSU)")
    ]


HARD_CASES = [
    (
        "nested single marks stay inside",
        "„Er nannte es ‚Wahnsinn‘, und das war es auch“, sagte Trainerin Lena Hofer.",
        [("Er nannte es ‚Wahnsinn‘, und das war es auch", "Lena Hofer", "Trainerin")],
    ),
    (
        "quote over several sentences",
        "Bürgermeisterin Sabine Roth sagte: „Wir haben gewartet. Jetzt wird gebaut. Ende 2027 ist die Brücke fertig.“",
        [
            (
                "Wir haben gewartet. Jetzt wird gebaut. Ende 2027 ist die Brücke fertig",
                "Sabine Roth",
                "Bürgermeisterin",
            )
        ],
    ),
    (
        "quote interrupted by its attribution: two quotes, one speaker",
        "„Wir sind zufrieden mit dem Ergebnis“, sagte Vorstand Karl Huber, „aber es bleibt viel zu tun.“",
        [
            ("Wir sind zufrieden mit dem Ergebnis", "Karl Huber", "Vorstand"),
            ("aber es bleibt viel zu tun", "Karl Huber", "Vorstand"),
        ],
    ),
    (
        "speaker before a colon",
        "Minister Jonas Weber (SPD) stellte klar: „Die Schulen bleiben im Winter geöffnet.“",
        [("Die Schulen bleiben im Winter geöffnet", "Jonas Weber", "Minister (SPD)")],
    ),
    (
        "speaker after the quote, role before the name",
        "„Darüber wird nicht verhandelt“, erklärte Außenamtssprecherin Olga Petrowa.",
        [("Darüber wird nicht verhandelt", "Olga Petrowa", "Außenamtssprecherin")],
    ),
    (
        "so X, surname resolved to the full name introduced earlier",
        "Bürgermeister Jan Kurz eröffnete die Brücke. „Wir haben lange darauf gewartet“, so Kurz.",
        [("Wir haben lange darauf gewartet", "Jan Kurz", "Bürgermeister")],
    ),
    (
        "sagte X der Zeitung Y: the person, not the newspaper",
        "„Wir müssen jetzt schnell handeln und investieren“, sagte Sprecherin Eva Roth der Zeitung Die Welt.",
        [("Wir müssen jetzt schnell handeln und investieren", "Eva Roth", "Sprecherin")],
    ),
    (
        "zufolge",
        "Dem Bürgermeister Hans Maier zufolge „muss die Brücke bis Mai gesperrt bleiben“.",
        [("muss die Brücke bis Mai gesperrt bleiben", "Hans Maier", "Bürgermeister")],
    ),
    (
        "laut",
        "Laut Innenminister Peter Kolb (CSU) „wird die Grenze ab Montag stärker kontrolliert“.",
        [("wird die Grenze ab Montag stärker kontrolliert", "Peter Kolb", "Innenminister (CSU)")],
    ),
    (
        "pronoun resolved past a person named after a preposition",
        "Ministerpräsidentin Anna Kolbe telefonierte mit Kanzler Otto Brandt. „Wir finden eine Lösung“, versprach sie. "
        "Präsident Paul Adler sprach mit Ministerin Maria Lenz. „Das klären wir bis Freitag“, versprach er.",
        [
            ("Wir finden eine Lösung", "Anna Kolbe", "Ministerpräsidentin"),
            ("Das klären wir bis Freitag", "Paul Adler", "Präsident"),
        ],
    ),
    (
        "organisation as speaker",
        "„Die Lage an der Grenze ist weiterhin angespannt“, teilte die Polizei mit.",
        [("Die Lage an der Grenze ist weiterhin angespannt", "Polizei", None)],
    ),
    (
        "organisation before a colon",
        "Die Bundesregierung erklärte am Abend: „Wir stehen zu unseren Zusagen.“",
        [("Wir stehen zu unseren Zusagen", "Bundesregierung", None)],
    ),
    (
        "a spokesperson speaks for the organisation",
        "„Die Ermittlungen dauern an“, sagte ein Sprecher des Innenministeriums.",
        [("Die Ermittlungen dauern an", "Innenministerium", None)],
    ),
    (
        "role noun refers back to the person",
        "Bundeskanzlerin Helga Sommer (CDU) traf die Ministerpräsidenten. „Wir sind uns einig“, sagte die Kanzlerin.",
        [("Wir sind uns einig", "Helga Sommer", "Bundeskanzlerin (CDU)")],
    ),
    (
        "apposition after an unknown first name gives the role",
        "Arvo Tammsaar, ein Sprecher der Hafenverwaltung, sagte: „Die Fähren fahren wieder nach Plan.“",
        [("Die Fähren fahren wieder nach Plan", "Arvo Tammsaar", "Sprecher der Hafenverwaltung")],
    ),
    (
        "a lone surname after a role is a name",
        "Der CSU-Vorsitzende Berghofer hatte betont: „Die Entscheidungen fallen im Kreis der Parteichefs.“",
        [("Die Entscheidungen fallen im Kreis der Parteichefs", "Berghofer", "CSU-Vorsitzende")],
    ),
    (
        "better no speaker than a wrong one",
        "Stadträtin Lea Brandt sprach zuerst. „Ich bin mir sicher, dass das gut geht“, sagte ein Passant.",
        [("Ich bin mir sicher, dass das gut geht", None, None)],
    ),
    (
        "embedded partial quote that is a clause counts",
        "Richterin Ute Lang erklärte, es sei nicht geklärt, „ob der Vertrag jemals gültig war“.",
        [("ob der Vertrag jemals gültig war", "Ute Lang", "Richterin")],
    ),
    (
        "unattributed quote continues the previous speaker",
        "Trainer Max Bauer sagte: „Wir haben gut gespielt.“ Die Mannschaft steht auf Platz drei. „Nächste Woche wollen wir gewinnen.“",
        [
            ("Wir haben gut gespielt", "Max Bauer", "Trainer"),
            ("Nächste Woche wollen wir gewinnen", "Max Bauer", "Trainer"),
        ],
    ),
    (
        "English: speaker after, and before the verb",
        "“We will rebuild the bridge by spring,” said Mayor Joan Peters. “The money is there,” she told reporters.",
        [
            ("We will rebuild the bridge by spring", "Joan Peters", "Mayor"),
            ("The money is there", "Joan Peters", "Mayor"),
        ],
    ),
    (
        "English: according to",
        "“Nobody was hurt in the fire,” according to the police.",
        [("Nobody was hurt in the fire", "Police", None)],
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), HARD_CASES, ids=[c[0] for c in HARD_CASES])
def test_hard_cases(case, text, expected):
    assert quotes_of(text) == expected


NOT_QUOTES = [
    ("scare quote", "Die Minister sprachen von einem „strategischen Signal“ an Moskau."),
    (
        "name of a group",
        'Das Treffen der sogenannten "Koalition der Willigen" dauerte bis zum Abend.',
    ),
    ("name of a probe", "Die Sonde „Cassini“ erreicht heute den Saturnmond."),
    ("newsletter name", "„Hier ist Bayern“: Der Newsletter informiert Sie montags bis freitags."),
    (
        "list of titles",
        "Gespielt wurden „Ich hab noch einen Koffer in Berlin“, „Lili Marleen“ und „Mackie Messer“.",
    ),
    (
        "phrase that is no clause",
        "„Zur Abwehr einer erheblichen Gefahr“ darf die Polizei künftig mehr.",
    ),
]


@pytest.mark.parametrize(("case", "text"), NOT_QUOTES, ids=[c[0] for c in NOT_QUOTES])
def test_scare_quotes_titles_and_names_are_not_quotes(case, text):
    assert quotes_of(text) == []


@pytest.mark.parametrize(
    "words",
    [
        "strategischen Signal",
        "Koalition der Willigen",
        "Cassini",
        "per saldo 1.920 wegfallenden Stellen",
    ],
)
def test_phrases_without_a_finite_verb_are_not_statements(words):
    assert not is_statement(words)


@pytest.mark.parametrize(
    "words",
    [
        "Dann holen wir uns den Terrorismus nach Deutschland",
        "Es besteht Diskussionsbedarf",
        "dass die Inhalte mit dem Stand der Wissenschaft übereinstimmen",
        "We are borrowing from our children",
    ],
)
def test_clauses_have_a_finite_verb(words):
    assert has_finite_verb(words)


def test_quote_text_drops_a_final_full_stop_but_keeps_question_marks():
    text = "Sprecherin Anna Berg fragte: „Wer zahlt das am Ende?“ Dann sagte sie: „Wir zahlen es.“"
    assert [q[0] for q in quotes_of(text)] == ["Wer zahlt das am Ende?", "Wir zahlen es"]


def test_title_names_a_person_the_text_names_by_surname():
    text = "Der Bundespräsident sprach in Berlin. „Die Lage ist ernst, aber nicht hoffnungslos“, sagte Köhler."
    assert quotes_of(text, title="Bundespräsident Köhler warnt vor Spaltung") == [
        ("Die Lage ist ernst, aber nicht hoffnungslos", "Köhler", "Bundespräsident")
    ]


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("Er sagte „ja, das stimmt” dazu.", "„”"),
        ('Er sagte „ja, das stimmt" dazu.', '„"'),
        ("Sie sagte »so geht das« heute.", "»«"),
        ("Sie sagte «so geht das» heute.", "«»"),
        ("He said “this is it” today.", "“”"),
    ],
)
def test_quote_spans_including_broken_closing_marks(text, marks):
    [span] = scan_quotes(text)
    assert text[span.start] == marks[0] and text[span.end - 1] == marks[1]


@pytest.mark.parametrize(
    "text", ["Das war im vergangenen Mark Jahr so.", "„Wir bleiben hier“, sagte Kevin Montag."]
)
def test_a_first_name_before_a_month_or_weekday_is_no_name(text):
    # Once the weekday or month is dropped, no surname is left: no person (this used to crash).
    assert PersonIndex(text).persons == {}
    assert all(speaker is None for _, speaker, _ in quotes_of(text))


def test_a_name_with_double_spaces_before_a_month_is_found_as_written():
    # Dropping the month used to rejoin the words with single spaces, which the text lacks (crash).
    text = "„Wir bleiben hier“, sagte Anna Berg  von  Mai."
    names = list(PersonIndex(text).persons)
    assert names and all(name in text for name in names)


def test_any_mark_finds_exactly_the_quotation_marks_the_scanner_knows() -> None:
    from digest.reduce.marks import ANY_MARK, MARKS

    found = {chr(c) for c in range(0x3000) if ANY_MARK.fullmatch(chr(c))}
    assert found == set(MARKS) == set('„“”"»«')
