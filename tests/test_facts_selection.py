"""How facts are chosen and shortened, on sentences written for these tests."""

from __future__ import annotations

from digest.reduce.facts import MAX_FACT_WORDS, choose_facts


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
