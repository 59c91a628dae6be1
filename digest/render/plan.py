"""Subject, preheader and intro, planned together so that each says something the others do not.

An inbox shows three lines before the email is opened: the subject names the top two or three
topics ("Bayern am Abend: Wintereinbruch, Wohnen für Fachkräfte und Fahrplanwechsel"), the
preheader adds what those headlines state ("Glatte A9 sorgt für Unfallserie · …") and then the
topics the subject had no room for, and the intro's first sentence names the top story in full
("heute vor allem: …"). A topic is the part before the colon of a BR24-style "Topic: statement"
headline, or a short headline as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..lines import one_line
from ..models import Story, unique
from .labels import Labels

SUBJECT_LIMIT = 70
PREHEADER_LIMIT = 90
PREHEADER_MIN = 40
TOPIC_LIMIT = 40
SUBJECT_TOPICS = 3
INTRO_TOPICS = 3
SEPARATOR = " · "

# Words a shortened text must not end on ("Streik bei der…" → "Streik…").
_DANGLING_WORDS = (
    "der die das den dem des ein eine einen einem einer und oder mit von vom für in im am an auf "
    "aus bei beim nach zu zum zur über unter vor gegen um the a an of to for and or in on at with "
    "from by"
)
_DANGLING = frozenset(_DANGLING_WORDS.split())


@dataclass(frozen=True)
class Plan:
    """The three lines an inbox shows first, and the intro under the greeting."""

    subject: str
    preheader: str
    intro: str


@dataclass(frozen=True)
class Headline:
    """A headline split into its topic (None: too long to name in a list) and its statement."""

    text: str
    topic: str | None
    statement: str  # "" when the headline is one statement without a topic


def plan(
    name: str, stories: list[Story], labels: Labels, tagline: str = "", intro: str | None = None
) -> Plan:
    """Subject, preheader and intro of an edition whose most important stories come first.

    `intro`: the configured text, which then follows the sentence naming the top story."""
    headlines = [split_headline(story.headline, labels.language) for story in stories]
    in_subject = subject_headlines(name, headlines, labels)
    subject = subject_line(name, in_subject, headlines, labels)
    preheader = preheader_line(headlines, in_subject, tagline)
    return Plan(subject, preheader, intro_text(headlines, labels, intro))


def split_headline(headline: str, language: str = "de") -> Headline:
    """('Topic', 'statement') of 'Topic: statement'; a short headline is its own topic; a German
    one names its topic in the capitalised words it starts with ("Deutsche Bank will …")."""
    text = one_line(headline)
    topic, colon, statement = text.partition(": ")
    topic = topic.strip(" \"'„“”‚‘’»«")
    if colon and statement.strip() and 2 <= len(topic) <= TOPIC_LIMIT:
        return Headline(text, topic, statement.strip())
    if len(text) <= TOPIC_LIMIT:
        return Headline(text, text, "")
    return Headline(text, leading_nouns(text) if language == "de" else None, "")


def leading_nouns(headline: str) -> str | None:
    """The noun phrase a German headline starts with: its words up to the first lowercase word
    that is not an article or preposition, once a noun was seen (German capitalises nouns and
    names, not verbs): "Gewerkschaft der Polizei kritisiert …" → "Gewerkschaft der Polizei".
    A headline's first word is capitalised anyway, so it proves a noun only when it is a compound,
    an acronym or a number ("Ferrari-Teamchef", "FIFA", "26"); otherwise the adjectives and verb
    after it belong to the phrase ("Erster südamerikanischer Energiegipfel tagt …"). A name is
    never cut: a run of capitalised words that does not fit is left out whole."""
    words: list[str] = []
    has_noun = False
    for position, word in enumerate(headline.split()):
        bare = word.strip(",;:–-\"'„“”‚‘’»«")
        capital = bare[:1].isupper()
        if not capital and has_noun and bare.lower() not in _DANGLING:
            break
        if len(" ".join([*words, word])) > TOPIC_LIMIT:
            while capital and words and words[-1][:1].isupper():  # do not cut a name
                words.pop()
            break
        words.append(word)
        has_noun = has_noun or (capital and (position > 0 or _proves_noun(bare)))
    while words and _dangles(words[-1]):
        words.pop()
    phrase = " ".join(words).rstrip(",;:–-")
    return phrase if words and has_noun and phrase != headline else None


def _proves_noun(first: str) -> bool:
    """A first word that is a noun whatever its place: a compound, an acronym, a number."""
    return "-" in first or (len(first) > 1 and first.isupper()) or first[:1].isdigit()


def topic_of(headline: str) -> str:
    """The short form of a headline: its topic, else the headline shortened."""
    split = split_headline(headline)
    return split.topic or shorten_at_word(split.text, TOPIC_LIMIT)


def subject_headlines(name: str, headlines: list[Headline], labels: Labels) -> list[Headline]:
    """The first headlines (up to three, different topics) whose topics fit the subject line."""
    chosen: list[Headline] = []
    for headline in headlines:
        topics = [h.topic for h in chosen if h.topic]
        if headline.topic is None or headline.topic in topics or len(chosen) == SUBJECT_TOPICS:
            continue
        if len(f"{one_line(name)}: {labels.join([*topics, headline.topic])}") <= SUBJECT_LIMIT:
            chosen.append(headline)
    return chosen


def subject_line(
    name: str, chosen: list[Headline], headlines: list[Headline], labels: Labels
) -> str:
    """'<name>: <Topic 1>, <Topic 2> und <Topic 3>'; the top headline shortened when no topic fits."""
    name = one_line(name)
    topics = [h.topic for h in chosen if h.topic]
    if not topics and headlines:
        topics = [shorten_at_word(headlines[0].text, SUBJECT_LIMIT - len(name) - 2)]
    return f"{name}: {labels.join(topics)}" if topics else name


def preheader_line(headlines: list[Headline], in_subject: list[Headline], tagline: str) -> str:
    """40–90 characters the subject does not say: story by story, what a headline named in the
    subject states, or the topic of one it had no room for; the tagline fills up a short line."""
    parts = []
    for headline in headlines:  # in the edition's order
        if headline in in_subject:
            if headline.statement or headline.topic != headline.text:  # the subject named less
                parts.append(headline.statement or headline.text)
        else:
            parts.append(topic_of(headline.text))
    line = ""
    for part in unique(parts):
        longer = SEPARATOR.join(p for p in (line, part) if p)
        if len(longer) > PREHEADER_LIMIT:
            break
        line = longer
    if not line and parts:
        line = shorten_at_word(parts[0], PREHEADER_LIMIT)
    if len(line) < PREHEADER_MIN and (tagline := one_line(tagline)):
        line = shorten_at_word(f"{line} – {tagline}" if line else tagline, PREHEADER_LIMIT)
    return line


def intro_text(headlines: list[Headline], labels: Labels, configured: str | None) -> str:
    """'heute vor allem: <top story>.' and then the configured intro, or the next topics."""
    if not headlines:
        return configured or ""
    top = headlines[0]
    lead = f"{top.topic} – {top.statement}" if top.statement else top.text
    sentences = [labels.format("intro", story=lead.rstrip(".!?…"))]
    if configured:
        sentences.append(configured)
    elif more := [h.topic for h in headlines[1:] if h.topic]:
        named = list(unique(more))[:INTRO_TOPICS]
        if len(headlines) - 1 > len(named):
            named.append(labels["intro_rest"])
        sentences.append(labels.format("intro_more", topics=labels.join(named)))
    return " ".join(sentences)


def shorten_at_word(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most `limit` characters, marked with '…' when cut.

    Not reduce.headline.shorten_at_phrase: a subject or preheader is read as a list of topics,
    so it is cut at the last whole word that can end one (never on "der", "bei"), not at a phrase.
    """
    if len(text) <= limit:
        return text
    budget = limit - 1  # room for the "…"
    words = text[: budget + 1].split(" ")[:-1] or [text[:budget]]  # the last piece may be cut
    while len(words) > 1 and _dangles(words[-1]):
        words.pop()
    return " ".join(words).rstrip(" ,;:–-") + "…"


def _dangles(word: str) -> bool:
    """An article, preposition or bare dash a shortened text must not end on."""
    bare = word.lower().strip(",;:–-")
    return not bare or bare in _DANGLING
