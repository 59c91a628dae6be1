"""English news articles read as well as German ones (issues 12 item 4 and 17 item 7): short
articles written for these tests (invented people and places) in the shapes of agency and local
copy — "X said", "said X", "X told Reuters", "according to X", "a spokeswoman for X said",
"X, the city's mayor, said", pronoun chains, a surname after the full name, "Dr."/"Sen."/"Gov.",
quotes of several sentences, quotes interrupted by their cue, partial quotes, scare quotes, a
book title, straight and curly marks. Each quote's speaker, role and kind is asserted, and the
story's headline, teaser and facts follow the rules of issue 17 in English typography."""

from __future__ import annotations

import re

import pytest

from digest import lang
from digest.models import Article, Story
from digest.reduce import RuleReducer

ARTICLES = {
    "tram": (
        "Council approves new tram line to the airport",
        "The city council on Tuesday approved a 420 million pound tram line linking the central "
        "station with the airport, ending a decade of debate.",
        "“This is the biggest investment in public transport this city has seen in fifty years,” "
        "said council leader Anna Berg. She added: “Work will start in the spring and the first "
        "trams will run in 2029.”",
        "According to council leader Anna Berg, “the line will carry twelve thousand passengers "
        "a day.”",
        "Opposition councillor Mark Doyle called the plan “a white elephant” and said the money "
        "would be better spent on buses.",
    ),
    "strike": (
        "Hospital strike ends after pay deal",
        "Nurses at St Anne's Hospital returned to work on Friday after union leaders accepted a "
        "pay offer of 6 percent over two years.",
        "“Our members have shown that they will not be taken for granted,” said union leader "
        "Linda Crane. She added: “We hope the hospital keeps its word this time.”",
        "A spokesperson for the health trust said: “We are glad that patients can be treated "
        "normally again.”",
        "Dr. Samuel Okafor, the hospital's medical director, said the backlog of operations "
        "would take months to clear. “We cancelled more than four hundred procedures during the "
        "strike,” Okafor said. “Every one of them was a person waiting in pain.”",
    ),
    "flood": (
        "Governor signs flood defence bill",
        "Gov. Maria Delgado signed a bill on Wednesday that sets aside 2.1 billion dollars for "
        "flood walls along the state's coast.",
        '"We cannot keep rebuilding the same houses every second year," Delgado told Reuters. '
        '"The sea is not going to wait for us."',
        'Sen. Robert Hayes, who wrote the bill, said it was "the most important thing I have '
        'done in office."',
        'The plan was criticised by the Coastal Property Association. "Nobody asked the people '
        "who actually live here,\" the group's chairman, Peter Walsh, said.",
    ),
    "prize": (
        "Local author wins national prize",
        'Writer Helen Marsh has won the National Book Award for her novel "The Quiet Harbour", '
        "the judges announced on Thursday.",
        '"I wrote most of it at my kitchen table while the children slept," Marsh said. "I never '
        'thought anyone outside this town would read it."',
        "The book, which follows three generations of a fishing family, has sold more than "
        "80,000 copies since it came out in March.",
        "“Marsh writes about ordinary lives with extraordinary care,” the chair of the judges, "
        "Professor Alan Reid, said in a statement.",
    ),
    "museum": (
        "Police investigate break-in at museum",
        "Police are investigating a break-in at the City Museum in which two paintings worth an "
        "estimated 3 million euros were stolen overnight.",
        "“The thieves knew exactly what they were looking for,” Detective Inspector Sarah Kent "
        "told reporters on Saturday. “They were inside for less than ten minutes.”",
        "“We are devastated,” said James Ortiz, the museum's director, “but we are working "
        "closely with the police and we are confident the paintings will be found.”",
        "Kent said officers were studying security camera footage. She said: “Anyone who saw a "
        "white van near the museum after midnight should call us.”",
    ),
    "meals": (
        "School meals to be free for all primary pupils",
        "All primary school children in the region will receive free lunches from September, "
        "the education department said on Monday.",
        'Education minister Priya Shah said the scheme would cost 95 million pounds a year. "No '
        'child should sit in a classroom hungry," Shah said. "This is about fairness, and it is '
        'about learning."',
        "Head teacher Tom Fuller, who runs a school in the north of the region, welcomed the "
        'decision. "Some of our pupils get their only hot meal of the day here," he said.',
        'Critics said the so-called "universal offer" would also benefit wealthy families.',
    ),
    "library": (
        "Mayor defends budget cuts",
        "Mayor Daniel Price, the city's mayor since 2022, defended plans on Thursday to cut "
        "library opening hours by a third.",
        '"We have to make choices that nobody likes," Price, the city\'s mayor, said at a press '
        'conference. "I would rather shorten hours than close branches."',
        "Price said the city faced a shortfall of 40 million dollars next year.",
        "Librarian Emma Clarke said the cuts would hit children and older people hardest. "
        '"For many of them, this is the only warm place they can go," Clarke told the Guardian.',
    ),
    "storm": (
        "Storm leaves thousands without power",
        "More than 30,000 homes were without electricity on Sunday after a storm with gusts of "
        "up to 140 kilometres per hour swept across the coast.",
        "Repairs could take until Wednesday. “Our crews are working around the clock. We ask "
        "people to stay away from fallen lines,” a spokeswoman for Coastal Power said.",
        "Farmer George Bell said the storm had torn the roof off his barn. “I have lived here "
        "for sixty years and I have never seen anything like it,” he said. Bell said his cattle "
        "were unharmed.",
    ),
    # issue 12 item 4, second pass: abbreviated titles, a lower-case role after a capitalised
    # word, "police said", a lower-case organisation, "Hale, however, said"
    "bridge": (
        "Governor closes ageing river bridge",
        "Gov. Ellen Porter ordered the Riverside Bridge closed to traffic on Monday after "
        "inspectors found cracks in two of its steel supports.",
        "“I will not gamble with people's lives to save a few minutes of driving,” the governor "
        "said. “The bridge stays shut until engineers tell me it is safe.”",
        "Sen. Victor Lang, whose district includes the bridge, said the closure would hurt shops "
        "on both banks. “Half of my town crosses that bridge every morning,” Lang said.",
        "Rep. Nora Quinn backed the decision. “A closed bridge is better than a collapsed one, "
        "and everyone here knows it,” Quinn, however, said.",
    ),
    "burglary": (
        "Four arrested after string of burglaries",
        "Police arrested four men on Thursday after a string of burglaries in the east of the "
        "city, in which jewellery worth more than 200,000 pounds was taken.",
        "“The men had been under surveillance for several weeks before the arrests,” police said "
        "in a statement.",
        "Supt. Karen Moss said the jewellery had not yet been found. “We are asking pawn shops "
        "to check anything they have bought since March,” the superintendent said.",
        "“Anyone with information should call us on the number below,” said police.",
    ),
    "clinic": (
        "Eye clinic waiting lists grow by a third",
        "Waiting lists at the city's eye clinic have grown by a third since January, figures "
        "published on Tuesday show.",
        "A spokesperson for the health trust said: “We are recruiting more staff and expect the "
        "lists to shrink by the summer.”",
        "Health minister Joan Webb said the figures were disappointing. “Patients should not "
        "wait a year to have their sight saved,” the minister told the BBC.",
    ),
    "hearing": (
        "Detective cleared of misconduct",
        "Detective Sergeant Paul Grant was cleared of gross misconduct on Friday after a "
        "two-week hearing in Leeds.",
        "“I have waited three years for this day,” the sergeant said outside the building. “I "
        "want to thank my family for standing by me.”",
        "Prof. Martin Eade, who gave evidence for the defence, said the case should never have "
        "been brought. “The evidence was thin from the very start,” Eade said.",
    ),
}

# (article, the quote's first words, speaker, role, kind): every quote of every article
QUOTES = [
    ("tram", "This is the biggest", "Anna Berg", "council leader", "full"),
    ("tram", "Work will start", "Anna Berg", "council leader", "full"),  # role kept on "She"
    ("tram", "the line will carry", "Anna Berg", "council leader", "partial"),
    ("strike", "Our members", "Linda Crane", "union leader", "full"),
    ("strike", "We hope", "Linda Crane", "union leader", "full"),
    ("strike", "We are glad", None, None, "full"),  # "the health trust" is no name: nobody
    ("strike", "We cancelled", "Samuel Okafor", "hospital's medical director", "full"),
    ("strike", "Every one of them", "Samuel Okafor", "hospital's medical director", "full"),
    ("flood", "We cannot keep", "Maria Delgado", "Governor", "full"),  # "Gov."
    ("flood", "The sea is not", "Maria Delgado", "Governor", "full"),
    ("flood", "the most important thing", "Robert Hayes", "Senator", "partial"),
    ("flood", "Nobody asked", "Peter Walsh", "group's chairman", "full"),
    ("prize", "I wrote most", "Helen Marsh", "Writer", "full"),
    ("prize", "I never thought", "Helen Marsh", "Writer", "full"),
    ("prize", "Marsh writes about", "Alan Reid", "Professor", "full"),  # never Marsh herself
    ("museum", "The thieves knew", "Sarah Kent", "Detective Inspector", "full"),
    ("museum", "They were inside", "Sarah Kent", "Detective Inspector", "full"),
    ("museum", "We are devastated", "James Ortiz", "museum's director", "full"),
    (
        "museum",
        "but we are working",
        "James Ortiz",
        "museum's director",
        "full",
    ),  # the rest of his statement
    ("museum", "Anyone who saw", "Sarah Kent", "Detective Inspector", "full"),
    ("meals", "No child should", "Priya Shah", "Education minister", "full"),
    ("meals", "This is about fairness", "Priya Shah", "Education minister", "full"),
    ("meals", "Some of our pupils", "Tom Fuller", "Head teacher", "full"),
    ("library", "We have to make", "Daniel Price", "Mayor", "full"),
    ("library", "I would rather", "Daniel Price", "Mayor", "full"),
    ("library", "For many of them", "Emma Clarke", "Librarian", "full"),
    ("storm", "Our crews are working", "Coastal Power", None, "full"),  # two sentences, one quote
    ("storm", "I have lived here", "George Bell", "Farmer", "full"),
    ("bridge", "I will not gamble", "Ellen Porter", "Governor", "full"),  # "Gov." → the governor
    ("bridge", "The bridge stays shut", "Ellen Porter", "Governor", "full"),
    ("bridge", "Half of my town", "Victor Lang", "Senator", "full"),
    ("bridge", "A closed bridge", "Nora Quinn", "Representative", "full"),  # "Quinn, however,"
    ("burglary", "The men had been", "Police", None, "full"),
    ("burglary", "We are asking", "Karen Moss", "Superintendent", "full"),
    ("burglary", "Anyone with information", "Police", None, "full"),
    # a lower-case description names no organisation a reader could tell: nobody (precision first)
    ("clinic", "We are recruiting", None, None, "full"),
    ("clinic", "Patients should not wait", "Joan Webb", "Health minister", "full"),
    ("hearing", "I have waited", "Paul Grant", "Detective Sergeant", "full"),
    ("hearing", "I want to thank", "Paul Grant", "Detective Sergeant", "full"),
    # an academic title stays out of the name, and gives no role (as in German)
    ("hearing", "The evidence was thin", "Martin Eade", None, "full"),
]


def article(key: str, language: str = "en") -> Article:
    title, *paragraphs = ARTICLES[key]
    return Article(
        key=key,
        source="test",
        url=None,
        title=title,
        paragraphs=tuple(paragraphs),
        language=language,
    )


def story(key: str) -> Story:
    return RuleReducer().reduce(article(key))


@pytest.mark.parametrize(("key", "start", "speaker", "role", "kind"), QUOTES)
def test_speaker_role_and_kind_of_every_quote(key, start, speaker, role, kind):
    quotes = [q for q in story(key).quotes if q.text.startswith(start)]
    assert len(quotes) == 1, story(key).quotes
    assert (quotes[0].speaker, quotes[0].role, quotes[0].kind) == (speaker, role, kind)


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_no_other_quotes_no_scare_quotes_or_titles(key):
    expected = sorted(start for k, start, *_ in QUOTES if k == key)
    found = sorted(
        next((start for start in expected if q.text.startswith(start)), q.text)
        for q in story(key).quotes
    )
    assert found == expected  # "a white elephant", "The Quiet Harbour", "universal offer": none


def test_a_quote_of_several_sentences_is_one_quote():
    (quote,) = [q for q in story("storm").quotes if q.text.startswith("Our crews")]
    assert quote.text.endswith("stay away from fallen lines")


BACK_POINTING = set(lang.words("facts", "back_pointing", among=("en",))) | set(
    lang.words("facts", "connectives", among=("en",))
)
_SENTENCE_END = re.compile(r"[.!?][”’\"]?$")


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_headline_teaser_and_facts_follow_the_rules_of_issue_17(key):
    result = story(key)
    shown = [result.headline, result.teaser, *result.facts]
    for text in shown:
        assert '"' not in text and "„" not in text, text  # English typography: “…”
        assert "  " not in text, text
        assert text.count("“") == text.count("”"), text
    assert result.headline == ARTICLES[key][0]  # the title is a headline: kept as it stands
    assert _SENTENCE_END.search(result.teaser), result.teaser  # whole sentences
    assert 1 <= len(result.facts) <= 4
    for fact in result.facts:
        assert fact.split()[0] not in BACK_POINTING, fact  # no dangling opener
        assert len(fact.split()) <= 30, fact
        assert _SENTENCE_END.search(fact), fact
        assert fact not in result.teaser
        assert not fact.rstrip(".").endswith(" said"), fact  # no quote frame without its quote


def test_a_quote_frame_without_its_quote_is_no_fact():
    assert all("spokesperson" not in fact for fact in story("strike").facts)


# (case, text, speaker, role) of the one quote: cues with an apposition, and where they name nobody
APPOSITION_CASES = [
    (
        "the description before the name",
        "Mayor Tom Hale and his wife Anna Hale came. “We are very happy here in town,” the "
        "mayor's wife, Anna Hale, said.",
        "Anna Hale",
        "mayor's wife",
    ),
    (
        "a list of names is no apposition: nobody (precision first)",
        "Tom Hale came. “We are very happy here in town,” Hale, Tom Ross and Anna Berg said.",
        None,
        None,
    ),
    (
        "a name inside the description is not the speaker",
        "Tom Hale came. “We are very happy here in town,” the mayor, a friend of Tom Hale, said.",
        None,
        None,
    ),
    (
        "a description without an article that names a role",
        "Tom Hale came. “We are very happy here in town,” Hale, mayor of Springfield, said.",
        "Tom Hale",
        "mayor of Springfield",
    ),
    (
        "an adverb in commas is no description: the name speaks, with no role",
        "Tom Hale came. “We are very happy here in town,” Hale, however, said.",
        "Tom Hale",
        None,
    ),
    (
        "a role word ends the apposition after the first mention: the role of every quote",
        "Ruth Lane, the club's head coach, watched the game. “We deserved to win this one "
        "today,” Lane said.",
        "Ruth Lane",
        "club's head coach",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "speaker", "role"), APPOSITION_CASES, ids=[c[0] for c in APPOSITION_CASES]
)
def test_english_appositions(case, text, speaker, role):
    paragraphs = (text,)
    reduced = RuleReducer().reduce(
        Article(key="k", source="s", url=None, title="T", paragraphs=paragraphs, language="en")
    )
    (quote,) = reduced.quotes
    assert (quote.speaker, quote.role, quote.kind) == (speaker, role, "full")


# (case, text, speaker, role) of the one quote: titles, lower-case roles and organisations
SHORT_CASES = [
    (
        "an abbreviated title after the speech verb: its full stop ends no sentence",
        "“We cannot keep rebuilding the same houses every year,” said Sen. Robert Hayes.",
        "Robert Hayes",
        "Senator",
    ),
    (
        "the role an abbreviated title gives resolves a later role noun",
        "Lt. Mark Stone led the search. “We found the boat at dawn,” the lieutenant said.",
        "Mark Stone",
        "Lieutenant",
    ),
    (
        "a lieutenant governor is no governor: nobody (precision first)",
        "Lt. Gov. Ann Lee opened the session. “We will pass this budget by Friday,” the governor "
        "said.",
        None,
        None,
    ),
    (
        "two holders of the role a title gives: nobody",
        "Gov. Maria Delgado met Gov. Tom Hale on Monday. “We will pass this budget by Friday,” "
        "the governor said.",
        None,
        None,
    ),
    (
        "a lower-case role after a capitalised word makes a name of an unknown first name",
        "Transport minister Oyelaran Adeyemi spoke. “The trains will run on time,” the minister "
        "said.",
        "Oyelaran Adeyemi",
        "Transport minister",
    ),
    (
        "the role before the name in the cue itself",
        "“The trains will run on time from next month,” Transport minister Oyelaran Adeyemi said.",
        "Oyelaran Adeyemi",
        "Transport minister",
    ),
    (
        "the one police told is no speaker: nobody",
        "“Both men are known to us in the village,” a witness told police.",
        None,
        None,
    ),
    (
        "a lower-case owner of a spokesperson after the quote: nobody (precision first)",
        "“We are glad the strike is over,” a spokesman for the health trust said.",
        None,
        None,
    ),
    (
        "a speaking organisation as owner of a spokesperson",
        "“We are glad the strike is over,” a spokesman for the police said.",
        "Police",
        None,
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "speaker", "role"), SHORT_CASES, ids=[c[0] for c in SHORT_CASES]
)
def test_titles_lower_case_roles_and_organisations(case, text, speaker, role):
    reduced = RuleReducer().reduce(
        Article(key="k", source="s", url=None, title="T", paragraphs=(text,), language="en")
    )
    (quote,) = reduced.quotes
    assert (quote.speaker, quote.role, quote.kind) == (speaker, role, "full")
