"""edition/edits.py on its own: edits validated like the config, then applied to an edition."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from digest.config import config_from_dict
from digest.edition.assemble import group_sections
from digest.edition.edits import EditsError, apply_edits, dropped, validate_edits
from digest.models import Article, Edition, Quote, Story
from digest.render.html import render

CONFIG = config_from_dict(
    {"newsletter": {"sections": ["Bayern", "Welt"]}}, __import__("pathlib").Path("."), "t.toml"
)


def story(key: str, section: str, headline: str) -> Story:
    article = Article(key, "Quelle", f"https://example.org/{key}", headline, ("Text.",),
                      section=section)  # fmt: skip
    quote = Quote("Wir machen weiter", "Erika Muster", "Bürgermeisterin")
    return Story(
        article, headline, f"{headline}: der Teaser.", ("Fakt eins.", "Fakt zwei."), (quote,)
    )


@pytest.fixture
def edition() -> Edition:
    stories = [story("a", "Bayern", "Erste: Sache"), story("b", "Bayern", "Zweite: Sache"),
               story("c", "Welt", "Dritte: Sache")]  # fmt: skip
    return Edition(
        "Abend", date(2026, 11, 25), tuple(stories), sections=group_sections(stories, CONFIG)
    )


def ids(edition: Edition) -> list[str]:
    return [s.id for s in edition.stories]


def test_ids_are_stable_and_derived_from_the_key(edition):
    again = story("a", "Welt", "Ganz anders")
    assert again.id == edition.stories[0].id and len(again.id) == 10
    assert len(set(ids(edition))) == 3


def test_edits_are_applied_where_they_belong(edition):
    a, b, c = ids(edition)
    data = {
        "edition": {"order": [c], "intro": "Guten\nAbend.", "preheader": "Der Vorspann"},
        "stories": {
            a: {"facts": ["Nur ein Fakt."], "quote": False, "section": "Welt"},
            b: {"drop": True},
            c: {"quote": {"role": "Landrätin"}},
        },
    }
    edits, warnings = validate_edits(data, ids(edition), [])
    assert warnings == []
    sent = apply_edits(edition, edits, CONFIG)
    assert ids(sent) == [c, a]
    assert [s.title for s in sent.sections] == ["Welt"]  # a moved to Welt, regrouped
    assert sent.stories[1].facts == ("Nur ein Fakt.",) and sent.stories[1].quotes == ()
    assert sent.stories[0].top_quote == Quote("Wir machen weiter", "Erika Muster", "Landrätin")
    assert [s.id for s in dropped(edition, edits)] == [b]
    rendered = render(sent, CONFIG)
    assert rendered.preheader == "Der Vorspann"
    assert "Guten Abend." in rendered.text  # the intro folded onto one line
    assert "Zweite: Sache" not in rendered.html


def test_every_problem_is_reported_at_once_with_line_and_key(edition):
    a = ids(edition)[0]
    text = f'[edition]\norder = "{a}"\n\n[stories."{a}"]\nfacts = ["ok", 3]\nsection = ""\n'
    data = {"edition": {"order": a}, "stories": {a: {"facts": ["ok", 3], "section": ""}}}
    with pytest.raises(EditsError) as caught:
        validate_edits(data, ids(edition), [], "edits.toml", text)
    assert caught.value.problems == [
        "edits.toml:2: edition.order: expected a list of story ids",
        f'edits.toml:6: stories."{a}".section: must not be empty',
        f'edits.toml:5: stories."{a}".facts[1]: expected a string, got an integer',
    ]


def test_an_id_of_an_earlier_build_warns_and_an_unknown_one_fails(edition):
    edits, warnings = validate_edits({"stories": {"0123456789": {"drop": True}}}, ids(edition),
                                     ["0123456789"])  # fmt: skip
    assert edits.stale == ("0123456789",) and not edits.stories
    assert len(warnings) == 1 and "earlier build of the day" in warnings[0]
    with pytest.raises(EditsError, match="no story with id '0123456789' in any build"):
        validate_edits({"stories": {"0123456789": {"drop": True}}}, ids(edition), [])


def test_edited_text_is_typeset_like_the_reducers(edition):
    a = ids(edition)[0]
    data = {
        "edition": {
            "subject": 'Abend: "Ja" zum Radweg',
            "preheader": "Rat - und Stadt  einig",
            "intro": "Guten Abend, hier geht's los.",
        },
        "stories": {
            a: {
                "headline": 'Rat sagt "Ja" - endlich',
                "teaser": "Er nannte es 'klug'.",
                "facts": ['Der "Plan B" gilt.', "Merkel’s Plan bleibt."],
                "quote": {"text": 'Wir nennen das "Plan B"', "role": 'Chefin der "Grünen"'},
            },
        },
    }
    edits, _ = validate_edits(data, ids(edition), [])
    sent = apply_edits(edition, edits, CONFIG)
    first = sent.stories[0]
    assert first.headline == "Rat sagt „Ja“ – endlich"
    assert first.teaser == "Er nannte es ‚klug‘."
    assert first.facts == ("Der „Plan B“ gilt.", "Merkel’s Plan bleibt.")
    # inside the „…“ the email puts around a quotation, its own marks are the inner ones
    assert first.top_quote.text == "Wir nennen das ‚Plan B‘"
    assert render(sent, CONFIG).html.count("„Wir nennen das ‚Plan B‘“") == 1
    assert first.top_quote.role == "Chefin der „Grünen“"
    assert first.top_quote.speaker == "Erika Muster"  # not edited: as it was
    assert (sent.subject, sent.preheader) == ("Abend: „Ja“ zum Radweg", "Rat – und Stadt einig")
    assert sent.intro == "Guten Abend, hier geht's los."
    assert sent.stories[1] == edition.stories[1]  # a story without edits is left as it is
    # typeset text edited once more stays as it is
    again, _ = validate_edits(
        {"stories": {a: {"headline": first.headline, "quote": {"text": first.top_quote.text}}}},
        ids(edition),
        [],
    )
    twice = apply_edits(sent, again, CONFIG).stories[0]
    assert (twice.headline, twice.top_quote.text) == (first.headline, first.top_quote.text)


def test_an_english_storys_edits_get_english_marks(edition):
    english = replace(edition.stories[0].article, language="en")
    stories = (replace(edition.stories[0], article=english), *edition.stories[1:])
    edition = replace(edition, stories=stories)
    data = {"stories": {ids(edition)[0]: {"headline": 'Mayor\'s "yes" - at last'}}}
    edits, _ = validate_edits(data, ids(edition), [])
    assert apply_edits(edition, edits, CONFIG).stories[0].headline == "Mayor's “yes” – at last"
