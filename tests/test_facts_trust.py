"""What the reader sees can be trusted: sentences glued in the source are split, facts do not point
back into the article, teasers keep to 200–300 characters without leaving a clause incomplete — on
sentences written for these tests."""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

import pytest

from digest.reduce.facts import choose_facts, is_candidate, self_contained, without_links
from digest.reduce.headline import teaser, without_inserted_clause
from digest.reduce.sentences import split_sentences

from .conftest import ROOT


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


# --- facts that point back into the article ---------------------------------------------------

LEAD = "Der Stadtrat von Oberau hat am Dienstag den Bau einer neuen Grundschule beschlossen."


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Kosten dafür belaufen sich nach dem Beschluss auf zwölf Millionen Euro.",
        "Die Opposition im Stadtrat sprach sich in der Sitzung dagegen aus.",
        "Nach ihren Angaben sollen dort künftig rund 300 Kinder lernen.",
        "Seinen Worten zufolge soll die Schule im Herbst 2027 eröffnen.",
        "Dementsprechende Pläne hatte die Verwaltung schon im Frühjahr vorgelegt.",
        "Darin sind auch eine Turnhalle und eine Mensa für alle Kinder vorgesehen.",
        "Unmittelbar nach ihm sprach die Schulleiterin der alten Grundschule im Saal.",
        "Die Regierung von Oberbayern hatte ihm im Frühjahr eine Förderung zugesagt.",
        "Schon 2019, als sie das erste Mal darüber beriet, gab es viel Streit im Rat.",
        "Anders ließe sich der Ansturm neuer Familien im Ort nicht bewältigen.",
    ],
)
def test_a_sentence_that_points_back_inside_is_no_fact(sentence: str) -> None:
    assert self_contained(sentence) is None
    assert choose_facts([LEAD, sentence, sentence], skip=1, count=2) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # the pronominal adverb points ahead, to the clause after the comma
        "Der Bürgermeister wies darauf hin, dass die Schule dringend gebraucht werde.",
        "Die Fraktionen einigten sich darauf, den Bau noch in diesem Jahr zu beginnen.",
        "Die Fraktionen einigten sich darauf, den Bau noch in diesem Jahr auszuschreiben.",
        # inside a later clause, after a noun it may mean
        "Die Verwaltung plant eine Mensa, weil nicht genug Platz dafür im alten Haus sei.",
        "Bürgermeisterin Anna Berger sagte, sie freue sich auf die Eröffnung im Herbst.",
        # a pronoun in an opening subordinate clause may mean the main clause's subject
        "Nachdem er lange gezögert hatte, stimmte der Landrat Peter Huber dem Bau zu.",
        "Anders als im Nachbarort soll die Schule vier Klassen je Jahrgang bekommen.",
    ],
)
def test_a_sentence_that_stands_alone_stays_a_fact(sentence: str) -> None:
    assert self_contained(sentence) == sentence


@pytest.mark.parametrize(
    ("sentence", "fact"),
    [
        (
            "Der Radfahrer erlag kurz darauf im Krankenhaus seinen schweren Verletzungen.",
            "Der Radfahrer erlag im Krankenhaus seinen schweren Verletzungen.",
        ),
        (
            "Drei Menschen wurden dabei nach Angaben der Polizei schwer verletzt.",
            "Drei Menschen wurden nach Angaben der Polizei schwer verletzt.",
        ),
        (
            "Kurz darauf wurde der Fahrer des Wagens in seiner Wohnung festgenommen.",
            "Der Fahrer des Wagens wurde in seiner Wohnung festgenommen.",
        ),
        (
            "Unabhängig davon plant die Stadt eine Klage vor dem Verwaltungsgericht.",
            "Die Stadt plant eine Klage vor dem Verwaltungsgericht.",
        ),
    ],
)
def test_a_word_that_only_says_thereby_or_shortly_after_goes(sentence: str, fact: str) -> None:
    assert choose_facts([LEAD, sentence], skip=1, count=2) == [fact]


def test_a_pronominal_adverb_that_points_ahead_stays() -> None:
    sentence = "Die Stadt rechnet damit, dass die Schule im Herbst 2027 eröffnet wird."
    assert without_links(sentence) == sentence


def test_a_sentence_that_announces_a_quote_at_its_end_is_no_fact() -> None:
    assert not is_candidate("Warum der Bau so lange dauerte, erklärte die Verwaltung so.")
    assert is_candidate("Der Bau dauerte so lange, weil die Firma pleite ging.")


@pytest.mark.parametrize(
    "fact",
    [
        "Die Kosten dafür belaufen sich auf zwölf Millionen Euro.",
        "Nach seinen Angaben kostet der Bau zwölf Millionen Euro.",
        "Dementsprechende Pläne hatte die Verwaltung vorgelegt.",
        "Unmittelbar nach ihm sprach die Schulleiterin.",
        "Schon 2019, als sie darüber beriet, gab es Streit.",
        "Anders ließe sich der Ansturm nicht bewältigen.",
        "According to him, the school will open in 2027.",
    ],
)
def test_the_benchmark_counts_what_points_back(fact: str) -> None:
    bench = _facts_bench()
    assert bench.is_dangling(fact)


@pytest.mark.parametrize(
    "fact",
    [
        "Der Bürgermeister wies darauf hin, dass die Schule gebraucht werde.",
        "Nachdem er lange gezögert hatte, stimmte der Landrat zu.",
        "Anders als im Nachbarort bekommt die Schule vier Klassen.",
        "Das Landgericht München sprach den Angeklagten frei.",
    ],
)
def test_the_benchmark_does_not_count_what_stands_alone(fact: str) -> None:
    assert not _facts_bench().is_dangling(fact)


def _facts_bench() -> ModuleType:
    """bench/facts_quality.py as a module (its check needs no corpus; importing it reads none)."""
    if str(ROOT / "bench") not in sys.path:
        sys.path.insert(0, str(ROOT / "bench"))
    return importlib.import_module("facts_quality")


# --- teasers of 200–300 characters that leave no clause incomplete -----------------------------

LONG_LEAD = (
    "Entgegen der bisherigen Haltung der Landesregierung, die sich lange geweigert hatte, der Bitte "
    "der Gemeinden, auch die kleinen Schulen auf dem Land mit eigenen Mitteln zu fördern, um dort "
    "den Unterricht zu sichern, zu entsprechen, haben sich die Abgeordneten der Koalition nun auf "
    "ein Förderprogramm über 80 Millionen Euro für Dorfschulen in ganz Bayern geeinigt."
)


def test_a_relative_clause_inserted_before_the_verb_goes_when_the_lead_is_too_long() -> None:
    compact = without_inserted_clause(LONG_LEAD)
    assert compact == (
        "Entgegen der bisherigen Haltung der Landesregierung haben sich die Abgeordneten der "
        "Koalition nun auf ein Förderprogramm über 80 Millionen Euro für Dorfschulen in ganz "
        "Bayern geeinigt."
    )
    text, _ = teaser([LONG_LEAD, "Das Programm soll im Herbst beginnen und fünf Jahre laufen."])
    assert 200 <= len(text) <= 300 and text.startswith(compact)


@pytest.mark.parametrize(
    ("sentence", "compact"),
    [
        (
            "Die Firma, die im Jahr 1990 in Passau gegründet wurde, hat ihren Sitz nun in Linz.",
            "Die Firma hat ihren Sitz nun in Linz.",
        ),
        (
            "Bei der Runde, zu der Vertreter aller Parteien, die im Rat sitzen, geladen waren, war "
            "auch der Landrat anwesend.",
            "Bei der Runde war auch der Landrat anwesend.",
        ),
    ],
)
def test_an_inserted_relative_clause_goes_whole(sentence: str, compact: str) -> None:
    assert without_inserted_clause(sentence) == compact


@pytest.mark.parametrize(
    "sentence",
    [
        # a verb before the comma: the clause after it is no insertion before the verb
        "Die Firmen bauen Autos, die sehr teuer sind, hat der Chef gesagt.",
        "Er sagte, die Firma, die 1990 gegründet wurde, hat ihren Sitz in Passau.",
        # the next item of a list, not a relative clause
        "Anna Berg, der Vorsitzende Peter Huber und der Kämmerer, der neu ist, haben beraten.",
        # no finite verb after a comma: where the main clause goes on cannot be told
        "Die Firma, die im Jahr 1990 gegründet wurde und heute 300 Menschen beschäftigt.",
    ],
)
def test_no_clause_goes_where_the_main_clause_would_break(sentence: str) -> None:
    assert without_inserted_clause(sentence) == sentence


def test_a_teaser_takes_no_sentence_that_may_point_back_to_one_it_passed_over() -> None:
    sentences = [
        "Für einen Eklat in der Wahlsendung am Sonntag sorgte der Kandidat Bernd Sutor (59).",
        "Zu der Gesprächsrunde in der Sendung am späten Sonntagabend im Studio in München hatte "
        "der Sender neben den Kandidaten der großen Parteien auch Vertreter aller kleinen Parteien "
        "aus ganz Bayern eingeladen, darunter auch den Vorsitzenden der Partei für Heimat und "
        "Recht Sascha Roß.",
        "Unmittelbar nach ihm kam Bernd Sutor von der Bürgerliste im Studio zu Wort.",
    ]
    assert len(sentences[0]) + len(sentences[1]) > 300  # the second is passed over
    text, used = teaser(sentences)
    assert "nach ihm" not in text and used == 1


def test_a_teaser_drops_a_linking_word_after_a_sentence_it_passed_over() -> None:
    sentences = [
        "Wie das Ministerium in Reykjavik heute bekannt gab, wird Island den Walfang wieder aufnehmen.",
        "Trotz eines weltweiten Moratoriums der Internationalen Walfangkommission gegen den "
        "kommerziellen Walfang will Island zum ersten Mal seit rund zwanzig Jahren die Jagd auf "
        "Zwergwale und Finnwale in seinen Küstengewässern erlauben.",
        "Island wird damit neben Norwegen das zweite Land, das kommerziell Wale jagt.",
    ]
    text, _ = teaser(sentences)
    assert len(sentences[0]) + len(sentences[1]) > 300  # the second is passed over
    assert text.endswith(". Island wird neben Norwegen das zweite Land, das kommerziell Wale jagt.")


@pytest.mark.parametrize(
    ("sentence", "stands_alone"),
    [
        ("Police arrested him at his home in Leeds on Monday evening.", False),
        ("On the same day, he told reporters that the plan had failed.", False),
        ("According to them, the bridge will stay closed until March.", False),
        ("Accordingly, the council will vote on the plan again in March.", False),
        ("Council leader Ann Smith said she would resign in March.", True),
    ],
)
def test_english_facts_that_point_back_from_inside(sentence: str, stands_alone: bool) -> None:
    assert (self_contained(sentence) == sentence) is stands_alone
    assert _facts_bench().is_dangling(sentence) is not stands_alone


def test_a_pronominal_adverb_after_und_means_what_the_sentence_said_before() -> None:
    sentence = "Die alte Brücke wird im Sommer 2027 gesperrt und danach abgerissen."
    assert self_contained(sentence) == sentence
    assert not _facts_bench().is_dangling(sentence)
