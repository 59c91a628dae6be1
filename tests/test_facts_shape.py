"""A piece that ends on its point (essay, review, blog post) gets its conclusion as a fact; a news
report does not. Sentences written for these tests."""

from __future__ import annotations

from digest.reduce.facts import choose_facts
from digest.reduce.shape import ends_on_its_point

NEWS = [
    "Der Stadtrat von Oberau hat am Dienstag den Bau einer neuen Grundschule beschlossen.",
    "Die Schule soll 2027 eröffnen und 300 Kinder aufnehmen.",
    "„Wir haben lange darauf gewartet“, sagte Bürgermeisterin Anna Berger.",
    "Die Kosten liegen bei zwölf Millionen Euro, der Freistaat zahlt die Hälfte.",
]

ESSAY = [
    "Ich fahre seit zehn Jahren jeden Tag mit dem Rad zur Arbeit in die Stadt.",
    "Im Winter ist der Weg dunkel und die Radwege werden nicht geräumt.",
    "Im Sommer bin ich schneller als jedes Auto im Stau.",
    "Die Stadt hat in diesem Jahr zwei neue Radwege an der Hauptstraße gebaut.",
    "Der alte Radweg am Fluss ist dagegen seit Monaten wegen Bauarbeiten gesperrt.",
    "Viele Kollegen fahren deshalb wieder mit dem Auto zur Arbeit in die Stadt.",
    "Wer das Rad zur Arbeit will, braucht geräumte und beleuchtete Radwege in der Stadt.",
]


def test_a_news_report_is_no_essay_even_with_first_person_in_quotes() -> None:
    assert not ends_on_its_point(NEWS, "Oberau baut eine neue Grundschule")


def test_acronyms_are_no_pronouns() -> None:
    text = [
        "Die US-Regierung und die US-Notenbank reagierten, die US-Börsen fielen um zwei Prozent."
    ]
    assert not ends_on_its_point(text * 3)


def test_the_author_s_own_voice_makes_an_essay() -> None:
    assert ends_on_its_point(ESSAY)


def test_a_title_naming_the_genre_makes_an_essay() -> None:
    assert ends_on_its_point(NEWS, "Rezension: Ein Jahr im Rathaus")
    assert ends_on_its_point(["The phone is fast and the battery lasts two days."], "Review: X1")


def test_questions_to_the_reader_make_an_essay() -> None:
    text = ["Was ist eine gute Schule?", "Wer entscheidet das eigentlich?", "Die Eltern reden mit."]
    assert ends_on_its_point(text)


def test_an_essay_keeps_its_conclusion() -> None:
    plain = choose_facts(ESSAY, skip=1, count=3)
    closing = choose_facts(ESSAY, skip=1, count=3, closing=True)
    assert ESSAY[-1] not in plain  # the opening's sentences outscore it by position
    assert closing[-1] == ESSAY[-1]
    assert len(closing) == 3


def test_a_line_without_a_full_stop_is_no_conclusion() -> None:
    credit = "Landeszentrale für politische Bildung in Oberau, Ausgabe 2015"
    closing = choose_facts([*ESSAY, credit], skip=1, count=3, closing=True)
    assert credit not in closing
    assert closing[-1] == ESSAY[-1]


def test_an_off_topic_line_below_the_text_is_no_conclusion() -> None:
    plug = "Über tausend offene Stellen für Köche warten in unserer neuen Jobbörse auf dich."
    closing = choose_facts([*ESSAY, plug], skip=1, count=3, closing=True)
    assert plug not in closing


def test_english_first_person_with_a_typographic_apostrophe_counts() -> None:
    text = ["I’m on the ferry to the island, and I’ve brought lunch for the long trip."] * 2
    assert ends_on_its_point(text)


def test_a_question_in_brackets_counts() -> None:
    text = [
        "Die Stadt plant eine neue Brücke (braucht sie die wirklich?) für 20 Millionen Euro.",
        "Was kostet das die Bürger?",
        "Der Rat entscheidet im Mai.",
    ]
    assert ends_on_its_point(text)
