"""What the reader sees can be trusted: sentences glued in the source are split, facts do not point
back into the article, teasers keep to 200–300 characters without leaving a clause incomplete — on
sentences written for these tests."""

from __future__ import annotations

import pytest

from digest.reduce.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Das Boot kenterte vor der Küste bei Mombasa.Den Behörden wurden zwölf Vermisste gemeldet.",
            [
                "Das Boot kenterte vor der Küste bei Mombasa.",
                "Den Behörden wurden zwölf Vermisste gemeldet.",
            ],
        ),
        (
            "Der Rat tagte.Danach ging er.Es regnete.",
            ["Der Rat tagte.", "Danach ging er.", "Es regnete."],
        ),
    ],
)
def test_sentences_glued_without_a_space_are_split(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Das gilt z.B.Für alle Mitglieder des Vereins.",  # an abbreviation
        "Am Mittag sprach Dr.Müller im Landtag.",  # a title before a name
        "Die Sitzung ist in Raum Nr.5 im Rathaus.",  # a number
        "Die Ergebnisse stehen auf www.br24.de im Netz.",  # an address in lower case
        "Die Ergebnisse stehen auf www.Example.De im Netz.",  # an address with capitals
        "Mehr unter https://example.org/Wahl.Html im Netz.",  # a URL
        "Die Firma bietet über HRS.freie.Woche Zimmer an.",  # a name with dots
        "Der Zug hielt in St.Gallen und fuhr weiter.",  # an abbreviated place name
        "Der frühere Präsident George W.Bush kam nach Berlin.",  # an initial
        "Er kam im Jahr 2004.Dann blieb er.",  # a number: it may be a date or a version
    ],
)
def test_a_dot_inside_a_word_ends_no_sentence(text: str) -> None:
    assert split_sentences(text) == [text]
