"""Edition assembly: unseen and recent items only, baselines, near-duplicates merged, order, limit."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from digest.config import config_from_dict
from digest.edition.assemble import Selector, assemble, merge_duplicates
from digest.edition.merge import (
    THRESHOLD,
    cosine,
    same_event_groups,
    similarity_matrix,
    stems,
    tfidf_vectors,
)
from digest.extract import extract
from digest.models import Article, RawItem, Story
from digest.reduce import RuleReducer
from digest.state.db import SeenArticles, State

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
REDUCER = RuleReducer()


def make_config(tmp_path, sources, **newsletter):
    data = {"newsletter": newsletter, "sources": sources, "state": {"path": str(tmp_path / "s.db")}}
    return config_from_dict(data, tmp_path, "test.toml")


def feed_spec(name, **extra):
    return {
        "name": name,
        "type": "feed",
        "url": f"https://{name.lower()}.example.org/feed",
        **extra,
    }


def item(key, source="A", *, hours_old=1.0, section=None, title=None, body=None, published=True):
    return RawItem(
        source=source,
        key=key,
        url=f"https://example.org/{key}",
        title=title or f"Meldung {key}",
        body=body or f"Ein Satz über {key}.",
        published=NOW - timedelta(hours=hours_old) if published else None,
        section=section,
    )


def story(item_):
    return REDUCER.reduce(extract(item_))


# --- selection ---------------------------------------------------------------------------------


def test_seen_items_are_left_out_and_state_is_only_read(tmp_path):
    config = make_config(tmp_path, [feed_spec("A")])
    with State(tmp_path / "s.db") as state:
        SeenArticles(state).mark([("k1", "A")], edition_id=None)
    with State(tmp_path / "s.db", readonly=True) as state:
        selector = Selector(config, seen=SeenArticles(state), now=NOW)
        kept = selector([item("k1"), item("k2")])
        with pytest.raises(Exception, match="readonly"):
            SeenArticles(state).mark([("k2", "A")])
    assert [i.key for i in kept] == ["k2"]
    assert selector.already_seen == {"k1"}


def test_max_age_applies_to_feed_items_not_to_text_files(tmp_path):
    sources = [feed_spec("A"), feed_spec("B", max_age_hours=2), {"name": "T", "path": "."}]
    config = make_config(tmp_path, sources, max_age_hours=24)
    selector = Selector(config, seen=None, now=NOW)
    items = [
        item("fresh", "A", hours_old=23),
        item("old", "A", hours_old=25),
        item("b-fresh", "B", hours_old=1.5),
        item("b-old", "B", hours_old=3),  # the source's own max_age_hours
        item("text-old", "T", hours_old=24 * 30),  # text files: always eligible
        item("text-undated", "T", published=False),
    ]
    kept = selector(items)
    assert [i.key for i in kept] == ["fresh", "b-fresh", "text-old", "text-undated"]
    assert selector.too_old == {"old", "b-old"}


def test_selector_counts_once_when_called_again(tmp_path):
    config = make_config(tmp_path, [feed_spec("A")], max_age_hours=1)
    selector = Selector(config, seen=None, now=NOW)
    items = [item("old", hours_old=5)]
    selector(items)
    selector(items)
    assert selector.too_old == {"old"}


def test_baseline_source_unknown_to_state_sends_nothing_and_records_keys(tmp_path):
    config = make_config(tmp_path, [feed_spec("A", baseline=True), feed_spec("B")])
    with State(tmp_path / "s.db") as state:
        selector = Selector(config, seen=SeenArticles(state), now=NOW)
        kept = selector([item("a1", "A"), item("a2", "A", hours_old=500), item("b1", "B")])
        assert [i.key for i in kept] == ["b1"]
        assert selector.baseline_keys == (("a1", "A"), ("a2", "A"))  # old ones too: "what is there"
        SeenArticles(state).mark(selector.baseline_keys)
        # Next run: the source is known, so only what is new comes through.
        again = Selector(config, seen=SeenArticles(state), now=NOW)
        assert [i.key for i in again([item("a1", "A"), item("a3", "A")])] == ["a3"]
        assert again.baseline_keys == ()


# --- near-duplicates ------------------------------------------------------------------------------

SAME_EVENT = [
    (
        (
            "Münchner Stadtrat gibt 480 Millionen Euro für Wohnungen frei",
            "Pflegekräfte, Erzieherinnen und Busfahrer sollen in München leichter eine Wohnung finden. Der Stadtrat hat dafür am Mittwoch 480 Millionen Euro freigegeben. Die Opposition kritisiert das Tempo.",
        ),
        (
            "Wohnen für Fachkräfte: Stadt München stellt 480 Millionen bereit",
            "Die Landeshauptstadt will mehr Wohnungen für Beschäftigte in Pflege, Kitas und Nahverkehr bauen. Der Stadtrat beschloss am Mittwoch ein Programm über 480 Millionen Euro.",
        ),
    ),
    (
        (
            "Bahnstreik: GDL legt Fernverkehr ab Donnerstag lahm",
            "Die Lokführergewerkschaft GDL hat erneut zu einem Streik aufgerufen. Ab Donnerstag früh soll der Fernverkehr der Deutschen Bahn für 24 Stunden stillstehen, kündigte GDL-Chef Weselsky an.",
        ),
        (
            "GDL ruft zu 24-Stunden-Streik bei der Bahn auf",
            "Reisende müssen sich erneut auf Ausfälle einstellen: Die Gewerkschaft der Lokführer will den Fernverkehr und den Regionalverkehr am Donnerstag bestreiken. Der Ausstand soll 24 Stunden dauern.",
        ),
    ),
    (
        (
            "Koalition der Willigen berät in Paris über Ukraine",
            "Die Staats- und Regierungschefs der sogenannten Koalition der Willigen haben in Paris über Sicherheitsgarantien für die Ukraine beraten. Bundeskanzler Merz nahm per Video teil.",
        ),
        (
            "Sicherheitsgarantien für Kiew: Treffen der Koalition der Willigen in Paris",
            "In Paris kamen Vertreter von mehr als 30 Staaten zusammen, um über Garantien für die Ukraine nach einem möglichen Waffenstillstand zu sprechen. Merz war zugeschaltet.",
        ),
    ),
    (
        (
            "Storm Eowyn leaves 700,000 homes without power in Ireland",
            "Record winds from Storm Eowyn left around 700,000 homes and businesses without electricity across Ireland on Friday, the grid operator said.",
        ),
        (
            "Ireland storm: hundreds of thousands without electricity after Eowyn",
            "Storm Eowyn brought record gusts to Ireland, cutting power to about 700,000 homes and businesses, according to ESB Networks.",
        ),
    ),
]
OTHER_EVENTS = [
    (
        "Münchner Stadtrat beschließt neue Radwege in der Innenstadt",
        "Der Stadtrat hat am Mittwoch den Bau von zwölf Kilometern neuer Radwege beschlossen. Die Kosten liegen bei 30 Millionen Euro.",
    ),
    (
        "Streik bei der Lufthansa: Hunderte Flüge fallen aus",
        "Wegen eines Streiks des Bodenpersonals fallen am Donnerstag in Frankfurt und München Hunderte Flüge aus. Verdi hat zu dem Warnstreik aufgerufen.",
    ),
    (
        "Ukraine: Russland greift Kiew mit Drohnen an",
        "In der Nacht hat Russland die ukrainische Hauptstadt Kiew mit Dutzenden Drohnen angegriffen. Mindestens drei Menschen wurden verletzt.",
    ),
    (
        "Storm warning issued for Scotland as rain moves in",
        "The Met Office has issued a yellow warning for rain across western Scotland for Saturday, with flooding possible.",
    ),
]


def calibration_stories():
    stories = []
    for n, pair in enumerate(SAME_EVENT):
        for source, (title, body) in zip("AB", pair, strict=True):
            stories.append(story(item(f"{source}{n}", source, title=title, body=body)))
    for n, (title, body) in enumerate(OTHER_EVENTS):
        stories.append(story(item(f"C{n}", "C", title=title, body=body)))
    return stories


def test_stems_of_words_numbers_and_compounds():
    """Words are runs of letters, numbers keep their points and commas; stems() splits at white
    space first and looks for words inside a chunk only when it is not all letters, which must
    find the same words as looking through the whole text."""
    text = "Der Bahnstreik: 1.000,5 Euro;\tx² foo_bar\xa0Straße—Ärger 3,5. ½ﬃ Tempo30 Koalitionsgespräche"
    assert stems(text) == [
        "bahns",  # "Bahnstreik" and, as a compound, "streik"
        "strei",
        "1.000.5",  # a number whole, its comma a point
        "euro",
        "foo",  # the underscore is no letter
        "bar",
        "stras",  # casefolded: "Straße" is "strasse"
        "ärger",  # a dash between two words without white space
        "3.5",
        "½ffi",
        "tempo",  # letters and digits apart
        "30",
        "koali",
        "präch",
    ]


def test_similarity_separates_same_event_from_related_news():
    stories = calibration_stories()
    matrix = similarity_matrix(stories)
    pairs = {(2 * n, 2 * n + 1) for n in range(len(SAME_EVENT))}
    same = [matrix[i][j] for i, j in pairs]
    different = [
        matrix[i][j]
        for i in range(len(stories))
        for j in range(i + 1, len(stories))
        if (i, j) not in pairs
    ]
    assert min(same) >= THRESHOLD + 0.05
    assert max(different) <= THRESHOLD - 0.05


def test_same_event_from_two_sources_becomes_one_story_with_both_links(tmp_path):
    config = make_config(tmp_path, [feed_spec("A", priority=1), feed_spec("B"), feed_spec("C")])
    stories = calibration_stories()
    merged = merge_duplicates(stories, config)
    assert len(merged) == len(SAME_EVENT) + len(OTHER_EVENTS)
    leads = [s for s in merged if s.merged]
    assert len(leads) == len(SAME_EVENT)
    for lead in leads:
        assert lead.article.source == "A"  # the higher-priority source leads
        assert [link.source for link in lead.links] == ["A", "B"]
        assert lead.keys == (lead.article.key, lead.merged[0].key)


def test_merged_story_keeps_every_credit(tmp_path):
    config = make_config(tmp_path, [feed_spec("A"), feed_spec("B")])
    title, body = SAME_EVENT[1][0]
    other_title, other_body = SAME_EVENT[1][1]
    first = story(item("a", "A", title=title, body=body + "\n\nMit Informationen von dpa"))
    second = story(
        item("b", "B", title=other_title, body=other_body + "\n\nMit Informationen von Reuters")
    )
    (merged,) = merge_duplicates([first, second], config)
    assert merged.credits == ("dpa", "Reuters")


# --- order and limit ------------------------------------------------------------------------------


def test_other_sections_are_kept_together_after_the_configured_ones(tmp_path):
    config = make_config(tmp_path, [feed_spec("A")], sections=["Bayern"])
    items = [
        item(
            "none-new", section=None, hours_old=0, title="Ohne Rubrik", body="Ein Text ohne Rubrik."
        ),
        item(
            "sport-old",
            section="Sport",
            hours_old=5,
            title="Pokal",
            body="Das Pokalspiel endete torlos.",
        ),
        item(
            "kultur",
            section="Kultur",
            hours_old=3,
            title="Theater",
            body="Das Theater spielt Brecht.",
        ),
        item(
            "sport-new",
            section="Sport",
            hours_old=1,
            title="Skispringen",
            body="Der Weltcup beginnt.",
        ),
        item(
            "bayern",
            section="Bayern",
            hours_old=9,
            title="Almabtrieb",
            body="Die Kühe kommen ins Tal.",
        ),
    ]
    edition = assemble([story(i) for i in items], config, date(2026, 11, 25))
    assert [s.title for s in edition.sections] == ["Bayern", "Kultur", "Sport", None]
    assert [s.key for s in edition.stories] == [
        "bayern",
        "kultur",
        "sport-new",
        "sport-old",
        "none-new",
    ]


def test_order_is_section_then_priority_then_recency_with_a_limit(tmp_path):
    sources = [feed_spec("Low"), feed_spec("High", priority=5)]
    config = make_config(tmp_path, sources, sections=["Bayern", "Welt"], max_stories=4)
    items = [
        item(
            "welt-new",
            "High",
            section="Welt",
            hours_old=1,
            title="Wahl in Portugal",
            body="Portugal hat gewählt.",
        ),
        item(
            "other",
            "High",
            section="Sport",
            hours_old=0,
            title="Pokalspiel endet torlos",
            body="Das Pokalspiel endete null zu null.",
        ),
        item(
            "bayern-low-new",
            "Low",
            section="Bayern",
            hours_old=1,
            title="Neue Brücke in Passau",
            body="Passau bekommt eine Brücke.",
        ),
        item(
            "bayern-high-old",
            "High",
            section="Bayern",
            hours_old=9,
            title="Almabtrieb im Allgäu",
            body="Die Kühe kommen ins Tal.",
        ),
        item(
            "bayern-high-new",
            "High",
            section="Bayern",
            hours_old=2,
            title="Schnee in Garmisch",
            body="In Garmisch liegt Schnee.",
        ),
    ]
    edition = assemble([story(i) for i in items], config, date(2026, 11, 25))
    assert [s.key for s in edition.stories] == [
        "bayern-high-new",
        "bayern-high-old",
        "bayern-low-new",
        "welt-new",
    ]  # "other" (an unconfigured section) would come last, but max_stories = 4
    assert [(s.title, len(s.stories)) for s in edition.sections] == [("Bayern", 3), ("Welt", 1)]


def synthetic_stories(count: int, seed: int) -> list[Story]:
    """Stories on a few dozen invented events, each told in varied words by several sources,
    with an exact twin now and then (the same wire text from two feeds) and now and then one
    without a content word."""
    rng = random.Random(seed)
    first = ("bahn", "wahl", "sturm", "haus", "geld", "klima", "schul", "stadt", "wald", "see")
    second = ("streik", "reform", "warnung", "planung", "kosten", "gipfel", "gericht", "bilanz")
    pool = [f"{a}{b}{c}" for a in first for b in second for c in ("amt", "rat", "plan")]
    events = [rng.sample(pool, 9) for _ in range(count // 6)]
    stories: list[Story] = []
    for n in range(count):
        if rng.random() < 0.03:  # no content word at all: an empty vector, like nothing else
            stories.append(Story(Article(f"s{n}", "A", None, "Ja", ("Ab und zu.",)), "Ja", "", ()))
            continue
        if stories and rng.random() < 0.1:
            twin = rng.choice(stories)
            stories.append(
                Story(replace(twin.article, key=f"s{n}"), twin.headline, twin.teaser, ())
            )
            continue
        words = rng.sample(rng.choice(events), 6) + rng.sample(pool, rng.randint(0, 4))
        rng.shuffle(words)
        body = " ".join(w.capitalize() for w in words) + f" am {rng.randint(1, 28)}. Mai."
        article = Article(f"s{n}", "A", None, " ".join(words[:3]).title(), (body,))
        stories.append(Story(article, " ".join(words[:4]).title(), body, ()))
    return stories


def groups_by_comparing_every_lead(
    stories: list[Story], threshold: float = THRESHOLD
) -> list[list[int]]:
    """The near-duplicate rule without index or shortcut: each story against every earlier lead."""
    vectors = tfidf_vectors(stories)
    groups: list[list[int]] = []
    for index, vector in enumerate(vectors):
        for group in groups:
            if cosine(vectors[group[0]], vector) >= threshold:
                group.append(index)
                break
        else:
            groups.append([index])
    return groups


@pytest.mark.parametrize("count", [10, 60, 400, 1500])
def test_near_duplicate_groups_are_those_of_comparing_every_lead(count):
    """The inverted index, the bounds and the twin shortcut only save work: the groups are
    exactly those of comparing every story with every earlier lead, at every size."""
    stories = synthetic_stories(count, seed=count)
    groups = same_event_groups(stories)
    assert groups == groups_by_comparing_every_lead(stories)
    assert any(len(group) > 1 for group in groups) and len(groups) > count // 20
    empty = [i for i, story in enumerate(stories) if story.headline == "Ja"]
    assert count < 100 or (len(empty) > 1 and all([i] in groups for i in empty))


@pytest.mark.parametrize("threshold", [1e-12, 0.05, 0.2, 0.5, 0.7, 0.9, 0.995])
def test_near_duplicate_groups_are_exact_at_any_threshold(threshold):
    """The bounds hold for any threshold above 0, not only the tuned one: a low one puts every
    term in the index and decides most leads by their shared terms alone, a high one indexes
    few terms and leaves much to the bound on the rest (and at 0.995 no shortcut for twins)."""
    stories = synthetic_stories(600, seed=7)
    groups = same_event_groups(stories, threshold)
    assert groups == groups_by_comparing_every_lead(stories, threshold)
    assert any(len(group) > 1 for group in groups)


def test_near_duplicate_threshold_of_zero_is_refused():
    """At 0 every pair would match, even one without a shared term, which no index finds."""
    with pytest.raises(ValueError, match="above 0"):
        same_event_groups(synthetic_stories(10, seed=1), 0.0)
