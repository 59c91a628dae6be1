"""How well the reducer picks quotes, speakers, roles and key facts, against hand-made gold.

Gold: bench/gold/*.json (annotations only; the texts stay in ../shared/corpus/de-news). Two baselines
run in the same process:
- quotes: every passage in quotation marks is a quote; its speaker is the name-like phrase nearest to
  the nearest speech verb ("quote marks + nearest speech verb"); it never gives a role;
- facts: lead-3, the article's first three sentences.

Quote matching: a found quote matches a gold quote when their words (case and punctuation ignored)
are at least 75 % alike (difflib ratio), one to one. The gold predates partial quotes (quoted
phrases inside the reporter's sentence, issue 12): a found partial quote it does not list is
neutral, as quote-eval treats short annotations; scare quotes and titles must still be rejected. Speaker/role accuracy: share of matched quotes
whose speaker/role is one the gold allows (the gold lists alternatives, null meaning "none").
Fact coverage: a gold fact is covered when the text carries all its numbers and at least two thirds
of its key words (a key word matches the start of a word: "kündigungen" matches "Kündigungen,").

    python bench/reduce_quality.py [-v]     (needs ../shared; -v lists every miss)
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from benchlib import CORPUS, GOLD, read_article, require_corpus

from digest.models import Article, Quote
from digest.reduce import RuleReducer
from digest.reduce.facts import choose_facts
from digest.reduce.headline import teaser
from digest.reduce.sentences import split_sentences

MATCH_RATIO = 0.75
SPEECH_VERBS = re.compile(
    r"\b(?:sagte|sagt|erklärte|erklärt|betonte|meinte|so|teilte|schrieb|fügte|warnte|kritisierte|"
    r"zitiert|äußerte|begründete|said|told|says)\b"
)
NAME_LIKE = re.compile(r"[A-ZÄÖÜ][\wäöüß-]+(?:\s+[A-ZÄÖÜ][\wäöüß-]+)*")
BASELINE_MARKS = re.compile(r"„([^“”\"]+)[“”\"]|\"([^\"]+)\"|»([^«]+)«|«([^»]+)»|“([^”]+)”")


@dataclass
class Tally:
    found: int = 0
    gold: int = 0
    matched: int = 0
    speaker_right: int = 0
    role_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.matched if self.matched else 0.0

    @property
    def role_accuracy(self) -> float:
        return self.role_right / self.matched if self.matched else 0.0

    def line(self, name: str) -> str:
        return (
            f"| {name} | {self.precision:.3f} | {self.recall:.3f} | {self.f1:.3f} "
            f"| {self.speaker_accuracy:.3f} | {self.role_accuracy:.3f} |"
        )


def words(text: str) -> str:
    return " ".join(re.findall(r"[\wäöüß]+", text.lower()))


def normal(value: str | None) -> str | None:
    return None if value is None else " ".join(re.sub(r"[„“”\"»«]", "", value).lower().split())


def allowed(value: str | None, options: list[str | None]) -> bool:
    return normal(value) in {normal(o) for o in options}


def score_quotes(tally: Tally, name: str, found: list[Quote], gold: list[dict]) -> None:
    tally.found += len(found)
    tally.gold += len(gold)
    free = list(range(len(gold)))
    for quote in found:
        best, best_ratio = None, MATCH_RATIO
        for i in free:
            ratio = SequenceMatcher(None, words(quote.text), words(gold[i]["text"])).ratio()
            if ratio >= best_ratio:
                best, best_ratio = i, ratio
        if best is None:
            if quote.kind == "partial":
                tally.found -= 1  # quoted words inside a sentence the gold did not list: neutral
                continue
            tally.misses.append(f"{name}: extra quote {quote.text[:70]!r} ({quote.speaker})")
            continue
        free.remove(best)
        tally.matched += 1
        want = gold[best]
        if allowed(quote.speaker, want["speaker"]):
            tally.speaker_right += 1
        else:
            tally.misses.append(
                f"{name}: speaker {quote.speaker!r}, gold {want['speaker']} for {quote.text[:50]!r}"
            )
        if allowed(quote.role, want["role"]):
            tally.role_right += 1
        else:
            tally.misses.append(
                f"{name}: role {quote.role!r}, gold {want['role'][:2]} ({quote.speaker})"
            )
    for i in free:
        tally.misses.append(f"{name}: missed quote {gold[i]['text'][:70]!r}")


def baseline_quotes(article: Article) -> list[Quote]:
    """Quote marks + nearest speech verb: every quoted passage, the name-like words by the verb."""
    quotes = []
    for paragraph in article.paragraphs:
        for match in BASELINE_MARKS.finditer(paragraph):
            text = next(g for g in match.groups() if g is not None)
            window_start = max(0, match.start() - 120)
            before, after = (
                paragraph[window_start : match.start()],
                paragraph[match.end() : match.end() + 120],
            )
            speaker = None
            verb_after = SPEECH_VERBS.search(after)
            verb_before = list(SPEECH_VERBS.finditer(before))
            if verb_after and verb_after.start() < 20:
                name = NAME_LIKE.search(after, verb_after.end())
                speaker = name.group(0) if name else None
            elif verb_before:
                names = NAME_LIKE.findall(before[: verb_before[-1].start()])
                speaker = names[-1] if names else None
            quotes.append(Quote(text.strip(), speaker, None))
    return quotes


NUMBER = re.compile(r"\d[\d.,]*\d|\d")


def numbers_in(text: str) -> set[str]:
    found = set()
    for raw in NUMBER.findall(text):
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
            raw = raw.replace(".", "")
        found.add(raw.rstrip(".,"))
    return found


def covered(fact: dict, text: str) -> bool:
    lower = text.lower()
    if not set(fact["numbers"]) <= numbers_in(text):
        return False
    keys = fact["words"]
    hits = sum(1 for w in keys if re.search(r"(?<![\wäöüß])" + re.escape(w.lower()), lower))
    return hits >= math.ceil(len(keys) * 2 / 3 - 1e-9)


@dataclass
class Results:
    articles: int
    ours: Tally
    baseline: Tally
    scare_rejected: int
    scare_total: int
    scare_phrases: int
    facts: dict[str, float]
    fact_total: int
    fact_misses: list[str]


def gold_files() -> list:
    return sorted(g for g in GOLD.glob("*.json") if g.name != "sentences.json")


def evaluate() -> Results:
    """Run our reducer and both baselines over every gold article."""
    require_corpus()
    ours, baseline = Tally(), Tally()
    rejected = scare_total = phrases = 0
    fact_counts = {"ours_facts": 0, "lead3": 0, "ours_shown": 0, "lead_shown": 0, "ours_any3": 0}
    fact_total = 0
    fact_misses: list[str] = []
    reducer = RuleReducer(max_quotes=100)
    golds = gold_files()
    for gold_file in golds:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        article = read_article(CORPUS / gold["article"])
        story = reducer.reduce(article)
        name = gold["article"]
        score_quotes(ours, name, list(story.quotes), gold["quotes"])
        score_quotes(baseline, name, baseline_quotes(article), gold["quotes"])
        kinds = {words(q.text): q.kind for q in story.quotes}
        for scare in gold["not_quotes"]:
            scare_total += 1
            found_as = kinds.get(words(scare))
            rejected += found_as is None
            # issue 12: a phrase of five or more words quoted inside the reporter's sentence is
            # a partial quote, whatever this older gold called it
            phrases += found_as == "partial" and len(words(scare).split()) >= 5
        sentences = [s for p in article.paragraphs for s in split_sentences(p)]
        teaser_count = teaser(sentences)[1]
        following = sentences[teaser_count : teaser_count + len(story.facts)]
        views = {
            "ours_facts": " ".join(story.facts),
            "lead3": " ".join(sentences[:3]),
            "ours_any3": " ".join(choose_facts(sentences, count=3)),
            "ours_shown": story.teaser + " " + " ".join(story.facts),
            "lead_shown": story.teaser + " " + " ".join(following),
        }
        for fact in gold["facts"]:
            fact_total += 1
            for view, text in views.items():
                fact_counts[view] += covered(fact, text)
            if not covered(fact, views["ours_shown"]):
                fact_misses.append(f"{name}: fact not covered: {fact['about']}")
    share = {view: count / fact_total for view, count in fact_counts.items()}
    return Results(
        len(golds), ours, baseline, rejected, scare_total, phrases, share, fact_total, fact_misses
    )


def main() -> None:
    results = evaluate()
    ours, share = results.ours, results.facts
    print(
        f"gold: {results.articles} articles, {ours.gold} quotes, {results.scare_total} scare "
        f"quotes/titles, {results.fact_total} facts\n"
    )
    print("| quotes | precision | recall | F1 | speaker acc. | role acc. |")
    print("|---|---|---|---|---|---|")
    print(ours.line("digest RuleReducer"))
    print(results.baseline.line("baseline: quote marks + nearest speech verb"))
    print(
        f"\nscare quotes, titles and names rejected: {results.scare_rejected}/{results.scare_total}"
        f" (and {results.scare_phrases} more are phrases of 5+ words inside the reporter's"
        " sentence, now partial quotes)\n"
    )
    print(
        "| key facts: share of gold facts covered | 3 sentences from the whole text | teaser + facts, as shown |"
    )
    print("|---|---|---|")
    print(f"| digest (facts.choose_facts) | {share['ours_any3']:.3f} | {share['ours_shown']:.3f} |")
    print(
        f"| baseline: lead-3 (as shown: same teaser, then the next sentences) | {share['lead3']:.3f} "
        f"| {share['lead_shown']:.3f} |"
    )
    print(f"\n(our facts alone, which leave out the teaser's sentences: {share['ours_facts']:.3f})")
    if "-v" in sys.argv:
        print()
        print("\n".join(ours.misses + results.fact_misses))


if __name__ == "__main__":
    main()
