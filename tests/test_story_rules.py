"""Key facts, teasers, headlines and title lines, rule by rule, on sentences written for these tests."""

from __future__ import annotations

import pytest

from digest.extract import extract
from digest.models import RawItem
from digest.reduce import RuleReducer
from digest.reduce.facts import MAX_FACT_WORDS, choose_facts, self_contained
from digest.reduce.headline import clean_title, headline, teaser
from digest.sources.textfile import split_title


def named(index: int, gender: str) -> str | None:
    """A stand-in for the reducer's pronoun resolver: a man and a woman were named before."""
    return {"m": "Stefan Huber", "f": "Anna Berger"}.get(gender)


# --- facts that stand on their own -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a pronoun subject becomes the person it means
        (
            "Er kündigte an, die Gebühren zu senken.",
            "Stefan Huber kündigte an, die Gebühren zu senken.",
        ),
        ("Sie will im Mai entscheiden.", "Anna Berger will im Mai entscheiden."),
        (
            "He said the bridge would open in May.",
            "Stefan Huber said the bridge would open in May.",
        ),
        # a connective goes, and the subject comes before the verb again
        (
            "Außerdem will die Stadt 40 neue Busse kaufen.",
            "Die Stadt will 40 neue Busse kaufen.",
        ),
        ("Zudem plant Regensburg einen zweiten Radweg.", "Regensburg plant einen zweiten Radweg."),
        ("Auch die Feuerwehr bekommt ein neues Haus.", "Die Feuerwehr bekommt ein neues Haus."),
        (
            "Darüber hinaus erhält der Landkreis drei Millionen Euro.",
            "Der Landkreis erhält drei Millionen Euro.",
        ),
        ("However, the council voted for the plan.", "The council voted for the plan."),
        # no back-reference: unchanged
        ("Das neue Hallenbad öffnet im Herbst.", "Das neue Hallenbad öffnet im Herbst."),
    ],
)
def test_back_references_are_resolved_or_dropped(sentence, expected):
    assert self_contained(sentence, 3, named) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Dies sei ein wichtiger Schritt für die Region.",
        "Damit ist der Streit vorerst beendet.",
        "Es gehe nun um die Finanzierung der Brücke.",
        "Das sei nicht hinnehmbar gewesen.",
        "Dabei wurden zwei Menschen leicht verletzt.",
        "Sie sagten, die Arbeit gehe weiter.",  # "Sie" with a plural verb: they, not her
        "Zudem baten die Anwohner Berger um ein Gespräch.",  # where the subject ends is unclear
        "This was the first vote of the new council.",
    ],
)
def test_back_references_that_cannot_be_repaired_are_no_facts(sentence):
    assert self_contained(sentence, 3, named) is None


def test_a_pronoun_without_a_named_person_is_no_fact():
    assert self_contained("Er kündigte an, die Gebühren zu senken.", 0, None) is None
    assert self_contained("Er kündigte an, die Gebühren zu senken.", 0, lambda i, g: None) is None


SENTENCES = [
    "Der Kreistag von Altötting hat am Montag einen Neubau der Klinik beschlossen.",
    "Das Haus soll 2029 eröffnen und 180 Millionen Euro kosten.",
    "Dies sei ein wichtiger Tag für den Landkreis.",
    "Landrätin Anna Berger sprach von einem großen Erfolg für alle Beteiligten im Kreis.",
    "Sie kündigte an, dass die Planung noch in diesem Jahr beginnen soll.",
    "Außerdem will der Kreis 40 neue Stellen in der Pflege schaffen.",
    "„Wir haben lange darum gekämpft und freuen uns sehr“, sagte ein Sprecher der Klinik.",
    "Wie geht es nun weiter mit dem alten Gebäude?",
]


def test_chosen_facts_stand_alone_skip_quotes_and_questions_and_fit():
    facts = choose_facts(SENTENCES, skip=1, count=4, who=lambda i, g: "Berger")
    assert 2 <= len(facts) <= 4
    assert "Das Haus soll 2029 eröffnen und 180 Millionen Euro kosten." in facts
    assert "Der Kreis will 40 neue Stellen in der Pflege schaffen." in facts
    assert not any(f.startswith(("Dies", "Sie ", "Außerdem", "„", "Wie")) for f in facts)
    assert all(len(f.split()) <= MAX_FACT_WORDS for f in facts)


def test_a_fact_never_repeats_the_teaser_or_the_displayed_quote():
    sentences = [
        "Die Stadt Landshut baut bis 2028 eine neue Brücke über die Isar für 30 Millionen Euro.",
        "Die neue Brücke über die Isar in Landshut kostet 30 Millionen Euro und kommt 2028.",
        "Der Bürgermeister nannte die Brücke einen Gewinn für die ganze Stadt und die Region.",
        "Die alte Brücke wird im Sommer 2027 für den Verkehr gesperrt und danach abgerissen.",
        "Für Radfahrer entsteht während der Bauzeit eine Behelfsbrücke aus Stahl am Ufer.",
    ]
    facts = choose_facts(
        sentences,
        skip=1,
        count=3,
        avoid=[sentences[0], "Die Brücke ist ein Gewinn für die ganze Stadt und die Region"],
    )
    assert sentences[1] not in facts and sentences[2] not in facts
    assert sentences[3] in facts and sentences[4] in facts


def test_a_long_fact_is_cut_at_a_clause_boundary_or_left_out():
    long_sentence = (
        "Die Gemeinde Oberau hat am Dienstagabend nach einer langen Debatte im Rathaus beschlossen, "
        "ihre Grundschule für 12 Millionen Euro zu sanieren, aber die Arbeiten sollen erst beginnen, "
        "wenn der Freistaat die versprochenen Zuschüsse für das Projekt schriftlich bestätigt hat."
    )
    rest = ["Der Unterricht läuft während der Bauzeit in Containern auf dem Sportplatz weiter."]
    facts = choose_facts(["Oberau saniert die Schule.", long_sentence, *rest], skip=1, count=2)
    assert all(len(f.split()) <= MAX_FACT_WORDS for f in facts)
    cut = [f for f in facts if f.startswith("Die Gemeinde Oberau")]
    assert cut and "12 Millionen Euro" in cut[0] and cut[0].endswith(".")


def test_the_reducer_resolves_a_pronoun_to_the_person_named_before():
    body = (
        "Der Stadtrat von Kempten hat am Mittwoch den Haushalt für das kommende Jahr beschlossen. "
        "Die Stadt plant Ausgaben von 310 Millionen Euro und nimmt keine neuen Schulden auf.\n\n"
        "Oberbürgermeister Thomas Kiechle lobte die Einigung der Fraktionen. "
        "Er kündigte an, dass die Sanierung des Hallenbads im März beginnt und 14 Millionen Euro kostet.\n\n"
        "Die Opposition stimmte gegen den Plan, weil ihr die Investitionen in Kitas nicht reichen."
    )
    story = RuleReducer().reduce(extract(RawItem("s", "k", None, None, body, language="de")))
    resolved = [f for f in story.facts if "Hallenbads" in f]
    # by full name, or by surname when the teaser has introduced him already
    assert resolved and resolved[0].startswith(
        ("Thomas Kiechle kündigte an", "Kiechle kündigte an")
    )
    assert resolved[0].startswith("Thomas") or "Thomas Kiechle" in story.teaser
    assert not any(f.split()[0] in ("Er", "Sie", "Es", "Dies") for f in story.facts)


@pytest.mark.parametrize(
    "between",
    [
        # the sentence right before opens with a masculine noun the "Er" may mean instead
        "Der bekannteste Zwischenfall in der Geschichte des Flughafens ist der Absturz von 1961.",
        # the person was named three sentences before the pronoun: too far for a fact alone
        "Die Stadt plant Ausgaben von 310 Millionen Euro. Die Gewerbesteuer bleibt gleich.",
    ],
)
def test_a_pronoun_is_named_only_when_the_person_is_named_just_before(between):
    body = (
        "Der Stadtrat von Kempten hat am Mittwoch den Haushalt für das kommende Jahr beschlossen. "
        "Oberbürgermeister Thomas Kiechle lobte die Einigung der Fraktionen im Rathaus.\n\n"
        f"{between} "
        "Er fand an einem Dienstag im Winter statt und kostete 14 Menschen das Leben.\n\n"
        "Die Opposition stimmte gegen den Plan, weil ihr die Investitionen in Kitas nicht reichen."
    )
    story = RuleReducer().reduce(extract(RawItem("s", "k", None, None, body, language="de")))
    assert not any("Kiechle fand" in f or "Kiechle kostete" in f for f in story.facts)
    assert not any(f.split()[0] in ("Er", "Sie") for f in story.facts)


# --- teasers ---------------------------------------------------------------------------------------


def test_teaser_takes_two_or_three_whole_sentences_within_the_window():
    sentences = [
        "Der Landkreis Cham bekommt eine neue Buslinie zwischen Furth im Wald und Cham.",
        "Die Busse fahren ab Januar jede Stunde, am Wochenende alle zwei Stunden.",
        "Eine Fahrt kostet zwei Euro, mit dem Deutschlandticket nichts.",
        "Der Kreistag hat die Linie am Montag einstimmig beschlossen.",
    ]
    text, used = teaser(sentences)
    assert 200 <= len(text) <= 300 and 2 <= used <= 3
    assert text == " ".join(sentences[:used])


def test_teaser_shortens_a_single_overlong_lead_at_a_clause_boundary():
    lead = (
        "Der Bezirkstag von Niederbayern hat nach einer langen und zum Teil hitzigen Sitzung in "
        "Landshut beschlossen, die Zuschüsse für die Musikschulen der Region deutlich zu erhöhen, "
        "die seit Jahren über steigende Kosten für Miete, Instrumente und Honorare der Lehrkräfte "
        "klagen und nun auf eine rasche Auszahlung der Mittel im Frühjahr hoffen."
    )
    text, used = teaser([lead, "Die Schulen bekommen 1,2 Millionen Euro mehr."])
    assert len(text) <= 300 and text.endswith(".") and "…" not in text
    assert text.startswith("Der Bezirkstag von Niederbayern hat") and used >= 1


def test_teaser_never_cuts_a_sentence_with_an_ellipsis():
    sentences = [("Wort " * 30).strip() + ".", ("Satz " * 30).strip() + ".", "Ende hier."]
    text, _ = teaser(sentences)
    assert "…" not in text and text.endswith(".")


def test_teaser_leaves_out_a_first_sentence_that_repeats_the_headline():
    sentences = [
        "Neue Buslinie für Cham.",
        "Der Landkreis Cham bekommt ab Januar eine neue Buslinie zwischen Furth im Wald und Cham.",
        "Die Busse fahren jede Stunde, am Wochenende alle zwei Stunden, bis Mitternacht.",
        "Eine Fahrt kostet zwei Euro, mit dem Deutschlandticket gar nichts.",
    ]
    text, used = teaser(sentences, "Neue Buslinie für Cham")
    assert not text.startswith("Neue Buslinie") and used >= 2


# --- headlines -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "(16) Coronavirus-Update: Neue Regeln ab Montag | BR24",
            "Coronavirus-Update: Neue Regeln ab Montag",
        ),
        ("Bahnstreik in Bayern beendet - ZEIT ONLINE", "Bahnstreik in Bayern beendet"),
        ("Hochwasser in Passau [Video] - tagesschau.de", "Hochwasser in Passau"),
        ("Glatteis – viele Unfälle auf der A9", "Glatteis – viele Unfälle auf der A9"),
    ],
)
def test_site_names_counters_and_decorations_are_stripped(title, expected):
    assert clean_title(title) == expected
    assert headline(title, []) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Oberpfalz: Kreistag beschließt neue Buslinie zwischen Furth im Wald und Cham, Start im Januar",
        "Wintereinbruch – Lastwagen bleiben an der A9 bei Greding stecken, Polizei sperrt die Strecke stundenlang",
        "Landtag streitet über Haushalt für Schulen, Kliniken, Straßen, Brücken und Radwege im Freistaat",
    ],
)
def test_long_titles_are_cut_at_a_boundary_never_mid_phrase(title):
    line = headline(title, ["Der Kreistag hat am Montag eine neue Buslinie beschlossen."])
    assert 0 < len(line) <= 70 and not line.endswith(("…", ",", ":", "–"))
    assert line in title or line.startswith("Kreistag")


def test_a_headline_from_the_lead_drops_the_leading_article():
    lead = "In Regensburg hat der Stadtrat beschlossen, die Altstadt für Autos zu sperren."
    assert headline(None, [lead]) == "Stadtrat will die Altstadt für Autos sperren"


# --- title lines -----------------------------------------------------------------------------------


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_title_line_is_found_with_or_without_a_blank_line(gap):
    text = f"Stadtrat sperrt die Altstadt{gap}Der Stadtrat hat am Montag beschlossen, die Altstadt zu sperren.\n"
    title, body = split_title(text)
    assert title == "Stadtrat sperrt die Altstadt"
    assert body.strip().startswith("Der Stadtrat hat")


@pytest.mark.parametrize(
    "text",
    [
        # the first line is the lead sentence (the seed's shape)
        "Der Stadtrat hat am Montag beschlossen, die Altstadt zu sperren.\nDie Händler sind dagegen.\n",
        # a lower-case start, a colon, or a longer line than the one after it
        "und dann kam alles anders\nDer Stadtrat hat am Montag beschlossen, die Altstadt zu sperren.\n",
        "Das sagt der Stadtrat:\nDer Stadtrat hat am Montag beschlossen, die Altstadt zu sperren.\n",
        "Ein sehr langer erster Absatz ohne Punkt am Ende, der weitergeht und weitergeht\nKurz.\n",
    ],
)
def test_lines_that_are_not_titles_without_a_blank_line(text):
    assert split_title(text) == (None, text)


def test_a_title_without_a_blank_line_stays_out_of_headline_and_teaser(tmp_path):
    from digest.config import Config
    from digest.report import RunReport
    from digest.sources import SourceContext
    from digest.sources.textfile import TextFileConfig, TextFileSource

    path = tmp_path / "a.txt"
    path.write_text(
        "Ehemaliger Landrat freigesprochen\n"
        "Das Landgericht Passau hat den früheren Landrat Josef Maier am Dienstag freigesprochen. "
        "Die Richter sahen keinen Beweis für eine Bestechung. Die Staatsanwaltschaft prüft nun, ob "
        "sie Revision einlegt.\n",
        encoding="utf-8",
    )
    spec = TextFileConfig(name="t", type="textfile", path=path, language="de")
    item = TextFileSource(spec, SourceContext(Config(), RunReport())).read(path)
    story = RuleReducer().reduce(extract(item))
    assert story.headline == "Ehemaliger Landrat freigesprochen"
    assert story.teaser.startswith("Das Landgericht Passau hat")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (  # the main clause follows the opening subordinate clause: cut before the relative one
            "Wie die Stadtwerke am Mittwoch in Regensburg mitteilten, sollen zwischen dem Bahnhof "
            "und der Universität künftig zwei zusätzliche Buslinien fahren, die nur an wenigen "
            "Haltestellen halten und die Strecke in knapp zehn Minuten schaffen.",
            "Wie die Stadtwerke am Mittwoch in Regensburg mitteilten, sollen zwischen dem Bahnhof "
            "und der Universität künftig zwei zusätzliche Buslinien fahren.",
        ),
        (  # only the subordinate clause before the cut: no cut at all
            "Nachdem die Bürgermeisterin von einem Reporter des Lokalradios gefragt wurde, was die "
            "Stadt gegen die Staus in der Altstadt unternehmen wolle, antwortete sie mit einem "
            "langen Vortrag über neue Radwege, Busse und Parkhäuser am Rand der Stadt.",
            "",
        ),
        (  # "zwar … aber": no cut in between
            "Zwar hat der Gemeinderat von Oberau die Sanierung der Grundschule im Grundsatz "
            "beschlossen, aber die Arbeiten sollen erst beginnen, wenn der Freistaat die Zuschüsse "
            "für das Projekt schriftlich bestätigt und die Gemeinde einen Kredit aufgenommen hat.",
            "",
        ),
    ],
)
def test_clause_cut_keeps_the_main_clause_whole(sentence, expected):
    from digest.reduce.headline import clause_cut

    assert clause_cut(sentence, 180, first=True) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # a noun-phrase title with no phrase to drop that fits: cut before "und", not at a word
        (
            "Kommunalwahl: Gemeinsame Liste zwichen der Wählergemeinschaft Oberau und dem "
            "Bürgerblock Unterau",
            "Kommunalwahl: Gemeinsame Liste zwichen der Wählergemeinschaft Oberau",
        ),
        # the roles before the opening name go when the last phrase alone is not enough
        (
            "Former Finance Minister Margaret Ellison’s pension plan should be required reading "
            "for every member of the new cabinet",
            "Margaret Ellison’s pension plan should be required reading",
        ),
    ],
)
def test_a_long_title_is_shortened_without_a_cut_off_word(title, expected):
    line = headline(title, [])
    assert line == expected
    assert len(line) <= 70 and not line.endswith("…")


def test_a_teaser_ends_before_a_sentence_that_announces_a_list():
    sentences = [
        "Nach der langen Winterpause hat die Eishockey-Liga am Mittwoch ihre neue Saison eröffnet.",
        "Die Ergebnisse des ersten Spieltags:",
        "Augsburg – Straubing 3:2.",
        "Landshut – Rosenheim 1:4.",
    ]
    text, used = teaser(sentences)
    assert text == sentences[0] and used == 1
