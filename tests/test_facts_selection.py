"""How facts are chosen and shortened, and how a headline from the lead names its topic, on
sentences written for these tests."""

from __future__ import annotations

from digest.models import Article
from digest.reduce import RuleReducer
from digest.reduce.facts import (
    MAX_FACT_WORDS,
    _quotes_a_phrase,
    choose_facts,
    is_candidate,
    without_links,
)
from digest.reduce.headline import (
    clause_cut,
    headline,
    names_the_source,
    shorten_title,
    teaser,
    teaser_rest,
    topic,
    with_topic,
)


def test_a_second_main_clause_after_und_and_a_verb_goes() -> None:
    long_sentence = (
        "Der neue Motor der Firma aus Graz braucht im Vergleich zu den heute gängigen Antrieben "
        "rund 90 Prozent weniger Treibstoff und kann damit in den kommenden Jahren die Raumfahrt "
        "zum Mars deutlich billiger machen."
    )
    sentences = ["Forscher aus Graz haben einen neuen Motor gebaut.", long_sentence]
    facts = choose_facts(sentences, skip=1, count=2)
    assert facts == [
        "Der neue Motor der Firma aus Graz braucht im Vergleich zu den heute gängigen Antrieben "
        "rund 90 Prozent weniger Treibstoff."
    ]
    assert all(len(f.split()) <= MAX_FACT_WORDS for f in facts)


def test_und_between_nouns_is_no_clause_boundary() -> None:
    sentence = (
        "Die Stadt und der Landkreis teilen sich nach dem Beschluss vom Dienstag die Kosten von "
        "zwölf Millionen Euro für den Neubau der Grundschule und der Turnhalle am Rand der alten "
        "Stadt Oberau."
    )
    assert len(sentence.split()) > MAX_FACT_WORDS
    # no cut after "Die Stadt" or "Grundschule": the sentence cannot be shortened, so it is no fact
    assert choose_facts(["Oberau baut eine Schule.", sentence], skip=1, count=2) == []


# --- a headline from the lead names the topic first ("Thema: Aussage") -----------------------------

ARTICLE = [
    "Der Stadtrat will 40 neue Busse für Oberau kaufen.",
    "In Oberau fahren heute 60 Busse, viele davon sind alt.",
    "Die neuen Fahrzeuge sollen ab März durch Oberau fahren.",
    "Der Landkreis zahlt ein Drittel der Kosten.",
]


def test_the_topic_is_the_word_named_most_often() -> None:
    assert topic(ARTICLE) == "Oberau"
    assert topic(ARTICLE[:1]) == ""  # named once: no clear topic


def test_a_tie_is_no_clear_topic() -> None:
    assert topic(["Der Rat und die Stadt.", "Die Stadt und der Rat."] * 2) == ""


def test_the_phrase_naming_the_topic_moves_to_the_front() -> None:
    line = "Stadtrat will 40 neue Busse für Oberau kaufen"
    assert with_topic(line, ARTICLE) == "Oberau: Stadtrat will 40 neue Busse kaufen"


def test_a_line_that_opens_with_the_topic_stays() -> None:
    line = "Oberau kauft 40 neue Busse"
    assert with_topic(line, ARTICLE) == line


def test_a_topic_that_does_not_fit_is_left_out() -> None:
    line = "Stadtrat will nach einer langen Debatte am Dienstagabend 40 neue Elektrobusse kaufen"
    assert with_topic(line, ARTICLE) == line
    assert headline(None, ARTICLE[:1], "de", ARTICLE).startswith("Oberau: ")


# --- a teaser tells the news, not where it comes from ------------------------------------------------


def test_a_teaser_passes_over_a_sentence_that_only_names_the_source() -> None:
    sentences = [
        "Der Stadtrat von Oberau hat am Dienstagabend den Bau einer neuen Grundschule beschlossen.",
        "Das meldet die Lokalzeitung in ihrer Onlineausgabe.",
        "Die Schule soll im Herbst 2027 eröffnen und bis zu 300 Kinder aufnehmen.",
        "Die Kosten liegen bei zwölf Millionen Euro, der Freistaat zahlt die Hälfte davon.",
    ]
    text, _ = teaser(sentences)
    assert "Lokalzeitung" not in text
    assert text.startswith(sentences[0]) and sentences[2] in text
    assert names_the_source("Dies geht aus einer Meldung der dpa hervor.")
    assert not names_the_source("Das Landgericht meldet einen Rekord an Verfahren.")


def test_a_role_is_no_topic() -> None:
    text = ["Der Präsident sprach.", "Dann sprach der Präsident.", "Der Präsident ging."]
    assert topic([*text, "Die Rede war kurz."]) == ""


def test_a_long_title_of_two_sentences_ends_with_the_first() -> None:
    title = (
        "Wild goats ruled this small island for more than a century. Now, it is a haven for birds"
    )
    assert shorten_title(title) == "Wild goats ruled this small island for more than a century"
    assert shorten_title(
        "Dr. Anna Berger und die Stadt Oberau streiten über die neue Schule, die Kosten"
    ) == ("Dr. Anna Berger und die Stadt Oberau streiten über die neue Schule")


def test_a_long_noun_phrase_title_loses_its_genitive() -> None:
    # no clause boundary, no statement after a colon: the title ends before its genitive, never
    # with "…" in the middle of a name
    title = (
        "Digitalpolitische Jahrestagung 2026 der Heinrich-Böll-Stiftung Baden-Württemberg in Ulm"
    )
    assert headline(title, []) == "Digitalpolitische Jahrestagung 2026"


def test_a_statement_kept_from_a_long_title_begins_with_a_capital() -> None:
    title = (
        "Großes Interview mit der Firma: digitale Assistenten und künstliche Intelligenz im Alltag"
    )
    assert headline(title, []) == "Digitale Assistenten und künstliche Intelligenz im Alltag"
    assert headline(
        "Apple-Neuheiten im Überblick für alle Nutzer: iOS 27 kommt im September", []
    ) == ("iOS 27 kommt im September")


def test_a_line_without_final_punctuation_is_no_fact() -> None:
    sentences = [
        "Der Landtag von Oberau hat am Dienstag einen neuen Haushalt beschlossen.",
        "Sprecherin für Finanzen, Obfrau im Ausschuss für Haushalt und Mitglied im Stadtrat",
        "Verlag Oberau, 3. Auflage, 2026, 320 Seiten, gebunden, ISBN 978-3-000-00000-0",
        "Der Haushalt umfasst im kommenden Jahr zwölf Milliarden Euro für Schulen und Straßen.",
    ]
    assert choose_facts(sentences, skip=1, count=3) == [sentences[3]]


def test_a_linking_word_inside_a_fact_goes() -> None:
    assert (
        without_links("Die Landesregierung in Hannover will jedoch am alten Gesetz festhalten.")
        == "Die Landesregierung in Hannover will am alten Gesetz festhalten."
    )
    assert (
        without_links("Der Verband stellte die Pläne der Stadt ebenfalls in Frage.")
        == "Der Verband stellte die Pläne der Stadt in Frage."
    )
    assert (
        without_links("The council also approved a new bridge over the river.")
        == "The council approved a new bridge over the river."
    )


def test_a_linking_word_that_joins_clauses_or_pairs_stays() -> None:
    # after a comma it joins two clauses; after "als" or "sondern" it is half of a pair
    joined = "Der Flughafen ist wieder offen, jedoch ist fraglich, ob alle Gäste heute abfliegen."
    assert without_links(joined) == joined
    # "dagegen" is also "against it"
    against = "Die Opposition im Stadtrat sprach sich dagegen aus und stimmte mit Nein."
    assert without_links(against) == against
    pair = (
        "Sowohl die Stadt als auch der Kreis zahlen, nicht nur die Schule, sondern auch der Hort."
    )
    assert without_links(pair) == pair


def test_a_chosen_fact_loses_its_linking_word() -> None:
    sentences = [
        "Der Stadtrat von Oberau hat am Dienstag den Neubau der Grundschule beschlossen.",
        "Die Opposition im Rat lehnte den Plan hingegen mit deutlichen Worten ab.",
        "Der Bau soll im Frühjahr beginnen und zwölf Millionen Euro kosten.",
    ]
    facts = choose_facts(sentences, skip=1, count=2)
    assert "Die Opposition im Rat lehnte den Plan mit deutlichen Worten ab." in facts


def test_the_sentence_after_the_teaser_comes_first() -> None:
    # the sentence that continues the lead is the next fact, ahead of a later one with a number
    sentences = [
        "Der Stadtrat von Oberau hat am Dienstag den Neubau der Grundschule beschlossen.",
        "Die Bauarbeiten an der neuen Schule beginnen nach den Ferien im Herbst.",
        "Der Kindergarten im Ortsteil Au bekommt 2027 einen neuen Garten mit Spielplatz.",
    ]
    assert choose_facts(sentences, skip=1, count=1) == [sentences[1]]


def test_a_quoted_name_is_no_quoted_phrase() -> None:
    assert not _quotes_a_phrase("Die Leitung „Gasoducto del Sur“ soll 8000 Kilometer lang werden.")
    assert _quotes_a_phrase("Macron sprach von einem „strategischen Signal“ an Moskau.")


def test_empty_quotation_marks_are_no_quoted_phrase() -> None:
    # found by the property test: marks with nothing but a space between them
    assert not _quotes_a_phrase("Der Rat nannte „ “ das Ergebnis der Sitzung am Montag.")


def test_a_short_phrase_quoted_in_the_reporter_s_sentence_is_no_speech() -> None:
    phrase = "Die Präsidentin sah im Gespräch mit Schülern eine wachsende „Kluft zwischen Stadt und Land“."
    assert is_candidate(phrase)
    # a quote that is a clause, or a sentence that opens with a quote, is someone's speech
    clause = "Die Präsidentin sagte im Gespräch mit Schülern, „wir haben keine Zeit mehr“."
    assert not is_candidate(clause)
    opening = "„Kluft zwischen Stadt und Land“ nannte die Präsidentin das Problem im Gespräch."
    assert not is_candidate(opening)


def test_a_teaser_is_not_cut_before_the_next_item_of_a_list() -> None:
    # ", der Landrat …" continues the list of who spoke; a cut there would leave "haben … (CSU)."
    long_lead = (
        "Bei einer gemeinsamen Pressekonferenz im Rathaus haben Oberbürgermeisterin Anna Berger "
        "(CSU), der Landrat des Kreises Oberau Peter Huber und die Vorsitzende des Elternbeirats "
        "Maria Schmid am Dienstag einen Plan vorgestellt, mit dem die Stadt bis zum Jahr 2030 "
        "zweihundert neue Plätze in Kindergärten und Krippen schaffen will."
    )
    assert len(long_lead) > 300
    assert clause_cut(long_lead, 300, first=True) in (
        "",
        long_lead[: long_lead.index(", mit")] + ".",
    )
    relative = (
        "Der Stadtrat hat am Dienstag nach langer Debatte einen neuen Plan für die Schulen beschlossen, "
        "die in den kommenden Jahren saniert werden sollen, weil das Land die Mittel bereitstellt."
    )
    assert clause_cut(relative, 120, first=True) == (
        "Der Stadtrat hat am Dienstag nach langer Debatte einen neuen Plan für die Schulen beschlossen."
    )


def test_what_the_teaser_cut_off_after_a_colon_may_be_a_fact() -> None:
    lead = (
        "Nachdem der FC Oberau in den vergangenen fünf Jahren dreimal die Meisterschaft der "
        "Bezirksliga gewonnen und zweimal den Pokal des Verbandes in die Stadt geholt hatte, lief "
        "die Saison für die Mannschaft von Trainer Josef Maier in diesem Jahr sehr schlecht: Hinter "
        "Unterau und Niederau war der Verein nur Dritter der Tabelle."
    )
    shown, used = teaser(
        [lead, "Der Trainer will trotzdem bleiben, sagte er am Sonntag im Verein."]
    )
    assert used >= 1 and shown.startswith(lead[: lead.index(":")] + ".")
    assert (
        teaser_rest(lead, shown)
        == "Hinter Unterau und Niederau war der Verein nur Dritter der Tabelle."
    )
    # a sentence the teaser shows whole leaves nothing
    assert (
        teaser_rest(
            "Der Trainer will bleiben: Das sagte er am Sonntag.",
            "Der Trainer will bleiben: Das sagte er am Sonntag.",
        )
        == ""
    )


def test_the_reducer_offers_the_rest_of_a_cut_lead_as_a_fact() -> None:
    lead = (
        "Nachdem der FC Oberau in den vergangenen fünf Jahren dreimal die Meisterschaft der "
        "Bezirksliga gewonnen und zweimal den Pokal des Verbandes in die Stadt geholt hatte, lief "
        "die Saison für die Mannschaft von Trainer Josef Maier in diesem Jahr sehr schlecht: Hinter "
        "Unterau und Niederau war der Verein nur Dritter der Tabelle."
    )
    body = [
        lead,
        "Der Vorstand des Vereins hat am Montag die Verträge mit drei Spielern nicht verlängert.",
        "Die neue Saison beginnt am 12. August mit einem Heimspiel gegen den TSV Oberdorf.",
        "Im Winter sollen zwei junge Spieler aus der eigenen Jugend in die erste Mannschaft kommen.",
    ]
    story = RuleReducer().reduce(
        Article(key="k", source="t", url=None, title=None, paragraphs=tuple(body))
    )
    assert "Hinter Unterau und Niederau war der Verein nur Dritter der Tabelle." in story.facts


def test_a_sentence_that_announces_a_quote_is_no_fact() -> None:
    assert not is_candidate(
        "Anna Berger, Sprecherin des Elternbeirats, sagte dazu gegenüber dem BR."
    )
    assert not is_candidate("In dem Antrag der Fraktion an den Stadtrat heißt es wörtlich.")
    # "dazu" elsewhere is no announcement
    assert is_candidate("Die Stadt will dazu im Herbst einen Plan für neue Radwege vorlegen.")
